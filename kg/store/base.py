"""What every store offers: the :class:`Store` protocol, which the embedded store
(:class:`~kg.store.embedded.KGStore`) and the SPARQL-server store
(:class:`~kg.store.remote.RemoteStore`) both implement.

Commands and the build are written against this protocol only, so a store is
chosen once (:func:`kg.store.open_store`) and nothing downstream asks which
one it got.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Protocol, TypeVar

import pyoxigraph as ox

from kg.rdf.graph import Encoded, Triple

#: what a query returns: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
#: an RDF term that can be bound to a query variable
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: one article to write: its id, the file it came from, its encoded triples
ArticleItem = tuple[str, str, Encoded]


S = TypeVar("S", bound="Closing")


class Closing:
    """The context-manager half of both stores: ``with`` closes the store."""

    def __enter__(self: S) -> S:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (nothing, unless a store says otherwise)."""


class Store(Protocol):
    """An article-per-graph RDF store: one named graph per article, queries over their merge."""

    @property
    def where(self) -> str:
        """The store's directory or endpoint URL, as error messages name it."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def close(self) -> None:
        """Finish what is under way and release the store."""
        ...

    # writing
    def write_articles(self, articles: Iterable[ArticleItem]) -> list[int]:
        """Write many articles, each whole, replacing what each replaces; the triples written for each."""
        ...

    def replace_article(self, article_id: str, path: str, triples: Iterable[Triple]) -> int:
        """Write one article's graph, replacing its old graph and any built from the same file."""
        ...

    def replace_encoded(self, article_id: str, path: str, encoded: Encoded) -> int:
        """:meth:`replace_article` for triples already encoded by :func:`kg.rdf.graph.encode`."""
        ...

    def remove_articles(self, article_ids: Sequence[str]) -> int:
        """Take articles out, each whole, keeping the merged graph exact; how many were there."""
        ...

    def finish(self) -> None:
        """After a big write: whatever makes later reads fast (compaction); may do nothing."""
        ...

    def update(self, text: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL update."""
        ...

    # reading
    def query(
        self, text: str, *, prefixes: Mapping[str, str] | None = None, article_graph: str | None = None
    ) -> QueryResult:
        """Run a SPARQL query over every article (their merge), or over one article's graph."""
        ...

    def graphs_from_file(self, path: str) -> list[str]:
        """Named graphs built earlier from the file ``path``."""
        ...

    def article_triples(self, article_id: str) -> int:
        """How many triples an article's graph holds."""
        ...

    def count(self) -> int:
        """Number of quads in the article graphs."""
        ...

    def named_graphs(self) -> list[str]:
        """The article graphs, sorted."""
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs, graph by graph, in an order that depends only on the content."""
        ...

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the merged graph once, in an order that depends only on the content."""
        ...
