from __future__ import annotations

from kg.extract import Extractor
from kg.ingest import make_document
from kg.records import mention_records

TEXT = (
    "Headline: Vardia rejects claims\n\n"
    "Vardia’s foreign minister, Ola Brek, said on Friday that the claims were “baseless”.\n\n"
    "“We had nothing to do with it,” she told reporters. "
    "Tolvia accused Vardia of shelling the border without providing evidence."
)


def test_every_span_is_exact_text(extractor: Extractor) -> None:
    doc = make_document(TEXT, id="spans")
    extraction = extractor.extract(doc)
    assert extraction.statements
    for record in mention_records(extraction):
        for field, key in (
            ("speaker", "speaker_mention"),
            ("cue", "cue"),
            ("content", "content"),
            ("target", "target_mention"),
        ):
            span, mention = record[f"{field}_span"], record[key]
            if span is not None:
                assert TEXT[span[0] : span[1]] == mention
    for s in extraction.statements:
        for m in s.mentions:
            assert 0 <= m.quote.start < m.quote.end <= len(TEXT)
            assert s.date == doc.published


def test_extract_many_keeps_order(extractor: Extractor) -> None:
    docs = [make_document(t, id=f"d{i}") for i, t in enumerate(["Iran blamed Iraq.", TEXT, "Hi."])]
    out = list(extractor.extract_many(docs, batch_size=2))
    assert [e.document.id for e in out] == ["d0", "d1", "d2"]


def test_public_api() -> None:
    import kg.extract

    assert "Extractor" in kg.extract.__all__
