"""The project's prefixes, and the one helper that writes an IRI with them."""

from __future__ import annotations

import re

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Namespace
from rdflib.namespace import DCTERMS, PROV

from kg.rdf.ns import KG, KGR

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
PREFIXES = {
    "kg": str(KG),
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "wd": str(WIKIDATA),
}
_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[\w\-.%]*")


def shorten(iri: str) -> str:
    """``prefix:local`` for an IRI in one of :data:`PREFIXES` (when the local name needs no
    escaping), else ``<iri>``.

    Example:
        >>> shorten("https://w3id.org/newskg/ontology#attacker"), shorten("http://example.org/a b")
        ('kg:attacker', '<http://example.org/a b>')
    """
    for prefix, ns in _LONGEST_FIRST:
        if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"
