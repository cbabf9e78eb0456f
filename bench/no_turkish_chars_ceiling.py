#!/usr/bin/env python3
"""How many #Turki$hTweets dev tweets tagged `deascii` the no_turkish_chars rule can flag at all
under the policy's tolerance, with a perfect restorer.

The rule weighs the words typed without Turkish letters (here: the tokens tagged `deascii`) against
the words written with them, and leaves a single slip in otherwise correct text to the spelling
rule. The labels of `bench/no_turkish_chars_set.py` expect the rule on every tweet with one
`deascii` token, so the tolerance caps the recall any restorer can reach there.

Usage: bench/no_turkish_chars_ceiling.py SHARED_DATASETS_DIR [MIN_SHARE MIN_SHARE_SEVERAL]
(defaults: the built-in policy's 0.5 and 0.2)
"""
import json
import sys

TURKISH = set("çğıöşüÇĞİÖŞÜ")

datasets = sys.argv[1]
min_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
min_share_several = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2

labelled = within = 0
for line in open(f"{datasets}/turkishtweets2020/dev.jsonl", encoding="utf-8"):
    tweet = json.loads(line)
    typed_without = sum("deascii" in tag for tag in tweet["tags"])
    if typed_without == 0:
        continue
    labelled += 1
    written_with = sum(
        1
        for token, tag in zip(tweet["preprocessed"].split(), tweet["tags"])
        if "deascii" not in tag and TURKISH & set(token)
    )
    share = typed_without / (typed_without + written_with)
    if share >= min_share or (typed_without >= 2 and share >= min_share_several):
        within += 1

recall = within / labelled
print(f"{labelled} tweets tagged deascii; {within} reach the policy's tolerance with a perfect restorer")
print(f"recall ceiling {recall:.3f}; F1 ceiling at precision 1.0: {2 * recall / (1 + recall):.3f}")
