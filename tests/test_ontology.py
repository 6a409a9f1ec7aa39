"""The ontology (ontology/claimgraph.ttl) and the SHACL shapes (ontology/shapes.ttl).

The vocabulary in ``kg.namespaces.CG`` and the ontology must list the same terms, each
documented; the shapes must accept a well-formed document graph and reject each kind of
broken one with the right ``sh:resultPath``. No network, no spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from kg.namespaces import BASE, CG, DATA, SCHEMA, WD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_PATH = ROOT / "ontology" / "claimgraph.ttl"
SHAPES_PATH = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/claimgraph/ontology")
CG_NS = BASE + "ontology#"
CGSH = Namespace("https://w3id.org/claimgraph/shapes#")

TERM_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.NamedIndividual,
    OWL.AnnotationProperty,
}
ACTOR_CLASSES = {CG.Person, CG.Organization, CG.State, CG.Group}
STATEMENT_CLASSES = {CG.Accusation, CG.Denial, CG.Claim}
EVIDENCE_STATUSES = {CG.NoEvidenceProvided, CG.EvidenceProvided, CG.EvidenceUnspecified}


def validate(data: Graph, shapes: Graph, ontology: Graph | None = None) -> tuple[bool, Graph, str]:
    """Validate ``data`` against the claimgraph shapes: ``(conforms, report graph, text)``.

    The shapes do not rely on subclass reasoning, so ``ontology`` is optional; when given
    it is mixed into (a copy of) the data graph. No inference is run.
    """
    conforms, report, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), report, str(text)


def validate_dataset(
    data: Dataset, shapes: Graph, ontology: Graph | None = None
) -> dict[Node, tuple[bool, Graph, str]]:
    """Validate each named graph of ``data`` on its own: ``{graph name: validate(...)}``.

    Each document's graph must conform by itself. (Handing an rdflib ``Dataset`` to
    pyshacl directly trips a DeprecationWarning inside rdflib 7.6, an error under
    ``filterwarnings = error``; copying each graph into a plain ``Graph`` does not.)
    """
    reports = {}
    for named in data.graphs():
        if named.identifier == data.default_graph.identifier:
            continue
        plain = Graph()
        for triple in named:
            plain.add(triple)
        reports[named.identifier] = validate(plain, shapes, ontology)
    return reports


def violations(report: Graph) -> set[tuple[Node | None, Node | None, Node | None]]:
    """``(sh:resultPath, sh:sourceConstraintComponent, sh:sourceShape)`` of each result.

    A result path that is not an IRI (a path expression) is given as ``None``.
    """
    found = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        found.add(
            (
                path if isinstance(path, URIRef) else None,
                report.value(r, SH.sourceConstraintComponent),
                report.value(r, SH.sourceShape),
            )
        )
    return found


def has_violation(
    report: Graph, path: URIRef | None, component: URIRef, shape: URIRef | None = None
) -> bool:
    """Whether ``report`` has a result with this path and component (and shape, if given)."""
    return any(
        p == path and c == component and (shape is None or s == shape)
        for p, c, s in violations(report)
    )


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def cg_terms() -> list[str]:
    return [name for name in CG.__annotations__ if not name.startswith("_")]


# ---------------------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------------------


def test_ontology_is_owl(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://opensource.org/licenses/MIT"
    )
    for p in (DCTERMS.title, DCTERMS.description):
        assert ontology.value(ONTOLOGY_IRI, p) is not None, p


def test_every_namespace_term_is_defined(ontology: Graph) -> None:
    missing = [
        name
        for name in cg_terms()
        if not set(ontology.objects(URIRef(CG_NS + name), RDF.type)) & TERM_TYPES
    ]
    assert missing == []


def test_every_ontology_term_is_in_the_namespace(ontology: Graph) -> None:
    listed = set(cg_terms())
    defined = {str(s)[len(CG_NS) :] for s in ontology.subjects() if str(s).startswith(CG_NS)}
    assert defined - listed == set()
    assert defined == listed


@pytest.mark.parametrize("name", cg_terms())
def test_every_term_is_documented_in_english(ontology: Graph, name: str) -> None:
    term = URIRef(CG_NS + name)
    for p in (RDFS.label, RDFS.comment):
        english = [o for o in ontology.objects(term, p) if getattr(o, "language", None) == "en"]
        assert len(english) == 1, (name, p)


def test_term_kinds(ontology: Graph) -> None:
    def kinds(t: URIRef) -> set[Node]:
        return set(ontology.objects(t, RDF.type))

    for c in ACTOR_CLASSES | STATEMENT_CLASSES | {CG.Actor, CG.Statement, CG.Mention}:
        assert OWL.Class in kinds(c), c
    for i in EVIDENCE_STATUSES:
        assert {OWL.NamedIndividual, CG.EvidenceStatus} <= kinds(i), i
    for p in (CG.speaker, CG.target, CG.refutes, CG.accuses, CG.denies, CG.claimsAbout):
        assert OWL.ObjectProperty in kinds(p), p
    assert OWL.FunctionalProperty in kinds(CG.evidenceStatus)
    for name in cg_terms():
        if name.endswith(("Start", "End")):
            assert ontology.value(URIRef(CG_NS + name), RDFS.range) == XSD.integer, name
    assert ontology.value(CG.confidence, RDFS.range) == XSD.double
    assert ontology.value(CG.date, RDFS.range) == XSD.date


def test_alignments(ontology: Graph) -> None:
    assert (CG.Actor, RDFS.subClassOf, PROV.Agent) in ontology
    assert (CG.State, RDFS.subClassOf, CG.Organization) in ontology
    assert (CG.State, SKOS.closeMatch, WD.Q6256) in ontology
    assert (CG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert (CG.document, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology
    for a in STATEMENT_CLASSES:
        assert (a, RDFS.subClassOf, CG.Statement) in ontology
        for b in STATEMENT_CLASSES - {a}:
            assert (a, OWL.disjointWith, b) in ontology or (b, OWL.disjointWith, a) in ontology


def test_evidence_status_is_closed(ontology: Graph) -> None:
    (one_of,) = [
        ontology.value(c, OWL.oneOf)
        for c in ontology.objects(CG.EvidenceStatus, OWL.equivalentClass)
    ]
    assert one_of is not None
    assert set(Collection(ontology, one_of)) == EVIDENCE_STATUSES


@pytest.mark.parametrize(
    ("cls", "notations"),
    [
        (CG.Accusation, {"CAMEO:112", "PLOVER:ACCUSE"}),
        (CG.Denial, {"CAMEO:016", "PLOVER:REJECT"}),
        (CG.Claim, {"CAMEO:010"}),
    ],
)
def test_cameo_and_plover_notations(ontology: Graph, cls: URIRef, notations: set[str]) -> None:
    assert {str(n) for n in ontology.objects(cls, SKOS.notation)} == notations
    see_also = {str(o) for o in ontology.objects(cls, RDFS.seeAlso)}
    assert any("CAMEO" in s for s in see_also)


# ---------------------------------------------------------------------------------------
# The shapes
# ---------------------------------------------------------------------------------------

TEXT = (
    "Russia accused the United States of staging the drone attack, "
    "without providing evidence. Washington denied the charge."
)


def _span(text: str, part: str, after: int = 0) -> tuple[str, int, int]:
    start = text.index(part, after)
    return part, start, start + len(part)


def _add_mention(
    g: Graph, m: URIRef, doc: URIRef, quote: str, parts: dict[str, str], rule: str
) -> None:
    _, q_start, q_end = _span(TEXT, quote)
    g.add((m, RDF.type, CG.Mention))
    g.add((m, CG.document, doc))
    g.add((m, CG.quote, Literal(quote)))
    g.add((m, CG.quoteStart, Literal(q_start)))
    g.add((m, CG.quoteEnd, Literal(q_end)))
    for part, words in parts.items():
        text, start, end = _span(TEXT, words, q_start)
        g.add((m, CG[part + "Text"], Literal(text)))
        g.add((m, CG[part + "Start"], Literal(start)))
        g.add((m, CG[part + "End"], Literal(end)))
    g.add((m, CG.extractedBy, Literal(rule)))
    g.add((m, CG.confidence, Literal(0.9, datatype=XSD.double)))


def well_formed_graph(doc_id: str = "d1") -> Graph:
    """One document graph as kg.rdf writes it: an accusation, and a denial refuting it."""
    g = Graph()
    doc = DATA["doc/" + doc_id]
    g.add((doc, RDF.type, CG.Document))
    g.add((doc, DCTERMS.identifier, Literal(doc_id)))
    g.add((doc, CG.text, Literal(TEXT)))
    g.add((doc, DCTERMS.title, Literal("Drone attack")))
    g.add((doc, SCHEMA.datePublished, Literal("2023-05-04", datatype=XSD.date)))
    g.add((doc, SCHEMA.url, URIRef("https://example.org/news/1")))

    ru, us = DATA["entity/russia"], DATA["entity/united-states"]
    for e, label, alias, qid in (
        (ru, "Russia", "Moscow", "Q159"),
        (us, "United States", "Washington", "Q30"),
    ):
        g.add((e, RDF.type, CG.State))
        g.add((e, RDFS.label, Literal(label)))
        g.add((e, SKOS.altLabel, Literal(alias)))
        g.add((e, OWL.sameAs, WD[qid]))

    acc, den = DATA["statement/a1"], DATA["statement/d1"]
    ev = DATA["statement/d1/evidence"]
    for s, kind, speaker, target, truthy in (
        (acc, CG.Accusation, ru, us, CG.accuses),
        (den, CG.Denial, us, ru, CG.denies),
    ):
        g.add((s, RDF.type, kind))
        g.add((s, CG.speaker, speaker))
        g.add((s, CG.target, target))
        g.add((s, CG.date, Literal("2023-05-04", datatype=XSD.date)))
        g.add((s, CG.confidence, Literal(0.9, datatype=XSD.double)))
        g.add((s, PROV.wasDerivedFrom, doc))
        g.add((speaker, truthy, target))
    g.add((acc, CG.content, Literal("staging the drone attack")))
    g.add((acc, CG.cue, Literal("accused")))
    g.add((acc, CG.evidenceStatus, CG.NoEvidenceProvided))
    g.add((den, CG.evidenceStatus, CG.EvidenceProvided))
    g.add((den, CG.refutes, acc))
    g.add((den, CG.onBehalfOf, us))
    g.add((ev, RDF.type, CG.Evidence))
    g.add((ev, RDFS.label, Literal("video footage")))
    g.add((den, CG.evidence, ev))

    m1, m2 = DATA["statement/a1/mention/0"], DATA["statement/d1/mention/0"]
    g.add((acc, CG.mention, m1))
    g.add((den, CG.mention, m2))
    _add_mention(
        g,
        m1,
        doc,
        "Russia accused the United States of staging the drone attack, without providing evidence.",
        {
            "speaker": "Russia",
            "cue": "accused",
            "target": "United States",
            "content": "staging the drone attack",
            "evidence": "without providing evidence",
        },
        "accuse-verb",
    )
    _add_mention(
        g,
        m2,
        doc,
        "Washington denied the charge.",
        {"speaker": "Washington", "cue": "denied"},
        "deny-verb",
    )
    return g


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    # pyshacl checks the shapes graph against the SHACL-for-SHACL shapes first.
    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


@pytest.mark.parametrize("with_ontology", [True, False], ids=["ont", "no-ont"])
def test_well_formed_graph_conforms(shapes: Graph, ontology: Graph, with_ontology: bool) -> None:
    conforms, _, text = validate(well_formed_graph(), shapes, ontology if with_ontology else None)
    assert conforms, text


def test_each_graph_of_a_dataset_conforms(shapes: Graph, ontology: Graph) -> None:
    ds = Dataset()
    for name in ("d1", "d2"):
        named = ds.graph(DATA["doc/" + name])
        for triple in well_formed_graph(name):
            named.add(triple)
    reports = validate_dataset(ds, shapes, ontology)
    assert set(reports) == {DATA["doc/d1"], DATA["doc/d2"]}
    assert all(conforms for conforms, _, _ in reports.values())


STMT = DATA["statement/a1"]
DENIAL = DATA["statement/d1"]
MENTION = DATA["statement/a1/mention/0"]
RU = DATA["entity/russia"]
US = DATA["entity/united-states"]


def _set(s: URIRef, p: URIRef, o: Node) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.set((s, p, o))

    return change


def _remove(s: Node | None, p: URIRef | None, o: Node | None = None) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.remove((s, p, o))

    return change


def _add(s: Node, p: URIRef, o: Node) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.add((s, p, o))

    return change


MIN = SH.MinCountConstraintComponent
MAX = SH.MaxCountConstraintComponent
NODE = SH.NodeConstraintComponent
SPARQL = SH.SPARQLConstraintComponent

BROKEN = {
    "missing speaker": (_remove(STMT, CG.speaker), CG.speaker, MIN),
    "two speakers": (_add(STMT, CG.speaker, US), CG.speaker, MAX),
    "speaker not an actor": (_set(STMT, CG.speaker, DATA["statement/d1"]), CG.speaker, NODE),
    "untyped target": (_set(STMT, CG.target, DATA["entity/nobody"]), CG.target, NODE),
    "evidence status not one of three": (
        _set(STMT, CG.evidenceStatus, CG.Evidence),
        CG.evidenceStatus,
        SH.InConstraintComponent,
    ),
    "evidence given but status says none": (
        _set(DENIAL, CG.evidenceStatus, CG.NoEvidenceProvided),
        None,
        SH.OrConstraintComponent,
        CGSH.EvidenceConsistencyShape,
    ),
    "missing evidence status": (_remove(STMT, CG.evidenceStatus), CG.evidenceStatus, MIN),
    "quoteStart > quoteEnd": (
        _set(MENTION, CG.quoteStart, Literal(200)),
        CG.quoteStart,
        SH.LessThanOrEqualsConstraintComponent,
    ),
    "cueStart > cueEnd": (
        _set(MENTION, CG.cueStart, Literal(20)),
        CG.cueStart,
        SH.LessThanOrEqualsConstraintComponent,
    ),
    "negative offset": (
        _set(MENTION, CG.speakerStart, Literal(-1)),
        CG.speakerStart,
        SH.MinInclusiveConstraintComponent,
    ),
    "offset not an integer": (
        _set(MENTION, CG.quoteEnd, Literal("90")),
        CG.quoteEnd,
        SH.DatatypeConstraintComponent,
    ),
    "statement confidence 1.5": (
        _set(STMT, CG.confidence, Literal(1.5, datatype=XSD.double)),
        CG.confidence,
        SH.MaxInclusiveConstraintComponent,
    ),
    "mention confidence -0.1": (
        _set(MENTION, CG.confidence, Literal(-0.1, datatype=XSD.double)),
        CG.confidence,
        SH.MinInclusiveConstraintComponent,
    ),
    "confidence not a double": (
        _set(STMT, CG.confidence, Literal("0.9")),
        CG.confidence,
        SH.DatatypeConstraintComponent,
    ),
    "missing confidence": (_remove(STMT, CG.confidence), CG.confidence, MIN),
    "missing mention": (_remove(STMT, CG.mention), CG.mention, MIN),
    "missing source document": (_remove(STMT, PROV.wasDerivedFrom), PROV.wasDerivedFrom, MIN),
    "missing quote": (_remove(MENTION, CG.quote), CG.quote, MIN),
    "missing rule id": (_remove(MENTION, CG.extractedBy), CG.extractedBy, MIN),
    "mention without document": (_remove(MENTION, CG.document), CG.document, MIN),
    "entity without label": (_remove(RU, RDFS.label), RDFS.label, MIN),
    "entity with two labels": (
        _add(RU, RDFS.label, Literal("Russian Federation")),
        RDFS.label,
        MAX,
    ),
    "sameAs not Wikidata": (
        _set(RU, OWL.sameAs, URIRef("https://example.org/russia")),
        OWL.sameAs,
        SH.PatternConstraintComponent,
    ),
    "refutes a literal": (
        _set(DENIAL, CG.refutes, Literal("a1")),
        CG.refutes,
        SH.NodeKindConstraintComponent,
    ),
    "date not xsd:date": (
        _set(STMT, CG.date, Literal("4 May 2023")),
        CG.date,
        SH.DatatypeConstraintComponent,
    ),
    "document without text": (_remove(DATA["doc/d1"], CG.text), CG.text, MIN),
    "evidence without label": (_remove(DATA["statement/d1/evidence"], RDFS.label), RDFS.label, MIN),
    "quote is not the text at its offsets": (
        _set(MENTION, CG.quote, Literal("Russia said nothing.")),
        CG.quote,
        SPARQL,
    ),
    "span text is not the text at its offsets": (
        _set(MENTION, CG.targetText, Literal("Washington")),
        CG.targetText,
        SPARQL,
    ),
    "span without its end": (
        _remove(MENTION, CG.cueEnd),
        None,
        SH.OrConstraintComponent,
        CGSH.CueSpanShape,
    ),
    "mention in another document": (
        _set(MENTION, CG.document, DATA["doc/d2"]),
        None,
        SH.EqualsConstraintComponent,
    ),
    "direct edge without a statement": (_add(RU, CG.claimsAbout, US), CG.claimsAbout, SPARQL),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_graph_fails(shapes: Graph, ontology: Graph, case: str) -> None:
    change, path, component, *shape = BROKEN[case]
    g = well_formed_graph()
    change(g)
    conforms, report, text = validate(g, shapes, ontology)
    assert not conforms
    assert has_violation(report, path, component, *shape), text


@pytest.mark.parametrize(
    "case", ["speaker not an actor", "untyped target", "evidence status not one of three"]
)
def test_broken_graph_fails_without_the_ontology(shapes: Graph, case: str) -> None:
    # The shapes never need rdfs:subClassOf from the ontology: same answer without it.
    change, path, component, *shape = BROKEN[case]
    g = well_formed_graph()
    change(g)
    conforms, report, text = validate(g, shapes)
    assert not conforms
    assert has_violation(report, path, component, *shape), text


def test_refutes_only_on_a_denial(shapes: Graph) -> None:
    g = well_formed_graph()
    g.add((STMT, CG.refutes, DENIAL))
    conforms, report, _ = validate(g, shapes)
    assert not conforms
    focus = {report.value(r, SH.focusNode) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert focus == {STMT}


def test_refuted_statement_may_live_in_another_graph(shapes: Graph) -> None:
    g = well_formed_graph()
    g.set((DENIAL, CG.refutes, DATA["statement/elsewhere"]))
    conforms, _, text = validate(g, shapes)
    assert conforms, text


def test_bare_statement_class_fails(shapes: Graph) -> None:
    g = well_formed_graph()
    g.remove((STMT, RDF.type, CG.Accusation))
    g.add((STMT, RDF.type, CG.Statement))
    conforms, _, _ = validate(g, shapes)
    assert not conforms


def test_blank_node_statement_fails(shapes: Graph) -> None:
    g = well_formed_graph()
    b = BNode()
    for p, o in list(g.predicate_objects(STMT)):
        g.add((b, p, o))
    g.remove((STMT, None, None))
    g.remove((DENIAL, CG.refutes, None))
    conforms, report, _ = validate(g, shapes)
    assert not conforms
    assert has_violation(report, None, SH.NodeKindConstraintComponent, CGSH.StatementShape)
