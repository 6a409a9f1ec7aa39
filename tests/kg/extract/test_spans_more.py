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


def test_call_with_a_small_clause_takes_it_as_content(run: Run) -> None:
    r = _rows(run, "Ms. Varga called the mayor a coward.")["called"]
    assert r["speaker_mention"] == "Ms. Varga"
    assert r["content"] == "the mayor a coward"


def test_possessed_statement_noun_with_its_topic(run: Run) -> None:
    text = "The panel discussed the senator's infamous remark about the harbour."
    r = _rows(run, text)["infamous remark about"]
    assert r["speaker_mention"] == "the senator's"
    assert r["content"] == "the harbour"


def test_message_verb_with_the_participle_hung_on_it(run: Run) -> None:
    text = "The tenants sent a letter to the city council urging a vote on the rent rules."
    r = _rows(run, text)["sent a letter to the city council urging"]
    assert r["speaker_mention"] == "The tenants"


def test_message_verb_with_a_relative_clause_of_the_message(run: Run) -> None:
    text = "She released a note from her doctor last week that says she is healthy."
    r = _rows(run, text)["released a note from her doctor last week that says"]
    assert r["speaker_mention"] == "She"


def test_reporting_verb_in_an_as_clause(run: Run) -> None:
    r = _rows(run, "The bridge was closed for a week, as inspectors have said.")["have said"]
    assert r["speaker_mention"] == "inspectors"
    assert r["content"] == "The bridge was closed for a week"


def test_source_after_a_quotation_is_not_inside_it(extractor) -> None:
    """A parse that makes a word of the quotation the subject of the cue after it: the
    speaker is the noun phrase between the quotation and the cue."""
    from spacy.tokens import Doc

    from kg.extract.speech import _verb_frame

    words = ["“", "We", "won", ",", "”", "the", "chief", "said", "."]
    doc = Doc(
        extractor.nlp.vocab,
        words=words,
        spaces=[False, True, False, False, True, True, True, False, False],
        heads=[7, 7, 7, 7, 7, 6, 7, 7, 7],
        deps=["punct", "nsubj", "ccomp", "punct", "punct", "det", "dobj", "ROOT", "punct"],
        pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
        lemmas=["“", "we", "win", ",", "”", "the", "chief", "say", "."],
    )
    say = extractor.lexicon.verb_frames["say"]
    sf = _verb_frame(doc, doc[7], say, [], [(0, 10)], doc.text)
    assert sf is not None and sf.source is not None
    assert doc.text[sf.source[0] : sf.source[1]] == "the chief"


def test_support_verb_with_a_statement_noun(run: Run) -> None:
    text = "The mayor has made the case for a new library."
    r = _rows(run, text)["has made the case for"]
    assert r["speaker_mention"] == "The mayor"
    assert r["content"] == "a new library"
    text = "The bishop sounded a call for the state to shelter more families on Monday."
    r = _rows(run, text)["sounded a call for"]
    assert r["speaker_mention"] == "The bishop"


def test_claim_inside_a_quotation_is_the_quoted_speech(run: Run) -> None:
    text = "The poster on the wall read “Most farmers believe the river is safe.”"
    assert "believe" not in _rows(run, text)


def test_relative_clause_of_an_organisation_in_the_source(run: Run) -> None:
    text = (
        "Ana Ruiz, president of the Dockworkers Union, which represents port staff, "
        "said the strike would end."
    )
    r = _rows(run, text)["said"]
    assert r["speaker_mention"] == "Ana Ruiz, president of the Dockworkers Union,"


def test_judgement_reduced_to_a_claim_inside_a_quotation_is_dropped(run: Run) -> None:
    text = "The banner above the stage read “Local farmers reject the dam plan.”"
    assert "reject" not in _rows(run, text)


def test_title_case_headline_cue(run: Run) -> None:
    text = "Farm Group Shows Support For New Water Rules.\n\nThe vote is in May.\n"
    r = _rows(run, text)["Shows"]
    assert r["speaker_mention"] == "Farm Group"
    assert r["content"] == "Support For New Water Rules"


def test_present_tense_with_a_dropped_silent_e(run: Run) -> None:
    """The small model lemmatizes "hopes" as "hop"; the cue is still found."""
    r = _rows(run, "Ultimately, the mayor hopes to open the new pool in June.")["hopes"]
    assert r["speaker_mention"] == "the mayor"
    assert r["content"] == "to open the new pool in June"


def test_manner_of_speaking_verb_reports_a_quotation(run: Run) -> None:
    text = "“The river will rise again,” the old fisherman sang to the children."
    r = _rows(run, text)["sang"]
    assert r["speaker_mention"] == "the old fisherman"
    assert r["content"] == "“The river will rise again,”"


