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
from typing import TYPE_CHECKING

from kg.articles import MAX_BYTES, load_article
from kg.errors import ArticleError, ExtractionError, StoreError, one_line
from kg.model import Article, EntityRef
from kg.plan import Plan, plan_build
from kg.rdf.graph import Encoded, encode, fact_triples
from kg.store.base import Store
from kg.store.catalog import stored_articles
from kg.store.fingerprints import quick_check

if TYPE_CHECKING:  # spaCy is imported only when something is parsed
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon

BATCH = 8  # articles per task: small enough to balance the workers, big enough for nlp.pipe
ONE_BATCH = 4  # articles per nlp.pipe call in a one-process build: progress moves every few articles
IN_FLIGHT = 2  # batches queued per worker: keeps workers busy, bounds the memory of finished results
#: triples gathered before they go to the store's bulk loader in one go: bigger batches load
#: faster (fewer, larger files for the store to merge), smaller ones hold less in memory
WRITE_EVERY = 100_000
WRITE_EVERY_ENV = "KG_WRITE_EVERY"  # to set it for one run, e.g. smaller on a machine short of memory
Progress = Callable[[Article], None]


@dataclass
class BuildReport:
    """What a build did."""

    articles: int = 0
    facts: int = 0
    triples: int = 0
    entities: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)  # one message per skipped file
    seconds: float = 0.0
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # in the store as they are: not parsed again
    duplicates: int = 0  # files whose body another file already gives

    def summary(self) -> str:
        line = (
            f"built {self.articles} article{'s' if self.articles != 1 else ''}: "
            f"{len(self.entities)} entities, {self.facts} facts, {self.triples} triples in {self.seconds:.1f} s"
            f" (added {self.added}, updated {self.updated}, unchanged {self.unchanged}"
            + (f", {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''}" if self.duplicates else "")
            + ")"
        )
        if self.skipped:
            line += f"; skipped {len(self.skipped)} file{'s' if len(self.skipped) != 1 else ''}"
        return line

    def planned(self, plan: Plan) -> None:
        """Count what the plan leaves alone and what it builds."""
        self.added, self.updated, self.unchanged, self.duplicates = (
            plan.added,
            plan.updated,
            plan.unchanged,
            plan.duplicates,
        )


@dataclass(frozen=True)
class Extracted:
    """One article, parsed, extracted and encoded: what the main process writes and counts."""

    article_id: str
    path: str
    encoded: Encoded  # the triples, encoded where they were extracted: bytes pickle fast
    facts: int
    entities: tuple[str, ...]
    warnings: list[warnings.WarningMessage]
    error: str = ""  # why the article could not be parsed or extracted; then nothing else is set


@dataclass
class Slot:
    """One input file's place in the output order: the article read (or why not), then its extraction.

    Warnings are recorded, to be issued where the store is written (the main process).
    """

    article: Article | None
    skipped: str = ""
    warnings: list[warnings.WarningMessage] = field(default_factory=list)
    result: Extracted | None = None

    @property
    def ready(self) -> bool:
        """Whether the slot can be written: skipped, or extracted."""
        return self.article is None or self.result is not None or bool(self.skipped)


def read_slots(paths: Iterable[Path], date: dt.date | None, max_bytes: int) -> list[Slot]:
    """Read each file into a :class:`Slot`; a bad file's slot holds its one-line message."""
    slots = []
    for p in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                slots.append(Slot(load_article(p, date=date, max_bytes=max_bytes), warnings=caught))
            except ArticleError as e:
                slots.append(Slot(None, skipped=str(e), warnings=caught))
    return slots


def extract_articles(articles: list[Article], model: str | None = None) -> list[Extracted]:
    """Parse, extract and encode a batch of articles (the pipeline is loaded once per process).

    This is the one extraction path: worker processes, Dask workers and a
    one-process build all run it. An article over the parser's ``max_length`` is
    parsed in pieces (:mod:`kg.chunks`); an article whose parse or extraction
    raises comes back with its ``error`` set, so that one file never stops the others.

    Raises:
        ModelError: the pipeline cannot be loaded.

    Example:
        >>> extract_articles([])
        []
    """
    if not articles:
        return []
    from kg.chunks import parse_texts  # here, not at the top: a build with nothing to parse never loads spaCy
    from kg.extract.lexicon import load_lexicon
    from kg.nlp import build_nlp

    nlp, lex = build_nlp(model), load_lexicon()
    try:
        docs = list(parse_texts(nlp, [a.body for a in articles], batch_size=len(articles)))
    except Exception as e:  # one bad text fails the whole batch: find it, parse the others alone
        if len(articles) == 1:
            return [failed_extraction(articles[0], e)]
        return [r for a in articles for r in extract_articles([a], model)]
    return [_extract_one(article, doc, lex) for article, doc in zip(articles, docs)]


def _extract_one(article: Article, doc: Doc, lex: Lexicon) -> Extracted:
    from kg.extract import extract

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            facts = extract(article, doc, lex)
            encoded = encode(article.id, fact_triples(article, facts))
    except Exception as e:  # a bug on one odd text: skip that article, build the rest
        return failed_extraction(article, e)
    entities = tuple({f.subject.label: None for f in facts if isinstance(f.subject, EntityRef)})
    return Extracted(article.id, article.path, encoded, len(facts), entities, list(caught))


def failed_message(path: str, error: BaseException, where: str = "") -> str:
    """The one line that reports an article whose parse or extraction raised."""
    what = one_line(f"{type(error).__name__}: {error}")
    what = what if len(what) <= 160 else what[:159] + "…"
    return str(ExtractionError(f"{path}: could not be parsed or extracted{where} ({what}); skipped"))


