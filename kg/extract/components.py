"""spaCy pipeline components, registered the spaCy way.

``claimgraph_quotes`` marks quotation regions (``doc._.cg_quotes``, keeping the text as
``doc._.cg_text``) and
``claimgraph_evidence`` marks evidence phrases (``doc._.cg_evidence``: ``(status, start,
end)`` token ranges) with one precompiled :class:`~spacy.matcher.PhraseMatcher` pass. Both
store plain lists, so documents still cross process boundaries in ``nlp.pipe``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.quotes import quote_regions

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["COMPONENTS", "add_components", "doc_text"]

COMPONENTS = ("claimgraph_paragraphs", "claimgraph_quotes", "claimgraph_evidence")

for _name in ("cg_quotes", "cg_evidence", "cg_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("claimgraph_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """A blank line always ends a sentence (headlines have no full stop)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and (prev.is_space or "\n\n" in prev.text_with_ws):
            tok.is_sent_start = True
    return doc


@Language.component("claimgraph_quotes")
def quotes_component(doc: Doc) -> Doc:
    # Doc.text joins every token each time it is read; the rules read it often.
    doc._.cg_text = text = doc.text
    doc._.cg_quotes = quote_regions(text)
    return doc


def doc_text(doc: Doc) -> str:
    """The document's text, as ``doc.text``, without joining its tokens again."""
    text = doc._.cg_text
    return text if isinstance(text, str) else doc.text


def phrases(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The fixed phrases a token pattern of lower-case words matches, or None when it
    has other tokens (any word, other attributes) and needs the Matcher.

    >>> phrases([{"LOWER": "no"}, {"LOWER": "hard", "OP": "?"},
    ...          {"LOWER": {"IN": ["evidence", "proof"]}}])
    ['no evidence', 'no proof', 'no hard evidence', 'no hard proof']
    """
    choices: list[list[str]] = []
    for token in pattern:
        if set(token) - {"LOWER", "OP"} or token.get("OP", "?") != "?":
            return None
        words = token.get("LOWER")
        if isinstance(words, dict) and set(words) == {"IN"}:
            words = list(words["IN"])
        elif isinstance(words, str):
            words = [words]
        else:
            return None
        choices.append(([""] if "OP" in token else []) + words)
    out = (" ".join(w for w in combo if w) for combo in itertools.product(*choices))
    return list(dict.fromkeys(p for p in out if p))


class EvidenceMarker:
    """Marks "without providing evidence" (none) and "citing documents" (provided).

    Patterns of fixed words (all of the lexicon's, so far) go to a ``PhraseMatcher`` on
    lower case, tokenised as text is ("didn't" is two tokens); any others to a
    ``Matcher``. The PhraseMatcher is ~10x cheaper per document than the Matcher was.
    """

    def __init__(self, nlp: Language) -> None:
        lex = load_lexicon()
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in (("none", lex.evidence_none), ("provided", lex.evidence_provided)):
            fixed: list[Doc] = []
            other: list[list[dict[str, Any]]] = []
            for pattern in patterns:
                words = phrases(pattern)
                if words is None:
                    other.append(pattern)
                else:
                    fixed.extend(nlp.make_doc(w) for w in words)
            if fixed:
                self.phrase_matcher.add(label, fixed)
            if other:
                self.matcher.add(label, other)
        self.use_matcher = len(self.matcher) > 0

    def __call__(self, doc: Doc) -> Doc:
        matches = self.phrase_matcher(doc)
        if self.use_matcher:
            matches = sorted(set(matches) | set(self.matcher(doc)), key=lambda m: (m[1], m[2]))
        doc._.cg_evidence = [(doc.vocab.strings[m], start, end) for m, start, end in matches]
        return doc


@Language.factory("claimgraph_evidence")
def make_evidence_marker(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return EvidenceMarker(nlp)


def add_components(nlp: Language) -> Language:
    """Add claimgraph's components to a pipeline once (idempotent)."""
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "claimgraph_paragraphs" and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        else:
            nlp.add_pipe(name, last=True)
    return nlp
