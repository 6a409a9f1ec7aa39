"""Attribution span conventions (PARC 3.0 / PolNeAR) over the dependency parse.

These helpers shape the three spans of an attribution the way attribution corpora
annotate them, so that what the extractor reports lines up with how people read
"who said what":

* **cue**: the reporting verb with its auxiliaries, negation and adverbs on the left
  ("is once again questioning"), the verb governing it as a catenative ("appeared to
  suggest", "could not resist pointing out"), and on the right what completes the cue
  rather than the content: a particle or role-marking preposition ("called for", "spoke
  of", "described as") unless the content is elsewhere ("“...,” she said of the plan"),
  a short object with the preposition that introduces the content ("accused her of",
  "expressed concern about"), a manner adverb ("said sarcastically"), a time adverbial
  right after the verb ("said Friday"), the setting of an interview ("said in a phone
  interview", not where or with whom) and a colon that opens the content ("added:").
* **source**: the subject noun phrase without datelines ("CITY -- "), stray quotation
  marks or trailing spaces.
* **content** of a parenthetical cue ("The plan, she said, will fail."): the clause
  the cue interrupts.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kg.extract.coref import Actor
from kg.model import ActorType, Entity, slugify

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "colon_source",
    "cue_right_edge",
    "dash_signature",
    "is_unnamed",
    "parenthetical_content",
    "trim_source",
    "unnamed_source",
]

# Prepositions that mark a role of the cue itself ("call for X", "speak of X",
# "describe X as Y", "warn against X"), as opposed to circumstances ("said on Friday").
_ROLE_PREPS = frozenset({"for", "of", "about", "as", "against"})
# Verbs whose "on" marks the addressee or topic ("called on Congress", "weighed in on").
_ON_VERBS = frozenset({"call", "urge", "press", "comment", "weigh", "reflect", "insist"})
# Verbs of (dis)agreement, whose "with" marks the party sided with ("agreed with Ms. Cole").
_WITH_VERBS = frozenset({"agree", "disagree", "concur", "side", "sympathize", "sympathise"})
_TIME_WORDS = frozenset({"then", "later", "earlier", "yesterday", "today", "tonight", "recently"})
# -ly adverbs that do not say how something was said
_NOT_MANNER = frozenset({"only", "early", "really", "recently", "previously", "initially"})
# Nouns naming the communicative setting that attribution corpora keep in the cue.
_SETTING_NOUNS = frozenset({"interview", "interviews"})
_SETTING_PREPS = frozenset({"in", "during"})


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _TIME_WORDS


def _is_manner(tok: Token) -> bool:
    if tok.pos_ != "ADV" or tok.ent_type_ in ("DATE", "TIME") or tok.n_rights or tok.n_lefts:
        return False
    return tok.lower_.endswith("ly") and len(tok) > 4 and tok.lower_ not in _NOT_MANNER


def _contiguous_subtree(tok: Token, start: int) -> int | None:
    """The end of ``tok``'s subtree when it starts exactly at ``start``."""
    if tok.left_edge.i != start:
        return None
    return tok.right_edge.i + 1


def cue_right_edge(verb: Token, end: int, limit: int) -> int:
    """Extend a verb cue ending before token ``end`` over what completes it.

    ``limit`` is the end of the sentence; the cue never passes it.
    """
    doc = verb.doc
    lemma = verb.lemma_.lower()
    for _ in range(4):
        if end >= limit:
            break
        nxt = doc[end]
        if nxt.text == ":":
            end += 1
            break
        if nxt.head.i != verb.i:
            break
        dep = nxt.dep_
        if dep == "prt":
            end += 1
            continue
        if dep == "prep" and (
            nxt.lower_ in _ROLE_PREPS
            or (nxt.lower_ == "on" and lemma in _ON_VERBS)
            or (nxt.lower_ == "with" and lemma in _WITH_VERBS)
        ):
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is None or not _is_time(pobj):
                end += 1
                break
        if dep in ("npadvmod", "advmod") and _is_time(nxt):
            new_end = _contiguous_subtree(nxt, end)
            if new_end is not None and new_end <= limit:
                end = new_end
                continue
        if dep == "advmod" and _is_manner(nxt):
            # "said sarcastically", "complained bitterly": how the speech act was done
            end += 1
            continue
        if dep == "prep" and nxt.lower_ in _SETTING_PREPS:
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in _SETTING_NOUNS:
                new_end = _contiguous_subtree(nxt, end)
                if new_end is not None and new_end <= limit:
                    # "in a phone interview", without where or with whom it was held
                    end = pobj.i + 1
                    continue
        break
    return end


