"""A store kept for months (issue 14): one article per file, rebuilds that skip what is unchanged,
kg list and kg remove, updates that keep the merged graph exact, readers beside a writer."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.build
from kg.cli import main
from kg.store.embedded import KGStore
from kg.store.serve import oxigraph_binary
from tests.conftest import ROOT

KG_CLI = [sys.executable, "-m", "kg.cli"]
PLACES = ["Kyiv", "Beirut", "Gaza", "Kharkiv", "Odesa", "Haifa", "Tyre", "Sidon"]


def run(*args, cwd: Path | None = None):
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def article(i: int, killed: int | None = None, dated: bool = True) -> str:
    r = random.Random(i)
    attacker = ["Russia", "Israel", "Hezbollah", "Hamas"][i % 4]
    head = f"---\ntitle: Report {i}\npublished: 2024-05-{1 + i % 28:02d}\n---\n" if dated else ""
    return head + (
        f"{attacker} launched an airstrike on {r.choice(PLACES)} on Monday, killing {killed or r.randint(2, 40)} "
        f"people. Officials in {r.choice(PLACES)} said the talks would resume next week.\n"
    )


def merged_is_exact(store_dir: Path) -> dict[str, set]:
    """Each article graph's triples, after checking that the merged graph is exactly their merge."""
    with KGStore(store_dir, create=False) as st:
        graphs: dict[str, set] = {}
        for q in st.quads():
            graphs.setdefault(q.graph_name.value, set()).add(q.triple)
        assert set(st.triples()) == set().union(*graphs.values()), "the merged graph is not the merge"
    return graphs


