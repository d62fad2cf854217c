"""``kg query --update`` on the embedded store, kept consistent: the default graph stays the
exact merge of the article graphs.

An update may change article graphs (``GRAPH <g>``, ``WITH <g>``, ``DROP GRAPH <g>``...). It
runs in one transaction with the upkeep of the merged graph: the graphs it names are
copied to a scratch graph first; afterwards the merged graph loses the triples they
held that no graph holds any more and gains what they hold now. An update that names
its graphs through a variable (``GRAPH ?g``) or all of them (``DROP ALL``) re-derives
the whole merged graph. An update that writes the default graph itself is refused: that
graph is not anyone's to write, and the next build of an article would contradict it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError, one_line
from kg.rdf.iris import RESOURCE
from kg.store.embedded import KGStore
from kg.store.sparql import _TOKEN

SCRATCH = f"{RESOURCE}newskg-update-before"
_NAMING = {"GRAPH", "WITH", "INTO", "TO"}
_TEMPLATE = {"INSERT", "DELETE"}
_DEFAULT_WRITE = (
    "this update writes the default graph, which is kept as the merge of the article graphs; "
    "write inside GRAPH <article IRI> { ... } (or WITH <article IRI>), or use 'kg remove' for whole articles"
)


class Targets:
    """What an update touches: named graphs (None: any of them) and whether it writes the default graph."""

    def __init__(self) -> None:
        self.graphs: set[str] | None = set()
        self.writes_default = False


def _prefixes(text: str, known: Mapping[str, str]) -> dict[str, str]:
    found = dict(known)
    for m in re.finditer(r"PREFIX\s+([\w\-.]*):\s*<([^>]*)>", text, re.I):
        found[m.group(1)] = m.group(2)
    return found


def _iri(token: str, prefixes: Mapping[str, str]) -> str | None:
    if token.startswith("<"):
        return token[1:-1]
    prefix, sep, local = token.partition(":")
    return prefixes[prefix] + local if sep and prefix in prefixes else None


def update_targets(text: str, prefixes: Mapping[str, str]) -> Targets:
    """The graphs an update names and whether it writes the default graph (read from its tokens).

    Example:
        >>> t = update_targets("DROP GRAPH <http://g/1>", {})
        >>> sorted(t.graphs), t.writes_default
        (['http://g/1'], False)
        >>> update_targets("INSERT DATA { <http://a> <http://b> 1 }", {}).writes_default
        True
    """
    names, out = _prefixes(text, prefixes), Targets()
    found: set[str] = set()
    depth, template, after, with_graph = 0, False, "", False
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "comment":
            continue
        word = tok.upper() if kind == "word" else ""
        iri = _iri(tok, names) if kind in ("iri", "word") else None
        if iri:
            found.add(iri)
        if kind == "open":
            template = template or (depth == 0 and after in _TEMPLATE)
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
            template = template and depth > 0
        elif depth == 0 and word == "DEFAULT":
            out.writes_default = True
        elif (depth == 0 and word in ("ALL", "NAMED")) or (after == "GRAPH" and tok[:1] in "?$"):
            out.graphs = None
        elif template and depth == 1 and word != "GRAPH" and after != "GRAPH" and not with_graph:
            out.writes_default = True  # a triple in a template, outside GRAPH: the default graph's
        with_graph = with_graph or (depth == 0 and after == "WITH")
        if after in _TEMPLATE and word in ("DATA", "WHERE"):
            continue  # INSERT DATA {, DELETE WHERE {: still a template
        after = word if word in _NAMING | _TEMPLATE else ""
    if out.graphs is not None:
        out.graphs = found
    return out


def consistent_update(store: KGStore, text: str, prefixes: Mapping[str, str], where: str = "<query>") -> None:
    """Run an update and keep the merged graph exact, in one transaction.

    Raises:
        QueryError: the update writes the default graph; or it is not valid SPARQL (SyntaxError
            is raised as it is, with the user's own line numbers).
    """
    try:  # syntax first, on an empty store, so that errors keep the user's line numbers
        ox.Store().update(text, prefixes=dict(prefixes))
    except (OSError, RuntimeError, ValueError):
        pass  # a graph the empty store lacks: the real run decides
    targets = update_targets(text, prefixes)
    if targets.writes_default:
        raise QueryError(f"{where}: {_DEFAULT_WRITE}")
    body = text.rstrip().rstrip(";")
    if targets.graphs is None:
        ops = [
            body,
            "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }",
            "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
        ]
    else:
        graphs = " ".join(f"<{ox.NamedNode(g).value}>" for g in sorted(targets.graphs) if _valid(g))
        ops = [
            f"INSERT {{ GRAPH <{SCRATCH}> {{ ?s ?p ?o }} }} "
            f"WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}",
            body,
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{SCRATCH}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{SCRATCH}>) }} }}",
            f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}",
            f"DROP SILENT GRAPH <{SCRATCH}>",
        ]
    try:
        store.update(" ;\n".join(ops), prefixes=prefixes)
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"{where}: update failed, the store is unchanged: {one_line(e)}") from None


def _valid(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
