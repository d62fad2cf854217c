"""The graph page: the drawn nodes and edges handed to pyvis, rendered with
kg/present/templates/graph.html into one self-contained HTML file.

vis-network and its CSS come from pyvis's own copy, inlined; the
data goes through |tojson, which escapes <, > and & so no text can end a
<script>. Titles are plain text: vis shows a string title as text, so the
page wraps each in an element to keep its line breaks.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.present.drawn import BIG, CLASSES, COLOURS, LABEL_CHARS, SHAPES, VizEdge, VizNode, ontology_labels
from kg.rdf.ns import KG

TEMPLATE = Path(__file__).resolve().parent / "templates" / "graph.html"


def vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: physics that settles, then is switched off by the page; lighter when big.

    Example:
        >>> vis_options(1000, 2000)["physics"]["solver"]
        'forceAtlas2Based'
    """
    big = n_nodes > BIG or n_edges > 2 * BIG
    return {
        "autoResize": True,
        **_drawing(big),
        "physics": {
            "enabled": True,
            **_solver(big),
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 200 if big else 1000, "updateInterval": 25, "fit": True},
        },
        "layout": {"randomSeed": 7, "improvedLayout": not big},
    }


def _solver(big: bool) -> dict[str, Any]:
    """The physics solver. Measured on 1,000 nodes: forceAtlas2Based spreads a dense graph
    better than barnesHut, in fewer and cheaper iterations."""
    return (
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


def _drawing(big: bool) -> dict[str, Any]:
    """Nodes, edges and interaction options."""
    return {
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
        {"cls": c, "label": labels.get(str(KG) + c, c), "color": COLOURS[c], "shape": SHAPES[c], "count": counts[c]}
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
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
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
        loader=ChoiceLoader([FileSystemLoader(str(TEMPLATE.parent)), FileSystemLoader(str(lib))]),
        autoescape=select_autoescape(default_for_string=True, default=True),
    )
    html = env.get_template(TEMPLATE.name).render(
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
    from kg.present.output import write_output

    html = render_page(nodes, edges, heading)
    write_output(output, lambda f: f.write(html.encode("utf-8")))
