"""Cue lexicons, loaded from ``data/lexicon/``: cue verbs and nouns by meaning.

Frames follow PropBank rolesets (accuse.01, deny.01, say.01 ...) and FrameNet frames
(Judgment_communication, Affirm_or_deny, Statement ...); each says which kind of speech
act its cues signal and which dependents fill its roles.

>>> lex = load_lexicon()
>>> lex.verb_frames["accuse"].kind, lex.verb_frames["deny"].kind, lex.verb_frames["say"].kind
('accusation', 'denial', 'claim')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DATA_DIR", "Frame", "Lexicon", "load_lexicon", "parse_pattern"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

_KIND_ORDER = {"accusation": 0, "denial": 1, "claim": 2}


@dataclass(frozen=True)
class Frame:
    """One meaning: a PropBank roleset / FrameNet frame with its cues and roles."""

    id: str
    kind: str
    framenet: str = ""
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    needs_target: bool = False
    needs_clause: bool = False
    internal_state: bool = False
    theme_required: str = ""
    source_nouns: frozenset[str] = frozenset()
    topic_only: bool = False
    object_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    frames: tuple[Frame, ...]
    verb_frames: dict[str, Frame]
    phrasal_frames: dict[tuple[str, str], Frame]
    noun_frames: dict[str, Frame]
    claim_nouns: frozenset[str]
    not_claim_objects: frozenset[str]
    falsity: frozenset[str]
    denial_idioms: tuple[tuple[str, ...], ...]
    blame_be: frozenset[str]
    blame_verbs: frozenset[str]
    blame_nouns: frozenset[str]
    cancel_governors: frozenset[str]
    negators: frozenset[str]
    evidence_none: tuple[list[dict[str, Any]], ...]
    evidence_provided: tuple[list[dict[str, Any]], ...]
    blame_phrasal: frozenset[tuple[str, str]] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    instigator_nouns: frozenset[str] = frozenset()
    self_error_words: frozenset[str] = frozenset()
    culprit_nouns: frozenset[str] = frozenset()
    speech_objects: frozenset[str] = frozenset()
    that_nouns: frozenset[str] = frozenset()
    to_nouns: frozenset[str] = frozenset()
    clause_adjectives: frozenset[str] = frozenset()
    topic_adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    # other claim frames of a verb, tried in order when its first frame finds no content
    # ("complained about the noise": say.01 needs a clause, discuss.01 takes the topic)
    other_frames: dict[str, tuple[Frame, ...]] = field(default_factory=dict)
    message_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    statement_nouns: frozenset[str] = frozenset()
    # instruments that report opinion ("in the latest poll, X leads"): cues.json
    # opinion_measures
    opinion_measures: frozenset[str] = frozenset()
    # "made clear that X": cues.json disclosure_adjectives
    disclosure_adjectives: frozenset[str] = frozenset()


def parse_pattern(text: str) -> list[dict[str, Any]]:
    """A spaCy Matcher pattern from ``"without providing|offering ?any evidence"``.

    >>> parse_pattern("no ?hard evidence|proof")
    [{'LOWER': 'no'}, {'LOWER': 'hard', 'OP': '?'}, {'LOWER': {'IN': ['evidence', 'proof']}}]
    """
    pattern: list[dict[str, Any]] = []
    for word in text.split():
        optional = word.startswith("?")
        word = word.lstrip("?")
        if word == "*":
            spec: dict[str, Any] = {}
        elif "|" in word:
            spec = {"LOWER": {"IN": word.split("|")}}
        else:
            spec = {"LOWER": word}
        if optional:
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


def _frame(raw: dict[str, Any]) -> Frame:
    return Frame(
        id=raw["id"],
        kind=raw["kind"],
        framenet=raw.get("framenet", ""),
        verbs=frozenset(raw.get("verbs", ())),
        nouns=frozenset(raw.get("nouns", ())),
        roles={k: tuple(v) for k, v in raw.get("roles", {}).items()},
        needs_target=bool(raw.get("needs_target")),
        needs_clause=bool(raw.get("needs_clause")),
        internal_state=bool(raw.get("internal_state")),
        theme_required=raw.get("theme_required", ""),
        source_nouns=frozenset(raw.get("source_nouns", ())),
        topic_only=bool(raw.get("topic_only")),
        object_verbs=frozenset(raw.get("object_verbs", ())),
    )


@lru_cache(maxsize=4)
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Read ``cues.json``, ``acts.json`` and ``evidence.json`` from the lexicon folder."""
    base = folder or DATA_DIR / "lexicon"
    cues = json.loads((base / "cues.json").read_text(encoding="utf-8"))
    acts = json.loads((base / "acts.json").read_text(encoding="utf-8"))
    evidence = json.loads((base / "evidence.json").read_text(encoding="utf-8"))
    # acts.json adds act frames of its own (labelling, verbal attack); cues.json's
    # frames come first, so a verb both list keeps its cues.json sense.
    frames = tuple(_frame(f) for f in [*cues["frames"], *acts.get("frames", ())])
    verb_frames: dict[str, Frame] = {}
    phrasal: dict[tuple[str, str], Frame] = {}
    nouns: dict[str, Frame] = {}
    others: dict[str, list[Frame]] = {}
    # Earlier frames win: accusation and denial senses before the general say.01.
    for frame in sorted(frames, key=lambda f: _KIND_ORDER[f.kind]):
        for verb in frame.verbs:
            if " " in verb:
                head, particle = verb.split(" ", 1)
                phrasal.setdefault((head, particle), frame)
            else:
                if verb in verb_frames and frame.kind == "claim":
                    others.setdefault(verb, []).append(frame)
                verb_frames.setdefault(verb, frame)
        if frame.kind != "claim":
            for noun in frame.nouns:
                nouns.setdefault(noun, frame)
    blame = acts["blame_predicates"]
    return Lexicon(
        frames=frames,
        verb_frames=verb_frames,
        phrasal_frames=phrasal,
        noun_frames=nouns,
        claim_nouns=frozenset(acts["claim_nouns"]),
        not_claim_objects=frozenset(acts["not_claim_objects"]),
        falsity=frozenset(acts["falsity_adjectives"]),
        denial_idioms=tuple(tuple(i.split()) for i in acts["denial_idioms"]),
        blame_be=frozenset(blame["be_preps"]),
        blame_verbs=frozenset(v for v in blame["verbs"] if " " not in v),
        blame_nouns=frozenset(blame["nouns_possessed"]),
        cancel_governors=frozenset(acts["cancel_governors"]),
        negators=frozenset(acts["negators"]),
        evidence_none=tuple(parse_pattern(p) for p in evidence["none"]),
        evidence_provided=tuple(parse_pattern(p) for p in evidence["provided"]),
        blame_phrasal=frozenset(
            (v.split()[0], v.split()[1]) for v in blame["verbs"] if len(v.split()) == 2
        ),
        document_nouns=frozenset(acts.get("document_nouns", ())),
        instigator_nouns=frozenset(acts.get("instigator_nouns", ())),
        self_error_words=frozenset(acts.get("self_error_words", ())),
        culprit_nouns=frozenset(acts.get("culprit_nouns", ())),
        speech_objects=frozenset(acts.get("speech_objects", ())),
        that_nouns=frozenset(cues.get("clause_nouns", {}).get("that", ())),
        to_nouns=frozenset(cues.get("clause_nouns", {}).get("to", ())),
        clause_adjectives=frozenset(cues.get("stance_adjectives", {}).get("that", ())),
        other_frames={v: tuple(f) for v, f in others.items()},
        message_nouns=frozenset(cues.get("message_nouns", {}).get("words", ())),
        light_verbs=frozenset(cues.get("light_verbs", {}).get("words", ())),
        opinion_measures=frozenset(cues.get("opinion_measures", {}).get("words", ())),
        disclosure_adjectives=frozenset(cues.get("disclosure_adjectives", {}).get("words", ())),
        statement_nouns=frozenset(
            n
            for group in (
                cues.get("clause_nouns", {}).get("that", ()),
                cues.get("clause_nouns", {}).get("to", ()),
                cues.get("message_nouns", {}).get("words", ()),
                *(f.get("nouns", ()) for f in cues["frames"]),
            )
            for n in group
        ),
        topic_adjectives={
            a: frozenset(p) for a, p in cues.get("stance_adjectives", {}).get("topic", {}).items()
        },
    )
