"""The extraction output contract: one flat record per statement *mention*.

``claimgraph extract --format jsonl`` prints these; ``../shared/eval/score.py`` and
``score_attribution.py`` read them. A statement mentioned twice gives two records with
the same ``id``. Spans are ``[start, end]`` Python string offsets into the text as read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.model import Extraction, Span

__all__ = ["FIELDS", "mention_records"]

FIELDS = (
    "doc",
    "id",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_span",
    "target",
    "target_mention",
    "target_span",
    "cue",
    "cue_span",
    "content",
    "content_span",
    "evidence",
    "refutes",
    "confidence",
)


def _span(span: Span | None) -> list[int] | None:
    return span.as_list() if span is not None else None


def _text(span: Span | None, text: str) -> str | None:
    return span.text(text) if span is not None else None


def mention_records(extraction: Extraction) -> Iterator[dict[str, Any]]:
    """Yield the contract record of every mention of every statement, in text order."""
    text = extraction.document.text
    rows = []
    for s in extraction.statements:
        for m in s.mentions:
            rows.append(
                (
                    m.quote.start,
                    {
                        "doc": extraction.document.id,
                        "id": s.id,
                        "kind": s.kind.value,
                        "speaker": s.speaker.label,
                        "speaker_mention": _text(m.speaker, text),
                        "speaker_span": _span(m.speaker),
                        "target": s.target.label if s.target else None,
                        "target_mention": _text(m.target, text),
                        "target_span": _span(m.target),
                        "cue": _text(m.cue, text),
                        "cue_span": _span(m.cue),
                        "content": _text(m.content, text),
                        "content_span": _span(m.content),
                        "evidence": s.evidence.value,
                        "refutes": s.refutes,
                        "confidence": round(m.confidence, 3),
                    },
                )
            )
    rows.sort(key=lambda r: r[0])
    yield from (row for _, row in rows)
