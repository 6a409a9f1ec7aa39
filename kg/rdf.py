"""The RDF mapping: the only place that mints IRIs and writes triples.

Each document's triples live in one named graph whose name is the document's IRI, so a
document can be replaced or retracted whole. IRIs are deterministic (document id,
entity key, statement id), so extracting the same article twice writes the same quads.

Quads are pyoxigraph terms, the store's native form: no conversion on the hot path.

>>> from kg.model import *
>>> doc = Document(id="d1", text="Russia accused the US.")
>>> ru = Entity("russia", "Russia", ActorType.STATE, wikidata="Q159")
>>> us = Entity("united-states", "United States", ActorType.STATE)
>>> s = Statement("d1", Kind.ACCUSATION, ru, us, mentions=[Mention("d1", Span(0, 22))])
>>> quads = extraction_quads(Extraction(doc, [s]))
>>> {q.graph_name for q in quads} == {document_iri("d1")}
True
>>> entity_iri("russia").value
'https://w3id.org/claimgraph/id/entity/russia'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.model import ActorType, Entity, EvidenceStatus, Extraction, Kind, Mention, Span, Statement
from kg.namespaces import CG, DATA, SCHEMA, WD

__all__ = [
    "ACTOR_CLASS",
    "EVIDENCE_STATUS",
    "KIND_CLASS",
    "document_id_of",
    "document_iri",
    "entity_iri",
    "extraction_quads",
    "local_name",
    "statement_iri",
]


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


_T = {name: _n(getattr(CG, name)) for name in CG.__annotations__}
_TYPE = _n(RDF.type)
_LABEL = _n(RDFS.label)
_ALT = _n(SKOS.altLabel)
_SAME = _n(OWL.sameAs)
_DERIVED = _n(PROV.wasDerivedFrom)
_IDENT = _n(DCTERMS.identifier)
_TITLE = _n(DCTERMS.title)
_PUBLISHED = _n(SCHEMA.datePublished)
_URL = _n(SCHEMA.url)
_INT = _n(XSD.integer)
_DOUBLE = _n(XSD.double)
_DATE = _n(XSD.date)

KIND_CLASS = {
    Kind.ACCUSATION: _T["Accusation"],
    Kind.DENIAL: _T["Denial"],
    Kind.CLAIM: _T["Claim"],
}
ACTOR_CLASS = {
    ActorType.PERSON: _T["Person"],
    ActorType.ORGANIZATION: _T["Organization"],
    ActorType.STATE: _T["State"],
    ActorType.GROUP: _T["Group"],
}
EVIDENCE_STATUS = {
    EvidenceStatus.NONE: _T["NoEvidenceProvided"],
    EvidenceStatus.PROVIDED: _T["EvidenceProvided"],
    EvidenceStatus.UNSPECIFIED: _T["EvidenceUnspecified"],
}
_TRUTHY = {Kind.ACCUSATION: _T["accuses"], Kind.DENIAL: _T["denies"], Kind.CLAIM: _T["claimsAbout"]}
_SPAN_TERMS = {
    "speaker": ("speakerText", "speakerStart", "speakerEnd"),
    "cue": ("cueText", "cueStart", "cueEnd"),
    "content": ("contentText", "contentStart", "contentEnd"),
    "target": ("targetText", "targetStart", "targetEnd"),
    "evidence": ("evidenceText", "evidenceStart", "evidenceEnd"),
}


def document_iri(doc_id: str) -> NamedNode:
    """The IRI of a document, which is also the name of its graph."""
    return NamedNode(f"{DATA}doc/{doc_id}")


def document_id_of(iri: str) -> str:
    """The id a document IRI minted by :func:`document_iri` ends with, or the IRI itself
    for one minted elsewhere.

    >>> document_id_of(document_iri("d1").value), document_id_of("http://example.org/d1")
    ('d1', 'http://example.org/d1')
    """
    return local_name(iri, "doc") or iri


def entity_iri(key: str) -> NamedNode:
    return NamedNode(f"{DATA}entity/{key}")


def statement_iri(statement_id: str) -> NamedNode:
    return NamedNode(f"{DATA}statement/{statement_id}")


def _mention_iri(statement_id: str, n: int) -> NamedNode:
    return NamedNode(f"{DATA}statement/{statement_id}/mention/{n}")


def _evidence_iri(statement_id: str) -> NamedNode:
    return NamedNode(f"{DATA}statement/{statement_id}/evidence")


def local_name(iri: str, kind: str) -> str | None:
    """The id inside an IRI minted here: ``local_name(entity_iri("x").value, "entity") == "x"``.

    >>> local_name("https://w3id.org/claimgraph/id/doc/d1", "doc")
    'd1'
    >>> local_name("http://example.org/d1", "doc") is None
    True
    """
    prefix = f"{DATA}{kind}/"
    if iri.startswith(prefix) and "/" not in iri[len(prefix) :]:
        return iri[len(prefix) :]
    return None


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_INT)


def _double(value: float) -> Literal:
    return Literal(repr(float(round(value, 4))), datatype=_DOUBLE)


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=_DATE)


class _Writer:
    """Collects the quads of one document graph."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))


