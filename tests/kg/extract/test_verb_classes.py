"""Cue verbs by class (VerbNet / FrameNet) and the constructions that go with them.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction
from kg.records import mention_records

Run = Callable[[str], Extraction]


def _rows(run: Run, text: str) -> dict[str, dict]:
    return {r["cue"]: r for r in mention_records(run(text))}


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        # declare-29.4 / say-37.7
        (
            "The senator proclaimed that the era of cheap credit was over.",
            "proclaimed",
            "The senator",
            "that the era of cheap credit was over",
        ),
        # admire-31.2 (Experiencer_focus): stance toward an object
        ("The mayor openly admires the new stadium.", "openly admires", "The mayor", None),
        # consider-29.9: the object goes with its 'as' label
        (
            "The union views the contract as a betrayal.",
            "views",
            "The union",
            "the contract as a betrayal",
        ),
        # proposals (FrameNet Commitment / Statement): the object offered is the content
        (
            "The governor offered a compromise on school funding.",
            "offered",
            "The governor",
            "a compromise on school funding",
        ),
        # Recording: a document that sets something on record
        (
            "The report documents dozens of safety lapses at the plant.",
            "documents",
            "The report",
            None,
        ),
    ],
)
def test_cue_classes(run: Run, text: str, cue: str, speaker: str, content: str | None) -> None:
    r = _rows(run, text)[cue]
    assert r["speaker_mention"] == speaker
    if content is not None:
        assert r["content"] == content


def test_negation_inside_quotation_does_not_cancel_the_cue(run: Run) -> None:
    r = _rows(run, "“Probably not,” the coach said.")["said"]
    assert r["speaker_mention"] == "the coach"


def test_negated_cue_stays_out(run: Run) -> None:
    assert "did not say" not in _rows(run, "The coach did not say whether the team would travel.")


def test_clause_before_sentence_final_cue(run: Run) -> None:
    r = _rows(run, "Fares will rise again next spring, analysts say.")["say"]
    assert r["speaker_mention"] == "analysts"
    assert r["content"] == "Fares will rise again next spring"


def test_clause_the_parse_hung_elsewhere(run: Run) -> None:
    r = _rows(run, "The minister said after the vote she would step down.")["said"]
    assert r["content"] is not None and r["content"].endswith("she would step down")


def test_permission_is_not_a_cue(run: Run) -> None:
    assert not _rows(run, "The new rules allow farmers to sell directly to shops.")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The mayor is sure that the bridge will reopen.",
            "is sure",
            "that the bridge will reopen",
        ),
        (
            "The senator has been critical of the trade deal.",
            "has been critical of",
            "the trade deal",
        ),
        ("Residents are worried about rising rents.", "are worried about", "rising rents"),
    ],
)
def test_stance_adjective(run: Run, text: str, cue: str, content: str) -> None:
    assert _rows(run, text)[cue]["content"] == content


def test_stance_adjective_needs_complement_and_no_negation(run: Run) -> None:
    assert not _rows(run, "The council is not sure whether the budget will pass.")
    assert not _rows(run, "The residents were worried.")


def test_lemma_with_dropped_silent_e(run: Run) -> None:
    r = _rows(run, "The coach is hoping the rain will stop before kickoff.")["is hoping"]
    assert r["content"] == "the rain will stop before kickoff"


def test_possessed_view_with_copular_clause(run: Run) -> None:
    r = _rows(run, "The treasurer's view is that the levy should be scrapped.")["view"]
    assert r["speaker_mention"] == "The treasurer's"
    assert r["content"] == "that the levy should be scrapped"
