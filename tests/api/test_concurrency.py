"""Readers keep being served, and see whole documents only, while a writer ingests."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from api import create_app
from kg.settings import Settings
from tests.kg.crash_child import SyntheticExtractor


def test_reads_during_writes(store) -> None:
    app = create_app(
        Settings(store=store.url, rate_limit=0), store=store, extractor=SyntheticExtractor()
    )
    seen: list[tuple[int, int]] = []
    failures: list[int] = []
    done = threading.Event()
    with TestClient(app) as client:

        def write() -> None:
            for i in range(25):
                text = f"Norland accused Sudmark. Ostia accused Vesper. Item {i}."
                r = client.post("/documents", json={"id": f"w{i}", "text": text})
                if r.status_code != 201:
                    failures.append(r.status_code)
            done.set()

        def read() -> None:
            while not done.is_set():
                r = client.get("/accusations", params={"limit": 1000})
                if r.status_code != 200:
                    failures.append(r.status_code)
                    continue
                items = r.json()["items"]
                docs = {i["document"]["id"] for i in items}
                seen.append((len(items), len(docs)))

        threads = [threading.Thread(target=write), threading.Thread(target=read)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert not failures
    assert len(seen) > 3
    # Each document brings two accusations, written in one transaction: never one alone.
    assert all(n == 2 * d for n, d in seen)
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)
