"""The extractor: documents in, :class:`~kg.model.Extraction` s out."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kg.extract.acts import Act, cancelled, classify, denial_target, partitive
from kg.extract.attribution import is_unnamed, unnamed_source
from kg.extract.components import doc_text
from kg.extract.coref import Actor, DocActors
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.speech import SpeechFrame, find_frames, forget_sentences, np_core, sentence_of
from kg.model import (
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["Extractor"]

# Documents parsed per spaCy memory zone in ``extract_many`` (strings are freed after each).
MEMORY_ZONE_DOCS = 256

_CONFIDENCE = {"accusation": 0.8, "denial": 0.8, "claim": 0.7}
# punctuation cues open a turn or sign a quotation: they are never inside another's
_NEVER_NESTED = frozenset({"according-to", "colon", "dash-signature", "in-measure"})
_SUBORDINATE = frozenset({"when", "while", "after", "before", "since", "until", "as"})


@dataclass
class _Found:
    frame: SpeechFrame
    act: Act
    speaker: Actor
    target: Actor | None
    target_span: tuple[int, int] | None
    evidence: EvidenceStatus
    evidence_span: tuple[int, int] | None
    quote: tuple[int, int]


class Extractor:
    """Find accusations, denials and claims, with their actors and exact spans.

    ``nlp`` defaults to :func:`kg.nlp.load` (the checked pipeline); the gazetteer to
    the one in ``data/gazetteer``. Both load lazily, on first use.
    """

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None) -> None:
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._lexicon: Lexicon | None = None
        self._text = ""
        # One extraction at a time per extractor: it keeps the current text, and spaCy's
        # memory zones free the strings of the whole vocabulary when one ends, so two
        # threads (concurrent POST /documents) must not interleave.
        self._lock = threading.RLock()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from kg.nlp import load

            self._nlp = load()
        from kg.extract.components import add_components

        return add_components(self._nlp)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def extract(self, document: Document) -> Extraction:
        """Everything said in one document."""
        with self._lock, self.nlp.memory_zone():
            return self.extract_doc(document, self.nlp(document.text))

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extract from many documents with ``nlp.pipe``; results keep the input order.

        Documents are parsed in chunks of :data:`MEMORY_ZONE_DOCS`, each inside
        ``nlp.memory_zone()``: spaCy keeps every new token string in its vocabulary for
        the life of the pipeline, so a long ingest would grow without bound. Nothing of
        a ``Doc`` outlives its chunk (extractions are plain strings and offsets).
        """
        it = iter(documents)
        while chunk := list(itertools.islice(it, MEMORY_ZONE_DOCS)):
            with self._lock, self.nlp.memory_zone():
                pairs = ((d.text, d) for d in chunk)
                for doc, document in self.nlp.pipe(
                    pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
                ):
                    yield self.extract_doc(document, doc)

    # ------------------------------------------------------------------ one document
    def extract_doc(self, document: Document, doc: Doc) -> Extraction:
        """Extract from an already parsed document (``doc.text == document.text``)."""
        if doc._.cg_quotes is None:
            from kg.extract.quotes import quote_regions

            doc._.cg_quotes = quote_regions(doc.text)
        lex = self.lexicon
        self._text = document.text
        actors = DocActors(doc, self.gazetteer)
        actors.documents = lex.document_nouns
        regions: list[tuple[int, int]] = [(int(r[0]), int(r[1])) for r in doc._.cg_quotes]
        frames = find_frames(doc, lex, regions, document.text)
        frames = _drop_nested(frames, doc, regions)
        found: list[_Found] = []
        covered = {sf.cue_head for sf in frames}
        frames.extend(_participial(doc, lex, covered))
        frames.sort(key=lambda sf: sf.cue[0])
        for sf in frames:
            f = self._resolve(doc, sf, actors, found)
            if f is not None:
                found.append(f)
                found.extend(_more_targets(doc, f, actors))
        found.extend(self._nominal(doc, actors, found))
        found.sort(key=lambda f: f.frame.cue[0])
        statements = self._statements(document, found, doc)
        forget_sentences(doc)
        return Extraction(document=document, statements=statements)

    def _resolve(
        self, doc: Doc, sf: SpeechFrame, actors: DocActors, found: list[_Found]
    ) -> _Found | None:
        lex = self.lexicon
        verb = doc[sf.cue_head]
        if sf.source_head is None:
            return None
        src = doc[sf.source_head]
        if sf.rule.endswith(":acl") and not _can_speak(partitive(src), actors, lex):
            return None  # "a suit challenging the law" is no one speaking
        appos = _appositive_source(verb)
        if appos is not None and sf.frame.kind == "accusation":
            a0, a1 = np_core(appos)
            sf = replace(sf, source_head=appos.i, source=_tok_span(doc, a0, a1))
            src = appos
        if src.pos_ == "PRON" and src.lower_ in ("it", "they", "he", "she"):
            main = _main_subject(src)
            if main is not None and actors.is_actor(main, False):
                src = main
        enclosing = _enclosing_speaker(sf, found)
        speaker = actors.resolve(src, (sf.source and self._text[sf.source[0] : sf.source[1]]) or "",
                                 enclosing)  # fmt: skip
        speaker = speaker or unnamed_source(doc, (sf.source and self._text[sf.source[0] : sf.source[1]]) or "")  # noqa: E501  # fmt: skip
        if speaker is None:
            return None
        if sf.rule in (
            "according-to",
            "in-measure",
            "colon",
            "dash-signature",
            "noun-clause",
            "stance-adjective",
            "light-verb",
            "headline",
            "noun-tagged-verb",
            "answer",
        ):
            act: Act | None = Act("claim", rule="according-to")
        else:
            act = classify(
                doc, verb, sf.frame.kind, sf.frame.id, sf.frame.roles, sf.content_head, lex,
                actors.is_actor, sf.content,
            )  # fmt: skip
        if (
            act is None
            and sf.frame.kind != "claim"
            and sf.content is not None
            and not cancelled(verb, lex)
        ):
            # "attacked the media", "rejected a request": a judgement or rejection with
            # no recoverable accused party or claim is still something the speaker said
            act = Act("claim", rule=f"{sf.frame.id}:as-claim")
        if act is None:
            return None
        if act.kind != "claim" and (not actors.is_actor(src, False) or is_unnamed(speaker)):
            act = Act("claim", rule=act.rule + ":non-actor")
        target: Actor | None = None
        target_span: tuple[int, int] | None = None
        if act.target is not None:
            ttok = doc[act.target]
            target = _resolve_target(ttok, actors, speaker)
            if act.kind == "accusation":
                # "accused A and B of ...": one accused party per conjunct
                act.more = act.more + [c.i for c in ttok.conjuncts if c.i > ttok.i]
            if target is not None:
                s, e = _np_part(ttok)
                target_span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                if _same_actor(target.entity, speaker.entity):
                    target, target_span = None, None
        if act.kind == "accusation" and target is None:
            act = Act("claim", rule=act.rule + ":no-target")
        if act.kind == "claim" and sf.frame.kind != "claim" and _in_quotation(doc, sf):
            return None  # a mere claim inside a quotation is the quoted speech (_drop_nested)
        evidence, ev_span = _evidence(doc, verb, sf)
        if act.kind == "accusation" and evidence is EvidenceStatus.UNSPECIFIED:
            evidence, ev_span = _evidence_next(doc, verb, speaker, actors)
        if (
            act.kind == "claim"
            and evidence is EvidenceStatus.NONE
            and act.rule.startswith(("say.01", "allege.01"))
            and verb.lemma_ in ("claim", "allege", "suggest", "insist", "assert", "charge")
            and sf.content_head is not None
        ):
            # "baselessly claimed that X ...": a charge made without evidence
            ch = doc[sf.content_head]
            subj = next((c for c in ch.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and actors.is_actor(subj, True):
                t = actors.resolve(subj, subj.text, speaker)
                if t is not None and t.entity.key != speaker.entity.key:
                    s, e = np_core(subj)
                    target = t
                    target_span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                    act = Act("accusation", target=subj.i, rule="claim-without-evidence")
        if not is_unnamed(speaker):
            actors.remember(speaker, src.i)
        sent = sentence_of(verb)
        q0, q1 = sent.start_char, sent.end_char
        if sf.content is not None:
            q0, q1 = min(q0, sf.content[0]), max(q1, sf.content[1])
        while q1 > q0 and self._text[q1 - 1].isspace():
            q1 -= 1
        return _Found(sf, act, speaker, target, target_span, evidence, ev_span, (q0, q1))

    def _nominal(self, doc: Doc, actors: DocActors, found: list[_Found]) -> list[_Found]:
        """ "Mr X's allegation that Y ...", "Kremlin accusations against Washington"."""
        out: list[_Found] = []
        lex = self.lexicon
        covered = {f.frame.cue_head for f in found}
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.i in covered:
                continue
            frame = lex.noun_frames.get(tok.lemma_.lower())
            if frame is None or frame.kind != "accusation":
                continue
            spk_tok = denial_target(tok, actors.is_actor)
            if spk_tok is None:
                continue
            tgt_tok: Token | None = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "against":
                    tgt_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
                if c.dep_ in ("acl", "ccomp", "relcl") and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in c.children
                ):
                    tgt_tok = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if tgt_tok is None or not actors.is_actor(tgt_tok, True):
                continue
            speaker = actors.resolve(spk_tok, spk_tok.text)
            target = actors.resolve(tgt_tok, tgt_tok.text, speaker)
            if speaker is None or target is None or speaker.entity.key == target.entity.key:
                continue
            s, e = np_core(spk_tok)
            ts, te = np_core(tgt_tok)
            sf = SpeechFrame(
                frame=frame,
                cue_head=tok.i,
                cue=(tok.idx, tok.idx + len(tok.text)),
                source_head=spk_tok.i,
                source=(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)),
                rule=f"{frame.id}:noun",
            )
            sent = sentence_of(tok)
            out.append(
                _Found(
                    sf,
                    Act("accusation", target=tgt_tok.i, rule=f"{frame.id}:noun"),
                    speaker,
                    target,
                    (doc[ts].idx, doc[te - 1].idx + len(doc[te - 1].text)),
                    EvidenceStatus.UNSPECIFIED,
                    None,
                    (sent.start_char, sent.end_char),
                )
            )
        return out

    # ------------------------------------------------------------------ statements
    def _statements(self, document: Document, found: list[_Found], doc: Doc) -> list[Statement]:
        text = document.text
        by_key: dict[tuple[str, ...], Statement] = {}
        accusations: list[tuple[_Found, Statement]] = []
        order: list[Statement] = []
        for f in found:
            kind = Kind(f.act.kind)
            target = f.target
            refutes: str | None = None
            if kind is Kind.DENIAL and target is None and f.act.theme is not None:
                # the speaker's earlier denial with a named accuser answers the same
                # charge: "X dismissed Y's claim ... X dismissed the claims"
                prior = [
                    s
                    for s in order
                    if s.kind is Kind.DENIAL
                    and s.target is not None
                    and s.speaker.key == f.speaker.entity.key
                ]
                if len({s.target.key for s in prior if s.target is not None}) == 1:
                    target = Actor(prior[0].target) if prior[0].target is not None else None
                    refutes = prior[0].refutes
            if kind is Kind.DENIAL and target is None:
                acc = _answered(f, accusations, found, doc)
                if acc is not None and not _same_actor(acc[0].speaker.entity, f.speaker.entity):
                    target = acc[0].speaker
                    refutes = acc[1].id
            behalf = f.speaker.behalf
            tkey = target.entity.key if target else ""
            content = text[f.frame.content[0] : f.frame.content[1]] if f.frame.content else ""
            key: tuple[str, ...] = (kind.value, f.speaker.entity.key, tkey)
            if kind is Kind.CLAIM:
                key += (content,)
            stmt = by_key.get(key)
            if stmt is None:
                stmt = Statement(
                    doc_id=document.id,
                    kind=kind,
                    speaker=f.speaker.entity,
                    target=target.entity if target else None,
                    on_behalf_of=behalf,
                    content=content,
                    cue=text[f.frame.cue[0] : f.frame.cue[1]],
                    date=document.published,
                )
                by_key[key] = stmt
                order.append(stmt)
            if refutes and stmt.refutes is None:
                stmt.refutes = refutes
            if kind is Kind.DENIAL and stmt.refutes is None and target is not None:
                for af, ast in reversed(accusations):
                    if af.speaker.entity.key == target.entity.key:
                        stmt.refutes = ast.id
                        break
            if f.evidence is EvidenceStatus.NONE or (
                f.evidence is EvidenceStatus.PROVIDED and stmt.evidence is not EvidenceStatus.NONE
            ):
                stmt.evidence = f.evidence
                if f.evidence_span:
                    stmt.evidence_text = text[f.evidence_span[0] : f.evidence_span[1]]
            stmt.mentions.append(
                Mention(
                    doc_id=document.id,
                    quote=Span(*f.quote),
                    speaker=Span(*f.frame.source) if f.frame.source else None,
                    cue=Span(*f.frame.cue),
                    content=Span(*f.frame.content) if f.frame.content else None,
                    target=Span(*f.target_span) if f.target_span and target is f.target else None,
                    evidence=Span(*f.evidence_span) if f.evidence_span else None,
                    rule=f.act.rule or f.frame.rule,
                    confidence=_CONFIDENCE[kind.value],
                )
            )
            if kind is Kind.ACCUSATION:
                accusations.append((f, stmt))
        return _with_aliases(_fold_untargeted(order), found)


