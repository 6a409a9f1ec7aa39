"""Who speaks where: cue words, their source (speaker) and content spans.

A *frame* is one attributed statement found in a parsed sentence: the cue (a reporting
verb with its auxiliaries, "according to", a cue noun), the source noun phrase (the
subject's full subtree, or the agent of a passive), and the content (the complement
clause, or the quotation the cue introduces or closes). Spans follow the attribution
conventions of PARC/PolNeAR: source = the whole subject noun phrase, cue = the verb with
its auxiliaries and adverbs, content = the clause or the quotation with its marks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.attribution import (
    colon_source,
    cue_right_edge,
    dash_signature,
    parenthetical_content,
    trim_source,
)
from kg.extract.components import doc_text
from kg.extract.lexicon import Frame, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["SpeechFrame", "find_frames", "np_core", "sentence_of", "subtree_span"]

_SENTS_KEY = "cg_sentence_of"


def sentence_of(tok: Token) -> Span:
    """The sentence of a token, from a per-document index (``Token.sent`` rescans
    every sentence of the document on each call)."""
    doc = tok.doc
    index = doc.user_data.get(_SENTS_KEY)
    if index is None or len(index) != len(doc):
        index = []
        for sent in doc.sents:
            index.extend([sent] * len(sent))
        doc.user_data[_SENTS_KEY] = index
    return index[tok.i]


def forget_sentences(doc: Doc) -> None:
    doc.user_data.pop(_SENTS_KEY, None)


_VERB_POS = frozenset({"VERB", "AUX"})
_CONTENT_DEPS = ("ccomp", "parataxis")
_SUBJ = frozenset({"nsubj", "csubj", "expl"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
_PUNCT_STRIP = frozenset({",", ".", ";", ":", "-", "–", "—", "(", ")"})


@dataclass
class SpeechFrame:
    """One attributed statement in a sentence, as token indices and character offsets."""

    frame: Frame
    cue_head: int
    cue: tuple[int, int]  # character offsets
    source_head: int | None = None
    source: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    content_head: int | None = None
    quoted: bool = False
    rule: str = ""
    extra_cue_tokens: list[int] = field(default_factory=list)


def subtree_span(tok: Token) -> tuple[int, int]:
    """Token indices [start, end) of a token's subtree."""
    return tok.left_edge.i, tok.right_edge.i + 1


def np_core(tok: Token) -> tuple[int, int]:
    """The noun phrase without its clauses: "lawmakers blaming X" -> "lawmakers"."""
    start, end = tok.i, tok.i + 1
    for child in tok.subtree:
        if child.i == tok.i:
            continue
        # keep determiners, modifiers, compounds, possessives, conjuncts; stop at clauses
        path_ok = True
        node = child
        while node.i != tok.i:
            if node.dep_ in ("relcl", "acl", "advcl", "appos", "prep") and node.head.i == tok.i:
                if node.dep_ == "prep" and node.lower_ == "of" and node.i > tok.i:
                    break
                path_ok = False
                break
            if node.dep_ in ("relcl", "acl", "advcl", "punct") and node.head.dep_ == "conj":
                path_ok = False
                break
            node = node.head
        if path_ok:
            start, end = min(start, child.i), max(end, child.i + 1)
    doc = tok.doc
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in ")’'\"”":
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return start, end


def _subject(verb: Token) -> tuple[Token | None, str]:
    """The subject (or passive agent) of a verb, climbing through coordination and
    participles that share their head's subject."""
    node: Token | None = verb
    via = ""  # how the walk reached ``node`` from the cue
    for _ in range(4):
        if node is None:
            break
        for c in node.children:
            if c.dep_ in _SUBJ and c.dep_ != "expl":
                if via not in ("", "conj") and c.lower_ == "it" and _predicative(node):
                    return None, ""  # "It's hard to imagine X": "it" is the clause's
                return c, "subj"
            if c.dep_ == "nsubjpass" and via in ("conj", "pcomp") and c.pos_ in _NOMINAL:
                # "He was booed and said X", "After saying X, she was taken to hospital":
                # a coordinated clause or a gerund after a preposition shares the
                # governing clause's subject whatever its voice (the cue's own passive
                # subject is never its speaker)
                return c, "subj"
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], "agent"
        if via == "purpose":
            break  # the clause a purpose infinitive hangs from must have the subject
        if node.dep_ in ("conj", "xcomp") or (node.dep_ == "advcl" and node.tag_ == "VBG"):
            via = node.dep_
            node = node.head
            if via == "xcomp" and _adjective_control(node):
                node = node.head  # "was able to tout", "has been slow to embrace"
        elif node.dep_ == "advcl" and node.i == verb.i and _purpose_infinitive(node):
            # "She toured the state to talk about jobs": a purpose clause's subject is
            # the main clause's
            via = "purpose"
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ in ("prep", "conj", "advcl"):
            via = "pcomp" if node.head.dep_ == "prep" else ""
            node = node.head.head
            if node.pos_ == "NOUN" and node.dep_ in ("npadvmod", "pobj", "nsubj", "dobj"):
                node = node.head
                via = ""
        elif node.dep_ == "relcl":
            return node.head, "relcl"
        elif (
            node.dep_ == "acl"
            and (node.i == verb.i or via == "conj")
            and node.tag_ == "VBG"
            and node.head.pos_ in ("NOUN", "PROPN")
            and node.head.i < node.i
        ):
            # "analysts warning that X", "a report showing Y": the noun a present
            # participle modifies is its speaker
            return node.head, "acl"
        else:
            break
    return None, ""


def _predicative(verb: Token) -> bool:
    """A copula with an adjective or noun predicate ("is hard", "was a mistake")."""
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def _adjective_control(adj: Token) -> bool:
    """ "She was able [to tout X]", "he won't be able [to brag]": a predicative
    adjective whose infinitive's subject is the copula's (not "it is hard to say",
    "it is worth noting", where "it" stands for the clause)."""
    if adj.pos_ != "ADJ" or adj.dep_ != "acomp":
        return False
    if not any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in adj.children):
        return False
    return not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in adj.head.children)


