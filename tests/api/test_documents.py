"""/documents: add (extract + store), list, read, delete."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api import create_app
from kg.rdf import document_iri, extraction_quads
from kg.settings import Settings
from tests.factories import dam_article, report_article

ARTICLE = {
    "title": "Harbour fire",
    "published": "2025-05-20",
    "url": "https://example.org/harbour",
    "text": "The port authority accused the dock workers' union of starting the fire, "
    "without providing evidence. The union denied the accusation.",
}
BEARER = {"authorization": "Bearer s3cret"}


@pytest.fixture
def writer(store, extractor) -> TestClient:
    xs = [dam_article(), report_article()]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    settings = Settings(store=store.url, token="s3cret", max_body_bytes=20_000)
    with TestClient(create_app(settings, store=store, extractor=extractor)) as c:
        yield c


def test_post_json_then_again_changes_nothing(writer) -> None:
    r = writer.post("/documents", json=ARTICLE, headers=BEARER)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["title"] == "Harbour fire" and body["published"] == "2025-05-20"
    kinds = {s["kind"] for s in body["statements"]}
    assert "accusation" in kinds
    for s in body["statements"]:
        for m in s["mentions"]:
            start, end = m["quote_span"]
            assert body["text"][start:end] == m["quote"]
    before = writer.get("/health").json()["quads"]
    again = writer.post("/documents", json=ARTICLE, headers=BEARER)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert writer.get("/health").json()["quads"] == before
    assert r.headers["location"].endswith(f"/documents/{body['id']}")


def test_post_plain_text_with_metadata_in_the_query(writer) -> None:
    r = writer.post(
        "/documents?id=harbour-2&title=Fire",
        content=ARTICLE["text"].encode(),
        headers={"content-type": "text/plain; charset=utf-8", **BEARER},
    )
    assert r.status_code == 201 and r.json()["id"] == "harbour-2"
    assert writer.get("/documents/harbour-2").json()["title"] == "Fire"


def test_writes_need_the_configured_token(writer) -> None:
    assert writer.post("/documents", json=ARTICLE).status_code == 401
    assert (
        writer.post(
            "/documents", json=ARTICLE, headers={"authorization": "Bearer nope"}
        ).status_code
        == 403
    )
    assert writer.delete("/documents/dam").status_code == 401


@pytest.mark.parametrize(
    ("body", "headers", "status", "message"),
    [
        (b"\xff\xfe\x00bad", {"content-type": "text/plain"}, 400, "not UTF-8"),
        (b'{"text": ""}', {"content-type": "application/json"}, 422, "text"),
        (
            b'{"text": "x", "published": "soon"}',
            {"content-type": "application/json"},
            400,
            "ISO date",
        ),
        (b'{"text": "x", "extra": 1}', {"content-type": "application/json"}, 422, "extra"),
        (b"[" * 5000 + b"]" * 5000, {"content-type": "application/json"}, 422, "body"),
        (b"not json", {"content-type": "application/json"}, 422, "JSON"),
        (b"<x/>", {"content-type": "application/xml"}, 415, "application/json"),
        (b"x" * 30_000, {"content-type": "text/plain"}, 413, "larger than"),
    ],
)
def test_bad_bodies_are_4xx_problems(writer, body, headers, status, message) -> None:
    r = writer.post("/documents", content=body, headers={**headers, **BEARER})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert message.lower() in r.json()["detail"].lower()


def test_list_read_delete(writer) -> None:
    writer.post("/documents", json=ARTICLE, headers=BEARER)
    listing = writer.get("/documents", params={"limit": 2}).json()
    assert len(listing["items"]) == 2 and listing["next"] is not None
    doc = writer.get("/documents/dam").json()
    assert doc["id"] == "dam" and len(doc["statements"]) == 3
    assert writer.delete("/documents/dam", headers=BEARER).status_code == 204
    assert writer.get("/documents/dam").status_code == 404
    assert writer.delete("/documents/dam", headers=BEARER).status_code == 404


@pytest.mark.parametrize("doc_id", ["..%2F..%2Fetc%2Fpasswd", "a%20b", "x" * 300])
def test_odd_ids_are_404(writer, doc_id: str) -> None:
    assert writer.get(f"/documents/{doc_id}").status_code == 404
