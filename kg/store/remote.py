"""A store on a SPARQL 1.1 server: the :class:`~kg.store.base.Store` protocol over HTTP.

Writes are SPARQL Update (form-encoded ``update=``). An article is written in
one update that drops the graphs it replaces and inserts the new one, so a
failure half-way leaves the old article (the server applies an update whole or
not at all). Only an article over ``batch_bytes`` goes in bounded batches to a
staging graph first, then is moved into place. The count is checked afterwards:
servers are known to drop large updates silently.

Reads are SPARQL queries whose results pyoxigraph parses into its own result
objects (:mod:`kg.store.sparql`), so ``run_query``, ``export``, ``viz`` and
``stats`` work on a server as they do on the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Literal

from kg.errors import StoreError
from kg.rdf.graph import Encoded, Triple, encode
from kg.rdf.iris import article_iri
from kg.store.base import ArticleItem, Closing, QueryResult
from kg.store.sparql import TIMEOUT, SparqlClient

BATCH_TRIPLES = 5_000  # per update request: large single updates are known to fail silently
BATCH_BYTES = 4_000_000  # and a cap on the request body, for articles with long literals
_DCT_SOURCE = "http://purl.org/dc/terms/source"


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return str(t.subject), str(t.predicate), str(t.object)


class RemoteStore(Closing):
    """An article-per-graph store on a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso...).

    Args:
        endpoint: the query URL, e.g. ``http://127.0.0.1:7878/query``.
        update_endpoint: the update URL; default: ``.../query`` becomes ``.../update``, else ``endpoint``.
        batch_triples: triples per update request.
        union_param: the query parameter that makes the default graph the union of all graphs;
            default ``$KG_SPARQL_UNION_PARAM`` or ``union-default-graph`` (Oxigraph); ``""``: none.
        check: ask the server a question now, to fail early if it is not there.

    Raises:
        StoreError: not an http(s) URL, or (``check``) the server cannot be reached.
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        *,
        batch_triples: int = BATCH_TRIPLES,
        batch_bytes: int = BATCH_BYTES,
        timeout: float = TIMEOUT,
        union_param: str | None = None,
        check: bool = True,
    ) -> None:
        self._client = SparqlClient(endpoint, update_endpoint, timeout, union_param)
        self._union: bool | None = None
        self.batch_triples = max(1, batch_triples)
        self.batch_bytes = batch_bytes
        if check:
            self._client.query("ASK { }")

    @property
    def where(self) -> str:
        """The query endpoint's URL (without credentials), as error messages name it."""
        return self._client.endpoint

    @property
    def client(self) -> SparqlClient:
        """The SPARQL protocol client this store talks through."""
        return self._client

    def finish(self) -> None:
        """Nothing to do: the server looks after its own files."""

    # ------------------------------------------------------------ queries

    def _over_union(self) -> bool:
        """Whether a query over every article needs the union parameter.

        A server whose default graph holds triples already shows every article
        there (a served newskg store, Fuseki's ``unionDefaultGraph``); to one whose
        default graph is empty, the union parameter is sent.
        """
        if self._union is None:
            self._union = not bool(self._client.query("ASK { ?s ?p ?o }"))
        return self._union

    def query(
        self, text: str, *, prefixes: Mapping[str, str] | None = None, article_graph: str | None = None
    ) -> QueryResult:
        """Run a SPARQL query over every article (their merge), or over one article's graph."""
        if article_graph:
            return self._client.query(text, prefixes=prefixes, default_graph=[ox.NamedNode(article_graph)])
        return self._client.query(text, prefixes=prefixes, use_default_graph_as_union=self._over_union())

    def update(self, text: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL update on the update endpoint."""
        self._client.update(text, prefixes=prefixes)

    def _select(self, text: str) -> list[ox.QuerySolution]:
        result = self._client.query(text)
        assert isinstance(result, ox.QuerySolutions), text
        return list(result)

    # ------------------------------------------------------------ writing

    def graphs_from_file(self, path: str) -> list[str]:
        """Named graphs built earlier from the file ``path``."""
        q = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{_DCT_SOURCE}> {Literal(path).n3()} }} }}"
        return sorted(s["g"].value for s in self._select(q))

    def _graph_size(self, graph: str) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"].value) if rows else 0

    def _batches(self, lines: list[str]) -> Iterator[list[str]]:
        batch: list[str] = []
        size = 0
        for line in lines:
            if batch and (len(batch) >= self.batch_triples or size + len(line) > self.batch_bytes):
                yield batch
                batch, size = [], 0
            batch.append(line)
            size += len(line) + 1
        if batch:
            yield batch

    def _write(self, article_id: str, update: str) -> None:
        try:
            self._client.update(update)
        except SyntaxError as e:  # the server's parser disagrees with ours: say which article
            raise StoreError(
                f"{self.where}: could not write article {article_id}: the server rejected the update ({e})"
            ) from None

    def write_articles(self, articles: Iterable[ArticleItem]) -> list[int]:
        """Write many articles, one after the other (a server has no bulk loader to share)."""
        return [self.replace_encoded(article_id, path, encoded) for article_id, path, encoded in articles]

    def replace_article(self, article_id: str, path: str, triples: Iterable[Triple]) -> int:
        """Write an article's graph, replacing what it replaces; readers see the old or the new, whole.

        Returns:
            The number of distinct triples written.

        Raises:
            StoreError: the server failed, or the graph does not hold the triples sent.
        """
        return self.replace_encoded(article_id, path, encode(article_id, triples))

    def replace_encoded(self, article_id: str, path: str, encoded: Encoded) -> int:
        """:meth:`replace_article` for triples already encoded by :func:`kg.rdf.graph.encode`.

        An article that fits in one request (``batch_bytes``) is written in one
        update, which the server applies whole or not at all: no reader ever sees
        part of it. A larger one goes through a staging graph in batches, which
        readers of the union of all graphs can see until it is moved into place.
        """
        graph = article_iri(article_id)
        staging = f"{graph}/staging"
        lines = encoded.ntriples.decode().split("\n")[:-1]  # one triple a line (not splitlines: U+2028 is text)
        old = set(self.graphs_from_file(path)) if path else set()
        old = (old | {graph, staging}) - ({staging} if len(encoded.ntriples) > self.batch_bytes else set())
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted(old))
        if len(encoded.ntriples) <= self.batch_bytes:
            insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }" if lines else ""
            self._write(article_id, (drops + insert).rstrip(" ;\n"))
        else:
            self._stage(article_id, staging, lines)
            self._write(article_id, drops + f"MOVE SILENT GRAPH <{staging}> TO <{graph}>")
        got = self._graph_size(graph)
        if got != len(lines):
            raise StoreError(
                f"{self.where}: article {article_id}: the server kept {got} of {len(lines)} triples sent in "
                f"<{graph}> (an update dropped silently?); run the same build again, or check the server's log"
            )
        return len(lines)

    def remove_articles(self, article_ids: Sequence[str]) -> int:
        """Drop article graphs in one request; how many of them the server held."""
        graphs = [article_iri(a) for a in article_ids]
        held = [g for g in graphs if self._graph_size(g)]
        if held:
            self._client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in held))
        return len(held)

    def _stage(self, article_id: str, staging: str, lines: list[str]) -> None:
        """Send an article's triples to its staging graph in batches, and check that all arrived."""
        first = f"DROP SILENT GRAPH <{staging}> ;\n"
        for batch in self._batches(lines):
            self._write(article_id, first + f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(batch) + "\n} }")
            first = ""
        if first:  # no triples at all: still clear a staging graph left by an interrupted build
            self._write(article_id, first.rstrip(" ;\n"))
        got = self._graph_size(staging)
        if got != len(lines):
            self._client.update(f"DROP SILENT GRAPH <{staging}>")
            raise StoreError(
                f"{self.where}: article {article_id}: the server kept {got} of {len(lines)} triples sent "
                "(a request dropped silently?); nothing was changed; try a smaller batch or check the server's log"
            )

    # ------------------------------------------------------------ reading

    def article_triples(self, article_id: str) -> int:
        """How many triples an article's graph holds."""
        return self._graph_size(article_iri(article_id))

    def count(self) -> int:
        """Number of quads in the named graphs (a store built by kg has nothing else)."""
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def named_graphs(self) -> list[str]:
        """The article graphs, sorted."""
        return sorted(s["g"].value for s in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def _graph_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs, one graph (one CONSTRUCT request) at a time."""
        for g in self.named_graphs():
            node = ox.NamedNode(g)
            result = self._client.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            assert isinstance(result, ox.QueryTriples)
            for t in result:
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs, gathered and sorted: a server's order is its own."""
        return iter(sorted(self._graph_quads(), key=_quad_key))

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the named graphs once, gathered and sorted."""
        return iter(sorted({q.triple for q in self._graph_quads()}, key=_triple_key))
