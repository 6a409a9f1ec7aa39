"""The web explorer's API and files: /explorer/graph (positions, filters) and the page."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from api.routes.explorer import STATIC

DAM_ACTORS = {"norland", "sudmark", "anna-berg", "piet-vos"}


def _positions(body: dict) -> dict[str, tuple[float, float]]:
    return {n["id"]: (n["x"], n["y"]) for n in body["nodes"]}


def test_graph_has_positioned_actors_and_edges(client) -> None:
    body = client.get("/explorer/graph").json()
    assert {n["id"] for n in body["nodes"]} == DAM_ACTORS
    for n in body["nodes"]:
        assert set(n) == {"id", "label", "type", "spoke", "targeted", "x", "y"}
        assert all(math.isfinite(c) and -1.0 <= c <= 1.0 for c in (n["x"], n["y"]))
    assert len(set(_positions(body).values())) == len(body["nodes"])  # nobody on top of another
    e = next(e for e in body["edges"] if (e["source"], e["target"]) == ("norland", "sudmark"))
    assert e == {
        "source": "norland",
        "target": "sudmark",
        "kind": "accusation",
        "count": 1,
        "statements": e["statements"],
        "first_date": "2025-03-12",
        "last_date": "2025-03-12",
        "evidence_none": 1,
        "evidence_provided": 0,
    }
    assert len(e["statements"]) == 1
    assert client.get(f"/statements/{e['statements'][0]}").json()["speaker"]["id"] == "norland"
    assert body["total"] == {"nodes": 4, "edges": 4}
    assert body["focus"] is None and len(body["layout"]) == 16


def test_positions_are_deterministic_and_do_not_move_with_filters(client) -> None:
    first = client.get("/explorer/graph").json()
    again = client.get("/explorer/graph").json()
    assert first == again
    denials = client.get("/explorer/graph", params={"kind": "denial"}).json()
    everything = _positions(first)
    for node, xy in _positions(denials).items():
        assert everything[node] == xy


def test_the_layout_is_computed_once_per_graph(client) -> None:
    cache = client.app.state.layout_cache
    before = cache.computed
    for params in ({}, {"kind": "denial"}, {"entity": "Piet Vos"}):
        client.get("/explorer/graph", params=params)
    assert cache.computed - before <= 1


@pytest.mark.parametrize(
    ("params", "edges"),
    [
        ({"kind": "denial"}, {("piet-vos", "norland", "denial"), ("sudmark", "norland", "denial")}),
        (
            {"kind": ["accusation", "denial"], "since": "2025-04-01"},
            {("anna-berg", "sudmark", "accusation"), ("sudmark", "norland", "denial")},
        ),
        (
            {"until": "2025-03-31"},
            {("norland", "sudmark", "accusation"), ("piet-vos", "norland", "denial")},
        ),
        ({"evidence": "none"}, {("norland", "sudmark", "accusation")}),
        ({"evidence": "provided"}, {("anna-berg", "sudmark", "accusation")}),
        (
            {"evidence": "unspecified"},
            {("piet-vos", "norland", "denial"), ("sudmark", "norland", "denial")},
        ),
    ],
)
def test_filters(client, params, edges) -> None:
    body = client.get("/explorer/graph", params=params).json()
    assert {(e["source"], e["target"], e["kind"]) for e in body["edges"]} == edges
    ends = {x for e in edges for x in e[:2]}
    assert {n["id"] for n in body["nodes"]} == ends
    assert body["total"]["nodes"] == 4  # the whole graph, whatever the filters


def test_entity_filter_takes_an_alias(client) -> None:
    body = client.get("/explorer/graph", params={"entity": "nordby"}).json()  # Norland's alias
    assert body["focus"] == "norland"
    assert all("norland" in (e["source"], e["target"]) for e in body["edges"])
    counts = {n["id"]: (n["spoke"], n["targeted"]) for n in body["nodes"]}
    assert counts["norland"] == (1, 2)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"entity": "nobody at all"}, 404),
        ({"evidence": "maybe"}, 422),
        ({"kind": "claim"}, 422),
        ({"since": "last tuesday"}, 422),
    ],
)
def test_bad_filters_are_problems(client, params, status) -> None:
    r = client.get("/explorer/graph", params=params)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")


def test_export_graph_has_the_evidence_filter_too(client) -> None:
    nl = client.get("/export/graph", params={"format": "node-link", "evidence": "none"}).json()
    assert [(x["source"], x["target"]) for x in nl["links"]] == [("norland", "sudmark")]


def test_an_empty_store_gives_an_empty_graph(store) -> None:
    from fastapi.testclient import TestClient

    from api import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(store=store.url), store=store)) as c:
        body = c.get("/explorer/graph").json()
    assert body["nodes"] == [] and body["edges"] == []
    assert body["total"] == {"nodes": 0, "edges": 0}


# ------------------------------------------------------------------ the page and its files

FILES = sorted(p.name for p in STATIC.iterdir() if p.is_file())


def test_the_page_is_served_at_the_root(client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert '<script type="module" src="/static/app.js">' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "/" not in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("name", FILES)
def test_static_files_have_their_content_types(client, name: str) -> None:
    r = client.get(f"/static/{name}")
    assert r.status_code == 200
    want = {".js": "javascript", ".css": "text/css", ".html": "text/html"}[Path(name).suffix]
    assert want in r.headers["content-type"]
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_missing_static_file_is_404(client) -> None:
    assert client.get("/static/nothing-here.js").status_code == 404


def test_the_static_files_are_packaged_flat() -> None:
    # pyproject ships api/static/* only: no subfolders.
    assert all(p.is_file() for p in STATIC.iterdir())
    assert {"index.html", "app.js", "style.css"} <= set(FILES)


def test_nothing_loads_from_elsewhere_and_every_import_resolves() -> None:
    remote = re.compile(
        r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//|@import|from\s+["'](?:https?:)?//"""
    )
    imports = re.compile(
        r"""(?:^|\n)\s*import\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']"""
    )
    for name in FILES:
        text = (STATIC / name).read_text(encoding="utf-8")
        assert not remote.search(text), name
        for m in imports.finditer(text):
            target = m.group(1) or m.group(2)
            assert target.startswith("./"), (name, target)
            assert (STATIC / target[2:]).is_file(), (name, target)


def test_data_never_goes_in_as_html() -> None:
    # Text reaches the DOM as text nodes (dom.js h()), never parsed as markup.
    for name in FILES:
        if name.endswith(".js"):
            text = (STATIC / name).read_text(encoding="utf-8")
            for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
                assert sink not in text, (name, sink)
