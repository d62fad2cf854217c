"""The build's progress estimate, as a pure function: right within a factor of two after 10% of the work."""

from __future__ import annotations

import io

import pytest

from kg.model import Article
from kg.progress import ProgressLine, duration, estimate


def _simulate(total_words: int, words_per_s: float, startup: float, batch: int, article_words: int):
    """(elapsed, estimated seconds left, true seconds left) at each batch's arrival, as a build sees them."""
    done, t, first = 0, startup, None
    out = []
    while done < total_words:
        step = min(batch * article_words, total_words - done)
        t += step / words_per_s
        done += step
        first = first or (done, t)
        e = estimate(done, total_words, t, *first)
        out.append((done / total_words, e.left, (total_words - done) / words_per_s))
    return out


@pytest.mark.parametrize(
    "total, rate, startup, batch",
    [
        (400_000, 4_500, 5.0, 8),  # 1,000 articles, two workers
        (40_000, 4_500, 5.0, 8),  # 100 articles: start-up is half the run
        (40_000, 2_500, 2.0, 4),  # one process
        (4_000_000, 4_500, 8.0, 8),  # 10,000 articles
    ],
    ids=["1000-articles", "100-articles", "one-process", "10000-articles"],
)
def test_progress_estimate_is_within_a_factor_of_two_after_ten_percent(total, rate, startup, batch):
    for fraction, left, true in _simulate(total, rate, startup, batch, 400):
        if fraction >= 0.1 and true > 0:
            assert left is not None
            assert true / 2 <= left <= true * 2, f"at {fraction:.0%}: {left:.0f} s estimated, {true:.0f} s left"


def test_progress_estimate_with_uneven_articles():
    # long and short articles alternate: words, not articles, are the unit
    sizes = [100, 2_000] * 200
    total, t, done, first = sum(sizes), 4.0, 0, None
    for n in sizes:
        t += n / 3_000
        done += n
        first = first or (done, t)
        e = estimate(done, total, t, *first)
        true = (total - done) / 3_000
        if done >= total * 0.1 and true:
            assert true / 2 <= e.left <= true * 2


def test_progress_estimate_before_any_rate():
    e = estimate(0, 1_000, 3.0)
    assert (e.rate, e.left, e.fraction) == (0.0, None, 0.0)
    assert estimate(10, 0, 1.0).fraction == 1.0


def test_progress_line_counts_words_and_articles():
    out = io.StringIO()
    bar = ProgressLine(show=True, out=out)
    arts = [Article(id=str(i), body="word " * (10 * (i + 1))) for i in range(3)]
    bar.plan(arts)
    for a in arts:
        bar.update(a)
    bar.close()
    last = out.getvalue().split("\r")[-1]
    assert last.startswith("building: 3/3 articles, 60/60 words (100%)")
    assert duration(3725) == "1 h 02 min"
