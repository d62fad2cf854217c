"""The ``kg`` group, its shared options, and the one place a KGError becomes one clean line."""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.errors import ExportError, KGError
from kg.present.output import STDOUT_ERRNOS, silence_stdout
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
        except OSError as e:  # a full or closed stdout under click.echo: one line, not a traceback
            if e.errno not in STDOUT_ERRNOS:
                raise
            silence_stdout()
            raise click.ClickException(str(ExportError(f"<stdout>: cannot write ({e.strerror or e})"))) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if sys.stdout is None:  # started with stdout closed (>&-): output then fails in one line
            sys.stdout = _ClosedStdout()
        try:
            return super().main(*args, **kwargs)
        finally:
            _flush_stdout()


class _ClosedStdout(io.TextIOBase):
    """Standard output when the shell closed it: every write fails as a closed descriptor does."""

    encoding = "utf-8"

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _flush_stdout() -> None:
    """Flush what is left for stdout now, while a failure can still be one line (not at exit)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as e:
        silence_stdout()
        click.echo(f"Error: {ExportError(f'<stdout>: cannot write ({e.strerror or e})')}", err=True)
        raise SystemExit(1) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: turn conflict and diplomacy news into an RDF knowledge graph.

    \b
    Example:
      kg build seeds/ && kg query queries/strikes.rq && kg viz -o graph.html
    """
