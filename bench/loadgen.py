"""Bounded HTTP load generator (stdlib only), run as a SECOND process by bench/load.py.

Sends requests from `--threads` threads to a server on a loopback address only, for at most `--seconds`
seconds and at most `--max-requests` requests, then prints one JSON line: counts, errors, latency
percentiles, requests/s. Every response other than 200 counts as an error (a redirect would mean the
session or token was refused), unless the request names other accepted statuses.

Input (stdin, JSON): {"host": "127.0.0.1", "port": 8105, "requests": [[path, {headers}, weight, {options}], ...]}
with optional options {"kind": "ordinary" | "expensive", "ok": [200, 429]}: percentiles are also reported per
kind (the ordinary pages' p99 while expensive requests run), and a refusal the server is meant to give under
load (429: too many searches of one user at once) is not an error.
"""

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
from collections import Counter

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--max-requests", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    plan = json.load(sys.stdin)
    if plan["host"] not in LOOPBACK:
        raise SystemExit("loadgen only targets loopback addresses")
    paths = [(entry[0], entry[1], entry[3] if len(entry) > 3 else {}) for entry in plan["requests"]]
    weights = [entry[2] for entry in plan["requests"]]

    lock = threading.Lock()
    latencies, errors, by_status, by_endpoint, by_kind = [], Counter(), Counter(), {}, {}
    issued = [0]
    deadline = time.monotonic() + args.seconds

    def worker(seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= args.max_requests:
                    return
                issued[0] += 1
            path, headers, options = rng.choices(paths, weights)[0]
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(plan["host"], plan["port"], timeout=30)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                connection.close()
            except Exception as error:  # a refused or reset connection is an error, not a crash
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                by_endpoint.setdefault(re.sub(r"/[0-9]+/", "/<id>/", path), []).append(elapsed)
                by_kind.setdefault(options.get("kind", "ordinary"), []).append(elapsed)
                by_status[str(status)] += 1
                if status not in options.get("ok", [200]):
                    errors[f"{status} {path.split('?')[0]}"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(args.seed * 1000 + i,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    latencies.sort()
    endpoints = {}
    for endpoint, values in sorted(by_endpoint.items()):
        values.sort()
        endpoints[endpoint] = {"n": len(values), "p50_ms": round(percentile(values, 0.5) * 1000, 1),
                               "p99_ms": round(percentile(values, 0.99) * 1000, 1)}
    print(json.dumps({
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "error_detail": dict(errors.most_common(10)),
        "status": dict(by_status),
        "seconds": round(duration, 2),
        "rps": round(len(latencies) / duration, 1) if duration else 0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "endpoints": endpoints,
        "kinds": {kind: {"n": len(values), "p50_ms": round(percentile(sorted(values), 0.5) * 1000, 1),
                         "p99_ms": round(percentile(sorted(values), 0.99) * 1000, 1)} for kind, values in sorted(by_kind.items())},
    }))


if __name__ == "__main__":
    main()
