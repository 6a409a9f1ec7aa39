"""HTTP overhead: ``GET /accusations`` through uvicorn vs the same lookup in-process.

The app (``api.create_app``) serves the benchmark store from a thread of this process,
on a free port of 127.0.0.1 only. The ways alternate, call after request, for a bounded
number of rounds; the figure is the difference of their medians, with the standard
library's ``http.client`` as the client (httpx, heavier on the client side, as context).
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.report import percentile, result
from bench.store import build_store

__all__ = ["http_overhead"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def http_overhead(
    workdir: Path, triples: int = 20_000, n: int = 200, rank: int = 30, seed: int = 0
) -> list[dict[str, Any]]:
    """``http_overhead_p50_ms`` on the store of ``triples`` generated quads, asking who
    accused the ``rank``-th most accused actor (a quick lookup, so the overhead shows)."""
    import httpx
    import uvicorn

    from api import create_app
    from kg import queries
    from kg.settings import Settings
    from kg.store import open_store

    path, info = build_store(workdir, triples, seed)
    ranking = info["most_accused"]
    _, label, count = ranking[min(rank, len(ranking)) - 1]
    with open_store(f"oxigraph:{path}") as store:
        settings = Settings(store=store.url, query_workers=0, rate_limit=0)
        app = create_app(settings, store=store)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=port,
                log_level="warning",
                access_log=False,
                lifespan="on",
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            raise RuntimeError("uvicorn did not start within 30 s")
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                url = "/accusations?" + urlencode({"accused": label})

                def get_stdlib() -> bytes:
                    conn.request("GET", url)
                    response = conn.getresponse()
                    body = response.read()
                    if response.status != 200:
                        raise RuntimeError(f"GET {url}: {response.status}")
                    return body

                def get_httpx() -> bytes:
                    return client.get(url).raise_for_status().content

                for _ in range(5):  # warm every path up
                    get_stdlib()
                    get_httpx()
                    queries.accusations(store, accused=label)
                direct: list[float] = []
                stdlib: list[float] = []
                via_httpx: list[float] = []
                stop = time.monotonic() + 120
                for _ in range(n):
                    t = time.perf_counter()
                    page = queries.accusations(store, accused=label)
                    direct.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    body = get_stdlib()
                    stdlib.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    get_httpx()
                    via_httpx.append((time.perf_counter() - t) * 1000)
                    if time.monotonic() > stop:
                        break
                conn.close()
                items = len(json.loads(body)["items"])
                assert items == len(page.items)
        finally:
            server.should_exit = True
            thread.join(30)
    return [
        result(
            "http_overhead_p50_ms",
            percentile(stdlib, 50) - percentile(direct, 50),
            "ms",
            http_p50_ms=percentile(stdlib, 50),
            in_process_p50_ms=percentile(direct, 50),
            http_p90_ms=percentile(stdlib, 90),
            client="http.client (keep-alive)",
            httpx_p50_ms=percentile(via_httpx, 50),
            httpx_overhead_p50_ms=percentile(via_httpx, 50) - percentile(direct, 50),
            requests=len(stdlib),
            target=label,
            target_accusations=count,
            items=items,
            triples=info["figures"]["quads"],
        )
    ]
