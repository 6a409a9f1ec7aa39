"""The claimgraph command: output, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf import document_iri, extraction_quads
from kg.store import open_store
from tests.factories import dam_article, report_article


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = f"oxigraph:{tmp_path / 'store'}"
    with open_store(url) as s:
        xs = [dam_article(), report_article()]
        s.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    return url


def run(capsys: pytest.CaptureFixture[str], store_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--store", store_url, *args], environ={})
    out, err = capsys.readouterr()
    return code, out, err


def test_query_table_json_csv(capsys, store_url) -> None:
    q = "SELECT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
    code, out, _ = run(capsys, store_url, "query", q)
    assert code == 0 and out.splitlines()[2:4] == ["dam", "report"] and "(2 rows)" in out
    code, out, _ = run(capsys, store_url, "query", q, "--format", "json")
    assert [b["id"]["value"] for b in json.loads(out)["results"]["bindings"]] == ["dam", "report"]
    code, out, _ = run(capsys, store_url, "query", q, "--format", "csv")
    assert out.split() == ["id", "dam", "report"]


def test_named_query_and_ask(capsys, store_url) -> None:
    code, out, _ = run(capsys, store_url, "query", "--name", "accusations", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 3
    code, out, _ = run(capsys, store_url, "query", "ASK { ?s ?p ?o }")
    assert out.strip() == "true"


def test_stats(capsys, store_url) -> None:
    code, out, _ = run(capsys, store_url, "stats", "--json")
    figures = json.loads(out)
    assert code == 0 and figures["Document"] == 2 and figures["graphs"] == 2


def test_export_to_file(capsys, store_url, tmp_path: Path) -> None:
    target = tmp_path / "g.graphml"
    code, _, _ = run(capsys, store_url, "export", "--format", "graphml", "-o", str(target))
    assert code == 0 and b"<graphml" in target.read_bytes()
    code, out, _ = run(capsys, store_url, "export", "--format", "csv", "--kind", "denial")
    assert code == 0 and out.count("denial") == 2


def test_optimize_keeps_every_quad(capsys, store_url) -> None:
    _, before, _ = run(capsys, store_url, "stats", "--json")
    code, _, err = run(capsys, store_url, "optimize")
    assert code == 0 and err.startswith("optimized ")
    _, after, _ = run(capsys, store_url, "stats", "--json")
    assert json.loads(after) == json.loads(before)


def test_delete(capsys, store_url) -> None:
    code, _, err = run(capsys, store_url, "delete", "dam")
    assert code == 0 and "deleted dam" in err
    code, _, err = run(capsys, store_url, "delete", "dam")
    assert code == 1 and err.strip() == "claimgraph: error: no document 'dam'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELEC nothing"], "error at 1:1"),
        (["query", "--file", "/nonexistent/q.rq"], "No such file"),
        (["query", "--name", "nope"], "no query named"),
        (["export", "--format", "csv", "--since", "yesterday"], "since must be a date"),
        (["ingest", "/nonexistent/dir"], "no such file or directory"),
        (["extract", "/nonexistent.txt"], "no such file"),
    ],
)
def test_errors_are_one_line(capsys, store_url, args, message) -> None:
    code, _, err = run(capsys, store_url, *args)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("claimgraph: error: ")
    assert message in err
    assert "Traceback" not in err


def test_locked_store_is_a_one_line_error(capsys, store_url) -> None:
    with open_store(store_url):
        code, _, err = run(capsys, store_url, "stats")
    assert code == 1 and "is in use by another process" in err and err.count("\n") == 1


def test_unknown_store_scheme(capsys) -> None:
    code = main(["--store", "mysql://x", "stats"], environ={})
    assert code == 1 and "unknown store" in capsys.readouterr().err


def test_undecodable_file(capsys, store_url, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run(capsys, store_url, "ingest", str(bad))
    assert code == 1 and "not UTF-8" in err
