#!/usr/bin/env bash
# Measures language detection on the shared datasets: Turkish tweets (OffensEval-TR dev), English
# tweets (OLID dev), carelessly typed Turkish tweets (#Turki$hTweets dev, raw), the same without the
# tweets that contain any Turkish letter, and edited Turkish sentences (UD dev) with their Turkish
# letters removed.
# Usage: bench/language.sh [path/to/shared/datasets]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/datasets}
cargo build --release -q -p suzgec
suzgec=target/release/suzgec
asciify() { sed 'y/çğıöşüÇĞİÖŞÜâîûÂÎÛ/cgiosuCGIOSUaiuAIU/'; }

echo "== OffensEval-2020 TR dev (tr)"
$suzgec detect --quiet --expect tr < "$data/offenseval2020-tr/dev.jsonl"
echo "== OLID 2019 EN dev (en)"
$suzgec detect --quiet --expect en < "$data/olid2019-en/dev.jsonl"
echo "== #Turki\$hTweets dev, raw (tr, typed carelessly)"
$suzgec detect --quiet --expect tr --field raw < "$data/turkishtweets2020/dev.jsonl"
echo "== #Turki\$hTweets dev, raw, only tweets with no Turkish letter (tr)"
grep -v '"raw": "[^"]*[çğıöşüÇĞİÖŞÜ]' "$data/turkishtweets2020/dev.jsonl" \
  | $suzgec detect --quiet --expect tr --field raw
echo "== UD Turkish dev, Turkish letters removed (tr)"
asciify < "$data/ud-treebanks-tr/dev.jsonl" | $suzgec detect --quiet --expect tr
