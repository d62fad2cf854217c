"""An interactive HTML page of the graph (pyvis), self-contained for file://.

Two steps, kept apart so that tests can assert on what is drawn:
:func:`graph_data` reads the store into frozen :class:`VizNode` and
:class:`VizEdge` lists (pure: no HTML), and :func:`write_page` hands them to
pyvis and writes one HTML file with every script and style inlined.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.rdf import ontology_file
from kg.store.base import Store

KG = "https://w3id.org/newskg/ontology#"
KGR = "https://w3id.org/newskg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CLASSES = ("Actor", "Organization", "Place", "Resolution", "Strike", "Proposal", "Statement")
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


@dataclass(frozen=True)
class VizEdge:
    """A kg: link between two drawn nodes."""

    source: str
    target: str
    predicate: str  # the property IRI
    label: str  # the property's rdfs:label in ontology/kg.ttl
    evidence: tuple[Citation, ...] = ()
    title: str = ""


_NODES = f"""
SELECT DISTINCT ?n ?c ?l WHERE {{
  ?n a ?c . FILTER(?c IN ({", ".join(f"<{KG}{c}>" for c in CLASSES)}))
  OPTIONAL {{ ?n <{RDFS_LABEL}> ?l }}
}}"""
_ALIASES = "SELECT DISTINCT ?n ?a WHERE { ?n <http://www.w3.org/2004/02/skos/core#altLabel> ?a }"
_LINKS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{KG}") && ?p != <{KG}mentionedIn>)
}}"""
_RECORDS = f"""
SELECT DISTINCT ?s ?p ?o ?sentence ?c ?start ?art ?title ?date WHERE {{
  ?r a <{RDF}Statement> ; <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ; <{KG}evidence> ?sentence .
  OPTIONAL {{ ?r <{KG}confidence> ?c }}
  OPTIONAL {{ ?r <{KG}charStart> ?start }}
  OPTIONAL {{ ?r <http://www.w3.org/ns/prov#wasDerivedFrom> ?art .
             OPTIONAL {{ ?art <http://purl.org/dc/terms/title> ?title }}
             OPTIONAL {{ ?art <http://purl.org/dc/terms/date> ?date }} }}
}}"""


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
        if q.predicate.value == RDFS_LABEL and isinstance(q.subject, ox.NamedNode):
            labels.setdefault(q.subject.value, q.object.value)
    return labels


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _prop_label(iri: str) -> str:
    return ontology_labels().get(iri, _local(iri))


