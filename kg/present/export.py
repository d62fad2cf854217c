"""Export the store: Turtle and N-Triples merge the article graphs, TriG and
N-Quads keep them; JSON-LD too. A file is written as kg.present.output says.

The embedded store is streamed to the serializer, never held in memory: the
merged formats read its default graph (each triple once), the others its graphs
in IRI order. Either way the order is the store's index order, which depends
only on what the store holds, so the same store always exports the same bytes.
A remote store gathers and sorts (:meth:`~kg.store.remote.RemoteStore.triples`)."""

from __future__ import annotations

import itertools
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.errors import ExportError
from kg.present.output import write_output
from kg.rdf import ontology_file
from kg.rdf.graph import PREFIXES
from kg.store.base import Store

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ttl": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def _ontology_triples() -> list[ox.Triple]:
    path = ontology_file("kg.ttl")
    return list(t.triple for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def export_items(store: Store, fmt: str, with_ontology: bool = False) -> Iterator[ox.Triple] | Iterator[ox.Quad]:
    """The triples (merged formats) or quads (graph-keeping formats), in the store's stable order."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(sorted(FORMATS))}")
    _, keeps_graphs = FORMATS[fmt]
    ontology = _ontology_triples() if with_ontology else []
    if keeps_graphs:
        return itertools.chain(
            store.quads(), (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ontology)
        )
    return itertools.chain(store.triples(), ontology)


def export(
    store: Store, fmt: str = "turtle", output: str | Path | None = None, with_ontology: bool = False
) -> bytes | None:
    """Serialize the store and return the bytes; or write them to ``output`` (a file, or ``-`` for stdout).

    How each kind of ``output`` is written (a symlink, a device, a read-only file) is
    :func:`kg.present.output.write_output`'s.
    """
    rdf_format, _ = FORMATS.get(fmt, (None, None))
    items = _closing(export_items(store, fmt, with_ontology))
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    # triples for the merged formats, quads for the others: export_items picked by the same format
    data = cast("Iterable[ox.Triple]", items)
    try:
        if output is None:
            return ox.serialize(data, format=rdf_format, prefixes=prefixes)
        write_output(output, lambda f: ox.serialize(data, f, format=rdf_format, prefixes=prefixes))
        return None
    finally:
        # an open iterator holds the store, and with it its lock, past close() (say, in a
        # traceback kept after a failed write): end it here
        items.close()


def _closing(items: Iterable[ox.Triple] | Iterable[ox.Quad]) -> Generator[ox.Triple | ox.Quad, None, None]:
    """``items`` as a generator, so that it can be closed."""
    yield from items


# The old name, for callers written before kg.present.output: every ``-o`` goes through write_output.
write_atomic = write_output
