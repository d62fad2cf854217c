"""The commands that look after a store's articles: ``kg list`` and ``kg remove``."""

from __future__ import annotations

import click

from kg.cli.app import REMOTE_OPTIONS, STORE_OPTION, main
from kg.store import open_store


@main.command(name="list")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@REMOTE_OPTIONS
def list_articles(store_dir: str, fmt: str, endpoint: str | None, update_endpoint: str | None) -> None:
    """List the articles in the store: id, date, title, facts, and the file each was built from.

    The id is what 'kg remove' and 'kg viz --article' take.

    \b
    Example:
      kg list --store kg-store
    """
    from kg.present.query import render_table
    from kg.store.catalog import stored_articles

    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=True) as store:
        articles = stored_articles(store, facts=True)
    names = ["id", "date", "title", "publisher", "facts", "file"]
    rows = [[a.id, a.date, a.title, a.publisher, str(a.facts), a.path] for a in articles]
    if fmt == "table":
        click.echo(render_table(names, rows).replace("row)", "article)").replace("rows)", "articles)"))
    elif fmt == "json":
        import json

        click.echo(json.dumps([dict(zip(names, r)) | {"facts": a.facts} for r, a in zip(rows, articles)], indent=1))
    else:
        import csv
        import sys

        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(names)
        out.writerows(rows)


@main.command()
@click.argument("articles", nargs=-1, required=True)
@STORE_OPTION
@REMOTE_OPTIONS
def remove(articles: tuple[str, ...], store_dir: str, endpoint: str | None, update_endpoint: str | None) -> None:
    """Take articles out of the store, by file, id or title ('kg list' shows them).

    Each article's graph goes, and with it every fact no other article still
    gives; in one transaction, so a crash leaves all of them or none removed.

    \b
    Example:
      kg remove corpus/2024-11-25-beirut.md
      kg remove 2d8bd7d9bb5f85ba "Israel and Hezbollah ceasefire talks make progress"
    """
    from kg.store.catalog import find_articles

    with open_store(store_dir, endpoint, update_endpoint, create=False) as store:
        found = find_articles(store, articles)
        n = store.remove_articles([a.id for a in found])
    for a in found:
        click.echo(f"removed {a.id}  {a.title or '(no title)'}  {a.path}")
    click.echo(f"removed {n} article{'s' if n != 1 else ''}")
