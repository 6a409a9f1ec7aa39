"""The gazetteer of actors, read from ``data/gazetteer/``.

States with their capitals, seats of government and demonyms; international
organisations and armed groups; honorifics and roles. Names map to one
:class:`~kg.model.Entity` each, so "Washington", "the White House" and "US" are all the
United States when they act.

>>> gaz = load_gazetteer()
>>> gaz.lookup("the Kremlin").key, gaz.lookup("Washington").wikidata
('russia', 'Q30')
>>> gaz.lookup("Russian", demonyms=True).label
'Russia'
>>> gaz.lookup("Brussels").label
'European Union'
>>> normalise_person("Mr Putin's")
'Putin'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.lexicon import DATA_DIR
from kg.model import ActorType, Entity, slugify

__all__ = ["Gazetteer", "load_gazetteer", "norm_name", "normalise_person"]

_POSSESSIVE = re.compile(r"[’']s?$")
_HONORIFIC_RE = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|sen|rep|gov|gen|col|lt|capt)\.?\s+", re.I
)


def norm_name(text: str) -> str:
    """Lower-case, no leading "the", no possessive, single spaces: the lookup key.

    >>> norm_name("The  White House’s")
    'white house'
    """
    s = " ".join(text.split()).strip(" ,.;:\"“”‘’'()")
    s = _POSSESSIVE.sub("", s)
    s = s.lower()
    if s.startswith("the "):
        s = s[4:]
    return s.strip()


def normalise_person(text: str) -> str:
    """A person's name without honorific or possessive: ``"Dr Liam Fox's" -> "Liam Fox"``."""
    s = " ".join(text.split()).strip(" ,.;:\"“”‘’'()")
    s = _POSSESSIVE.sub("", s)
    while True:
        t = _HONORIFIC_RE.sub("", s)
        if t == s:
            break
        s = t
    return s


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, Entity]
    demonyms: dict[str, Entity]
    honorifics: frozenset[str]
    spokesperson_roles: frozenset[str]
    role_nouns: frozenset[str]
    government_nouns: frozenset[str]

    def lookup(self, text: str, demonyms: bool = False) -> Entity | None:
        """The entity a name (or, with ``demonyms``, an adjective like "Russian") names."""
        key = norm_name(text)
        hit = self.names.get(key)
        if hit is None and demonyms:
            hit = self.demonyms.get(key)
        return hit

    def is_role(self, word: str) -> bool:
        return word.lower() in self.role_nouns or word.lower() in self.spokesperson_roles


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """Read ``states.tsv``, ``organisations.tsv`` and ``titles.json``."""
    base = folder or DATA_DIR / "gazetteer"
    names: dict[str, Entity] = {}
    demonyms: dict[str, Entity] = {}
    for row in _rows(base / "states.tsv"):
        row += [""] * (6 - len(row))
        name, qid, capitals, dems, aliases, seats = row[:6]
        all_aliases = _split(aliases) + _split(capitals) + _split(seats)
        entity = Entity(
            key=slugify(name),
            label=name,
            type=ActorType.STATE,
            aliases=tuple(all_aliases),
            wikidata=qid or None,
        )
        for alias in [name, *all_aliases]:
            names.setdefault(norm_name(alias), entity)
        for dem in _split(dems):
            demonyms.setdefault(norm_name(dem), entity)
    for row in _rows(base / "organisations.tsv"):
        row += [""] * (4 - len(row))
        name, qid, kind, aliases = row[:4]
        entity = Entity(
            key=slugify(name),
            label=name,
            type=ActorType.GROUP if kind == "group" else ActorType.ORGANIZATION,
            aliases=tuple(_split(aliases)),
            wikidata=qid or None,
        )
        # An organisation's own names override a capital of the same spelling
        # ("Brussels" acting is the European Union, not Belgium).
        for alias in [name, *_split(aliases)]:
            names[norm_name(alias)] = entity
    titles = json.loads((base / "titles.json").read_text(encoding="utf-8"))
    return Gazetteer(
        names=names,
        demonyms=demonyms,
        honorifics=frozenset(titles["honorifics"]),
        spokesperson_roles=frozenset(titles["spokesperson_roles"]),
        role_nouns=frozenset(titles["role_nouns"]),
        government_nouns=frozenset(titles["government_nouns"]),
    )
