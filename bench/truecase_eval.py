#!/usr/bin/env python3
"""How well the all_caps fix restores the case of Turkish sentences written in capitals.

Edited sentences (UD Turkish dev; news from 42bin_haber, measure-only, which overlaps the training
news by about a thousand articles) are written wholly in capitals with Turkish casing and checked
with `suzgec check --jsonl`; the all_caps reason's replacements are applied and each word is
compared with the sentence as written. Sentences with a word in capitals or in mixed case (`NATO`,
`iPhone`) are left out: acronyms are kept as typed, not restored. Reports word accuracy, the share
of mid-sentence capitals kept (`Irak`, `Ankara Valisi`) and the share of small-letter words given a
capital by mistake.

Usage: bench/truecase_eval.py [--binary target/release/suzgec] [--limit N]
"""
import argparse
import json
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def tr_upper(text):
    return text.replace("i", "İ").replace("ı", "I").upper()


def words(text):
    """Whitespace-separated words with their letters only, and whether each ends a sentence."""
    out = []
    for raw in text.split():
        word = "".join(c for c in raw.split("'")[0].split("’")[0] if c.isalpha())
        out.append((word, raw.rstrip("\"'”»)").endswith((".", "!", "?", "…"))))
    return out


def shape(word):
    if word.islower():
        return "low"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "cap"
    return "other"


def ud_sentences():
    with open(os.path.join(SHARED, "datasets/ud-treebanks-tr/dev.jsonl"), encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def news_sentences(limit, rng):
    docs = []
    with open(os.path.join(SHARED, "corpora/kemik_42bin_haber/42bin_haber.txt"),
              encoding="utf-8", errors="replace") as f:
        for line in f:
            docs.append(line.split("\t", 1)[-1])
    rng.shuffle(docs)
    sentences = []
    for doc in docs:
        # The second sentence: the first often opens with a dateline in capitals (`ANKARA`).
        for sentence in doc.replace("\n", " ").split(". ")[1:2]:
            sentence = sentence.strip()
            if 5 <= len(sentence.split()) <= 40:
                sentences.append(sentence if sentence.endswith(".") else sentence + ".")
        if len(sentences) == limit:
            break
    return sentences


def usable(sentence):
    ws = [w for w, _ in words(sentence) if w]
    return len(ws) >= 3 and all(shape(w) != "other" for w in ws)


def measure(binary, sentences):
    shouted = [tr_upper(s) for s in sentences]
    payload = "".join(json.dumps({"text": s}, ensure_ascii=False) + "\n" for s in shouted)
    out = subprocess.run([binary, "check", "--jsonl"], input=payload.encode(),
                         capture_output=True, check=True).stdout.decode()
    totals = dict(words=0, right=0, caps=0, caps_kept=0, small=0, small_capitalised=0)
    for original, upper, line in zip(sentences, shouted, out.splitlines()):
        verdict = json.loads(line)["verdict"]
        chars = list(upper)
        for reason in verdict["reasons"]:
            if reason["rule"] != "all_caps":
                continue
            for span in sorted(reason["spans"], key=lambda s: -s["start"]):
                if span.get("replacement") is not None:
                    chars[span["start"]:span["end"]] = list(span["replacement"])
        fixed = words("".join(chars))
        truth = words(original)
        if len(fixed) != len(truth):
            continue
        sentence_start = True
        for (want, ends), (got, _) in zip(truth, fixed):
            if not want:
                continue
            totals["words"] += 1
            totals["right"] += want == got
            if not sentence_start:
                if shape(want) == "cap":
                    totals["caps"] += 1
                    totals["caps_kept"] += want == got
                else:
                    totals["small"] += 1
                    totals["small_capitalised"] += shape(got) == "cap"
            sentence_start = ends
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/suzgec"))
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(2026)
    sets = [("UD Turkish dev", [s for s in ud_sentences() if usable(s)][: args.limit]),
            ("42bin_haber news", [s for s in news_sentences(args.limit * 2, rng) if usable(s)][: args.limit])]
    print(f"{'set':<18} {'sentences':>9} {'words':>7} {'word case right':>16} "
          f"{'mid-sentence capitals kept':>27} {'small words capitalised':>24}")
    for name, sentences in sets:
        t = measure(args.binary, sentences)
        print(f"{name:<18} {len(sentences):>9} {t['words']:>7} {t['right'] / t['words']:>16.2%} "
              f"{t['caps_kept'] / max(t['caps'], 1):>19.2%} of {t['caps']:<5} "
              f"{t['small_capitalised'] / max(t['small'], 1):>14.2%} of {t['small']}")


if __name__ == "__main__":
    main()
