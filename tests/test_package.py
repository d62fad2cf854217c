"""The package ships its ontology and queries (kg.ontology, kg.queries) and runs a query by name.

scripts/test_wheel.sh (run by ``make test``) builds the wheel and runs every command from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.model import Article, EntityRef, Evidence, Fact, Value
from kg.present.query import read_query
from kg.rdf.graph import fact_triples
from kg.resources import ontology_file, query_file, query_names
from kg.store.embedded import KGStore

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_package_lists_every_package_and_maps_the_shipped_folders():
    setup = _pyproject()["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "kg").rglob("__init__.py")}
    assert set(setup["packages"]) == found | {"kg.ontology", "kg.queries"}
    assert setup["package-dir"] == {"kg.ontology": "ontology", "kg.queries": "queries"}
    assert setup["package-data"]["kg.ontology"] == ["*.ttl"] and setup["package-data"]["kg.queries"] == ["*.rq"]


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_package_ontology_files_are_found_through_the_package(name: str):
    path = ontology_file(name)
    assert path.is_file() and path.read_bytes() == (REPO / "ontology" / name).read_bytes()


def test_package_query_names_are_the_shipped_files():
    assert query_names() == SHIPPED and "strikes" in SHIPPED


@pytest.mark.parametrize(
    "given, where",
    [("strikes", "strikes"), ("strikes.rq", "strikes"), ("queries/strikes.rq", "queries/strikes.rq")],
    ids=["name", "name-with-suffix", "path"],
)
def test_package_read_query_by_name_or_path(given: str, where: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(REPO)
    text, got = read_query(given)
    assert got == where and text == (REPO / "queries" / "strikes.rq").read_text(encoding="utf-8")


def test_package_a_file_wins_over_a_shipped_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "strikes").write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert read_query("strikes") == ("ASK { ?s ?p ?o }", "strikes")


@pytest.mark.parametrize("given", ["strikez", "queries/strikez.rq", "mine.sparql"], ids=["name", "path", "sparql"])
def test_package_unknown_query_lists_the_shipped_names(given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QueryError, match=f"shipped queries: {', '.join(SHIPPED)}$"):
        read_query(given)
    assert query_file(given) is None


def test_package_query_text_is_still_text():
    assert read_query("ASK { ?s ?p ?o }") == ("ASK { ?s ?p ?o }", "<query>")


def test_package_query_help_lists_the_shipped_names():
    result = CliRunner().invoke(main, ["query", "--help"])
    assert result.exit_code == 0
    assert "Shipped queries, run by name: " + ", ".join(SHIPPED) in " ".join(result.output.split())


def test_package_cli_runs_a_query_by_name_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "store"
    art = Article(id="p1", body="Alpha Front met Beta Union.", path="p1.txt", published=dt.date(2024, 5, 6))
    ev = Evidence(art.id, 0, 27, art.body, "entity-ner", 0.8)
    with KGStore(store) as st:
        st.replace_article(
            art.id, art.path, fact_triples(art, [Fact(EntityRef("Beta Union"), "type", Value("Organization"), ev)])
        )
    monkeypatch.chdir(tmp_path)
    ok = CliRunner().invoke(main, ["query", "people", "--store", str(store), "--format", "csv"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(main, ["query", "peeple", "--store", str(store)])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "shipped queries: " in bad.output


def test_package_a_checkout_without_the_mapping_reads_the_top_folders(monkeypatch: pytest.MonkeyPatch):
    import kg.resources as resources

    def not_installed(package: str):
        raise ModuleNotFoundError(f"No module named {package!r}")

    monkeypatch.setattr(resources, "files", not_installed)
    assert resources.ontology_file("kg.ttl") == REPO / "ontology" / "kg.ttl"
    assert resources.query_names() == SHIPPED