def _that_adverbial(verb: Token, clause: Token) -> bool:
    """ "He tweeted in the early hours that X": a that-clause after the cue that the
    parse hung as an adverbial clause (an adverbial is never introduced by "that") is
    the cue's complement."""
    return (
        clause.dep_ == "advcl"
        and clause.i > verb.i
        and any(
            g.dep_ in ("mark", "advmod") and g.lower_ == "that" and g.i == clause.left_edge.i
            for g in clause.children
        )
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in clause.children)
    )


def _purpose_infinitive(verb: Token) -> bool:
    """ "to talk about jobs" (an infinitive of purpose, with no subject or "for" of its
    own), not "for the city to act"."""
    kids = list(verb.children)
    return (
        verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in kids)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in kids)
    )


def _source_span(subj: Token) -> tuple[int, int]:
    start, end = subtree_span(subj)
    doc = subj.doc
    while start < end - 1 and doc[start].is_punct and doc[start].text not in "“\"'‘(":
        start += 1
    # "Even China", "Both Mr. King and Mr. Schultz": a focusing word is not the source
    while (
        start < subj.i and doc[start].dep_ in ("advmod", "preconj") and doc[start].head.i == subj.i
    ):
        start += 1
    # "Hillary Clinton, like Obama, said": a comparison set off by commas is not either
    for c in subj.rights:
        if c.dep_ == "prep" and c.lower_ == "like" and doc[c.i - 1].text == ",":
            end = min(end, c.i - 1)
            break
    end = _participle_cut(subj, start, end)
    end = _embedded_relative_cut(subj, start, end)
    end = _reporting_relative_cut(subj, start, end)
    # An appositive closed by a comma keeps its comma ("Brian Fallon, an aide, said").
    inner_comma = any(t.text == "," for t in doc[start:end])
    if end < len(doc) and doc[end].text == "," and inner_comma:
        end += 1
    while end - 1 > start and doc[end - 1].text in (";", ":", "-", "—", "–"):
        end -= 1
    # "a panel in 2001": a date phrase closing the subject is not part of the source
    last = next((c for c in reversed(list(subj.rights)) if c.dep_ == "prep"), None)
    if last is not None and last.right_edge.i + 1 >= end and last.i > subj.i:
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.ent_type_ in ("DATE", "TIME") and last.lower_ == "in":
            end = last.i
    return trim_source(doc, start, end)


def _participle_cut(subj: Token, start: int, end: int) -> int:
    """The end of a source without a participle set off by commas ("Ms. Ray, speaking to
    reporters on Monday, said"): it tells what the speaker was doing, not who it is.
    (Relative clauses and appositives stay: PolNeAR's sources keep them.)"""
    doc = subj.doc
    for tok in doc[subj.i + 1 : end]:
        if tok.dep_ != "acl" or tok.tag_ not in ("VBG", "VBN") or tok.head.i < start:
            continue
        first = tok.left_edge.i
        if first > start and doc[first - 1].text == ",":
            return first - 1
    return end


def _embedded_relative_cut(subj: Token, start: int, end: int) -> int:
    """The end of a source without a "which" or "whose" clause set off by a comma that
    describes a noun inside a prepositional phrase of the source ("Ann Lee, president
    of the Teachers Union, which represents 5,000 teachers,"): it is about that
    organisation, not the speaker. (A relative clause of the speaker stays.)"""
    doc = subj.doc
    own = {subj.i} | {c.i for c in subj.children if c.dep_ == "appos"}
    for tok in doc[subj.i + 1 : end]:
        if tok.dep_ != "relcl" or tok.head.i in own or tok.head.dep_ != "pobj":
            continue
        first = tok.left_edge
        if first.i <= start or first.lower_ not in ("which", "whose"):
            continue
        if doc[first.i - 1].text == ",":
            return first.i - 1
    return end


def _reporting_relative_cut(subj: Token, start: int, end: int) -> int:
    """The end of a source without a relative clause set off by a comma that reports a
    clause of its own ("Ann Lee, who argued that the levy was too high, said"): that
    clause is a second attribution (its relative pronoun the source), and PolNeAR's
    attributions share no token. (A descriptive relative clause stays.)"""
    doc = subj.doc
    own = {subj.i} | {c.i for c in subj.children if c.dep_ == "appos"}
    for tok in doc[subj.i + 1 : end]:
        if tok.dep_ != "relcl" or tok.head.i not in own:
            continue
        if not any(c.dep_ == "ccomp" for c in tok.children):
            continue
        first = tok.left_edge
        if first.i > start and doc[first.i - 1].text == ",":
            return first.i - 1
    return end


def _left_edge(verb: Token, floor: int) -> int:
    """The first token of a verb's cue: its auxiliaries, negation and adverbs on the
    left ("has once again questioned")."""
    doc = verb.doc
    start = verb.i
    while start - 1 >= floor:
        prev = doc[start - 1]
        if prev.is_space and start - 2 >= floor and not doc[start - 2].is_space:
            # "has\u00a0acknowledged": a no-break space is its own token, between the
            # auxiliary and its verb
            prev = doc[start - 2]
            if prev.dep_ in _CUE_LEFT and prev.head.i == verb.i and prev.tag_ != "WRB":
                start -= 2
                continue
            break
        head = prev.head
        attached = head.i == verb.i or (head.dep_ == "advmod" and head.head.i == verb.i)
        if attached and prev.dep_ in _CUE_LEFT and prev.tag_ != "WRB":
            start -= 1
        else:
            break
    return start


