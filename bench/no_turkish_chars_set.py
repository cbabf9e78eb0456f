#!/usr/bin/env python3
"""Builds a labelled set for the no_turkish_chars rule, as JSON Lines for `suzgec eval`.

- #Turki$hTweets dev (real tweets as typed): expected `no_turkish_chars` when the gold tags mark a word
  as typed without its Turkish letters (`deascii`), nothing otherwise.
- UD Turkish dev (edited sentences): each sentence as written (expected: nothing; measures false alarms
  on correct text) and with its Turkish letters removed (expected `no_turkish_chars` when that changed
  anything).

Usage: bench/no_turkish_chars_set.py SHARED_DATASETS_DIR [tweets|sentences|all] > set.jsonl
"""
import json
import sys

datasets = sys.argv[1]
part = sys.argv[2] if len(sys.argv) > 2 else "all"
ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def emit(text, expected, kind):
    print(json.dumps({"text": text, "expected": expected, "kind": kind}, ensure_ascii=False))


if part in ("tweets", "all"):
    for line in open(f"{datasets}/turkishtweets2020/dev.jsonl", encoding="utf-8"):
        tweet = json.loads(line)
        deascii = any("deascii" in tag for tag in tweet["tags"])
        emit(tweet["raw"], ["no_turkish_chars"] if deascii else [], "tweet")

if part in ("sentences", "all"):
    for line in open(f"{datasets}/ud-treebanks-tr/dev.jsonl", encoding="utf-8"):
        text = json.loads(line)["text"]
        emit(text, [], "edited sentence")
        ascii = text.translate(ASCII)
        if ascii != text:
            emit(ascii, ["no_turkish_chars"], "sentence without Turkish letters")
