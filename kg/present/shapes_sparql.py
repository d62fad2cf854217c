"""The SHACL shapes as SPARQL queries, run by the store's own engine.

pyshacl walks every focus node in Python: 17 s for 130,000 quads, and past
600 s for a million. The shapes in ``ontology/shapes.ttl`` use a small part of
SHACL (class and subjects-of targets, a SPARQL target, simple property paths,
min/max count, datatype, node kind, min/max inclusive, lessThanOrEquals, class,
a SPARQL constraint), and each constraint is one SELECT that finds the nodes
breaking it. The store answers each in one pass over its indexes, so the time
grows with the store, not with Python's work per node. A shape that uses
anything else raises :class:`~kg.errors.OntologyError`, so that no constraint is
silently left out; tests check that this gives what pyshacl gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.errors import OntologyError, one_line
from kg.rdf.prefixes import shorten

SH = Namespace("http://www.w3.org/ns/shacl#")
_MISSING = "\u0000"  # what a failed cast turns into: no lexical form has it
_KNOWN = {SH.path, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.minInclusive}
_KNOWN |= {SH.maxInclusive, SH.lessThanOrEquals, SH["class"], RDF.type}
_NODE_KNOWN = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.target, SH.property, SH.sparql}


@dataclass(frozen=True)
class Check:
    """One constraint as a query: rows ``?this`` (``?value``, ``?path``) that break it."""

    shape: str
    path: str  # the property, shortened; "" for a SPARQL constraint (its rows name it)
    message: str
    query: str
    #: for a SPARQL constraint, the query of its focus nodes: rows of other nodes are dropped.
    #: Joined in Python, not in the query: Oxigraph evaluated the join six times slower
    target: str = ""


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise OntologyError(f"shapes: {term!r} cannot stand in a query; use an IRI or a literal")


def _prefixes(shapes: Graph, owner: Node) -> str:
    """PREFIX lines of the ``sh:declare`` entries that ``owner``'s ``sh:prefixes`` points to."""
    out = []
    for ontology in shapes.objects(owner, SH.prefixes):
        for decl in shapes.objects(ontology, SH.declare):
            out.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(out)


