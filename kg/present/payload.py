"""The graph embedded in the page: every node, edge and citation, in compact tables.

Repeated long strings (evidence sentences, article titles, property names) are
stored once, in a string table, and referenced by index; citations and articles
likewise. The page draws ``shown`` first and brings in the rest on demand.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from kg.present.drawn import CLASSES, COLOURS, SHAPES, Citation, VizEdge, VizNode, ontology_labels
from kg.rdf.ns import KG, KGR


class _Table:
    """Values by first appearance; ``add`` returns a value's index."""

    def __init__(self) -> None:
        self.index: dict[Hashable, int] = {}
        self.rows: list[Any] = []

    def add(self, key: Hashable, row: Any = None) -> int:
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.rows)
            self.rows.append(key if row is None else row)
        return i


class _Tables:
    def __init__(self) -> None:
        self.strings, self.articles, self.cites = _Table(), _Table(), _Table()

    def s(self, text: str) -> int:
        return self.strings.add(text)

    def article(self, iri: str, title: str, date: str) -> int:
        i = self.articles.index.get(iri)
        if i is None:
            return self.articles.add(iri, [self.s(iri.removeprefix(str(KGR))), self.s(title), date[:10]])
        if title and not self.strings.rows[self.articles.rows[i][1]]:
            self.articles.rows[i][1] = self.s(title)
        return i

    def cite_ids(self, cites: Iterable[Citation]) -> list[int]:
        out = []
        for c in cites:
            art = self.article(c.article, c.title, c.date) if c.article else -1
            conf = round(c.confidence * 100) if c.confidence is not None else -1
            out.append(self.cites.add((c.sentence, c.article, c.char_start, conf), [self.s(c.sentence), art, conf]))
        return out


def _node_row(t: _Tables, n: VizNode) -> list[Any]:
    facts = [i for k, v in n.facts for i in (t.s(k), t.s(v))]
    bits = sum(1 << CLASSES.index(c) for c in n.classes or (n.cls,))
    return [
        n.id.removeprefix(str(KGR)),
        t.s(n.label),
        CLASSES.index(n.cls),
        bits,
        n.size,
        n.day,
        n.importance,
        [t.s(a) for a in n.aliases],
        facts,
        t.cite_ids(n.evidence),
        [t.article(*a) for a in n.articles],
        n.degree,
    ]


def page_payload(nodes: list[VizNode], edges: list[VizEdge], shown: Iterable[str]) -> dict[str, Any]:
    """The page's data: string, article and citation tables, nodes, edges, and which nodes to draw first.

    Example:
        >>> p = page_payload([VizNode("urn:a", "A", "Actor", ("Actor",))], [], ["urn:a"])
        >>> p["nodes"][0][:4], p["strings"][p["nodes"][0][1]], p["shown"]
        (['urn:a', 0, 0, 1], 'A', [0])
    """
    t = _Tables()
    index = {n.id: i for i, n in enumerate(nodes)}
    node_rows = [_node_row(t, n) for n in nodes]
    edge_rows = [[index[e.source], index[e.target], t.s(e.label), t.cite_ids(e.evidence)] for e in edges]
    labels = ontology_labels()
    return {
        "base": str(KGR),
        "classes": [
            {"cls": c, "label": labels.get(str(KG) + c, c), "color": COLOURS[c], "shape": SHAPES[c]} for c in CLASSES
        ],
        "strings": t.strings.rows,
        "articles": t.articles.rows,
        "cites": t.cites.rows,
        "nodes": node_rows,
        "edges": edge_rows,
        "shown": sorted(index[i] for i in shown if i in index),
    }
