"""Ingest: idempotence, batching, and linking denials across documents, on every backend."""

from __future__ import annotations

from dataclasses import replace

from kg import queries
from kg.pipeline import ingest
from kg.store import Store
from tests.factories import FixedExtractor, dam_article, report_article


def test_ingest_writes_each_document_once(store: Store) -> None:
    dam, report = dam_article(), report_article()
    extractor = FixedExtractor(dam, report)
    first = ingest(store, [dam.document, report.document], extractor)
    assert (first.read, first.written, first.skipped, first.statements) == (2, 2, 0, 5)
    size = len(store)
    again = ingest(store, [dam.document, report.document], extractor)
    assert (again.written, again.skipped) == (0, 2)
    assert len(store) == size
    assert extractor.calls == 2


def test_replace_re_extracts_and_changes_nothing_when_output_is_the_same(store: Store) -> None:
    dam = dam_article()
    ingest(store, [dam.document], FixedExtractor(dam))
    size = len(store)
    report = ingest(store, [dam.document], FixedExtractor(dam_article()), replace=True)
    assert report.written == 1 and len(store) == size


def test_duplicate_documents_in_one_run_are_written_once(store: Store) -> None:
    dam = dam_article()
    report = ingest(store, [dam.document, dam.document], FixedExtractor(dam), batch_size=1)
    assert (report.written, report.skipped) == (1, 1)


def test_denial_is_linked_to_an_accusation_already_in_the_store(store: Store) -> None:
    dam = dam_article()
    ingest(store, [dam.document], FixedExtractor(dam))
    later = report_article(doc_id="later")
    later.statements = [later.statements[1]]  # only "Sudmark denied the claim by Norland."
    ingest(store, [later.document], FixedExtractor(later))
    [denial] = queries.denials(store, denier="sudmark").items
    assert denial["refutes"] == dam.statements[0].id


def test_denial_is_linked_within_the_same_run(store: Store) -> None:
    dam, report = dam_article(), report_article()
    report.statements[1] = replace(report.statements[1], refutes=None)
    ingest(store, [dam.document, report.document], FixedExtractor(dam, report), batch_size=10)
    [denial] = queries.denials(store, denier="sudmark").items
    assert denial["refutes"] == dam.statements[0].id


def test_progress_is_reported_per_document(store: Store) -> None:
    seen: list[int] = []
    dam, report = dam_article(), report_article()
    ingest(
        store,
        [dam.document, report.document],
        FixedExtractor(dam, report),
        batch_size=1,
        progress=seen.append,
    )
    assert sum(seen) == 2
