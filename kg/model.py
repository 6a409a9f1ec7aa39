"""The statement model: plain dataclasses, free of spaCy and rdflib.

A :class:`Document` goes in; an :class:`Extraction` comes out, holding the
:class:`Statement` s found in it. A statement is one speech act (accusation, denial or
claim) by one speaker about one target in one document; each place the text says it is
a :class:`Mention` with exact character spans.

>>> doc = Document(id="d1", text="Russia accused the US.")
>>> russia = Entity(key="russia", label="Russia", type=ActorType.STATE)
>>> us = Entity(key="united-states", label="United States", type=ActorType.STATE)
>>> m = Mention(doc_id="d1", quote=Span(0, 22), speaker=Span(0, 6), cue=Span(7, 14),
...             target=Span(15, 21), rule="test", confidence=0.9)
>>> s = Statement(doc_id="d1", kind=Kind.ACCUSATION, speaker=russia, target=us,
...               mentions=[m])
>>> s.id == Statement(doc_id="d1", kind=Kind.ACCUSATION, speaker=russia, target=us).id
True
>>> m.speaker.text(doc.text)
'Russia'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = [
    "ActorType",
    "Document",
    "Entity",
    "EvidenceStatus",
    "Extraction",
    "Kind",
    "Mention",
    "Span",
    "Statement",
    "slugify",
]


class Kind(StrEnum):
    """The kind of speech act (CAMEO 112 accuse, CAMEO 016 deny, other assertions)."""

    ACCUSATION = "accusation"
    DENIAL = "denial"
    CLAIM = "claim"


class EvidenceStatus(StrEnum):
    """Whether the text says the speaker offered evidence."""

    NONE = "none"
    PROVIDED = "provided"
    UNSPECIFIED = "unspecified"


class ActorType(StrEnum):
    """What kind of actor an entity is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"
    GROUP = "group"


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """A stable lower-case ASCII key for a name: ``"Dmitry Peskov" -> "dmitry-peskov"``.

    >>> slugify("  Mr Putin’s spokesman ")
    'mr-putins-spokesman'
    >>> slugify("Zelenskyy (Україна)")
    'zelenskyy'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    if slug:
        return slug
    # A name with no ASCII letters (e.g. in another script) still gets a stable key.
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end}]")

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Document:
    """One news article as read: ``id`` is stable (file stem, given id or text hash)."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor: a person, organisation, state (or its government) or unnamed group.

    ``key`` is stable across documents, so the same actor in two articles is one node.
    """

    key: str
    label: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a statement is said: the quote and the spans of its parts."""

    doc_id: str
    quote: Span
    speaker: Span | None = None
    cue: Span | None = None
    content: Span | None = None
    target: Span | None = None
    evidence: Span | None = None
    rule: str = ""
    confidence: float = 1.0


def _statement_id(doc_id: str, kind: Kind, speaker: str, target: str, extra: str = "") -> str:
    digest = hashlib.sha1(
        "\x1f".join((doc_id, kind.value, speaker, target, extra)).encode("utf-8")
    ).hexdigest()
    return f"{kind.value[0]}{digest[:15]}"


@dataclass(slots=True)
class Statement:
    """A speech act by ``speaker`` about ``target`` in one document.

    One statement per (kind, speaker, target) and document for accusations and denials;
    claims are also told apart by their content. ``refutes`` is the id of the
    accusation a denial answers.
    """

    doc_id: str
    kind: Kind
    speaker: Entity
    target: Entity | None = None
    on_behalf_of: Entity | None = None
    content: str = ""
    cue: str = ""
    evidence: EvidenceStatus = EvidenceStatus.UNSPECIFIED
    evidence_text: str | None = None
    refutes: str | None = None
    date: date | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self) -> str:
        extra = self.content if self.kind is Kind.CLAIM else ""
        return _statement_id(
            self.doc_id, self.kind, self.speaker.key, self.target.key if self.target else "", extra
        )

    @property
    def confidence(self) -> float:
        return max((m.confidence for m in self.mentions), default=0.0)


@dataclass(slots=True)
class Extraction:
    """What extraction found in one document."""

    document: Document
    statements: list[Statement] = field(default_factory=list)

    @property
    def entities(self) -> list[Entity]:
        """Every actor that speaks, is targeted, or is spoken for, once each."""
        seen: dict[str, Entity] = {}
        for s in self.statements:
            for e in (s.speaker, s.target, s.on_behalf_of):
                if e is not None and e.key not in seen:
                    seen[e.key] = e
        return list(seen.values())
