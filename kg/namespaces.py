"""The closed vocabulary of claimgraph, in sync with ``ontology/claimgraph.ttl``.

``CG`` is an rdflib :class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``:
a term that is not listed here is an AttributeError, not a silently minted IRI. A test
checks that every term here is defined in the ontology, and every ontology term is here.

>>> str(CG.Accusation)
'https://w3id.org/claimgraph/ontology#Accusation'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["BASE", "CG", "DATA", "GRAPH", "OA", "SCHEMA", "WD"]

BASE = "https://w3id.org/claimgraph/"
DATA = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
OA = Namespace("http://www.w3.org/ns/oa#")


class CG(DefinedNamespace):
    """claimgraph ontology terms."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # Classes: actors
    Actor: URIRef  # anyone who can speak or be spoken about
    Person: URIRef
    Organization: URIRef
    State: URIRef  # a sovereign state or its government
    Group: URIRef  # an unnamed collective ("security analysts")

    # Classes: documents, statements, provenance
    Document: URIRef
    Statement: URIRef
    Accusation: URIRef
    Denial: URIRef
    Claim: URIRef
    Mention: URIRef
    Evidence: URIRef
    EvidenceStatus: URIRef

    # Named individuals of EvidenceStatus
    NoEvidenceProvided: URIRef
    EvidenceProvided: URIRef
    EvidenceUnspecified: URIRef

    # Statement properties
    speaker: URIRef
    onBehalfOf: URIRef
    target: URIRef
    content: URIRef
    cue: URIRef
    evidenceStatus: URIRef
    evidence: URIRef
    refutes: URIRef
    date: URIRef
    mention: URIRef
    confidence: URIRef

    # Mention properties (provenance: where in which document)
    document: URIRef
    quote: URIRef
    quoteStart: URIRef
    quoteEnd: URIRef
    speakerText: URIRef
    speakerStart: URIRef
    speakerEnd: URIRef
    cueText: URIRef
    cueStart: URIRef
    cueEnd: URIRef
    contentText: URIRef
    contentStart: URIRef
    contentEnd: URIRef
    targetText: URIRef
    targetStart: URIRef
    targetEnd: URIRef
    evidenceText: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    extractedBy: URIRef

    # Document properties
    text: URIRef

    # Direct ("truthy") edges between actors, beside the full statements
    accuses: URIRef
    denies: URIRef
    claimsAbout: URIRef
