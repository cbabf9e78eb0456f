#!/usr/bin/env python3
"""Side-by-side comparison of Turkish spell checkers (Süzgeç and peers) on the same input.

Prints one table:
  * tweets: #Turki$hTweets dev, preprocessed tokens (`|` read as the space the author typed).
    Detection precision / recall / F1 for tokens tagged ill-formed other than `deascii` (tokens
    whose only ill-formed tag is `deascii` are left out: typed without Turkish letters is
    no_turkish_chars' business), and top-1: the first suggestion equals the gold correction, over
    all ill-formed tokens (systems without suggestions: "-").
  * UD: UD Turkish dev sentences (edited text): share of sentences with at least one flagged word
    and share of words flagged. For Süzgeç also the share on which the `spelling` rule fires
    (its tolerance: at least 2 fixable errors and 10% of the words).
  * speed: texts per second on the tweets (wall clock, including start-up).

Systems:
  * Süzgeç: `--suzgec BIN` (default target/release/suzgec), `suzgec spell --language tr`.
  * peers: `--peer NAME=COMMAND`, any number; COMMAND reads JSONL {"text"} and adds `misspelled`
    (a list of words) and optionally `suggestions` ({word: [..]}) — the wrappers in ../shared/peers/.

Example:
  python3 bench/compare_spell.py \\
      --peer "hunspell=python3 ../shared/peers/hunspell-cli.py --fast tr_TR" \\
      --peer "zemberek=/tmp/peers-venv/bin/python ../shared/peers/zemberek-spellcheck.py --suggest" \\
      --peer "nlptoolkit=/tmp/peers-venv/bin/python ../shared/peers/nlptoolkit-spellcheck.py"
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import time

SHARED = os.environ.get("SUZGEC_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def tr_lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


def run_suzgec(binary, texts):
    started = time.time()
    res = subprocess.run([binary, "spell", "--language", "tr", "--suggestions", "1"],
                         input="".join(t + "\n" for t in texts), capture_output=True, text=True, check=True)
    elapsed = time.time() - started
    out = []
    for line in res.stdout.splitlines():
        o = json.loads(line)
        out.append([(e["start"], e["end"], (e["suggestions"] or [None])[0]) for e in o["errors"]])
    return out, elapsed


def run_peer(command, texts):
    """Runs a peer on all texts; a text the peer crashes on counts as nothing flagged (the run
    restarts after it, up to 50 times)."""
    started = time.time()
    objects = []
    restarts = 0
    while len(objects) < len(texts):
        rest = texts[len(objects):]
        feed = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in rest)
        res = subprocess.run(shlex.split(command), input=feed, capture_output=True, text=True)
        got = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
        objects.extend(got)
        if res.returncode != 0 and len(objects) < len(texts):
            restarts += 1
            if restarts > 50:
                raise RuntimeError(f"{command} keeps failing: {res.stderr[-500:]}")
            objects.append({"misspelled": [], "crashed": True})
    elapsed = time.time() - started
    out = []
    for o, text in zip(objects, texts):
        sugg = o.get("suggestions") or {}
        bad = list(o.get("misspelled", []))
        spans = []
        # Locate each flagged word in the text, in order.
        for m in WORD.finditer(text):
            if bad and m.group(0) == bad[0]:
                w = bad.pop(0)
                s = sugg.get(w) or [None]
                spans.append((m.start(), m.end(), s[0]))
        out.append(spans)
    crashed = sum(1 for o in objects if o.get("crashed"))
    if crashed:
        print(f"note: {command} crashed on {crashed} texts (counted as nothing flagged)", flush=True)
    return out, elapsed


def tweets_scores(rows, typed, spans_per_text, has_suggestions):
    tp = fp = fn = correct = positives = 0
    for row, text, spans in zip(rows, typed, spans_per_text):
        toks = text.split(" ")
        raw_toks = " ".join(row["preprocessed"].split()).split(" ")
        gold = " ".join(row["corrected"].split()).split(" ")
        aligned = len(gold) == len(raw_toks)
        at = 0
        offsets = []
        for tok in raw_toks:
            offsets.append((at, at + len(tok)))
            at += len(tok) + 1
        for i, (tok, tag) in enumerate(zip(raw_toks, row["tags"])):
            types = [t.split("-", 2)[2] for t in tag.split("&") if "ill_formed" in t]
            positive = any(t != "deascii" for t in types)
            if types and not positive:
                continue
            s, e = offsets[i]
            hits = [x for x in spans if x[0] < e and s < x[1]]
            if positive:
                positives += 1
                if hits:
                    tp += 1
                    if aligned and hits[0][2]:
                        want = tr_lower(gold[i].replace("|", "" if "|" in tok else " "))
                        correct += tr_lower(hits[0][2]) == want
                else:
                    fn += 1
            elif hits:
                fp += 1
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    has_suggestions = has_suggestions and any(x[2] for spans in spans_per_text for x in spans)
    top1 = f"{correct / max(positives, 1):.3f}" if has_suggestions else "-"
    return p, r, f1, top1


def ud_scores(texts, spans_per_text):
    words = sum(len(WORD.findall(t)) for t in texts)
    flagged = sum(len(s) for s in spans_per_text)
    sentences = sum(1 for s in spans_per_text if s)
    return 100 * sentences / len(texts), 100 * flagged / max(words, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suzgec", default="target/release/suzgec")
    ap.add_argument("--peer", action="append", default=[], metavar="NAME=COMMAND")
    ap.add_argument("--tweets", default=os.path.join(SHARED, "datasets/turkishtweets2020/dev.jsonl"))
    ap.add_argument("--ud", default=os.path.join(SHARED, "datasets/ud-treebanks-tr/dev.jsonl"))
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.tweets, encoding="utf-8")]
    typed = [" ".join(r["preprocessed"].split()).replace("|", " ") for r in rows]
    ud = [json.loads(l)["text"] for l in open(a.ud, encoding="utf-8")]

    systems = [("Süzgeç", lambda texts: run_suzgec(a.suzgec, texts), True)]
    for spec in a.peer:
        name, command = spec.split("=", 1)
        systems.append((name, lambda texts, c=command: run_peer(c, texts), "--suggest" in command or "--fast" not in command))

    print("| system | tweets P | R | F1 | top-1 | UD sentences flagged | UD words flagged | rule fires on UD | tweets/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, runner, suggests in systems:
        spans, elapsed = runner(typed)
        p, r, f1, top1 = tweets_scores(rows, typed, spans, suggests)
        ud_spans, _ = runner(ud)
        sent, words = ud_scores(ud, ud_spans)
        fires = "-"
        if name == "Süzgeç":
            res = subprocess.run([a.suzgec, "check", "--jsonl"], capture_output=True, text=True, check=True,
                                 input="".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in ud))
            n = sum(1 for l in res.stdout.splitlines()
                    if any(x["rule"] == "spelling" for x in json.loads(l)["verdict"]["reasons"]))
            fires = f"{100 * n / len(ud):.2f}%"
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {top1} | {sent:.2f}% | {words:.2f}% | {fires} | "
              f"{len(typed) / elapsed:.0f} |", flush=True)


if __name__ == "__main__":
    main()
