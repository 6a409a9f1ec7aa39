"""The SPARQL 1.1 Protocol endpoint, following the W3C protocol test cases that apply.

The W3C suite (``sparql11/protocol/manifest.ttl``) names its cases; each test here says
which one it covers. The update cases that pass a dataset (``using-graph-uri``) do not
apply: this endpoint refuses those parameters with a 400 and asks for USING/WITH.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from kg.rdf import document_iri

CG = "https://w3id.org/claimgraph/ontology#"
COUNT_DOCS = f"SELECT (COUNT(?d) AS ?n) WHERE {{ ?d a <{CG}Document> }}"
FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}
BEARER = {"authorization": "Bearer s3cret"}


def _n(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_get(client) -> None:  # query_get
    r = client.get("/sparql", params={"query": COUNT_DOCS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert _n(r) == 2


def test_query_post_form(client) -> None:  # query_post_form
    r = client.post("/sparql", content=urlencode({"query": COUNT_DOCS}), headers=FORM)
    assert r.status_code == 200 and _n(r) == 2


def test_query_post_direct(client) -> None:  # query_post_direct
    r = client.post("/sparql", content=COUNT_DOCS.encode(), headers=DIRECT)
    assert r.status_code == 200 and _n(r) == 2


def test_default_graph_uri_get_and_post(client) -> None:
    # query_dataset_default_graphs_get / _post
    dam = document_iri("dam").value
    r = client.get("/sparql", params={"query": COUNT_DOCS, "default-graph-uri": dam})
    assert _n(r) == 1
    both = urlencode(
        [
            ("query", COUNT_DOCS),
            ("default-graph-uri", dam),
            ("default-graph-uri", document_iri("report").value),
        ]
    )
    assert _n(client.post("/sparql", content=both, headers=FORM)) == 2


def test_named_graph_uri(client) -> None:  # query_dataset_named_graphs_get / _post / _full
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    dam = document_iri("dam").value
    r = client.get("/sparql", params={"query": q, "named-graph-uri": dam})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [dam]
    r = client.get(
        "/sparql",
        params=[
            ("query", q),
            ("named-graph-uri", dam),
            ("default-graph-uri", document_iri("report").value),
        ],
    )
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [dam]


def test_protocol_dataset_wins_over_query_dataset(client) -> None:  # query_multiple_dataset
    q = (
        f"SELECT (COUNT(?d) AS ?n) FROM <{document_iri('report').value}> "
        f"WHERE {{ ?d a <{CG}Document> }}"
    )
    r = client.get("/sparql", params={"query": q, "default-graph-uri": document_iri("dam").value})
    assert r.status_code == 200 and _n(r) == 1


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_query_content_type_select(client, accept: str, expected: str) -> None:
    r = client.get("/sparql", params={"query": COUNT_DOCS}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected)


def test_result_bodies_in_each_format(client) -> None:
    q = "SELECT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
    csv_body = client.get("/sparql", params={"query": q, "format": "csv"}).text
    assert csv_body.split() == ["id", "dam", "report"]
    tsv = client.get("/sparql", params={"query": q, "format": "tsv"}).text
    assert tsv.split("\n")[:3] == ["?id", '"dam"', '"report"']
    xml = client.get("/sparql", params={"query": q, "format": "xml"}).text
    assert xml.count("<result>") == 2 and "<literal>dam</literal>" in xml


def test_query_content_type_ask(client) -> None:  # query_content_type_ask
    r = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"accept": "application/sparql-results+xml"},
    )
    assert "<boolean>true</boolean>" in r.text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize(
    "form",
    [
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5",
        f"DESCRIBE <{document_iri('dam').value}>",
    ],
)
@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]
)
def test_query_content_type_graph(client, form: str, accept: str) -> None:
    # query_content_type_construct / query_content_type_describe
    r = client.get("/sparql", params={"query": form}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert r.content


def test_unacceptable_format_is_406(client) -> None:
    r = client.get("/sparql", params={"query": COUNT_DOCS}, headers={"accept": "image/png"})
    assert r.status_code == 406 and r.json()["status"] == 406


def test_bad_query_method(client) -> None:  # bad_query_method
    assert client.put("/sparql", content=COUNT_DOCS, headers=DIRECT).status_code == 405


def test_bad_multiple_queries(client) -> None:  # bad_multiple_queries
    r = client.get("/sparql", params=[("query", COUNT_DOCS), ("query", "ASK {}")])
    assert r.status_code == 400


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (COUNT_DOCS, {"content-type": "text/plain"}),  # bad_query_wrong_media_type
        (urlencode({"query": COUNT_DOCS}), {}),  # bad_query_missing_form_type
        (COUNT_DOCS, {}),  # bad_query_missing_direct_type
    ],
)
def test_bad_query_media_types(client, body: str, headers: dict[str, str]) -> None:
    r = client.post("/sparql", content=body.encode(), headers=headers)
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8(client) -> None:  # bad_query_non_utf8
    r = client.post(
        "/sparql",
        content=COUNT_DOCS.encode("utf-16"),
        headers={"content-type": "application/sparql-query; charset=UTF-16"},
    )
    assert r.status_code == 400


def test_bad_query_syntax(client) -> None:  # bad_query_syntax
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "error at" in r.json()["detail"]


def test_missing_query(client) -> None:
    assert client.get("/sparql").status_code == 400


def test_service_is_refused(client) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 400 and "SERVICE" in r.json()["detail"]


def test_row_limit(store) -> None:
    from fastapi.testclient import TestClient

    from api import create_app
    from kg.settings import Settings

    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1, 2, 3, 4 } }")
    with TestClient(create_app(Settings(store=store.url, max_rows=3), store=store)) as c:
        q = "SELECT * WHERE { ?s ?p ?o }"
        r = c.get("/sparql", params={"query": q})
        assert r.status_code == 400 and "more than 3 results" in r.json()["detail"]
        assert c.get("/sparql", params={"query": q + " LIMIT 3"}).status_code == 200


def test_update_needs_the_token(client) -> None:  # update_post_form / update_post_direct
    update = 'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "c" } }'
    assert (
        client.post(
            "/update", content=update, headers={"content-type": "application/sparql-update"}
        ).status_code
        == 401
    )
    r = client.post(
        "/update",
        content=update,
        headers={"content-type": "application/sparql-update", "authorization": "Bearer wrong"},
    )
    assert r.status_code == 403
    r = client.post(
        "/update", content=update, headers={"content-type": "application/sparql-update", **BEARER}
    )
    assert r.status_code == 204
    r = client.post(
        "/update", content=urlencode({"update": "DROP GRAPH <urn:g>"}), headers={**FORM, **BEARER}
    )
    assert r.status_code == 204


def test_updates_are_refused_without_a_configured_token(store) -> None:
    from fastapi.testclient import TestClient

    from api import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(store=store.url), store=store)) as c:
        r = c.post(
            "/update",
            content="DROP ALL",
            headers={"content-type": "application/sparql-update", **BEARER},
        )
    assert r.status_code == 403 and "disabled" in r.json()["detail"]


def test_bad_updates(client) -> None:
    headers = {"content-type": "application/sparql-update", **BEARER}
    assert client.get("/update").status_code == 405  # bad_update_get
    r = client.post("/update", content="INSERT DAT {}", headers=headers)  # bad_update_syntax
    assert r.status_code == 400
    r = client.post(
        "/update",
        content=urlencode([("update", "DROP ALL"), ("update", "DROP ALL")]),
        headers={**FORM, **BEARER},
    )  # bad_multiple_updates
    assert r.status_code == 400
    r = client.post(
        "/update", content="DROP ALL", headers={"content-type": "text/plain", **BEARER}
    )  # bad_update_wrong_media_type
    assert r.status_code == 415
    r = client.post(
        "/update",
        content="DROP ALL".encode("utf-16"),
        headers={"content-type": "application/sparql-update", **BEARER},
    )
    assert r.status_code == 400  # bad_update_non_utf8
    r = client.post(
        "/update?using-graph-uri=urn:g", content="DELETE WHERE { ?s ?p ?o }", headers=headers
    )  # bad_update_dataset_conflict
    assert r.status_code == 400
    r = client.post("/update", content="LOAD <http://127.0.0.1:9/data.ttl>", headers=headers)
    assert r.status_code == 400 and "LOAD" in r.json()["detail"]
    # The failed updates changed nothing.
    r = client.get("/sparql", params={"query": COUNT_DOCS})
    assert _n(r) == 2


def test_results_json_is_valid_sparql_json(client) -> None:
    q = (
        f"SELECT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label ; "
        f"a <{CG}State> }} ORDER BY ?label"
    )
    body = json.loads(client.get("/sparql", params={"query": q}).content)
    assert body["head"]["vars"] == ["s", "label"]
    assert body["results"]["bindings"][0]["s"]["type"] == "uri"
