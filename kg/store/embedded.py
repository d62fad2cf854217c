"""The embedded store: an on-disk Oxigraph database, one named graph per article,
and the default graph kept as their merge.

Queries read the default graph: every triple once, however many articles say
it, so a query joins each fact once instead of once per article that repeats it
(Oxigraph's union of the named graphs keeps every copy). Writes keep the two
in step:

- :meth:`KGStore.replace_article` is one SPARQL update, one transaction: the
  old graph, any graph earlier built from the same file, and the default-graph
  triples no other article has go in the same breath as the new ones come.
- :meth:`KGStore.write_articles` takes many new articles at once with
  Oxigraph's bulk loader (several times faster, no transaction), behind a
  journal file: the article graphs first, then their triples in the default
  graph. If the process dies on the way, the next open takes out the graphs
  of the first step or finishes the second, so a store only ever holds whole
  articles. An article that replaces one goes through ``replace_article``.
  After a big write, :meth:`KGStore.finish` (or closing the store) compacts it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, one_line
from kg.rdf.graph import Encoded, Triple, encode
from kg.rdf.iris import article_iri
from kg.store.base import ArticleItem, Closing, QueryResult
from kg.store.readers import open_reader, refuse_if_served

DEFAULT_STORE = "kg-store"
_DCT_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
_MARKERS = ("CURRENT", "IDENTITY")
JOURNAL = "newskg-journal.json"  # in the store directory, while a bulk write is under way
#: triples bulk-written after which finish() compacts the store: it halves query times after a
#: big build and costs seconds, too many for a build that adds a few articles
OPTIMIZE_AFTER = 250_000
_DEFAULT = ox.DefaultGraph()


class KGStore(Closing):
    """An article-per-graph RDF store in a directory (a :class:`~kg.store.base.Store`).

    Example:
        >>> import tempfile
        >>> with KGStore(tempfile.mkdtemp() + "/s") as st:
        ...     st.count()
        0
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, create: bool = True, read_only: bool = False) -> None:
        """Open the store in ``path``, creating it if ``create`` (else it must exist).

        ``read_only`` opens it to read beside a process that writes (a running build):
        the store as it was at the last whole write, and no lock taken.

        Raises:
            StoreError: ``path`` is a file, a directory that is not a store, missing
                (``create=False``), locked by another process, or unreadable.
        """
        self.path = Path(path)
        where = self.where
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
        if not entries and (not create or read_only):
            raise StoreError(f"{where}: no store here; run 'kg build PATH --store {where}' first")
        self.read_only = read_only
        self._written = 0  # triples bulk-written since the last compaction
        if read_only:
            self._store = open_reader(self)
            return
        refuse_if_served(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreError(
                    f"{where}: store is locked by another process (a running 'kg build'?); wait for it to finish"
                ) from None
            raise StoreError(f"{where}: cannot open store ({one_line(e)})") from None
        except RuntimeError as e:  # RocksDB's "Corruption: ...": a damaged file
            raise damaged(where, e) from None
        self._recover()

    @property
    def where(self) -> str:
        """The store's directory, as error messages name it."""
        return self.path.as_posix()

    def close(self) -> None:
        """Finish any bulk write (:meth:`finish`), flush, and release the store's lock."""
        store = getattr(self, "_store", None)
        if store is not None and self.read_only:
            del self._store
        elif store is not None:
            try:
                self.finish()
            finally:
                store.flush()
                del self._store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph Store (embedded only: for loading test fixtures and benchmarks)."""
        return self._store

    def query(
        self, text: str, *, prefixes: Mapping[str, str] | None = None, article_graph: str | None = None
    ) -> QueryResult:
        """Run a SPARQL query over the default graph (the merge of the articles) or one article's graph."""
        if article_graph:
            return self._store.query(text, prefixes=dict(prefixes or {}), default_graph=ox.NamedNode(article_graph))
        return self._store.query(text, prefixes=dict(prefixes or {}))

    def update(self, text: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL update, in one transaction."""
        self._store.update(text, prefixes=dict(prefixes or {}))

    # ------------------------------------------------------------ consistency

    def journal(self) -> Path:
        """The file that says a bulk write is under way (while it exists)."""
        return self._journal()

    def _journal(self) -> Path:
        return self.path / JOURNAL

    def _set_journal(self, loading: Sequence[str], pending: Sequence[str]) -> None:
        """Record, durably, the graphs being bulk-loaded, or those whose default-graph copy is."""
        tmp = self.path / (JOURNAL + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"loading": list(loading), "pending": list(pending)}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self._journal())

    def _recover(self) -> None:
        """Undo or finish the bulk write a dead process left; fill the default graph of an older store."""
        journal = self._journal()
        try:
            if journal.exists():
                loading, pending = read_journal(journal)  # strict: only article graph IRIs reach SPARQL
                if loading:  # new graphs, maybe half written: take them out
                    self._store.update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in loading))
                if pending:  # whole graphs, maybe half in the default graph: put them all there
                    graphs = " ".join(str(g) for g in pending)
                    self._store.update(
                        f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"
                    )
                self._store.flush()
                journal.unlink()
            elif next(iter(self._store.named_graphs()), None) is not None and not self._has_default():
                # a store written before the default graph was kept: merge the article graphs once
                self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
                self._store.flush()
        except (OSError, RuntimeError, ValueError, KeyError, TypeError) as e:
            raise StoreError(
                f"{self.where}: cannot finish the write an interrupted build left ({one_line(e)}); "
                f"rebuild into a new --store"
            ) from None

    def _has_default(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, _DEFAULT)), None) is not None

    # ------------------------------------------------------------ writing

    def graphs_from_file(self, path: str) -> list[str]:
        """Named graphs built earlier from the file ``path``."""
        src = ox.Literal(path)
        return sorted(
            q.graph_name.value
            for q in self._store.quads_for_pattern(None, _DCT_SOURCE, src, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.subject == q.graph_name
        )

    def _replaced(self, article_id: str, path: str) -> list[str]:
        """The graphs writing this article replaces: its own, and any built earlier from the same file."""
        graph = article_iri(article_id)
        old = set(self.graphs_from_file(path)) if path else set()
        if self._store.contains_named_graph(ox.NamedNode(graph)):
            old.add(graph)
        return sorted(old)

    def replace_article(self, article_id: str, path: str, triples: Iterable[Triple]) -> int:
        """Write an article's graph in one transaction, replacing what it replaces.

        Returns:
            The number of distinct triples written.
        """
        return self.replace_encoded(article_id, path, encode(article_id, triples))

    def replace_encoded(self, article_id: str, path: str, encoded: Encoded) -> int:
        """:meth:`replace_article` for triples already encoded by :func:`kg.rdf.graph.encode`."""
        graph = article_iri(article_id)
        old = self._replaced(article_id, path)
        update = _drop(old) + " ;\n" if old else ""
        body = encoded.ntriples.decode()  # N-Triples lines are SPARQL data as they are
        update += f"INSERT DATA {{\n{body}GRAPH <{graph}> {{\n{body}}} }}"
        try:
            self._store.update(update)
        except (OSError, RuntimeError, SyntaxError) as e:
            raise StoreError(
                f"{self.where}: could not write article {article_id} ({one_line(e)}); nothing was changed"
            ) from None
        return encoded.count

    def write_articles(self, articles: Iterable[ArticleItem]) -> list[int]:
        """Write many articles, each whole: new ones with the bulk loader, the others one by one.

        Args:
            articles: ``(article_id, path, encoded)`` in the order to write them, with
                each article's triples encoded by :func:`kg.rdf.graph.encode`.

        Returns:
            The number of triples written for each article.
        """
        counts: list[int] = []
        batch: list[tuple[str, Encoded]] = []
        for article_id, path, encoded in articles:
            if any(a == article_id for a, _ in batch) or self._replaced(article_id, path):
                self._bulk(batch)
                batch = []
                counts.append(self.replace_encoded(article_id, path, encoded))
                continue
            batch.append((article_id, encoded))
            counts.append(encoded.count)
        self._bulk(batch)
        return counts

    def _bulk(self, batch: list[tuple[str, Encoded]]) -> None:
        """Bulk-load new article graphs, then their triples into the default graph, behind the journal."""
        batch = [(a, e) for a, e in batch if e.count]
        if not batch:
            return
        graphs = [article_iri(a) for a, _ in batch]
        try:
            self._set_journal(loading=graphs, pending=[])
            self._store.bulk_load(b"".join(e.nquads for _, e in batch), format=ox.RdfFormat.N_QUADS)
            self._store.flush()
            self._set_journal(loading=[], pending=graphs)
            self._store.bulk_load(
                b"".join(e.ntriples for _, e in batch), format=ox.RdfFormat.N_TRIPLES, to_graph=_DEFAULT
            )
            self._store.flush()
            self._journal().unlink()
            self._written += sum(e.count for _, e in batch)
        except (OSError, RuntimeError, ValueError, SyntaxError) as e:
            raise StoreError(
                f"{self.where}: could not write {len(batch)} articles ({one_line(e)}); "
                "the next 'kg build' on this store takes out any part of them"
            ) from None

    def remove_articles(self, article_ids: Sequence[str]) -> int:
        """Take articles out, in one transaction: their graphs, and the merged graph's triples no other
        article holds.

        Returns:
            How many of the articles were in the store.
        """
        graphs = [g for g in map(article_iri, article_ids) if self._store.contains_named_graph(ox.NamedNode(g))]
        if graphs:
            try:
                self._store.update(_drop(graphs))
            except (OSError, RuntimeError) as e:
                raise StoreError(
                    f"{self.where}: could not remove {len(graphs)} articles ({one_line(e)}); nothing was changed"
                ) from None
        return len(graphs)

    def finish(self) -> None:
        """After a big bulk write, compact the store: queries then read fewer files."""
        if self._written < OPTIMIZE_AFTER:
            return
        self._written = 0
        try:
            self._store.optimize()
        except (OSError, RuntimeError) as e:
            raise StoreError(f"{self.where}: could not compact the store ({one_line(e)})") from None

    # ------------------------------------------------------------ reading

    def article_triples(self, article_id: str) -> int:
        """How many triples an article's graph holds."""
        g = ox.NamedNode(article_iri(article_id))
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    def count(self) -> int:
        """Number of quads in the article graphs."""
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QuerySolutions)
        merged = next(iter(result))["n"]
        assert merged is not None
        return len(self._store) - int(merged.value)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs, graph by graph in IRI order."""
        for g in self.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the merged graph (the default graph), each once, in the store's index order."""
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, _DEFAULT))

    def named_graphs(self) -> list[str]:
        """The article graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs())


def _drop(graphs: Sequence[str]) -> str:
    """The update that drops article graphs, with the merged graph's triples that only they hold."""
    olds, listed = " ".join(f"<{g}>" for g in graphs), ", ".join(f"<{g}>" for g in graphs)
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?old {{ {olds} }} GRAPH ?old {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({listed})) }} }} ;\n"
        + " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
    )


