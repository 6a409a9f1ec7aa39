"""Killable query workers over store snapshots."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from kg.errors import QuerySyntaxError, QueryTimeout, QueryTooLarge, StoreUnavailable
from kg.rdf import document_iri, extraction_quads
from kg.sandbox import QuerySandbox
from kg.sparql import outcome_from
from kg.store import open_store
from tests.factories import dam_article, report_article

BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_DOCS = (
    "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/claimgraph/ontology#Document> }"
)


@pytest.fixture
def disk_store(tmp_path: Path):
    with open_store(f"oxigraph:{tmp_path / 'store'}") as s:
        x = dam_article()
        s.write_graphs([(document_iri(x.document.id), extraction_quads(x))])
        yield s


@pytest.fixture
def sandbox(disk_store):
    sb = QuerySandbox(disk_store, workers=2, max_staleness=0.0, max_memory_mb=1024)
    yield sb
    sb.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child that is not yet reaped is a zombie: not running.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_answers_queries(sandbox) -> None:
    r = sandbox.run(COUNT_DOCS, timeout=10, max_rows=10)
    assert r.kind == "select"
    assert outcome_from(r.kind, r.body).rows[0][0].value == "1"


def test_sees_writes_after_a_snapshot_refresh(sandbox, disk_store) -> None:
    x = report_article()
    disk_store.write_graphs([(document_iri(x.document.id), extraction_quads(x))])
    r = sandbox.run(COUNT_DOCS, timeout=10, max_rows=10)
    assert outcome_from(r.kind, r.body).rows[0][0].value == "2"


def test_a_bomb_is_killed_at_the_deadline_and_others_are_served(sandbox) -> None:
    before = set(sandbox.pids())
    errors: list[BaseException] = []

    def bomb() -> None:
        try:
            sandbox.run(BOMB, timeout=1.0, max_rows=10)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=bomb)
    started = time.monotonic()
    t.start()
    time.sleep(0.2)
    # The other worker keeps answering while the bomb runs.
    assert sandbox.run("ASK { ?s ?p ?o }", timeout=5, max_rows=1).kind == "ask"
    t.join(10)
    assert time.monotonic() - started < 5
    assert len(errors) == 1 and isinstance(errors[0], QueryTimeout)
    killed = before - set(sandbox.pids())
    assert len(killed) == 1
    assert not any(_alive(pid) for pid in killed)
    assert len(sandbox.pids()) == 2  # replaced


def test_errors_cross_the_process_boundary(sandbox) -> None:
    with pytest.raises(QuerySyntaxError):
        sandbox.run("SELECT nonsense", timeout=5, max_rows=10)
    with pytest.raises(QueryTooLarge):
        sandbox.run("SELECT * WHERE { ?s ?p ?o }", timeout=5, max_rows=3)


def test_memory_store_cannot_be_sandboxed() -> None:
    with open_store("memory:") as s, pytest.raises(StoreUnavailable):
        QuerySandbox(s)


def test_close_stops_workers_and_removes_snapshots(disk_store) -> None:
    sb = QuerySandbox(disk_store, workers=1)
    sb.run(COUNT_DOCS, timeout=10, max_rows=10)
    pids, base = sb.pids(), sb.base
    assert any(base.iterdir())
    sb.close()
    assert not base.exists()
    assert not any(_alive(p) for p in pids)
