"""The extractor as a service uses it: many documents, and several threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from kg.extract import Extractor
from kg.extract.extractor import MEMORY_ZONE_DOCS
from kg.ingest import make_document
from kg.model import Document

TEXTS = [
    "Norland accused Sudmark of poisoning the river, without providing evidence.",
    "Sudmark's foreign ministry denied the claims, calling them absolutely ridiculous.",
    '"We had nothing to do with it," said Piet Vos, a spokesman for the Sudmark government.',
]


def _docs(n: int) -> list[Document]:
    return [make_document(TEXTS[i % len(TEXTS)], id=f"d{i}") for i in range(n)]


def _summary(extractor: Extractor, docs: list[Document]) -> list[tuple[str, ...]]:
    return [
        tuple(f"{s.kind}:{s.speaker.key}:{s.target.key if s.target else ''}" for s in x.statements)
        for x in extractor.extract_many(docs)
    ]


def test_memory_zones_free_strings_between_chunks(extractor: Extractor) -> None:
    # more documents than one memory zone holds: strings of the first chunk are freed
    # before the next is parsed, and nothing extracted refers to them
    docs = _docs(MEMORY_ZONE_DOCS + 3)
    out = _summary(extractor, docs)
    assert all(out[i] == out[i % len(TEXTS)] for i in range(len(out)))
    assert "accusation:norland:sudmark" in out[0]


def test_threads_sharing_an_extractor_get_what_one_thread_gets(extractor: Extractor) -> None:
    docs = _docs(12)
    alone = _summary(extractor, docs)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: _summary(extractor, docs), range(4)))
    assert together == [alone] * 4