def test_cue_verb_tagged_as_a_plural_noun(extractor) -> None:
    """A parse that reads "plans" as a noun with "The campaign" as its compound still
    gives the cue, its source and its infinitive."""
    from spacy.tokens import Doc

    from kg.extract.speech import find_frames

    doc = Doc(
        extractor.nlp.vocab,
        words=["The", "campaign", "plans", "to", "hire", "staff", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 2, 2, 4, 2, 4, 2],
        deps=["det", "compound", "ROOT", "aux", "xcomp", "dobj", "punct"],
        pos=["DET", "NOUN", "NOUN", "PART", "VERB", "NOUN", "PUNCT"],
        tags=["DT", "NN", "NNS", "TO", "VB", "NNS", "."],
        lemmas=["the", "campaign", "plan", "to", "hire", "staff", "."],
    )
    [sf] = find_frames(doc, extractor.lexicon, [], doc.text)
    assert doc.text[sf.cue[0] : sf.cue[1]] == "plans"
    assert sf.source is not None and doc.text[sf.source[0] : sf.source[1]] == "The campaign"
    assert sf.content is not None and doc.text[sf.content[0] : sf.content[1]] == "to hire staff"


def test_agreeing_or_responding_verb_takes_what_it_answers(run: Run) -> None:
    r = _rows(run, "Ms. Patel largely agreed with the harbour master.")["largely agreed with"]
    assert r["speaker_mention"] == "Ms. Patel"
    assert r["content"] == "the harbour master"
    r = _rows(run, "The senator responded to the auditor's report on Tuesday.")["responded"]
    assert r["content"] == "the auditor's report"
    # what is answered is not the speaker's own assertion: no denial of it
    text = "The nurses' unions reacted to the unfounded attacks on their members."
    assert _rows(run, text)["reacted"]["kind"] == "claim"
    assert not _rows(run, "The mayor did not respond to requests for comment.")


def test_two_cues_in_each_others_content_are_both_kept(extractor) -> None:
    """A parse cycle ("“A,” X sings before asking, “B?”": each cue's content runs over
    the other cue) must not drop both reports."""
    from dataclasses import replace

    from kg.extract.extractor import _drop_nested
    from kg.extract.speech import find_frames

    text = "The coach said the team was tired, and the captain added that the pitch was wet."
    doc = extractor.nlp(text)
    frames = find_frames(doc, extractor.lexicon, [], text)
    said = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "said")
    added = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "added")
    wide_said = replace(said, content=(said.content[0], len(text) - 1))
    wide_added = replace(added, content=(0, added.content[1]))
    kept = _drop_nested([wide_said, wide_added], doc, [])
    assert [text[f.cue[0] : f.cue[1]] for f in kept] == ["said", "added"]


def test_report_in_a_concessive_clause_is_its_own(run: Run) -> None:
    text = "The chief said the roads were safe, although he admitted that two bridges were closed."
    r = _rows(run, text)["admitted"]
    assert r["speaker_mention"] == "he"
    assert r["content"] == "that two bridges were closed"


def test_dateline_before_a_hyphen_is_not_the_source(run: Run) -> None:
    text = "DENVER - City officials said the tunnel would reopen next week."
    assert _rows(run, text)["said"]["speaker_mention"] == "City officials"


def test_what_a_poll_found_is_attributed_to_the_poll(run: Run) -> None:
    text = (
        "The mayor spoke to farmers on Tuesday. In the latest county survey, "
        "the mayor leads her challenger by four points."
    )
    r = _rows(run, text)["In"]
    assert r["speaker_mention"] == "the latest county survey"
    assert r["content"] == "the mayor leads her challenger by four points"


def test_gains_in_polls_are_what_the_polls_show(run: Run) -> None:
    r = _rows(run, "The senator's recent gains in several polls worried his rivals.")["in"]
    assert r["speaker_mention"] == "several polls"
    assert r["content"] == "The senator's recent gains"


def test_relative_clause_reporting_a_clause_is_not_in_the_source(run: Run) -> None:
    text = "Ann Lee, who argued that the levy was too high, said the town must wait until spring."
    rows = _rows(run, text)
    assert rows["said"]["speaker_mention"] == "Ann Lee"
    assert rows["argued"]["speaker_mention"] == "who"


def test_rating_something_as_a_grade_is_a_view(run: Run) -> None:
    r = _rows(run, "The fact checkers rated the mayor's claim as mostly false.")["rated"]
    assert r["speaker_mention"] == "The fact checkers"
    assert r["content"] == "the mayor's claim as mostly false"


def test_rating_without_an_as_phrase_is_no_view(run: Run) -> None:
    assert "rated" not in _rows(run, "She rated the hotel highly.")


def test_making_it_clear_states_the_clause(run: Run) -> None:
    r = _rows(run, "The general made it clear he had doubts about the plan.")["made it clear"]
    assert r["speaker_mention"] == "The general"
    assert r["content"] == "he had doubts about the plan"


def test_making_something_clear_of_dust_is_no_statement(run: Run) -> None:
    assert not _rows(run, "The rain made the road clear of dust.")
