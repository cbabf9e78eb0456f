#!/usr/bin/env python3
"""Side-by-side comparison of Turkish-letter restorers (Süzgeç and peers).

Builds the measurement sets from correct text, ASCII-fies them (ç ğ ı ö ş ü
Ç Ğ İ Ö Ş Ü -> c g i o s u C G I O S U, nothing else), runs every system on
the same input and prints a table: word accuracy per dataset (whitespace
tokens restored equal to the original) and sentences per second (wall
clock, including the process start), then the most frequent errors by
letter and by word for each system.

Systems:
  * Süzgeç: `--suzgec-cmd` (default `target/release/suzgec restore`) reads
    one text per line on stdin and writes one restored line per line.
  * peers: `--peer NAME=COMMAND`, any number; COMMAND reads JSONL {"text": ...}
    on stdin and writes the objects with `restored` added (the wrappers in
    ../shared/peers/).

Datasets (fixed, deterministic):
  * ud: every sentence of ud-treebanks-tr/dev.jsonl (BOUN, Penn, Kenet dev).
    Süzgeç's shipped model trains on these sentences, so its ud figure here
    shows what it memorised; bench/restore_ud_cv.py gives the held-out one.
  * kemik: every 40th article of kemik_42bin_haber (line numbers 0, 40, 80,
    ...), skipping articles that also appear in TTC-3600 (same first 120
    alphanumeric characters), because TTC-3600 is training text; one article
    per input line.

Example:
  python3 bench/compare_restore.py \\
      --peer "zemberek=/tmp/peers-venv/bin/python ../shared/peers/zemberek-deasciifier.py" \\
      --peer "yuret-js=node ../shared/peers/turkish-deasciifier.js"
"""
import argparse
import collections
import json
import os
import re
import shlex
import subprocess
import sys
import time

SHARED = os.environ.get("SUZGEC_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def asciify(text):
    return text.translate(ASCII)


def alnum_prefix(text, n=120):
    return "".join(c for c in text.lower() if c.isalnum())[:n]


def load_ud(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l)["text"] for l in f if l.strip()]


def load_kemik(path, ttc_path, every, limit):
    ttc = set()
    if ttc_path and os.path.exists(ttc_path):
        with open(ttc_path, encoding="utf-8") as f:
            for line in f:
                ttc.add(alnum_prefix(line.rstrip("\n").split("\t")[-1]))
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every:
                continue
            text = line.rstrip("\n").split("\t", 1)[-1]
            if alnum_prefix(text) in ttc:
                continue
            out.append(text)
            if limit and len(out) >= limit:
                break
    return out


def one_line(text):
    return re.sub(r"[\r\n\u2028\u2029\x85\x0b\x0c]", " ", text)


def run_lines(cmd, texts):
    inp = "".join(one_line(t) + "\n" for t in texts).encode("utf-8")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, shell=True, input=inp, stdout=subprocess.PIPE, check=True)
    dt = time.perf_counter() - t0
    out = p.stdout.decode("utf-8", "replace").split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(texts):
        sys.exit(f"{cmd}: {len(out)} output lines for {len(texts)} inputs")
    return out, dt