def _same_actor(a: Entity, b: Entity) -> bool:
    """ "Kaspersky" and "Kaspersky Lab" are one actor when a text uses both."""
    if a.key == b.key:
        return True
    wa, wb = a.label.lower().split(), b.label.lower().split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and (long_[: len(short)] == short or long_[-len(short) :] == short)


def _fold_untargeted(statements: list[Statement]) -> list[Statement]:
    """A denial with no recoverable target joins the speaker's one targeted denial
    (a headline "X denies reports" is the denial the body gives a target)."""
    out = []
    for s in statements:
        if s.kind is Kind.DENIAL and s.target is None:
            same = [
                t
                for t in statements
                if t.kind is Kind.DENIAL and t.target is not None and t.speaker.key == s.speaker.key
            ]
            if len(same) == 1:
                same[0].mentions = sorted(same[0].mentions + s.mentions, key=lambda m: m.quote)
                continue
        out.append(s)
    return out


def _with_aliases(statements: list[Statement], found: list[_Found]) -> list[Statement]:
    seen: dict[str, set[str]] = {}
    for f in found:
        for actor in (f.speaker, f.target):
            if actor is not None:
                seen.setdefault(actor.entity.key, set())
    del found
    cache: dict[str, Entity] = {}

    def upd(e: Entity | None) -> Entity | None:
        if e is None:
            return None
        if e.key not in cache:
            cache[e.key] = e
        return cache[e.key]

    for s in statements:
        s.speaker = upd(s.speaker) or s.speaker
        s.target = upd(s.target)
        s.on_behalf_of = upd(s.on_behalf_of)
    return statements


