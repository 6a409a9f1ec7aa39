"""spaCy pipeline components, registered the spaCy way.

``claimgraph_quotes`` marks quotation regions (``doc._.cg_quotes``) and
``claimgraph_evidence`` marks evidence phrases (``doc._.cg_evidence``: ``(status, start,
end)`` token ranges) with one precompiled :class:`~spacy.matcher.Matcher` pass. Both
store plain lists, so documents still cross process boundaries in ``nlp.pipe``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.quotes import quote_regions

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["COMPONENTS", "add_components"]

COMPONENTS = ("claimgraph_paragraphs", "claimgraph_quotes", "claimgraph_evidence")

for _name in ("cg_quotes", "cg_evidence"):
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
    doc._.cg_quotes = quote_regions(doc.text)
    return doc


class EvidenceMarker:
    """Marks "without providing evidence" (none) and "citing documents" (provided)."""

    def __init__(self, nlp: Language) -> None:
        lex = load_lexicon()
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("none", list(lex.evidence_none))
        self.matcher.add("provided", list(lex.evidence_provided))
        self.labels = {nlp.vocab.strings[k]: k for k in ("none", "provided")}

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            found.append((doc.vocab.strings[match_id], start, end))
        doc._.cg_evidence = found
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
