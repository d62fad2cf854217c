"""Crashes lose nothing: a killed build leaves whole articles only, a locked store is
refused, a failed export leaves the old file alone. Real processes throughout."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.articles import iter_article_paths
from kg.build import build
from kg.cli import main
from kg.store.embedded import JOURNAL, KGStore
from tests.conftest import ROOT, SEED

KG_CLI = [sys.executable, "-m", "kg.cli"]
ATTACKERS = ["Russia", "Israel", "Hezbollah", "Hamas", "Iran", "Ukraine"]
PLACES = ["Kyiv", "Beirut", "Gaza", "Kharkiv", "Odesa", "Haifa", "Tyre", "Sidon"]
ATTACKS = ["a missile attack", "an airstrike", "a drone strike", "a rocket attack", "artillery shelling"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
N_ARTICLES = 30


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _article(i: int) -> str:
    r = random.Random(i)
    lines = [
        f"{r.choice(ATTACKERS)} launched {r.choice(ATTACKS)} on {r.choice(PLACES)} on {r.choice(DAYS)}, "
        f"killing {r.randint(1, 40)} people."
        for _ in range(r.randint(2, 5))
    ]
    lines.append(f"Officials in {r.choice(PLACES)} said the talks would resume next week.")
    return f"---\npublished: 2024-05-{1 + i % 28:02d}\n---\n" + " ".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for i in range(N_ARTICLES):
        (d / f"a{i:02d}.txt").write_text(_article(i))
    return d


@pytest.fixture(scope="module")
def clean_build(corpus, tmp_path_factory) -> dict[str, set]:
    """A clean, uninterrupted build: each graph's triples by graph name."""
    path = tmp_path_factory.mktemp("clean") / "store"
    with KGStore(path) as store:
        report = build(list(iter_article_paths([corpus])), store)
        assert report.articles == N_ARTICLES and not report.skipped
        return _graphs(store)


def _graphs(store: KGStore) -> dict[str, set]:
    """Each article graph's triples; and the default graph must be exactly their merge."""
    out: dict[str, set] = {}
    for q in store.quads():
        assert not isinstance(q.graph_name, ox.DefaultGraph), f"triple outside an article graph: {q}"
        out.setdefault(q.graph_name.value, set()).add(q.triple)
    merged = set().union(*out.values())
    assert set(store.triples()) == merged, "the default graph is not the merge of the article graphs"
    assert not (store.path / JOURNAL).exists()
    return out


