"""An interactive HTML page of the graph (pyvis), self-contained for file://."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.store import KGStore

CLASSES = ("Actor", "Organization", "Place", "Resolution", "Strike", "Proposal", "Statement")
COLOURS = {
    "Actor": "#e6194b",
    "Organization": "#4363d8",
    "Place": "#3cb44b",
    "Resolution": "#911eb4",
    "Strike": "#f58231",
    "Proposal": "#42d4f4",
    "Statement": "#bfbf00",
}
SHAPES = {
    "Actor": "dot",
    "Organization": "square",
    "Place": "triangle",
    "Resolution": "diamond",
    "Strike": "star",
    "Proposal": "hexagon",
    "Statement": "box",
}

_NODES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?n (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), "#"); separator=",") AS ?classes)
WHERE { ?n a ?c .
        FILTER(?c IN (kg:Actor, kg:Organization, kg:Place, kg:Resolution, kg:Strike, kg:Proposal, kg:Statement))
        OPTIONAL { ?n rdfs:label ?l } }
GROUP BY ?n ORDER BY ?n
"""
_EDGES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:)) && isIRI(?o) && ?p != kg:mentionedIn) }
ORDER BY ?s ?p ?o
"""


@dataclass(frozen=True)
class VizNode:
    id: str
    label: str
    cls: str


@dataclass(frozen=True)
class VizEdge:
    source: str
    target: str
    label: str


def graph_data(store: KGStore) -> tuple[list[VizNode], list[VizEdge]]:
    """Nodes (entities and events) and edges (kg: links between them) to draw."""
    nodes = []
    for row in store.oxigraph.query(_NODES, use_default_graph_as_union=True):
        classes = row["classes"].value.split(",")
        cls = next(c for c in CLASSES if c in classes)
        label = row["label"].value if row["label"] is not None else row["n"].value.rsplit("/", 1)[-1]
        nodes.append(VizNode(row["n"].value, label, cls))
    ids = {n.id for n in nodes}
    edges = [
        VizEdge(r["s"].value, r["o"].value, r["p"].value.rsplit("#", 1)[-1])
        for r in store.oxigraph.query(_EDGES, use_default_graph_as_union=True)
        if r["s"].value in ids and r["o"].value in ids
    ]
    return nodes, edges


def write_page(nodes: list[VizNode], edges: list[VizEdge], output: str | Path) -> None:
    """Write a self-contained pyvis page (scripts inlined, no CDN)."""
    from pyvis.network import Network

    from kg.export import write_atomic

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for n in nodes:
        net.add_node(n.id, label=n.label, title=f"{n.cls}: {n.label}", color=COLOURS[n.cls], shape=SHAPES[n.cls])
    for e in edges:
        net.add_edge(e.source, e.target, label=e.label, title=e.label)
    html = net.generate_html(notebook=False)
    write_atomic(Path(output), lambda f: f.write(html.encode("utf-8")))
