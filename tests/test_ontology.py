"""ontology/kg.ttl honours the graph contract, and kg/rdf/ns.py mirrors it exactly."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef

from kg.rdf.ns import KG

ROOT = Path(__file__).resolve().parents[1]
TTL = ROOT / "ontology" / "kg.ttl"
NS_PY = ROOT / "kg" / "rdf" / "ns.py"
GEN_NS = ROOT / "scripts" / "gen_ns.py"
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "ONTOLOGY.md"

KG_NS = "https://w3id.org/newskg/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")

# A copy of ONTOLOGY.md's tables, so these tests run without ../shared/.
CONTRACT_CLASSES = (
    "Actor",
    "Organization",
    "Resolution",
    "Strike",
    "Proposal",
    "Place",
    "Statement",
    "Article",
)
CONTRACT_OBJECT_PROPERTIES = (
    "affiliatedWith",
    "leads",
    "backedBy",
    "basedIn",
    "killed",
    "attacker",
    "target",
    "location",
    "proposedBy",
    "mediatedBy",
    "party",
    "reviewedBy",
    "supportedBy",
    "opposedBy",
    "references",
    "adoptedBy",
    "concerns",
    "sponsoredBy",
    "abstainedBy",
    "vetoedBy",
    "endorses",
    "speaker",
    "about",
    "mentionedIn",
)
# name -> range, as the contract states it
CONTRACT_DATATYPE_PROPERTIES = {
    "role": XSD.string,
    "weapon": XSD.string,
    "fatalities": XSD.integer,
    "fatalitiesQualifier": XSD.string,
    "munitionCount": XSD.integer,
    "status": XSD.string,
    "number": XSD.string,
    "adoptedYear": XSD.gYear,
    "demands": XSD.string,
    "votesFor": XSD.integer,
    "votesAgainst": XSD.integer,
    "abstentions": XSD.integer,
    "quote": XSD.string,
    "date": XSD.date,
    "startDate": XSD.date,
    "endDate": XSD.date,
    "dateText": XSD.string,
}
# Properties of the reified rdf:Statement provenance records.
PROVENANCE_PROPERTIES = {
    "evidence": XSD.string,
    "charStart": XSD.integer,
    "charEnd": XSD.integer,
    "confidence": XSD.decimal,
    "rule": XSD.string,
    "sentenceIndex": XSD.integer,
}
CONTRACT_PROPERTIES = CONTRACT_OBJECT_PROPERTIES + tuple(CONTRACT_DATATYPE_PROPERTIES)
ALL_PROPERTIES = CONTRACT_PROPERTIES + tuple(PROVENANCE_PROPERTIES)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(TTL, format="turtle")


def _declared_terms(graph: Graph) -> set[str]:
    return {
        str(s)[len(KG_NS) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def _contract_table_terms(text: str) -> dict[str, set[str]]:
    """Return {"class": {...}, "property": {...}}: kg: names in the first column of each table.

    A table is keyed by its header's first cell; rows such as
    ``| `kg:supportedBy` / `kg:opposedBy` | ...`` yield both names, and non-kg: names
    (``dcterms:title``) are ignored.
    """
    tables: dict[str, set[str]] = {}
    header: str | None = None
    for line in text.splitlines():
        if not line.lstrip().startswith("|"):
            header = None
            continue
        first = line.strip().strip("|").split("|")[0].strip()
        if header is None:
            header = first.lower()
            tables.setdefault(header, set())
        elif not set(first) <= set("-: "):
            tables[header].update(re.findall(r"`kg:(\w+)`", first))
    return tables


def _load_gen_ns() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_ns", GEN_NS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ontology_parses(onto: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, RDFS.label) is not None


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_ontology_declares_class(onto: Graph, name: str):
    term = KG[name]
    assert (term, RDF.type, OWL.Class) in onto, f"kg:{name} is not an owl:Class"
    assert onto.value(term, RDFS.label) is not None, f"kg:{name} has no rdfs:label"
    assert onto.value(term, RDFS.comment) is not None, f"kg:{name} has no rdfs:comment"


@pytest.mark.parametrize("name", ALL_PROPERTIES)
def test_ontology_declares_property(onto: Graph, name: str):
    term = KG[name]
    expected = OWL.ObjectProperty if name in CONTRACT_OBJECT_PROPERTIES else OWL.DatatypeProperty
    assert (term, RDF.type, expected) in onto, f"kg:{name} is not an {expected.n3()}"
    label = onto.value(term, RDFS.label)
    assert label is not None, f"kg:{name} has no rdfs:label"
    assert str(label) == str(label).lower(), f"kg:{name} label {label!r} is not lowercase"
    for annotation in (RDFS.comment, RDFS.domain, RDFS.range):
        assert onto.value(term, annotation) is not None, f"kg:{name} has no {annotation.n3()}"


@pytest.mark.parametrize(
    "name, expected_range",
    sorted({**CONTRACT_DATATYPE_PROPERTIES, **PROVENANCE_PROPERTIES}.items()),
)
def test_ontology_datatype_range(onto: Graph, name: str, expected_range: URIRef):
    assert onto.value(KG[name], RDFS.range) == expected_range


@pytest.mark.parametrize("name", sorted(PROVENANCE_PROPERTIES))
def test_ontology_provenance_domain_is_rdf_statement(onto: Graph, name: str):
    assert onto.value(KG[name], RDFS.domain) == RDF.Statement


@pytest.mark.parametrize(
    "sub, sup",
    [("leads", "affiliatedWith")],
    ids=["leads-is-affiliation"],
)
def test_ontology_subproperty(onto: Graph, sub: str, sup: str):
    assert (KG[sub], RDFS.subPropertyOf, KG[sup]) in onto


def test_ontology_declares_only_contract_and_provenance_terms(onto: Graph):
    assert _declared_terms(onto) == set(CONTRACT_CLASSES) | set(ALL_PROPERTIES)


def test_ontology_uses_only_declared_kg_terms(onto: Graph):
    # Catches typos such as kg:Organisation inside a domain, range or union list.
    declared = _declared_terms(onto)
    used = {
        str(node)[len(KG_NS) :]
        for triple in onto
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(KG_NS)
    }
    assert used - declared == set()


def test_ontology_matches_contract_document(onto: Graph):
    if not CONTRACT.is_file():
        pytest.skip(f"{CONTRACT} not found; the hard-coded contract copy is tested instead")
    tables = _contract_table_terms(CONTRACT.read_text(encoding="utf-8"))
    classes, properties = tables.get("class", set()), tables.get("property", set())
    assert classes and properties, f"{CONTRACT}: no class/property tables found"

    for name in sorted(classes):
        term = KG_NS + name
        assert (URIRef(term), RDF.type, OWL.Class) in onto, f"kg:{name} not an owl:Class"
        for annotation in (RDFS.label, RDFS.comment):
            assert onto.value(URIRef(term), annotation) is not None, f"kg:{name} lacks {annotation}"
    for name in sorted(properties):
        term = URIRef(KG_NS + name)
        kinds = set(onto.objects(term, RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, f"kg:{name} not a property"
        for annotation in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert onto.value(term, annotation) is not None, f"kg:{name} lacks {annotation}"

    # The copy above must track the contract; update it when ONTOLOGY.md grows.
    assert classes == set(CONTRACT_CLASSES)
    assert properties == set(CONTRACT_PROPERTIES)


def test_ns_mirrors_ontology(onto: Graph):
    assert set(inspect.get_annotations(KG)) == _declared_terms(onto)
    assert {str(term) for term in dir(KG)} == {KG_NS + name for name in _declared_terms(onto)}


@pytest.mark.parametrize(
    "name",
    ["someUndefinedTerm", "affiliatedwith", "Organisation"],
    ids=["undefined", "wrong-case", "british-spelling"],
)
def test_ns_unknown_term_raises(name: str):
    with pytest.raises(AttributeError):
        getattr(KG, name)


def test_ns_known_term_is_full_iri():
    assert KG.affiliatedWith == URIRef(KG_NS + "affiliatedWith")


def test_gen_ns_render_reproduces_ns_py():
    assert _load_gen_ns().render(TTL) == NS_PY.read_text(encoding="utf-8")


def test_gen_ns_main_writes_ns_py(tmp_path: Path):
    out = tmp_path / "ns.py"
    gen_ns = _load_gen_ns()
    assert gen_ns.main(["--ttl", str(TTL), "--out", str(out)]) == 0
    assert out.read_bytes() == NS_PY.read_bytes()
    assert gen_ns.main(["--ttl", str(TTL), "--out", str(out), "--check"]) == 0
