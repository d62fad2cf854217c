"""Exports that every parser reads: awkward names in every format, read back by rdflib and pyoxigraph."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.model import Article, EntityRef, Evidence, Fact, Value
from kg.present.export import export
from kg.rdf.graph import fact_triples
from kg.rdf.iris import local_name, mint_iri
from kg.store.embedded import KGStore

AWKWARD = [
    "Eaglebrook Plastics Inc.",
    "Sammy Davis Jr.",
    "Acme Corp.",
    '"Quoted" Front',
    "Côte d'Ivoire",
    "O'Brien's Militia",
    "Zürich–Basel Alliance",
    "Кремль",
    "حزب الله",
    "\u200fRTL Mark Group",
    "Emoji Brigade 🚀",
    "The " + "Very Long Name " * 30,
    "-Dash-",
    "Under_Score_",
    "50% Front (Reformed)",
    "a/b\\c#d?e",
]

# (export format, rdflib parser, pyoxigraph format); datasets count quads, graphs triples
FORMATS = [
    ("turtle", "turtle", ox.RdfFormat.TURTLE),
    ("trig", "trig", ox.RdfFormat.TRIG),
    ("nt", "nt", ox.RdfFormat.N_TRIPLES),
    ("nq", "nquads", ox.RdfFormat.N_QUADS),
    ("jsonld", "json-ld", ox.RdfFormat.JSON_LD),
]


@pytest.mark.parametrize("label", AWKWARD)
def test_roundtrip_local_names_follow_the_contract(label: str):
    name = local_name(label)
    assert re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?", name), name
    assert len(name) <= 120


def test_roundtrip_distinct_long_names_stay_distinct():
    a, b = "Front " * 40 + "A", "Front " * 40 + "B"
    assert local_name(a) != local_name(b)


def _facts(article_id: str) -> list[Fact]:
    ev = Evidence(article_id, 0, 10, "An awkward sentence.", "entity-ner", 0.8)
    facts = []
    for label in AWKWARD:
        ref = EntityRef(label)
        facts += [Fact(ref, "type", Value("Organization"), ev), Fact(ref, "label", Value(label), ev)]
    facts.append(Fact(EntityRef(AWKWARD[1]), "affiliatedWith", EntityRef(AWKWARD[0]), ev))
    return facts


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rt") / "store"
    art = Article(id="awk", body="An awkward sentence.", path="awk.txt", published=dt.date(2024, 5, 6))
    with KGStore(path) as st:
        st.replace_article(art.id, art.path, fact_triples(art, _facts(art.id)))
    return path


@pytest.mark.parametrize("fmt, rdflib_format, ox_format", FORMATS, ids=[f[0] for f in FORMATS])
def test_roundtrip_every_format_reads_back_in_rdflib_and_pyoxigraph(store: Path, fmt, rdflib_format, ox_format):
    with KGStore(store) as st:
        data = export(st, fmt)
        expected = len(list(st.quads())) if fmt in ("trig", "nq", "jsonld") else st.count()
    assert data
    by_ox = sum(1 for _ in ox.parse(io.BytesIO(data), format=ox_format))
    if fmt in ("trig", "nq", "jsonld"):
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=rdflib_format)
        by_rdflib = sum(1 for _ in parsed.quads((None, None, None, None)))
    else:
        by_rdflib = len(rdflib.Graph().parse(data=data, format=rdflib_format))
    assert by_ox == expected
    assert by_rdflib == by_ox
    if fmt == "turtle":
        assert "\\." not in data.decode(), "a prefixed name with an escape: some parsers reject it"
        assert mint_iri(EntityRef("Eaglebrook Plastics Inc.")).endswith("/Eaglebrook_Plastics_Inc")
