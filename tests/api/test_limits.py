"""Rate limiting per client, and CORS."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api import create_app
from kg.settings import Settings


def test_rate_limit_gives_429_with_retry_after(store) -> None:
    settings = Settings(store=store.url, rate_limit=1.0, rate_burst=3)
    with TestClient(create_app(settings, store=store)) as c:
        codes = [c.get("/health").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        r = c.get("/health")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert r.json()["status"] == 429


def test_no_limit_when_disabled(store) -> None:
    with TestClient(create_app(Settings(store=store.url, rate_limit=0), store=store)) as c:
        assert all(c.get("/health").status_code == 200 for _ in range(300))


def test_cors_only_when_configured(store) -> None:
    origin = {"origin": "https://newsroom.example"}
    with TestClient(create_app(Settings(store=store.url), store=store)) as c:
        assert "access-control-allow-origin" not in c.get("/health", headers=origin).headers
    settings = Settings(store=store.url, cors_origins=("https://newsroom.example",))
    with TestClient(create_app(settings, store=store)) as c:
        r = c.get("/health", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://newsroom.example"
