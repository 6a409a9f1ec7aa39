"""The RDF mapping: deterministic IRIs, one graph per document, truthy edges."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.namespaces import CG
from kg.rdf import document_iri, entity_iri, extraction_quads, local_name, statement_iri
from tests.factories import dam_article


def _objects(quads, s, p):
    return {q.object for q in quads if q.subject == s and q.predicate == NamedNode(str(p))}


def test_quads_are_deterministic_and_in_the_document_graph() -> None:
    a, b = extraction_quads(dam_article()), extraction_quads(dam_article())
    assert a == b
    assert {q.graph_name for q in a} == {document_iri("dam")}
    assert len(set(a)) == len(a)


def test_statement_carries_speaker_target_evidence_and_provenance() -> None:
    x = dam_article()
    quads = extraction_quads(x)
    acc = statement_iri(x.statements[0].id)
    assert _objects(quads, acc, CG.speaker) == {entity_iri("norland")}
    assert _objects(quads, acc, CG.target) == {entity_iri("sudmark")}
    assert _objects(quads, acc, CG.evidenceStatus) == {NamedNode(str(CG.NoEvidenceProvided))}
    [m] = _objects(quads, acc, CG.mention)
    assert _objects(quads, m, CG.document) == {document_iri("dam")}
    [start] = _objects(quads, m, CG.cueStart)
    [text] = _objects(quads, m, CG.cueText)
    assert x.document.text[int(start.value) :].startswith(text.value)


def test_truthy_edges_beside_statements() -> None:
    quads = extraction_quads(dam_article())
    assert _objects(quads, entity_iri("norland"), CG.accuses) == {entity_iri("sudmark")}
    assert _objects(quads, entity_iri("piet-vos"), CG.denies) == {entity_iri("norland")}


def test_denial_refutes_the_accusation() -> None:
    x = dam_article()
    quads = extraction_quads(x)
    assert _objects(quads, statement_iri(x.statements[1].id), CG.refutes) == {
        statement_iri(x.statements[0].id)
    }


def test_local_name_inverts_minted_iris() -> None:
    assert local_name(entity_iri("piet-vos").value, "entity") == "piet-vos"
    assert local_name(statement_iri("s1").value, "entity") is None
