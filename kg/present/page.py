"""The graph page: the whole graph (kg/present/payload.py) rendered with
kg/present/templates/graph.html and graph.js into one self-contained HTML file.

vis-network and its CSS come from pyvis's own copy, inlined; the data goes
through |tojson, which escapes <, > and & so no text can end a <script>. The
page draws the overview (kg/present/overview.py) first and builds hover texts,
the side panel and the time strip from the embedded tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.present.drawn import BIG, VizEdge, VizNode

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
            "stabilization": {"enabled": True, "iterations": 200 if big else 300, "updateInterval": 25, "fit": True},
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
            # The page draws node labels itself (13 px on screen, none over another).
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333", "inherit": False},
            # Edge labels show once they are 12 px on screen: zoom in to read them.
            "font": {"size": 12, "face": "sans-serif", "align": "middle", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 12}},
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


_OFFLINE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def render_page(
    nodes: list[VizNode], edges: list[VizEdge], heading: str = "newskg graph", shown: Iterable[str] | None = None
) -> str:
    """The page's HTML: the whole graph in compact tables, vis-network inlined, filters, panel and time strip.

    Args:
        nodes: every node the page holds (double-click brings in neighbours from these).
        edges: every edge between them.
        heading: the page title.
        shown: the ids to draw first; by default :func:`kg.present.overview.overview` of the nodes.

    Raises:
        ExportError: the page would load anything from the network.
    """
    import pyvis
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

    from kg.present.overview import overview
    from kg.present.payload import page_payload

    first = list(shown) if shown is not None else overview(nodes, edges)
    drawn = set(first)
    n_edges = sum(1 for e in edges if e.source in drawn and e.target in drawn)
    lib = Path(pyvis.__file__).parent / "templates"
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(TEMPLATE.parent)), FileSystemLoader(str(lib))]),
        autoescape=select_autoescape(default_for_string=True, default=True),
    )
    html = env.get_template(TEMPLATE.name).render(
        heading=heading,
        data=page_payload(nodes, edges, first),
        options=vis_options(len(drawn), n_edges),
    )
    bad = _OFFLINE.search(html)
    if bad:
        raise ExportError(f"graph page would load {bad.group(0)!r} from the network; it must work offline")
    return html


def write_page(
    nodes: list[VizNode],
    edges: list[VizEdge],
    output: str | Path,
    heading: str = "newskg graph",
    shown: Iterable[str] | None = None,
) -> None:
    """Write the self-contained page to ``output`` atomically (scripts inlined, no CDN).

    Raises:
        ExportError: the output folder does not exist.
    """
    from kg.present.output import write_output

    html = render_page(nodes, edges, heading, shown)
    write_output(output, lambda f: f.write(html.encode("utf-8")))
