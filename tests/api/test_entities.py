"""/entities, /denials, /statements, /contested."""

from __future__ import annotations

from tests.factories import dam_article


def test_find_entities_by_alias_any_case(client) -> None:
    items = client.get("/entities", params={"q": "NORDBY"}).json()["items"]
    assert [e["id"] for e in items] == ["norland"]
    people = client.get("/entities", params={"type": "person"}).json()["items"]
    assert {e["id"] for e in people} == {"anna-berg", "piet-vos"}
    assert client.get("/entities", params={"type": "planet"}).status_code == 422


def test_entity_profile(client) -> None:
    p = client.get("/entities/sudmark").json()
    assert p["counts"]["accusations_received"] == 2
    assert client.get("/entities/Piet%20Vos").json()["id"] == "piet-vos"
    assert client.get("/entities/atlantis").status_code == 404


def test_denials_and_statement(client) -> None:
    d = client.get("/denials", params={"denier": "piet vos"}).json()["items"][0]
    acc_id = dam_article().statements[0].id
    assert d["refutes"] == acc_id
    s = client.get(f"/statements/{acc_id}").json()
    assert s["refuted_by"][0]["id"] == d["id"]
    assert s["mentions"][0]["spans"]["cue"]["text"] == "accused"
    assert client.get("/statements/nope").status_code == 404
    assert client.get("/statements/has%20space").status_code == 404


def test_contested(client) -> None:
    items = client.get("/contested").json()["items"]
    assert {i["accusation"]["id"] for i in items} == {dam_article().statements[0].id}
