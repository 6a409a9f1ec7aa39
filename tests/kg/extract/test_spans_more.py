"""Attribution constructions added for the PolNeAR span targets (issue #3).

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from kg.records import mention_records

Run = Callable[[str], Extraction]


def _rows(run: Run, text: str) -> dict[str, dict]:
    rows = list(mention_records(run(text)))
    for r in rows:
        for span, field in (("speaker_span", "speaker_mention"), ("cue_span", "cue")):
            if r[span] is not None:
                assert text[r[span][0] : r[span][1]] == r[field]
    return {r["cue"]: r for r in rows}


def test_participle_set_off_by_commas_is_not_the_source(run: Run) -> None:
    text = (
        "The governor, speaking to a farmers group in the north of the state, said he "
        "would order a review of the water rules."
    )
    assert _rows(run, text)["said"]["speaker_mention"] == "The governor"


def test_relative_clause_stays_in_the_source(run: Run) -> None:
    rows = _rows(run, "Tomas Rivel, who ran the port for a decade, said the cranes were unsafe.")
    assert rows["said"]["speaker_mention"] == "Tomas Rivel, who ran the port for a decade,"


def test_two_reports_joined_by_and(run: Run) -> None:
    text = (
        "Inspectors said the dam had cracked in two places last winter, "
        "and the water board says repairs will take a year."
    )
    rows = _rows(run, text)
    assert rows["said"]["speaker_mention"] == "Inspectors"
    r = rows["says"]
    assert r["speaker_mention"] == "the water board"
    assert r["content"] == "repairs will take a year"


def test_cue_closing_its_paragraph_introduces_the_next(run: Run) -> None:
    text = "The treasurer added:\n\nThe town will not raise taxes before the election.\n"
    r = _rows(run, text)["added:"]
    assert r["speaker_mention"] == "The treasurer"
    assert r["content"] == "The town will not raise taxes before the election."


def test_stance_verb_takes_its_object_as_content(run: Run) -> None:
    r = _rows(run, "The auditors doubted the official figures.")["doubted"]
    assert r["speaker_mention"] == "The auditors"
    assert r["content"] == "the official figures"


def test_perception_verb_object_is_not_content(run: Run) -> None:
    assert "saw" not in _rows(run, "The auditors saw the new office.")


def test_verb_in_two_frames_falls_back_to_its_topic_sense(run: Run) -> None:
    r = _rows(run, "The tenant complained about the noise from the harbour.")["complained about"]
    assert r["speaker_mention"] == "The tenant"
    assert r["content"] == "the noise from the harbour"


def test_dash_signature_after_no_break_space(run: Run) -> None:
    text = "“We will stay in this town.”\u00a0―\u00a0Maria Lopez\n"
    r = _rows(run, text)["―"]
    assert r["speaker_mention"] == "Maria Lopez"
    assert r["content"] == "“We will stay in this town.”"


def test_message_issued_with_a_participle(run: Run) -> None:
    text = "The council issued a statement calling the vote a disgrace."
    r = _rows(run, text)["issued a statement calling"]
    assert r["speaker_mention"] == "The council"


def test_agreement_keeps_its_with(run: Run) -> None:
    text = "The judge agreed with the tenants that the rent was too high."
    assert _rows(run, text)["agreed with"]["speaker_mention"] == "The judge"


def test_coordinated_report_survives_a_content_that_runs_over_it(extractor) -> None:
    """A parse that hangs a second sentence's worth of clauses under the first cue makes
    its content run over the second report; that report is kept (outside quotations)."""
    from dataclasses import replace

    from kg.extract.extractor import _drop_nested
    from kg.extract.speech import find_frames

    text = "Critics said the plan costs too much, and the council says it will vote in May."
    doc = extractor.nlp(text)
    frames = find_frames(doc, extractor.lexicon, [], text)
    said = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "said")
    says = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "says")
    wide = replace(said, content=(said.content[0], len(text) - 1))
    kept = _drop_nested([wide, says], doc, [])
    assert [text[f.cue[0] : f.cue[1]] for f in kept] == ["said", "says"]
    quoted = _drop_nested([wide, says], doc, [(says.cue[0] - 1, len(text))])
    assert [text[f.cue[0] : f.cue[1]] for f in quoted] == ["said"]
