"""The files that ship inside the package: the ontology, the SHACL shapes, the named queries.

This is the one place that finds them, through :mod:`importlib.resources`. In the
repository they stay at the top (``ontology/``, ``queries/``); setuptools maps them to
the packages ``kg.ontology`` and ``kg.queries`` (see pyproject.toml), so an editable
install reads the repository's files and a wheel its own copies.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

ONTOLOGY_PACKAGE = "kg.ontology"
QUERIES_PACKAGE = "kg.queries"
QUERY_SUFFIX = ".rq"
_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


# A source checkout run without (re)installing it (an older editable install, or only
# PYTHONPATH): setuptools' mapping is missing, the folders sit beside kg/
_CHECKOUT = {ONTOLOGY_PACKAGE: "ontology", QUERIES_PACKAGE: "queries"}


def _folder(package: str) -> Path:
    """The folder of an installed resource package (always on disk: newskg is not zip-safe)."""
    try:
        return Path(str(files(package)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / _CHECKOUT[package]


def ontology_file(name: str) -> Path:
    """The path of a shipped ontology file (``kg.ttl``, ``shapes.ttl``).

    Example:
        >>> ontology_file("kg.ttl").is_file()
        True
    """
    return _folder(ONTOLOGY_PACKAGE) / name


def query_names() -> list[str]:
    """The names of the shipped queries, sorted: what ``kg query NAME`` runs.

    Example:
        >>> "strikes" in query_names()
        True
    """
    folder = _folder(QUERIES_PACKAGE)
    return sorted(p.stem for p in folder.glob(f"*{QUERY_SUFFIX}") if _QUERY_NAME.fullmatch(p.stem))


def query_file(name: str) -> Path | None:
    """The shipped query called ``name`` (``strikes`` or ``strikes.rq``), or None.

    Example:
        >>> query_file("strikes").name, query_file("no_such_query")
        ('strikes.rq', None)
    """
    stem = name.removesuffix(QUERY_SUFFIX)
    if not _QUERY_NAME.fullmatch(stem):
        return None
    path = _folder(QUERIES_PACKAGE) / f"{stem}{QUERY_SUFFIX}"
    return path if path.is_file() else None
