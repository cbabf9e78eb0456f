"""How early the encoder's answer is known: heads at intermediate layers (issue 20, "stop early").

Reads what `cargo run --release -p suzgec-core --example encoder_layers` writes for a training set
and a measuring set (the comments the built-in policy sends to the encoder, with the mean token
vector after every layer and the final `abusive` logit), fits at each layer a ridge regression from
that layer's vector to the final logit on the training set, and reports on the measuring set:

- how far the prediction is from the final logit (median and 99th percentile of the error);
- with a margin per layer (the 99.5th percentile of the error on a fifth of the training set held
  out from the fit), the share of comments whose prediction lies beyond the margin on one side of
  the point where the encoder's answer turns the abuse rules' decision (the mean of the fast and the
  encoder probability reaching `review_at` = 0.5, i.e. the encoder at 1 - fast): those could leave
  at that layer without changing their decision, unless the prediction is off by more than the margin;
- how many decisions such exits would change, and the share of the encoder's layers they save.

    python3 scripts/encoder/exits.py TRAIN.f32 TRAIN.jsonl DEV.f32 DEV.jsonl [--export]

With `--export`, writes the exits after layers 6 to 11 (each fitted on the training rows not held
out, with its margin from the held-out ones) to `data/abuse/encoder_exits.safetensors`, which the
encoder reads (`suzgec_encoder::Encoder::reading`). Needs numpy.
"""

import hashlib
import json
import struct
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
EXPORTED_LAYERS = [6, 7, 8, 9, 10, 11]

HIDDEN = 384
LAYERS = 12
RIDGE = 1.0
MARGIN_QUANTILE = 0.995
REVIEW_AT = 0.5


def load(vectors, meta):
    rows = [json.loads(line) for line in open(meta, encoding="utf-8")]
    x = np.fromfile(vectors, dtype="<f4").reshape(len(rows), LAYERS, HIDDEN)
    logit = np.array([r["logit"] for r in rows], dtype=np.float64)
    fast = np.array([r["fast"] for r in rows], dtype=np.float64)
    return x.astype(np.float64), logit, fast


def fit(x, y):
    x1 = np.hstack([x, np.ones((len(x), 1))])
    a = x1.T @ x1 + RIDGE * np.eye(x1.shape[1])
    return np.linalg.solve(a, x1.T @ y)


def predict(w, x):
    return x @ w[:-1] + w[-1]


def main():
    train_x, train_y, _ = load(sys.argv[1], sys.argv[2])
    dev_x, dev_y, dev_fast = load(sys.argv[3], sys.argv[4])
    rng = np.random.default_rng(20261207)
    held = rng.random(len(train_y)) < 0.2
    turn = np.log((1 - dev_fast) / dev_fast)  # the encoder logit where the decision turns
    final_side = dev_y >= turn
    left = np.full(len(dev_y), LAYERS)  # the layer each comment leaves at (12: the last)
    changed = np.zeros(len(dev_y), dtype=bool)
    print(f"training {len(train_y)} comments, measuring {len(dev_y)}")
    print("layer | error median | error p99 | margin | leave here | of them, decision changed")
    exits = []
    for layer in range(1, LAYERS):
        w = fit(train_x[~held, layer - 1], train_y[~held])
        margin = np.quantile(np.abs(predict(w, train_x[held, layer - 1]) - train_y[held]),
                             MARGIN_QUANTILE)
        pred = predict(w, dev_x[:, layer - 1])
        error = np.abs(pred - dev_y)
        sure = (np.abs(pred - turn) > margin) & (left == LAYERS)
        left[sure] = layer
        changed[sure] = (pred[sure] >= turn[sure]) != final_side[sure]
        print(f"{layer:5} | {np.median(error):12.2f} | {np.quantile(error, 0.99):9.2f} | "
              f"{margin:6.2f} | {sure.mean():10.1%} | {changed[sure].sum()}")
        exits.append((layer, w, margin))
    saved = (LAYERS - left).sum() / (LAYERS * len(left))
    print(f"layers saved: {saved:.1%}; decisions changed: {changed.sum()} of {len(left)}")
    if "--export" in sys.argv:
        export([e for e in exits if e[0] in EXPORTED_LAYERS])


def export(exits):
    """Writes the exits as a safetensors file (an 8-byte header length, a JSON header, the data)."""
    encoder = (ROOT / "data/abuse/encoder.safetensors").read_bytes()
    tensors = {
        "exit.w": np.array([w[:-1] for _, w, _ in exits], dtype="<f4"),
        "exit.b": np.array([w[-1] for _, w, _ in exits], dtype="<f4"),
        "exit.margin": np.array([m for _, _, m in exits], dtype="<f4"),
    }
    header = {"__metadata__": {
        "layers": json.dumps([layer for layer, _, _ in exits]),
        "encoder_sha256": hashlib.sha256(encoder).hexdigest(),
        "made_by": "scripts/encoder/exits.py (data/abuse/ENCODER.md)",
    }}
    data, offset = b"", 0
    for name, array in tensors.items():
        raw = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    out = ROOT / "data/abuse/encoder_exits.safetensors"
    out.write_bytes(struct.pack("<Q", len(text)) + text + data)
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
