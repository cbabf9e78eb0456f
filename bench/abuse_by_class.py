#!/usr/bin/env python3
"""Share of comments the abuse rules refuse (reject or review), per class of a labelled set.

    target/release/suzgec check --jsonl < ../shared/datasets/teknofest2023-tr/dev.jsonl \\
        | python3 bench/abuse_by_class.py target

reads `suzgec check --jsonl` output (the input's fields and a `verdict`) and prints, for each value of
the field named on the command line (TEKNOFEST's `target`: RACIST, SEXIST, INSULT, PROFANITY, OTHER),
how many comments at least one of the four abuse rules fired on.
"""

import json
import sys
from collections import Counter

ABUSE = {"swearing", "insult", "offensive", "belief_attack"}


def main() -> None:
    field = sys.argv[1] if len(sys.argv) > 1 else "target"
    flagged, total = Counter(), Counter()
    for line in sys.stdin:
        row = json.loads(line)
        value = str(row.get(field))
        total[value] += 1
        reasons = row.get("verdict", {}).get("reasons", [])
        if any(r["rule"] in ABUSE for r in reasons):
            flagged[value] += 1
    print(f"{field:<12} {'comments':>9} {'refused':>8} {'share':>7}")
    for value in sorted(total):
        print(f"{value:<12} {total[value]:>9} {flagged[value]:>8} {flagged[value] / total[value]:>7.1%}")


if __name__ == "__main__":
    main()
