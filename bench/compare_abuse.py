#!/usr/bin/env python3
"""Side-by-side comparison of abuse detectors (Süzgeç and peers) on labelled tweets.

Every system reads the same JSON Lines ({"text": ...}) on stdin and writes the
objects back with its answer; a text counts as flagged by Süzgeç when any of
the four abuse rules (swearing, insult, offensive, belief_attack) is among the
verdict's reasons (review or reject), and by a peer when its `offensive` field
is true. The script prints, per dataset and system, precision / recall / F1 of
the offensive class, macro-F1 over both classes, and texts per second (wall
clock, including the process start), and writes one JSON line per text and
system to --out (dataset, id, gold label, system, flagged).

Datasets (dev splits, fixed):
  * offenseval-tr: ../shared/datasets/offenseval2020-tr/dev.jsonl (label OFF/NOT)
  * olid-en: ../shared/datasets/olid2019-en/dev.jsonl (label OFF/NOT)

Systems:
  * Süzgeç: `--suzgec-cmd` (default `target/release/suzgec check --jsonl`).
  * peers: `--peer NAME=COMMAND`, any number; COMMAND is one of the wrappers in
    ../shared/peers/ (they add `offensive`).

Example:
  python3 bench/compare_abuse.py --out /tmp/abuse-compare.jsonl \\
      --peer "glin-profanity=/tmp/peers-venv/bin/python ../shared/peers/glin-profanity.py" \\
      --peer "guardllm-tr=/tmp/peers-venv/bin/python ../shared/peers/guardllm-tr.py" \\
      --peer "alt-profanity-check=/tmp/peers-venv/bin/python ../shared/peers/alt-profanity-check.py" \\
      --peer "better-profanity=/tmp/peers-venv/bin/python ../shared/peers/better-profanity.py"
"""
import argparse
import json
import os
import subprocess
import sys
import time

SHARED = os.environ.get("SUZGEC_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
ABUSE_RULES = {"swearing", "insult", "offensive", "belief_attack"}
DATASETS = {
    "offenseval-tr": "datasets/offenseval2020-tr/dev.jsonl",
    "olid-en": "datasets/olid2019-en/dev.jsonl",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [(r.get("id"), r["text"], r["label"] == "OFF") for r in rows]


def run(cmd, texts):
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts).encode()
    start = time.perf_counter()
    proc = subprocess.run(cmd, shell=True, input=data, stdout=subprocess.PIPE, check=True)
    seconds = time.perf_counter() - start
    out = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    if len(out) != len(texts):
        sys.exit(f"{cmd}: {len(out)} lines out for {len(texts)} in")
    return out, seconds


def suzgec_flagged(obj):
    verdict = obj.get("verdict") or {}
    return any(r["rule"] in ABUSE_RULES for r in verdict.get("reasons", []))


def peer_flagged(obj):
    return bool(obj.get("offensive"))


def scores(gold, pred):
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum((not g) and p for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    tn = len(gold) - tp - fp - fn

    def f1(tp, fp, fn):
        return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1(tp, fp, fn), (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suzgec-cmd", default="target/release/suzgec check --jsonl")
    ap.add_argument("--peer", action="append", default=[], help="NAME=COMMAND")
    ap.add_argument("--dataset", action="append", choices=sorted(DATASETS), help="default: all")
    ap.add_argument("--out", help="JSON Lines of every prediction")
    args = ap.parse_args()
    systems = [("suzgec", args.suzgec_cmd, suzgec_flagged)]
    for spec in args.peer:
        name, _, cmd = spec.partition("=")
        systems.append((name, cmd, peer_flagged))
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    print(f"{'dataset':<14} {'system':<20} {'P(OFF)':>7} {'R(OFF)':>7} {'F1(OFF)':>8} {'macro-F1':>9} {'texts/s':>8}")
    for dataset in args.dataset or sorted(DATASETS):
        rows = load(os.path.join(SHARED, DATASETS[dataset]))
        texts = [t for _, t, _ in rows]
        gold = [g for _, _, g in rows]
        for name, cmd, flagged in systems:
            objs, seconds = run(cmd, texts)
            pred = [flagged(o) for o in objs]
            p, r, f, m = scores(gold, pred)
            print(f"{dataset:<14} {name:<20} {p:>7.3f} {r:>7.3f} {f:>8.3f} {m:>9.3f} {len(texts) / seconds:>8.0f}")
            if out:
                for (id_, _, g), fl in zip(rows, pred):
                    out.write(json.dumps({"dataset": dataset, "id": id_, "gold": g, "system": name, "flagged": fl}) + "\n")
    if out:
        out.close()


if __name__ == "__main__":
    main()
