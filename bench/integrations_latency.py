#!/usr/bin/env python3
"""Latency of the compatible endpoints under a steady load, as Coral meets them.

    python3 bench/integrations_latency.py [--rate 20] [--seconds 30] [--runs 3] [--policy FILE]
                                          [--encoder-runs N] [--binary PATH]

Starts the release binary (`cargo build --release -p suzgec` first) on a fresh SQLite file with a
Coral signing secret and an API token, then sends real comment texts (OffensEval-TR and OLID dev,
alternating) at a fixed rate, open loop (each request leaves on schedule whether or not the
previous ones have been answered, so a slow answer cannot hide the ones queued behind it), to:

  1. POST /v1alpha1/comments:analyze   with Coral 9's body (TOXICITY, languages ["en"]);
  2. POST /api/v1/integrations/coral   with Coral's external moderation body, signed.

Prints p50 and p99 per endpoint for each run and the median over runs. Coral's default timeout is
200 ms; the issue's target is p99 <= 150 ms at 20 requests/s with the built-in policy.
"""

import argparse
import concurrent.futures
import hashlib
import hmac
import http.client
import json
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "datasets"
SECRET = "bench-signing-secret"


def texts():
    out = []
    for name in ("offenseval2020-tr", "olid2019-en"):
        with open(SHARED / name / "dev.jsonl", encoding="utf-8") as f:
            out.append([json.loads(line)["text"] for line in f if line.strip()])
    mixed = [t for pair in zip(*out) for t in pair]
    return mixed


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Server:
    def __init__(self, binary, work, policy=None, encoder_runs=None):
        self.port = free_port()
        db = f"sqlite://{work}/bench.db"
        config = pathlib.Path(work) / "suzgec.toml"
        config.write_text(f'[integrations.coral]\nsigning_secrets = ["{SECRET}"]\n'
                          "[limits]\nchecks_per_minute = 1000000\n"
                          + (f"encoder_runs = {encoder_runs}\n" if encoder_runs else ""))
        out = subprocess.run([binary, "token", "create", "bench", "--role", "api",
                              "--database-url", db], capture_output=True, text=True, check=True)
        self.token = out.stdout.split()[0]
        self.process = subprocess.Popen(
            [binary, "serve", "--config", str(config), "--database-url", db,
             "--listen", f"127.0.0.1:{self.port}", "--no-demo"]
            + (["--policy", policy] if policy else []),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


local = threading.local()


def post(port, path, body, headers):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        local.conn = None
        status = 0
    return (time.perf_counter() - started) * 1000, status


def run(server, endpoint, corpus, rate, seconds):
    requests = []
    for i in range(rate * seconds):
        text = corpus[i % len(corpus)]
        if endpoint == "analyze":
            body = json.dumps({"comment": {"text": text}, "doNotStore": True,
                               "requestedAttributes": {"TOXICITY": {}}, "languages": ["en"]})
            requests.append((f"/v1alpha1/comments:analyze?key={server.token}", body.encode(),
                             {"content-type": "application/json"}))
        else:
            body = json.dumps({"action": "NEW", "comment": {"body": f"<p>{text}</p>"},
                               "author": {"id": "u"}, "story": {"id": "s"}, "site": {"id": "x"},
                               "tenantID": "t"}, indent=2).encode()
            signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            requests.append(("/api/v1/integrations/coral", body,
                             {"content-type": "application/json",
                              "x-coral-signature": f"sha256={signature}"}))
    latencies, failures = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        start = time.perf_counter()
        futures = []
        for i, (path, body, headers) in enumerate(requests):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(post, server.port, path, body, headers))
        for future in futures:
            ms, status = future.result()
            if status == 200:
                latencies.append(ms)
            else:
                failures += 1
    return percentile(latencies, 50), percentile(latencies, 99), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "suzgec"))
    parser.add_argument("--policy", help="a policy file instead of the built-in policy")
    parser.add_argument("--encoder-runs", type=int,
                        help="limits.encoder_runs (default: the server's, half the cores)")
    args = parser.parse_args()
    corpus = texts()
    work = tempfile.mkdtemp(prefix="suzgec-integrations-")
    server = Server(args.binary, work, args.policy, args.encoder_runs)
    try:
        # Warm up: the first encoder runs load the model.
        run(server, "analyze", corpus[-200:], args.rate, 2)
        results = {"analyze": [], "coral": []}
        for n in range(args.runs):
            for endpoint in results:
                p50, p99, failures = run(server, endpoint, corpus[n * 600:], args.rate,
                                         args.seconds)
                results[endpoint].append((p50, p99))
                print(f"run {n + 1} {endpoint:8} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
                      f"failures {failures}", flush=True)
        print(f"\n{args.rate} requests/s, {args.seconds} s a run, median of {args.runs} runs:")
        for endpoint, runs in results.items():
            p50 = statistics.median(r[0] for r in runs)
            p99 = statistics.median(r[1] for r in runs)
            print(f"  {endpoint:8} p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