def _answered(
    f: _Found, accusations: list[tuple[_Found, Statement]], found: list[_Found], doc: Doc
) -> tuple[_Found, Statement] | None:
    """The accusation a denial answers: the statement its theme points back to ("denied
    that", "those claims"), else the last accusation against the denier (or whom they
    speak for), else one reported later (headlines come first)."""
    mine = {f.speaker.entity.key}
    if f.speaker.behalf is not None:
        mine.add(f.speaker.behalf.key)

    def previous_statement() -> tuple[_Found, Statement] | None:
        for g in reversed([g for g in found if g.frame.cue[0] < f.frame.cue[0]]):
            if g.speaker.entity.key not in mine and g.act.kind in ("claim", "accusation") and not is_unnamed(g.speaker):  # noqa: E501  # fmt: skip
                for af, ast in reversed(accusations):
                    if af.speaker.entity.key == g.speaker.entity.key:
                        return af, ast
                return g, Statement(doc_id="", kind=Kind.CLAIM, speaker=g.speaker.entity)
        return None

    theme = doc[f.act.theme] if f.act.theme is not None else None
    anaphoric = theme is not None and (
        theme.pos_ in ("PRON", "SCONJ", "DET")
        or any(c.lower_ in ("this", "that", "those", "these") for c in theme.children)
    )
    if anaphoric:
        hit = previous_statement()
        if hit is not None:
            return hit
    for af, ast in reversed(accusations):
        if af.target is not None and af.target.entity.key in mine:
            return af, ast
    for g in found:
        accused = g.target.entity if g.target is not None else None
        later = g.act.kind == "accusation" and g.frame.cue[0] > f.frame.cue[0]
        if later and accused is not None and accused.key in mine:
            return g, Statement(
                doc_id="", kind=Kind.ACCUSATION, speaker=g.speaker.entity, target=accused
            )
    if theme is not None:
        return previous_statement()
    return None


