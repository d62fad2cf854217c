"""The RDF layer: namespaces, the one IRI minter, the one triple writer, the ontology files."""

from __future__ import annotations

from pathlib import Path

_REPO_ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
_PACKAGED_ONTOLOGY = Path(__file__).resolve().parent / "ontology"


def ontology_file(name: str) -> Path:
    """The path of an ontology file (``kg.ttl``, ``shapes.ttl``): the repository's, else the package's.

    Example:
        >>> ontology_file("kg.ttl").name
        'kg.ttl'
    """
    repo = _REPO_ONTOLOGY / name
    return repo if repo.exists() else _PACKAGED_ONTOLOGY / name
