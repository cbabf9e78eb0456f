"""Experiment: continue the shipped encoder's top layers on English alone, on the CPU.

    python3 scripts/encoder/english_top.py target/encoder/carry data/abuse/encoder.safetensors OUT \
        --from-layer 8 --epochs 3

The lower layers stay as shipped, so their output for each English text is computed once; the
layers from `--from-layer` up and the head are then fine-tuned on OLID train (and Davidson at a
fifth of the weight with `--davidson`), measuring OLID dev after each epoch. Writes the dev
probabilities of each epoch to OUT/dev-K.npy and the best state to OUT/top.npz.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import model_file  # noqa: E402
from finetune import (  # noqa: E402
    Encoder,
    batch,
    best_macro_f1,
    load_base,
    macro_f1,
    sequences,
    warm_up_then_decay,
)


def shipped_encoder(carry, shipped, layers):
    config, weights = load_base(os.path.join(carry, "base.npz"))
    _cfg, _pieces, _scores, _norm, tuned = model_file.load(shipped)
    for name, value in tuned.items():
        weights[name] = value
    weights["emb.type"] = tuned["emb.type"].reshape(-1)
    model = Encoder(config, layers, dropout=0.1)
    model.load(weights)
    with torch.no_grad():
        model.head.weight.copy_(torch.from_numpy(tuned["head.w"]).reshape(1, -1))
        model.head.bias.copy_(torch.from_numpy(tuned["head.b"]).reshape(-1))
    return config, model


def lower_outputs(model, seqs, index, upto, pad):
    """Each text's hidden states after the first `upto` layers (no padding kept)."""
    model.eval()
    out = {}
    order = sorted(index, key=lambda i: len(seqs[i]))
    with torch.no_grad():
        for at in range(0, len(order), 64):
            chunk = order[at : at + 64]
            ids, mask = batch(seqs, chunk, pad, "cpu")
            x = model.embed(ids)
            for layer in model.layers[:upto]:
                x = layer(x, mask)
            for row, i in enumerate(chunk):
                out[i] = x[row, : len(seqs[i])].clone()
    return out


def top_logits(model, hidden, index, start):
    longest = max(hidden[i].shape[0] for i in index)
    h = hidden[index[0]].shape[1]
    x = torch.zeros(len(index), longest, h)
    mask = torch.zeros(len(index), longest, dtype=torch.bool)
    for row, i in enumerate(index):
        n = hidden[i].shape[0]
        x[row, :n] = hidden[i]
        mask[row, :n] = True
    for layer in model.layers[start:]:
        x = layer(x, mask)
    return model.classify(x, mask)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("carry")
    parser.add_argument("shipped")
    parser.add_argument("out")
    parser.add_argument("--from-layer", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--head-lr", type=float, default=1e-4)
    parser.add_argument("--davidson", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    config, model = shipped_encoder(args.carry, args.shipped, 12)
    data = dict(np.load(os.path.join(args.carry, "data.npz")))
    seqs = sequences(data, config["bos"], config["eos"])
    sources = data["sources"]
    wanted = (sources == 1) | ((sources == 2) if args.davidson else False)
    train = np.flatnonzero(wanted & ~data["dev"])
    dev = np.flatnonzero(data["dev"] & data["english"])
    labels = torch.tensor(data["labels"], dtype=torch.float32)
    weight_of = torch.tensor(np.where(sources == 2, 0.2, 1.0), dtype=torch.float32)
    y_dev = data["labels"][dev] == 1

    started = time.time()
    hidden = lower_outputs(model, seqs, np.concatenate([train, dev]), args.from_layer, config["pad"])
    print(f"lower layers: {time.time() - started:.0f} s", flush=True)

    def predict():
        model.eval()
        probs = {}
        with torch.no_grad():
            for at in range(0, len(dev), 128):
                chunk = dev[at : at + 128]
                probs.update(zip(chunk, torch.sigmoid(top_logits(model, hidden, chunk, args.from_layer)).numpy()))
        model.train()
        return np.array([probs[i] for i in dev])

    p = predict()
    print(json.dumps({"epoch": 0, "at_0.5": macro_f1(p, y_dev, 0.5), "best": best_macro_f1(p, y_dev)}), flush=True)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "dev-0.npy"), p)

    top = [p for layer in model.layers[args.from_layer :] for p in layer.parameters()]
    optimiser = torch.optim.AdamW(
        [{"params": top, "lr": args.lr}, {"params": list(model.head.parameters()), "lr": args.head_lr}],
        weight_decay=0.01,
    )
    schedule = warm_up_then_decay(optimiser, args.epochs * math.ceil(len(train) / args.batch))
    model.train()
    best = None
    for epoch in range(args.epochs):
        order = rng.permutation(train)
        for at in range(0, len(order), args.batch):
            index = order[at : at + args.batch]
            logits = top_logits(model, hidden, index, args.from_layer)
            loss = F.binary_cross_entropy_with_logits(logits, labels[index], weight=weight_of[index])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top, 1.0)
            optimiser.step()
            schedule.step()
        p = predict()
        row = {
            "epoch": epoch + 1,
            "at_0.5": macro_f1(p, y_dev, 0.5),
            "best": best_macro_f1(p, y_dev),
            "seconds": round(time.time() - started),
        }
        print(json.dumps(row), flush=True)
        np.save(os.path.join(args.out, f"dev-{epoch + 1}.npy"), p)
        if best is None or row["best"][0] > best:
            best = row["best"][0]
            state = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
            np.savez(os.path.join(args.out, "top.npz"), **state)
    np.save(os.path.join(args.out, "dev-index.npy"), dev)


if __name__ == "__main__":
    main()