def _write_entity(w: _Writer, e: Entity) -> NamedNode:
    iri = entity_iri(e.key)
    w.add(iri, _TYPE, ACTOR_CLASS[e.type])
    w.add(iri, _LABEL, Literal(e.label))
    for alias in sorted(set(e.aliases) - {e.label}):
        w.add(iri, _ALT, Literal(alias))
    if e.wikidata:
        w.add(iri, _SAME, NamedNode(f"{WD}{e.wikidata}"))
    return iri


def _write_span(w: _Writer, m_iri: NamedNode, part: str, span: Span | None, text: str) -> None:
    if span is None:
        return
    t_text, t_start, t_end = _SPAN_TERMS[part]
    w.add(m_iri, _T[t_text], Literal(span.text(text)))
    w.add(m_iri, _T[t_start], _int(span.start))
    w.add(m_iri, _T[t_end], _int(span.end))


def _write_mention(
    w: _Writer, s_id: str, n: int, m: Mention, doc: NamedNode, text: str
) -> NamedNode:
    iri = _mention_iri(s_id, n)
    w.add(iri, _TYPE, _T["Mention"])
    w.add(iri, _T["document"], doc)
    w.add(iri, _T["quote"], Literal(m.quote.text(text)))
    w.add(iri, _T["quoteStart"], _int(m.quote.start))
    w.add(iri, _T["quoteEnd"], _int(m.quote.end))
    for part in _SPAN_TERMS:
        _write_span(w, iri, part, getattr(m, part), text)
    w.add(iri, _T["extractedBy"], Literal(m.rule or "unknown"))
    w.add(iri, _T["confidence"], _double(m.confidence))
    return iri


def _write_statement(w: _Writer, s: Statement, doc: NamedNode, text: str) -> None:
    iri = statement_iri(s.id)
    speaker = entity_iri(s.speaker.key)
    w.add(iri, _TYPE, KIND_CLASS[s.kind])
    w.add(iri, _T["speaker"], speaker)
    if s.on_behalf_of is not None:
        w.add(iri, _T["onBehalfOf"], entity_iri(s.on_behalf_of.key))
    if s.target is not None:
        target = entity_iri(s.target.key)
        w.add(iri, _T["target"], target)
        w.add(speaker, _TRUTHY[s.kind], target)
    if s.content:
        w.add(iri, _T["content"], Literal(s.content))
    if s.cue:
        w.add(iri, _T["cue"], Literal(s.cue))
    w.add(iri, _T["evidenceStatus"], EVIDENCE_STATUS[s.evidence])
    if s.evidence is EvidenceStatus.PROVIDED:
        ev = _evidence_iri(s.id)
        w.add(iri, _T["evidence"], ev)
        w.add(ev, _TYPE, _T["Evidence"])
        w.add(ev, _LABEL, Literal(s.evidence_text or "evidence offered"))
    if s.refutes:
        w.add(iri, _T["refutes"], statement_iri(s.refutes))
    if s.date is not None:
        w.add(iri, _T["date"], _date(s.date))
    w.add(iri, _T["confidence"], _double(s.confidence))
    w.add(iri, _DERIVED, doc)
    for n, m in enumerate(sorted(s.mentions, key=lambda m: (m.quote, m.cue or m.quote))):
        w.add(iri, _T["mention"], _write_mention(w, s.id, n, m, doc, text))


def extraction_quads(extraction: Extraction) -> list[Quad]:
    """Every quad of one document's graph: the document, its actors and statements."""
    d = extraction.document
    doc = document_iri(d.id)
    w = _Writer(doc)
    w.add(doc, _TYPE, _T["Document"])
    w.add(doc, _IDENT, Literal(d.id))
    w.add(doc, _T["text"], Literal(d.text))
    if d.title:
        w.add(doc, _TITLE, Literal(d.title))
    if d.published:
        w.add(doc, _PUBLISHED, _date(d.published))
    if d.url:
        w.add(doc, _URL, Literal(d.url, datatype=_n(XSD.anyURI)))
    for e in extraction.entities:
        _write_entity(w, e)
    for s in extraction.statements:
        _write_statement(w, s, doc, d.text)
    return w.quads


def graph_names(extractions: Iterable[Extraction]) -> list[NamedNode]:
    return [document_iri(x.document.id) for x in extractions]