def _catenative_head(verb: Token) -> Token | None:
    """ "tried to convince", "appeared to suggest", "could not resist pointing out": the
    verb that governs a cue verb as its object clause belongs to the cue (but not a
    causative with its own object: "prompted X to ask"); so does a copula with the
    adjective that governs it ("was able to tout", "has been slow to embrace") and a
    verb that the cue follows as its purpose with nothing in between ("went on to
    discuss", "came to talk")."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ == "advcl":
        if head.i >= verb.i or not _purpose_infinitive(verb) or head.pos_ != "VERB":
            return None
        between = doc[head.i + 1 : verb.i]
        if all((t.dep_ == "prt" and t.head.i == head.i) or t.head.i == verb.i for t in between):
            return head
        return None
    if verb.dep_ != "xcomp":
        return None
    if _adjective_control(head) and all(t.head.i == verb.i for t in doc[head.i + 1 : verb.i]):
        head = head.head  # the copula: "was able to (consistently) tout"
    if head.i >= verb.i or verb.i - head.i > 4 or head.pos_ not in _VERB_POS:
        return None
    if any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.i < c.i < verb.i
           for c in head.children):  # fmt: skip
        return None
    if any(c.dep_ == "acomp" and head.i < c.i < verb.i and c.i != verb.head.i
           for c in head.children):  # fmt: skip
        return None
    if any(t.is_punct for t in doc[head.i : verb.i]):
        return None
    return head


def _cue_tokens(verb: Token, extra: list[Token]) -> tuple[int, int]:
    floor = sentence_of(verb).start
    start = _left_edge(verb, floor)
    head = _catenative_head(verb)
    if head is not None:
        start = _left_edge(head, floor)
    end = verb.i + 1
    for t in sorted(extra, key=lambda t: t.i):
        if t.i == end:
            end += 1
    end = cue_right_edge(verb, end, sentence_of(verb).end)
    return start, end


_DROPPED_E_TAGS = frozenset({"VBG", "VBD", "VBN", "VBZ"})


def _verb_cue(tok: Token, lex: Lexicon) -> tuple[Frame, list[Token]] | None:
    if tok.pos_ not in _VERB_POS and not tok.tag_.startswith("VB"):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.i > tok.i and child.dep_ in ("prt", "advmod", "dobj", "prep", "oprd", "acomp"):
            word = child.lemma_.lower() if child.dep_ in ("dobj", "oprd") else child.lower_
            frame = lex.phrasal_frames.get((lemma, word))
            if frame is None and tok.tag_ in _DROPPED_E_TAGS and not lemma.endswith("e"):
                frame = lex.phrasal_frames.get((lemma + "e", word))  # "rated as" -> "rat"
            if frame is not None:
                return frame, [child] if child.i == tok.i + 1 else []
    frame = lex.verb_frames.get(lemma)
    if frame is None and tok.tag_ in _DROPPED_E_TAGS and not lemma.endswith("e"):
        # the small model's lemmatizer drops a silent e ("hoping" -> "hop")
        frame = lex.verb_frames.get(lemma + "e")
    if frame is None:
        return None
    return frame, []


def frame_lemma(tok: Token, frame: Frame, lex: Lexicon) -> str:
    """The lemma under which ``frame`` was found for ``tok`` (with the small model's
    dropped silent e restored: "hoping" -> "hop" -> "hope")."""
    lemma = tok.lemma_.lower()
    if lex.verb_frames.get(lemma) is frame or lemma + "e" not in lex.verb_frames:
        return lemma
    return lemma + "e"


_OBJECT_CUE_PREPS = frozenset({"of", "about", "over"})


def _closes_quote(verb: Token, regions: list[tuple[int, int]]) -> bool:
    """ "“Who pays for it?” the senator demanded.": the verb ends a sentence that a
    quotation opens (or that follows the quotation directly)."""
    sent = sentence_of(verb)
    if any(not (t.is_punct or t.is_space) for t in sent[verb.i - sent.start + 1 :]):
        return False
    start = sent.start_char
    return any(
        (a <= start + 1 and start < b < verb.idx) or start - 3 < b <= start for a, b in regions
    )


def _object_cue(verb: Token, c_end: int) -> tuple[int, Token] | None:
    """ "accused her of", "likened the rules to", "expressed concern about": a short
    object right after the cue followed by a role preposition; returns the new end of
    the cue (after the preposition) and the preposition's object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != c_end:
        return None
    doc = verb.doc
    # the preposition right after the object's own words ("concern about X": the
    # preposition may hang from the object)
    after = obj.i + 1
    while after < len(doc) and after - c_end <= 5 and doc[after].dep_ != "prep":
        if not any(a.i == obj.i for a in doc[after].ancestors):
            return None
        after += 1
    if after >= len(doc) or after - c_end > 5:
        return None
    prep = doc[after]
    if prep.dep_ != "prep" or prep.head.i not in (verb.i, obj.i):
        return None
    if prep.lower_ not in _OBJECT_CUE_PREPS:
        return None
    if prep.head.i == obj.i and prep.lower_ == "of":
        return None  # "the integrity of X": the object's own complement
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
    if pobj is None or _is_when(pobj):
        return None
    return after + 1, pobj


