"""Build: articles in, one named graph per article in the store."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.articles import MAX_BYTES, load_article
from kg.errors import ArticleError
from kg.extract import extract
from kg.graph import fact_triples
from kg.lexicon import load_lexicon
from kg.model import Article, Fact
from kg.nlp import build_nlp
from kg.store import KGStore


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


def build(
    paths: list[Path],
    store: KGStore,
    date: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    progress: Callable[[Article], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> BuildReport:
    """Extract every article and load each into its own named graph."""
    report = BuildReport()
    t0 = time.perf_counter()
    for article, facts in extract_all(read_articles(paths, date, report, max_bytes), model, workers):
        if not article.body.strip():
            continue
        n = store.replace_article(article.id, article.path, fact_triples(article, facts))
        report.articles += 1
        report.facts += len(facts)
        report.triples += n
        report.entities.update(f.subject.label for f in facts if hasattr(f.subject, "label"))
        if progress is not None:
            progress(article)
    report.seconds = time.perf_counter() - t0
    return report
