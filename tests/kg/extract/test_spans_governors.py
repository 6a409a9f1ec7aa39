"""Sources found through the clause that governs the cue, and cue spans that take in
that governor (PolNeAR span targets, second pass).

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


def test_gerund_after_a_preposition_takes_the_passive_main_subject(run: Run) -> None:
    text = "After saying her ankle was broken, the runner was taken to a clinic."
    r = _rows(run, text)["saying"]
    assert r["speaker_mention"] == "the runner"
    assert r["content"] == "her ankle was broken"


def test_coordinated_cue_shares_a_passive_subject(run: Run) -> None:
    r = _rows(run, "The mayor was booed and said the crowd had been paid.")["said"]
    assert r["speaker_mention"] == "The mayor"
    assert r["content"] == "the crowd had been paid"


def test_passive_subject_of_the_cue_itself_is_not_its_speaker(run: Run) -> None:
    assert not _rows(run, "The senator was accused of lying.")


def test_participle_modifying_a_noun_has_it_as_speaker(run: Run) -> None:
    text = "The bill drew letters from economists warning that prices would rise."
    r = _rows(run, text)["warning"]
    assert r["speaker_mention"] == "economists"
    assert r["content"] == "that prices would rise"


def test_participle_modifying_a_thing_has_no_speaker(run: Run) -> None:
    text = "The town braced for a storm promising a week of heavy rain."
    assert "promising" not in _rows(run, text)


def test_infinitive_of_purpose_takes_the_main_subject(run: Run) -> None:
    r = _rows(run, "The governor flew to Dayton to discuss the plant closures.")["to discuss"]
    assert r["speaker_mention"] == "The governor"
    assert r["content"] == "the plant closures"


def test_infinitive_of_purpose_right_after_its_verb_joins_the_cue(run: Run) -> None:
    r = _rows(run, "The senator went on to discuss the farm bill.")["went on to discuss"]
    assert r["speaker_mention"] == "The senator"
    assert r["content"] == "the farm bill"


def test_adjective_governing_the_cue_joins_it(run: Run) -> None:
    text = "The coach was able to consistently tout his winning record."
    r = _rows(run, text)["was able to consistently tout"]
    assert r["speaker_mention"] == "The coach"
    assert r["content"] == "his winning record"


def test_extraposed_it_is_no_speaker(run: Run) -> None:
    assert not _rows(run, "It is hard to imagine a simpler plan.")


def test_auxiliary_before_a_no_break_space(run: Run) -> None:
    text = "The mayor has\u00a0acknowledged that the budget was late."
    r = _rows(run, text)["has\u00a0acknowledged"]
    assert r["speaker_mention"] == "The mayor"
    assert r["content"] == "that the budget was late"


def test_report_in_a_relative_clause_of_an_object(run: Run) -> None:
    rows = _rows(run, "The union endorsed the mayor, who says he is honored.")
    assert rows["endorsed"]["speaker_mention"] == "The union"
    r = rows["says"]
    assert r["speaker_mention"] == "who"
    assert r["content"] == "he is honored"


def test_report_in_a_relative_clause_of_reported_speech_stays_nested(run: Run) -> None:
    text = "The clerk said the papers, which he says were lost, had been found."
    assert "says" not in _rows(run, text)


def test_that_clause_parsed_as_an_adverbial_is_the_content(extractor) -> None:
    """A parse that hangs "that the referee lied" on the cue as an adverbial clause."""
    from spacy.tokens import Doc

    from kg.extract.speech import find_frames

    doc = Doc(
        extractor.nlp.vocab,
        words=["The", "owner", "tweeted", "late", "that", "the", "referee", "lied", "."],
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[1, 2, 2, 2, 7, 6, 7, 2, 2],
        deps=["det", "nsubj", "ROOT", "advmod", "mark", "det", "nsubj", "advcl", "punct"],
        pos=["DET", "NOUN", "VERB", "ADV", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        tags=["DT", "NN", "VBD", "RB", "IN", "DT", "NN", "VBD", "."],
        lemmas=["the", "owner", "tweet", "late", "that", "the", "referee", "lie", "."],
    )
    [sf] = [f for f in find_frames(doc, extractor.lexicon, [], doc.text) if f.cue_head == 2]
    assert sf.source is not None and doc.text[sf.source[0] : sf.source[1]] == "The owner"
    assert sf.content is not None
    assert doc.text[sf.content[0] : sf.content[1]] == "that the referee lied"