def _is_when(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME")


_TOPIC_PREPS = frozenset({"about", "of", "on", "against"})


def _topic_objects(verb: Token, frame: Frame, extra: list[Token]) -> list[Token]:
    """ "spoke of her faith", "talked about trade", "pointed to the figures": the object
    of a preposition the frame lists as its theme is the content. "to" counts only in a
    phrasal cue ("point to", "refer to"), never as the addressee ("spoke to reporters")."""
    allowed = {r[5:] for r in frame.roles.get("theme", ()) if r.startswith("prep:")}
    if not allowed:
        return []
    phrasal = {t.i for t in extra}
    for c in verb.children:
        if c.dep_ != "prep" or c.i < verb.i or c.lower_ not in allowed:
            continue
        if c.lower_ not in _TOPIC_PREPS and c.i not in phrasal:
            continue
        obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and not _is_when(obj):
            return [obj]
    return []


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _content_from_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and doc[start].text in _PUNCT_STRIP:
        start += 1
    while end > start and doc[end - 1].text in _PUNCT_STRIP:
        end -= 1
    if start >= end:
        return None
    return _char_span(doc, start, end)


def _expand_to_quotes(
    span: tuple[int, int], regions: list[tuple[int, int]]
) -> tuple[tuple[int, int], bool]:
    s, e = span
    quoted = False
    for qs, qe in regions:
        if qs < e and s < qe:
            # a scare quote wholly inside the clause leaves the clause as it is
            if s <= qs and qe <= e and (qe - qs) < (e - s) * 0.6:
                continue
            s, e = min(s, qs), max(e, qe)
            quoted = True
    return (s, e), quoted


def _adjacent_quote(
    sent: Span, cue_char: tuple[int, int], regions: list[tuple[int, int]], text: str
) -> tuple[int, int] | None:
    """A quotation that this attribution closes ("“...,” he said") or opens ("said: “...”")."""
    before = [
        r
        for r in regions
        if r[1] <= cue_char[0]
        and r[1] > sent.start_char - 3
        and "\n" not in text[r[1] : sent.start_char]  # never a quotation from the paragraph before
    ]
    after = [r for r in regions if r[0] >= cue_char[1] and r[0] < sent.end_char + 3]
    picked: list[tuple[int, int]] = []
    if before:
        r = before[-1]
        if r[1] - r[0] > 12 or r[0] <= sent.start_char + 1:
            picked.append(r)
    if after:
        r = after[0]
        gap = text[cue_char[1] : r[0]]
        introduced = ":" in gap or "," in gap or not gap.strip()
        if r[1] - r[0] > 12 and (introduced or picked):
            picked.append(r)
    if not picked:
        return None
    return picked[0][0], picked[-1][1]


def _next_paragraph(text: str, colon_end: int) -> tuple[int, int] | None:
    """ "The governor added:" closing its paragraph: what was said is the paragraph
    that follows (a block quotation, with or without quotation marks)."""
    line_end = text.find("\n", colon_end)
    if line_end < 0 or text[colon_end:line_end].strip():
        return None
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def find_frames(
    doc: Doc, lex: Lexicon, regions: list[tuple[int, int]], text: str | None = None
) -> list[SpeechFrame]:
    """Every attributed statement in the document, in text order."""
    frames: list[SpeechFrame] = []
    text = doc.text if text is None else text
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            f = _according_to(doc, tok, lex, regions)
            if f is not None:
                frames.append(f)
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep":
            pf = _in_measure(doc, tok, lex, regions)
            if pf is not None:
                frames.append(pf)
            continue
        if tok.pos_ == "NOUN":
            nf = _noun_frame(doc, tok, lex, regions) or _noun_tagged_verb(doc, tok, lex, regions)
            if nf is not None:
                frames.append(nf)
            continue
        if tok.dep_ == "acomp":
            af = _adjective_frame(doc, tok, lex, regions)
            if af is not None:
                frames.append(af)
            continue
        hit = _verb_cue(tok, lex)
        if hit is None:
            lf = _light_verb_frame(doc, tok, lex, regions, text)
            if lf is not None:
                frames.append(lf)
            continue
        frame, extra = hit
        sf = _verb_frame(doc, tok, frame, extra, regions, text, lex.message_nouns)
        if sf is None and not extra:
            for other in lex.other_frames.get(frame_lemma(tok, frame, lex), ()):
                sf = _verb_frame(doc, tok, other, extra, regions, text, lex.message_nouns)
                if sf is not None:
                    break
        if sf is None:
            sf = _light_verb_frame(doc, tok, lex, regions, text)
        if sf is not None:
            frames.append(sf)
    frames.extend(_headline_frames(doc, lex, {f.cue_head for f in frames}))
    extra_frames = _punctuation_frames(doc, lex, regions, text)
    if extra_frames:
        frames = sorted(frames + extra_frames, key=lambda f: f.cue[0])
    return frames


_HEADLINE_OPENERS = frozenset({",", ":", ";", "--", "—", "–"})


def _verb_forms(word: str) -> list[str]:
    """Lemma candidates of a third-person verb form ("Vows" -> "vow", "Denies" -> "deny")."""
    w = word.lower()
    out = [w[:-1]]
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    return out


def _headline_frames(doc: Doc, lex: Lexicon, covered: set[int]) -> list[SpeechFrame]:
    """ "Mayor Lee Vows To Fix Roads.": a title-case headline (the document's first line)
    that the parser reads as one long name. A capitalised present-tense cue verb ("Vows",
    "Says", "Sees") right after a run of capitalised words that opens the headline (or a
    part of it after a comma or colon) has that run as its source and the rest of the
    headline as its content."""
    text = doc_text(doc)
    line_end = text.find("\n")
    if line_end < 0:
        return []
    toks = list(itertools.takewhile(lambda t: t.idx < line_end, doc))
    words = [t for t in toks if t.is_alpha]
    if len(words) < 3 or sum(t.text[0].isupper() for t in words) < 0.6 * len(words):
        return []
    out: list[SpeechFrame] = []
    for tok in toks[1:]:
        if tok.i in covered or not tok.text[0].isupper() or not tok.lower_.endswith("s"):
            continue
        frame = next(
            (lex.verb_frames[f] for f in _verb_forms(tok.text) if f in lex.verb_frames), None
        )
        if frame is None:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_punct:
            start -= 1
        if not 1 <= tok.i - start <= 5:
            continue
        if start > 0 and doc[start - 1].text not in _HEADLINE_OPENERS:
            continue
        content = _content_from_tokens(doc, tok.i + 1, len(toks))
        if content is None or content[0] >= line_end:
            continue
        out.append(
            SpeechFrame(
                frame=frame,
                cue_head=tok.i,
                cue=_char_span(doc, tok.i, tok.i + 1),
                source_head=tok.i - 1,
                source=_char_span(doc, start, tok.i),
                content=content,
                rule="headline",
            )
        )
    return out


def _punctuation_frames(
    doc: Doc, lex: Lexicon, regions: list[tuple[int, int]], text: str
) -> list[SpeechFrame]:
    """Attributions whose cue is punctuation: ``Name: content`` at the start of a
    sentence, and a quotation signed ``“...” ― Name``."""
    out: list[SpeechFrame] = []
    say = _say_frame(lex)
    for sent in doc.sents:
        hit = colon_source(doc, sent.start, sent.end)
        if hit is None:
            continue
        s_start, colon, c_end = hit
        content = _content_from_tokens(doc, colon + 1, c_end)
        if content is None:
            continue
        # a quotation opened before the speaker's name is not this turn's content
        later = [r for r in regions if r[0] >= doc[colon].idx]
        content, quoted = _expand_to_quotes(content, later)
        out.append(
            SpeechFrame(
                frame=say,
                cue_head=colon,
                cue=_char_span(doc, colon, colon + 1),
                source_head=colon - 1,
                source=_char_span(doc, s_start, colon),
                content=content,
                quoted=quoted,
                rule="colon",
            )
        )
    for qs, qe in regions:
        sig = dash_signature(text, qe)
        if sig is None:
            continue
        span = doc.char_span(sig[2], sig[3], alignment_mode="expand")
        cue_tok = doc.char_span(sig[0], sig[1], alignment_mode="expand")
        if span is None or cue_tok is None or len(span) == 0:
            continue
        out.append(
            SpeechFrame(
                frame=say,
                cue_head=cue_tok.start,
                cue=(sig[0], sig[1]),
                source_head=span.root.i,
                source=(sig[2], sig[3]),
                content=(qs, qe),
                quoted=True,
                rule="dash-signature",
            )
        )
    return out


def _noun_frame(
    doc: Doc, tok: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    """ "the senator's claim that X", "his decision to Y": a statement noun whose
    possessor is the source and whose clause is the content."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.that_nouns and lemma not in lex.to_nouns:
        return None
    if lemma in lex.noun_frames:
        return None  # accusation and denial nouns are the extractor's own (_nominal)
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    clause: Token | None = None
    for c in tok.children:
        if c.i < tok.i or c.dep_ not in ("acl", "ccomp", "appos", "relcl"):
            continue
        marks = {(g.dep_, g.lower_) for g in c.children}
        if (lemma in lex.that_nouns and ("mark", "that") in marks) or (
            lemma in lex.to_nouns and ("aux", "to") in marks
        ):
            clause = c
            break
    if clause is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        # "the senator's view is that X": the clause is the copula's complement
        for c in tok.head.children:
            if (
                c.dep_ == "ccomp"
                and c.i > tok.i
                and ("mark", "that") in {(g.dep_, g.lower_) for g in c.children}
            ):
                clause = c
                break
    cue_end = tok.i + 1
    if clause is None:
        # "his comment about X", "her theory of Y": the topic phrase is the content and
        # its preposition closes the cue
        topic = _noun_topic(tok)
        if topic is None:
            return None
        clause, cue_end = topic
    s_start, s_end = subtree_span(poss)
    c_start = tok.i
    while c_start - 1 > poss.right_edge.i and doc[c_start - 1].dep_ == "amod":
        c_start = doc[c_start - 1].left_edge.i  # "long-standing": the modifier's own words
    c_start = max(c_start, poss.right_edge.i + 1)
    content = _content_from_tokens(doc, *subtree_span(clause))
    if content is None:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=tok.i,
        cue=_char_span(doc, c_start, cue_end),
        source_head=poss.i,
        source=_char_span(doc, s_start, s_end),
        content=content,
        content_head=clause.i,
        quoted=quoted,
        rule="noun-clause",
    )


_NOUN_TOPIC_PREPS = frozenset({"about", "of", "on", "over"})


def _noun_topic(
    tok: Token, preps: frozenset[str] = _NOUN_TOPIC_PREPS, heads: tuple[int, ...] = ()
) -> tuple[Token, int] | None:
    """The object of a topic preposition right after a statement noun ("comment about
    X", "comments Tuesday on X") and the token index where the cue ends. ``heads``: other
    tokens the preposition may hang from (the verb of "made the case for X")."""
    doc = tok.doc
    nxt = tok.i + 1
    while nxt < len(doc) and doc[nxt].head.i == tok.i and _is_when(doc[nxt]):
        nxt += 1
    if nxt >= len(doc) or doc[nxt].head.i not in (tok.i, *heads) or doc[nxt].dep_ != "prep":
        return None
    if doc[nxt].lower_ not in preps:
        return None
    obj = next((g for g in doc[nxt].children if g.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    return obj, nxt + 1


_LIGHT_TOPIC_PREPS = _NOUN_TOPIC_PREPS | {"for", "against"}


def _light_verb_frame(
    doc: Doc, verb: Token, lex: Lexicon, regions: list[tuple[int, int]], text: str
) -> SpeechFrame | None:
    """ "She made the case for the plan", "he made the following comment: ...", "they
    issued a warning that X": a support verb whose object is a statement noun is the
    cue with that noun (and the preposition of its topic); the noun's clause, topic or
    what follows its colon is the content, the verb's subject the source."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.light_verbs:
        return None
    if verb.lemma_.lower() == "make":
        made = _made_clear(doc, verb, lex, regions)
        if made is not None:
            return made
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if noun is None or not {noun.lemma_.lower(), noun.lower_} & lex.statement_nouns:
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    subj, how = _subject(verb)
    if subj is None or how == "relcl":
        return None
    theme: Token | None = None
    cue_end = noun.i + 1
    content: tuple[int, int] | None = None
    for c in noun.children:
        marks = {(g.dep_, g.lower_) for g in c.children}
        if c.i < noun.i or c.dep_ not in ("acl", "advcl", "ccomp", "relcl", "appos"):
            continue
        if ("mark", "for") in marks and doc[noun.i + 1].lower_ == "for":
            theme, cue_end = c, noun.i + 2  # "sounded a call for the city to act"
            break
        if ("mark", "that") in marks or ("aux", "to") in marks:
            theme = c
            break
    if theme is None:
        topic = _noun_topic(noun, _LIGHT_TOPIC_PREPS, (verb.i,))
        if topic is not None:
            theme, cue_end = topic
    if theme is None:
        theme = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i), None)
    end = noun.right_edge.i + 1
    while end - 1 > noun.i and (doc[end - 1].is_space or doc[end - 1].text == ":"):
        end -= 1  # the parse may hang the colon on the noun
    if theme is None and end < len(doc) and doc[end].text == ":":
        cue_end = end + 1
        sent = sentence_of(verb)
        content = _content_from_tokens(doc, cue_end, sent.end) if cue_end < sent.end - 1 else None
        if content is None:
            content = _next_paragraph(text, doc[end].idx + 1)
    elif theme is not None:
        content = _content_from_tokens(doc, *subtree_span(theme))
    if content is None:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    c_start, _ = _cue_tokens(verb, [])
    if subj.lower_ in _RELATIVE:
        source = _char_span(doc, subj.i, subj.i + 1)
    else:
        source = _char_span(doc, *_source_span(subj))
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=verb.i,
        cue=_char_span(doc, c_start, cue_end),
        source_head=subj.i,
        source=source,
        content=content,
        content_head=theme.i if theme is not None else None,
        quoted=quoted,
        rule="light-verb",
    )


