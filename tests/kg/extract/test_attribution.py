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
