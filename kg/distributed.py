"""A build whose extraction runs on a Dask cluster; the main process reads the files and writes the store.

Files are read here (workers need no shared disk), batches of articles go to
the workers, each of which loads the spaCy pipeline once (``build_nlp`` is
cached per process), and the finished triples stream back with
``as_completed``. They are written in input order, so the store is the one a
single-process :func:`kg.build.build` gives. A batch that fails is retried one
article at a time; an article that still fails is reported and skipped.

Workers need newskg and the spaCy pipeline installed, at the same versions.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.articles import MAX_BYTES
from kg.build import (
    BATCH,
    IN_FLIGHT,
    BuildReport,
    Extracted,
    Progress,
    Slot,
    extract_articles,
    failed_message,
    planned_slots,
    write_slots,
)
from kg.errors import KGError, ModelError, one_line
from kg.model import Article
from kg.store.base import Store

__all__ = ["ClusterError", "Extracted", "build_dask", "dask_client", "extract_articles"]

LOCAL = "local"
LOCAL_WORKERS = 2


class ClusterError(KGError):
    """The Dask scheduler cannot be reached or the cluster cannot start."""

    code = "KG560"


@contextmanager
def dask_client(scheduler: Any, n_workers: int = LOCAL_WORKERS, timeout: str = "20s") -> Iterator[Any]:
    """A ``dask.distributed.Client``: for ``"local"`` a LocalCluster on loopback, else the scheduler at that address.

    A Client passed in is used as it is, and left open.

    Raises:
        ClusterError: the scheduler cannot be reached, or the local cluster cannot start.
    """
    from dask.distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    try:
        if scheduler == LOCAL:
            cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # loopback, any port: no clash with a running cluster
            )
            client = Client(cluster)
        else:
            cluster, client = None, Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(
            f"--dask {scheduler}: cannot reach the Dask scheduler ({one_line(e)}); "
            "start one with 'dask scheduler' and 'dask worker ADDRESS', or pass --dask local"
        ) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def build_dask(
    paths: list[Path],
    store: Store,
    scheduler: Any = "local",
    date: dt.date | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    n_workers: int = LOCAL_WORKERS,
    batch_size: int = BATCH,
    extract_fn: Callable[[list[Article], str | None], list[Extracted]] = extract_articles,
    force: bool = False,
    planned: Callable[[list[Article]], None] | None = None,
) -> BuildReport:
    """Build like :func:`kg.build.build`, with parsing and extraction on a Dask cluster.

    Args:
        paths: article files, in the order to build them.
        store: where the graphs go (embedded or remote); only this process writes to it.
        scheduler: ``"local"`` (a LocalCluster of ``n_workers`` processes), a scheduler
            address such as ``tcp://10.0.0.5:8786``, or a ``dask.distributed.Client``.
        batch_size: articles per task.
        extract_fn: what a task runs on a batch (a seam for tests).
        force: build every article, even those the store holds unchanged.
        planned: called once with the articles to extract, before the first is.

    Returns:
        The BuildReport; a file that cannot be read or extracted is in ``skipped``.

    Raises:
        ClusterError: the cluster cannot be reached.
        ModelError: the workers cannot load the spaCy pipeline.
    """
    report = BuildReport()
    t0 = time.perf_counter()
    with dask_client(scheduler, n_workers) as client:
        run = _Run(client, store, report, progress, extract_fn, model)
        slots, done = planned_slots(list(paths), store, date, max_bytes, force, report, model)
        if planned is not None:
            planned([s.article for s in slots if s.article is not None])
        run.batches = (slots[i : i + batch_size] for i in range(0, len(slots), batch_size))
        run.loop()
    store.finish()
    done()
    report.seconds = time.perf_counter() - t0
    return report


class _Run:
    """One Dask build under way: batches out to the workers, results written back in input order."""

    def __init__(
        self,
        client: Any,
        store: Store,
        report: BuildReport,
        progress: Progress | None,
        extract_fn: Callable[[list[Article], str | None], list[Extracted]],
        model: str | None,
    ) -> None:
        from dask.distributed import as_completed

        self.client, self.store, self.report, self.progress = client, store, report, progress
        self.extract_fn, self.model = extract_fn, model
        self.batches: Iterator[list[Slot]] = iter(())
        self.order: list[Slot] = []  # files read and not yet written, in input order
        self.running = as_completed()
        self.waiting: dict[Any, list[Slot]] = {}  # future -> the slots of its articles

    def submit(self, slots: list[Slot]) -> None:
        future = self.client.submit(self.extract_fn, [s.article for s in slots], self.model, pure=False)
        self.waiting[future] = slots
        self.running.add(future)

    def feed(self) -> None:
        """Read and submit batches until every worker has ``IN_FLIGHT`` of them (workers may come and go)."""
        limit = max(1, sum(self.client.nthreads().values())) * IN_FLIGHT
        while len(self.waiting) < limit:
            slots = next(self.batches, None)
            if slots is None:
                return
            self.order.extend(slots)
            todo = [s for s in slots if s.article is not None]
            if todo:
                self.submit(todo)

    def flush(self) -> None:
        """Write the slots at the head of the order that are ready, and let their triples go."""
        n = 0
        while n < len(self.order) and self.order[n].ready:
            n += 1
        if n:
            write_slots(self.store, self.order[:n], self.report, self.progress)
            del self.order[:n]

    def loop(self) -> None:
        self.feed()
        while True:
            self.flush()
            if not self.waiting:
                self.feed()
                if not self.waiting and not self.order:
                    return
                continue
            future = next(self.running)
            slots = self.waiting.pop(future)
            if future.status == "finished":
                for slot, result in zip(slots, future.result()):
                    slot.result = result
            else:
                _failed(future, slots, self.submit)
            future.release()
            self.feed()


def _failed(future: Any, slots: list[Slot], submit: Callable[[list[Slot]], None]) -> None:
    """A task raised: split its batch into one task per article, or report its one article."""
    try:
        error = future.exception()
    except Exception as e:  # a cancelled task has no exception of its own
        error = e
    if isinstance(error, ModelError):
        raise error
    if len(slots) > 1:
        for slot in slots:
            submit([slot])
        return
    slot = slots[0]
    where = slot.article.path if slot.article else "?"
    slot.skipped = failed_message(where, error, " on the Dask cluster")
