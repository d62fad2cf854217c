"""The commands that read a store: query, export, viz, stats, validate, serve."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.app import REMOTE_OPTIONS, STORE_OPTION, main
from kg.errors import one_line
from kg.store import Store, open_store

if TYPE_CHECKING:
    pass


def _shipped_queries() -> str:
    """The epilog of ``kg query --help``: the names of the shipped queries."""
    from kg.resources import query_names

    return "Shipped queries, run by name: " + ", ".join(query_names()) + "."


@main.command(epilog=_shipped_queries())
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
    help="Bind a variable, e.g. entity=kgr:Antonio_Guterres (repeatable).",
)
@click.option("--update", is_flag=True, help="Allow SPARQL updates (INSERT, DELETE, DROP...).")
@click.option("--allow-service", is_flag=True, help="Let the query fetch other URLs (SPARQL SERVICE, LOAD).")
@REMOTE_OPTIONS
def query(
    query: str,
    store_dir: str,
    fmt: str,
    binds: tuple[str, ...],
    update: bool,
    allow_service: bool,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Run a SPARQL query (a shipped query's name, a .rq file or a string) over all articles.

    \b
    Example:
      kg query strikes --format csv
      kg query evidence --bind entity=kgr:Antonio_Guterres
      kg query my-queries/weapons.rq
      kg query 'SELECT ?s WHERE { ?s a kg:Strike }'
      kg query strikes --endpoint http://127.0.0.1:7878/query
    """
    from kg.errors import QueryError
    from kg.present.binding import refuse_bind_with_update, resolve_bindings
    from kg.present.query import check_outbound, format_result, is_update, parse_bindings, read_query, run_query

    text, where = read_query(query)
    parse_bindings(list(binds))  # a malformed --bind fails before the store is opened
    check_outbound(text, where, allow_service)  # SERVICE / LOAD fetch other URLs: only when asked
    if update and is_update(text):
        refuse_bind_with_update(binds)
    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=not update) as store:
        if update and is_update(text):
            click.echo(_update(store, text, where))
            return
        result = run_query(store, text, where, resolve_bindings(store, text, list(binds), where), update, allow_service)
        try:  # results are lazy: evaluation errors (a SERVICE that cannot be reached) come here
            out = format_result(result, fmt)
        except (OSError, RuntimeError, ValueError, SyntaxError) as e:
            raise QueryError(f"{where}: query failed: {one_line(e)}") from None
        click.echo(out)


def _update(store: Store, text: str, where: str) -> str:
    """Run an update; on the embedded store, keeping its merged graph exact."""
    from kg.errors import QueryError
    from kg.present.query import PREFIXES, run_query
    from kg.store import KGStore
    from kg.store.updating import consistent_update

    if not isinstance(store, KGStore):
        run_query(store, text, where, None, update=True)
        return "update done"
    try:
        consistent_update(store, text, PREFIXES, where)
    except SyntaxError as e:
        raise QueryError(f"{where}: SPARQL syntax {one_line(e)}") from None
    return "update done"


@main.command()
@STORE_OPTION
@click.option(
    "--format", "fmt", default="turtle", show_default=True, metavar="FORMAT", help="turtle, trig, nt, nq or jsonld."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE (through a symlink; '-': stdout) [default: stdout].",
)
@click.option("--with-ontology", is_flag=True, help="Add ontology/kg.ttl to the export.")
@REMOTE_OPTIONS
def export(
    store_dir: str, fmt: str, output: str | None, with_ontology: bool, endpoint: str | None, update_endpoint: str | None
) -> None:
    """Export the whole store. Turtle merges the article graphs; TriG keeps them.

    \b
    Example:
      kg export --format trig -o out/graph.trig
    """
    from kg.errors import ExportError
    from kg.present.export import export as run_export

    if fmt not in ("turtle", "trig", "nt", "nq", "jsonld"):
        raise ExportError(f"--format {fmt!r}: unknown export format; use turtle, trig, nt, nq or jsonld")
    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=True) as store:
        try:
            run_export(store, fmt, output or "-", with_ontology)
        except OSError as e:  # disk full, permission denied: the temporary file is gone, the old output stays
            where = Path(output).as_posix() if output else "<stdout>"
            raise ExportError(f"{where}: cannot write ({e.strerror or e}); any existing file is unchanged") from None


def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--since / --until: an ISO day."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day like 2024-11-25") from None


