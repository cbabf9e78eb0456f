#!/usr/bin/env python3
"""Load at a fixed rate for bench/soak.sh and bench/serve_load.sh: holds --rate requests/s against a
running `suzgec serve` whether or not the server keeps up (requests are due on a schedule, and the
latency of a late one counts from when it was due), and prints the server's resident memory every
10 s.

--mix soak, by share of requests: moderate 35%, new comments 20%, article pages 15%, comment lists
10%, reports 5%, moderator decisions 5%, the moderator queue 5%, the live check 5%. --mix moderate:
POST /api/v1/moderate only. Reports name
comments this run stored approved (each once, until a moderator approves it again); decisions name
any comment this run stored. A request fails when the connection fails, the
answer is a 5xx, or its status is not one the route documents for it.

Prints one line per sample, then a summary, and exits 1 when any request failed or memory grew
by more than --max-growth after the first minute.
"""

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

MIXES = {}
MIXES["soak"] = [
    ("moderate", 35),
    ("comment", 20),
    ("page", 15),
    ("list", 10),
    ("report", 5),
    ("decision", 5),
    ("queue", 5),
    ("check", 5),
]
MIXES["moderate"] = [("moderate", 100)]
# Statuses each kind may answer with when the server works: anything else is a failure.
EXPECTED = {
    "moderate": {200},
    "comment": {201},
    "page": {200},
    "list": {200},
    # 404: a moderator took the comment down after this run picked it.
    "report": {202, 404},
    "decision": {200},
    "queue": {200},
    "check": {200},
}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Load:
    def __init__(self, args, texts):
        self.args = args
        self.texts = texts
        split = urlsplit(args.base)
        self.host, self.port = split.hostname, split.port
        self.lock = threading.Lock()
        self.next_at = time.monotonic()
        self.stop_at = self.next_at + args.duration
        self.sent = 0
        self.mix = MIXES[args.mix]
        self.latencies = {kind: [] for kind in EXPECTED}
        self.statuses = {kind: {} for kind in EXPECTED}
        self.failures = []
        self.connection_errors = 0
        self.finished_at = self.next_at
        self.stored = []  # ids of comments this run stored, approved ones marked
        self.approved = []
        kinds, weights = zip(*self.mix)
        self.kinds, self.weights = kinds, weights

    def slot(self):
        """The time this worker's next request is due, or None when the run is over."""
        with self.lock:
            at = self.next_at
            if at >= self.stop_at:
                return None
            self.next_at += 1.0 / self.args.rate
            self.sent += 1
            return at

    def request(self, kind, rng, n):
        """The request of this kind to send: (kind, method, path, JSON body, headers). A report or
        decision before any comment is stored becomes a comment list."""
        slug = self.args.slug
        auth = {}
        if kind == "moderate":
            auth = {"Authorization": f"Bearer {self.args.api_token}"}
            return kind, "POST", "/api/v1/moderate", {"text": rng.choice(self.texts)}, auth
        if kind == "check":
            return kind, "POST", "/api/v1/check", {"text": rng.choice(self.texts)}, auth
        if kind == "comment":
            body = {"author": f"soak-{n}", "text": rng.choice(self.texts)}
            return kind, "POST", f"/api/v1/articles/{slug}/comments", body, auth
        if kind == "page":
            return kind, "GET", f"/articles/{slug}", None, auth
        if kind == "list":
            return kind, "GET", f"/api/v1/articles/{slug}/comments?limit=50", None, auth
        if kind == "queue":
            auth = {"Authorization": f"Bearer {self.args.moderator_token}"}
            return kind, "GET", "/api/v1/moderation/queue", None, auth
        with self.lock:
            pool = self.approved if kind == "report" else self.stored
            target = pool.pop(rng.randrange(len(pool))) if pool else None
            if target is not None and kind == "decision":
                self.stored.append(target)
        if target is None:
            return self.request("list", rng, n)
        if kind == "report":
            return kind, "POST", f"/api/v1/comments/{target}/report", {"reason": "soak"}, auth
        auth = {"Authorization": f"Bearer {self.args.moderator_token}"}
        body = {"decision": rng.choice(["approve", "reject"]), "reason": "soak"}
        return kind, "POST", f"/api/v1/moderation/comments/{target}/decision", body, auth

    def worker(self, seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        n = 0
        while True:
            at = self.slot()
            if at is None:
                break
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            n += 1
            kind = rng.choices(self.kinds, self.weights)[0]
            kind, method, path, body, headers = self.request(kind, rng, f"{seed}-{n}")
            data = None
            if body is not None:
                data = json.dumps(body, ensure_ascii=False).encode()
                headers = {**headers, "Content-Type": "application/json"}
            # From when the request was due: a server that falls behind shows as latency, not as
            # a lower rate (no coordinated omission).
            started = at
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                with self.lock:
                    self.connection_errors += 1
                    self.failures.append(f"{kind} {method} {path}: {error!r}")
                continue
            took = (time.monotonic() - started) * 1000
            with self.lock:
                self.latencies[kind].append(took)
                self.statuses[kind][status] = self.statuses[kind].get(status, 0) + 1
                if status not in EXPECTED[kind]:
                    self.failures.append(f"{kind} {method} {path}: {status} {payload[:200]!r}")
                if kind == "comment" and status == 201:
                    stored = json.loads(payload)
                    self.stored.append(stored["id"])
                    if stored["status"] == "approved":
                        self.approved.append(stored["id"])
                if kind == "decision" and status == 200 and body["decision"] == "approve":
                    self.approved.append(int(path.split("/")[-2]))
        connection.close()
        with self.lock:
            self.finished_at = time.monotonic()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--api-token", required=True)
    parser.add_argument("--moderator-token", default="")
    parser.add_argument("--slug", default="kutuphaneler-gece-de-acik")
    parser.add_argument("--texts", required=True, help="JSON Lines: objects with a text field, or strings")
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--rate", type=float, default=50, help="requests per second")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--max-growth", type=float, default=0.05)
    parser.add_argument("--mix", choices=sorted(MIXES), default="soak")
    args = parser.parse_args()

    texts = []
    with open(args.texts, encoding="utf-8") as lines:
        for line in lines:
            value = json.loads(line)
            text = (value if isinstance(value, str) else value["text"]).strip()
            if text:
                texts.append(text)
    load = Load(args, texts)
    workers = [threading.Thread(target=load.worker, args=(i,)) for i in range(args.workers)]
    for worker in workers:
        worker.start()

    start = time.monotonic()
    samples = []
    print(f"{'seconds':>7} {'RSS MiB':>8} {'requests':>9} {'failures':>8}", flush=True)
    while any(worker.is_alive() for worker in workers):
        time.sleep(10 - (time.monotonic() - start) % 10)
        elapsed = time.monotonic() - start
        rss = rss_kib(args.pid) / 1024
        with load.lock:
            done = sum(len(v) for v in load.latencies.values())
            failed = len(load.failures)
        samples.append((elapsed, rss))
        print(f"{elapsed:7.0f} {rss:8.1f} {done:9d} {failed:8d}", flush=True)

    print()
    print(f"{'kind':<9} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for kind in EXPECTED:
        values = sorted(load.latencies[kind])
        if not values:
            continue
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"{kind:<9} {len(values):8d} {statistics.median(values):8.1f} {p99:8.1f}  "
              f"{dict(sorted(load.statuses[kind].items()))}")
    total = sum(len(v) for v in load.latencies.values())
    seconds = load.finished_at - start
    after_minute = [rss for elapsed, rss in samples if elapsed >= 60]
    growth = 0.0
    if len(after_minute) >= 2:
        growth = (max(after_minute) - after_minute[0]) / after_minute[0]
    print()
    print(f"requests: {total} in {seconds:.0f} s ({total / seconds:.1f}/s); failures: "
          f"{len(load.failures)}; comments stored: {len(load.stored)}")
    if after_minute:
        print(f"resident memory: {samples[0][1]:.1f} MiB at 10 s, {after_minute[0]:.1f} MiB at "
              f"1 min, {max(after_minute):.1f} MiB at most after, {after_minute[-1]:.1f} MiB at "
              f"the end; growth after the first minute {growth * 100:.1f}% "
              f"(limit {args.max_growth * 100:.0f}%)")
    # The line bench/serve_load.sh reads, as its wrk script prints it (every kind together).
    everything = sorted(v for values in load.latencies.values() for v in values)
    if everything:
        ok = sum(n for kind, counts in load.statuses.items() for status, n in counts.items()
                 if status in EXPECTED[kind])
        p99 = everything[min(len(everything) - 1, int(len(everything) * 0.99))]
        print(f"RESULT requests={total} seconds={seconds:.2f} rps={total / seconds:.1f} "
              f"p50_ms={statistics.median(everything):.2f} p99_ms={p99:.2f} ok={ok} "
              f"bad={total - ok} errors={load.connection_errors}")
    for failure in load.failures[:20]:
        print(f"failure: {failure}")
    sys.exit(1 if load.failures or growth > args.max_growth else 0)


if __name__ == "__main__":
    main()
