"""The articles a store holds: what ``kg list`` shows, what ``kg build`` compares against to
skip unchanged files, and how ``kg remove`` finds the articles it is asked for.

Everything is read from the Article nodes (ONTOLOGY.md): each article graph holds its
own node, named like the graph, with its file (``dcterms:source``), title, date and
publisher. It works the same on the embedded store and on a SPARQL server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.iris import article_iri
from kg.store.base import Store

_PREFIX = article_iri("")
_ARTICLES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?src ?title ?date ?pub WHERE {
  GRAPH ?g { ?g a kg:Article
    OPTIONAL { ?g dcterms:source ?src } OPTIONAL { ?g dcterms:title ?title }
    OPTIONAL { ?g dcterms:date ?date } OPTIONAL { ?g dcterms:publisher ?pub } }
}"""
_FACTS = """
SELECT ?g (COUNT(?r) AS ?n) WHERE {
  GRAPH ?g { ?r a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }
} GROUP BY ?g"""


@dataclass(frozen=True)
class StoredArticle:
    """One article in the store, as its Article node describes it."""

    id: str
    path: str  # dcterms:source: the file it was built from
    title: str = ""
    date: str = ""  # ISO, or "" when the article had no date
    publisher: str = ""
    facts: int = 0  # provenance records, one per fact (only when asked for)

    @property
    def graph(self) -> str:
        return article_iri(self.id)


def _text(sol: ox.QuerySolution, name: str) -> str:
    term = sol[name]
    return term.value if term is not None else ""


def stored_articles(store: Store, facts: bool = False) -> list[StoredArticle]:
    """Every article in the store, sorted by date, then title, then id.

    Args:
        facts: also count each article's facts (one more query over every graph).
    """
    result = store.query(_ARTICLES)
    assert isinstance(result, ox.QuerySolutions)
    rows = {}
    for sol in result:
        graph = _text(sol, "g")
        if graph.startswith(_PREFIX) and graph not in rows:
            rows[graph] = sol
    counts: dict[str, int] = {}
    if facts and rows:
        result = store.query(_FACTS)
        assert isinstance(result, ox.QuerySolutions)
        counts = {_text(s, "g"): int(_text(s, "n") or 0) for s in result}
    out = [
        StoredArticle(
            id=g[len(_PREFIX) :],
            path=_text(sol, "src"),
            title=_text(sol, "title"),
            date=_text(sol, "date"),
            publisher=_text(sol, "pub"),
            facts=counts.get(g, 0),
        )
        for g, sol in rows.items()
    ]
    return sorted(out, key=lambda a: (a.date, a.title, a.id))


def find_articles(store: Store, refs: Iterable[str]) -> list[StoredArticle]:
    """The stored articles that ``refs`` name: each a file path, an id (or its IRI) or a title.

    A path is matched as the file it names (resolved, as ``kg build`` records it),
    then as written; a title ignores case.

    Raises:
        StoreError: a ref names no article, or a title names several (they are listed).
    """
    articles = stored_articles(store)
    found: dict[str, StoredArticle] = {}
    for ref in refs:
        for a in _match(articles, ref, store.where):
            found.setdefault(a.id, a)
    return list(found.values())


def _match(articles: list[StoredArticle], ref: str, where: str) -> list[StoredArticle]:
    key = ref.strip()
    local = key.rsplit("article_", 1)[-1] if key.startswith(("kgr:article_", _PREFIX, "<")) else key
    local = local.rstrip(">")
    by_id = [a for a in articles if a.id == local]
    if by_id:
        return by_id
    resolved = Path(key).expanduser().resolve().as_posix() if key else key
    by_path = [a for a in articles if a.path in (resolved, key)]
    if by_path:
        return by_path
    by_title = [a for a in articles if a.title.casefold() == key.casefold()]
    if len(by_title) > 1:
        listed = "; ".join(f"{a.id} ({a.path})" for a in by_title)
        raise StoreError(f"{where}: the title {key!r} names {len(by_title)} articles: {listed}; pass an id")
    if not by_title:
        raise StoreError(f"{where}: no article with the id, file or title {key!r}; 'kg list' shows them")
    return by_title
