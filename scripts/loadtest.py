#!/usr/bin/env python3
"""Load a running claimgraph API from many concurrent clients; print latency figures.

    .venv/bin/python scripts/loadtest.py --url http://127.0.0.1:8000 --clients 32 --seconds 60

Each client loops over GET /accusations (with and without filters) and GET /sparql (a
who-accused-whom query), until the time is up. Loopback only: the URL must point at this
machine. Prints one JSON line per endpoint: requests, errors, p50/p99 in ms, requests/s.
Start the server with CLAIMGRAPH_RATE_LIMIT=0, or every client shares one budget.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import httpx

WHO = (
    "PREFIX cg: <https://w3id.org/claimgraph/ontology#> "
    "SELECT ?a ?b WHERE { ?a cg:accuses ?b } LIMIT 100"
)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--accused", default="united states")
    a = ap.parse_args()
    host = urlparse(a.url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("loadtest: only loopback addresses are allowed", file=sys.stderr)
        return 2
    requests = [
        ("accusations", "/accusations", {}),
        ("accusations", "/accusations", {"accused": a.accused}),
        ("sparql", "/sparql", {"query": WHO}),
    ]
    results: dict[str, list[float]] = {"accusations": [], "sparql": []}
    errors: dict[str, list[str]] = {"accusations": [], "sparql": []}
    lock = threading.Lock()
    stop = time.monotonic() + a.seconds

    def client(n: int) -> None:
        with httpx.Client(base_url=a.url, timeout=30) as c:
            i = n
            while time.monotonic() < stop:
                name, path, params = requests[i % len(requests)]
                i += 1
                t = time.perf_counter()
                try:
                    r = c.get(path, params=params)
                    ok, why = r.status_code == 200, str(r.status_code)
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    (results[name].append(ms) if ok else errors[name].append(why))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name in results:
        lat = results[name]
        print(
            json.dumps(
                {
                    "endpoint": name,
                    "clients": a.clients,
                    "seconds": a.seconds,
                    "requests": len(lat) + len(errors[name]),
                    "errors": len(errors[name]),
                    "error_kinds": sorted(set(errors[name])),
                    "p50_ms": round(statistics.median(lat), 2) if lat else None,
                    "p99_ms": round(_percentile(lat, 0.99), 2),
                    "rps": round(len(lat) / a.seconds, 1),
                }
            )
        )
    return 0 if not any(errors.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