def resolve_article(store: Store, article: str) -> str:
    """The named-graph IRI of an article given as its id, ``article_<id>``, ``kgr:article_<id>`` or IRI.

    Raises:
        ExportError: no article with that id is in the store.
    """
    a = article.strip().strip("<>")
    if a.startswith("kgr:"):
        a = KGR + a[4:]
    elif not a.startswith(("http://", "https://")):
        a = KGR + (a if a.startswith("article_") else f"article_{a}")
    graphs = store.named_graphs()
    if a not in graphs:
        known = ", ".join(_local(g).removeprefix("article_") for g in graphs[:5]) or "none"
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
) -> tuple[list[VizNode], list[VizEdge]]:
    """The nodes (entities and events) and edges (kg: links between them) to draw.

    Args:
        store: the store to read.
        classes: draw only nodes of these classes (e.g. ``"Strike,Actor"``), and the links between them.
        article: draw only what this article says (an id or IRI; see :func:`resolve_article`).
        max_nodes: keep this many nodes, those with the highest degree (ties by label).

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
    graph = resolve_article(store, article) if article else None

    def query(text: str) -> ox.QuerySolutions:
        result = store.query(text, article_graph=graph)
        assert isinstance(result, ox.QuerySolutions)
        return result

    node_classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in query(_NODES):
        n = row["n"].value
        node_classes[n].add(_local(row["c"].value))
        if row["l"] is not None:
            labels[n] = min(labels.get(n, row["l"].value), row["l"].value)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in query(_ALIASES):
        aliases[row["n"].value].add(row["a"].value)
    ids = {n for n, cs in node_classes.items() if wanted is None or cs & wanted}
    literals: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    links: set[tuple[str, str, str]] = set()
    for row in query(_LINKS):
        s, p, o = row["s"].value, row["p"].value, row["o"]
        if s not in node_classes:
            continue  # a provenance record, not an entity or event
        if isinstance(o, ox.Literal):
            literals[s][_local(p)].add(o.value)
        elif o.value in node_classes:
            links.add((s, p, o.value))
    cites = _citations(query(_RECORDS), node_classes)

    g = nx.MultiDiGraph()
    g.add_nodes_from(ids)
    g.add_edges_from((s, o, p) for s, p, o in links if s in ids and o in ids)
    if max_nodes is not None and len(ids) > max_nodes:
        ranked = sorted(ids, key=lambda n: (-g.degree(n), labels.get(n, _local(n)), n))
        ids = set(ranked[:max_nodes])
        g = g.subgraph(ids).copy()
    edges = [
        _edge(s, p, o, labels, cites.get((s, p, o), ()))
        for s, o, p in sorted(g.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    ]
    top = max((d for _, d in g.degree()), default=0)
    for s, p, o in links:  # a link is a key fact of its subject too, drawn or not
        literals[s][_local(p)].add(labels.get(o, _local(o)))
    nodes = []
    for n in sorted(ids):
        facts = _facts(literals.get(n, {}))
        node = VizNode(
            id=n,
            label=labels.get(n, _local(n)),
            cls=next(c for c in CLASSES if c in node_classes[n]),
            classes=tuple(c for c in CLASSES if c in node_classes[n]),
            aliases=tuple(sorted(aliases.get(n, ()))),
            facts=facts,
            evidence=cites.get((n, None, None), ()),
            degree=g.degree(n),
            size=round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(g.degree(n) / top), 1) if top else MIN_SIZE,
        )
        nodes.append(replace(node, title=node_tooltip(node)))
    return nodes, edges


def _citations(rows, nodes: dict) -> dict[tuple, tuple[Citation, ...]]:
    """Citations by fact (s, p, o); by (node, None, None) those for its type and literal facts."""
    found: dict[tuple, dict[tuple, Citation]] = defaultdict(dict)
    for r in rows:
        s, p, o = r["s"].value, r["p"].value, r["o"]
        cite = Citation(
            sentence=r["sentence"].value,
            article=r["art"].value if r["art"] is not None else "",
            title=r["title"].value if r["title"] is not None else "",
            date=r["date"].value if r["date"] is not None else "",
            confidence=float(r["c"].value) if r["c"] is not None else None,
            char_start=int(r["start"].value) if r["start"] is not None else 0,
        )
        keys = []
        if isinstance(o, ox.NamedNode) and p != RDF + "type":
            keys.append((s, p, o.value))
        if s in nodes and (p == RDF + "type" or isinstance(o, ox.Literal)):
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


def _facts(props: dict[str, set[str]]) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs: a date span and a hedged fatality count read as one fact."""
    props = {k: sorted(v) for k, v in props.items() if v}
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
        out.append((_prop_label(KG + name), "; ".join(props[name])))
    return tuple(out)


def _edge(s: str, p: str, o: str, labels: dict[str, str], cites: tuple[Citation, ...]) -> VizEdge:
    label = _prop_label(p)
    head = f"{labels.get(s, _local(s))} → {label} → {labels.get(o, _local(o))}"
    return VizEdge(s, o, p, label, cites, title=_with_evidence(head, cites))


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
    return _with_evidence("\n".join(lines), node.evidence)


def _with_evidence(head: str, cites: tuple[Citation, ...]) -> str:
    if not cites:
        return head
    parts = [head, "", "Evidence:"]
    for c in cites[:MAX_CITATIONS]:
        where = ", ".join(x for x in (c.title, c.date) if x) or _local(c.article) or "unknown article"
        conf = f" · confidence {c.confidence:.2f}" if c.confidence is not None else ""
        parts.append(f"“{c.sentence}”\n    — {where}{conf}")
    if len(cites) > MAX_CITATIONS:
        parts.append(f"(+{len(cites) - MAX_CITATIONS} more sentences)")
    return "\n".join(parts)


def to_networkx(nodes: list[VizNode], edges: list[VizEdge]) -> nx.MultiDiGraph:
    """The drawn graph as networkx: node attributes label and cls, edge key the predicate."""
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n.id, label=n.label, cls=n.cls)
    for e in edges:
        g.add_edge(e.source, e.target, key=e.predicate, label=e.label)
    return g


