#!/usr/bin/env python3
"""Comments a second through whole-process checkers, side by side in one run (issue 20).

Each system is a command that reads JSON Lines (objects with a `text` field) on stdin and writes one
line per comment, as `suzgec check --jsonl` and the wrappers in ../shared/peers/ do. The inputs are
joined into one stream; the systems take turns, `--runs` times each, and the median wall time counts
(process start and model loading included). Ratios are to the first system.

    python3 bench/check_throughput.py --runs 3 \\
        --system "Süzgeç=target/release/suzgec check --jsonl" \\
        --system "glin-profanity=/tmp/peers-venv/bin/python ../shared/peers/glin-profanity.py" \\
        ../shared/datasets/offenseval2020-tr/dev.jsonl ../shared/datasets/olid2019-en/dev.jsonl
"""

import argparse
import shlex
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--system", action="append", required=True, help="NAME=COMMAND")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    stream = b"".join(open(path, "rb").read() for path in args.inputs)
    comments = stream.count(b"\n")
    systems = [s.split("=", 1) for s in args.system]
    seconds = {name: [] for name, _ in systems}
    for _ in range(args.runs):
        for name, command in systems:
            started = time.monotonic()
            done = subprocess.run(shlex.split(command), input=stream, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, check=False)
            elapsed = time.monotonic() - started
            lines = done.stdout.count(b"\n")
            if done.returncode != 0 or lines != comments:
                sys.exit(f"{name}: exit {done.returncode}, {lines} of {comments} lines")
            seconds[name].append(elapsed)
    first = None
    print(f"{comments} comments, median of {args.runs} runs")
    print("| system | seconds (median) | comments/s | ratio |")
    print("| --- | --- | --- | --- |")
    for name, _ in systems:
        median = statistics.median(seconds[name])
        rate = comments / median
        first = first or rate
        print(f"| {name} | {median:.2f} | {rate:,.0f} | {rate / first:.2f}x |")


if __name__ == "__main__":
    main()
