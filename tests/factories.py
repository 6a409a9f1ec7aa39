"""Builders of fresh model objects for tests: small invented articles and their statements.

The texts are written for the tests; spans are found in them by search, so each
statement points at real words.
"""

from __future__ import annotations

from datetime import date

from kg.model import (
    ActorType,
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
)

NORLAND = Entity("norland", "Norland", ActorType.STATE, ("Norland", "Nordby"), "Q999001")
SUDMARK = Entity("sudmark", "Sudmark", ActorType.STATE, ("Sudmark",))
BERG = Entity("anna-berg", "Anna Berg", ActorType.PERSON, ("Ms Berg",))
VOS = Entity("piet-vos", "Piet Vos", ActorType.PERSON, ("Mr Vos",))
ANALYSTS = Entity("analysts", "analysts", ActorType.GROUP)


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def mention(
    doc: Document,
    sentence: str,
    speaker: str,
    cue: str,
    content: str | None = None,
    target: str | None = None,
    evidence: str | None = None,
) -> Mention:
    q = span(doc.text, sentence)
    return Mention(
        doc_id=doc.id,
        quote=q,
        speaker=span(doc.text, speaker, q.start),
        cue=span(doc.text, cue, q.start),
        content=span(doc.text, content, q.start) if content else None,
        target=span(doc.text, target, q.start) if target else None,
        evidence=span(doc.text, evidence, q.start) if evidence else None,
        rule="test",
        confidence=0.8,
    )


def dam_article(doc_id: str = "dam", published: date | None = date(2025, 3, 12)) -> Extraction:
    """Norland accuses Sudmark without evidence; Vos (for Sudmark) denies; analysts doubt it."""
    s1 = "Norland accused Sudmark of blowing up the dam, without providing evidence."
    s2 = "Piet Vos rejected the accusation by Norland."
    s3 = "Analysts said it was unclear what happened."
    doc = Document(
        doc_id,
        f"{s1} {s2} {s3}",
        title="Dam dispute",
        published=published,
        url="https://example.org/dam",
    )
    accusation = Statement(
        doc_id,
        Kind.ACCUSATION,
        NORLAND,
        SUDMARK,
        content="blowing up the dam",
        cue="accused",
        evidence=EvidenceStatus.NONE,
        evidence_text="without providing evidence",
        date=published,
        mentions=[
            mention(
                doc,
                s1,
                "Norland",
                "accused",
                "blowing up the dam",
                "Sudmark",
                "without providing evidence",
            )
        ],
    )
    denial = Statement(
        doc_id,
        Kind.DENIAL,
        VOS,
        NORLAND,
        on_behalf_of=SUDMARK,
        content="the accusation",
        cue="rejected",
        refutes=accusation.id,
        date=published,
        mentions=[mention(doc, s2, "Piet Vos", "rejected", "the accusation", "Norland")],
    )
    claim = Statement(
        doc_id,
        Kind.CLAIM,
        ANALYSTS,
        None,
        content="it was unclear what happened",
        cue="said",
        date=published,
        mentions=[mention(doc, s3, "Analysts", "said", "it was unclear what happened")],
    )
    return Extraction(doc, [accusation, denial, claim])


def report_article(doc_id: str = "report", published: date | None = date(2025, 4, 2)) -> Extraction:
    """Berg accuses Sudmark citing satellite images; Sudmark denies Norland's charge."""
    s1 = "Anna Berg accused Sudmark of sabotage, citing satellite images."
    s2 = "Sudmark denied the claim by Norland."
    doc = Document(doc_id, f"{s1} {s2}", title="Report", published=published)
    accusation = Statement(
        doc_id,
        Kind.ACCUSATION,
        BERG,
        SUDMARK,
        on_behalf_of=NORLAND,
        content="sabotage",
        cue="accused",
        evidence=EvidenceStatus.PROVIDED,
        evidence_text="citing satellite images",
        date=published,
        mentions=[
            mention(
                doc, s1, "Anna Berg", "accused", "sabotage", "Sudmark", "citing satellite images"
            )
        ],
    )
    denial = Statement(
        doc_id,
        Kind.DENIAL,
        SUDMARK,
        NORLAND,
        content="the claim",
        cue="denied",
        date=published,
        mentions=[mention(doc, s2, "Sudmark", "denied", "the claim", "Norland")],
    )
    return Extraction(doc, [accusation, denial])


class FixedExtractor:
    """A stand-in extractor: returns prepared extractions by document id (for store tests)."""

    def __init__(self, *extractions: Extraction) -> None:
        self.by_id = {x.document.id: x for x in extractions}
        self.calls = 0

    def extract_many(self, documents, batch_size=32, n_process=1):  # type: ignore[no-untyped-def]
        for d in documents:
            self.calls += 1
            yield self.by_id.get(d.id, Extraction(d, []))
