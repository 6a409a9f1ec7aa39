"""Synthetic news corpora: realistic statement graphs, and the texts behind them.

Everything here is deterministic for a seed. A :class:`Generator` invents articles made
from templates of reported speech, direct quotes, accusations and denials; each
statement's mentions point at the exact words in the article's text (speaker, cue,
content, target and evidence spans), as the real extractor's would. Actors are drawn
with a long-tailed (Zipf-like) degree distribution, dates spread over four years, about
one accusation in five is denied (a :attr:`~kg.model.Statement.refutes` link, in the same
article or a later one), and each statement is said one to four times.

The graphs go through the real RDF mapping, :func:`kg.rdf.extraction_quads`.

>>> gen = Generator(seed=1, n_actors=60)
>>> x = next(gen.extractions())
>>> m = x.statements[0].mentions[0]
>>> m.speaker.text(x.document.text) in x.document.text
True
>>> [e.document.id for e in Generator(seed=1, n_actors=60).extractions(3)]
['bench-0000000', 'bench-0000001', 'bench-0000002']
"""

from __future__ import annotations

import bisect
import hashlib
import json
import random
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from pyoxigraph import Quad

from kg.model import (
    ActorType,
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
    slugify,
)

__all__ = [
    "VERSION",
    "Actor",
    "Generator",
    "corpus_nquads",
    "documents",
    "extractions_for",
    "size_label",
]

#: Bump when the generator's output changes, so cached corpora and stores are rebuilt.
VERSION = 1

# --------------------------------------------------------------------------- actors