def summary(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


# ---------------------------------------------------------------- 1. identity


@pytest.mark.model
def test_keeping_a_file_is_one_article_whatever_path_names_it(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    f = folder / "el_fasher.md"
    f.write_text(article(1, killed=25))
    store = tmp_path / "store"
    assert "(added 1, updated 0, unchanged 0)" in summary(run("build", f, "--store", store))
    assert "(added 0, updated 0, unchanged 1)" in summary(run("build", "el_fasher.md", "--store", store, cwd=folder))
    f.write_text(article(1, killed=30))
    assert "(added 0, updated 1, unchanged 0)" in summary(run("build", "el_fasher.md", "--store", store, cwd=folder))
    graphs = merged_is_exact(store)
    assert len(graphs) == 1
    got = run("query", "SELECT ?n WHERE { ?s kg:fatalities ?n }", "--format", "csv", "--store", store)
    assert got.stdout.split() == ["n", "30"]


@pytest.mark.model
def test_keeping_the_same_relative_path_in_two_folders_is_two_articles(tmp_path):
    store = tmp_path / "store"
    for i, name in enumerate(("A", "B")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(article(10 + i))
        assert "(added 1, updated 0, unchanged 0)" in summary(
            run("build", "article.txt", "--store", store, cwd=tmp_path / name)
        )
    assert len(merged_is_exact(store)) == 2


@pytest.mark.model
def test_keeping_the_same_body_twice_in_one_run_is_one_article(tmp_path):
    (tmp_path / "one.txt").write_text(article(3))
    (tmp_path / "two.txt").write_text(article(3))
    store = tmp_path / "store"
    line = summary(run("build", tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "one.txt", "--store", store))
    assert line.startswith("built 1 article:") and "(added 1, updated 0, unchanged 0, 2 duplicates)" in line
    graphs = merged_is_exact(store)
    assert len(graphs) == 1
    assert f", {len(next(iter(graphs.values())))} triples in " in line


@pytest.mark.model
def test_keeping_a_moved_file_is_recognised_by_its_content(tmp_path):
    (tmp_path / "a.txt").write_text(article(4))
    store = tmp_path / "store"
    summary(run("build", tmp_path / "a.txt", "--store", store))
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert "(added 0, updated 1, unchanged 0)" in summary(run("build", tmp_path / "b.txt", "--store", store))
    listed = run("list", "--format", "csv", "--store", store).stdout
    assert (tmp_path / "b.txt").as_posix() in listed and (tmp_path / "a.txt").as_posix() not in listed
    assert len(merged_is_exact(store)) == 1


@pytest.mark.model
def test_keeping_unchanged_articles_are_skipped_without_parsing(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"a{i:02d}.txt").write_text(article(20 + i))
    store = tmp_path / "store"
    summary(run("build", corpus, "--store", store, "--workers", "1"))
    before = merged_is_exact(store)

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged article was parsed")

    monkeypatch.setattr(kg.build, "extract_articles", no_parsing)
    t0 = time.perf_counter()
    line = summary(run("build", corpus, "--store", store))
    assert time.perf_counter() - t0 < 2.0
    assert "(added 0, updated 0, unchanged 12)" in line
    assert merged_is_exact(store) == before


# ---------------------------------------------------------------- 2. list and remove


@pytest.fixture
def three(tmp_path) -> tuple[Path, Path]:
    """Three articles (two of them share entities) built into a store."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, k in enumerate((40, 44, 41)):  # the first two have one attacker
        (corpus / f"a{i}.txt").write_text(article(k))
    store = tmp_path / "store"
    summary(run("build", corpus, "--store", store, "--workers", "1"))
    return corpus, store


@pytest.mark.model
def test_keeping_list_shows_what_remove_and_viz_take(three):
    corpus, store = three
    out = run("list", "--store", store)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["id", "date", "title", "publisher", "facts", "file"]
    assert lines[-1] == "(3 articles)"
    ids = [ln.split()[0] for ln in lines[2:-1]]
    assert all(len(i) == 16 for i in ids)
    assert run("viz", "--article", ids[0], "-o", corpus.parent / "g.html", "--store", store).exit_code == 0


@pytest.mark.model
@pytest.mark.parametrize("how", ["path", "id", "title"])
def test_keeping_remove_keeps_the_merged_graph_exact(three, how):
    corpus, store = three
    before = merged_is_exact(store)
    rows = run("list", "--format", "csv", "--store", store).stdout.splitlines()[1:]
    gone = next(r.split(",") for r in rows if r.endswith("a1.txt"))
    ref = {"path": str(corpus / "a1.txt"), "id": gone[0], "title": gone[2].upper()}[how]
    result = run("remove", ref, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "removed 1 article"
    after = merged_is_exact(store)
    assert after == {g: t for g, t in before.items() if not g.endswith(gone[0])}
    # a triple another article still gives stays (the attackers' types and labels)
    shared = set().union(*after.values()) & before[next(g for g in before if g.endswith(gone[0]))]
    assert shared
    assert run("remove", ref, "--store", store).exit_code == 1


@pytest.mark.model
def test_keeping_remove_names_what_it_cannot_find(three):
    _, store = three
    result = run("remove", "nothing-like-this", "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: [KG500] {store.as_posix()}: no article with the id, file or title 'nothing-like-this'; "
        "'kg list' shows them"
    ]


@pytest.mark.model
@pytest.mark.slow
def test_keeping_a_killed_remove_leaves_all_or_nothing(three):
    corpus, store = three
    before = merged_is_exact(store)
    ids = [g.rsplit("_", 1)[-1] for g in before]
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5):
        proc = subprocess.Popen([*KG_CLI, "remove", *ids, "--store", str(store)], cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = merged_is_exact(store)
        assert after in ({}, before), f"killed after {delay} s: {len(after)} of {len(before)} articles left"
        if not after:
            break


# ---------------------------------------------------------------- 3. updates and validate


@pytest.mark.model
def test_keeping_update_dropping_an_article_graph_keeps_queries_in_step(three):
    _, store = three
    before = merged_is_exact(store)
    graph = sorted(before)[0]
    result = run("query", f"DROP GRAPH <{graph}>", "--update", "--store", store)
    assert result.exit_code == 0 and result.stdout.strip() == "update done", result.output
    assert merged_is_exact(store) == {g: t for g, t in before.items() if g != graph}
    asked = run("query", f"ASK {{ <{graph}> ?p ?o }}", "--store", store)
    assert asked.stdout.strip() == "no"
    assert run("validate", "--store", store).exit_code == 0


@pytest.mark.model
def test_keeping_update_of_the_default_graph_is_refused(three):
    _, store = three
    before = merged_is_exact(store)
    result = run("query", "INSERT DATA { kgr:Israel kg:killed kgr:Amos_Hochstein }", "--update", "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: [KG600] <query>: this update writes the default graph, which is kept as the merge of the article "
        "graphs; write inside GRAPH <article IRI> { ... } (or WITH <article IRI>), or use 'kg remove' for whole "
        "articles"
    ]
    assert merged_is_exact(store) == before


@pytest.mark.model
def test_keeping_update_with_a_graph_variable_rederives_the_merge(three):
    _, store = three
    q = "DELETE { GRAPH ?g { ?s kg:fatalities ?n } } WHERE { GRAPH ?g { ?s kg:fatalities ?n } }"
    assert run("query", q, "--update", "--store", store).exit_code == 0
    merged_is_exact(store)
    assert run("query", "ASK { ?s kg:fatalities ?n }", "--store", store).stdout.strip() == "no"


@pytest.mark.model
def test_keeping_validate_checks_the_merged_graph(three):
    _, store = three
    st = ox.Store(str(store))
    st.update(
        "INSERT DATA { <https://w3id.org/newskg/resource/Israel> <https://w3id.org/newskg/ontology#killed> "
        "<https://w3id.org/newskg/resource/Amos_Hochstein> }"
    )
    st.flush()
    del st
    result = run("validate", "--store", store)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "kgr:Israel  kg:killed  in the merged graph but in no article graph (written by an update?) "
        "(value: kgr:Amos_Hochstein)" in lines
    )
    assert any(ln.startswith("kgr:Israel  kg:killed  ") and "provenance" in ln for ln in lines), lines


# ---------------------------------------------------------------- 4. readers beside a writer


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(article(100 + i))
    return folder


@pytest.mark.model
@pytest.mark.slow
def test_keeping_queries_run_while_a_build_writes(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 24)
    store = tmp_path / "store"
    summary(run("build", corpus / "a00.txt", "--store", store))
    env = dict(os.environ, KG_WRITE_EVERY="200")
    build = subprocess.Popen(
        [*KG_CLI, "build", str(corpus), "--store", str(store), "-q", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    try:
        while build.poll() is None:
            q = subprocess.run(
                [*KG_CLI, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }", "--format", "csv"]
                + ["--store", str(store)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            assert q.returncode == 0, q.stderr
            seen.append(int(q.stdout.split()[1]))
        out, err = build.communicate(timeout=120)
    finally:
        build.kill()
    assert build.returncode == 0, err
    assert seen and seen == sorted(seen) and 1 <= seen[0] and seen[-1] <= 24
    assert len(merged_is_exact(store)) == 24


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(oxigraph_binary() is None, reason="the Oxigraph server binary is not installed")
def test_keeping_build_beside_a_running_server_refuses(tmp_path):
    (tmp_path / "a.txt").write_text(article(7))
    (tmp_path / "b.txt").write_text(article(8))
    store = tmp_path / "store"
    summary(run("build", tmp_path / "a.txt", "--store", store))
    server = subprocess.Popen(
        [*KG_CLI, "serve", "--store", str(store), "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        url = server.stdout.readline().split()[2]
        done = subprocess.run(
            [*KG_CLI, "build", str(tmp_path / "b.txt"), "--store", str(store)], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 1
        base = url.removesuffix("/query")
        assert done.stderr.splitlines() == [
            f"Error: [KG500] {store.as_posix()}: 'kg serve' (pid {server.pid}) is serving this store at {base}; "
            f"stop it first (it would not see new articles), or serve --allow-update and use --endpoint {url}"
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not (store / "newskg-serving.json").exists()
    assert "(added 1, updated 0, unchanged 1)" in summary(run("build", tmp_path, "--store", store))


# ---------------------------------------------------------------- 6. no silent surprises


@pytest.mark.model
def test_keeping_an_undated_article_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(article(5, dated=False))
    result = run("build", tmp_path / "a.txt", "--store", tmp_path / "store")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: [KG120] {(tmp_path / 'a.txt').as_posix()}: no publication date, so relative dates ('on Monday') "
        "stay unresolved; add 'published: YYYY-MM-DD' to its front matter or pass --date"
    ]
    again = run("build", tmp_path / "a.txt", "--store", tmp_path / "store", "--date", "2024-05-01")
    assert again.stderr == "" and "(added 0, updated 1, unchanged 0)" in again.stdout


@pytest.mark.model
@pytest.mark.parametrize(
    "bind, message",
    [
        (
            "foo=kgr:Israel",
            "Error: [KG600] --bind foo=...: <query> has no variable ?foo (its variables: ?a, ?n, ?s)",
        ),
        (
            "a=Nobody At All",
            "Error: [KG600] --bind a='Nobody At All': no node has that label; give an IRI (kgr:...), "
            "or quote the value ('\"Nobody At All\"') to bind the text itself",
        ),
    ],
    ids=["unknown-variable", "unknown-label"],
)
def test_keeping_bind_errors_are_one_line(three, bind, message):
    _, store = three
    q = "SELECT ?s ?n WHERE { ?s kg:attacker ?a ; kg:fatalities ?n }"
    result = run("query", q, "--bind", bind, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]


@pytest.mark.model
def test_keeping_bind_takes_a_label(three):
    _, store = three
    q = "SELECT ?s WHERE { ?s kg:attacker ?a }"
    by_iri = run("query", q, "--bind", "a=kgr:Russia", "--format", "csv", "--store", store)
    by_label = run("query", q, "--bind", "a=russia", "--format", "csv", "--store", store)
    assert by_iri.exit_code == by_label.exit_code == 0
    assert by_label.stdout == by_iri.stdout and len(by_iri.stdout.splitlines()) > 1


@pytest.mark.model
def test_keeping_ambiguous_label_lists_the_nodes(three):
    _, store = three
    st = ox.Store(str(store))
    st.update(
        "INSERT DATA { GRAPH <https://w3id.org/newskg/resource/extra> { "
        '<https://w3id.org/newskg/resource/Russia_2> <http://www.w3.org/2004/02/skos/core#altLabel> "Russia" } }'
    )
    st.update(
        "INSERT DATA { "
        '<https://w3id.org/newskg/resource/Russia_2> <http://www.w3.org/2004/02/skos/core#altLabel> "Russia" }'
    )
    st.flush()
    del st
    result = run("query", "SELECT ?s WHERE { ?s kg:attacker ?a }", "--bind", "a=Russia", "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: [KG600] --bind a='Russia': 2 nodes have that label: kgr:Russia, kgr:Russia_2; bind one by its IRI"
    ]


def test_keeping_bind_with_update_is_refused(tmp_path):
    result = run("query", "DROP GRAPH kgr:x", "--update", "--bind", "g=kgr:y", "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: [KG600] --bind g: updates are run as written, without bindings; write the values into the update"
    ]


def test_keeping_workers_default_to_the_cores(tmp_path, monkeypatch):
    seen = {}

    def fake_build(files, store, date, model, workers, *args, **kwargs):
        seen["workers"] = workers
        return kg.build.BuildReport()

    monkeypatch.setattr(kg.build, "build", fake_build)
    (tmp_path / "a.txt").write_text(article(1))
    run("build", tmp_path / "a.txt", "--store", tmp_path / "s")
    assert seen["workers"] == len(os.sched_getaffinity(0))


# ---------------------------------------------------------------- the plan, as a pure function


def _slot(tmp_path: Path, name: str, body: str, title: str = "T"):
    from kg.build import Slot
    from kg.model import Article

    path = (tmp_path / name).as_posix()
    return Slot(Article(id=f"id-{body}", body=body, path=path, title=title))


@pytest.mark.parametrize(
    "stored, files, expected",
    [
        ([("id-x", "a.txt", "T")], [("a.txt", "x", "T")], (0, 0, 1, 0, [])),
        ([("id-x", "a.txt", "T")], [("a.txt", "x", "New title")], (0, 1, 0, 0, [])),
        ([("id-x", "a.txt", "T")], [("a.txt", "y", "T")], (0, 1, 0, 0, [])),
        ([("id-x", "gone.txt", "T")], [("b.txt", "x", "T")], (0, 1, 0, 0, [])),
        ([], [("a.txt", "x", "T"), ("b.txt", "x", "T")], (1, 0, 0, 1, [])),
        ([("id-x", "rel/a.txt", "T")], [("a.txt", "y", "T")], (1, 0, 0, 0, [])),
    ],
    ids=["unchanged", "new-front-matter", "edited", "moved", "same-body-twice", "another-file"],
)
def test_keeping_plan_sorts_files(tmp_path, stored, files, expected):
    from kg.plan import plan_build
    from kg.store.catalog import StoredArticle

    rows = [StoredArticle(i, (tmp_path / p).as_posix(), title=t) for i, p, t in stored]
    plan = plan_build([_slot(tmp_path, *f) for f in files], rows)
    assert (plan.added, plan.updated, plan.unchanged, plan.duplicates, plan.stale) == expected


def test_keeping_plan_takes_out_an_older_store_s_relative_path(tmp_path, monkeypatch):
    from kg.plan import plan_build
    from kg.store.catalog import StoredArticle

    monkeypatch.chdir(tmp_path)
    plan = plan_build([_slot(tmp_path, "a.txt", "new")], [StoredArticle("id-old", "a.txt", title="T")])
    assert (plan.updated, plan.stale) == (1, ["id-old"])


@pytest.mark.model
def test_keeping_unchanged_files_are_not_even_read_the_second_time(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 4)
    store = tmp_path / "store"
    summary(run("build", corpus, "--store", store, "--workers", "1"))
    assert (store / "newskg-files.json").exists()

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged file was read")

    with monkeypatch.context() as m:
        m.setattr(kg.build, "load_article", no_reading)
        assert "(added 0, updated 0, unchanged 4)" in summary(run("build", corpus, "--store", store))
    # the bytes changed: read, and found the same article (front matter and body unchanged)
    (corpus / "a01.txt").write_text((corpus / "a01.txt").read_text() + "\n")
    assert "(added 0, updated 0, unchanged 4)" in summary(run("build", corpus, "--store", store))
    # other settings: every file is read again
    assert "(added 0, updated 4, unchanged 0)" in summary(
        run("build", corpus, "--store", store, "--date", "2024-06-01")
    )
    # a cache that lies is checked against the store
    (store / "newskg-files.json").write_text('{"version": 1, "settings": "x", "files": {}}')
    assert "(added 0, updated 0, unchanged 4)" in summary(
        run("build", corpus, "--store", store, "--date", "2024-06-01")
    )