def _enclosing_speaker(sf: SpeechFrame, found: list[_Found]) -> Actor | None:
    for g in reversed(found):
        c = g.frame.content
        if c is not None and c[0] <= sf.cue[0] < c[1] and not is_unnamed(g.speaker):
            return g.speaker
    return None


def _drop_nested(
    frames: list[SpeechFrame], doc: Doc, regions: list[tuple[int, int]] | None = None
) -> list[SpeechFrame]:
    """A claim reported inside another frame's content is part of it (PolNeAR's
    attributions do not nest), unless it is an accusation or denial cue. So is a claim
    whose pronoun source speaks inside a quotation ("“I think we can win,” she said"):
    the quotation is the quoted speaker's content, attributed or not."""
    frames = _split_coordinated(frames, doc)
    out = []
    for sf in frames:
        nested = any(
            o is not sf
            and _covers(o, sf)
            and not _covers(sf, o)  # two cues in each other's content: a parse cycle
            and not _relative_report(sf, o, doc)
            for o in frames
        )
        if not nested and regions and sf.source_head is not None:
            src = doc[sf.source_head]
            nested = src.pos_ == "PRON" and any(a < sf.cue[0] < b for a, b in regions)
        if not nested and regions:
            # a statement reported inside a quotation is part of the quoted speech
            nested = any(a < sf.cue[0] and sf.cue[1] < b for a, b in _clean_quotes(doc, regions))
        if (
            nested
            and sf.frame.kind == "claim"
            and sf.rule not in _NEVER_NESTED
            and not _own_report(sf, doc, regions)
            and not _concessive_report(sf, doc, regions)
        ):
            # keep it only when it carries an act or reports beside the clause
            continue
        out.append(sf)
    return out