def vis_options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: physics that settles, then is switched off by the page; lighter when big.

    Example:
        >>> vis_options(1000, 2000)["physics"]["solver"]
        'forceAtlas2Based'
    """
    big = n_nodes > BIG or n_edges > 2 * BIG
    # Measured on 1,000 nodes: forceAtlas2Based spreads a dense graph better than
    # barnesHut, in fewer and cheaper iterations.
    solver = (
        {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -50,
                "centralGravity": 0.01,
                "springLength": 100,
                "springConstant": 0.08,
                "damping": 0.4,
                "avoidOverlap": 0,
            },
        }
        if big
        else {
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.8,
                "springLength": 140,
                "springConstant": 0.04,
                "damping": 0.12,
                "avoidOverlap": 0.1,
            },
        }
    )
    return {
        "autoResize": True,
        # Labels are drawn once big enough on screen: zoom in to read them.
        "nodes": {
            "font": {"size": 14, "face": "sans-serif"},
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": 10 if big else 5}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333", "inherit": False},
            # Edge labels disappear when zoomed out, before node labels do.
            "font": {"size": 11, "face": "sans-serif", "align": "middle", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 9 if big else 6}},
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": {
            "enabled": True,
            **solver,
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 200 if big else 1000, "updateInterval": 25, "fit": True},
        },
        "layout": {"randomSeed": 7, "improvedLayout": not big},
    }


def _smooth(edges: list[VizEdge]) -> list[dict | None]:
    """Curve the second and later edges between the same two nodes so that none hide another."""
    seen: dict[frozenset, int] = defaultdict(int)
    out: list[dict | None] = []
    for e in edges:
        k = frozenset((e.source, e.target))
        i = seen[k]
        seen[k] += 1
        out.append(None if i == 0 else {"enabled": True, "type": "curvedCW", "roundness": 0.2 * i})
    return out


def legend(nodes: list[VizNode]) -> list[dict]:
    """One legend entry per class that is drawn: name, colour, shape, how many nodes."""
    counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        for c in n.classes or (n.cls,):
            counts[c] += 1
    labels = ontology_labels()
    return [
        {"cls": c, "label": labels.get(KG + c, c), "color": COLOURS[c], "shape": SHAPES[c], "count": counts[c]}
        for c in CLASSES
        if counts[c]
    ]


_OFFLINE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def render_page(nodes: list[VizNode], edges: list[VizEdge], heading: str = "newskg graph") -> str:
    """The page's HTML: pyvis's node and edge data, vis-network inlined, an inline filter and search.

    Raises:
        ExportError: the page would load anything from the network.
    """
    import pyvis
    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=heading)
    big = len(nodes) > BIG or len(edges) > 2 * BIG
    for n in nodes:
        # In a big graph the hubs' labels are larger, so they show first when zooming in.
        font = {"font": {"size": round(11 + 0.35 * n.size)}} if big else {}
        net.add_node(
            n.id,
            label=n.label if len(n.label) <= LABEL_CHARS else n.label[: LABEL_CHARS - 1] + "…",
            title=n.title,
            color=COLOURS[n.cls],
            shape=SHAPES[n.cls],
            size=n.size,
            cls=n.cls,
            classes=list(n.classes or (n.cls,)),
            aliases=list(n.aliases),
            **font,
        )
    for e, smooth in zip(edges, _smooth(edges)):
        extra = {"smooth": smooth} if smooth else {}
        net.add_edge(e.source, e.target, label=e.label, title=e.title, **extra)
    net.options = vis_options(len(nodes), len(edges))
    data_nodes, data_edges, heading, _, _, options = net.get_network_data()
    lib = Path(pyvis.__file__).parent / "templates"
    env = Environment(
        loader=ChoiceLoader([DictLoader({"kg.html": _TEMPLATE}), FileSystemLoader(str(lib))]),
        autoescape=select_autoescape(default_for_string=True, default=True),
    )
    html = env.get_template("kg.html").render(
        heading=heading,
        nodes=data_nodes,
        edges=data_edges,
        options=json.loads(options),
        legend=legend(nodes),
    )
    bad = _OFFLINE.search(html)
    if bad:
        raise ExportError(f"graph page would load {bad.group(0)!r} from the network; it must work offline")
    return html


def write_page(nodes: list[VizNode], edges: list[VizEdge], output: str | Path, heading: str = "newskg graph") -> None:
    """Write the self-contained page to ``output`` atomically (scripts inlined, no CDN).

    Raises:
        ExportError: the output folder does not exist.
    """
    from kg.present.export import write_atomic

    html = render_page(nodes, edges, heading)
    write_atomic(Path(output), lambda f: f.write(html.encode("utf-8")))


# The page. vis-network and its CSS come from pyvis's own copy, inlined; the
# data goes through |tojson, which escapes <, > and & so no text can end a
# <script>. Titles are plain text: vis shows a string title as text, so the
# page wraps each in an element to keep its line breaks.
_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }}</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.35 sans-serif; color: #222; }
  body { display: flex; flex-direction: column; }
  #kg-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 6px 10px;
            border-bottom: 1px solid #ddd; background: #fafafa; }
  #kg-bar h1 { font-size: 15px; margin: 0; }
  #kg-search { padding: 3px 6px; width: 14em; }
  #kg-legend label { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; cursor: pointer; }
  #kg-legend svg { width: 14px; height: 14px; }
  #kg-status, #kg-found { color: #666; }
  #mynetwork { flex: 1; min-height: 300px; }
  div.vis-tooltip { max-width: 460px; white-space: normal; font: 13px/1.35 sans-serif; padding: 6px 8px; }
  .kg-tip { white-space: pre-wrap; }
  .vis-network:focus { outline: none; }
</style>
</head>
<body>
<div id="kg-bar">
  <h1>{{ heading }}</h1>
  <input id="kg-search" type="search" placeholder="Search names…" aria-label="Search node names">
  <span id="kg-found"></span>
  <span id="kg-legend" role="group" aria-label="Filter by class"></span>
  <span id="kg-status"></span>
</div>
<div id="mynetwork"></div>
<script>
(function () {
  "use strict";
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|tojson }};
  var legend = {{ legend|tojson }};
  function tip(text) {
    var d = document.createElement("div");
    d.className = "kg-tip";
    d.textContent = text;
    return d;
  }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, text: n.title, title: tip(n.title)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, text: e.title, title: tip(e.title)}; }));
  var status = document.getElementById("kg-status");
  var counts = nodes.length + " nodes · " + edges.length + " edges";
  status.textContent = counts;
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  // Milliseconds since navigation started, for the browser test and the 1,000-node bench.
  window.kgTiming = {created: performance.now()};
  network.on("stabilizationProgress", function (p) {
    status.textContent = counts + " · laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function settle() {
    if (window.kgTiming.stabilized) return;
    network.setOptions({physics: {enabled: false}});
    window.kgTiming.stabilized = performance.now();
    status.textContent = counts;
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  setTimeout(settle, 20000);  // a slow machine still gets a page that stops moving
  network.once("afterDrawing", function () { window.kgTiming.drawn = performance.now(); });

  // Legend: one checkbox per class; a node stays while any of its classes is on.
  var shapes = {
    dot: '<circle cx="7" cy="7" r="6"/>', square: '<rect x="1" y="1" width="12" height="12"/>',
    triangle: '<polygon points="7,1 13,13 1,13"/>', triangleDown: '<polygon points="1,1 13,1 7,13"/>',
    diamond: '<polygon points="7,0 14,7 7,14 0,7"/>', hexagon: '<polygon points="4,1 10,1 13,7 10,13 4,13 1,7"/>',
    star: '<polygon points="7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5"/>'
  };
  var box = document.getElementById("kg-legend");
  legend.forEach(function (g) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = g.cls;
    var swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    swatch.setAttribute("viewBox", "0 0 14 14");
    swatch.setAttribute("fill", g.color);
    swatch.innerHTML = shapes[g.shape] || shapes.dot;
    label.appendChild(input);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(g.label + " (" + g.count + ")"));
    box.appendChild(label);
    input.addEventListener("change", applyFilter);
  });
  function applyFilter() {
    var on = {};
    box.querySelectorAll("input").forEach(function (i) { on[i.value] = i.checked; });
    var hidden = {};
    nodes.update(nodes.get().map(function (n) {
      hidden[n.id] = !n.classes.some(function (c) { return on[c]; });
      return {id: n.id, hidden: hidden[n.id]};
    }));
    edges.update(edges.get().map(function (e) { return {id: e.id, hidden: hidden[e.from] || hidden[e.to]}; }));
    var shown = nodes.get().filter(function (n) { return !n.hidden; }).length;
    status.textContent = shown === nodes.length ? counts : shown + " of " + counts;
  }

  // Search: select every visible node whose name or other name contains the text; Enter steps through them.
  var search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  var matches = [], at = -1;
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    at = -1;
    function hit(s) { return s.toLowerCase().indexOf(q) >= 0; }
    matches = !q ? [] : nodes.get({filter: function (n) {
      return !n.hidden && [n.label].concat(n.aliases || []).some(hit);
    }}).map(function (n) { return n.id; });
    network.selectNodes(matches);
    found.textContent = q ? matches.length + " found" : "";
    if (matches.length) network.fit({nodes: matches, animation: {duration: 300}});
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !matches.length) return;
    at = (at + 1) % matches.length;
    network.selectNodes([matches[at]]);
    network.focus(matches[at], {scale: 1.2, animation: {duration: 300}});
    found.textContent = (at + 1) + " of " + matches.length;
  });
})();
</script>
</body>
</html>
"""