def read_journal(path: Path) -> tuple[list[ox.NamedNode], list[ox.NamedNode]]:
    """The graphs a journal names, parsed strictly: ``{"loading": [IRI...], "pending": [IRI...]}``.

    Every IRI must be a valid article graph IRI, so that nothing else a file
    says reaches a SPARQL update.

    Raises:
        StoreError: the file is not such a journal (broken JSON, other keys, an IRI that is not an article's).
    """
    prefix = article_iri("")
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict) or set(state) != {"loading", "pending"}:
            raise ValueError('not {"loading": [...], "pending": [...]}')
        lists = [state["loading"], state["pending"]]
        if not all(isinstance(v, list) and all(isinstance(g, str) for g in v) for v in lists):
            raise ValueError("not lists of IRIs")
        nodes = [[ox.NamedNode(g) for g in v] for v in lists]
        wrong = [n.value for v in nodes for n in v if not n.value.startswith(prefix) or n.value == prefix]
        if wrong:
            raise ValueError(f"{wrong[0]!r} is not an article graph")
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise StoreError(
            f"{path.as_posix()}: not a journal newskg wrote ({one_line(e)[:120]}); nothing was changed; "
            "if no build is running, delete the file and rebuild the articles you were adding"
        ) from None
    return nodes[0], nodes[1]


def damaged(where: str, error: BaseException) -> StoreError:
    """The one line for a store whose database files are damaged, naming the file when RocksDB does."""
    msg = one_line(error)
    named = re.search(r"(/\S+?\.(?:sst|log)|/\S*MANIFEST-\d+)\b", msg)
    file = named.group(1) if named else f"{where}/CURRENT" if "CURRENT" in msg else where
    first = msg.split("  ")[0].split(" The file ")[0]
    return StoreError(
        f"{file}: the store is damaged ({first[:160]}); restore it from a backup, "
        "or rebuild it into a new --store (kg build ARTICLES --store NEW)"
    )