def _target(shapes: Graph, shape: Node) -> str:
    """A group pattern that binds ``?this`` to each focus node of a node shape, once."""
    parts = [f"{{ ?this a {_n3(c)} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ ?this {_n3(p)} ?_t }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    for target in shapes.objects(shape, SH.target):
        select = str(shapes.value(target, SH.select))
        parts.append("{ " + select.strip() + " }")
    if not parts:
        raise OntologyError(f"shapes: {shorten(str(shape))} has no target that kg validate knows")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _property_checks(target: str, p: str, shapes: Graph, prop: Node) -> Iterator[str]:
    """The queries (without prologue) of one property shape's constraints."""
    value = f"?this {p} ?value ."
    rows = f"SELECT ?this ?value WHERE {{ {target} {value}"
    if (n := shapes.value(prop, SH.minCount)) is not None:
        yield (
            f"SELECT ?this WHERE {{ {target} OPTIONAL {{ {value} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(str(n))})"
        )
    if (n := shapes.value(prop, SH.maxCount)) is not None:
        yield (
            f"SELECT ?this WHERE {{ {target} {value} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(str(n))})"
        )
    if (dt := shapes.value(prop, SH.datatype)) is not None:
        cast = "" if dt == XSD.string else f' || COALESCE(STR({_n3(dt)}(STR(?value))), "{_MISSING}") = "{_MISSING}"'
        yield f"{rows} FILTER (!isLiteral(?value) || DATATYPE(?value) != {_n3(dt)}{cast}) }}"
    if (kind := shapes.value(prop, SH.nodeKind)) is not None:
        test = {str(SH.IRI): "isIRI", str(SH.Literal): "isLiteral", str(SH.BlankNode): "isBlank"}[str(kind)]
        yield f"{rows} FILTER (!{test}(?value)) }}"
    for term, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
        if (bound := shapes.value(prop, term)) is not None:
            yield f"{rows} FILTER (!COALESCE(?value {op} {_n3(bound)}, false)) }}"
    if (other := shapes.value(prop, SH.lessThanOrEquals)) is not None:
        yield f"{rows} ?this {_n3(other)} ?_o . FILTER (!COALESCE(?value <= ?_o, false)) }}"
    if (cls := shapes.value(prop, SH["class"])) is not None:
        yield f"{rows} FILTER NOT EXISTS {{ ?value a {_n3(cls)} }} }}"


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*(\{[^{}]*\})", re.I)


def _anti_join(select: str) -> str:
    """``FILTER NOT EXISTS { triples }`` as ``MINUS { triples }``, for a plain group of triple patterns.

    SHACL forbids MINUS in a constraint, because of pre-binding; here ``?this`` is
    not pre-bound but a variable of the query, and where every variable the group
    shares is bound outside it (as in shapes.ttl), both give the same rows. MINUS is a
    hash anti-join: at 1 M triples, 4 s instead of 155 s (the filter looked up every
    record of a busy subject once per fact). The tests hold the result to pyshacl's.

    Example:
        >>> _anti_join("?s ?p ?o FILTER NOT EXISTS { ?r <http://x/s> ?s }")
        '?s ?p ?o MINUS { ?r <http://x/s> ?s }'
    """
    return _NOT_EXISTS.sub(lambda m: m.group(0) if "FILTER" in m.group(1).upper() else f"MINUS {m.group(1)}", select)


def _checks_of(shapes: Graph, shape: Node) -> Iterator[Check]:
    unknown = set(shapes.predicates(shape, None)) - _NODE_KNOWN
    if unknown:
        raise OntologyError(f"shapes: {shorten(str(shape))} uses {sorted(map(str, unknown))}, which kg validate lacks")
    target, name = _target(shapes, shape), shorten(str(shape))
    prologue = _prefixes(shapes, next(shapes.objects(shape, SH.target), shape))
    for prop in shapes.objects(shape, SH.property):
        unknown = set(shapes.predicates(prop, None)) - _KNOWN
        path = shapes.value(prop, SH.path)
        if unknown or not isinstance(path, URIRef):
            raise OntologyError(f"shapes: a property of {name} uses {sorted(map(str, unknown)) or 'a complex path'}")
        message = one_line(str(shapes.value(prop, SH.message) or "constraint broken"))
        for query in _property_checks(target, _n3(path), shapes, prop):
            yield Check(name, shorten(str(path)), message, f"{prologue}\n{query}")
    for constraint in shapes.objects(shape, SH.sparql):
        select = _anti_join(str(shapes.value(constraint, SH.select)).replace("$this", "?this"))
        message = one_line(str(shapes.value(constraint, SH.message) or "constraint broken"))
        lines = "\n".join(dict.fromkeys((prologue + "\n" + _prefixes(shapes, constraint)).splitlines()))
        yield Check(name, "", message, f"{lines}\n{select}", f"{lines}\nSELECT ?this WHERE {{ {target} }}")


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every node shape, as a :class:`Check`, in a stable order.

    Raises:
        OntologyError: a shape uses SHACL that this compiler does not know.
    """
    checks: list[Check] = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        if isinstance(shape, BNode):
            raise OntologyError("shapes: a node shape without an IRI; give every node shape a name")
        checks.extend(_checks_of(shapes, shape))
    return checks


def short_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A pyoxigraph term as :func:`kg.present.validate.short` prints the rdflib one."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        text = term.value if len(term.value) <= 60 else term.value[:59] + "…"
        plain = term.language is not None or term.datatype.value == str(XSD.string)
        return f'"{text}"' + ("" if plain else f"^^{shorten(term.datatype.value)}")
    return str(term)


Row = tuple[str, str, str, str, str]  # focus, path, message, value, shape
Run = Callable[[str], ox.QuerySolutions]


def run_checks(run: Run, checks: list[Check], progress: Callable[[int, int], object] | None = None) -> set[Row]:
    """Run every check with ``run`` (a store's query function); the rows that break a constraint."""
    rows: set[Row] = set()
    targets: dict[str, set[str]] = {}
    for i, check in enumerate(checks):
        if check.target and check.target not in targets:
            targets[check.target] = {str(sol["this"]) for sol in run(check.target)}
        focus = targets.get(check.target)
        grouped = "GROUP BY ?this HAVING" in check.query  # a count: no value to show
        for sol in run(check.query):
            if focus is not None and str(sol["this"]) not in focus:
                continue
            path = check.path or short_term(sol["path"])
            value = "" if grouped else short_term(sol["value"])
            if check.target and not value and not grouped:  # SHACL-SPARQL: no ?value selected, the focus node is it
                value = short_term(sol["this"])
            rows.add((short_term(sol["this"]), path, check.message, value, check.shape))
        if progress is not None:
            progress(i + 1, len(checks))
    return rows