def _start_build(corpus: Path, store: Path) -> subprocess.Popen:
    # a few articles per bulk write, so that a kill can land between writes and inside one
    env = dict(os.environ, KG_WRITE_EVERY="300")
    return subprocess.Popen(
        [*KG_CLI, "build", str(corpus), "--store", str(store), "-q"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_journal(proc: subprocess.Popen, store: Path, times: int, timeout: float = 60.0) -> bool:
    """Poll until a bulk write is under way (its journal present) for the ``times``-th time; False if
    the build ended first."""
    deadline = time.monotonic() + timeout
    seen, present = 0, False
    while proc.poll() is None and time.monotonic() < deadline:
        now = (store / JOURNAL).exists()
        if now and not present:
            seen += 1
            if seen >= times:
                return True
        present = now
        time.sleep(0.0005)
    return False


@pytest.mark.model
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_crash_killed_build_leaves_whole_articles_only(corpus, clean_build, tmp_path, sig):
    clean_graphs = clean_build
    store = tmp_path / "store"
    proc = _start_build(corpus, store)
    try:
        # in the middle of the third bulk write: two written, one half written
        assert _wait_for_journal(proc, store, 3), "the build finished before it could be interrupted"
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:  # Ctrl-C: one line, no traceback
        assert proc.returncode == 130, stderr
        assert stderr.startswith("Error: [KG500] ") and "build interrupted" in stderr, stderr
        assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    with KGStore(store, create=False) as st:
        got = _graphs(st)
    assert 0 < len(got) < N_ARTICLES, f"{len(got)} articles: not interrupted in the middle"
    for name, triples in got.items():
        assert name in clean_graphs, f"{name}: not an article of the corpus"
        assert len(triples) == len(clean_graphs[name]), f"{name}: {len(triples)} of {len(clean_graphs[name])} triples"
        assert triples == clean_graphs[name]
    # and the build can simply be run again to finish
    done = subprocess.run([*KG_CLI, "build", str(corpus), "--store", str(store), "-q"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    with KGStore(store, create=False) as st:
        assert _graphs(st) == clean_graphs


@pytest.fixture
def held_store(tmp_path):
    """A store held open (and so locked) by another process, released on teardown."""
    store = tmp_path / "store"
    assert run("build", SEED, "--store", store).exit_code == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from kg.store.embedded import KGStore; s = KGStore(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(store),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield store
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.model
def test_crash_locked_store_is_refused_to_writers(held_store):
    result = run("build", SEED, "--store", held_store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: [KG500] {held_store.as_posix()}: store is locked by another process (a running 'kg build'?); "
        "wait for it to finish"
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "command, out",
    [
        (["query", "ASK { ?s a kg:Strike }"], "yes"),
        (["export", "--format", "nt"], "<https://w3id.org/newskg/"),
        (["validate"], "conforms"),
        (["viz", "-o", "g.html"], "wrote g.html"),
        (["stats"], "classes"),
        (["list"], "000_e40af85a717e963c.txt"),
    ],
)
def test_crash_locked_store_is_read_beside_its_writer(held_store, command, out, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--store", held_store)
    assert result.exit_code == 0, result.output
    assert out in result.stdout


@pytest.mark.model
def test_crash_locked_store_is_refused_in_a_real_process(held_store):
    done = subprocess.run(
        [*KG_CLI, "build", str(SEED), "--store", str(held_store)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: [KG500] {held_store.as_posix()}: store is locked by another process")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.model
def test_crash_store_opens_again_after_the_holder_dies(tmp_path):
    store = tmp_path / "store"
    assert run("build", SEED, "--store", store).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from kg.store import KGStore; KGStore(sys.argv[1]); time.sleep(60)"]
        + [str(store)],
        cwd=ROOT,
    )
    time.sleep(0.5)
    holder.kill()
    holder.wait()
    out = run("query", "ASK { ?s a kg:Strike }", "--store", store)
    assert out.exit_code == 0 and out.stdout.strip() == "yes"


@pytest.mark.model
def test_crash_failed_export_leaves_old_file_untouched(seed_store, tmp_path, monkeypatch):
    out = tmp_path / "graph.ttl"
    out.write_text("old export\n")

    def disk_full(items, output=None, format=None, prefixes=None):
        output.write(b"@prefix kg: <https://w3id.org/newskg/ontology#> .\n")  # half-written...
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ox, "serialize", disk_full)
    result = run("export", "--store", seed_store, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: [KG700] {out.as_posix()}: cannot write (No space left on device); any existing file is unchanged"
    ]
    assert out.read_text() == "old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]  # no temporary file left behind


@pytest.mark.model
def test_crash_export_killed_by_file_size_limit_leaves_old_file(seed_store, tmp_path):
    """A real process whose writes fail half-way (RLIMIT_FSIZE): the old output survives."""
    resource = pytest.importorskip("resource")
    store = shutil.copytree(seed_store, tmp_path / "store")  # the limited process must not touch the shared one
    out = tmp_path / "graph.nt"
    out.write_text("old export\n")
    limit = 160_000  # above the store's own files (options, logs), below the seed's N-Triples (~300 kB)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [*KG_CLI, "export", "--store", str(store), "--format", "nt", "--with-ontology", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"Error: [KG700] {out.as_posix()}: cannot write (File too large)"), done.stderr
    assert done.stderr.count("\n") == 1
    assert out.read_text() == "old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "store"]


@pytest.mark.model
def test_crash_export_replaces_output_atomically(seed_store, tmp_path):
    out = tmp_path / "graph.nt"
    out.write_text("old export\n")
    inode = os.stat(out).st_ino
    assert run("export", "--store", seed_store, "--format", "nt", "-o", out).exit_code == 0
    assert out.read_text() != "old export\n" and os.stat(out).st_ino != inode  # a new file renamed into place
