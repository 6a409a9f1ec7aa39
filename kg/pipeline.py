"""Ingest: read documents, extract statements, link denials to what they refute, store.

The same function serves ``claimgraph ingest`` and ``POST /documents``. Documents are
written in batches; each batch is one transaction, so a crash leaves every document
either whole or absent, and running the same ingest again finishes the job.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Protocol

from kg.model import Document, Extraction, Kind, Statement
from kg.queries import run
from kg.rdf import document_iri, entity_iri, extraction_quads, local_name
from kg.store.base import Store

__all__ = ["Extracts", "IngestReport", "ingest", "link_refutations"]


class Extracts(Protocol):
    """What ingest needs of an extractor (``kg.extract.Extractor`` is one)."""

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = ..., n_process: int = ...
    ) -> Iterator[Extraction]: ...


@dataclass
class IngestReport:
    """What one ingest did."""

    read: int = 0
    written: int = 0
    skipped: int = 0
    statements: int = 0
    quads: int = 0
    seconds: float = 0.0
    documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "written": self.written,
            "skipped": self.skipped,
            "statements": self.statements,
            "quads": self.quads,
            "seconds": round(self.seconds, 3),
        }


def link_refutations(
    store: Store, extraction: Extraction, pending: dict[tuple[str, str], str] | None = None
) -> None:
    """Point each denial with a known target but no ``refutes`` at the accusation it answers.

    Looks first among accusations of this ingest (``pending``: (accuser, accused) keys to
    statement ids), then in the store: the latest accusation by the denial's target
    against its speaker.
    """
    for s in extraction.statements:
        if s.kind is not Kind.DENIAL or s.refutes or s.target is None:
            continue
        key = (s.target.key, s.speaker.key)
        if pending and key in pending:
            s.refutes = pending[key]
            continue
        rows = run(
            store, "refutable", {"accuser": entity_iri(key[0]), "accused": entity_iri(key[1])}
        )
        if rows:
            s.refutes = local_name(rows[0]["statement"], "statement")


def _remember_accusations(statements: list[Statement], pending: dict[tuple[str, str], str]) -> None:
    for s in statements:
        if s.kind is Kind.ACCUSATION and s.target is not None:
            pending[(s.speaker.key, s.target.key)] = s.id


# One extractor per worker process, loaded by the pool's initializer.
_WORKER_EXTRACTOR: Any = None


def _worker_init(factory: Callable[[], Extracts]) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = factory()


def _worker_extract(docs: list[Document]) -> list[Extraction]:
    return list(_WORKER_EXTRACTOR.extract_many(docs))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_parallel(
    factory: Callable[[], Extracts], docs: Iterable[Document], jobs: int, chunk_size: int
) -> Iterator[Extraction]:
    """Extract in ``jobs`` worker processes, in input order, with bounded memory."""
    ctx = get_context("forkserver")
    with ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_worker_init, initargs=(factory,)
    ) as pool:
        in_flight: deque[Future[list[Extraction]]] = deque()
        for chunk in _chunks(docs, chunk_size):
            in_flight.append(pool.submit(_worker_extract, chunk))
            if len(in_flight) >= 2 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def ingest(
    store: Store,
    documents: Iterable[Document],
    extractor: Extracts | None = None,
    *,
    extractor_factory: Callable[[], Extracts] | None = None,
    jobs: int = 1,
    batch_size: int = 64,
    replace: bool = False,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Extract and store documents; a document already stored is skipped unless ``replace``.

    With ``jobs > 1``, extraction runs in that many processes, each building its own
    extractor with ``extractor_factory``.
    """
    start = time.perf_counter()
    report = IngestReport()
    seen: set[str] = set()

    def fresh(docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            report.read += 1
            if d.id in seen or (not replace and store.has_graph(document_iri(d.id))):
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            seen.add(d.id)
            yield d

    if jobs > 1:
        if extractor_factory is None:
            raise ValueError("jobs > 1 needs an extractor_factory")
        extractions = _extract_parallel(
            extractor_factory, fresh(documents), jobs, max(1, batch_size // jobs)
        )
    else:
        if extractor is None:
            if extractor_factory is None:
                raise ValueError("ingest needs an extractor or an extractor_factory")
            extractor = extractor_factory()
        extractions = extractor.extract_many(fresh(documents), batch_size=batch_size)

    pending: dict[tuple[str, str], str] = {}
    batch: list[tuple[Any, list[Any]]] = []

    def flush() -> None:
        store.write_graphs(batch)
        if progress:
            progress(len(batch))
        batch.clear()

    for x in extractions:
        link_refutations(store, x, pending)
        _remember_accusations(x.statements, pending)
        quads = extraction_quads(x)
        batch.append((document_iri(x.document.id), quads))
        report.written += 1
        report.statements += len(x.statements)
        report.quads += len(quads)
        report.documents.append(x.document.id)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.seconds = time.perf_counter() - start
    return report
