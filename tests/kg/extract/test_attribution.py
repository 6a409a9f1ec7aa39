"""Attribution span conventions: cue edges, parenthetical cues, unnamed sources,
intentions, evidence sources and punctuation cues (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.attribution import dash_signature
from kg.model import Extraction, Kind
from kg.records import mention_records

Run = Callable[[str], Extraction]


def _records(run: Run, text: str) -> list[dict]:
    rows = list(mention_records(run(text)))
    for r in rows:
        for span, field in (("speaker_span", "speaker_mention"), ("cue_span", "cue")):
            if r[span] is not None:
                assert text[r[span][0] : r[span][1]] == r[field]
    return rows


def _by_cue(rows: list[dict], cue: str) -> dict:
    hits = [r for r in rows if r["cue"] == cue]
    assert hits, [r["cue"] for r in rows]
    return hits[0]


def test_cue_keeps_time_adverbial_and_colon(run: Run) -> None:
    rows = _records(run, "The mayor of Brightwater, Lena Ostrova, said Tuesday: “We will rebuild.”")
    r = _by_cue(rows, "said Tuesday:")
    assert r["speaker_mention"] == "The mayor of Brightwater, Lena Ostrova,"


def test_cue_keeps_role_preposition(run: Run) -> None:
    rows = _records(run, "Senator Dalia Pruitt called for an inquiry into the harbour contracts.")
    assert _by_cue(rows, "called for")["speaker_mention"] == "Senator Dalia Pruitt"


def test_cue_keeps_interview_setting(run: Run) -> None:
    rows = _records(run, "Tomas Rivel said in a phone interview that the plant would close.")
    assert _by_cue(rows, "said in a phone interview")["speaker_mention"] == "Tomas Rivel"


def test_parenthetical_cue(run: Run) -> None:
    rows = _records(run, "The new bridge, Mr. Okafor said, will open before the winter.")
    r = _by_cue(rows, "said")
    assert r["speaker_mention"] == "Mr. Okafor"
    assert r["content"] is not None and "bridge" in r["content"]


def test_unnamed_source_makes_a_claim(run: Run) -> None:
    ext = run("A source close to the negotiations said the talks had stalled.")
    rows = list(mention_records(ext))
    r = _by_cue(rows, "said")
    assert r["speaker_mention"] == "A source close to the negotiations"
    assert r["kind"] == "claim"


def test_unnamed_source_never_accuses() -> None:
    # accusations need a resolved actor; the unnamed-source actor is claims only
    from kg.extract.attribution import is_unnamed
    from kg.extract.coref import Actor
    from kg.model import ActorType, Entity

    assert not is_unnamed(Actor(Entity(key="ostrova", label="Ostrova", type=ActorType.PERSON)))


def test_intention_is_a_claim(run: Run) -> None:
    rows = _records(run, "Governor Hale plans to cut the fuel tax next year.")
    r = _by_cue(rows, "plans")
    assert r["speaker_mention"] == "Governor Hale"
    assert r["kind"] == Kind.CLAIM.value
    assert r["content"].startswith("to cut")


def test_intention_without_infinitive_is_not_a_claim(run: Run) -> None:
    rows = list(mention_records(run("Governor Hale wants a bigger office.")))
    assert not [r for r in rows if r["cue"] == "wants"]


def test_poll_shows_object(run: Run) -> None:
    rows = _records(run, "A new Harbor Institute survey shows a tight race in the county.")
    r = _by_cue(rows, "shows")
    assert r["speaker_mention"] == "A new Harbor Institute survey"
    assert r["content"] == "a tight race in the county"


def test_found_a_job_is_not_a_finding(run: Run) -> None:
    rows = list(mention_records(run("My cousin found a job in the city.")))
    assert not [r for r in rows if r["cue"] == "found"]


def test_colon_headline(run: Run) -> None:
    rows = _records(run, "Okafor: The Harbour Plan Is Dead\n\nThe council met on Monday.")
    r = _by_cue(rows, ":")
    assert r["speaker_mention"] == "Okafor"


def test_dash_signature() -> None:
    text = "“The new law hurts small farms.” ― Marta Vell\n"
    sig = dash_signature(text, text.index("”") + 1)
    assert sig is not None
    assert text[sig[0] : sig[1]] == "―"
    assert text[sig[2] : sig[3]] == "Marta Vell"
    assert dash_signature("“Yes.” - and then we left the room", 6) is None


# ---------------------------------------------------------------- cue and content shapes
def test_cue_keeps_manner_adverb(run: Run) -> None:
    rows = _records(run, "“We will appeal,” Mira Tolland said angrily.")
    assert _by_cue(rows, "said angrily")["speaker_mention"] == "Mira Tolland"


def test_cue_keeps_catenative_verb(run: Run) -> None:
    rows = _records(run, "Senator Ruiz appeared to suggest that the tax would rise.")
    r = _by_cue(rows, "appeared to suggest")
    assert r["speaker_mention"] == "Senator Ruiz"
    assert r["content"] == "that the tax would rise"


def test_topic_preposition_is_content(run: Run) -> None:
    rows = _records(run, "Governor Hale spoke about the flooding in the valley.")
    r = _by_cue(rows, "spoke about")
    assert r["content"] == "the flooding in the valley"
    rows = _records(run, "The mayor pointed to the new budget figures.")
    assert _by_cue(rows, "pointed to")["content"] == "the new budget figures"


def test_addressee_or_date_is_not_a_topic(run: Run) -> None:
    assert not _records(run, "The mayor spoke to reporters on Tuesday.")


def test_object_and_preposition_join_the_cue(run: Run) -> None:
    rows = _records(run, "Ms. Arden accused the harbour board of hiding the losses.")
    assert _by_cue(rows, "accused the harbour board of")["content"] == "hiding the losses"
    rows = _records(run, "Mr. Okafor expressed concern about the new toll.")
    assert _by_cue(rows, "expressed concern about")["content"] == "the new toll"


def test_object_complement_stays_out_of_the_cue(run: Run) -> None:
    rows = _records(run, "The senator questioned the integrity of the vote count.")
    assert _by_cue(rows, "questioned")["content"] == "the integrity of the vote count"


def test_topic_of_a_quotation_is_not_cue(run: Run) -> None:
    rows = _records(run, "“It is a disgrace,” Tomas Rivel said of the ruling.")
    assert _by_cue(rows, "said")["speaker_mention"] == "Tomas Rivel"


def test_pronoun_speaker_inside_quotation_is_not_a_new_attribution(run: Run) -> None:
    rows = _records(run, "“I think the port will close,” Anna Berg said.")
    assert [r["cue"] for r in rows] == ["said"]


def test_effort_is_not_a_cue(run: Run) -> None:
    assert not _records(run, "Governor Hale tried to cut the fuel tax.")
    assert not _records(run, "The county needs to repair the bridge.")


def test_untargeted_attack_is_a_claim(run: Run) -> None:
    rows = _records(run, "Senator Ruiz attacked the new budget rules.")
    r = _by_cue(rows, "attacked")
    assert r["kind"] == Kind.CLAIM.value
    assert r["content"] == "the new budget rules"


def test_possessed_statement_noun(run: Run) -> None:
    text = "The senator's claim that the port was sold in secret angered the council."
    r = _by_cue(_records(run, text), "claim")
    assert r["speaker_mention"] == "The senator's"
    assert r["content"] == "that the port was sold in secret"


def test_ruling_and_learning_take_a_clause(run: Run) -> None:
    r = _by_cue(_records(run, "The judge ruled that the contract was void."), "ruled")
    assert r["content"] == "that the contract was void"
    assert not _records(run, "The old king ruled the country for decades.")


def test_transcript_turns(run: Run) -> None:
    text = (
        '"KOVAC: But, Senator, I have to ask you about the harbour deal, because the '
        'numbers do not add up.\n\n"RUIZ: Well, the numbers are fine.'
    )
    rows = [r for r in _records(run, text) if r["cue"] == ":"]
    assert [r["speaker_mention"] for r in rows] == ["KOVAC", "RUIZ"]
    assert rows[0]["content"].startswith("But, Senator")
    assert not _records(run, "CLARIFICATION: The first paragraph was updated.")


def test_doubled_apostrophes_quote(run: Run) -> None:
    text = "He said ''We will win the vote.'' Then he left."
    assert _by_cue(_records(run, text), "said")["content"] == "''We will win the vote.''"


def test_quote_regions_marks() -> None:
    from kg.extract.quotes import quote_regions

    text = "Intro.\n”Fear is everywhere.” ― Edna Morrow\n“We stay.” ― Ian Volk"
    assert [text[a:b] for a, b in quote_regions(text)] == ["”Fear is everywhere.”", "“We stay.”"]
    assert quote_regions("It's Wal-Mart's '' case") == []


def test_quotation_from_previous_paragraph_is_not_adjacent(run: Run) -> None:
    text = "“We are finished here.”\n\nThe mayor answered questions about the budget."
    assert not [r for r in _records(run, text) if r["content"] == "“We are finished here.”"]


def test_second_statement_hung_inside_the_first(run: Run) -> None:
    text = "Mayor Lena Ostrova said the bridge was safe, arguing that engineers had checked it."
    rows = _records(run, text)
    said, arguing = _by_cue(rows, "said"), _by_cue(rows, "arguing")
    assert said["content"] == "the bridge was safe"
    assert arguing["speaker_mention"] == "Mayor Lena Ostrova"
    assert arguing["content"] == "that engineers had checked it"


def test_passive_agent_is_the_source(run: Run) -> None:
    text = "The harbour plan was first reported by the Coastal Herald."
    r = _by_cue(_records(run, text), "was first reported by")
    assert r["speaker_mention"] == "the Coastal Herald"
    assert r["content"] == "The harbour plan"


def test_quotation_closed_by_a_demand(run: Run) -> None:
    text = "“Who will pay for the new bridge?” Senator Ruiz demanded."
    r = _by_cue(_records(run, text), "demanded")
    assert r["speaker_mention"] == "Senator Ruiz"
    assert r["content"] == "“Who will pay for the new bridge?”"


def test_continue_is_a_cue_only_with_speech(run: Run) -> None:
    assert not _records(run, "Many commuters continued to avoid the old bridge.")
    rows = _records(run, "“The bridge is safe,” the engineer continued.")
    assert _by_cue(rows, "continued")["content"] == "“The bridge is safe,”"


def test_noun_with_infinitive_does_not_speak(run: Run) -> None:
    assert not _records(run, "Nobody had the courage to talk about the harbour deal.")


def test_cue_inside_a_quotation_does_not_take_it(run: Run) -> None:
    text = "“The council will defend its budget and its staff,” Mayor Ostrova said."
    rows = _records(run, text)
    assert all(
        r["content"] != "“The council will defend its budget and its staff,”"
        for r in rows
        if r["cue"] != "said"
    )


def test_as_someone_put_it(run: Run) -> None:
    text = "As Mayor Ostrova put it, the harbour is the heart of the town."
    r = _by_cue(_records(run, text), "put it")
    assert r["speaker_mention"] == "Mayor Ostrova"


def test_voted_to(run: Run) -> None:
    r = _by_cue(_records(run, "The council voted to close the old harbour."), "voted")
    assert r["content"] == "to close the old harbour"


def test_source_without_focus_word_or_comparison(run: Run) -> None:
    r = _by_cue(_records(run, "Even the harbour master said the bridge was safe."), "said")
    assert r["speaker_mention"] == "the harbour master"
    text = "Governor Hale, like the mayor, said the bridge was safe."
    assert _by_cue(_records(run, text), "said")["speaker_mention"] == "Governor Hale"


def test_interview_setting_stops_at_the_interview(run: Run) -> None:
    text = "Tomas Rivel said in a phone interview with the Herald that the plant would close."
    assert _by_cue(_records(run, text), "said in a phone interview")