@main.command()
@STORE_OPTION
@click.option(
    "-o",
    "--output",
    default="graph.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Write the page to FILE (through a symlink; '-': stdout).",
)
@click.option(
    "--class",
    "classes",
    metavar="A,B",
    help="Draw only these classes, e.g. Strike,Actor (Actor, Organization, Place, Resolution, Strike, "
    "Proposal, Statement).",
)
@click.option("--article", metavar="ID", help="Draw only what one article says (its id or IRI).")
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    metavar="N",
    help="Draw the N most important nodes first (degree, events, recency) [default: 150]; the page holds the rest.",
)
@click.option("--focus", metavar="NAME", help="Draw the node(s) of this name and their neighbourhood first.")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(0), help="How far --focus reaches.")
@click.option("--since", metavar="YYYY-MM-DD", callback=_iso_day, help="Only events of this day or later.")
@click.option("--until", metavar="YYYY-MM-DD", callback=_iso_day, help="Only events of this day or earlier.")
@REMOTE_OPTIONS
def viz(
    store_dir: str,
    output: str,
    classes: str | None,
    article: str | None,
    max_nodes: int | None,
    focus: str | None,
    hops: int,
    since: str | None,
    until: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Write an interactive HTML page of the graph (one file, works offline, from file://).

    The page draws an overview of the most important nodes (or --focus and its
    neighbours) and holds the whole graph: click a node for its facts and
    evidence, double-click to bring in its neighbours; filter by class,
    article, confidence and days (drag on the strip of events per day).

    \b
    Example:
      kg viz -o out/graph.html
      kg viz --focus "Hezbollah" --hops 2 --since 2024-11-01 -o hezbollah.html
      kg viz --class Strike,Actor,Organization --max-nodes 200 -o strikes.html
    """
    from kg.present.overview import DEFAULT_MAX_NODES, SLOW_NODES, overview
    from kg.present.overview import focus as focus_on
    from kg.present.page import write_page
    from kg.present.viz import graph_data

    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=True) as store:
        nodes, edges = graph_data(store, classes=classes, article=article, since=since, until=until)
    limit = max_nodes or DEFAULT_MAX_NODES
    shown = focus_on(nodes, edges, focus, hops, max_nodes) if focus else overview(nodes, edges, limit)
    if len(shown) > SLOW_NODES:
        from kg.errors import PageSizeWarning

        warning = PageSizeWarning(
            f"drawing {len(shown):,} nodes; a browser takes seconds to lay out more than {SLOW_NODES:,}. "
            f"Try --max-nodes 150 (double-click a node on the page to bring in its neighbours)"
        )
        click.echo(f"Warning: {warning}", err=True)
    write_page(nodes, edges, output, shown=shown)
    drawn = set(shown)
    n_edges = sum(1 for e in edges if e.source in drawn and e.target in drawn)
    # with the page on stdout, the summary goes to stderr
    click.echo(
        f"wrote {output}: {len(shown)} nodes, {n_edges} edges drawn; {len(nodes)} nodes in the page", err=output == "-"
    )


@main.command()
@STORE_OPTION
@click.option("--top", default=10, show_default=True, type=click.IntRange(0), help="How many top entities to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@REMOTE_OPTIONS
def stats(store_dir: str, top: int, fmt: str, endpoint: str | None, update_endpoint: str | None) -> None:
    """Count nodes per class and triples per property; list the most connected entities and the components.

    \b
    Example:
      kg stats --store kg-store --top 5
    """
    from kg.present.stats import format_stats, graph_stats

    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=True) as store:
        result = graph_stats(store, top=top)
    click.echo(format_stats(result, fmt))


@main.command()
@STORE_OPTION
@REMOTE_OPTIONS
def validate(store_dir: str, endpoint: str | None, update_endpoint: str | None) -> None:
    """Check the store against the graph contract (SHACL shapes in ontology/shapes.ttl).

    Prints one line per violation (focus node, property, what is wrong) and exits 1;
    exits 0 with "conforms: N nodes checked" when all is well. Each constraint is
    one SPARQL query on the store; on a terminal, progress shows on stderr.

    \b
    Example:
      kg validate --store kg-store
    """
    from kg.errors import ValidationError
    from kg.present.validate import shapes_path, validate_store

    with open_store(store_dir, endpoint, update_endpoint, create=False, read_only=True) as store:
        report = validate_store(store, progress=_validate_progress() if sys.stderr.isatty() else None)
    if report.conforms:
        click.echo(f"conforms: {report.nodes} nodes checked")
        return
    for v in report.violations:
        click.echo(str(v))
    n = len(report.violations)
    raise ValidationError(
        f"{endpoint or Path(store_dir).as_posix()}: {n} violation{'s' if n != 1 else ''} of {shapes_path().name} "
        f"in {report.nodes} nodes (listed above)"
    )


def _validate_progress() -> Callable[[int, int], None]:
    """Show 'checked N of M constraints' on the terminal, on one line that is rewritten."""

    def show(done: int, total: int) -> None:
        click.echo(f"\rchecked {done} of {total} constraints", nl=done == total, err=True)

    return show


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; the server has no login.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: a free one).")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates with the token printed at start.")
@click.option("--token", metavar="TOKEN", help="The token updates need (default: a new random one, printed).")
@click.option("--allow-service", is_flag=True, help="Let queries fetch other URLs (SPARQL SERVICE, LOAD).")
@click.option(
    "--max-body", default=1_000_000, show_default=True, type=click.IntRange(1), help="Largest request, in bytes."
)
@click.option(
    "--timeout", "query_timeout", default=60, show_default=True, type=click.IntRange(1), help="Seconds per query."
)
def serve(
    store_dir: str,
    host: str,
    port: int,
    allow_update: bool,
    token: str | None,
    allow_service: bool,
    max_body: int,
    query_timeout: int,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (the Oxigraph server) until Ctrl-C.

    Read-only unless --allow-update, which holds the store's lock: other
    commands then reach it with --endpoint and the printed token. Queries see
    every article graph without GRAPH, as 'kg query' does. Writes from pages of
    other sites, SERVICE and LOAD, bodies over --max-body and queries over
    --timeout are refused.

    \b
    Example:
      kg serve --store kg-store --port 7878
      kg query queries/strikes.rq --endpoint http://127.0.0.1:7878/query
    """
    from kg.store.serve import ServeOptions
    from kg.store.serve import serve as run_server

    options = ServeOptions(allow_update, allow_service, max_body, query_timeout, token)
    sys.exit(run_server(store_dir, host, port, options, echo=click.echo))
