"""Actors in one document: mentions resolved to entities.

Names resolve through the gazetteer (states, their capitals and seats of government,
organisations), people by their normalised names ("Mr Kirby" = "John Kirby"), titles
and roles are dropped, spokespeople speak on behalf of whom their title names, and
pronouns resolve to the last compatible speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.gazetteer import Gazetteer, normalise_person
from kg.model import ActorType, Entity, slugify

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Actor", "DocActors"]

_PERSON_PRON = frozenset({"he", "she", "him", "her"})
_GROUP_PRON = frozenset({"it", "they", "them"})
_FIRST = frozenset({"i", "we", "us", "me"})
_DETS = frozenset({"the", "a", "an", "some", "many", "several", "other", "these", "those", "its"})
_ANAPHORIC = frozenset(
    {
        "company", "firm", "group", "organisation", "organization", "agency", "ministry",
        "statement", "letter", "party", "militant", "movement", "bank", "retailer",
        "administration", "campaign", "network", "channel", "union",
    }
)  # fmt: skip
_HUMAN = frozenset(
    {
        "critic", "analyst", "official", "minister", "union", "lawmaker", "agent",
        "professional", "opponent", "supporter", "activist", "expert", "worker", "employee",
        "investor", "police", "militant", "rebel", "troop", "soldier", "force", "party",
        "government", "administration", "company", "firm", "bank", "association",
        "organisation", "organization", "agency", "court", "lawyer", "prosecutor",
        "diplomat", "leader", "politician", "spokesman", "spokeswoman", "spokesperson",
        "authority", "regime", "military", "army", "ministry", "campaigner", "group",
        "tory", "democrat", "republican", "member", "insurgent", "terrorist", "plotter",
        "executive", "president", "director", "chief", "officer", "researcher", "scientist",
        "economist", "journalist", "reporter", "senator", "congressman", "judge", "medic",
        "doctor", "candidate", "nominee", "committee", "commission", "council", "team",
        "lobby", "coalition", "opposition", "protester", "people", "accuser",
        "detractor", "plaintiff", "commentator", "pundit", "guard", "personnel", "banker",
        "businessman", "businesswoman",
        "resident", "voter", "citizen", "adviser", "advisor", "aide", "staff",
        "watchdog", "regulator", "figure", "personality", "player", "media",
    }
)  # fmt: skip
_GOV = frozenset(
    {"government", "administration", "authorities", "authority", "ministry", "officials",
     "official", "military", "army", "regime", "cabinet", "embassy", "leadership",
     "department", "forces", "force", "navy", "diplomats", "diplomat", "spokesman",
     "spokeswoman", "spokesperson", "president", "minister", "state", "kremlin"}
)  # fmt: skip


@dataclass(frozen=True)
class Actor:
    entity: Entity
    behalf: Entity | None = None


class DocActors:
    """Resolve mentions in one document; remembers speakers for pronouns."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.last_person: Actor | None = None
        self.last_group: Actor | None = None
        self.surface: dict[str, set[str]] = {}
        self.recent: list[Actor] = []
        self.last_person_at = -1
        # people who are the subject of a clause: antecedents for "he" / "she"
        self.person_subjects = [
            t for t in doc if t.ent_type_ == "PERSON" and t.dep_ == "nsubj" and t.pos_ == "PROPN"
        ]
        self.orgs: dict[str, Entity] = {}
        ents = doc.ents
        # the state the document is mostly about: "the government" acting is its government
        counts: dict[str, int] = {}
        states: dict[str, Entity] = {}
        for ent in ents:
            if ent.label_ == "GPE":
                hit = gazetteer.lookup(ent.text)
                if hit is not None and hit.type is ActorType.STATE:
                    counts[hit.key] = counts.get(hit.key, 0) + 1
                    states[hit.key] = hit
        self.home: Entity | None = None
        self.home_share = 0.0
        self.state_counts = counts
        self.states = states
        # document nouns that speak for their author ("the report warned")
        self.documents: frozenset[str] = frozenset()
        self._at = 0
        if counts:
            self.home = states[max(counts, key=lambda k: counts[k])]
            self.home_share = counts[self.home.key] / sum(counts.values())
        # full names of the people the document names, by surname
        self.people: dict[str, str] = {}
        self.ent_of: dict[int, Span] = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        for ent in ents:
            if ent.label_ == "PERSON":
                name = normalise_person(ent.text)
                parts = name.split()
                if parts:
                    prev = self.people.get(parts[-1])
                    if prev is None or len(name) > len(prev):
                        self.people[parts[-1]] = name

    # ------------------------------------------------------------------ actor-ness
    def is_actor(self, tok: Token, strict: bool = True) -> bool:
        if tok.pos_ == "PRON" or tok.text in ("us", "me"):
            return tok.lower_ in _PERSON_PRON | _GROUP_PRON | _FIRST
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        if self.gaz.lookup(tok.text, demonyms=True) is not None:
            return True
        if tok.pos_ == "PROPN":
            return True
        lemma = tok.lemma_.lower()
        if not strict and (tok.tag_ == "NNS" or lemma in self.documents):
            return True
        return lemma in _HUMAN or self.gaz.is_role(lemma)

    def remember(self, actor: Actor, position: int = -1) -> None:
        self.recent.append(actor)
        if actor.entity.type is ActorType.PERSON:
            self.last_person = actor
            self.last_person_at = position
        else:
            self.last_group = actor

    def _note(self, entity: Entity, text: str) -> Entity:
        self.surface.setdefault(entity.key, set()).add(" ".join(text.split()))
        return entity

    # ------------------------------------------------------------------ resolution
    def resolve(
        self, tok: Token, span_text: str, speaker: Actor | None = None, whole: bool = True
    ) -> Actor | None:
        """The actor a mention with head ``tok`` stands for."""
        self._at = tok.i
        low = tok.lower_
        if tok.pos_ == "PRON" or tok.text in ("us", "me"):
            if low in _FIRST:
                return speaker
            if low in _PERSON_PRON:
                later = [t for t in self.person_subjects if self.last_person_at < t.i < tok.i]
                if later:
                    person = self._person(later[-1])
                    if person is not None:
                        return Actor(person, self._behalf(later[-1]))
                return self.last_person
            if low in _GROUP_PRON:
                return self.last_group or self.last_person
            return None
        # a named person, with the titles and roles before the name dropped
        person = self._person(tok)
        if person is not None:
            return Actor(self._note(person, span_text), self._behalf(tok))
        hit = self._gazetteer(tok)
        if hit is not None:
            return Actor(self._note(hit, span_text))
        if tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or tok.pos_ == "PROPN":
            name = self._ent_text(tok)
            known = self.people.get(normalise_person(name).split()[-1]) if name else None
            if known is not None and tok.ent_type_ not in ("ORG", "GPE", "NORP"):
                person = Entity(key=slugify(known), label=known, type=ActorType.PERSON)
                return Actor(self._note(person, span_text), self._behalf(tok))
            if name:
                kind = ActorType.ORGANIZATION if tok.ent_type_ != "GPE" else ActorType.STATE
                ent = self._org(Entity(key=slugify(name), label=name, type=kind))
                return Actor(self._note(ent, span_text))
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN":
            # "the militant group Hezbollah", "Hezbollah terrorists"
            for c in tok.children:
                named = c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == tok.i + 1
                member = c.dep_ == "compound" and c.ent_type_ in ("ORG", "NORP", "GPE")
                if named or (member and lemma in _HUMAN):
                    inner = self.resolve(c, span_text, speaker)
                    if inner is not None:
                        return inner
            if lemma in ("government", "authorities", "administration", "regime") and all(
                c.dep_ in ("det", "case") for c in tok.children
            ):
                state = self._bare_government(speaker)
                if state is not None:
                    return Actor(self._note(state, span_text))
            if lemma in self.documents:
                author = self._document_author(tok, speaker)
                if author is not None:
                    return author
        if tok.pos_ == "NOUN":
            is_definite = any(c.lower_ in ("the", "its", "this") for c in tok.children)
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            plain = [m for m in mods if m.dep_ != "amod"]
            if lemma in _ANAPHORIC and is_definite and not plain and self.recent:
                want = {
                    "group": ActorType.GROUP, "militant": ActorType.GROUP,
                    "movement": ActorType.GROUP, "administration": ActorType.STATE,
                    "ministry": ActorType.STATE,
                }.get(lemma, ActorType.ORGANIZATION)  # fmt: skip
                if want is ActorType.GROUP:
                    near = self._nearest_named(tok, want)
                    if near is not None:
                        return Actor(self._note(near, span_text))
                for cand in reversed(self.recent):
                    if cand.entity.type is want:
                        return cand
                return self.last_group
            if tok.tag_ == "NNS" or lemma in _HUMAN or self.gaz.is_role(lemma):
                label = self._np_label(tok, whole)
                if label and " " not in label and tok.tag_ == "NNS":
                    label = self._with_short_pp(tok, label)
                if label and (tok.tag_ == "NNS" or mods):
                    ent = Entity(key=slugify(label), label=label, type=ActorType.GROUP)
                    return Actor(self._note(ent, span_text))
        return None

    def _bare_government(self, speaker: Actor | None) -> Entity | None:
        """ "the government" acting: the state the document is mostly about; when the
        speaker speaks for a state, the main state other than their own."""
        mine = set()
        if speaker is not None:
            mine.add(speaker.entity.key)
            if speaker.behalf is not None:
                mine.add(speaker.behalf.key)
        named = self._last_named_government(mine)
        if named is not None:
            return named
        counts = {k: n for k, n in self.state_counts.items() if k not in mine}
        if not counts:
            return None
        top = max(counts, key=lambda k: counts[k])
        share = counts[top] / sum(counts.values())
        need = 0.5 if mine else 0.6
        return self.states[top] if share >= need else None

    def _last_named_government(self, mine: set[str]) -> Entity | None:
        """ "the government" refers back to the last government the text named with its
        state ("Norway's government", "the Norwegian government", "the government of X")."""
        doc = self.doc
        for t in reversed(doc[: self._at]):
            if t.lemma_.lower() not in ("government", "administration", "authorities", "regime"):
                continue
            for c in t.children:
                if c.dep_ in ("poss", "compound", "amod"):
                    hit = self.gaz.lookup(self._ent_text(c), demonyms=True)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    hit = self.gaz.lookup(self._ent_text(obj)) if obj is not None else None
                else:
                    continue
                if hit is not None and hit.type is ActorType.STATE and hit.key not in mine:
                    return hit
        return None

    def _nearest_named(self, tok: Token, want: ActorType) -> Entity | None:
        """ "the militant group": the nearest group the text named before it."""
        doc = tok.doc
        for t in reversed(doc[max(0, tok.i - 80) : tok.i]):
            if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP"):
                hit = self.gaz.lookup(self._ent_text(t))
                if hit is not None and hit.type is want:
                    return hit
        return None

    def _document_author(self, tok: Token, speaker: Actor | None) -> Actor | None:
        """ "a report by X", "X's report", "an X article"; "the report" = the last one
        named with its author."""
        for c in tok.children:
            if c.dep_ == "poss" or (
                c.dep_ == "compound"
                and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
                and c.ent_type_ != tok.ent_type_
            ):
                return self.resolve(c, c.text, speaker)
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() not in self.documents:
                    return self.resolve(obj, obj.text, speaker)
        if any(c.lower_ in ("the", "this", "that") for c in tok.children):
            lemma = tok.lemma_.lower()
            for t in reversed(tok.doc[: tok.i]):
                if t.lemma_.lower() == lemma and t.pos_ in ("NOUN", "PROPN"):
                    found = self._document_author(t, speaker) if t.i != tok.i else None
                    if found is not None:
                        return found
        return None

    def _with_short_pp(self, tok: Token, label: str) -> str:
        """ "Figures on the right": a bare plural keeps a short following phrase."""
        for c in tok.children:
            if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("on", "in", "from", "of"):
                sub = list(c.subtree)
                if len(sub) <= 3 and not any(t.is_punct for t in sub):
                    return label + " " + " ".join(t.text for t in sub)
        return label

    def _org(self, ent: Entity) -> Entity:
        """One entity per organisation in a document: "Kaspersky" = "Kaspersky Lab",
        "US Secret Service" = "Secret Service" (one name's words begin or end the other's)."""
        words = ent.label.split()
        for other in self.orgs.values():
            ow = other.label.split()
            short, long_ = (words, ow) if len(words) <= len(ow) else (ow, words)
            if short and (long_[: len(short)] == short or long_[-len(short) :] == short):
                return other
        self.orgs[ent.key] = ent
        return ent

    def _ent_text(self, tok: Token) -> str:
        ent = self.ent_of.get(tok.i)
        if ent is not None:
            text = ent.text
        else:
            text = " ".join(t.text for t in tok.subtree if t.dep_ in ("compound",) or t.i == tok.i)
        text = text.strip().lstrip("#*-–—•· ").strip()
        if text.lower().startswith("the "):
            text = text[4:]
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        return text.strip()

    def _np_label(self, tok: Token, whole: bool = True) -> str:
        words = []
        for t in tok.subtree:
            if (
                t.i > tok.i
                and t.dep_ not in ("cc", "conj", "compound", "amod", "nmod")
                and t.head.i == tok.i
            ):
                continue
            if t.i > tok.i and t.head.i != tok.i and t.head.dep_ != "conj":
                continue
            if t.i > tok.i and any(
                a.dep_ in ("relcl", "acl", "prep", "appos")
                for a in t.ancestors
                if a.i > tok.i or (a.head.i == tok.i and a.dep_ != "conj")
            ):
                continue
            if (t.is_punct and t.text != "-") or t.lower_ in _DETS or t.dep_ in ("det", "predet"):
                continue
            if t.i < tok.i and t.dep_ in ("prep", "relcl", "acl"):
                continue
            words.append(t)
        words = [t for t in words if t.i <= tok.i or (whole and t.dep_ in ("cc", "conj"))]
        out = ""
        for k, t in enumerate(words):
            out += t.text
            if k + 1 < len(words):
                out += t.whitespace_ if words[k + 1].i == t.i + 1 or t.whitespace_ else ""
                if words[k + 1].i != t.i + 1 and not out.endswith(" "):
                    gap = tok.doc[t.i + 1 : words[k + 1].i]
                    out += "" if all(g.text == "-" for g in gap) and not t.whitespace_ else " "
        return out.replace(" - ", "-").strip()

    def _person(self, tok: Token) -> Entity | None:
        if tok.ent_type_ != "PERSON":
            return None
        parts = [
            t for t in tok.subtree
            if t.ent_type_ == "PERSON" and (t.i == tok.i or t.head.i == tok.i or
                                            t.head.ent_type_ == "PERSON")
            and t.dep_ != "poss" and not any(a.dep_ == "poss" for a in t.ancestors if a.i != tok.i
                                              and a.i in range(t.i, tok.i + 1))
        ]  # fmt: skip
        parts = [t for t in parts if t.i <= tok.i and t.dep_ not in ("appos", "conj")]
        # keep the contiguous run of name tokens ending at the head
        run = [tok]
        for t in sorted(parts, key=lambda t: -t.i):
            if t.i == run[0].i - 1:
                run.insert(0, t)
        name = normalise_person(" ".join(t.text for t in run))
        words = [w for w in name.split() if w.lower() not in self.gaz.honorifics]
        if not words:
            return None
        name = " ".join(words)
        full = self.people.get(words[-1], name)
        if len(full) < len(name):
            full = name
        return Entity(key=slugify(full), label=full, type=ActorType.PERSON)

    def _behalf(self, tok: Token) -> Entity | None:
        """Whom a titled person speaks for: "White House spokesman X" -> United States."""
        role = None
        for t in tok.subtree:
            if t.i < tok.i and self.gaz.is_role(t.lemma_.lower()):
                role = t
        if role is None:
            for c in tok.children:
                if c.dep_ == "appos":
                    for t in c.subtree:
                        if self.gaz.is_role(t.lemma_.lower()):
                            role = t
        if role is None:
            return None
        for t in role.subtree if role.head.i != tok.i or role.dep_ == "appos" else tok.subtree:
            if t.i >= role.i and role.dep_ != "appos":
                break
            if t.dep_ == "poss" and t.ent_type_ == "PERSON":
                p = self._person(t)
                if p is not None:
                    return p
            g = self.gaz.lookup(self._ent_text(t), demonyms=True) if t.pos_ == "PROPN" else None
            if g is None:
                g = self.gaz.lookup(t.text, demonyms=True) if t.pos_ in ("PROPN", "ADJ") else None
            if g is not None:
                return g
        return None

    def _gazetteer(self, tok: Token) -> Entity | None:
        doc = tok.doc
        candidates = [self._ent_text(tok)]
        # "the Kremlin administration", "US officials", "Iraq's defence ministry"
        if tok.lemma_.lower() in _GOV or tok.lower_ in _GOV:
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                    candidates.append(self._ent_text(c))
                    for g in c.children:
                        if g.dep_ in ("compound", "poss", "amod"):
                            candidates.append(self._ent_text(g))
        for cand in candidates:
            if not cand:
                continue
            hit = self.gaz.lookup(cand, demonyms=cand != candidates[0] or tok.pos_ == "ADJ")
            if hit is not None:
                return hit
        del doc
        return None
