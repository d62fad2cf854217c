"""Hostile-input benchmark (issue 16): seconds per MB of ordinary news against hostile text,
and ``kg validate`` time at 100 k and 1 M triples.

    .venv/bin/python benchmarks/hostile.py                 # everything (a few minutes)
    .venv/bin/python benchmarks/hostile.py --only text --mb 0.5
    .venv/bin/python benchmarks/hostile.py --only validate --triples 100000

Each text goes the way ``kg build`` takes it: ``parse_article`` (which shortens
runs of punctuation), then ``extract_articles`` (parse in pieces of at most
``nlp.max_length`` characters, extract, encode). The hostile texts are as large
as ``--mb`` (the 5 MB sentence as large as ``--sentence-mb``); the goal is that
each takes at most 3x the seconds per MB of ordinary news.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

HEAD = "---\ntitle: Hostile\npublished: 2024-11-25\n---\n"
GOAL = 3.0


def ordinary(size: int) -> str:
    """Synthetic wire news (benchmarks/corpus.py), article bodies joined up to ``size`` characters."""
    parts, n, i = [], 0, 0
    while n < size:
        body = corpus.article_text(i).split("---\n", 2)[-1]
        parts.append(body)
        n += len(body) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_texts(size: int, sentence: int) -> dict[str, str]:
    """The hostile texts of issue 16, each about ``size`` characters (the one sentence: ``sentence``)."""
    news = ordinary(2000)
    return {
        "runs of quotes": _fill(news[:400] + '"' * 16_000 + "\n\n", size),
        "runs of brackets": _fill(news[:400] + "(" * 50_000 + ")" * 50_000 + "\n\n", size),
        "runs of dashes": _fill(news[:400] + "-" * 20_000 + "—" * 5_000 + "\n\n", size),
        "one long sentence": _fill("Officials said that the strike hit the town and ", sentence),
        "one-letter tokens": _fill("a b c d e f g h i j ", 200_000) if size >= 200_000 else _fill("a b ", size),
    }


def seconds(text: str) -> float:
    """Wall seconds for one text, the way a build takes it (read, parse, extract, encode)."""
    from kg.articles import parse_article
    from kg.build import extract_articles

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = parse_article(HEAD + text, "bench.txt")
        out = extract_articles([article])
    assert not out[0].error, out[0].error
    return time.perf_counter() - t0


def bench_text(size: int, sentence: int) -> list[tuple[str, float, float, float]]:
    """Rows (text, MB, seconds, seconds per MB), ordinary news first."""
    from kg.nlp import build_nlp

    build_nlp()  # loaded before the clock starts
    seconds(ordinary(2000))
    rows = []
    for name, text in {"ordinary news": ordinary(size), **hostile_texts(size, sentence)}.items():
        mb = len(text.encode()) / 1e6
        s = seconds(text)
        rows.append((name, mb, s, s / mb))
        print(f"  {name}: {mb:.2f} MB in {s:.1f} s", flush=True)
    return rows


def synthetic_store(triples: int, where: Path) -> Path:
    """A store of at least ``triples`` quads: a few articles built, then their graphs copied under new names."""
    from benchmarks.run import _top_up
    from kg.build import build
    from kg.store.embedded import KGStore

    src = where / "src"
    if not src.exists():
        (where / "articles").mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(20):
            p = where / "articles" / f"a{i:03d}.md"
            p.write_text(corpus.article_text(i), encoding="utf-8")
            paths.append(p)
        with KGStore(src) as store:
            build(paths, store)
    return _top_up(src, triples)


def bench_validate(
    sizes: list[int], tmp: Path, progress: Callable[[str], None] = print
) -> list[tuple[int, int, float]]:
    """Rows (quads, triples in article graphs, seconds) of ``validate_store`` on synthetic stores of each size."""
    from kg.present.validate import validate_store
    from kg.store.embedded import KGStore

    rows = []
    for n in sizes:
        path = synthetic_store(n, tmp)
        with KGStore(path, create=False) as store:
            quads, triples = len(store.oxigraph), store.count()
            t0 = time.perf_counter()
            report = validate_store(store)
            s = time.perf_counter() - t0
        progress(f"  validate {quads:,} quads ({triples:,} in article graphs): {s:.1f} s, conforms={report.conforms}")
        rows.append((quads, triples, s))
    return rows


def table(text_rows: list, validate_rows: list) -> str:
    out = []
    if text_rows:
        base = text_rows[0][3]
        out += ["| text | MB | seconds | s/MB | vs news | within 3x |", "|---|---|---|---|---|---|"]
        for name, mb, s, per in text_rows:
            out.append(f"| {name} | {mb:.2f} | {s:.1f} | {per:.1f} | {per / base:.2f}x | {per / base <= GOAL} |")
    if validate_rows:
        out += ["", "| kg validate | triples in article graphs | seconds |", "|---|---|---|"]
        out += [f"| {q:,} quads | {t:,} | {s:.1f} |" for q, t, s in validate_rows]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=["text", "validate"])
    ap.add_argument("--mb", type=float, default=1.0, help="size of each hostile text (default 1 MB)")
    ap.add_argument("--sentence-mb", type=float, default=5.0, help="size of the one long sentence (default 5 MB)")
    ap.add_argument("--triples", default="100000,1000000", help="validate store sizes")
    args = ap.parse_args()
    text_rows, validate_rows = [], []
    if args.only in (None, "text"):
        text_rows = bench_text(int(args.mb * 1e6), int(args.sentence_mb * 1e6))
    if args.only in (None, "validate"):
        tmp = Path(tempfile.mkdtemp(prefix="kg-hostile-"))
        try:
            validate_rows = bench_validate([int(x) for x in args.triples.split(",")], tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(table(text_rows, validate_rows))


if __name__ == "__main__":
    main()
