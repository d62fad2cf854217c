"""The SHACL shapes in ontology/shapes.ttl: the seed conforms, each kind of breakage is caught."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.cli import main
from kg.present.validate import load_shapes, store_graph, validate_graph
from kg.present.validate import short as validate_short
from kg.store.embedded import KGStore

KG = Namespace("https://w3id.org/newskg/ontology#")
KGR = Namespace("https://w3id.org/newskg/resource/")
SH = Namespace("http://www.w3.org/ns/shacl#")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_graph(seed_store) -> Graph:
    with KGStore(seed_store, create=False) as store:
        return store_graph(store)


def test_validate_command_has_help_with_example():
    result = run("validate", "--help")
    assert result.exit_code == 0 and "Example:" in result.output and "kg validate" in result.output


@pytest.mark.model
def test_validate_seed_conforms(seed_store):
    result = run("validate", "--store", seed_store)
    assert result.exit_code == 0, result.output
    n = int(result.stdout.removeprefix("conforms: ").split()[0])
    assert result.stdout == f"conforms: {n} nodes checked\n" and n > 100


def test_validate_every_shape_says_what_is_wrong():
    shapes = load_shapes()
    constraints = list(shapes.subjects(SH.path, None)) + list(shapes.objects(None, SH.sparql))
    assert len(constraints) >= 20
    assert all(shapes.value(c, SH.message) for c in constraints)


def _first(g: Graph, cls) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _record_of(g: Graph, s, p) -> URIRef:
    return next(r for r in g.subjects(RDF.subject, s) if (r, RDF.predicate, p) in g)


STRIKE_ARGS = (KG.attacker, KG.location, KG.target)


def _no_attacker_place_or_target(g):
    s = _first(g, KG.Strike)
    for p in STRIKE_ARGS:
        g.remove((s, p, None))


def _attacker_as_text(g):
    g.add((_first(g, KG.Strike), KG.attacker, Literal("Israel")))


def _negative_fatalities(g):
    s = _first(g, KG.Strike)
    g.add((s, KG.fatalities, Literal(-3)))


def _text_munitions(g):
    g.add((_first(g, KG.Strike), KG.munitionCount, Literal("dozens")))


def _unbacked_fact(g):
    g.add((KGR.Israel, KG.killed, KGR.Amos_Hochstein))


def _unbacked_type(g):
    g.add((KGR.Nobody, RDF.type, KG.Actor))
    g.add((KGR.Nobody, RDFS.label, Literal("Nobody")))


def _two_labels(g):
    g.add((KGR.Israel, RDFS.label, Literal("State of Israel")))


def _no_label(g):
    g.remove((KGR.Israel, RDFS.label, None))


def _impossible_date(g):
    s = _first(g, KG.Strike)
    g.add((s, KG.date, Literal("2024-02-30", datatype=XSD.date)))


def _string_date(g):
    s = _first(g, KG.Strike)
    g.add((s, KG.startDate, Literal("2024-11-23")))


def _confidence_too_high(g):
    g.set((_first(g, RDF.Statement), KG.confidence, Literal("1.5", datatype=XSD.decimal)))


def _start_after_end(g):
    g.set((_first(g, RDF.Statement), KG.charStart, Literal(10**9)))


def _float_offset(g):
    g.set((_first(g, RDF.Statement), KG.charEnd, Literal(12.5)))


def _no_article(g):
    g.remove((_first(g, RDF.Statement), PROV.wasDerivedFrom, None))


def _no_rule(g):
    g.remove((_first(g, RDF.Statement), KG.rule, None))


def _no_evidence(g):
    g.remove((_first(g, RDF.Statement), KG.evidence, None))


def _no_speaker(g):
    g.remove((_first(g, KG.Statement), KG.speaker, None))


def _no_quote(g):
    g.remove((_first(g, KG.Statement), KG.quote, None))


def _no_number(g):
    g.remove((_first(g, KG.Resolution), KG.number, None))


BREAKS = [
    ("strike-without-attacker-place-or-target", _no_attacker_place_or_target, "", "at least one of kg:attacker"),
    ("attacker-as-text", _attacker_as_text, "kg:attacker", "kg:attacker is a node"),
    ("negative-fatalities", _negative_fatalities, "kg:fatalities", "non-negative xsd:integer"),
    ("munitions-as-text", _text_munitions, "kg:munitionCount", "non-negative xsd:integer"),
    ("fact-without-record", _unbacked_fact, "kg:killed", "no rdf:Statement provenance record"),
    ("type-without-record", _unbacked_type, "rdf:type", "no rdf:Statement provenance record"),
    ("two-labels", _two_labels, "rdfs:label", "exactly one rdfs:label"),
    ("no-label", _no_label, "rdfs:label", "exactly one rdfs:label"),
    ("impossible-date", _impossible_date, "kg:date", "valid xsd:date"),
    ("date-as-string", _string_date, "kg:startDate", "valid xsd:date"),
    ("confidence-above-1", _confidence_too_high, "kg:confidence", "between 0 and 1"),
    ("start-after-end", _start_after_end, "kg:charStart", "<= its kg:charEnd"),
    ("offset-not-integer", _float_offset, "kg:charEnd", "an xsd:integer"),
    ("record-without-article", _no_article, "prov:wasDerivedFrom", "kg:Article"),
    ("record-without-rule", _no_rule, "kg:rule", "kg:rule"),
    ("record-without-evidence", _no_evidence, "kg:evidence", "kg:evidence"),
    ("statement-without-speaker", _no_speaker, "kg:speaker", "kg:speaker"),
    ("statement-without-quote", _no_quote, "kg:quote", "kg:quote"),
    ("resolution-without-number", _no_number, "kg:number", "kg:number"),
]


@pytest.mark.model
@pytest.mark.parametrize("brk, path, message", [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_validate_catches(seed_graph, brk, path, message):
    g = Graph()
    for t in seed_graph:
        g.add(t)
    brk(g)
    report = validate_graph(g)
    assert not report.conforms
    assert any(v.path == path and message in v.message for v in report.violations), report.violations


@pytest.mark.model
@pytest.mark.parametrize("keep", STRIKE_ARGS, ids=["attacker-only", "location-only", "target-only"])
def test_validate_strike_needs_one_of_attacker_place_target(seed_graph, keep):
    """An attack by an unnamed hand conforms when it says where it hit or what it was aimed at."""
    g = Graph()
    for t in seed_graph:
        g.add(t)
    s = _first(g, KG.Strike)
    for p in STRIKE_ARGS:
        if p != keep:
            g.remove((s, p, None))
    g.add((s, keep, KGR.Somewhere))
    report = validate_graph(g)
    strike = [v for v in report.violations if v.focus == validate_short(s)]
    assert not [v for v in strike if "at least one of" in v.message], strike


@pytest.mark.model
def test_validate_broken_store_prints_violations_and_exits_1(seed_store, tmp_path):
    store = shutil.copytree(seed_store, tmp_path / "store")
    update = (
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s a kg:Strike ; ?p ?o } "
        "VALUES ?p { kg:attacker kg:location kg:target } } ;\n"
        "INSERT DATA { GRAPH kgr:article_x { kgr:Israel kg:killed kgr:Amos_Hochstein } }"
    )
    assert run("query", update, "--store", store, "--update").exit_code == 0
    result = run("validate", "--store", store)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "kgr:Israel  kg:killed  this fact has no rdf:Statement provenance record" in "\n".join(lines)
    strikes = [
        line for line in lines if "  -  a Strike has at least one of kg:attacker, kg:location, kg:target" in line
    ]
    assert strikes and all(line.startswith("kgr:Strike_") for line in strikes)
    assert result.stderr.startswith(f"Error: [KG800] {store.as_posix()}: {len(lines)} violations of shapes.ttl")
    assert result.stderr.count("\n") == 1


@pytest.mark.model
@pytest.mark.parametrize("brk", [b[1] for b in BREAKS] + [None], ids=[b[0] for b in BREAKS] + ["seed"])
def test_validate_sparql_checks_find_what_pyshacl_finds(seed_graph, brk, tmp_path):
    """Issue 16: the shapes run as SPARQL on the store (fast at 1 M triples) agree with pyshacl."""
    from kg.present.validate import validate_store, validate_with_pyshacl
    from kg.store.embedded import KGStore

    g = Graph()
    for t in seed_graph:
        g.add(t)
    if brk is not None:
        brk(g)
    with KGStore(tmp_path / "s") as store:
        data = g.serialize(format="nt", encoding="utf-8")
        store.oxigraph.load(
            data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://w3id.org/newskg/resource/article_x")
        )
        store.oxigraph.load(data, format=ox.RdfFormat.N_TRIPLES)  # and the merged graph, as a build keeps it
        seen: list[tuple[int, int]] = []
        ours = validate_store(store, progress=lambda done, total: seen.append((done, total)))
        reference = validate_with_pyshacl(store)
    assert ours.conforms == reference.conforms and ours.nodes == reference.nodes
    key = lambda v: (v.focus, v.path, v.message, v.value)  # noqa: E731 (pyshacl names property shapes by blank node)
    assert sorted(map(key, ours.violations)) == sorted(map(key, reference.violations))
    assert seen and seen[-1][0] == seen[-1][1] >= 20  # progress after every constraint
