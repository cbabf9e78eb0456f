#!/usr/bin/env python3
"""Measures `suzgec spell` and the `spelling` rule.

  python3 bench/spell_eval.py tweets ../shared/datasets/turkishtweets2020/dev.jsonl [--suzgec BIN]
  python3 bench/spell_eval.py sentences ../shared/datasets/ud-treebanks-tr/dev.jsonl [--suzgec BIN]

tweets: detection precision / recall / F1 on the #Turki$hTweets preprocessed tokens. A token is
positive when one of its tags is an ill-formed type other than `deascii` (typed without Turkish
letters is the no_turkish_chars rule's business); tokens whose only ill-formed tag is `deascii` are
left out of the counts. A token is flagged when an error span overlaps it. Top-1: the first
suggestion equals the gold correction (`|` read as a space; compared in Turkish lower case), over
all positive tokens and over the flagged ones.

sentences: the share of sentences on which the `spelling` rule fires (`suzgec check --jsonl`) and
the share of words `suzgec spell` flags.
"""
import argparse
import json
import subprocess
import sys


def tr_lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


def run(binary, args, lines):
    res = subprocess.run([binary] + args, input="".join(l + "\n" for l in lines),
                         capture_output=True, text=True, check=True)
    return [json.loads(l) for l in res.stdout.splitlines()]


def token_offsets(text):
    out, at = [], 0
    for tok in text.split(" "):
        out.append((at, at + len(tok)))
        at += len(tok) + 1
    return out


def tweets(path, binary, show):
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    # `|` in a preprocessed token marks a word the author split (`bir|çok`): it was a space.
    texts = [" ".join(r["preprocessed"].split()) for r in rows]
    typed = [t.replace("|", " ") for t in texts]
    results = run(binary, ["spell", "--language", "tr", "--suggestions", "1"], typed)
    tp = fp = fn = 0
    correct = 0
    positives = 0
    misses, false_alarms, wrong_fix = [], [], []
    for row, text, res in zip(rows, texts, results):
        toks = text.split(" ")
        gold = " ".join(row["corrected"].split()).split(" ")
        aligned = len(gold) == len(toks)
        offsets = token_offsets(text)
        for i, (tok, tag) in enumerate(zip(toks, row["tags"])):
            types = [t.split("-", 2)[2] for t in tag.split("&") if "ill_formed" in t]
            positive = any(t != "deascii" for t in types)
            if types and not positive:
                continue
            s, e = offsets[i]
            hits = [x for x in res["errors"] if x["start"] < e and s < x["end"]]
            flagged = bool(hits)
            if positive:
                positives += 1
                if flagged:
                    tp += 1
                else:
                    fn += 1
                    misses.append((tok, tag))
                if aligned and flagged:
                    want = tr_lower(gold[i].replace("|", "" if "|" in tok else " "))
                    sugg = hits[0]["suggestions"][:1]
                    # A span wider than the token (a clitic fix spanning two words) is compared whole.
                    got = tr_lower(sugg[0]) if sugg else ""
                    if got == want:
                        correct += 1
                    else:
                        wrong_fix.append((tok, want, got, tag))
            elif flagged:
                fp += 1
                false_alarms.append((tok, tag))
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    print(f"tweets: {len(rows)} tweets, {positives} ill-formed tokens (not deascii-only)")
    print(f"detection: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})")
    print(f"top-1 correction: {correct / max(positives, 1):.3f} of all ill-formed tokens, "
          f"{correct / max(tp, 1):.3f} of the flagged ones")
    if show:
        from collections import Counter
        print("false alarms:", Counter(t for t, _ in false_alarms).most_common(60))
        print("misses:", Counter(f"{t} [{g}]" for t, g in misses).most_common(60))
        print("wrong fixes:", wrong_fix[:150])


def sentences(path, binary, show):
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    texts = [r["text"] for r in rows]
    verdicts = run(binary, ["check", "--jsonl"], [json.dumps({"text": t}, ensure_ascii=False) for t in texts])
    fired = [v for v in verdicts if any(r["rule"] == "spelling" for r in v["verdict"]["reasons"])]
    spelled = run(binary, ["spell", "--language", "tr"], texts)
    words = sum(len(t.split()) for t in texts)
    flagged = sum(len(s["errors"]) for s in spelled)
    with_error = sum(1 for s in spelled if s["errors"])
    print(f"sentences: {len(rows)}; spelling rule fires on {len(fired)} ({100 * len(fired) / len(rows):.2f}%)")
    print(f"words flagged by `suzgec spell`: {flagged} of {words} ({100 * flagged / words:.2f}%); "
          f"sentences with at least one: {with_error} ({100 * with_error / len(rows):.2f}%)")
    if show:
        from collections import Counter
        print(Counter((e["word"], e["kind"], tuple(e["suggestions"][:1])) for s in spelled for e in s["errors"]).most_common(150))
        for v in fired[:40]:
            print(v["text"], [(s["text"], s.get("replacement")) for r in v["verdict"]["reasons"] if r["rule"] == "spelling" for s in r["spans"]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["tweets", "sentences"])
    ap.add_argument("path")
    ap.add_argument("--suzgec", default="target/release/suzgec")
    ap.add_argument("--show", action="store_true", help="print the errors")
    a = ap.parse_args()
    (tweets if a.mode == "tweets" else sentences)(a.path, a.suzgec, a.show)


if __name__ == "__main__":
    sys.exit(main())
