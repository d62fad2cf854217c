"""The Dask build: a LocalCluster of two worker processes gives the store a single-process build gives."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import ModelError
from kg.present.export import export
from kg.store.embedded import KGStore

pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (pip install distributed)")

from kg.distributed import ClusterError, build_dask, dask_client, extract_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_e40af85a717e963c.txt"
CORPUS = ROOT / "benchmarks" / "corpus.py"


def _article_text(i: int) -> str:
    """A synthetic article from benchmarks/corpus.py if it is there, else a simple one of our own."""
    if CORPUS.exists():
        spec = importlib.util.spec_from_file_location("_kg_bench_corpus", CORPUS)
        corpus = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(corpus)
        return corpus.article_text(i)
    r = random.Random(i)
    a, b = r.sample(["Israel", "Hezbollah", "Russia", "Ukraine", "Hamas", "Sudan"], 2)
    place = r.choice(["Beirut", "Gaza", "Kharkiv", "Khartoum", "Tyre"])
    n = r.randint(2, 60)
    return (
        f"---\ntitle: Strike {i}\npublished: 2024-0{1 + i % 9}-1{i % 10}\n---\n"
        f"{a} struck {place} on Monday, killing at least {n} people, officials said. "
        f"{b} said it would respond. US envoy Amos Hochstein met officials in {place} to push a ceasefire.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The seed, ten synthetic articles and one binary file, in build order."""
    d = tmp_path_factory.mktemp("corpus")
    paths = [SEED]
    for i in range(10):
        p = d / f"syn_{i:03d}.md"
        p.write_text(_article_text(i), encoding="utf-8")
        paths.append(p)
    bad = d / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    paths.insert(4, bad)
    return paths


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    """The single-process build of the corpus: its report and sorted N-Quads."""
    with KGStore(tmp_path_factory.mktemp("single") / "s") as store:
        report = build(corpus, store)
        return report, sorted(export(store, "nq").decode().splitlines())


@pytest.fixture(scope="module")
def client():
    """One LocalCluster of two worker processes, one thread each, for the module."""
    with dask_client("local", n_workers=2) as c:
        yield c


def _same_report(a, b) -> None:
    assert (a.articles, a.facts, a.triples, a.entities, a.skipped) == (
        b.articles,
        b.facts,
        b.triples,
        b.entities,
        b.skipped,
    )


@pytest.mark.model
def test_distributed_build_equals_single_process(corpus, single, client, tmp_path):
    report, quads = single
    with KGStore(tmp_path / "s") as store:
        got = build_dask(corpus, store, client, batch_size=3)
        assert sorted(export(store, "nq").decode().splitlines()) == quads
    _same_report(got, report)
    assert got.articles == 11 and len(got.skipped) == 1 and "binary file" in got.skipped[0]


@pytest.mark.model
def test_distributed_failed_article_is_reported_not_fatal(corpus, client, tmp_path):
    doomed = corpus[2].as_posix()

    def flaky(articles, model):  # a local function: Dask ships it by value
        if any(a.path == doomed for a in articles):
            raise RuntimeError("worker crashed on this one")
        return extract_articles(articles, model)

    with KGStore(tmp_path / "s") as store:
        got = build_dask(corpus, store, client, batch_size=4, extract_fn=flaky)
        dask_quads = sorted(export(store, "nq").decode().splitlines())
    with KGStore(tmp_path / "t") as store:
        build([p for p in corpus if p.as_posix() != doomed], store)
        want = sorted(export(store, "nq").decode().splitlines())
    assert dask_quads == want  # the rest of its batch was retried one by one and built
    assert got.articles == 10
    assert [m for m in got.skipped if doomed in m] == [
        f"[KG107] {doomed}: could not be parsed or extracted on the Dask cluster "
        "(RuntimeError: worker crashed on this one); skipped"
    ]


def test_distributed_missing_model_is_fatal(corpus, client, tmp_path):
    with KGStore(tmp_path / "s") as store, pytest.raises(ModelError, match="no_such_pipeline"):
        build_dask(corpus[:2], store, client, model="no_such_pipeline")


@pytest.mark.model
def test_distributed_into_a_remote_store(corpus, single, client):
    from kg.store import RemoteStore
    from kg.store.serve import oxigraph_binary, start_server

    if oxigraph_binary() is None:
        pytest.skip("the Oxigraph server binary is not installed (pip install oxigraph==0.5.13)")
    with (
        start_server(None, port=0, read_only=False, union_default_graph=False) as srv,
        RemoteStore(srv.query_url) as store,
    ):
        got = build_dask(corpus, store, client)
        assert sorted(export(store, "nq").decode().splitlines()) == single[1]
    _same_report(got, single[0])


@pytest.mark.slow  # waits for the connection to time out
def test_distributed_unreachable_scheduler_is_one_clear_error():
    from kg.store.serve import free_port

    with pytest.raises(ClusterError, match=r"KG560.*cannot reach the Dask scheduler"):
        with dask_client(f"tcp://127.0.0.1:{free_port()}", timeout="2s"):
            pass


def test_cli_build_has_dask_option():
    """A renamed option must fail here, not skip the test below."""
    from kg.cli import main

    assert any(p.name == "scheduler" and "--dask" in p.opts for p in main.commands["build"].params)


@pytest.mark.model
def test_cli_build_dask_local(corpus, single, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["build", *map(str, corpus), "--store", str(store), "--dask", "local", "-q"])
    assert result.exit_code == 3, result.output  # built, with one file skipped
    assert "built 11 articles" in result.output and "binary file" in result.output
    with KGStore(store, create=False) as st:
        assert sorted(export(st, "nq").decode().splitlines()) == single[1]