def _made_clear(
    doc: Doc, verb: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    """'She made clear that X', 'he made it plain X': 'make' with a disclosure
    adjective (and its dummy 'it') is the cue, the clause that follows the content."""
    adj = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("oprd", "ccomp", "acomp") and c.i > verb.i
            and c.lower_ in lex.disclosure_adjectives
        ),
        None,
    )  # fmt: skip
    if adj is None or adj.i - verb.i > 2 or any(c.dep_ == "neg" for c in verb.children):
        return None
    between = doc[verb.i + 1 : adj.i]
    if any(t.lower_ != "it" for t in between):
        return None
    theme = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > adj.i), None) or next(
        (c for c in adj.children if c.dep_ in ("ccomp", "advcl") and c.i > adj.i), None
    )
    if theme is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in theme.children):
        return None
    subj, how = _subject(verb)
    if subj is None or how == "relcl":
        return None
    content = _content_from_tokens(doc, *subtree_span(theme))
    if content is None:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    c_start, _ = _cue_tokens(verb, [])
    source = (
        _char_span(doc, subj.i, subj.i + 1)
        if subj.lower_ in _RELATIVE
        else _char_span(doc, *_source_span(subj))
    )
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=verb.i,
        cue=_char_span(doc, c_start, adj.i + 1),
        source_head=subj.i,
        source=source,
        content=content,
        content_head=theme.i,
        quoted=quoted,
        rule="light-verb",
    )