def trim_source(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of a source without a dateline, stray quotes or spaces at its edges."""
    # "WASHINGTON -- President Obama": a capitalised dateline before a dash
    for i in range(start, min(end - 1, start + 4)):
        if doc[i].text in ("--", "—", "–", "-") and all(
            t.is_upper or t.is_punct for t in doc[start:i]
        ):
            start = i + 1
            break
    while start < end - 1 and (doc[start].is_space or doc[start].text in ('"', "“", "”", "''")):
        start += 1
    while end - 1 > start and (doc[end - 1].is_space or doc[end - 1].text in ('"', "“", "''")):
        end -= 1
    return start, end


def parenthetical_content(verb: Token) -> tuple[int, int] | None:
    """Token range of the clause a parenthetical cue interrupts ("X, he said, Y").

    The cue is attached to the clause as ``parataxis`` (or, with a fronted clause,
    takes it as its head); the content is the head clause, the cue included (it is
    one span; the scorer pairs on overlap).
    """
    head = verb.head
    if verb.dep_ == "advcl" and head.i != verb.i:
        return _as_clause_content(verb)
    if verb.dep_ != "parataxis" or head.i == verb.i:
        return None
    start, end = head.left_edge.i, head.right_edge.i + 1
    if end - start < 3:
        return None
    return start, end


# what a reporting verb in an "as" clause may still govern ("as police have said",
# "as he noted last week"): anything else (an object, a clause, a topic) is its own
_AS_CLAUSE_DEPS = frozenset({"mark", "nsubj", "aux", "advmod", "npadvmod", "punct"})


def _as_clause_content(verb: Token) -> tuple[int, int] | None:
    """ "Costs will rise, as experts have said": a reporting verb in a clause of
    comparison with "as" and nothing of its own to report attributes the clause it is
    attached to (without the "as" clause)."""
    kids = list(verb.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in kids):
        return None
    if not any(c.dep_ == "nsubj" for c in kids) or any(c.dep_ not in _AS_CLAUSE_DEPS for c in kids):
        return None
    head, doc = verb.head, verb.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    a0, a1 = verb.left_edge.i, verb.right_edge.i + 1
    if a1 >= end or (a0 > start and a0 - start > end - a1):
        end = a0  # the clause before it (the longer side when it stands inside)
    else:
        start = max(start, a1)
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end - start < 3:
        return None
    return start, end


# ---------------------------------------------------------------- unnamed sources
_ANON_PREFIX = "source-"
_DOC_KEY = "cg_doc_key"


def _doc_key(doc: Doc) -> str:
    key = doc.user_data.get(_DOC_KEY)
    if key is None:
        key = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:10]
        doc.user_data[_DOC_KEY] = key
    return str(key)


def unnamed_source(doc: Doc, span_text: str) -> Actor | None:
    """An actor for a source the document names only by description ("a source close
    to the campaign", "the poll", "one questioner"): labelled by its own words and
    keyed to this document, so that two articles' "the campaign" stay apart.

    Statements by such a source are claims; an accusation or denial needs an actor
    that :class:`~kg.extract.coref.DocActors` resolves (see :func:`is_unnamed`).
    """
    label = " ".join(span_text.split())
    if not label:
        return None
    key = f"{_ANON_PREFIX}{_doc_key(doc)}-{slugify(label, max_length=60)}"
    return Actor(Entity(key=key, label=label, type=ActorType.GROUP))


def is_unnamed(actor: Actor) -> bool:
    """True for an actor made by :func:`unnamed_source`."""
    return actor.entity.key.startswith(_ANON_PREFIX)


# ---------------------------------------------------------------- punctuation cues
_DASHES = ("―", "—", "–", "--")
# spaces between a quotation, its dash and the name (a no-break space is common there)
_BLANKS = " \t\xa0"
_NOT_SOURCES = frozenset(
    {"update", "note", "editor", "photo", "related", "watch", "read", "video", "source",
     "sources", "correction", "clarification", "q", "a", "transcript", "advertisement",
     "image", "credit"}
)  # fmt: skip


def _name_like(doc: Doc, start: int, end: int) -> bool:
    toks = [t for t in doc[start:end] if not t.is_space]
    if not 1 <= len(toks) <= 5 or toks[-1].lower_ in _NOT_SOURCES:
        return False
    if not toks[0].text[:1].isupper():
        return False
    return all(t.pos_ in ("PROPN", "NOUN") or t.text in (".", "'s", "’s") for t in toks)


def colon_source(doc: Doc, sent_start: int, sent_end: int) -> tuple[int, int, int] | None:
    """``Name: content`` at the start of a sentence (a headline or a transcript turn):
    token ranges ``(source_start, colon, content_end)`` or None."""
    start = sent_start
    while start < sent_end and (doc[start].is_space or doc[start].text in ('"', "“", "''")):
        start += 1
    for i in range(start + 1, min(start + 6, sent_end)):
        if doc[i].text == ":":
            if not _name_like(doc, start, i):
                return None
            if i >= sent_end - 2 and _turn_continues(doc, i):
                # "NAME:" parsed as a sentence of its own: the turn runs on to the end
                # of the paragraph
                return start, i, _paragraph_end(doc, i + 1)
            if i < sent_end - 2 and not doc[i + 1].is_space:
                return start, i, sent_end
            return None
    return None


def _turn_continues(doc: Doc, colon: int) -> bool:
    nxt = colon + 1
    return nxt < len(doc) and "\n" not in doc[colon].whitespace_ and not doc[nxt].is_space


def _paragraph_end(doc: Doc, start: int) -> int:
    """The token index where the paragraph containing ``start`` ends."""
    for t in doc[start:]:
        if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
            return t.i if t.is_space else t.i + 1
    return len(doc)


def dash_signature(text: str, quote_end: int) -> tuple[int, int, int, int] | None:
    """``“...” ― Name`` (a quotation signed after a dash): character offsets
    ``(cue_start, cue_end, name_start, name_end)`` or None."""
    i = quote_end
    n = len(text)
    while i < n and text[i] in _BLANKS:
        i += 1
    dash = next((d for d in _DASHES if text.startswith(d, i)), None)
    if dash is None:
        return None
    cue_start, cue_end = i, i + len(dash)
    j = cue_end
    while j < n and text[j] in _BLANKS:
        j += 1
    line_end = text.find("\n", j)
    line_end = n if line_end < 0 else line_end
    name = text[j:line_end].rstrip(" .\t\xa0")
    words = name.split()
    if not 1 <= len(words) <= 5 or not name[:1].isupper() or len(name) > 60:
        return None
    if any(not w[:1].isupper() for w in words if w.isalpha() and w not in ("de", "van", "von")):
        return None
    return cue_start, cue_end, j, j + len(name)
