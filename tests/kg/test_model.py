"""The statement model."""

from __future__ import annotations

import pytest

from kg.model import ActorType, Entity, Kind, Span, Statement, slugify
from tests.factories import NORLAND, SUDMARK, dam_article


def test_statement_id_depends_on_kind_speaker_target_document() -> None:
    a = Statement("d", Kind.ACCUSATION, NORLAND, SUDMARK)
    assert a.id == Statement("d", Kind.ACCUSATION, NORLAND, SUDMARK, content="other").id
    assert a.id != Statement("d", Kind.DENIAL, NORLAND, SUDMARK).id
    assert a.id != Statement("e", Kind.ACCUSATION, NORLAND, SUDMARK).id
    assert a.id != Statement("d", Kind.ACCUSATION, SUDMARK, NORLAND).id


def test_claims_are_told_apart_by_content() -> None:
    a = Statement("d", Kind.CLAIM, NORLAND, None, content="x")
    assert a.id != Statement("d", Kind.CLAIM, NORLAND, None, content="y").id


def test_span_rejects_inverted_offsets() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_entities_are_listed_once() -> None:
    keys = [e.key for e in dam_article().entities]
    assert sorted(keys) == sorted(set(keys))
    assert set(keys) == {"norland", "sudmark", "piet-vos", "analysts"}


def test_confidence_is_the_best_mention() -> None:
    assert dam_article().statements[0].confidence == 0.8
    assert Statement("d", Kind.CLAIM, Entity("x", "X", ActorType.PERSON)).confidence == 0.0


@pytest.mark.parametrize(
    ("name", "slug"),
    [("John Kirby", "john-kirby"), ("U.S.", "u-s"), ("Zelenskyy’s office", "zelenskyys-office")],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug
