"""Benchmarks: extraction, scaling, loading, queries, export and memory, each
beside a reference measured in the same run. Prints a markdown table and
writes it, with the raw numbers and a profile, to ``benchmarks/results/``.

    .venv/bin/python benchmarks/run.py --sizes 100,1000
    .venv/bin/python benchmarks/run.py --sizes 100,1000,10000 --only memory

Corpora come from ``benchmarks/corpus.py`` (synthetic, deterministic).
Sections: extract (smallest corpus), load (its triples), scale (``kg build
--workers 1`` vs ``N`` on the corpus of ``--scale-size``), query and export (the
store of that build, topped up to ``--min-triples`` by copying graphs under new
names), memory (``kg build`` on every corpus of 1,000 articles or more), rebuild (a first
build of the ``--scale-size`` corpus, the same build with nothing changed, then with one article changed).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SECTIONS = ("extract", "load", "scale", "query", "export", "memory", "rebuild")
_RUNS: dict[tuple[int, int], dict] = {}  # (size, workers) -> a kg build run, shared by scale and memory


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    import pyoxigraph
    import spacy

    return (
        f"{os.cpu_count()} cores (`nproc` {len(os.sched_getaffinity(0))}), {cpu}; "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, pyoxigraph {pyoxigraph.__version__}"
    )


class Table:
    """Rows of figure | ours | reference | ratio | goal | met."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.raw: dict = {}

    def add(self, figure: str, ours: str, ref: str = "", ratio: str = "", goal: str = "", met: bool | None = None):
        self.rows.append((figure, ours, ref, ratio, goal, "" if met is None else ("yes" if met else "**no**")))
        print("  " + " | ".join(self.rows[-1]), flush=True)

    def markdown(self) -> str:
        head = ("Figure", "newskg", "Reference (same run)", "Ratio", "Goal", "Met")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


# ---------------------------------------------------------------- processes


def monitored(cmd: list[str], env: dict | None = None, timeout: float = 0, max_mb: float = 0) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds, exit code, and peak RSS (MB) of the main
    process and of the whole process tree, sampled every 0.1 s (the kernel's ru_maxrss
    is no use here: a child starts from the RSS of the process that forked it).
    Killed past ``timeout`` seconds or ``max_mb`` of RSS (``killed`` says which)."""
    import psutil

    peak = {"main": 0, "tree": 0, "cpu_main": 0.0, "killed": ""}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=RESULTS, env=env, stdout=out, stderr=err)  # not ROOT: PYTHONPATH must win
        done = threading.Event()

        def sample() -> None:
            try:
                proc = psutil.Process(p.pid)
                while not done.is_set():
                    main = proc.memory_info().rss
                    tree = main + sum(c.memory_info().rss for c in proc.children(recursive=True))
                    peak["main"], peak["tree"] = max(peak["main"], main), max(peak["tree"], tree)
                    cpu = proc.cpu_times()
                    peak["cpu_main"] = cpu.user + cpu.system
                    over = "time" if timeout and time.perf_counter() - t0 > timeout else ""
                    over = over or ("memory" if max_mb and tree > max_mb * 2**20 else "")
                    if over:
                        peak["killed"] = over
                        for c in proc.children(recursive=True):
                            c.kill()
                        proc.kill()
                    done.wait(0.1)
            except psutil.Error:
                pass

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        done.set()
        th.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    return {
        "seconds": seconds,
        "code": p.returncode,
        "killed": peak["killed"],
        "stdout": stdout,
        "stderr": stderr[-2000:],
        "cpu": usage.ru_utime + usage.ru_stime,  # the process and the children it waited for
        "cpu_main": peak["cpu_main"],  # the main process alone (last sample)
        "rss_main": peak["main"] / 2**20,
        "rss_tree": peak["tree"] / 2**20,
    }


def kg_build(size: int, workers: int, store: Path) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    src = corpus.write_corpus(size)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(src), "--store", str(store), "--workers", str(workers), "-q"]
    run = monitored(cmd, env=dict(os.environ))
    if run["code"] != 0:
        raise SystemExit(f"kg build failed ({run['code']}): {run['stderr']}")
    print(
        f"    kg build n={size} workers={workers}: {run['seconds']:.1f} s wall, {run['cpu']:.1f} s CPU "
        f"({run['cpu_main']:.1f} s main process), {run['stdout'].strip()}",
        flush=True,
    )
    return run


# ---------------------------------------------------------------- sections


def bench_extract(t: Table, size: int, repeat: int, profile: bool) -> list:
    """Words per second of nlp.pipe alone, and of nlp.pipe + extract + fact_triples."""
    from kg.articles import iter_article_paths, load_article
    from kg.extract import extract
    from kg.extract.lexicon import load_lexicon
    from kg.nlp import build_nlp
    from kg.rdf.graph import fact_triples

    arts = [load_article(p) for p in iter_article_paths([corpus.write_corpus(size)])]
    texts = [a.body for a in arts]
    words = sum(len(x.split()) for x in texts)
    nlp, lex = build_nlp(), load_lexicon()
    list(nlp.pipe(texts[:8]))
    bare, full, ours = [], [], []
    for _ in range(repeat):  # interleaved, so that drift in machine load hits both
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        bare.append(time.perf_counter() - t0)
        t0, stage, n = time.perf_counter(), 0.0, 0
        for a, doc in zip(arts, nlp.pipe(texts, batch_size=16)):
            t1 = time.perf_counter()
            n += sum(1 for _ in fact_triples(a, extract(a, doc, lex)))  # nothing kept, as in a build
            stage += time.perf_counter() - t1
        full.append(time.perf_counter() - t0)
        ours.append(stage)
    over = median(ours) / median(bare)
    t.raw["extract"] = {"articles": len(arts), "words": words, "bare": bare, "full": full, "ours": ours, "triples": n}
    t.add(
        f"Extraction, {len(arts)} articles ({words:,} words), words/s",
        f"{words / median(full):,.0f} (parse + extract + triples)",
        f"{words / median(bare):,.0f} (bare `nlp.pipe`)",
        f"{words / median(full) / (words / median(bare)):.2f}",
    )
    t.add(
        "Extraction: our stages on top of spaCy's parse",
        f"{median(ours) / len(arts) * 1000:.1f} ms/article",
        f"{median(bare) / len(arts) * 1000:.1f} ms/article parse",
        f"+{over:.1%}",
        "≤ +15%",
        over <= 0.15,
    )
    docs = list(nlp.pipe(texts, batch_size=16))
    if profile:  # before the triples are kept: the garbage collector would charge their upkeep to our stages
        prof = cProfile.Profile()
        prof.enable()
        for a, doc in zip(arts, docs):
            list(fact_triples(a, extract(a, doc, lex)))
        prof.disable()
        buf = io.StringIO()
        st = pstats.Stats(prof, stream=buf)
        st.sort_stats("tottime").print_stats(25)
        st.sort_stats("cumtime").print_stats(r"/kg/", 25)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "profile-extract.txt").write_text(buf.getvalue())
        print("    profile of our stages: benchmarks/results/profile-extract.txt", flush=True)
    triples = [(a, list(fact_triples(a, extract(a, doc, lex)))) for a, doc in zip(arts, docs)]  # for bench_load
    return triples


def _ox_quads(triples: list) -> list:
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.rdf.iris import article_iri

    def term(x):
        if isinstance(x, URIRef):
            return ox.NamedNode(str(x))
        if x.language:
            return ox.Literal(str(x), language=x.language)
        return ox.Literal(str(x), datatype=ox.NamedNode(str(x.datatype))) if x.datatype else ox.Literal(str(x))

    return [ox.Quad(term(s), term(p), term(o), ox.NamedNode(article_iri(a.id))) for a, tr in triples for s, p, o in tr]


def bench_load(t: Table, triples: list, repeat: int) -> None:
    """KGStore as kg build writes (bulk batches) and one transaction per article, vs pyoxigraph's bulk_load."""
    import pyoxigraph as ox

    import kg.build
    from kg.rdf.graph import encode
    from kg.store.embedded import KGStore

    n = sum(len(x) for _, x in triples)
    nquads = ox.serialize(_ox_quads(triples), format=ox.RdfFormat.N_QUADS)
    every = kg.build.WRITE_EVERY

    def ours(path: Path, bulk: bool) -> float:
        t0 = time.perf_counter()
        with KGStore(path) as store:
            if not bulk:
                for a, tr in triples:
                    store.replace_article(a.id, a.path, tr)
            else:
                batch: list = []
                size = 0
                for a, tr in triples:  # encoded here: in kg build the workers do it
                    batch.append((a.id, a.path, encode(a.id, tr)))
                    size += len(tr)
                    if size >= every:
                        store.write_articles(batch)
                        batch, size = [], 0
                store.write_articles(batch)
        return time.perf_counter() - t0

    runs: dict[str, list[float]] = {"bulk": [], "one": [], "ref": []}
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        for k in range(repeat):  # interleaved
            runs["bulk"].append(ours(Path(tmp) / f"kgb{k}", True))
            runs["one"].append(ours(Path(tmp) / f"kg{k}", False))
            t0 = time.perf_counter()
            st = ox.Store(str(Path(tmp) / f"ox{k}"))
            st.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            st.flush()
            runs["ref"].append(time.perf_counter() - t0)
            del st
    t.raw["load"] = {"triples": n} | runs
    ref = median(runs["ref"])
    for key, how in (
        ("bulk", f"`KGStore.write_articles`, {every:,} triples a batch, as `kg build` writes"),
        ("one", "`KGStore.replace_article`, one transaction per article"),
    ):
        ratio = ref / median(runs[key])
        t.add(
            f"Load, {n:,} triples, triples/s",
            f"{n / median(runs[key]):,.0f} ({how})",
            f"{n / ref:,.0f} (`Store.bulk_load`, N-Quads)",
            f"{ratio:.0%}",
            "≥ 50%",
            ratio >= 0.5,
        )


def bench_scale(t: Table, size: int, workers: int, repeat: int) -> Path:
    """kg build --workers 1 vs --workers N on one corpus; returns the last store built."""
    store = RESULTS / f"store-n{size}"
    runs: dict[int, list[dict]] = {1: [], workers: []}
    for _ in range(repeat):
        for w in (1, workers):
            runs[w].append(kg_build(size, w, store))
    for w, rs in runs.items():
        _RUNS[(size, w)] = min(rs, key=lambda r: r["seconds"]) | {"median": median([r["seconds"] for r in rs])}
    one, many = median([r["seconds"] for r in runs[1]]), median([r["seconds"] for r in runs[workers]])
    t.raw["scale"] = {str(w): [r["seconds"] for r in rs] for w, rs in runs.items()}
    t.add(
        f"`kg build` {size:,} articles, {workers} workers, s",
        f"{many:.1f}",
        f"{one:.1f} (1 worker)",
        f"{one / many:.2f}× speed-up",
        "≥ 1.6×",
        one / many >= 1.6,
    )
    return store


def _top_up(store: Path, min_triples: int) -> Path:
    """A copy of ``store`` with at least ``min_triples`` quads: graphs copied under new article and event names."""
    import pyoxigraph as ox

    st = ox.Store.read_only(str(store))
    have = len(st)
    if have >= min_triples:
        return store
    data = st.dump(format=ox.RdfFormat.N_QUADS).decode()
    del st
    out = store.with_name(store.name + f"-{min_triples}")
    shutil.rmtree(out, ignore_errors=True)
    big = ox.Store(str(out))
    big.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    rename = re.compile(r"(resource/(?:article|Strike|Statement|Proposal|evidence)_[0-9a-f]+)")
    k = 0
    while len(big) < min_triples:
        k += 1
        big.bulk_load(rename.sub(rf"\1c{k}", data), format=ox.RdfFormat.N_QUADS)
    big.flush()
    print(f"    topped up {have:,} -> {len(big):,} quads ({k} renamed copies)", flush=True)
    return out


#: how the worst-case value of a query parameter is picked: the busiest one
_BUSIEST = {
    "speaker": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s kg:speaker ?v } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1",
    "*": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?v kg:mentionedIn ?a } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1",
}
_QUERY_CHILD = """
import json, sys, time
import pyoxigraph as ox
from kg.present.query import run_query
from kg.store.embedded import KGStore
store, path, var, value, repeat = sys.argv[1:6]
text = open(path, encoding="utf-8").read()
binds = {var: ox.NamedNode(value)} if var else None
times, rows = [], 0
with KGStore(store, create=False) as st:
    for k in range(int(repeat) + 1):  # the first run warms the caches; a slow query is not run again
        t0 = time.perf_counter()
        res = run_query(st, text, path, binds)
        rows = sum(1 for _ in res) if hasattr(res, "__iter__") else 1
        times.append(time.perf_counter() - t0)
        if times[0] > 2:
            break
print(json.dumps({"times": times, "rows": rows}))
"""


def bench_queries(
    t: Table, store_path: Path, repeat: int, folder: Path, timeout: float = 60, max_mb: float = 4000
) -> None:
    """Every queries/*.rq, and each parameter bound to its busiest value, in a child process each."""
    from kg.rdf.graph import PREFIXES
    from kg.store.embedded import KGStore

    with KGStore(store_path, create=False) as store:
        n = store.count()
        busiest = {}
        for var, q in _BUSIEST.items():
            sol = next(iter(store.query(q, prefixes=PREFIXES)), None)
            busiest[var] = sol["v"].value if sol is not None else ""
    t.raw["queries"] = {"quads": n}
    for f in sorted(folder.glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        variants = [("", "")] + [
            (v, busiest.get(v) or busiest["*"]) for v in sorted(set(re.findall(r"--bind (\w+)=", text)))
        ]
        for var, value in variants:
            cmd = [sys.executable, "-c", _QUERY_CHILD, str(store_path), str(f), var, value, str(repeat)]
            run = monitored(cmd, env=dict(os.environ), timeout=timeout, max_mb=max_mb)
            label = f"`{f.name}`" + (f" {var}=<{value.rsplit('/', 1)[-1]}> (busiest)" if var else "")
            if run["killed"] or run["code"] != 0:
                why = {"time": f"over {timeout:.0f} s", "memory": f"over {max_mb:,.0f} MB"}.get(run["killed"], "failed")
                t.raw["queries"][label] = {"killed": why, "stderr": run["stderr"][-300:]}
                t.add(f"Query {label}, {n:,} quads", f"stopped: {why}", goal="< 200 ms", met=False)
                continue
            res = json.loads(run["stdout"])
            ms = median(res["times"][1:] or res["times"]) * 1000
            t.raw["queries"][label] = res | {"rss_mb": run["rss_main"]}
            t.add(
                f"Query {label}, {n:,} quads",
                f"{ms:,.0f} ms median ({res['rows']:,} rows, {run['rss_main']:,.0f} MB peak)",
                goal="< 200 ms",
                met=ms < 200,
            )


_EXPORTS = {
    "kg-turtle": "from kg.present.export import export; from kg.store.embedded import KGStore\n"
    "with KGStore(STORE, create=False) as s: export(s, 'turtle', OUT)",
    "kg-nt": "from kg.present.export import export; from kg.store.embedded import KGStore\n"
    "with KGStore(STORE, create=False) as s: export(s, 'nt', OUT)",
    # the same triples: the store's default graph, the merge of its article graphs
    "ox-turtle": "import pyoxigraph as ox; from kg.rdf.graph import PREFIXES\ns = ox.Store.read_only(STORE)\n"
    "q = s.quads_for_pattern(None, None, None, ox.DefaultGraph())\n"
    "with open(OUT, 'wb') as f: ox.serialize((x.triple for x in q), f, ox.RdfFormat.TURTLE, prefixes=PREFIXES)",
    "ox-nt": "import pyoxigraph as ox\ns = ox.Store.read_only(STORE)\n"
    "q = s.quads_for_pattern(None, None, None, ox.DefaultGraph())\n"
    "with open(OUT, 'wb') as f: ox.serialize((x.triple for x in q), f, ox.RdfFormat.N_TRIPLES)",
}


def bench_export(t: Table, store_path: Path, repeat: int) -> None:
    """kg.present.export.export vs pyoxigraph streaming the same store's triples, each in its own process."""
    res: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        for _ in range(repeat):
            for kind, code in _EXPORTS.items():
                out = Path(tmp) / kind
                prog = f"STORE, OUT = {str(store_path)!r}, {str(out)!r}\n{code}"
                run = monitored([sys.executable, "-c", prog], env=dict(os.environ), timeout=900, max_mb=8000)
                if run["code"] != 0:
                    raise SystemExit(f"export {kind} failed ({run['killed'] or run['code']}): {run['stderr']}")
                run["bytes"] = out.stat().st_size
                res.setdefault(kind, []).append(run)
    t.raw["export"] = {k: [{x: r[x] for x in ("seconds", "rss_main", "bytes")} for r in v] for k, v in res.items()}
    from kg.store.embedded import KGStore

    with KGStore(store_path, create=False) as s:
        n = sum(1 for _ in s.triples())  # what the merged formats write
    for fmt in ("turtle", "nt"):
        ours, ref = res[f"kg-{fmt}"], res[f"ox-{fmt}"]
        sec, rsec = median([r["seconds"] for r in ours]), median([r["seconds"] for r in ref])
        mem, rmem = max(r["rss_main"] for r in ours), max(r["rss_main"] for r in ref)
        name = {"turtle": "Turtle", "nt": "N-Triples"}[fmt]
        t.add(
            f"Export {name}, {n:,} triples: seconds / peak RSS",
            f"{sec:.1f} s / {mem:,.0f} MB ({ours[0]['bytes'] / 2**20:,.0f} MB)",
            f"{rsec:.1f} s / {rmem:,.0f} MB (`ox.serialize` of the same triples, {ref[0]['bytes'] / 2**20:,.0f} MB)",
            f"{sec / rsec:.1f}× time, {mem / rmem:.1f}× memory",
        )


def bench_rebuild(t: Table, size: int, workers: int) -> None:
    """A store kept up to date: the first build of a corpus, the same build again with nothing changed,
    and again after one article changed (a copy of the corpus, so the shared one stays as written)."""
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        src = Path(shutil.copytree(corpus.write_corpus(size), Path(tmp) / "corpus"))
        store = Path(tmp) / "store"
        cmd = [sys.executable, "-m", "kg.cli", "build", str(src), "--store", str(store), "--workers", str(workers)]
        cmd.append("-q")
        runs = {}
        for step in ("first", "unchanged", "one changed"):
            if step == "one changed":
                one = sorted(src.glob("syn_*.md"))[size // 2]
                one.write_text(one.read_text(encoding="utf-8") + "\nThe talks will resume on Friday.\n", "utf-8")
            run = monitored(cmd, env=dict(os.environ))
            if run["code"] != 0:
                raise SystemExit(f"kg build ({step}) failed ({run['code']}): {run['stderr']}")
            runs[step] = run
            print(f"    {step}: {run['seconds']:.1f} s; {run['stdout'].strip()}", flush=True)
    t.raw["rebuild"] = {k: {"seconds": r["seconds"], "stdout": r["stdout"]} for k, r in runs.items()}
    for step, run in runs.items():
        line = run["stdout"].strip()
        t.add(f"`kg build` {size:,} articles, {workers} workers: {step}", f"{run['seconds']:.1f} s", line)


def bench_memory(t: Table, sizes: list[int], workers: int) -> None:
    """Peak RSS of kg build at each corpus size: it should not grow with the corpus."""
    for size in sizes:
        run = _RUNS.get((size, workers)) or kg_build(size, workers, RESULTS / f"store-n{size}")
        _RUNS[(size, workers)] = run
        t.raw.setdefault("memory", {})[str(size)] = {k: run[k] for k in ("seconds", "cpu", "rss_main", "rss_tree")}
        t.add(
            f"`kg build` {size:,} articles, {workers} workers: peak RSS",
            f"{run['rss_main']:,.0f} MB main process, {run['rss_tree']:,.0f} MB all processes",
            f"{run['seconds']:.0f} s wall",
        )
    base = _RUNS.get((min(sizes), workers))
    if base and len(sizes) > 1:
        top = _RUNS[(max(sizes), workers)]
        growth = top["rss_tree"] / base["rss_tree"] - 1
        t.add(
            f"Memory growth {min(sizes):,} → {max(sizes):,} articles (all processes)",
            f"{growth:+.0%}",
            goal="flat",
            met=growth < 0.15,
        )


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="corpus sizes, comma-separated (default 100,1000)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"sections, comma-separated: {', '.join(SECTIONS)}")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    ap.add_argument("--workers", type=int, default=2, help="workers for the scaling and memory builds (default 2)")
    ap.add_argument("--scale-size", type=int, help="corpus of the scaling build (default: largest size up to 1000)")
    ap.add_argument("--min-triples", type=int, default=1_000_000, help="store size for queries and export")
    ap.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder of .rq files (default queries/)")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile run of our stages")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    only = set(args.only.split(","))
    RESULTS.mkdir(exist_ok=True)
    t = Table()
    print(f"machine: {machine()}", flush=True)
    triples = []
    if only & {"extract", "load"}:
        triples = bench_extract(t, sizes[0], args.repeat, not args.no_profile)
    if "load" in only:
        bench_load(t, triples, args.repeat)
    scale_size = args.scale_size or max([s for s in sizes if s <= 1000] or [sizes[0]])
    store = RESULTS / f"store-n{scale_size}"
    if "scale" in only:
        store = bench_scale(t, scale_size, args.workers, max(1, args.repeat - 1))
    if only & {"query", "export"}:
        if not store.exists():
            _RUNS[(scale_size, args.workers)] = kg_build(scale_size, args.workers, store)
        big = _top_up(store, args.min_triples)
        if "query" in only:
            bench_queries(t, big, max(args.repeat, 5), args.queries.resolve())
        if "export" in only:
            bench_export(t, big, max(1, args.repeat - 1))
    if "memory" in only:
        bench_memory(t, [s for s in sizes if s >= 1000] or [sizes[-1]], args.workers)
    if "rebuild" in only:
        bench_rebuild(t, scale_size, args.workers)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    md = f"Machine: {machine()}. Corpus: synthetic (benchmarks/corpus.py) plus seeds/.\n\n{t.markdown()}\n"
    (RESULTS / f"results-{stamp}.md").write_text(md)
    (RESULTS / f"results-{stamp}.json").write_text(json.dumps(t.raw, indent=1, default=str))
    print("\n" + md)


if __name__ == "__main__":
    main()
