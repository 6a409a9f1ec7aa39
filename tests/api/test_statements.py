"""/accusations and friends."""

from __future__ import annotations


def test_accusations_by_alias(client) -> None:
    r = client.get("/accusations", params={"accuser": "nordby"})
    assert r.status_code == 200
    [item] = r.json()["items"]
    assert item["speaker"]["id"] == "norland" and item["target"]["label"] == "Sudmark"


def test_accusations_paginate_with_a_next_link(client) -> None:
    body = client.get("/accusations", params={"limit": 1}).json()
    assert body["next_offset"] == 1 and "offset=1" in body["next"]
    nxt = client.get(body["next"]).json()
    assert nxt["next"] is None and nxt["items"][0]["id"] != body["items"][0]["id"]


def test_bad_parameters_are_problem_details(client) -> None:
    r = client.get("/accusations", params={"evidence": "maybe"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "evidence" in r.json()["detail"]
    r = client.get("/accusations", params={"accuser": "Atlantis"})
    assert r.status_code == 404 and r.json()["detail"] == "no entity named 'Atlantis'"
    r = client.get("/accusations", params={"since": "yesterday"})
    assert r.status_code == 422