_CONCESSIVE = frozenset({"though", "although", "while", "whereas"})


def _relative_report(sf: SpeechFrame, outer: SpeechFrame, doc: Doc) -> bool:
    """ "She endorsed the mayor, who says he is honored", "he attacked the gifts, which
    he said were bribes": a cue in a relative clause of a noun phrase that another cue
    takes as its object is the writer's report of a second statement, not part of the
    first (whose content is a thing, not a proposition that could contain it)."""
    if outer.content_head is None or doc[sf.cue_head].dep_ != "relcl":
        return False
    head = doc[outer.content_head]
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "pobj")


def _concessive_report(sf: SpeechFrame, doc: Doc, regions: list[tuple[int, int]] | None) -> bool:
    """ "X said A, though she noted B", "While he acknowledged A, X said B": a cue in a
    concessive clause with a subject of its own, outside quotations, is a second report
    beside the main one, not part of its content."""
    if any(a <= sf.cue[0] < b for a, b in regions or ()):
        return False
    verb = doc[sf.cue_head]
    if verb.dep_ != "advcl" or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return any(c.dep_ == "mark" and c.lower_ in _CONCESSIVE for c in verb.children)


def _covers(outer: SpeechFrame, inner: SpeechFrame) -> bool:
    c = outer.content
    return c is not None and c[0] <= inner.cue[0] < c[1]


_DOUBLE_MARKS = frozenset('"“”')


