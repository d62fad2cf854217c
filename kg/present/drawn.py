"""What the graph page draws: the node, edge and citation records, the classes
with their colours and shapes, and the hover text of each node and edge.

Pure data and text; :mod:`kg.present.viz` fills these records from a store and
:mod:`kg.present.page` renders them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import RDFS

from kg.rdf import ontology_file
from kg.rdf.ns import KG

_KG, _LABEL = str(KG), str(RDFS.label)
CLASSES = ("Actor", "Organization", "Place", "Resolution", "Strike", "Proposal", "Statement")
EVENTS = frozenset({"Strike", "Proposal", "Resolution", "Statement"})
COLOURS = {
    "Actor": "#e6194b",
    "Organization": "#4363d8",
    "Place": "#3cb44b",
    "Resolution": "#911eb4",
    "Strike": "#f58231",
    "Proposal": "#17becf",
    "Statement": "#b5a000",
}
# Shapes that draw the label below the node, so that size can show degree.
SHAPES = {
    "Actor": "dot",
    "Organization": "square",
    "Place": "triangle",
    "Resolution": "diamond",
    "Strike": "star",
    "Proposal": "hexagon",
    "Statement": "triangleDown",
}
MIN_SIZE, MAX_SIZE = 10.0, 40.0
BIG = 300  # nodes from which the page uses the lighter settings
LABEL_CHARS = 36  # drawn labels are cut there; the tooltip has the whole name
MAX_CITATIONS = 3  # sentences shown per tooltip; the rest are counted
# Key facts first, in this order; other properties follow alphabetically.
_FACT_ORDER = (
    "date speaker quote about attacker weapon location target fatalities munitionCount proposedBy mediatedBy "
    "party supportedBy opposedBy reviewedBy status references adoptedBy number adoptedYear demands concerns "
    "role leads affiliatedWith backedBy basedIn killed"
).split()
_HIDDEN_FACTS = {"startDate", "endDate", "dateText", "fatalitiesQualifier", "mentionedIn"}


@dataclass(frozen=True)
class Citation:
    """One sentence that a fact was read from, with its article."""

    sentence: str
    article: str  # the article's IRI
    title: str
    date: str  # the article's publication date, ISO, or ""
    confidence: float | None
    char_start: int = 0


@dataclass(frozen=True)
class VizNode:
    """An entity or event to draw."""

    id: str
    label: str
    cls: str  # the class that picks colour, shape and legend entry
    classes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (property label, value), key facts first
    evidence: tuple[Citation, ...] = ()
    degree: int = 0
    size: float = MIN_SIZE
    title: str = ""  # the hover text
    day: str = ""  # an event's day (ISO), or ""
    articles: tuple[tuple[str, str, str], ...] = ()  # (IRI, title, date) of the articles that mention it
    importance: float = 0.0  # what the overview keeps first (see kg.present.overview)


@dataclass(frozen=True)
class VizEdge:
    """A kg: link between two drawn nodes."""

    source: str
    target: str
    predicate: str  # the property IRI
    label: str  # the property's rdfs:label in ontology/kg.ttl
    evidence: tuple[Citation, ...] = ()
    title: str = ""


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, str]:
    """The ``rdfs:label`` of every term in ``ontology/kg.ttl``, by IRI.

    Example:
        >>> ontology_labels()["https://w3id.org/newskg/ontology#backedBy"]
        'backed by'
    """
    path = ontology_file("kg.ttl")
    labels: dict[str, str] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if q.predicate.value == _LABEL and isinstance(q.subject, ox.NamedNode):
            labels.setdefault(q.subject.value, q.object.value)
    return labels


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def prop_label(iri: str) -> str:
    return ontology_labels().get(iri, local_name(iri))


def key_facts(values: Mapping[str, set[str]]) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs: a date span and a hedged fatality count read as one fact."""
    props = {k: sorted(v) for k, v in values.items() if v}
    out = []
    day = ", ".join(props.get("date", []))
    if not day and "startDate" in props:
        start, end = props["startDate"][0], (props.get("endDate") or [""])[0]
        day = f"{start} to {end}" if end and end != start else start
    if day and "dateText" in props:
        day += f" ({', '.join(props['dateText'])})"
    if day:
        out.append(("date", day))
    if "fatalities" in props:
        qualifier = " ".join(props.get("fatalitiesQualifier", []))
        props["fatalities"] = [f"{qualifier} {v}".strip() for v in props["fatalities"]]
    rank = {name: i for i, name in enumerate(_FACT_ORDER)}
    for name in sorted(props, key=lambda k: (rank.get(k, len(rank)), k)):
        if name in _HIDDEN_FACTS or name == "date":
            continue
        out.append((prop_label(_KG + name), "; ".join(props[name])))
    return tuple(out)


def drawn_edge(s: str, p: str, o: str, labels: dict[str, str], cites: tuple[Citation, ...]) -> VizEdge:
    label = prop_label(p)
    head = f"{labels.get(s, local_name(s))} → {label} → {labels.get(o, local_name(o))}"
    return VizEdge(s, o, p, label, cites, title=with_evidence(head, cites))


def node_tooltip(node: VizNode) -> str:
    """The hover text of a node: name and class, key facts, then the evidence.

    Example:
        >>> print(node_tooltip(VizNode("x", "Beirut", "Place", facts=(("based in", "Lebanon"),))))
        Beirut — Place
        based in: Lebanon
    """
    classes = ", ".join(node.classes or (node.cls,))
    lines = [f"{node.label} — {classes}"]
    if node.aliases:
        lines.append("also: " + ", ".join(node.aliases))
    lines += [f"{k}: {v}" for k, v in node.facts]
    return with_evidence("\n".join(lines), node.evidence)


def with_evidence(head: str, cites: tuple[Citation, ...]) -> str:
    if not cites:
        return head
    parts = [head, "", "Evidence:"]
    for c in cites[:MAX_CITATIONS]:
        where = ", ".join(x for x in (c.title, c.date) if x) or local_name(c.article) or "unknown article"
        conf = f" · confidence {c.confidence:.2f}" if c.confidence is not None else ""
        parts.append(f"“{c.sentence}”\n    — {where}{conf}")
    if len(cites) > MAX_CITATIONS:
        parts.append(f"(+{len(cites) - MAX_CITATIONS} more sentences)")
    return "\n".join(parts)
