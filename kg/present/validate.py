"""Check a graph against the contract: the SHACL shapes in ``ontology/shapes.ttl``.

pyshacl runs the shapes (with SHACL-AF, for the SPARQL target of the
"every fact has a provenance record" shape) over the union of the article graphs.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from kg.errors import OntologyError, one_line
from kg.rdf import ontology_file
from kg.rdf.prefixes import shorten
from kg.store.base import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


class Violation(NamedTuple):
    """One broken constraint: the node, the property, what is wrong, the offending value."""

    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}  {self.path or '-'}  {self.message}{value}"


class Report(NamedTuple):
    """What validation found."""

    conforms: bool
    nodes: int  # distinct subjects checked
    violations: list[Violation]


def shapes_path() -> Path:
    """Where the shapes are: the repository's ``ontology/`` or the installed package's."""
    return ontology_file("shapes.ttl")


@cache
def load_shapes() -> Graph:
    """The SHACL shapes graph (parsed once).

    Raises:
        OntologyError: the shapes file is missing or not valid Turtle.
    """
    path = shapes_path()
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"{path.as_posix()}: shapes file missing; reinstall newskg") from None
    except Exception as e:  # rdflib raises several unrelated types for bad Turtle
        raise OntologyError(f"{path.as_posix()}: shapes are not valid Turtle: {one_line(e)}") from None


def store_graph(store: Store) -> Graph:
    """The union of a store's article graphs as one rdflib Graph."""
    triples = {q.triple for q in store.quads()}
    g = Graph()
    if triples:
        # an ill-typed literal ("2024-02-30"^^xsd:date) is a violation to report, not a traceback to log
        log = logging.getLogger("rdflib.term")
        level, log.level = log.level, logging.CRITICAL
        try:
            g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        finally:
            log.setLevel(level)
    return g


def _union(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory Oxigraph store with every triple in its default graph (pyshacl runs SPARQL on it)."""
    mem = ox.Store()
    mem.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    return mem


def short(term: object) -> str:
    """A term with the project's prefixes, e.g. ``kgr:Antonio_Guterres``.

    Example:
        >>> short(URIRef("https://w3id.org/newskg/ontology#attacker"))
        'kg:attacker'
    """
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, Literal):
        text = str(term) if len(str(term)) <= 60 else str(term)[:59] + "…"
        plain = term.datatype in (None, XSD.string)
        return f'"{text}"' + ("" if plain else f"^^{short(term.datatype)}")
    return "" if term is None else str(term)


def validate_graph(data: Graph) -> Report:
    """Validate an rdflib graph against the shapes.

    Args:
        data: the graph (article graphs merged).

    Returns:
        A Report; its violations are sorted by focus node, path and message.

    Example:
        >>> validate_graph(Graph()).conforms
        True
    """
    mem = ox.Store()
    if len(data):
        mem.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return validate_sparql(mem.query)


def validate_store(store: Store, progress: Callable[[int, int], object] | None = None) -> Report:
    """Validate everything in a store, with the store's own SPARQL: its article graphs and its
    merged graph, and that the merged graph is exactly their merge (what queries and exports
    read holds nothing more, nor less).

    A fact that only the merged graph holds (written there by a raw update) is checked by the
    shapes too, so one without a provenance record is a violation.

    Args:
        progress: called with (constraints done, constraints in all) after each one.
    """
    embedded = getattr(store, "oxigraph", None)
    if not isinstance(embedded, ox.Store):
        return validate_sparql(store.query, progress)  # a server answers over the union itself
    only_merged = [
        ox.Triple(r["s"], r["p"], r["o"])
        for r in _solutions(embedded, "SELECT ?s ?p ?o WHERE { ?s ?p ?o MINUS { GRAPH ?g { ?s ?p ?o } } }")
    ]
    missing = [
        _merge_violation(
            ox.Triple(r["s"], r["p"], r["o"]), f"in {shorten(r['g'].value)} but missing from the merged graph"
        )
        for r in _solutions(embedded, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } MINUS { ?s ?p ?o } }")
    ]
    report = validate_sparql(_union_query(embedded, only_merged), progress)
    extra = [
        _merge_violation(t, "in the merged graph but in no article graph (written by an update?)") for t in only_merged
    ]
    if not extra and not missing:
        return report
    return Report(False, report.nodes, sorted(report.violations + extra + missing))


def _solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)  # a SELECT
    return result


def _merge_violation(t: ox.Triple, message: str) -> Violation:
    """A triple where the merged graph and the article graphs disagree."""
    from kg.present.shapes_sparql import short_term

    return Violation(short_term(t.subject), short_term(t.predicate), message, short_term(t.object), "merged graph")


def _union_query(embedded: ox.Store, only_merged: list[ox.Triple]) -> Callable[[str], Any]:
    """A query function over the union of the article graphs (what an article says is the truth),
    plus the facts only the merged graph holds (so that the shapes see what a raw update wrote).

    The graphs are copied, in Oxigraph's own formats, into the default graph of an in-memory
    store (1 s for 66,000 triples); the merged graph itself is not copied: all but ``only_merged``
    of it is already there.
    """
    buf = io.BytesIO()
    for graph in embedded.named_graphs():
        embedded.dump(buf, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    mem = ox.Store()
    mem.bulk_load(buf.getvalue(), format=ox.RdfFormat.N_TRIPLES)
    mem.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in only_merged)
    return mem.query


def validate_sparql(run: Callable[[str], Any], progress: Callable[[int, int], object] | None = None) -> Report:
    """The shapes as SPARQL queries (:mod:`kg.present.shapes_sparql`), run by ``run``; pyshacl's results."""
    from kg.present.shapes_sparql import compile_shapes, run_checks

    rows = run_checks(run, compile_shapes(load_shapes()), progress)
    result = run("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    count = next(iter(result))["n"]
    violations = sorted(Violation(*row) for row in rows)
    return Report(not violations, int(count.value) if count is not None else 0, violations)


def validate_with_pyshacl(store: Store) -> Report:
    """Validate with pyshacl over an in-memory copy (the reference that tests hold the SPARQL checks to)."""
    return _validate(_union(store.quads()))


def _validate(mem: ox.Store) -> Report:
    # pyshacl evaluates the SPARQL-based shape with Oxigraph when handed a pyoxigraph
    # Store: ten times faster than over an rdflib Graph
    from pyshacl import validate

    conforms, results, _ = validate(
        mem,  # type: ignore[arg-type]  # pyshacl takes a pyoxigraph Store too; its hints do not say so
        shacl_graph=load_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        violations.add(
            Violation(
                focus=short(results.value(r, SH.focusNode)),
                path=short(results.value(r, SH.resultPath)),
                message=one_line(results.value(r, SH.resultMessage) or "constraint broken"),
                value=short(results.value(r, SH.value)),
                shape=short(results.value(r, SH.sourceShape)),
            )
        )
    result = mem.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QuerySolutions)
    count = next(iter(result))["n"]
    nodes = int(count.value) if count is not None else 0
    return Report(bool(conforms), nodes, sorted(violations))
