"""Honest build progress: words parsed out of words to parse, a rate, and the time left.

Parsing time grows with words, not with files, so progress counts words. The rate
is measured from the first finished article on: before it, the workers load the
spaCy pipeline, a fixed cost that a rate over the whole run would spread over the
estimate (a 20-minute estimate for a 19-second build). :func:`estimate` is a pure
function of the counts and times; :class:`ProgressLine` draws it on a terminal.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO

from kg.model import Article

REDRAW = 0.2  # seconds between two drawings of the line


@dataclass(frozen=True)
class Estimate:
    """Where a build stands: units (words) done of the total, the rate, the seconds left."""

    done: int
    total: int
    rate: float  # units per second, since the first finished article; 0 before it
    left: float | None  # seconds; None until there is a rate

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


def estimate(done: int, total: int, elapsed: float, first_done: int = 0, first_elapsed: float = 0.0) -> Estimate:
    """The rate and time left after ``done`` of ``total`` units in ``elapsed`` seconds.

    Args:
        first_done, first_elapsed: the units and seconds at the first finished article;
            the rate is measured from there, so start-up time does not count as slowness.

    Example:
        >>> e = estimate(done=2_000, total=10_000, elapsed=15.0, first_done=1_000, first_elapsed=10.0)
        >>> e.rate, e.left
        (200.0, 40.0)
    """
    work, seconds = done - first_done, elapsed - first_elapsed
    if work <= 0 or seconds <= 0:
        return Estimate(done, total, 0.0, None)
    rate = work / seconds
    return Estimate(done, total, rate, max(total - done, 0) / rate)


def duration(seconds: float) -> str:
    """Seconds as ``42 s``, ``3 min 05 s`` or ``1 h 02 min``.

    Example:
        >>> duration(42.4), duration(185), duration(3720)
        ('42 s', '3 min 05 s', '1 h 02 min')
    """
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def words(article: Article) -> int:
    """The words of an article's body: the unit of parsing work."""
    return len(article.body.split())


class ProgressLine:
    """A progress line on a terminal, redrawn as articles finish (nothing when ``show`` is false)."""

    def __init__(self, show: bool, out: TextIO = sys.stderr) -> None:
        self.show, self.out = show, out
        self.total = self.articles = self.done = self.count = 0
        self.start = time.perf_counter()
        self.first: tuple[int, float] | None = None
        self.drawn = 0.0

    def plan(self, articles: list[Article]) -> None:
        """The articles to parse: the total the line counts to."""
        self.total, self.articles = sum(map(words, articles)), len(articles)
        self.start = time.perf_counter()

    def update(self, article: Article) -> None:
        """One more article parsed."""
        now = time.perf_counter() - self.start
        self.done += words(article)
        self.count += 1
        if self.first is None:
            self.first = (self.done, now)
        if self.show and (now - self.drawn >= REDRAW or self.count == self.articles):
            self.drawn = now
            self.out.write("\r" + self.line(now) + "\x1b[K")
            self.out.flush()

    def line(self, now: float) -> str:
        first = self.first or (0, 0.0)
        e = estimate(self.done, self.total, now, *first)
        left = f", about {duration(e.left)} left" if e.left is not None and e.done < e.total else ""
        rate = f", {e.rate:,.0f} words/s" if e.rate else ""
        return (
            f"building: {self.count:,}/{self.articles:,} articles, {e.done:,}/{e.total:,} words "
            f"({e.fraction:.0%}){rate}{left}"
        )

    def close(self) -> None:
        if self.show and self.count:
            self.out.write("\n")
            self.out.flush()
