"""The embedded store: an on-disk Oxigraph database, one named graph per article.

Loading an article is one SPARQL update (one transaction): its old graph,
and any graph earlier built from the same file, go in the same breath as the
new one comes, so a store only ever holds whole articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.graph import Triple
from kg.iris import article_iri

DEFAULT_STORE = "kg-store"
_DCT_SOURCE = "http://purl.org/dc/terms/source"
_MARKERS = ("CURRENT", "IDENTITY")


def _n3(term: URIRef | Literal) -> str:
    return term.n3()


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


class KGStore:
    """An article-per-graph RDF store in a directory.

    Example:
        >>> import tempfile
        >>> with KGStore(tempfile.mkdtemp() + "/s") as st:
        ...     st.count()
        0
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, create: bool = True) -> None:
        """Open the store in ``path``, creating it if ``create`` (else it must exist).

        Raises:
            StoreError: ``path`` is a file, a directory that is not a store, missing
                (``create=False``), locked by another process, or unreadable.
        """
        self.path = Path(path)
        where = self.path.as_posix()
        try:
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{where}: is a file, not a store directory; pass --store DIR")
            entries = list(self.path.iterdir()) if self.path.is_dir() else []
        except PermissionError:
            raise StoreError(f"{where}: permission denied; pass a --store you can write to") from None
        if entries and not all((self.path / m).exists() for m in _MARKERS):
            raise StoreError(
                f"{where}: directory is not a newskg store (no Oxigraph database in it); pass another --store"
            )
        if not entries and not create:
            raise StoreError(f"{where}: no store here; run 'kg build PATH --store {where}' first")
        try:
            self._store = ox.Store(str(self.path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreError(
                    f"{where}: store is locked by another process (a running 'kg build'?); wait for it to finish"
                ) from None
            raise StoreError(f"{where}: cannot open store ({_one_line(e)})") from None

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store's lock."""
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph Store."""
        return self._store

    def graphs_from_file(self, path: str) -> list[str]:
        """Named graphs built earlier from the file ``path``."""
        q = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{_DCT_SOURCE}> {Literal(path).n3()} }} }}"
        return sorted(s["g"].value for s in self._store.query(q))

    def replace_article(self, article_id: str, path: str, triples: Iterable[Triple]) -> int:
        """Write an article's graph in one transaction, replacing what it replaces.

        Returns:
            The number of triples written.
        """
        graph = article_iri(article_id)
        old = set(self.graphs_from_file(path)) if path else set()
        old.add(graph)
        lines = [f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in triples]
        update = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted(old))
        update += f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }"
        try:
            self._store.update(update)
        except (OSError, RuntimeError, SyntaxError) as e:
            raise StoreError(
                f"{self.path.as_posix()}: could not write article {article_id} ({_one_line(e)}); nothing was changed"
            ) from None
        return len(lines)

    def article_triples(self, article_id: str) -> int:
        """How many triples an article's graph holds."""
        g = ox.NamedNode(article_iri(article_id))
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    def count(self) -> int:
        """Number of quads in the store."""
        return len(self._store)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, in the store's order."""
        return self._store.quads_for_pattern(None, None, None, None)

    def named_graphs(self) -> list[str]:
        """The article graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs())
