"""Exports that every parser reads: awkward names in every format, read back by rdflib and pyoxigraph."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
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


# ---------------------------------------------------------------- Apache Jena (RIOT)
JENA_CORE = Path("/usr/share/java/jena-core.jar")
# riot's name for what it counted, by export format
JENA_COUNTS = {"turtle": "Triples", "trig": "Quads", "nt": "Triples", "nq": "Quads", "jsonld": "Quads"}
SUFFIX = {"turtle": "ttl", "trig": "trig", "nt": "nt", "nq": "nq", "jsonld": "jsonld"}


def _debian_jars(package: str) -> list[str]:
    """The unversioned jars a Debian package installs in /usr/share/java."""
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False).stdout
    return [
        p
        for p in out.split()
        if re.fullmatch(r"/usr/share/java/[^/]+\.jar", p) and not re.search(r"-\d[\d.]*\.jar$", p)
    ]


def _xerces_messages(jar: Path) -> Path:
    """A jar of the message bundles Debian's Jena build left behind.

    Debian's jena-core moves the shaded xerces classes to ``xerces.*`` but keeps their
    bundles under ``org/apache/jena/ext/xerces/``: the regex parser cannot find its
    messages and XSD datatypes fail to load ("internal error" in applyFacets1).
    """
    with zipfile.ZipFile(JENA_CORE) as src, zipfile.ZipFile(jar, "w") as dst:
        for name in src.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                dst.writestr(name.removeprefix("org/apache/jena/ext/"), src.read(name))
    return jar


def _jena_classpath(folder: Path) -> str:
    """Debian's Jena and its dependencies, or skip saying what is missing."""
    if not shutil.which("java") or not JENA_CORE.exists() or not shutil.which("dpkg-query"):
        pytest.skip("Apache Jena needs java and Debian's libapache-jena-java (scripts/ensure_jena.sh installs them)")
    depends = subprocess.run(
        ["dpkg-query", "-W", "-f=${Depends}", "libapache-jena-java"], capture_output=True, text=True, check=False
    ).stdout
    packages = ["libapache-jena-java"] + [d.split()[0] for d in depends.split(",") if d.strip()]
    jars = [j for p in packages for j in _debian_jars(p)]
    # log4j bridges and bindings in one class path make slf4j refuse to start
    jars = [j for j in jars if not re.search(r"log4j|jcl-over|jul-to|slf4j-(?!api)", Path(j).name)]
    return ":".join([str(_xerces_messages(folder / "xerces-messages.jar")), *jars])


def _riot_counts(files: list[Path], classpath: str, syntax: str | None = None) -> dict[str, tuple[str, int]]:
    """``riot --count`` over the files in one JVM: what it counted, by file name."""
    run = subprocess.run(
        ["java", "-cp", classpath, "riotcmd.riot", *([f"--syntax={syntax}"] if syntax else []), "--count"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    counts = {
        m[0].rsplit("/", 1)[-1]: (m[1], int(m[2]))
        for m in re.findall(r"(\S+) : (\w+) = (\d+)", run.stdout + run.stderr)
    }
    assert run.returncode == 0 and len(counts) == len(files), run.stdout + run.stderr[-2000:]
    return counts


@pytest.mark.slow
def test_roundtrip_every_format_reads_back_in_apache_jena(store: Path, tmp_path: Path):
    classpath = _jena_classpath(tmp_path)
    files, expected = [], {}
    with KGStore(store) as st:
        for fmt, suffix in SUFFIX.items():
            path = tmp_path / f"graph.{suffix}"
            export(st, fmt, path)
            files.append(path)
            kind = JENA_COUNTS[fmt]
            expected[path.name] = (kind, st.count() if kind == "Triples" else len(list(st.quads())))
    # Debian ships no Jakarta JSON-P provider, which Jena's JSON-LD 1.1 parser (Titanium)
    # needs: JSON-LD goes to its JSON-LD 1.0 parser (jsonld-java) instead
    counts = _riot_counts(files[:-1], classpath) | _riot_counts(files[-1:], classpath, "jsonld10")
    assert counts == expected