_MISREAD_SUBJECT = frozenset({"compound", "nsubj", "amod", "nmod", "det", "poss"})


def _noun_tagged_verb(
    doc: Doc, tok: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    """ "Trump claims that he won", "The campaign plans to add staff": a cue verb in
    -s that the tagger read as a plural noun heading the name before it (so the
    subject is its compound) and that still governs a that-clause or an infinitive."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in lex.verb_frames:
        return None
    if tok.dep_ not in ("ROOT", "ccomp", "conj") or tok.i == 0:
        return None
    if doc[tok.i - 1].pos_ not in ("PROPN", "NOUN"):
        return None
    clause = next(
        (
            c
            for c in tok.children
            if c.i > tok.i
            and c.dep_ in ("ccomp", "xcomp", "acl", "advcl", "relcl")
            and any(
                (g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                for g in c.children
            )
        ),
        None,
    )
    left = [c for c in tok.children if c.i < tok.i and c.dep_ in _MISREAD_SUBJECT]
    if clause is None or not left or left[-1].right_edge.i != tok.i - 1:
        return None
    start = left[0].left_edge.i
    while start < tok.i and doc[start].dep_ in ("cc", "punct") and doc[start].head.i == tok.i:
        start += 1
    s_start, s_end = trim_source(doc, start, tok.i)
    content = _content_from_tokens(doc, *subtree_span(clause))
    if content is None or s_start >= s_end:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    return SpeechFrame(
        frame=lex.verb_frames[tok.lemma_.lower()],
        cue_head=tok.i,
        cue=_char_span(doc, tok.i, tok.i + 1),
        source_head=tok.i - 1,
        source=_char_span(doc, s_start, s_end),
        content=content,
        content_head=clause.i,
        quoted=quoted,
        rule="noun-tagged-verb",
    )


def _adjective_frame(
    doc: Doc, adj: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    """ "The mayor is sure that X", "she was critical of the plan", "they are worried about
    costs": a stance adjective after a copula; its subject is the source, its clause or
    topic phrase the content, and the copula through the adjective (with the topic
    preposition) the cue."""
    word = adj.lower_
    topic_preps = lex.topic_adjectives.get(word, frozenset())
    if word not in lex.clause_adjectives and not topic_preps:
        return None
    be = adj.head
    if be.lemma_ != "be" or be.i > adj.i:
        return None
    subj = next((c for c in be.children if c.dep_ == "nsubj"), None)
    if (
        subj is None
        or subj.pos_ not in ("PROPN", "NOUN", "PRON")
        or subj.lower_ in ("it", "this", "that")
    ):
        return None
    if any(c.dep_ == "neg" for c in be.children) or any(c.dep_ == "neg" for c in adj.children):
        return None
    theme: Token | None = None
    cue_end = adj.i + 1
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ in ("ccomp", "xcomp") and word in lex.clause_adjectives:
            theme = c
            break
        if c.dep_ == "prep" and c.lower_ in topic_preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                theme, cue_end = obj, c.i + 1
                break
    if theme is None:
        return None
    content = _content_from_tokens(doc, *subtree_span(theme))
    if content is None:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    c_start = _left_edge(be, sentence_of(adj).start)
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=adj.i,
        cue=_char_span(doc, c_start, cue_end),
        source_head=subj.i,
        source=_char_span(doc, *_source_span(subj)),
        content=content,
        content_head=theme.i,
        quoted=quoted,
        rule="stance-adjective",
    )


def _say_frame(lex: Lexicon) -> Frame:
    return lex.verb_frames["say"]


def _according_to(
    doc: Doc, tok: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in tok.children if c.dep_ == "pobj"
    ]
    if not objs:
        return None
    src = objs[0]
    s_start, s_end = subtree_span(src)
    sent = sentence_of(tok)
    # content: the rest of the sentence outside the according-to phrase
    if s_end >= sent.end - 1 or tok.i > sent.start + 2:
        c_start, c_end = sent.start, tok.i
    else:
        c_start, c_end = s_end, sent.end
    content = _content_from_tokens(doc, c_start, c_end)
    if content is not None:
        content, _ = _expand_to_quotes(content, regions)
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=tok.i,
        cue=_char_span(doc, tok.i, tok.i + 2),
        source_head=src.i,
        source=_char_span(doc, s_start, s_end),
        content=content,
        rule="according-to",
    )


def _in_measure(
    doc: Doc, tok: Token, lex: Lexicon, regions: list[tuple[int, int]]
) -> SpeechFrame | None:
    """'In the latest poll, X leads Y' / 'X's gains in some polls': what a poll or survey
    found, with 'in' as the cue and the instrument as the source. The content is the
    clause the phrase modifies (without the phrase), or the noun phrase it modifies."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if obj is not None and obj.lower_ not in lex.opinion_measures:
        # "in one of the polls"
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        part = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if part is None or part.lower_ not in lex.opinion_measures:
            return None
    if obj is None or head is tok:
        return None
    if head.lemma_.lower() in lex.verb_frames or head.lower_ in lex.opinion_measures:
        return None  # "said in a poll": the verb is the cue; "a poll in a poll" is no report
    s_start, s_end = subtree_span(obj)
    if head.pos_ in _VERB_POS:
        if tok.i < head.i:
            c_start, c_end = tok.right_edge.i + 1, head.right_edge.i + 1
        else:
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            c_start, c_end = (subj.left_edge.i if subj is not None else head.i), tok.i
    elif head.pos_ in ("NOUN", "PROPN") and tok.i > head.i:
        c_start, c_end = head.left_edge.i, tok.i
    else:
        return None
    content = _content_from_tokens(doc, c_start, c_end)
    if content is None or (head.pos_ in _VERB_POS and not _has_clause(doc, c_start, c_end)):
        return None
    content, _ = _expand_to_quotes(content, regions)
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=tok.i,
        cue=_char_span(doc, tok.i, tok.i + 1),
        source_head=obj.i,
        source=_char_span(doc, s_start, s_end),
        content=content,
        content_head=head.i,
        rule="in-measure",
    )


