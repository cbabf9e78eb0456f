#!/usr/bin/env python3
"""Held-out word accuracy of the restorer on the UD dev sentences, which its shipped model trains on.

The shipped model (`data/restore/model.bin`) learns from the UD dev sentences too, so scoring it on
them would flatter it. This script measures by two-fold cross-validation instead: it splits the
sentences into odd and even lines, trains a model on the other corpora plus one half, scores it on
the other half, and adds up the errors of both halves.

    cargo build --release -p suzgec
    cargo build --release -p suzgec-restore --features train --example restore_eval
    python3 bench/restore_ud_cv.py [--shared ../shared]

Prints each half's line from `restore_eval eval` and the total. Training is deterministic, so the
figure reproduces exactly; it takes about a minute.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# The training text of data/restore/README.md, except the UD dev sentences.
CORPORA = [
    "corpora/ttc3600/ttc3600.txt",
    "corpora/product_reviews_neg_fthbrmnby/reviews_neg.txt",
    "corpora/ataturk_speeches/ataturk_speeches_tr.txt",
    "corpora/sadedegel_news/sadedegel_raw.txt",
    "datasets/offenseval2020-tr/train.jsonl",
]
UD_DEV = "datasets/ud-treebanks-tr/dev.jsonl"


def train_model(suzgec, corpora, output):
    """Trains a restorer model on `corpora` with `suzgec train restore`; returns its report."""
    command = [suzgec, "train", "restore", "--output", output]
    for corpus in corpora:
        command += ["--corpus", corpus]
    return subprocess.run(command, check=True, capture_output=True, text=True).stderr


def score(evaluator, model, gold):
    """`restore_eval eval` of `model` on `gold`, with the dictionary: (words wrong, words, its line)."""
    scored = subprocess.run(
        [evaluator, "eval", model, gold],
        check=True,
        capture_output=True,
        text=True,
        env=dict(os.environ, LEXICON="1"),
    )
    line = next((l for l in scored.stdout.splitlines() if "words wrong" in l), "")
    found = re.search(r"\((\d+) / (\d+) words wrong", line)
    if not found:
        sys.exit(f"unexpected restore_eval output: {scored.stdout}")
    return int(found.group(1)), int(found.group(2)), line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", help="the shared data folder")
    parser.add_argument("--suzgec", default="target/release/suzgec")
    parser.add_argument("--eval", default="target/release/examples/restore_eval")
    args = parser.parse_args()

    with open(os.path.join(args.shared, UD_DEV), encoding="utf-8") as f:
        lines = f.readlines()
    corpora = [os.path.join(args.shared, c) for c in CORPORA]
    wrong = words = 0
    with tempfile.TemporaryDirectory() as tmp:
        halves = [os.path.join(tmp, f"half{i}.jsonl") for i in range(2)]
        for i, path in enumerate(halves):
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(lines[i::2])
        for i, path in enumerate(halves):
            model = os.path.join(tmp, f"model{i}.bin")
            train_model(args.suzgec, corpora + [path], model)
            half_wrong, half_words, line = score(args.eval, model, halves[1 - i])
            print(f"trained with half {i}, scored on half {1 - i}: {line.split(': ', 1)[1]}")
            wrong += half_wrong
            words += half_words
    print(f"UD dev, two-fold: {wrong} of {words} words wrong, word accuracy {1 - wrong / words:.2%}")


if __name__ == "__main__":
    main()