def run_jsonl(cmd, texts):
    inp = "".join(json.dumps({"id": i, "text": one_line(t)}, ensure_ascii=False) + "\n"
                  for i, t in enumerate(texts)).encode("utf-8")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, shell=True, input=inp, stdout=subprocess.PIPE, check=True)
    dt = time.perf_counter() - t0
    got = {}
    for line in p.stdout.decode("utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            got[obj["id"]] = obj.get("restored", obj["text"])
    return [got.get(i, "") for i in range(len(texts))], dt


def score(gold, restored):
    words = correct = 0
    letters = collections.Counter()
    wrong = collections.Counter()
    for g, r in zip(gold, restored):
        gw, rw = one_line(g).split(), r.split()
        if len(gw) != len(rw):
            # Treat a line whose tokens changed as all wrong beyond the common prefix.
            pass
        for i, a in enumerate(gw):
            words += 1
            b = rw[i] if i < len(rw) else ""
            if a == b:
                correct += 1
                continue
            wrong[f"{a}→{b}"] += 1
            for x, y in zip(a, b):
                if x != y:
                    letters[f"{x}→{y}"] += 1
    return words, correct, letters, wrong


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suzgec-cmd", default="target/release/suzgec restore")
    ap.add_argument("--no-suzgec", action="store_true")
    ap.add_argument("--peer", action="append", default=[], metavar="NAME=COMMAND")
    ap.add_argument("--ud", default=os.path.join(SHARED, "datasets/ud-treebanks-tr/dev.jsonl"))
    ap.add_argument("--kemik", default=os.path.join(SHARED, "corpora/kemik_42bin_haber/42bin_haber.txt"))
    ap.add_argument("--ttc", default=os.path.join(SHARED, "corpora/ttc3600/ttc3600.txt"))
    ap.add_argument("--kemik-every", type=int, default=40)
    ap.add_argument("--kemik-limit", type=int, default=0, help="at most this many articles (0: all sampled)")
    ap.add_argument("--datasets", default="ud,kemik")
    ap.add_argument("--top", type=int, default=12, help="errors to list per system and dataset")
    ap.add_argument("--write-gold", metavar="DIR", help="also write each dataset's gold text as DIR/NAME.jsonl")
    args = ap.parse_args()

    data = {}
    for name in args.datasets.split(","):
        if name == "ud":
            data["ud"] = load_ud(args.ud)
        elif name == "kemik":
            data["kemik"] = load_kemik(args.kemik, args.ttc, args.kemik_every, args.kemik_limit)
        else:
            sys.exit(f"unknown dataset {name}")
    if args.write_gold:
        os.makedirs(args.write_gold, exist_ok=True)
        for name, texts in data.items():
            with open(os.path.join(args.write_gold, name + ".jsonl"), "w", encoding="utf-8") as f:
                for t in texts:
                    f.write(json.dumps({"text": one_line(t)}, ensure_ascii=False) + "\n")

    systems = []
    if not args.no_suzgec:
        systems.append(("suzgec", args.suzgec_cmd, run_lines))
    for p in args.peer:
        name, _, cmd = p.partition("=")
        systems.append((name, cmd, run_jsonl))

    results = {}
    for sname, cmd, runner in systems:
        for dname, gold in data.items():
            inputs = [asciify(t) for t in gold]
            restored, dt = runner(cmd, inputs)
            words, correct, letters, wrong = score(gold, restored)
            results[(sname, dname)] = (words, correct, len(gold) / dt, letters, wrong)
            print(f"# {sname} on {dname}: {correct}/{words} in {dt:.2f}s", file=sys.stderr)

    dnames = list(data)
    head = "| system | " + " | ".join(f"{d} word acc. | {d} errors/100 words | {d} lines/s" for d in dnames) + " |"
    print(head)
    print("|" + "---|" * (1 + 3 * len(dnames)))
    for sname, _, _ in systems:
        cells = []
        for d in dnames:
            words, correct, speed, _, _ = results[(sname, d)]
            cells += [f"{100 * correct / words:.2f}%", f"{100 * (words - correct) / words:.2f}", f"{speed:,.0f}"]
        print(f"| {sname} | " + " | ".join(cells) + " |")
    print()
    print("Datasets: " + ", ".join(f"{d} = {len(data[d])} lines, {results[(systems[0][0], d)][0]} words" for d in dnames)
          if systems else "")
    if "ud" in dnames and any(sname == "suzgec" for sname, _, _ in systems):
        print("Süzgeç's model trains on the ud sentences: `python3 bench/restore_ud_cv.py` measures it held out.")
    for sname, _, _ in systems:
        for d in dnames:
            _, _, _, letters, wrong = results[(sname, d)]
            print(f"\n{sname} / {d}")
            print("  letters (gold→restored): " + ", ".join(f"{k} {v}" for k, v in letters.most_common(args.top)))
            print("  words (gold→restored): " + ", ".join(f"{k} {v}" for k, v in wrong.most_common(args.top)))


if __name__ == "__main__":
    main()