def _clean_quotes(doc: Doc, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotation regions with no double quotation mark inside: where the marks
    are mixed or unbalanced a region may run over the attribution that closes it
    ("“A,” said B. "C"), so it says nothing about what is quoted."""
    text = doc_text(doc)
    return [(a, b) for a, b in regions if not _DOUBLE_MARKS & set(text[a + 1 : b - 1])]


def _in_quotation(doc: Doc, sf: SpeechFrame) -> bool:
    regions = [(int(r[0]), int(r[1])) for r in doc._.cg_quotes or ()]
    return any(a < sf.cue[0] and sf.cue[1] < b for a, b in _clean_quotes(doc, regions))


def _own_report(sf: SpeechFrame, doc: Doc, regions: list[tuple[int, int]] | None) -> bool:
    """ "..., and the report says X", "“A,” he said, but “B”": a verb of saying
    coordinated with the clause before it, or set beside it, outside any quotation, is
    a report of its own even where another frame's content runs over it (the parse
    joined two sentences' worth of clauses)."""
    verb = doc[sf.cue_head]
    if sf.frame.id != "say.01" or verb.dep_ not in ("conj", "parataxis"):
        return False
    if sf.source_head is None or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return not any(a <= sf.cue[0] < b for a, b in regions or ())


_COORDINATORS = frozenset({",", "and", ";", "but", "while"})


def _split_coordinated(frames: list[SpeechFrame], doc: Doc) -> list[SpeechFrame]:
    """ "X said A, arguing that B" / "X said A and warned B": a second cue with no
    subject of its own, coordinated or added as a participle at the end of another
    frame's unquoted content, is the same speaker's second statement (the parser
    hung it inside the first clause). The first content ends before it; the second
    frame takes the first one's source."""
    out = list(frames)
    for k, sf in enumerate(out):
        verb = doc[sf.cue_head]
        if verb.dep_ not in ("conj", "advcl") or sf.frame.kind != "claim":
            continue
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        start = verb.left_edge.i
        if start == 0 or doc[start - 1].lower_ not in _COORDINATORS:
            continue
        for m, o in enumerate(out):
            c = o.content
            if o is sf or c is None or o.quoted or not (c[0] <= sf.cue[0] < c[1]):
                continue
            if o.source is None or o.cue[0] > sf.cue[0]:
                continue
            cut = start - 1
            while cut > 0 and (doc[cut].lower_ in _COORDINATORS or doc[cut].is_space):
                cut -= 1
            if doc[cut].idx <= c[0]:
                continue
            out[m] = replace(o, content=(c[0], doc[cut].idx + len(doc[cut].text)))
            out[k] = replace(sf, source=o.source, source_head=o.source_head)
            break
    return out


def _evidence(
    doc: Doc, verb: Token, sf: SpeechFrame
) -> tuple[EvidenceStatus, tuple[int, int] | None]:
    marks: list[Any] = doc._.cg_evidence or []
    sent = sentence_of(verb)
    subtree = {t.i for t in verb.subtree}
    for label, start, end in marks:
        if start < sent.start or end > sent.end or label != "none" or start not in subtree:
            continue
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        return EvidenceStatus.NONE, span
    for label, start, end in marks:
        if label != "provided" or start not in subtree:
            continue
        # "as the documents show": a causal clause that is itself the evidence phrase
        causal = doc[start].lower_ in ("as", "because", "since") and doc[start].dep_ == "mark"
        if not causal and _in_subordinate(doc[start], verb):
            continue
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        return EvidenceStatus.PROVIDED, span
    return EvidenceStatus.UNSPECIFIED, None


def _in_subordinate(tok: Token, verb: Token) -> bool:
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "relcl":
            return True
        if node.dep_ == "advcl" and any(c.lower_ in _SUBORDINATE for c in node.children):
            return True
        node = node.head
    return False


_ = replace


def _np_part(tok: Token) -> tuple[int, int]:
    """The noun phrase of one conjunct: "two politicians and a businessman" -> "two
    politicians"."""
    s, e = np_core(tok)
    for t in tok.doc[tok.i + 1 : e]:
        if (t.dep_ == "cc" or t.dep_ == "conj") and t.head.i == tok.i:
            e = t.i
            break
    while e - 1 > s and tok.doc[e - 1].is_punct:
        e -= 1
    return s, e


def _tok_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _participial(doc: Doc, lex: Lexicon, covered: set[int]) -> list[SpeechFrame]:
    """ "lawmakers blaming X for Y", "a letter accusing X of Y": a present participle
    modifying a noun has that noun as its speaker."""
    out: list[SpeechFrame] = []
    for tok in doc:
        if tok.tag_ != "VBG" or tok.dep_ != "acl" or tok.i in covered:
            continue
        frame = lex.verb_frames.get(tok.lemma_.lower())
        if frame is None or frame.kind != "accusation":
            continue
        head = tok.head
        if head.pos_ not in ("NOUN", "PROPN") or head.i > tok.i:
            continue
        s, e = np_core(head)
        c0, c1 = tok.i + 1, tok.right_edge.i + 1
        out.append(
            SpeechFrame(
                frame=frame,
                cue_head=tok.i,
                cue=_tok_span(doc, tok.i, tok.i + 1),
                source_head=head.i,
                source=_tok_span(doc, s, e),
                content=_tok_span(doc, c0, c1) if c1 > c0 else None,
                rule=f"{frame.id}:participle",
            )
        )
    return out


def _can_speak(tok: Token, actors: DocActors, lex: Lexicon) -> bool:
    """A noun that can be the source of what a participle modifying it reports: an actor
    ("analysts warning that X"), or a text or finding ("a poll showing X", "tweets
    accusing Y")."""
    lemma = tok.lemma_.lower()
    return (
        actors.is_actor(tok, True)
        or lemma in lex.document_nouns
        or lemma in lex.message_nouns
        or tok.lower_ in lex.message_nouns
        or any(lemma in f.source_nouns for f in lex.frames)
    )


def _appositive_source(verb: Token) -> Token | None:
    """ "fighting two lawsuits - one accusing it of ...": the participle's speaker is
    the noun the appositive ("one", "another") picks out, not the main subject."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl") or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ == "appos" and prev.head.pos_ == "NOUN" and prev.head.i < prev.i:
        return prev.head
    return None


def _main_subject(tok: Token) -> Token | None:
    """The subject of the clause governing a relative clause "in which they ...":
    "Officials gave a briefing in which they accused X" -> "Officials"."""
    node = tok
    for _ in range(6):
        if node.dep_ == "relcl":
            pied = any(
                c.dep_ == "prep" and any(g.lower_ in ("which", "whom") for g in c.children)
                for c in node.children
            )
            if not pied:
                return None
            gov = node.head.head
            for _ in range(3):
                if gov.pos_ in ("VERB", "AUX"):
                    break
                gov = gov.head
            return next((c for c in gov.children if c.dep_ == "nsubj"), None)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _resolve_target(ttok: Token, actors: DocActors, speaker: Actor) -> Actor | None:
    """The accused; a pronoun object of a participle clause ("X is fighting a suit
    accusing it of ...") is the main clause's subject, never the participle's speaker."""
    if ttok.pos_ == "PRON" and ttok.lower_ in ("it", "them", "him", "her"):
        clause = ttok.head
        if clause.tag_ == "VBG" and clause.dep_ in ("advcl", "acl"):
            root = sentence_of(ttok).root
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.i < ttok.i and actors.is_actor(subj, True):
                t = actors.resolve(subj, subj.text, speaker)
                if t is not None and not _same_actor(t.entity, speaker.entity):
                    return t
    return actors.resolve(ttok, ttok.text, speaker, whole=False)


def _more_targets(doc: Doc, f: _Found, actors: DocActors) -> list[_Found]:
    """One accusation statement per party a content blames ("X's attacks, at the
    behest of Y")."""
    out: list[_Found] = []
    for i in f.act.more:
        ttok = doc[i]
        t = _resolve_target(ttok, actors, f.speaker)
        if t is None or _same_actor(t.entity, f.speaker.entity):
            continue
        if f.target is not None and t.entity.key == f.target.entity.key:
            continue
        s, e = _np_part(ttok)
        act = Act(f.act.kind, target=i, rule=f.act.rule)
        out.append(replace(f, act=act, target=t, target_span=_tok_span(doc, s, e)))
    return out


def _evidence_next(
    doc: Doc, verb: Token, speaker: Actor, actors: DocActors
) -> tuple[EvidenceStatus, tuple[int, int] | None]:
    """ "He named X as plotters. He showed photos of ...": evidence the same speaker
    shows in the next sentence supports the accusation."""
    sent = sentence_of(verb)
    if sent.end >= len(doc):
        return EvidenceStatus.UNSPECIFIED, None
    nxt = sentence_of(doc[sent.end])
    root = nxt.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or not actors.is_actor(subj, True):
        return EvidenceStatus.UNSPECIFIED, None
    who = actors.resolve(subj, subj.text)
    if who is None or who.entity.key != speaker.entity.key:
        return EvidenceStatus.UNSPECIFIED, None
    marks: list[Any] = doc._.cg_evidence or []
    for label, start, end in marks:
        if label == "provided" and nxt.start <= start < nxt.end and doc[start].head.i == root.i:
            return EvidenceStatus.PROVIDED, _tok_span(doc, start, end)
    return EvidenceStatus.UNSPECIFIED, None