# (name, wikidata, metonyms/aliases used in text)
_STATES: list[tuple[str, str, tuple[str, ...]]] = [
    ("United States", "Q30", ("Washington", "the White House", "the US")),
    ("Russia", "Q159", ("Moscow", "the Kremlin")),
    ("China", "Q148", ("Beijing",)),
    ("Ukraine", "Q212", ("Kyiv",)),
    ("Iran", "Q794", ("Tehran",)),
    ("Israel", "Q801", ()),
    ("United Kingdom", "Q145", ("Britain", "London", "Downing Street")),
    ("France", "Q142", ("Paris", "the Elysee")),
    ("Germany", "Q183", ("Berlin",)),
    ("Turkey", "Q43", ("Ankara",)),
    ("North Korea", "Q423", ("Pyongyang",)),
    ("South Korea", "Q884", ("Seoul",)),
    ("India", "Q668", ("New Delhi",)),
    ("Pakistan", "Q843", ("Islamabad",)),
    ("Syria", "Q858", ("Damascus",)),
    ("Saudi Arabia", "Q851", ("Riyadh",)),
    ("Venezuela", "Q717", ("Caracas",)),
    ("Poland", "Q36", ("Warsaw",)),
    ("Belarus", "Q184", ("Minsk",)),
    ("Japan", "Q17", ("Tokyo",)),
    ("Taiwan", "Q865", ("Taipei",)),
    ("Georgia", "Q230", ("Tbilisi",)),
    ("Armenia", "Q399", ("Yerevan",)),
    ("Azerbaijan", "Q227", ("Baku",)),
    ("Serbia", "Q403", ("Belgrade",)),
    ("Egypt", "Q79", ("Cairo",)),
    ("Qatar", "Q846", ("Doha",)),
    ("Lebanon", "Q822", ("Beirut",)),
    ("Iraq", "Q796", ("Baghdad",)),
    ("Afghanistan", "Q889", ("Kabul",)),
    ("Ethiopia", "Q115", ("Addis Ababa",)),
    ("Sudan", "Q1049", ("Khartoum",)),
    ("Mali", "Q912", ("Bamako",)),
    ("Brazil", "Q155", ("Brasilia",)),
    ("Mexico", "Q96", ("Mexico City",)),
    ("Canada", "Q16", ("Ottawa",)),
    ("Australia", "Q408", ("Canberra",)),
    ("Philippines", "Q928", ("Manila",)),
    ("Vietnam", "Q881", ("Hanoi",)),
    ("Cuba", "Q241", ("Havana",)),
]
_ORGS: list[tuple[str, str, ActorType, tuple[str, ...]]] = [
    ("United Nations", "Q1065", ActorType.ORGANIZATION, ("the UN",)),
    ("North Atlantic Treaty Organization", "Q7184", ActorType.ORGANIZATION, ("NATO",)),
    ("European Union", "Q458", ActorType.ORGANIZATION, ("the EU", "Brussels")),
    ("World Health Organization", "Q7817", ActorType.ORGANIZATION, ("WHO",)),
    ("International Atomic Energy Agency", "Q826700", ActorType.ORGANIZATION, ("IAEA",)),
    ("Amnesty International", "Q42970", ActorType.ORGANIZATION, ("Amnesty",)),
    ("Human Rights Watch", "Q187052", ActorType.ORGANIZATION, ("HRW",)),
    ("International Criminal Court", "Q47488", ActorType.ORGANIZATION, ("the ICC",)),
    ("Hamas", "Q38799", ActorType.GROUP, ()),
    ("Hezbollah", "Q41053", ActorType.GROUP, ()),
    ("Taliban", "Q42418", ActorType.GROUP, ("the Taliban",)),
    ("Houthis", "Q1520346", ActorType.GROUP, ("Houthi rebels",)),
    ("Wagner Group", "Q28034002", ActorType.GROUP, ("Wagner",)),
]
_FIRST = [
    "Anna",
    "Ivan",
    "Maria",
    "Olena",
    "Pavel",
    "Sergei",
    "Li",
    "Wei",
    "Jean",
    "Claire",
    "Hans",
    "Petra",
    "Ahmed",
    "Fatima",
    "Yusuf",
    "Elena",
    "Dmitri",
    "Sofia",
    "Tomasz",
    "Agnieszka",
    "Kenji",
    "Yuki",
    "Carlos",
    "Lucia",
    "Omar",
    "Leila",
    "David",
    "Sarah",
    "Rahul",
    "Priya",
    "Mehmet",
    "Ayse",
    "Nikolai",
    "Irina",
    "Viktor",
    "Natalia",
    "James",
    "Emma",
    "Daniel",
    "Laura",
]
_LAST = [
    "Petrov",
    "Kovalenko",
    "Novak",
    "Schmidt",
    "Dubois",
    "Laurent",
    "Chen",
    "Wang",
    "Haddad",
    "Rahimi",
    "Kaya",
    "Demir",
    "Ivanova",
    "Sokolov",
    "Horvat",
    "Nowak",
    "Tanaka",
    "Sato",
    "Garcia",
    "Moreno",
    "Said",
    "Nasser",
    "Cohen",
    "Levi",
    "Sharma",
    "Gupta",
    "Yilmaz",
    "Popescu",
    "Andersen",
    "Larsen",
    "Brennan",
    "Walsh",
    "Okafor",
    "Mensah",
    "Silva",
    "Costa",
    "Rossi",
    "Bianchi",
    "Fischer",
    "Weber",
    "Jansen",
    "Bakker",
    "Kowalski",
    "Lindqvist",
    "Virtanen",
    "Horvath",
    "Novotny",
    "Markovic",
    "Petrovic",
    "Aliyev",
    "Mammadov",
    "Karimov",
    "Tashkentov",
    "Nguyen",
    "Tran",
    "Santos",
    "Reyes",
    "Cruz",
]
_ORG_KINDS = (
    "Ministry of Defence",
    "Foreign Ministry",
    "Interior Ministry",
    "Security Service",
    "Election Commission",
    "Central Bank",
    "National Guard",
    "State Media Agency",
    "Energy Company",
    "Opposition Party",
    "Ruling Party",
    "Army General Staff",
)
_GROUP_KINDS = ("Liberation Front", "Popular Militia", "Freedom Movement", "Resistance Brigades")
_TITLES = (
    "Foreign Minister",
    "Defence Minister",
    "President",
    "Prime Minister",
    "spokesman",
    "Ambassador",
    "General",
    "opposition leader",
    "senator",
    "analyst",
)


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity and the names an article may use for it (label first)."""

    entity: Entity
    names: tuple[str, ...]
    country: int | None = None  # index of the state it belongs to, for "on behalf of"


def _cast(n: int, rng: random.Random) -> list[Actor]:
    """``n`` distinct actors, most prominent first: states and organisations, then a
    long tail of people, ministries and armed groups."""
    actors: list[Actor] = []
    for name, qid, aliases in _STATES:
        actors.append(
            Actor(Entity(slugify(name), name, ActorType.STATE, aliases, qid), (name, *aliases))
        )
    for j, (name, qid, kind, aliases) in enumerate(_ORGS):
        # Organisations among the states: NATO and the UN are as prominent as most.
        actors.insert(
            5 + 3 * j, Actor(Entity(slugify(name), name, kind, aliases, qid), (name, *aliases))
        )
    seen = {a.entity.key for a in actors}
    n_states = len(_STATES)
    i = 0
    while len(actors) < n:
        i += 1
        country = min(int(rng.paretovariate(0.8)) - 1, n_states - 1)
        cname = _STATES[country][0]
        roll = rng.random()
        if roll < 0.7:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            label = f"{first} {last}"
            if slugify(label) in seen:
                label = f"{first} {rng.choice(_LAST)}-{last}"
            if slugify(label) in seen:
                label = f"{first} {chr(65 + i % 26)}. {last} {i}"
            title = rng.choice(_TITLES)
            ent = Entity(
                slugify(label),
                label,
                ActorType.PERSON,
                (f"{title} {label}",),
                f"Q{90_000_000 + i}" if rng.random() < 0.3 else None,
            )
            names: tuple[str, ...] = (label, f"{title} {label}", last)
        elif roll < 0.92:
            org = rng.choice(_ORG_KINDS)
            label = f"{cname} {org}"
            if slugify(label) in seen:
                label = f"{rng.choice(_LAST)} {org}"
            if slugify(label) in seen:
                label = f"{cname} {org} {i}"
            ent = Entity(slugify(label), label, ActorType.ORGANIZATION)
            names = (label, f"the {label}")
        else:
            group = rng.choice(_GROUP_KINDS)
            label = f"{cname} {group}"
            if slugify(label) in seen:
                label = f"{rng.choice(_LAST)} {group}"
            if slugify(label) in seen:
                label = f"{cname} {group} {i}"
            ent = Entity(slugify(label), label, ActorType.GROUP)
            names = (label, f"the {label}")
        seen.add(ent.key)
        actors.append(Actor(ent, names, country))
    return actors[:n]


class _Zipf:
    """Draws indexes ``0..n-1`` with probability proportional to ``1 / (rank ** s)``."""

    def __init__(self, n: int, s: float = 1.1) -> None:
        self.cum = list(accumulate(1.0 / (r**s) for r in range(1, n + 1)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_right(self.cum, rng.random() * self.cum[-1])


# --------------------------------------------------------------------------- text

_CHARGES = [
    ("shelling civilian areas", "the shelling of civilian areas"),
    ("interfering in the election", "interference in the election"),
    ("hacking government servers", "the hacking of government servers"),
    ("supplying weapons to rebels", "weapons deliveries to rebels"),
    ("spreading disinformation", "a disinformation campaign"),
    ("violating the ceasefire", "violations of the ceasefire"),
    ("sabotaging the pipeline", "the sabotage of the pipeline"),
    ("torturing prisoners", "the torture of prisoners"),
    ("blocking humanitarian aid", "the blockade of humanitarian aid"),
    ("plotting a coup", "a coup plot"),
    ("using chemical weapons", "a chemical weapons attack"),
    ("detaining journalists", "the detention of journalists"),
    ("launching drone strikes on the capital", "drone strikes on the capital"),
    ("stealing grain from occupied territories", "the theft of grain"),
    ("bribing officials", "bribes paid to officials"),
    ("rigging the vote", "vote rigging"),
    ("smuggling fighters across the border", "the smuggling of fighters"),
    ("laundering money through shell companies", "money laundering"),
    ("covering up the outbreak", "a cover-up of the outbreak"),
    ("planting mines in the port", "the mining of the port"),
    ("jamming satellite signals", "the jamming of satellite signals"),
    ("forcibly deporting children", "the deportation of children"),
    ("funding extremist groups", "the funding of extremist groups"),
    ("harassing fishing boats", "the harassment of fishing boats"),
]
_CLAIMS = [
    "the talks would resume next week",
    "the economy grew by three percent last year",
    "the border would stay open",
    "no troops had crossed the river",
    "the sanctions were hurting ordinary people",
    "the new pipeline would be finished by spring",
    "the army had retaken the town",
    "inflation was under control",
    "the vote had been free and fair",
    "more aid convoys were on their way",
    "the reactor was operating safely",
    "the ceasefire was holding",
]
_CLAIMS_ABOUT = [
    "was ready to negotiate",
    "had moved troops to the border",
    "was preparing new sanctions",
    "would attend the summit",
    "had rejected the peace plan",
    "was running out of ammunition",
]
_FILLERS = [
    "The claims could not be independently verified.",
    "Officials did not respond to requests for comment.",
    "The dispute comes amid rising tensions in the region.",
    "Talks between the two sides are expected to resume next month.",
    "Diplomats said the situation remained fragile.",
    "The incident drew condemnation from several governments.",
    "Analysts said the exchange reflected a deepening rift.",
    "Markets fell sharply after the news broke.",
    "Thousands of people have fled the area since the fighting began.",
    "The statement was published on the ministry's website on Tuesday.",
    "Observers have called for an independent investigation.",
    "It was not the first such exchange this year.",
]
_EVIDENCE = {
    EvidenceStatus.NONE: (
        "without providing evidence",
        "without offering any proof",
        "without presenting evidence",
    ),
    EvidenceStatus.PROVIDED: (
        "citing intelligence reports",
        "citing satellite images",
        "citing leaked documents",
    ),
}

# Templates: {slot} or {slot:cue text}. Slots: speaker, target, cue, content, evidence.
# {content} takes the gerund charge, {content_np} its noun phrase (both "content").
_TEMPLATES: dict[Kind, list[str]] = {
    Kind.ACCUSATION: [
        "{speaker} {cue:accused} {target} of {content}{evidence}.",
        "{speaker} {cue:blamed} {target} for {content_np}{evidence}.",
        '"{target} is responsible for {content_np}," {speaker} {cue:said}{evidence}.',
        "In a statement on Monday, {speaker} {cue:accused} {target} of {content}{evidence}.",
        "{speaker} {cue:alleged} that {target} had been {content}{evidence}.",
        '"We know that {target} is behind {content_np}," {speaker} {cue:told} reporters.',
    ],
    Kind.DENIAL: [
        "{speaker} {cue:denied} {content_np}, calling the claims by {target} baseless.",
        '"These accusations are absurd," {speaker} {cue:said}, rejecting claims by {target} '
        "about {content_np}.",
        "{speaker} {cue:rejected} allegations by {target} of {content_np}.",
        "{speaker} {cue:dismissed} the charge by {target} as propaganda.",
    ],
    Kind.CLAIM: [
        "{speaker} {cue:said} {content}.",
        '"{content_cap}," {speaker} {cue:told} reporters.',
        "{cue:According to} {speaker}, {content}.",
        "{speaker} {cue:insisted} that {content}.",
    ],
}
_CLAIM_ABOUT_TEMPLATES = [
    "{speaker} {cue:said} {target} {content}.",
    "{speaker} {cue:warned} that {target} {content}.",
]
_SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Article:
    """Builds one article's text, handing out the spans of what it writes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def write(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length)

    def sentence(self, template: str, values: dict[str, str]) -> dict[str, Span]:
        """Write a template filled with ``values``; the spans of its slots, and ``quote``."""
        if self.length and not self.parts[-1].endswith("\n"):
            self.write(" ")
        start = self.length
        spans: dict[str, Span] = {}
        pos = 0
        for m in _SLOT.finditer(template):
            lead = template[pos : m.start()]
            pos = m.end()
            slot, cue = m.group(1), m.group(2)
            value = cue if cue is not None else values[slot]
            if slot == "evidence":
                if value:
                    self.write(lead + ", ")
                    spans["evidence"] = self.write(value)
                else:
                    self.write(lead)
                continue
            if not template[: m.start()].strip(' "'):
                value = _cap(value)  # at the start of the sentence
            self.write(lead)
            key = "content" if slot in ("content_np", "content_cap") else slot
            spans[key] = self.write(value)
        self.write(template[pos:])
        spans["quote"] = Span(start, self.length)
        return spans

    def paragraph(self) -> None:
        self.write("\n\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --------------------------------------------------------------------------- articles


@dataclass(slots=True)
class _Pending:
    """An accusation that a later article will report denied."""

    statement_id: str
    accuser: Actor
    accused: Actor
    charge: tuple[str, str]


class Generator:
    """A deterministic stream of synthetic articles and what they say.

    ``n_actors`` sets the size of the cast; scale it with the corpus (about one actor
    per 500 triples gives a tail of actors mentioned once or twice).
    """

    START = date(2021, 1, 1)
    DAYS = 4 * 365

    def __init__(self, seed: int = 0, n_actors: int = 2000) -> None:
        self.seed = seed
        rng = random.Random(f"cast-{seed}")
        self.actors = _cast(max(n_actors, 60), rng)
        self._zipf = _Zipf(len(self.actors))
        self._states = [i for i, a in enumerate(self.actors) if a.entity.type is ActorType.STATE]

    def actor(self, rng: random.Random, other_than: Actor | None = None) -> Actor:
        while True:
            a = self.actors[self._zipf.draw(rng)]
            if other_than is None or a.entity.key != other_than.entity.key:
                return a

    def extractions(self, n: int | None = None) -> Iterator[Extraction]:
        """``n`` articles (forever when ``None``), each with its statements."""
        rng = random.Random(f"articles-{self.seed}")
        pending: deque[_Pending] = deque(maxlen=500)
        i = 0
        while n is None or i < n:
            yield self._article(i, rng, pending)
            i += 1

    def _article(self, i: int, rng: random.Random, pending: deque[_Pending]) -> Extraction:
        doc_id = f"bench-{i:07d}"
        published = self.START + timedelta(days=rng.randrange(self.DAYS))
        art = _Article()
        statements: dict[tuple[str, ...], Statement] = {}
        named: set[str] = set()

        def name(a: Actor) -> str:
            # The full name at first mention, then any other name now and again.
            if a.entity.key not in named:
                named.add(a.entity.key)
                return a.names[0]
            return rng.choice(a.names) if rng.random() < 0.4 else a.names[0]

        def say(
            kind: Kind,
            speaker: Actor,
            target: Actor | None,
            charge: tuple[str, str],
            claim: str,
            refutes: str | None,
            behalf: Actor | None,
        ) -> Statement:
            content = claim if kind is Kind.CLAIM else charge[1]
            key: tuple[str, ...] = (
                kind.value,
                speaker.entity.key,
                target.entity.key if target else "",
            )
            if kind is Kind.CLAIM:
                key += (content,)
            s = statements.get(key)
            if s is None:
                evidence = EvidenceStatus.UNSPECIFIED
                if kind is Kind.ACCUSATION:
                    roll = rng.random()
                    evidence = (
                        EvidenceStatus.NONE
                        if roll < 0.3
                        else EvidenceStatus.PROVIDED
                        if roll < 0.4
                        else evidence
                    )
                s = Statement(
                    doc_id,
                    kind,
                    speaker.entity,
                    target.entity if target else None,
                    behalf.entity if behalf else None,
                    content,
                    "",
                    evidence,
                    refutes=refutes,
                    date=published,
                )
                statements[key] = s
            n_mentions = rng.choices((1, 2, 3, 4), (55, 25, 13, 7))[0]
            for _ in range(n_mentions if not s.mentions else 1):
                if kind is Kind.CLAIM and target is not None:
                    template = rng.choice(_CLAIM_ABOUT_TEMPLATES)
                else:
                    template = rng.choice(_TEMPLATES[kind])
                ev = ""
                if s.evidence in _EVIDENCE and "{evidence}" in template:
                    ev = rng.choice(_EVIDENCE[s.evidence])
                values = {
                    "speaker": name(speaker),
                    "target": name(target) if target else "",
                    "content": claim if kind is Kind.CLAIM else charge[0],
                    "content_np": charge[1],
                    "content_cap": _cap(claim),
                    "evidence": ev,
                }
                spans = art.sentence(template, values)
                if ev and s.evidence_text is None:
                    s.evidence_text = ev
                if not s.cue:
                    s.cue = spans["cue"].text(art.text)
                s.mentions.append(
                    Mention(
                        doc_id,
                        spans["quote"],
                        spans.get("speaker"),
                        spans.get("cue"),
                        spans.get("content"),
                        spans.get("target"),
                        spans.get("evidence"),
                        rule=f"bench:{kind.value}",
                        confidence=round(rng.uniform(0.6, 0.95), 2),
                    )
                )
                if rng.random() < 0.35:
                    art.write(" " + rng.choice(_FILLERS))
            return s

        accuser = self.actor(rng)
        accused: Actor | None = self.actor(rng, accuser)
        assert accused is not None
        charge = rng.choice(_CHARGES)
        title = f"{accuser.names[0]} accuses {accused.names[0]} of {charge[0]}"
        art.write(title)
        art.paragraph()
        art.write(rng.choice(_FILLERS))
        n_events = min(1 + int(rng.expovariate(1 / 2.5)), 10)
        for e in range(n_events):
            if e:
                accuser, accused = self.actor(rng), None
                charge = rng.choice(_CHARGES)
            if e and rng.random() < 0.3:
                art.paragraph()
            if pending and rng.random() < 0.25:
                # A denial of an accusation reported in an earlier article.
                p = pending.popleft()
                say(Kind.DENIAL, p.accused, p.accuser, p.charge, "", p.statement_id, None)
                continue
            roll = rng.random() if e else 0.0
            if roll < 0.6:
                accused = accused or self.actor(rng, accuser)
                acc = say(Kind.ACCUSATION, accuser, accused, charge, "", None, None)
                if rng.random() < 0.2:
                    if rng.random() < 0.6:
                        denier, behalf = self._denier(rng, accused)
                        say(Kind.DENIAL, denier, accuser, charge, "", acc.id, behalf)
                    else:
                        pending.append(_Pending(acc.id, accuser, accused, charge))
            elif roll < 0.95:
                target = self.actor(rng, accuser) if rng.random() < 0.5 else None
                claim = rng.choice(_CLAIMS_ABOUT if target else _CLAIMS)
                say(Kind.CLAIM, accuser, target, charge, claim, None, None)
            else:
                say(Kind.DENIAL, accuser, self.actor(rng, accuser), charge, "", None, None)
        if rng.random() < 0.7:
            art.write(" " + rng.choice(_FILLERS))
        doc = Document(
            doc_id,
            art.text,
            title=title,
            published=published,
            url=f"https://news.example.org/{published:%Y/%m}/{doc_id}",
        )
        return Extraction(doc, list(statements.values()))

    def _denier(self, rng: random.Random, accused: Actor) -> tuple[Actor, Actor | None]:
        """Who denies for ``accused``: itself, or one of its people on its behalf."""
        if accused.entity.type is ActorType.STATE and rng.random() < 0.4:
            for _ in range(20):
                a = self.actors[self._zipf.draw(rng)]
                if (
                    a.entity.type is ActorType.PERSON
                    and a.country is not None
                    and self.actors[self._states[a.country]].entity.key == accused.entity.key
                ):
                    return a, accused
        return accused, None


def documents(n: int, seed: int = 0) -> list[Document]:
    """``n`` synthetic news articles (the texts only), for extraction benchmarks."""
    return list(iter_documents(n, seed))


def iter_documents(n: int, seed: int = 0) -> Iterator[Document]:
    """:func:`documents` made one at a time, as an ingest reads files (the memory
    benchmark must not hold the whole corpus itself)."""
    gen = Generator(seed=seed, n_actors=max(60, n // 4))
    for x in gen.extractions(n):
        yield x.document


# --------------------------------------------------------------------------- sizes


def size_label(triples: int) -> str:
    """``1_000_000 -> "1m"``, ``2_000 -> "2k"``."""
    for unit, div in (("m", 1_000_000), ("k", 1_000)):
        if triples >= div and triples % div == 0:
            return f"{triples // div}{unit}"
    return str(triples)


def parse_size(text: str) -> int:
    """``"10m" -> 10_000_000``, ``"2k" -> 2000``, ``"1500" -> 1500``."""
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def extractions_for(triples: int, seed: int = 0) -> Iterator[tuple[Extraction, list[Quad]]]:
    """Articles with their quads until at least ``triples`` quads are made."""
    from kg.rdf import extraction_quads

    gen = Generator(seed=seed, n_actors=max(60, triples // 500))
    made = 0
    for x in gen.extractions():
        quads = extraction_quads(x)
        yield x, quads
        made += len(quads)
        if made >= triples:
            return


def _stamp(triples: int, seed: int) -> dict[str, object]:
    src = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return {"version": VERSION, "triples": triples, "seed": seed, "source": src}


def corpus_nquads(workdir: Path, triples: int, seed: int = 0) -> tuple[Path, dict[str, int]]:
    """The N-Quads file of a corpus of ``triples`` quads, made once and cached.

    The cache is keyed by size, seed and a hash of this module, so a changed generator
    makes a new file. Returns the path and the corpus figures (documents, quads, ...).
    """
    from pyoxigraph import RdfFormat, serialize

    workdir.mkdir(parents=True, exist_ok=True)
    stamp = _stamp(triples, seed)
    name = f"corpus-{size_label(triples)}-s{seed}-v{VERSION}-{stamp['source']}"
    path = workdir / f"{name}.nq"
    meta_path = workdir / f"{name}.json"
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())["figures"]
    for old in workdir.glob(f"corpus-{size_label(triples)}-s{seed}-*"):
        old.unlink()
    figures = {"documents": 0, "statements": 0, "mentions": 0, "quads": 0}
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        chunk: list[Quad] = []
        for x, quads in extractions_for(triples, seed):
            figures["documents"] += 1
            figures["statements"] += len(x.statements)
            figures["mentions"] += sum(len(s.mentions) for s in x.statements)
            figures["quads"] += len(quads)
            chunk.extend(quads)
            if len(chunk) >= 200_000:
                serialize(chunk, out, RdfFormat.N_QUADS)
                chunk = []
        if chunk:
            serialize(chunk, out, RdfFormat.N_QUADS)
    tmp.replace(path)
    meta_path.write_text(json.dumps({"stamp": stamp, "figures": figures}))
    return path, figures
