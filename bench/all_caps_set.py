#!/usr/bin/env python3
"""Builds a labelled set for the all_caps rule from real Turkish text, as JSON Lines for `suzgec eval`.

Shouting (expected: all_caps): edited sentences (UD Turkish dev) written wholly in capitals with
Turkish casing, and the same with one word left in small letters. Not shouting (expected: none): the
same sentences as written, the same with one word emphasised in capitals, and news sentences full of
acronyms (42bin_haber). Sentences of fewer than three words are left out: one or two words in capitals
are a judgement call, not a test.

Usage: bench/all_caps_set.py SHARED_DATASETS_DIR SHARED_CORPORA_DIR > all_caps.jsonl
"""
import json
import random
import re
import sys

datasets, corpora = sys.argv[1], sys.argv[2]
rng = random.Random(2026)


def tr_upper(s):
    return s.replace("i", "İ").replace("ı", "I").upper()


def words(s):
    return [w for w in s.split() if sum(c.isalpha() for c in w) >= 2]


def emit(text, expected, kind):
    print(json.dumps({"text": text, "expected": expected, "kind": kind}, ensure_ascii=False))


for line in open(f"{datasets}/ud-treebanks-tr/dev.jsonl", encoding="utf-8"):
    text = json.loads(line)["text"]
    if len(words(text)) < 3:
        continue
    emit(text, [], "edited sentence")
    emit(tr_upper(text), ["all_caps"], "sentence in capitals")
    tokens = text.split()
    i = rng.randrange(len(tokens))
    emit(" ".join(tr_upper(t) if j == i else t for j, t in enumerate(tokens)), [], "one word emphasised")
    j = rng.randrange(len(tokens))
    emit(" ".join(t if k == j else tr_upper(t) for k, t in enumerate(tokens)), ["all_caps"], "capitals but one word")

# News sentences that contain at least one acronym-like word of capitals.
acronym = re.compile(r"\b[A-ZÇĞİÖŞÜ]{2,}\b")
news = []
with open(f"{corpora}/kemik_42bin_haber/42bin_haber.txt", encoding="utf-8") as f:
    for n, line in enumerate(f):
        if n > 6000:
            break
        body = line.split("\t", 1)[-1]
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            if acronym.search(sentence) and 3 <= len(words(sentence)) <= 60:
                news.append(sentence.strip())
rng.shuffle(news)
for sentence in news[:3000]:
    emit(sentence, [], "news sentence with acronyms")
