"""The ``kg`` group, its shared options, and the one place a KGError becomes one clean line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.errors import KGError
from kg.store import DEFAULT_STORE

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    pass

STORE_OPTION = click.option(
    "--store",
    "store_dir",
    default=DEFAULT_STORE,
    show_default=True,
    type=click.Path(file_okay=True),
    help="Store directory (on-disk Oxigraph).",
)


def REMOTE_OPTIONS(f: F) -> F:  # noqa: N802 (used like the option constants)
    """--endpoint and --update-endpoint: use a SPARQL 1.1 server instead of the --store directory."""
    f = click.option(
        "--update-endpoint",
        metavar="URL",
        help="SPARQL update URL of the server, where it differs [default: --endpoint, .../query -> .../update].",
    )(f)
    return click.option(
        "--endpoint",
        metavar="URL",
        help="Use the store on this SPARQL server instead of --store, e.g. http://127.0.0.1:7878/query.",
    )(f)


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
