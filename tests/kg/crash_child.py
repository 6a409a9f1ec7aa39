"""Ingest a JSONL file with a fast stand-in extractor, slowly enough to be killed midway.

Run by tests/kg/test_crash.py (and scripts/crashtest.py uses the real CLI instead):
``python -m tests.kg.crash_child STORE_URL FILE.jsonl``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

from kg.ingest import read_documents
from kg.model import ActorType, Document, Entity, Extraction, Kind, Mention, Span, Statement
from kg.pipeline import ingest
from kg.store import open_store


class SyntheticExtractor:
    """Every sentence "A accused B." of a document becomes an accusation by A against B."""

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[Extraction]:
        for d in documents:
            statements = []
            start = 0
            for sentence in d.text.split(". "):
                words = sentence.rstrip(".").split()
                if len(words) == 3 and words[1] == "accused":
                    a, b = (Entity(w.lower(), w, ActorType.STATE) for w in (words[0], words[2]))
                    end = start + len(sentence)
                    statements.append(
                        Statement(
                            d.id,
                            Kind.ACCUSATION,
                            a,
                            b,
                            cue="accused",
                            mentions=[Mention(d.id, Span(start, end), rule="synthetic")],
                        )
                    )
                start += len(sentence) + 2
            time.sleep(0.01)
            yield Extraction(d, statements)


def main(url: str, path: str) -> int:
    with open_store(url) as store:
        ingest(store, read_documents([path]), SyntheticExtractor(), batch_size=8)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
