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
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from kg.articles import MAX_BYTES, load_article
from kg.build import BATCH, IN_FLIGHT, BuildReport
from kg.errors import ArticleError, KGError, ModelError
from kg.extract import extract
from kg.extract.lexicon import load_lexicon
from kg.model import Article
from kg.nlp import build_nlp
from kg.rdf.graph import Triple, fact_triples
from kg.store.embedded import KGStore

LOCAL = "local"
LOCAL_WORKERS = 2


class ClusterError(KGError):
    """The Dask scheduler cannot be reached or the cluster cannot start."""

    code = "KG560"


class Extracted(NamedTuple):
    """One article, extracted on a worker: what the main process writes and counts."""

    article_id: str
    path: str
    triples: list[Triple]
    facts: int
    entities: tuple[str, ...]
    warnings: list[warnings.WarningMessage]


def extract_articles(articles: list[Article], model: str | None = None) -> list[Extracted]:
    """Parse and extract a batch of articles (runs on a worker; the pipeline is loaded once per process).

    Example:
        >>> extract_articles([])
        []
    """
    if not articles:
        return []
    nlp, lex = build_nlp(model), load_lexicon()
    out = []
    for article, doc in zip(articles, nlp.pipe((a.body for a in articles), batch_size=len(articles))):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            facts = extract(article, doc, lex)
            triples = list(fact_triples(article, facts))
        entities = tuple({f.subject.label: None for f in facts if hasattr(f.subject, "label")})
        out.append(Extracted(article.id, article.path, triples, len(facts), entities, list(caught)))
    return out


class _Slot:
    """One input file's place in the output order: a load error, an article waiting, or its result."""

    __slots__ = ("article", "skipped", "result", "warnings")

    def __init__(self, article: Article | None, skipped: str, caught: list) -> None:
        self.article = article
        self.skipped = skipped
        self.result: Extracted | None = None
        self.warnings = caught

    @property
    def ready(self) -> bool:
        return self.article is None or self.result is not None or bool(self.skipped)


def _load(paths: list[Path], date: dt.date | None, max_bytes: int) -> list[_Slot]:
    slots = []
    for p in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                slots.append(_Slot(load_article(p, date=date, max_bytes=max_bytes), "", caught))
            except ArticleError as e:
                slots.append(_Slot(None, str(e), caught))
    return slots


@contextmanager
def dask_client(scheduler, n_workers: int = LOCAL_WORKERS, timeout: str = "20s") -> Iterator:
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
            f"--dask {scheduler}: cannot reach the Dask scheduler ({' '.join(str(e).split())}); "
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
    store: KGStore,
    scheduler="local",
    date: dt.date | None = None,
    model: str | None = None,
    progress: Callable[[Article], None] | None = None,
    max_bytes: int = MAX_BYTES,
    n_workers: int = LOCAL_WORKERS,
    batch_size: int = BATCH,
    extract_fn: Callable[[list[Article], str | None], list[Extracted]] = extract_articles,
) -> BuildReport:
    """Build like :func:`kg.build.build`, with parsing and extraction on a Dask cluster.

    Args:
        paths: article files, in the order to build them.
        store: where the graphs go (embedded or remote); only this process writes to it.
        scheduler: ``"local"`` (a LocalCluster of ``n_workers`` processes), a scheduler
            address such as ``tcp://10.0.0.5:8786``, or a ``dask.distributed.Client``.
        batch_size: articles per task.
        extract_fn: what a task runs on a batch (a seam for tests).

    Returns:
        The BuildReport; a file that cannot be read or extracted is in ``skipped``.

    Raises:
        ClusterError: the cluster cannot be reached.
        ModelError: the workers cannot load the spaCy pipeline.
    """
    from dask.distributed import as_completed

    report = BuildReport()
    t0 = time.perf_counter()
    paths = list(paths)
    with dask_client(scheduler, n_workers) as client:
        batches = (paths[i : i + batch_size] for i in range(0, len(paths), batch_size))
        order: list[_Slot | None] = []  # every file read so far, in input order; None once written
        written = 0
        running = as_completed()
        waiting: dict = {}  # future -> the slots of its articles

        def submit(slots: list[_Slot]) -> None:
            future = client.submit(extract_fn, [s.article for s in slots], model, pure=False)
            waiting[future] = slots
            running.add(future)

        def feed() -> None:
            limit = max(1, sum(client.nthreads().values())) * IN_FLIGHT  # workers may come and go
            while len(waiting) < limit:
                batch = next(batches, None)
                if batch is None:
                    return
                slots = _load(batch, date, max_bytes)
                order.extend(slots)
                todo = [s for s in slots if s.article is not None]
                if todo:
                    submit(todo)

        feed()
        while True:
            while written < len(order) and order[written].ready:
                _write(order[written], store, report, progress)
                order[written] = None  # let the triples go
                written += 1
            if not waiting:
                feed()
                if not waiting and written == len(order):
                    break
                continue
            future = next(running)
            slots = waiting.pop(future)
            if future.status == "finished":
                for slot, result in zip(slots, future.result()):
                    slot.result = result
            else:
                _failed(future, slots, submit)
            future.release()
            feed()
    report.seconds = time.perf_counter() - t0
    return report


def _failed(future, slots: list[_Slot], submit: Callable[[list[_Slot]], None]) -> None:
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
    slot.skipped = (
        f"{slot.article.path}: extraction failed on the Dask cluster "
        f"({type(error).__name__}: {' '.join(str(error).split())}); skipped"
    )


def _write(slot: _Slot, store, report: BuildReport, progress) -> None:
    for w in slot.warnings + (slot.result.warnings if slot.result else []):
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if slot.skipped or slot.article is None:
        report.skipped.append(slot.skipped)
        return
    if not slot.article.body.strip():
        return
    r = slot.result
    report.triples += store.replace_article(r.article_id, r.path, r.triples)
    report.articles += 1
    report.facts += r.facts
    report.entities.update(r.entities)
    if progress is not None:
        progress(slot.article)
