"""Which nodes the graph page draws first: an overview of the most important ones, or a focus.

The page embeds the whole graph and draws a part of it; double-clicking a node
brings in its neighbours. Importance is degree, being an event, and recency:

    score = log2(1 + degree) + recency (0 for the oldest day, 1 for the newest)
            + 1 for an event (strike, proposal, resolution, statement) - 1 for a place

Places have the highest degree in news (every strike has a location), so they
need a higher score than any event they displace. Half of the overview is also
shared among the other classes in proportion to their counts, so that
``--class Strike,Actor --max-nodes 150`` keeps strikes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import replace

from kg.errors import ExportError
from kg.present.drawn import EVENTS, VizEdge, VizNode

DEFAULT_MAX_NODES = 150  # what the page draws first when --max-nodes is not given
SLOW_NODES = 2000  # from here the browser takes seconds to lay out and draw: kg viz warns


def _ordinal(day: str) -> int | None:
    try:
        return dt.date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def _latest(node: VizNode) -> int | None:
    days = [o for o in (_ordinal(d) for d in [node.day, *(a[2] for a in node.articles)] if d) if o is not None]
    return max(days, default=None)


def with_importance(nodes: list[VizNode]) -> list[VizNode]:
    """The nodes with their ``importance`` score (see the module docstring).

    Example:
        >>> a = VizNode("a", "Gaza", "Place", degree=3)
        >>> b = VizNode("b", "strike", "Strike", degree=1)
        >>> [n.importance for n in with_importance([a, b])]
        [1.0, 2.0]
    """
    latest = {n.id: _latest(n) for n in nodes}
    known = [d for d in latest.values() if d is not None]
    lo, hi = min(known, default=0), max(known, default=0)
    out = []
    for n in nodes:
        d = latest[n.id]
        recency = (d - lo) / (hi - lo) if d is not None and hi > lo else 0.0
        bonus = 1.0 if n.cls in EVENTS else -1.0 if n.cls == "Place" else 0.0
        out.append(replace(n, importance=round(math.log2(1 + n.degree) + recency + bonus, 3)))
    return out


def _rank(nodes: Iterable[VizNode]) -> list[VizNode]:
    return sorted(nodes, key=lambda n: (-n.importance, n.label, n.id))


def overview(nodes: list[VizNode], edges: list[VizEdge], max_nodes: int = DEFAULT_MAX_NODES) -> list[str]:
    """The ids of the ``max_nodes`` nodes to draw first: a quota per class, then the most important.

    Example:
        >>> ns = with_importance([VizNode(str(i), f"p{i}", "Place", degree=9) for i in range(4)]
        ...                      + [VizNode("s", "strike", "Strike")])
        >>> overview(ns, [], 2)
        ['0', 's']
    """
    if len(nodes) <= max_nodes:
        return sorted(n.id for n in nodes)
    by_class: dict[str, list[VizNode]] = defaultdict(list)
    for n in _rank(nodes):
        by_class[n.cls].append(n)
    # Half the overview is shared by class, in proportion to how many nodes each has; places get theirs by score.
    quota = {c: max(1, round(max_nodes / 2 * len(ns) / len(nodes))) for c, ns in by_class.items() if c != "Place"}
    chosen: set[str] = set()
    for n in _rank(n for cls, k in quota.items() for n in by_class[cls][:k]):
        if len(chosen) >= max_nodes:
            break
        chosen.add(n.id)
    for n in _rank(nodes):
        if len(chosen) >= max_nodes:
            break
        chosen.add(n.id)
    return sorted(chosen)


def _match(nodes: list[VizNode], name: str) -> list[VizNode]:
    """Nodes named ``name`` (label or other name, any case); else those whose name contains it."""
    q = name.strip().lower()
    exact = [n for n in nodes if q in {n.label.lower(), *(a.lower() for a in n.aliases)}]
    return exact or [n for n in nodes if any(q in s.lower() for s in (n.label, *n.aliases))]


def focus(
    nodes: list[VizNode], edges: list[VizEdge], name: str, hops: int = 2, max_nodes: int | None = None
) -> list[str]:
    """The ids of the nodes within ``hops`` links of the node(s) named ``name``, nearest and most important first.

    Raises:
        ExportError: no node has that name, or ``hops`` < 0.

    Example:
        >>> ns = [VizNode("a", "Hezbollah", "Organization"), VizNode("b", "Beirut", "Place"),
        ...       VizNode("c", "Paris", "Place")]
        >>> focus(ns, [VizEdge("a", "b", "p", "based in")], "hezbollah", hops=1)
        ['a', 'b']
    """
    if hops < 0:
        raise ExportError(f"--hops {hops}: must be 0 or more")
    start = _match(nodes, name)
    if not start:
        raise ExportError(f"--focus {name!r}: no node has that name; try part of a name, or 'kg stats' for the names")
    near: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        near[e.source].add(e.target)
        near[e.target].add(e.source)
    dist = {n.id: 0 for n in start}
    todo = deque(dist)
    while todo:
        n = todo.popleft()
        if dist[n] < hops:
            for m in sorted(near[n] - dist.keys()):
                dist[m] = dist[n] + 1
                todo.append(m)
    imp = {n.id: n.importance for n in nodes}
    ranked = sorted(dist, key=lambda n: (dist[n], -imp.get(n, 0.0), n))
    return sorted(ranked[:max_nodes] if max_nodes else ranked)
