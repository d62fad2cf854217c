"""The RDF layer: namespaces, the one IRI minter, the one triple writer, the ontology files."""

from __future__ import annotations

from kg.resources import ontology_file

__all__ = ["ontology_file"]