# Verbs of saying proper (VerbNet say-37.7): whatever clause stands beside them is
# what was said, even when the parse attaches it elsewhere.
_SAY_CORE = frozenset({"say", "tell", "add", "write", "state", "explain", "note", "insist"})


def _has_clause(doc: Doc, start: int, end: int) -> bool:
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and start <= t.head.i < end and t.head.pos_ in _VERB_POS
        for t in doc[start:end]
    )


def _clause_beside(doc: Doc, verb: Token, c_end: int) -> tuple[int, int] | None:
    """ "He said after the vote he would resign" (a clause the parse hung elsewhere) and
    "Costs will rise, experts say" (a clause before a sentence-final cue): the clause
    right of the cue, or the one left of its subject."""
    sent = sentence_of(verb)
    start = c_end
    while start < sent.end and (
        doc[start].dep_ in ("dobj", "dative") and doc[start].head.i == verb.i
    ):
        start = doc[start].right_edge.i + 1  # the addressee of "told reporters"
    end = sent.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    own_subject = any(t.head.i == verb.i and t.dep_ == "nsubj" for t in doc[start:end])
    if end - start >= 3 and not own_subject and _has_clause(doc, start, end):
        return _content_from_tokens(doc, start, end)
    if end == start:
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None:
            return None
        comma = subj.left_edge.i - 1
        if (
            comma - sent.start >= 3
            and doc[comma].text == ","
            and _has_clause(doc, sent.start, comma)
        ):
            return _content_from_tokens(doc, sent.start, comma)
    return None


def _message_issuer(verb: Token, message_nouns: frozenset[str]) -> Token | None:
    """ "The council issued a statement calling the test a violation", "she sent a
    series of tweets saying X": a participle modifying a message that is the object of
    a verb; that verb (whose subject issued the message) is returned. So is a verb whose
    object is a message and which the parse gave the participle ("sent a letter to the
    board urging X") or a relative clause of the message ("released a letter that says
    X"), when no comma sets the cue apart (", saying X" is the cue alone)."""
    if verb.dep_ in ("advcl", "relcl"):
        return _message_verb(verb, message_nouns)
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return None
    noun = verb.head
    if noun.lower_ not in message_nouns or noun.i > verb.i:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head  # "a series of tweets"
    if noun.dep_ != "dobj" or noun.head.pos_ not in _VERB_POS:
        return None
    return noun.head


def _message_verb(verb: Token, message_nouns: frozenset[str]) -> Token | None:
    doc = verb.doc
    if verb.dep_ == "advcl":
        if verb.tag_ != "VBG":
            return None
        issuer = verb.head
        obj = next((c for c in issuer.children if c.dep_ == "dobj" and c.i < verb.i), None)
    else:
        if not any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children):
            return None
        obj = verb.head
        issuer = obj.head
        if obj.dep_ != "dobj":
            return None
    if obj is None or issuer.pos_ not in _VERB_POS or issuer.i > obj.i:
        return None
    if any(t.is_punct for t in doc[issuer.i : verb.i]):
        return None
    noun = obj
    if noun.lower_ not in message_nouns:  # "a series of tweets"
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((g for g in of.children if g.dep_ == "pobj"), noun) if of else noun
    return issuer if noun.lower_ in message_nouns else None


_NAME_GAP_PUNCT = frozenset({",", ".", "(", ")", "-", "'s", "’s"})


def _source_outside_quote(
    verb: Token, subj: Token, c_start: int, regions: list[tuple[int, int]]
) -> tuple[int, int, int] | None:
    """ "“We will win,” the chief said", "“It will fail,” said Ann Lee": a subject the
    parse found inside a quotation that closes before the cue is the quotation's own
    word; the speaker is the subject after the verb, or the noun phrase between the
    quotation and the cue. Returns (head, start, end) token indices, or None."""
    doc = verb.doc
    quote = next((r for r in regions if r[0] <= subj.idx < r[1] <= doc[c_start].idx), None)
    if quote is None:
        return None
    after = next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i and c.idx >= quote[1]),
        None,
    )
    if after is not None:
        s, e = _source_span(after)
        return after.i, s, e
    start = c_start
    while start > 0 and doc[start - 1].idx >= quote[1]:
        start -= 1
    while start < c_start and (doc[start].is_punct or doc[start].is_space):
        start += 1
    toks = doc[start:c_start]
    if not 0 < len(toks) <= 12 or not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
        return None
    if any(
        (t.is_punct and t.text not in _NAME_GAP_PUNCT) or t.pos_ in ("AUX", "SCONJ")
        or t.is_space
        for t in toks
    ):  # fmt: skip
        return None
    outer = [t for t in toks if not start <= t.head.i < c_start]
    head = outer[-1] if outer else toks[-1]
    return head.i, start, c_start


# Verbs of (dis)agreeing and responding (VerbNet correspond-36.1, FrameNet
# Communication_response) and the preposition that introduces what they answer
# ("agreed with the mayor", "responded to the charge", "commented on the ruling").
_ANSWER_PREPS = {
    **dict.fromkeys(("agree", "disagree", "concur", "side"), "with"),
    **dict.fromkeys(("respond", "reply", "react", "object"), "to"),
    **dict.fromkeys(("comment", "remark", "weigh"), "on"),
}


