"""An interactive HTML page of the graph (pyvis), self-contained for file://.

Two steps, kept apart so that tests can assert on what is drawn:
:func:`graph_data` (here) reads the store into frozen :class:`VizNode` and
:class:`VizEdge` lists (pure: no HTML), and :func:`kg.present.page.write_page`
hands them to pyvis and writes one HTML file with every script and style inlined.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import ExportError
from kg.present.drawn import (
    CLASSES,
    EVENTS,
    MAX_SIZE,
    MIN_SIZE,
    Citation,
    VizEdge,
    VizNode,
    drawn_edge,
    key_facts,
    local_name,
    node_tooltip,
    ontology_labels,
)
from kg.rdf.ns import KG, KGR
from kg.store.base import Store

_KG, _KGR, _TYPE, _LABEL = str(KG), str(KGR), str(RDF.type), str(RDFS.label)
#: a fact (s, p, o), or (node, None, None) for a node's type and literal facts
_Key = tuple[str, str | None, str | None]

__all__ = ["CLASSES", "VizEdge", "VizNode", "graph_data", "node_tooltip", "ontology_labels", "to_networkx"]
_NODES = f"""
SELECT DISTINCT ?n ?c ?l WHERE {{
  ?n a ?c . FILTER(?c IN ({", ".join(f"<{_KG}{c}>" for c in CLASSES)}))
  OPTIONAL {{ ?n <{RDFS.label}> ?l }}
}}"""
_ALIASES = f"SELECT DISTINCT ?n ?a WHERE {{ ?n <{SKOS.altLabel}> ?a }}"
_MENTIONS = f"""
SELECT DISTINCT ?n ?art ?title ?date WHERE {{
  ?n <{KG.mentionedIn}> ?art .
  OPTIONAL {{ ?art <{DCTERMS.title}> ?title }}
  OPTIONAL {{ ?art <{DCTERMS.date}> ?date }}
}}"""
_LINKS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{_KG}") && ?p != <{KG.mentionedIn}>)
}}"""
_RECORDS = f"""
SELECT DISTINCT ?s ?p ?o ?sentence ?c ?start ?art ?title ?date WHERE {{
  ?r a <{RDF.Statement}> ; <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o ;
     <{KG.evidence}> ?sentence .
  OPTIONAL {{ ?r <{KG.confidence}> ?c }}
  OPTIONAL {{ ?r <{KG.charStart}> ?start }}
  OPTIONAL {{ ?r <{PROV.wasDerivedFrom}> ?art .
             OPTIONAL {{ ?art <{DCTERMS.title}> ?title }}
             OPTIONAL {{ ?art <{DCTERMS.date}> ?date }} }}
}}"""


def resolve_article(store: Store, article: str) -> str:
    """The named-graph IRI of an article given as its id, ``article_<id>``, ``kgr:article_<id>`` or IRI.

    Raises:
        ExportError: no article with that id is in the store.
    """
    a = article.strip().strip("<>")
    if a.startswith("kgr:"):
        a = _KGR + a[4:]
    elif not a.startswith(("http://", "https://")):
        a = _KGR + (a if a.startswith("article_") else f"article_{a}")
    graphs = store.named_graphs()
    if a not in graphs:
        known = ", ".join(local_name(g).removeprefix("article_") for g in graphs[:5]) or "none"
        raise ExportError(
            f"--article {article!r}: no such article in {store.where} (articles: {known}"
            f"{', ...' if len(graphs) > 5 else ''}); pass an id from 'kg query \"SELECT ?a {{ ?a a kg:Article }}\"'"
        )
    return a


def parse_classes(text: str | Iterable[str] | None) -> frozenset[str] | None:
    """``"Strike,actor"`` to ``{"Strike", "Actor"}``; None or empty means every class.

    Raises:
        ExportError: a name is not one of :data:`CLASSES`.

    Example:
        >>> sorted(parse_classes("strike, Actor"))
        ['Actor', 'Strike']
    """
    if not text:
        return None
    names = text.split(",") if isinstance(text, str) else list(text)
    by_lower = {c.lower(): c for c in CLASSES}
    out = set()
    for name in (n.strip() for n in names):
        if not name:
            continue
        if name.lower() not in by_lower:
            raise ExportError(f"--class {name!r}: not a class that is drawn; use some of {', '.join(CLASSES)}")
        out.add(by_lower[name.lower()])
    return frozenset(out) or None


