"""Build: articles in, one named graph per article in the store.

Reading, parsing and extraction run in batches; with ``workers > 1`` each batch
goes to a worker process that loads the pipeline once and sends back finished
triples, so the main process only writes to the store. Results come back in
input order, so a build is the same whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.articles import MAX_BYTES, load_article
from kg.errors import ArticleError, StoreError
from kg.extract import extract
from kg.extract.lexicon import load_lexicon
from kg.model import Article, Fact
from kg.nlp import build_nlp
from kg.rdf.graph import Encoded, encode, fact_triples
from kg.store.embedded import KGStore

BATCH = 8  # articles per task: small enough to balance the workers, big enough for nlp.pipe
IN_FLIGHT = 2  # batches queued per worker: keeps workers busy, bounds the memory of finished results
#: triples gathered before they go to the store's bulk loader in one go: bigger batches load
#: faster (fewer, larger files for the store to merge), smaller ones hold less in memory
WRITE_EVERY = 100_000
WRITE_EVERY_ENV = "KG_WRITE_EVERY"  # to set it for one run, e.g. smaller on a machine short of memory


@dataclass
class BuildReport:
    """What a build did."""

    articles: int = 0
    facts: int = 0
    triples: int = 0
    entities: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)  # one message per skipped file
    seconds: float = 0.0

    def summary(self) -> str:
        line = (
            f"built {self.articles} article{'s' if self.articles != 1 else ''}: "
            f"{len(self.entities)} entities, {self.facts} facts, {self.triples} triples in {self.seconds:.1f} s"
        )
        if self.skipped:
            line += f"; skipped {len(self.skipped)} file{'s' if len(self.skipped) != 1 else ''}"
        return line


@dataclass
class _Done:
    """One input file, extracted: what the main process needs to write it and report on it."""

    article: Article | None
    skipped: str = ""
    facts: int = 0
    entities: tuple[str, ...] = ()
    encoded: Encoded = Encoded(b"", b"", 0)  # the triples, encoded in the worker: bytes pickle fast
    warnings: list[warnings.WarningMessage] = field(default_factory=list)


def read_articles(
    paths: Iterable[Path], date: dt.date | None, report: BuildReport, max_bytes: int = MAX_BYTES
) -> Iterator[Article]:
    """Load each file; a bad one is recorded in the report and skipped."""
    for p in paths:
        try:
            yield load_article(p, date=date, max_bytes=max_bytes)
        except ArticleError as e:
            report.skipped.append(str(e))


def extract_all(
    articles: Iterable[Article], model: str | None = None, workers: int = 1, batch_size: int = 16
) -> Iterator[tuple[Article, list[Fact]]]:
    """Parse and extract articles as a stream (spaCy's ``nlp.pipe``)."""
    nlp = build_nlp(model)
    lex = load_lexicon()
    pairs = ((a.body, a) for a in articles)
    kwargs = {"batch_size": batch_size}
    if workers > 1:
        kwargs["n_process"] = workers
    for doc, article in nlp.pipe(pairs, as_tuples=True, **kwargs):
        yield article, extract(article, doc, lex)


def _extract_batch(paths: list[Path], date: dt.date | None, max_bytes: int, model: str | None) -> list[_Done]:
    """Read, parse and extract a few files; a bad file becomes a ``_Done`` with its message.

    Warnings are recorded on each file's ``_Done``, to be issued where the store is written.
    """
    out: list[_Done] = []
    for p in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                out.append(_Done(load_article(p, date=date, max_bytes=max_bytes), warnings=caught))
            except ArticleError as e:
                out.append(_Done(None, skipped=str(e), warnings=caught))
    loaded = [d for d in out if d.article is not None]
    if not loaded:
        return out
    nlp, lex = build_nlp(model), load_lexicon()
    docs = nlp.pipe((d.article.body for d in loaded), batch_size=len(loaded))
    for done, doc in zip(loaded, docs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            facts = extract(done.article, doc, lex)
            done.encoded = encode(done.article.id, fact_triples(done.article, facts))
        done.warnings.extend(caught)
        done.facts = len(facts)
        done.entities = tuple({f.subject.label: None for f in facts if hasattr(f.subject, "label")})
    return out


_WORKER: dict = {}  # in a worker process: the build's settings and any error loading the pipeline


def _init_worker(date: dt.date | None, max_bytes: int, model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.update(date=date, max_bytes=max_bytes, model=model, error=None)
    try:
        build_nlp(model)
        load_lexicon()
    except Exception as e:  # raised from the first task: a failing initializer would be retried forever
        _WORKER["error"] = e


def _work(paths: list[Path]) -> list[_Done]:
    if _WORKER["error"] is not None:
        raise _WORKER["error"]
    return _extract_batch(paths, _WORKER["date"], _WORKER["max_bytes"], _WORKER["model"])


def _batches(paths: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(paths), size):
        yield paths[i : i + size]


def _extracted(
    paths: list[Path], date: dt.date | None, max_bytes: int, model: str | None, workers: int
) -> Iterator[_Done]:
    """Every file extracted, in input order; in worker processes if ``workers > 1``."""
    tasks = _batches(paths, BATCH if workers > 1 else 16)
    if workers <= 1 or len(paths) <= BATCH:
        for batch in tasks:
            yield from _extract_batch(batch, date, max_bytes, model)
        return
    # fork where there is one: workers touch only spaCy, never the store, and a
    # script calling build() needs no ``if __name__ == "__main__"`` guard
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    n = min(workers, -(-len(paths) // BATCH))
    with ctx.Pool(n, initializer=_init_worker, initargs=(date, max_bytes, model)) as pool:
        pending: deque = deque()
        for batch in tasks:
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= n * IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def build(
    paths: list[Path],
    store: KGStore,
    date: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    progress: Callable[[Article], None] | None = None,
    max_bytes: int = MAX_BYTES,
    write_every: int | None = None,
) -> BuildReport:
    """Extract every article and load each into its own named graph.

    Args:
        paths: article files, in the order to build them.
        store: where the graphs go.
        workers: processes that parse and extract; the main process writes.
        progress: called with each article once it is in the store.
        write_every: triples to gather before writing them in one go
            (default ``$KG_WRITE_EVERY`` or :data:`WRITE_EVERY`).
    """
    every = write_every or _write_every()
    report = BuildReport()
    t0 = time.perf_counter()
    pending: list[_Done] = []
    size = 0
    for done in _extracted(list(paths), date, max_bytes, model, workers):
        for w in done.warnings:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        article = done.article
        if article is None:
            report.skipped.append(done.skipped)
            continue
        if not article.body.strip():
            continue
        pending.append(done)
        size += done.encoded.count
        if size >= every:
            _write(store, pending, report, progress)
            pending, size = [], 0
    _write(store, pending, report, progress)
    if hasattr(store, "finish"):
        store.finish()
    report.seconds = time.perf_counter() - t0
    return report


def _write_every() -> int:
    value = os.environ.get(WRITE_EVERY_ENV, "")
    try:
        return max(1, int(value)) if value else WRITE_EVERY
    except ValueError:
        raise StoreError(
            f"${WRITE_EVERY_ENV}={value!r}: not a number of triples; unset it or give e.g. 50000"
        ) from None


def _write(store: KGStore, done: list[_Done], report: BuildReport, progress) -> None:
    """Write finished articles: in one bulk write where the store has one, else one by one."""
    if not done:
        return
    items = [(d.article.id, d.article.path, d.encoded) for d in done]
    if hasattr(store, "write_articles"):
        counts = store.write_articles(items)
    else:
        counts = [store.replace_encoded(*item) for item in items]
    for d, n in zip(done, counts):
        report.articles += 1
        report.facts += d.facts
        report.triples += n
        report.entities.update(d.entities)
        if progress is not None:
            progress(d.article)
