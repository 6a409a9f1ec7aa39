"""Who speaks where: cue words, their source (speaker) and content spans.

A *frame* is one attributed statement found in a parsed sentence: the cue (a reporting
verb with its auxiliaries, "according to", a cue noun), the source noun phrase (the
subject's full subtree, or the agent of a passive), and the content (the complement
clause, or the quotation the cue introduces or closes). Spans follow the attribution
conventions of PARC/PolNeAR: source = the whole subject noun phrase, cue = the verb with
its auxiliaries and adverbs, content = the clause or the quotation with its marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.attribution import (
    colon_source,
    cue_right_edge,
    dash_signature,
    parenthetical_content,
    trim_source,
)
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
    for _ in range(4):
        if node is None:
            break
        for c in node.children:
            if c.dep_ in _SUBJ and c.dep_ != "expl":
                return c, "subj"
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], "agent"
        if node.dep_ in ("conj", "xcomp") or (node.dep_ == "advcl" and node.tag_ == "VBG"):
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ in ("prep", "conj", "advcl"):
            node = node.head.head
            if node.pos_ == "NOUN" and node.dep_ in ("npadvmod", "pobj", "nsubj", "dobj"):
                node = node.head
        elif node.dep_ == "relcl":
            return node.head, "relcl"
        else:
            break
    return None, ""


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


def _left_edge(verb: Token, floor: int) -> int:
    """The first token of a verb's cue: its auxiliaries, negation and adverbs on the
    left ("has once again questioned")."""
    doc = verb.doc
    start = verb.i
    while start - 1 >= floor:
        prev = doc[start - 1]
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
    causative with its own object: "prompted X to ask")."""
    if verb.dep_ != "xcomp":
        return None
    head = verb.head
    if head.i >= verb.i or verb.i - head.i > 4 or head.pos_ not in _VERB_POS:
        return None
    if any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "acomp") and head.i < c.i < verb.i
           for c in head.children):  # fmt: skip
        return None
    if any(t.is_punct for t in verb.doc[head.i : verb.i]):
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


def _verb_cue(tok: Token, lex: Lexicon) -> tuple[Frame, list[Token]] | None:
    if tok.pos_ not in _VERB_POS and not tok.tag_.startswith("VB"):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.i > tok.i and child.dep_ in ("prt", "advmod", "dobj", "prep", "oprd", "acomp"):
            word = child.lemma_.lower() if child.dep_ in ("dobj", "oprd") else child.lower_
            key = (lemma, word)
            frame = lex.phrasal_frames.get(key)
            if frame is not None:
                return frame, [child] if child.i == tok.i + 1 else []
    frame = lex.verb_frames.get(lemma)
    if frame is None and tok.tag_ in ("VBG", "VBD", "VBN") and not lemma.endswith("e"):
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
        if tok.pos_ == "NOUN":
            nf = _noun_frame(doc, tok, lex, regions)
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
            continue
        frame, extra = hit
        sf = _verb_frame(doc, tok, frame, extra, regions, text, lex.message_nouns)
        if sf is None and not extra:
            for other in lex.other_frames.get(frame_lemma(tok, frame, lex), ()):
                sf = _verb_frame(doc, tok, other, extra, regions, text, lex.message_nouns)
                if sf is not None:
                    break
        if sf is not None:
            frames.append(sf)
    extra_frames = _punctuation_frames(doc, lex, regions, text)
    if extra_frames:
        frames = sorted(frames + extra_frames, key=lambda f: f.cue[0])
    return frames


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
    if clause is None:
        return None
    s_start, s_end = subtree_span(poss)
    c_start = tok.i
    while c_start - 1 > poss.right_edge.i and doc[c_start - 1].dep_ == "amod":
        c_start -= 1
    content = _content_from_tokens(doc, *subtree_span(clause))
    if content is None:
        return None
    content, quoted = _expand_to_quotes(content, regions)
    return SpeechFrame(
        frame=_say_frame(lex),
        cue_head=tok.i,
        cue=_char_span(doc, c_start, tok.i + 1),
        source_head=poss.i,
        source=_char_span(doc, s_start, s_end),
        content=content,
        content_head=clause.i,
        quoted=quoted,
        rule="noun-clause",
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
    a verb; that verb (whose subject issued the message) is returned."""
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
    themes = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if (not themes and frame.kind != "claim") or (not themes and verb.lemma_ == "call"):
        themes = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "prep", "pcomp")]
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
    elif how == "relcl":
        src_head = subj.i
        rel = [c for c in verb.children if c.dep_ in _SUBJ]
        source = None if rel else _char_span(doc, *_source_span(subj))
    else:
        src_head = subj.i
        source = _char_span(doc, *_source_span(subj))
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
        rule=f"{frame.id}:{how}",
        extra_cue_tokens=[t.i for t in extra],
    )
