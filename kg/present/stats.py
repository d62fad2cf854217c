"""What is in the store: counts per class and property, the most connected entities, components.

:func:`graph_stats` gathers (pure data, a frozen :class:`Stats`); :func:`format_stats`
renders it as text. The entity graph is the one ``kg viz`` draws: entities and
events as nodes, ``kg:`` links between them as edges (networkx).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import networkx as nx
import pyoxigraph as ox

from kg.present.viz import graph_data, ontology_labels, to_networkx
from kg.rdf.prefixes import PREFIXES, shorten
from kg.store.base import Store

_RDF = PREFIXES["rdf"]
_CLASSES = f"""
SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), "{PREFIXES["kg"]}")) }}
GROUP BY ?c"""
# Facts only: the triples of provenance records (rdf:Statement) are counted once, as records.
_PROPERTIES = f"""
SELECT ?p (COUNT(*) AS ?n) WHERE {{
  SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER NOT EXISTS {{ ?s a <{_RDF}Statement> }} }}
}} GROUP BY ?p"""
# Labels of the standard terms a store holds (ontology/kg.ttl labels the kg: ones).
_STANDARD = {
    "rdf:type": "type",
    "rdfs:label": "label",
    "skos:altLabel": "alternative label",
    "owl:sameAs": "same as",
    "dcterms:title": "title",
    "dcterms:date": "date",
    "dcterms:source": "source",
    "dcterms:publisher": "publisher",
}
_RECORDS = f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{_RDF}Statement> }}"


@dataclass(frozen=True)
class Stats:
    """Counts and shape of a store's graph."""

    classes: tuple[tuple[str, int], ...]  # (kg class, nodes), most first
    properties: tuple[tuple[str, str, int], ...]  # (prefixed name, label, triples), most first
    records: int  # provenance records (reified rdf:Statement)
    nodes: int  # entity graph: entities and events
    edges: int  # entity graph: kg: links between them
    top: tuple[tuple[str, str, int], ...]  # (label, class, degree) of the most connected
    components: tuple[tuple[int, str], ...]  # (size, best-connected member), largest first


def graph_stats(store: Store, top: int = 10) -> Stats:
    """Count what the store holds and measure its entity graph.

    Args:
        store: the store to read (all articles).
        top: how many of the most connected entities to list.

    Example:
        >>> import tempfile
        >>> from kg.store import KGStore
        >>> with KGStore(tempfile.mkdtemp() + "/s") as st:
        ...     graph_stats(st).nodes
        0
    """

    def rows(q: str) -> ox.QuerySolutions:
        result = store.query(q)
        assert isinstance(result, ox.QuerySolutions)
        return result

    classes = sorted(((shorten(r["c"].value), int(r["n"].value)) for r in rows(_CLASSES)), key=lambda x: (-x[1], x[0]))
    labels = ontology_labels()
    props = sorted(
        (
            (p := shorten(r["p"].value), labels.get(r["p"].value, _STANDARD.get(p, "")), int(r["n"].value))
            for r in rows(_PROPERTIES)
        ),
        key=lambda x: (-x[2], x[0]),
    )
    records = next(iter(rows(_RECORDS)))["n"].value
    nodes, edges = graph_data(store)
    g = to_networkx(nodes, edges)
    cls = {n.id: n.cls for n in nodes}
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), g.nodes[n]["label"], n))
    best = [(g.nodes[n]["label"], cls[n], g.degree(n)) for n in ranked[:top]]
    rank = {n: i for i, n in enumerate(ranked)}
    comps = sorted(
        ((len(c), g.nodes[min(c, key=rank.__getitem__)]["label"]) for c in nx.weakly_connected_components(g)),
        key=lambda x: (-x[0], x[1]),
    )
    return Stats(
        classes=tuple(classes),
        properties=tuple(props),
        records=int(records),
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        top=tuple(best),
        components=tuple(comps),
    )


def _as_json(stats: Stats) -> dict:
    d = asdict(stats)
    return {
        "classes": dict(stats.classes),
        "properties": [{"property": p, "label": label, "triples": n} for p, label, n in stats.properties],
        "records": d["records"],
        "nodes": d["nodes"],
        "edges": d["edges"],
        "top": [{"label": label, "class": c, "degree": n} for label, c, n in stats.top],
        "components": [{"size": n, "hub": hub} for n, hub in stats.components],
    }


def format_stats(stats: Stats, fmt: str = "text") -> str:
    """Render :class:`Stats` as aligned text or JSON.

    Example:
        >>> print(format_stats(Stats((("kg:Actor", 2),), (), 0, 2, 0, (), ((1, "A"), (1, "B")))))
        classes
          kg:Actor  2
        <BLANKLINE>
        entity graph: 2 nodes, 0 edges, 0 provenance records
        <BLANKLINE>
        connected components: 2 (2 single nodes)
          1  A
          1  B
    """
    if fmt == "json":
        return json.dumps(_as_json(stats), indent=2, ensure_ascii=False)

    def table(title: str, items: list[tuple]) -> list[str]:
        if not items:
            return []
        cols = list(zip(*[[str(c) for c in row] for row in items]))
        width = [max(map(len, c)) for c in cols]
        lines = [title]
        for row in zip(*cols):
            cells = [c.rjust(w) if c.isdigit() else c.ljust(w) for c, w in zip(row, width)]
            lines.append(("  " + "  ".join(cells)).rstrip())
        return lines + [""]

    out = table("classes", list(stats.classes))
    out += table("properties (facts, not provenance)", [(p, label, n) for p, label, n in stats.properties])
    out.append(f"entity graph: {stats.nodes} nodes, {stats.edges} edges, {stats.records} provenance records")
    out.append("")
    out += table("most connected", [(label, cls, f"degree {d}") for label, cls, d in stats.top])
    singles = sum(1 for size, _ in stats.components if size == 1)
    n = len(stats.components)
    head = f"connected components: {n}" + (f" ({singles} single node{'s' if singles != 1 else ''})" if singles else "")
    shown = stats.components[:10]
    out += table(head, list(shown)) if shown else [head, ""]
    if n > len(shown):
        out.insert(len(out) - 1, f"  ... and {n - len(shown)} more")
    return "\n".join(out).rstrip("\n")
