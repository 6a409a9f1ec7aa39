"""One or more tests for each construction the extraction issue lists.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from kg.model import EvidenceStatus, Extraction, Kind, Statement


def find(extraction: Extraction, kind: Kind, speaker: str | None = None) -> list[Statement]:
    return [
        s
        for s in extraction.statements
        if s.kind is kind and (speaker is None or s.speaker.label == speaker)
    ]


def test_direct_quote_attribution_after(run) -> None:
    text = "“We played no part in the blast,” Norland foreign ministry spokesman Piet Varga said."
    ex = run(text)
    [s] = find(ex, Kind.DENIAL)
    assert s.speaker.label == "Piet Varga"
    m = s.mentions[0]
    assert m.speaker is not None and m.speaker.text(text).endswith("Piet Varga")
    assert m.cue is not None and m.cue.text(text) == "said"
    assert m.content is not None and m.content.text(text).startswith("“We played")


def test_direct_quote_attribution_before(run) -> None:
    text = "Anna Berg said: “The harbour will reopen next week.”"
    ex = run(text)
    [s] = find(ex, Kind.CLAIM)
    assert s.speaker.label == "Anna Berg"
    assert s.mentions[0].content.text(text) == "“The harbour will reopen next week.”"


def test_quote_spanning_sentences(run) -> None:
    text = "“The bridge is safe. Engineers checked it twice,” the mayor Tom Hale told reporters."
    ex = run(text)
    [s] = find(ex, Kind.CLAIM)
    content = s.mentions[0].content.text(text)
    assert content.startswith("“The bridge") and content.endswith("twice,”")


def test_reported_speech_blame_predicate(run) -> None:
    ex = run("Maria Lopez said the Kremlin was behind the cyber attack.")
    [s] = find(ex, Kind.ACCUSATION)
    assert (s.speaker.label, s.target.label) == ("Maria Lopez", "Russia")


def test_according_to(run) -> None:
    text = "The dam was damaged overnight, according to regional officials."
    ex = run(text)
    [s] = find(ex, Kind.CLAIM)
    m = s.mentions[0]
    assert m.cue.text(text) == "according to"
    assert m.speaker.text(text) == "regional officials"


def test_told_reporters_that(run) -> None:
    text = "Paul Dane told reporters that the talks had failed."
    ex = run(text)
    [s] = find(ex, Kind.CLAIM)
    assert s.speaker.label == "Paul Dane"
    assert s.mentions[0].content.text(text) == "that the talks had failed"


def test_verbal_accusation(run) -> None:
    ex = run("Iran accused Israel of sabotaging the plant.")
    [s] = find(ex, Kind.ACCUSATION)
    assert (s.speaker.label, s.target.label) == ("Iran", "Israel")
    assert s.target.wikidata == "Q801"


def test_nominal_allegation_with_possessor(run) -> None:
    ex = run("Karl Olsen spoke on Monday. Mr Olsen's allegation that Norway was behind the leak.")
    [s] = find(ex, Kind.ACCUSATION)
    assert (s.speaker.label, s.target.label) == ("Karl Olsen", "Norway")


def test_nominal_accusations_against(run) -> None:
    ex = run("The statement repeated earlier Kremlin accusations against Washington.")
    [s] = find(ex, Kind.ACCUSATION)
    assert (s.speaker.key, s.target.key) == ("russia", "united-states")


def test_headline_denial_of_adjectival_accuser(run) -> None:
    ex = run("France denies Chinese accusation over spy balloon")
    [s] = find(ex, Kind.DENIAL)
    assert (s.speaker.label, s.target.label) == ("France", "China")


def test_titles_and_honorifics_resolve_to_one_person(run) -> None:
    text = (
        "Deputy minister Jana Novak accused Sweden of lying. "
        "Ms Novak said Sweden was responsible for the spill."
    )
    ex = run(text)
    [s] = find(ex, Kind.ACCUSATION)
    assert s.speaker.key == "jana-novak"
    assert len(s.mentions) == 2


def test_pronoun_speaker_is_last_compatible_speaker(run) -> None:
    text = "Omar Haddad spoke in Cairo. He said Hamas was behind the raid."
    ex = run(text)
    [s] = find(ex, Kind.ACCUSATION)
    assert s.speaker.label == "Omar Haddad"
    assert s.target.label == "Hamas"
    assert s.mentions[0].speaker.text(text) == "He"


def test_metonymy_capitals_and_seats(run) -> None:
    ex = run("Beijing accused Washington of meddling. Downing Street blamed Tehran for the attack.")
    pairs = {(s.speaker.key, s.target.key) for s in find(ex, Kind.ACCUSATION)}
    assert pairs == {("china", "united-states"), ("united-kingdom", "iran")}


def test_spokesperson_speaks_on_behalf(run) -> None:
    text = "“That is simply untrue,” Pentagon spokesman Lee Carter said of the claims."
    ex = run(text)
    statements = [s for s in ex.statements if s.speaker.label == "Lee Carter"]
    assert statements and statements[0].on_behalf_of is not None
    assert statements[0].on_behalf_of.key == "united-states"


def test_denial_idiom_nothing_to_do_with(run) -> None:
    ex = run("Rome accused Malta of the leak. Malta said it had nothing to do with the leak.")
    [d] = find(ex, Kind.DENIAL)
    assert (d.speaker.label, d.target.label) == ("Malta", "Italy")
    [a] = find(ex, Kind.ACCUSATION)
    assert d.refutes == a.id


def test_denial_idiom_claims_are_false(run) -> None:
    ex = run("Peru blamed Chile for the outage. Chile responded by saying the claims are false.")
    [d] = find(ex, Kind.DENIAL)
    assert d.speaker.label == "Chile" and d.target.label == "Peru"


def test_dismissed_as_and_poured_scorn(run) -> None:
    ex = run(
        "Kenya accused Uganda of smuggling. Ugandan officials dismissed the charge as nonsense. "
        "Independent experts poured scorn on the idea."
    )
    speakers = {s.speaker.label for s in find(ex, Kind.DENIAL)}
    assert "Uganda" in speakers and "Independent experts" in speakers


def test_lying_is_an_accusation(run) -> None:
    ex = run("Mr Stone “is simply lying”, Ruth Kale said of Adam Stone.")
    accusations = find(ex, Kind.ACCUSATION, "Ruth Kale")
    assert accusations and accusations[0].target.label == "Adam Stone"


def test_negated_and_hedged_acts_are_not_acts(run) -> None:
    ex = run(
        "Spain did not accuse Portugal of anything. Norway stopped short of accusing Denmark. "
        "Austria refused to deny the report. The ministry declined to comment."
    )
    assert not find(ex, Kind.ACCUSATION)
    assert not find(ex, Kind.DENIAL)


def test_denied_a_visa_is_not_a_denial(run) -> None:
    ex = run("Canada denied the journalist a visa. Japan denied him entry.")
    assert not find(ex, Kind.DENIAL)


def test_evidence_none(run) -> None:
    ex = run("Serbia accused Croatia of arming rebels without providing evidence.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.evidence is EvidenceStatus.NONE
    assert s.evidence_text == "without providing evidence"


def test_evidence_baselessly(run) -> None:
    ex = run("Some pundits have baselessly claimed that Greta Holm was behind the fraud.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.evidence is EvidenceStatus.NONE


def test_evidence_provided_citing_documents(run) -> None:
    ex = run("Poland accused Belarus of forging the ballots, citing documents seen by auditors.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.evidence is EvidenceStatus.PROVIDED


def test_evidence_unspecified(run) -> None:
    ex = run("Ghana accused Togo of harbouring the suspects.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.evidence is EvidenceStatus.UNSPECIFIED


def test_neutral_report_yields_no_acts(run) -> None:
    ex = run("The central bank raised rates on Tuesday. Markets rose slightly in early trading.")
    assert ex.statements == []
