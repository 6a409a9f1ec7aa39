"""Accusation and denial constructions beyond the cue verbs: argument roles, nominal
and participial forms, coreference of targets, evidence. Sentences written for the tests.
"""

from __future__ import annotations

from kg.model import EvidenceStatus, Extraction, Kind, Statement


def find(extraction: Extraction, kind: Kind) -> list[Statement]:
    return [s for s in extraction.statements if s.kind is kind]


def pairs(extraction: Extraction, kind: Kind) -> set[tuple[str, str | None]]:
    return {(s.speaker.label, s.target.label if s.target else None) for s in find(extraction, kind)}


def test_participle_speaker_is_the_modified_noun(run) -> None:
    ex = run("Critics hit out at commentators and senators blaming the guards for the failures.")
    assert ("commentators and senators", "guards") in pairs(ex, Kind.ACCUSATION)


def test_appositive_one_accusing_it(run) -> None:
    ex = run("Norcom is also fighting three lawsuits - one accusing it of dumping waste.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.speaker.label == "three lawsuits"
    assert s.target.label == "Norcom"


def test_pied_piped_relative_pronoun_speaker(run) -> None:
    ex = run(
        "Senior officials gave a long briefing in which they accused a handful of opposition "
        "figures of working with foreign agents."
    )
    [s] = find(ex, Kind.ACCUSATION)
    assert s.speaker.label == "Senior officials"
    assert s.target.label == "opposition figures"


def test_named_as_culprits_with_conjoined_targets(run) -> None:
    ex = run("Inspector Lund named two bankers and several clerks as the plotters on Friday.")
    targets = {s.target.label for s in find(ex, Kind.ACCUSATION)}
    assert {"two bankers", "clerks"} <= targets


def test_named_as_non_culprit_is_not_an_accusation(run) -> None:
    ex = run("The club named Ana Ruiz as its new captain.")
    assert not find(ex, Kind.ACCUSATION)


def test_evidence_shown_in_next_sentence(run) -> None:
    ex = run(
        "Mayor Hugo Brant named three contractors as plotters. "
        "Brant showed photos of the forged permits."
    )
    [s] = find(ex, Kind.ACCUSATION)
    assert s.evidence is EvidenceStatus.PROVIDED


def test_phrasal_blame_verb_make_up(run) -> None:
    ex = run("“The Norland ministry makes up these stories to distract voters,” Ivo Marek said.")
    [s] = find(ex, Kind.ACCUSATION)
    assert s.speaker.label == "Ivo Marek"


def test_make_up_as_constitute_is_not_blame(run) -> None:
    ex = run("Ivo Marek said women make up half of the workforce.")
    assert not find(ex, Kind.ACCUSATION)


def test_several_parties_blamed_in_one_quote(run) -> None:
    text = (
        "“Nobody can ignore Viktor Kovac's terror campaigns, which come at the behest of "
        "the regime in Belarus,” Lena Ostrova said."
    )
    targets = {s.target.label for s in find(run(text), Kind.ACCUSATION)}
    assert targets == {"Viktor Kovac", "Belarus"}


def test_first_person_negated_error_is_a_denial(run) -> None:
    ex = run("Greta Holm told the radio: “We don't think we got our figures wrong.”")
    assert [s.speaker.label for s in find(ex, Kind.DENIAL)] == ["Greta Holm"]


def test_third_person_error_is_not_a_denial(run) -> None:
    ex = run("Greta Holm said she doesn't think the auditors got their figures wrong.")
    assert not find(ex, Kind.DENIAL)


def test_document_called_false_is_the_target(run) -> None:
    text = (
        "A Daily Ledger article said the mill poisoned the river. "
        "Mill director Ola Berg said that the article was false and misleading."
    )
    ex = run(text)
    [d] = find(ex, Kind.DENIAL)
    assert d.speaker.label == "Ola Berg" and d.target is not None
    assert d.target.label == "Daily Ledger"


def test_the_accusation_refers_back_to_a_possessed_charge(run) -> None:
    ex = run(
        "Rome blamed Malta for the leak. Ana Vidal criticized Malta's fraud charge, "
        "calling the accusation absurd."
    )
    assert ("Ana Vidal", "Malta") in pairs(ex, Kind.DENIAL)


def test_verbal_attack_with_as_complement(run) -> None:
    ex = run("Senator Tom Reed attacked Labour's new pledges as empty.")
    assert ("Tom Reed", "Labour") in pairs(ex, Kind.ACCUSATION)


def test_physical_attack_is_not_an_accusation(run) -> None:
    ex = run("Rebels attacked the army's positions near the border.")
    assert not find(ex, Kind.ACCUSATION)


def test_fights_back_at_accusers_is_a_denial(run) -> None:
    ex = run("Brightco fights back at accusers")
    assert [s.speaker.label for s in find(ex, Kind.DENIAL)] == ["Brightco"]


def test_bare_government_is_the_last_named_government(run) -> None:
    ex = run(
        "Chile's government has often alleged plots. "
        "“The government makes up these stories about coups,” Rosa Vega said."
    )
    assert ("Rosa Vega", "Chile") in pairs(ex, Kind.ACCUSATION)


def test_repeated_denial_keeps_its_accuser(run) -> None:
    text = (
        "Peru accused Bolivia of smuggling. Ecuador accused Bolivia of lying. "
        "Bolivia dismissed Peru's claims as baseless. Bolivia later dismissed the claims again."
    )
    assert pairs(run(text), Kind.DENIAL) == {("Bolivia", "Peru")}
