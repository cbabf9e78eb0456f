#!/usr/bin/env python3
"""How the restorer's errors fall as its training text grows: the learning curve.

Trains a model on every k-th document (line) of each training corpus but the UD dev sentences, for
k = 8, 4, 2 and 1, and scores each on the UD dev sentences and the Kemik news (held out from all of
them), with the Turkish dictionary. The fall of the errors per doubling of the text tells how much
more text a given accuracy needs.

    cargo build --release -p suzgec
    cargo build --release -p suzgec-restore --features train --example restore_eval
    python3 bench/compare_restore.py --write-gold /tmp/gold --no-suzgec
    python3 bench/restore_learning_curve.py /tmp/gold [--shared ../shared]

Deterministic; takes a few minutes.
"""

import argparse
import os
import re
import tempfile

from restore_ud_cv import CORPORA, score, train_model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="the folder `compare_restore.py --write-gold` wrote")
    parser.add_argument("--shared", default="../shared", help="the shared data folder")
    parser.add_argument("--suzgec", default="target/release/suzgec")
    parser.add_argument("--eval", default="target/release/examples/restore_eval")
    args = parser.parse_args()

    print("| share of the text | words | ud errors | kemik errors |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for every in (8, 4, 2, 1):
            parts = []
            for corpus in CORPORA:
                path = os.path.join(args.shared, corpus)
                part = os.path.join(tmp, f"{every}-{os.path.basename(corpus)}")
                with open(path, encoding="utf-8") as f, open(part, "w", encoding="utf-8") as out:
                    out.writelines(line for n, line in enumerate(f, 1) if n % every == 0)
                parts.append(part)
            model = os.path.join(tmp, "model.bin")
            words = re.search(r"(\d+) words", train_model(args.suzgec, parts, model))
            ud, _, _ = score(args.eval, model, os.path.join(args.gold, "ud.jsonl"))
            kemik, _, _ = score(args.eval, model, os.path.join(args.gold, "kemik.jsonl"))
            share = "all" if every == 1 else f"1/{every}"
            count = f"{int(words.group(1)):,}" if words else "?"
            print(f"| {share} | {count} | {ud:,} | {kemik:,} |", flush=True)


if __name__ == "__main__":
    main()
