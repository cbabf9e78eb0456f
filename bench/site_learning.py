#!/usr/bin/env python3
"""What `suzgec learn` reaches and costs, on the shared datasets (the figures in the README).

    python3 bench/site_learning.py quality   # TEKNOFEST train (all, first 500) → dev; OffensEval-TR dev halves
    python3 bench/site_learning.py scale     # 100,000 decisions on one core: time and peak memory
    python3 bench/site_learning.py scale-fast   # the same with the policy's `encoder = false`

`quality`: a site that refuses every TEKNOFEST class but OTHER learns from TEKNOFEST train (all of it,
then its first 500 lines) and is measured on TEKNOFEST dev; a site whose line is OffensEval's learns
from one half of OffensEval-TR dev and is measured on the other half (each way). Macro-F1 of
approved/refused, shipped policy against the site model, with `suzgec eval --binary`.
`scale`: the training sets (OffensEval-TR, OLID, TEKNOFEST, Davidson, HatemojiBuild) as one history,
cycled to 100,000 decisions, learnt with one worker thread (`RAYON_NUM_THREADS=1`, `taskset -c 0`).

Needs `cargo build --release -p suzgec`.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "datasets")
SUZGEC = os.path.join(ROOT, "target", "release", "suzgec")


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def teknofest(split):
    return [
        {"text": d["text"], "decision": "approve" if d["target"] == "OTHER" else "reject"}
        for d in lines(os.path.join(DATA, "teknofest2023-tr", f"{split}.jsonl"))
    ]


def offenseval(path):
    return [
        {"text": d["text"], "decision": "reject" if d["label"] == "OFF" else "approve"}
        for d in lines(path)
    ]


def macro_f1(test, model=None):
    args = [SUZGEC, "eval", test, "--binary", "decision=reject"]
    if model:
        args += ["--site-model", model]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    return float(next(l for l in out.splitlines() if "macro-F1" in l).split()[-1])


def learn(history, model, extra=()):
    out = subprocess.run(
        [SUZGEC, "learn", "--history", history, "--out", model, *extra],
        capture_output=True, text=True,
    )
    return out.returncode == 0, out.stdout


def quality(tmp):
    train, dev = teknofest("train"), teknofest("dev")
    dev_file = os.path.join(tmp, "tk-dev.jsonl")
    write(dev_file, dev)
    print(f"TEKNOFEST dev, shipped policy: {macro_f1(dev_file):.3f}")
    for name, history in [("all train", train), ("first 500 of train", train[:500])]:
        h, m = os.path.join(tmp, "h.jsonl"), os.path.join(tmp, "m.site")
        write(h, history)
        written, _ = learn(h, m)
        print(f"TEKNOFEST dev, site model from {name} ({len(history)}): "
              f"{macro_f1(dev_file, m):.3f} (written: {written})")
    oe = offenseval(os.path.join(DATA, "offenseval2020-tr", "dev.jsonl"))
    half = len(oe) // 2
    for name, history, test in [("first", oe[:half], oe[half:]), ("second", oe[half:], oe[:half])]:
        h, m, t = (os.path.join(tmp, f) for f in ("h.jsonl", "m.site", "t.jsonl"))
        write(h, history)
        write(t, test)
        if os.path.exists(m):
            os.remove(m)
        written, _ = learn(h, m)
        shipped = macro_f1(t)
        learn(h, m, ["--force"])
        forced = macro_f1(t, m)
        in_force = forced if written else shipped
        print(f"OffensEval-TR dev, learnt from the {name} half: shipped {shipped:.3f}, "
              f"in force {in_force:.3f} (model written: {written}; forced {forced:.3f})")


def scale(tmp, fast=False):
    history = []
    history += offenseval(os.path.join(DATA, "offenseval2020-tr", "train.jsonl"))
    history += offenseval(os.path.join(DATA, "olid2019-en", "train.jsonl"))
    history += teknofest("train")
    history += [
        {"text": d["text"], "decision": "approve" if d["label"] == "neither" else "reject"}
        for d in lines(os.path.join(DATA, "davidson2017-en", "all.jsonl"))
    ]
    history += [
        {"text": d["text"], "decision": "reject" if d["label"] == 1 else "approve"}
        for d in lines(os.path.join(DATA, "hatemojibuild-en", "train.jsonl"))
    ]
    history = [history[i % len(history)] for i in range(100_000)]
    h, m = os.path.join(tmp, "h.jsonl"), os.path.join(tmp, "m.site")
    write(h, history)
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    policy = []
    if fast:
        text = subprocess.run([SUZGEC, "policy", "default"], capture_output=True, text=True).stdout
        path = os.path.join(tmp, "fast.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("encoder = true", "encoder = false"))
        policy = ["--policy", path]
    out = subprocess.run(
        ["taskset", "-c", "0", SUZGEC, "learn", "--history", h, "--out", m, "--force", *policy],
        capture_output=True, text=True, env=env,
    )
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    for line in out.stdout.splitlines():
        if line.startswith(("Learnt in", "Agreement", "shipped policy", "site model")):
            print(line)
    print(f"CPU time: {usage.ru_utime + usage.ru_stime:.0f} s "
          f"(user {usage.ru_utime:.0f} s, system {usage.ru_stime:.0f} s)")
    print(f"model size: {os.path.getsize(m) / 1e6:.1f} MB")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "quality": quality,
            "scale": scale,
            "scale-fast": lambda tmp: scale(tmp, fast=True),
        }
        commands[sys.argv[1] if len(sys.argv) > 1 else "quality"](tmp)