def graph_data(
    store: Store,
    classes: Iterable[str] | str | None = None,
    article: str | None = None,
    max_nodes: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[VizNode], list[VizEdge]]:
    """The nodes (entities and events) and edges (kg: links between them) to draw.

    Args:
        store: the store to read.
        classes: draw only nodes of these classes (e.g. ``"Strike,Actor"``), and the links between them.
        article: draw only what this article says (an id or IRI; see :func:`resolve_article`).
        max_nodes: keep this many nodes, the most important (see :func:`kg.present.overview.overview`).
        since: keep events of this day (ISO) or later, and entities mentioned in an article of then or later.
        until: the same, this day or earlier.

    Returns:
        Nodes sorted by id and edges sorted by (source, predicate, target), each
        with its hover text, evidence and (nodes) degree and size.

    Raises:
        ExportError: an unknown class or article, or ``max_nodes`` < 1.

    Example:
        >>> import tempfile
        >>> from kg.store import KGStore
        >>> with KGStore(tempfile.mkdtemp() + "/s") as st:
        ...     graph_data(st)
        ([], [])
    """
    wanted = parse_classes(classes)
    if max_nodes is not None and max_nodes < 1:
        raise ExportError(f"--max-nodes {max_nodes}: must be at least 1")
    read = _read(store, resolve_article(store, article) if article else None)
    ids = {n for n, cs in read.classes.items() if wanted is None or cs & wanted}
    ids = {n for n in ids if _in_span(_days(read, n), since, until)}
    g = nx.MultiDiGraph()
    g.add_nodes_from(ids)
    g.add_edges_from((s, o, p) for s, p, o in read.links if s in ids and o in ids)
    if max_nodes is not None and len(ids) > max_nodes:
        from kg.present.overview import overview

        ids = set(overview(_nodes(read, g, sorted(ids)), [], max_nodes))
        g = g.subgraph(ids).copy()
    edges = [
        drawn_edge(s, p, o, read.labels, read.cites.get((s, p, o), ()))
        for s, o, p in sorted(g.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    ]
    for s, p, o in read.links:  # a link is a key fact of its subject too, drawn or not
        read.literals[s][local_name(p)].add(read.labels.get(o, local_name(o)))
    return _nodes(read, g, sorted(ids)), edges


@dataclass
class _Read:
    """What the store says about the nodes that can be drawn."""

    classes: dict[str, set[str]]  # node -> its drawn classes
    labels: dict[str, str]
    aliases: dict[str, set[str]]
    literals: dict[str, dict[str, set[str]]]  # node -> property local name -> values
    links: set[tuple[str, str, str]]  # (s, p, o) kg: links between nodes
    cites: dict[_Key, tuple[Citation, ...]]
    mentions: dict[str, set[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(set))


def _read(store: Store, graph: str | None) -> _Read:
    """Run the four queries (over every article, or over one article's ``graph``)."""

    def query(text: str) -> ox.QuerySolutions:
        result = store.query(text, article_graph=graph)
        assert isinstance(result, ox.QuerySolutions)
        return result

    read = _Read(defaultdict(set), {}, defaultdict(set), defaultdict(lambda: defaultdict(set)), set(), {})
    for row in query(_NODES):
        n, label = _value(row["n"]), row["l"]
        read.classes[n].add(local_name(_value(row["c"])))
        if label is not None:
            read.labels[n] = min(read.labels.get(n, label.value), label.value)
    for row in query(_ALIASES):
        read.aliases[_value(row["n"])].add(_value(row["a"]))
    for row in query(_LINKS):
        s, p, o = _value(row["s"]), _value(row["p"]), row["o"]
        if s not in read.classes:
            continue  # a provenance record, not an entity or event
        if isinstance(o, ox.Literal):
            read.literals[s][local_name(p)].add(o.value)
        elif isinstance(o, ox.NamedNode) and o.value in read.classes:
            read.links.add((s, p, o.value))
    read.cites = _citations(query(_RECORDS), read.classes)
    for row in query(_MENTIONS):
        title, date = row["title"], row["date"]
        read.mentions[_value(row["n"])].add(
            (_value(row["art"]), title.value if title else "", date.value[:10] if date else "")
        )
    return read


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """The value of a bound IRI, blank node or literal."""
    assert term is not None and not isinstance(term, ox.Triple)
    return term.value


def _day(read: _Read, n: str) -> str:
    """An event's own day: its date, or the first day of its span."""
    facts = read.literals.get(n, {})
    days = sorted(facts.get("date", ())) or sorted(facts.get("startDate", ()))
    return days[0][:10] if days and read.classes[n] & EVENTS else ""


def _mentions(read: _Read, n: str) -> tuple[tuple[str, str, str], ...]:
    """(IRI, title, date) of the articles that mention a node or give evidence for it, oldest first."""
    found = set(read.mentions.get(n, ()))
    found |= {(c.article, c.title, c.date[:10]) for c in read.cites.get((n, None, None), ()) if c.article}
    by_iri = {a: (a, t, d) for a, t, d in sorted(found, key=lambda x: (x[0], -len(x[1]), x[2]))[::-1]}
    return tuple(sorted(by_iri.values(), key=lambda x: (x[2], x[0])))


def _days(read: _Read, n: str) -> set[str]:
    """The days a node belongs to for --since/--until: an event's own day, else its articles' dates."""
    day = _day(read, n)
    return {day} if day else {d for _, _, d in _mentions(read, n) if d}


def _in_span(days: set[str], since: str | None, until: str | None) -> bool:
    """Whether any of ``days`` lies in [since, until]; a node without days is always in."""
    if not days or (since is None and until is None):
        return True
    return any((since is None or d >= since) and (until is None or d <= until) for d in days)


def _nodes(read: _Read, g: nx.MultiDiGraph, ids: list[str]) -> list[VizNode]:
    """The drawn nodes, with their facts, evidence, degree, size, day, articles, importance and hover text."""
    from kg.present.overview import with_importance

    top = max((d for _, d in g.degree()), default=0)
    nodes = []
    for n in ids:
        node = VizNode(
            id=n,
            label=read.labels.get(n, local_name(n)),
            cls=next(c for c in CLASSES if c in read.classes[n]),
            classes=tuple(c for c in CLASSES if c in read.classes[n]),
            aliases=tuple(sorted(read.aliases.get(n, ()))),
            facts=key_facts(read.literals.get(n, {})),
            evidence=read.cites.get((n, None, None), ()),
            degree=g.degree(n),
            size=round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(g.degree(n) / top), 1) if top else MIN_SIZE,
            day=_day(read, n),
            articles=_mentions(read, n),
        )
        nodes.append(replace(node, title=node_tooltip(node)))
    return with_importance(nodes)


def _citations(rows: Iterable[ox.QuerySolution], nodes: Mapping[str, object]) -> dict[_Key, tuple[Citation, ...]]:
    """Citations by fact (s, p, o); by (node, None, None) those for its type and literal facts."""
    found: dict[_Key, dict[tuple[str, int, str], Citation]] = defaultdict(dict)
    for r in rows:
        s, p, o = _value(r["s"]), _value(r["p"]), r["o"]
        cite = Citation(
            sentence=_value(r["sentence"]),
            article=r["art"].value if r["art"] is not None else "",
            title=r["title"].value if r["title"] is not None else "",
            date=r["date"].value if r["date"] is not None else "",
            confidence=float(r["c"].value) if r["c"] is not None else None,
            char_start=int(r["start"].value) if r["start"] is not None else 0,
        )
        keys: list[_Key] = []
        if isinstance(o, ox.NamedNode) and p != _TYPE:
            keys.append((s, p, o.value))
        if s in nodes and (p == _TYPE or isinstance(o, ox.Literal)):
            keys.append((s, None, None))
        for key in keys:
            # One sentence once per fact, with the highest confidence it was given.
            k = (cite.article, cite.char_start, cite.sentence)
            old = found[key].get(k)
            if old is None or (cite.confidence or 0) > (old.confidence or 0):
                found[key][k] = cite
    return {
        key: tuple(sorted(cs.values(), key=lambda c: (c.date, c.article, c.char_start))) for key, cs in found.items()
    }


def to_networkx(nodes: list[VizNode], edges: list[VizEdge]) -> nx.MultiDiGraph:
    """The drawn graph as networkx: node attributes label and cls, edge key the predicate."""
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n.id, label=n.label, cls=n.cls)
    for e in edges:
        g.add_edge(e.source, e.target, key=e.predicate, label=e.label)
    return g