def failed_extraction(article: Article, error: BaseException) -> Extracted:
    """An :class:`Extracted` with no triples, that says why."""
    return Extracted(article.id, article.path, Encoded(b"", b"", 0), 0, (), [], failed_message(article.path, error))


def _extract_batch(articles: list[Article], model: str | None) -> list[Extracted]:
    """Parse and extract a few articles (read by the main process)."""
    return extract_articles(articles, model)


_WORKER: dict = {}  # in a worker process: the build's settings and any error loading the pipeline


def _init_worker(model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.update(model=model, error=None)
    from kg.extract.lexicon import load_lexicon
    from kg.nlp import build_nlp

    try:
        build_nlp(model)
        load_lexicon()
    except Exception as e:  # raised from the first task: a failing initializer would be retried forever
        _WORKER["error"] = e


def _work(articles: list[Article]) -> list[Extracted]:
    if _WORKER["error"] is not None:
        raise _WORKER["error"]
    return _extract_batch(articles, _WORKER["model"])


def _batches(slots: list[Slot], size: int) -> Iterator[list[Slot]]:
    for i in range(0, len(slots), size):
        yield slots[i : i + size]


def _filled(batch: list[Slot], results: list[Extracted]) -> list[Slot]:
    """The batch's slots, each article's with its extraction."""
    todo = [s for s in batch if s.article is not None]
    for slot, result in zip(todo, results):
        slot.result = result
    return batch


def _articles(batch: list[Slot]) -> list[Article]:
    return [s.article for s in batch if s.article is not None]


def _extracted(slots: list[Slot], model: str | None, workers: int) -> Iterator[Slot]:
    """Every slot with its article extracted, in input order; in worker processes if ``workers > 1``."""
    tasks = _batches(slots, BATCH if workers > 1 else ONE_BATCH)
    if workers <= 1 or len(slots) <= BATCH:
        for batch in tasks:
            yield from _filled(batch, _extract_batch(_articles(batch), model))
        return
    # fork where there is one: workers touch only spaCy, never the store, and a
    # script calling build() needs no ``if __name__ == "__main__"`` guard
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    n = min(workers, -(-len(slots) // BATCH))
    with ctx.Pool(n, initializer=_init_worker, initargs=(model,)) as pool:
        pending: deque = deque()
        for batch in tasks:
            pending.append((batch, pool.apply_async(_work, (_articles(batch),))))
            if len(pending) >= n * IN_FLIGHT:
                batch, job = pending.popleft()
                yield from _filled(batch, job.get())
        while pending:
            batch, job = pending.popleft()
            yield from _filled(batch, job.get())


def planned_slots(
    paths: list[Path],
    store: Store,
    date: dt.date | None,
    max_bytes: int,
    force: bool,
    report: BuildReport,
    model: str | None = None,
) -> tuple[list[Slot], Callable[[], None]]:
    """Leave out the files the store holds unchanged (by their bytes, else by their article), take
    out stale articles, and read the rest; also what to call once they are written."""
    stored = stored_articles(store)
    rest, same, done = quick_check(paths, store, stored, f"date={date} model={model}", force)
    plan = plan_build(read_slots(rest, date, max_bytes), stored, force)
    plan.unchanged += same
    if plan.stale:
        store.remove_articles(plan.stale)
    report.planned(plan)
    return plan.todo, done


def build(
    paths: list[Path],
    store: Store,
    date: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    write_every: int | None = None,
    force: bool = False,
    planned: Callable[[list[Article]], None] | None = None,
) -> BuildReport:
    """Extract every new or changed article and load each into its own named graph.

    Args:
        paths: article files, in the order to build them.
        store: where the graphs go (embedded or remote).
        workers: processes that parse and extract; the main process reads and writes.
        progress: called with each article once it is extracted.
        write_every: triples to gather before writing them in one go
            (default ``$KG_WRITE_EVERY`` or :data:`WRITE_EVERY`).
        force: build every article, even those the store holds unchanged.
        planned: called once with the articles to extract, before the first is.
    """
    every = write_every or _write_every()
    report = BuildReport()
    t0 = time.perf_counter()
    slots, done = planned_slots(list(paths), store, date, max_bytes, force, report, model)
    if planned is not None:
        planned(_articles(slots))
    pending: list[Slot] = []
    size = 0
    for slot in _extracted(slots, model, workers):
        if progress is not None and slot.article is not None:
            progress(slot.article)
        pending.append(slot)
        size += slot.result.encoded.count if slot.result else 0
        if size >= every:
            write_slots(store, pending, report, None)
            pending, size = [], 0
    write_slots(store, pending, report, None)
    store.finish()
    done()
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


def write_slots(store: Store, slots: list[Slot], report: BuildReport, progress: Progress | None) -> None:
    """Write finished slots, in order, in one write: issue their warnings, report the skipped files,
    leave out articles with no body text, and count the rest into ``report``."""
    done: list[tuple[Article, Extracted]] = []
    for slot in slots:
        for w in slot.warnings + (slot.result.warnings if slot.result else []):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if slot.skipped or slot.article is None:
            report.skipped.append(slot.skipped)
        elif slot.result is not None and slot.result.error:
            report.skipped.append(slot.result.error)
        elif slot.result is not None and slot.article.body.strip():
            done.append((slot.article, slot.result))
    if not done:
        return
    counts = store.write_articles((r.article_id, r.path, r.encoded) for _, r in done)
    for (article, r), n in zip(done, counts):
        report.articles += 1
        report.facts += r.facts
        report.triples += n
        report.entities.update(r.entities)
        if progress is not None:
            progress(article)
