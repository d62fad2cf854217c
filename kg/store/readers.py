"""Readers beside a writer: a store opened read-only while a build writes to it, and the mark a
running ``kg serve`` leaves so that a build does not write under it.

Oxigraph (RocksDB) lets any number of processes open a store read-only while one
process holds it to write; each sees the store as it was when it opened. A bulk
write is whole only once its journal file is gone (:mod:`kg.store.embedded`), so a
reader opens when there is no journal, and opens again if one appeared meanwhile.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import StoreError, one_line

if TYPE_CHECKING:
    from kg.store.embedded import KGStore

SERVING = "newskg-serving.json"  # in the store directory, while 'kg serve' has it open
READ_WAIT = 60.0  # seconds a reader waits for a bulk write under way to finish
OPEN_TRIES = 40  # failed opens (every 0.05 s) before a reader gives up: a writer swaps files as it opens


def _stamp(store: KGStore) -> tuple[bool, int]:
    """Whether a bulk write is under way, and when the directory last changed (a journal came or went)."""
    try:
        return store.journal().exists(), store.path.stat().st_mtime_ns
    except OSError:
        return False, 0


def open_reader(store: KGStore, wait: float = READ_WAIT) -> ox.Store:
    """The store read-only, as it was after the last whole write.

    Raises:
        StoreError: it cannot be opened, or a bulk write stays under way for ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    error: BaseException | None = None
    failures = 0
    while True:
        busy, before = _stamp(store)
        if busy:
            _finish_dead_write(store)
        else:
            try:
                reader = ox.Store.read_only(str(store.path))
            except (OSError, RuntimeError) as e:  # the writer swapped a file as it was opened: again
                error = e
            else:
                if _stamp(store) == (False, before) or time.monotonic() > deadline:
                    return _upgraded(store, reader)
                del reader
        if time.monotonic() > deadline or (error is not None and (failures := failures + 1) > OPEN_TRIES):
            if error is not None and "corrupt" in str(error).lower():  # not a race with a writer: a damaged file
                from kg.store.embedded import damaged

                raise damaged(store.where, error)
            why = one_line(error) if error else f"a build has been writing for over {wait:.0f} s without finishing"
            raise StoreError(f"{store.where}: cannot open the store to read ({why}); try again")
        time.sleep(0.05)


def _upgraded(store: KGStore, reader: ox.Store) -> ox.Store:
    """A store written before the merged default graph was kept gets it once, by a writer's open."""
    has_graphs = next(iter(reader.named_graphs()), None) is not None
    if not has_graphs or next(iter(reader.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return reader
    del reader
    _finish_dead_write(store)  # opening as a writer merges the article graphs (unless a writer holds it)
    return ox.Store.read_only(str(store.path))


def _finish_dead_write(store: KGStore) -> None:
    """A journal and nobody holding the store: the writer died; recover as a writer would."""
    from kg.store.embedded import KGStore

    try:
        KGStore(store.path, create=False).close()
    except StoreError:  # locked: the writer is alive, so wait for it
        pass


# ---------------------------------------------------------------- kg serve


def mark_served(path: str | Path, url: str, read_only: bool) -> Path:
    """Leave the mark of a server on a store directory; the caller removes it when the server stops."""
    mark = Path(path) / SERVING
    mark.write_text(json.dumps({"pid": os.getpid(), "url": url, "read_only": read_only}), encoding="utf-8")
    return mark


def refuse_if_served(path: Path) -> None:
    """Refuse to write to a store that a running ``kg serve`` has open.

    A read-only server would never see what is written (and Oxigraph calls the result
    undefined); a read-write one holds the lock and takes writes through its endpoint.

    Raises:
        StoreError: one line naming the server and what to do instead.
    """
    try:
        mark = json.loads((path / SERVING).read_text(encoding="utf-8"))
        pid, url, read_only = int(mark["pid"]), str(mark["url"]), bool(mark["read_only"])
    except (OSError, ValueError, KeyError, TypeError):
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return  # a server that died without tidying up
    except PermissionError:
        pass
    how = (
        f"build through it with --endpoint {url}/query"
        if not read_only
        else f"stop it first (it would not see new articles), or serve --allow-update and use --endpoint {url}/query"
    )
    raise StoreError(f"{path.as_posix()}: 'kg serve' (pid {pid}) is serving this store at {url}; {how}")
