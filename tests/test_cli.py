"""End to end through the real CLI: build the seed into a store on disk, query, export, draw."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from tests.conftest import ROOT, SEED, SHARED


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.mark.parametrize("command", sorted(main.commands))  # every command of the group, serve too
def test_cli_every_command_has_help_with_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "kg " in result.output


def test_cli_commands_are_the_documented_ones():
    assert sorted(main.commands) == ["build", "export", "list", "query", "remove", "serve", "stats", "validate", "viz"]


@pytest.mark.model
def test_cli_build_summary_and_query(tmp_path):
    store = tmp_path / "s"
    result = run("build", SEED, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built 1 article:")
    out = run("query", "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Strike }", "--store", store, "--format", "csv")
    assert out.exit_code == 0
    assert out.output.splitlines() == ["n", "4"]


@pytest.mark.model
def test_cli_rebuild_is_byte_identical_and_replaces(tmp_path):
    store = tmp_path / "s"
    run("build", SEED, "--store", store)
    first = run("export", "--store", store, "--format", "nq").stdout_bytes
    run("build", SEED, "--store", store)
    second = run("export", "--store", store, "--format", "nq").stdout_bytes
    assert first == second and len(first) > 10_000


@pytest.mark.model
def test_cli_changed_article_replaces_its_graph(tmp_path):
    store, art = tmp_path / "s", tmp_path / "a.txt"
    art.write_text("Russia launched a missile attack on Kyiv on Monday, killing 3 people.\n")
    run("build", art, "--store", store, "--date", "2024-05-06")
    art.write_text("Israel carried out airstrikes in Gaza on Tuesday.\n")
    run("build", art, "--store", store, "--date", "2024-05-06")
    out = run("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store, "--format", "csv")
    assert len(out.output.splitlines()) == 2  # header + one graph: no orphan
    out = run("query", "ASK { ?s a kg:Strike ; kg:attacker kgr:Russia }", "--store", store)
    assert out.output.strip() == "no"


@pytest.mark.model
@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("trig", "trig"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_round_trip(seed_store, tmp_path, fmt, parser):
    out = tmp_path / f"g.{fmt}"
    assert run("export", "--store", seed_store, "--format", fmt, "-o", out).exit_code == 0
    ds = Dataset()
    ds.parse(out, format=parser)
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    nt = tmp_path / "ref.nt"
    run("export", "--store", seed_store, "--format", "nt", "-o", nt)
    ref = Graph().parse(nt, format="nt")
    assert len(merged) == len(ref) > 1000
    assert isomorphic(merged, ref)


@pytest.mark.model
def test_export_trig_keeps_article_graphs(seed_store, tmp_path):
    out = tmp_path / "g.trig"
    run("export", "--store", seed_store, "--format", "trig", "-o", out)
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert any(n.startswith("https://w3id.org/newskg/resource/article_") for n in names)


@pytest.mark.model
def test_export_with_ontology_adds_classes(seed_store):
    out = run("export", "--store", seed_store, "--with-ontology").stdout
    assert "owl:Class" in out or "<http://www.w3.org/2002/07/owl#Class>" in out


@pytest.mark.model
def test_viz_writes_offline_page(seed_store, tmp_path):
    out = tmp_path / "g.html"
    result = run("viz", "--store", seed_store, "-o", out)
    assert result.exit_code == 0
    html = out.read_text()
    assert '<script src="http' not in html and "vis-network" in html


@pytest.mark.slow  # a real process: python starts and imports everything
def test_console_script_runs_as_a_real_process(tmp_path):
    exe = [sys.executable, "-m", "kg.cli"]
    done = subprocess.run(
        [*exe, "build", str(SEED), "--store", str(tmp_path / "s")], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "built 1 article" in done.stdout


@pytest.mark.model
@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval not beside the repo")
def test_seed_scores_well_with_full_provenance(seed_store, tmp_path):
    out = tmp_path / "g.ttl"
    run("export", "--store", seed_store, "-o", out)
    done = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(out),
            str(SHARED / "eval" / "gold" / "seed.json"),
            "--article",
            str(SEED),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    score = json.loads(done.stdout)
    assert score["provenance"]["share"] == 1.0
    assert score["overall"]["f1"] >= 0.90
    assert all(
        score[c]["f1"] >= 0.80
        for c in ("entities", "relations", "roles", "strikes", "proposals", "resolutions", "statements")
    )