def _answered_object(verb: Token) -> Token | None:
    """What a verb of agreeing or responding answers, when it has no clause or
    quotation: the object of its preposition ("agreed with the mayor")."""
    prep = _ANSWER_PREPS.get(verb.lemma_.lower())
    if prep is None or any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not respond to requests": no statement was made
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ == prep:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and not _is_when(obj):
                return obj
    return None


def _verb_frame(
    doc: Doc,
    verb: Token,
    frame: Frame,
    extra: list[Token],
    regions: list[tuple[int, int]],
    text: str,
    message_nouns: frozenset[str] = frozenset(),
) -> SpeechFrame | None:
    issuer = _message_issuer(verb, message_nouns)
    subj, how = _subject(verb if issuer is None else issuer)
    if subj is None:
        return None
    if how == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "the courage to speak about it": the noun does not speak
    c_start, c_end = _cue_tokens(verb, extra)
    if issuer is not None:
        c_start = _left_edge(issuer, sentence_of(issuer).start)
    cue = _char_span(doc, c_start, c_end)
    content: tuple[int, int] | None = None
    content_head: int | None = None
    quoted = False
    themes = [c for c in verb.children if c.dep_ in _CONTENT_DEPS or _that_adverbial(verb, c)]
    if (not themes and frame.kind != "claim") or (not themes and verb.lemma_ == "call"):
        themes = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "prep", "pcomp", "oprd")]
    if frame.internal_state and not frame.needs_clause:
        # a described intention or wish: only its infinitive or clause is content
        themes = [c for c in verb.children if c.dep_ in frame.roles.get("theme", ())]
        if not themes and not _closes_quote(verb, regions):
            return None
    if not themes and frame.kind == "claim" and not frame.needs_clause:
        themes = [
            c
            for c in verb.children
            if (c.dep_ == "dobj" and verb.lemma_ not in ("tell", "ask", "brief"))
            or c.dep_ == "xcomp"
        ]
    if not themes and frame.kind == "claim":
        themes = _topic_objects(verb, frame, extra)
        if not themes and frame.topic_only:
            return None
    evidence_source = subj.lemma_.lower() in frame.source_nouns
    object_content = evidence_source or verb.lemma_.lower() in frame.object_verbs
    if not themes and frame.needs_clause and object_content:
        # "the poll shows a close race": a finding reported by a document or study;
        # "she doubted the figures": a stance whose object is what is held true
        themes = [c for c in verb.children if c.dep_ == "dobj"]
    if not themes and how == "agent":
        # "was first reported by the Post": the passive subject is what was said
        themes = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if themes and c_end < len(doc) and doc[c_end].dep_ == "agent":
            c_end += 1
            cue = _char_span(doc, c_start, c_end)
    split = None
    if not themes or themes[0].dep_ == "dobj":
        split = _object_cue(verb, c_end)
    if split is not None:
        # "accused her of lying", "expressed concern about X": verb, object and
        # preposition are the cue; what the preposition introduces is the content
        c_end, obj = split
        cue = _char_span(doc, c_start, c_end)
        themes = [obj]
    if themes and themes[0].dep_ == "dobj":
        # "views the deal as a trap", "cast him as a liar": the label goes with its object
        themes += [
            c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > themes[0].i
        ]
    if themes:
        theme = themes[0]
        content_head = theme.i
        s, e = subtree_span(theme)
        for t in themes[1:]:
            s2, e2 = subtree_span(t)
            s, e = min(s, s2), max(e, e2)
        span = _content_from_tokens(doc, s, e)
        if span is not None:
            # a quotation that holds the cue itself is someone else's speech
            outer = [r for r in regions if not r[0] <= cue[0] < r[1]]
            content, quoted = _expand_to_quotes(span, outer)
    if content is None:
        inner = parenthetical_content(verb)
        if inner is not None:
            content = _content_from_tokens(doc, *inner)
    if content is None:
        adj = _adjacent_quote(sentence_of(verb), cue, regions, text)
        if adj is not None:
            content, quoted = adj, True
    if content is None and frame.id == "say.01" and verb.lemma_.lower() in _SAY_CORE:
        content = _clause_beside(doc, verb, c_end)
    rule = f"{frame.id}:{how}"
    if content is None and frame.kind == "claim":
        answered = _answered_object(verb)
        if answered is not None:
            content = _content_from_tokens(doc, *subtree_span(answered))
            content_head = answered.i
            rule = "answer"  # what is answered is no assertion of the speaker's
    if content is None and doc[c_end - 1].text == ":":
        content = _next_paragraph(text, cue[1])
        quoted = content is not None and text[content[0]] in "“\"‘'"
    last = doc[c_end - 1]
    if (
        content is not None
        and c_end - 1 > verb.i
        and last.dep_ == "prep"
        and last.lower_ in ("of", "about")
        and not (content[0] <= last.idx + len(last.text) + 1 < content[1])
    ):
        # "“...,” she said of the plan": the topic phrase is not part of the cue
        cue = _char_span(doc, c_start, c_end - 1)
    if frame.needs_clause and not (
        any(c.dep_ == "ccomp" for c in verb.children) or (object_content and themes)
    ):
        return None
    if content is None and frame.kind == "claim":
        return None
    source: tuple[int, int] | None
    if subj.lower_ in _RELATIVE and how == "subj" and subj.head.dep_ == "relcl":
        src_head = subj.head.head.i
        source = _char_span(doc, subj.i, subj.i + 1)
    elif how == "acl":
        src_head = subj.i
        source = _char_span(doc, *np_core(subj))
    elif how == "relcl":
        src_head = subj.i
        rel = [c for c in verb.children if c.dep_ in _SUBJ]
        source = None if rel else _char_span(doc, *_source_span(subj))
    else:
        src_head = subj.i
        source = _char_span(doc, *_source_span(subj))
    outside = _source_outside_quote(verb, subj, c_start, regions)
    if outside is not None:
        src_head, source = outside[0], _char_span(doc, outside[1], outside[2])
    if source is not None and source[0] < cue[1] and cue[0] < source[1]:
        # the source must not swallow its own cue (a parse that put the verb inside it)
        source = _char_span(doc, *np_core(subj))
    return SpeechFrame(
        frame=frame,
        cue_head=verb.i,
        cue=cue,
        source_head=src_head,
        source=source,
        content=content,
        content_head=content_head,
        quoted=quoted,
        rule=rule,
        extra_cue_tokens=[t.i for t in extra],
    )
