"""The graph page for a corpus (issue 17): overview, labels, panel, expand, time strip, filters, size and speed.

Browser tests drive the page in Debian's headless chromium (real mouse events
through DevTools) on the seed and on the 100-article synthetic corpus of
benchmarks/corpus.py; screenshots and timings go to tests/artifacts/.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.present.overview import focus, overview
from kg.present.page import write_page
from kg.present.payload import page_payload
from kg.present.viz import graph_data
from kg.store.embedded import KGStore
from tests.conftest import ROOT
from tests.fixtures import load_store, synthetic_store
from tests.fixtures.browser import chromium, click, load_page

ARTIFACTS = ROOT / "tests" / "artifacts"
EVENTS = {"Strike", "Proposal", "Resolution", "Statement"}
STABILIZED = "window.kgTiming && window.kgTiming.stabilized"
needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed; run scripts/ensure_chromium.sh"
)


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory):
    return load_store(tmp_path_factory.mktemp("mini") / "store")


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    """The first 100 articles of benchmarks/corpus.py, built."""
    from kg.articles import iter_article_paths
    from kg.build import build

    spec = importlib.util.spec_from_file_location("_kg_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    src = corpus.write_corpus(100, tmp_path_factory.mktemp("corpus") / "n100")
    path = tmp_path_factory.mktemp("c100") / "store"
    with KGStore(path) as store:
        build(list(iter_article_paths([src])), store)
    return path


@pytest.fixture(scope="module")
def corpus(corpus_store):
    with KGStore(corpus_store, create=False) as store:
        return graph_data(store)


@pytest.fixture(scope="module")
def seed(seed_store):
    with KGStore(seed_store, create=False) as store:
        return graph_data(store)


# ---- what is drawn first


@pytest.mark.model
@pytest.mark.slow
def test_viz_page_overview_keeps_events_and_every_class(corpus_store, corpus):
    nodes, edges = corpus
    shown = set(overview(nodes, edges, 150))
    drawn = [n for n in nodes if n.id in shown]
    assert len(drawn) == 150 < len(nodes)
    kinds = Counter(n.cls for n in drawn)
    assert sum(kinds[c] for c in EVENTS) >= 40 and kinds["Strike"] >= 10
    lowest_event = min(n.importance for n in drawn if n.cls in EVENTS)
    # no place is kept whose score is below that of an event that is dropped
    dropped_events = [n for n in nodes if n.cls in EVENTS and n.id not in shown]
    assert all(p.importance >= max(e.importance for e in dropped_events) for p in drawn if p.cls == "Place")
    assert lowest_event >= 0
    with KGStore(corpus_store, create=False) as store:
        few, _ = graph_data(store, classes="Strike,Actor,Organization,Proposal", max_nodes=150)
    assert Counter(n.cls for n in few)["Strike"] >= 10


@pytest.mark.model
def test_viz_page_focus_hops(seed):
    nodes, edges = seed
    label = {n.id: n.label for n in nodes}
    one = {label[i] for i in focus(nodes, edges, "hezbollah", hops=1)}
    assert {"Hezbollah", "Lebanon", "Iran", "Naim Qassem"} <= one
    two = set(focus(nodes, edges, "Hezbollah", hops=2))
    assert {label[i] for i in two} > one and len(two) <= len(nodes)


def test_viz_page_since_until(mini_store):
    with KGStore(mini_store) as store:
        nodes, _ = graph_data(store, since="2024-05-05", until="2024-05-06")
    events = {n.label: n.day for n in nodes if n.cls in EVENTS and n.day}
    assert events and all("2024-05-05" <= d <= "2024-05-06" for d in events.values())
    assert "Russia missile (on Monday)" in events and "Turkey grain corridor plan" not in events


def test_viz_page_payload_stores_each_sentence_once(mini_store):
    with KGStore(mini_store) as store:
        nodes, edges = graph_data(store)
    data = page_payload(nodes, edges, [n.id for n in nodes])
    sentences = [c.sentence for e in edges for c in e.evidence] + [c.sentence for n in nodes for c in n.evidence]
    assert len(sentences) > len(set(sentences))  # the same sentence backs several facts...
    assert all(data["strings"].count(s) == 1 for s in set(sentences))  # ...and is stored once


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_viz_page_cli_focus_since_and_big_warning(mini_store, tmp_path):
    out = tmp_path / "g.html"
    r = cli("viz", "--store", mini_store, "-o", out, "--focus", "Hakan Fidan", "--hops", "1")
    assert r.exit_code == 0 and r.stdout == f"wrote {out}: 3 nodes, 4 edges drawn; 15 nodes in the page\n"
    r = cli("viz", "--store", mini_store, "-o", out, "--since", "2024-05-08", "--until", "2024-05-31")
    assert r.exit_code == 0 and "nodes in the page" in r.output
    r = cli("viz", "--store", mini_store, "-o", out, "--since", "May 8")
    assert r.exit_code == 2 and "is not a day like 2024-11-25" in r.stderr
    r = cli("viz", "--store", mini_store, "-o", out, "--focus", "Nobody")
    assert r.exit_code == 1 and "--focus 'Nobody': no node has that name" in r.stderr
    big = synthetic_store(tmp_path / "big", n_nodes=2100)
    r = cli("viz", "--store", big, "-o", out, "--max-nodes", "2100")
    assert r.exit_code == 0 and "warning: drawing 2,100 nodes" in r.stderr and "--max-nodes 150" in r.stderr
    r = cli("viz", "--store", big, "-o", out)
    assert r.exit_code == 0 and r.stderr == ""


# ---- in the browser

READ = """({
  labels: kgLabels, scale: kgNetwork.getScale(), drawn: kg.drawnIds(), visible: kg.visible(),
  pos: kgNetwork.getPositions(), sizes: kgNetwork.body.data.nodes.get().map((n) => [n.id, n.size, n.cls]),
  legend: [...document.querySelectorAll("#kg-legend label")].map((l) => l.textContent),
  onScreen: kg.visible().filter((i) => {
    const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([i])[i]), c = document.querySelector("#mynetwork canvas");
    return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }).length,
  bar: document.getElementById("kg-bar").getBoundingClientRect().height,
  barFits: document.getElementById("kg-bar").scrollWidth <= document.getElementById("kg-bar").clientWidth,
  main: document.getElementById("kg-main").getBoundingClientRect().top,
  timing: window.kgTiming
})"""
ZOOM_IN = """(async () => {
  kgNetwork.moveTo({scale: kgNetwork.getScale() * 3});
  await new Promise((d) => setTimeout(d, 300));
  return null; })()"""


def check_offline(res) -> None:
    assert res.errors == [], res.errors
    assert all(u.startswith(("file:", "data:", "about:")) for u in res.requests), res.requests


def check_labels_and_legend(v: dict, nodes) -> None:
    assert v["labels"] and min(lab["px"] for lab in v["labels"]) >= 12  # measured on screen
    boxes = v["labels"]
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            p, q = boxes[a], boxes[b]
            assert not (
                p["x"] < q["x"] + q["w"]
                and q["x"] < p["x"] + p["w"]
                and p["y"] < q["y"] + q["h"]
                and q["y"] < p["y"] + p["h"]
            )
    sizes = {i: (s, c) for i, s, c in v["sizes"]}
    ids = sorted(sizes)
    for a in ids:  # no two nodes overlap at rest
        for b in ids:
            if a < b:
                pa, pb = v["pos"][str(a)], v["pos"][str(b)]
                assert ((pa["x"] - pb["x"]) ** 2 + (pa["y"] - pb["y"]) ** 2) ** 0.5 >= sizes[a][0] + sizes[b][0] - 0.5
    drawn = Counter(c for s, c in sizes.values())
    legend = {re.sub(r" \(\d+\)$", "", t): int(re.search(r"\((\d+)\)$", t).group(1)) for t in v["legend"]}
    from kg.present.drawn import ontology_labels

    labels = ontology_labels()
    assert legend == {labels["https://w3id.org/newskg/ontology#" + c]: drawn[c] for c in {n.cls for n in nodes}}


@pytest.mark.model
@pytest.mark.browser
@needs_chromium
def test_viz_page_browser_seed_labels_legend_panel(seed, tmp_path):
    nodes, edges = seed
    page = tmp_path / "seed.html"
    write_page(nodes, edges, page)
    res = load_page(page.as_uri(), STABILIZED, READ, screenshot=True)
    check_offline(res)
    check_labels_and_legend(res.value, nodes)
    assert len(res.value["labels"]) >= len(nodes) // 2
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page_seed.png").write_bytes(res.screenshot)

    strike = next(n for n in nodes if n.label == "Israel airstrike (over the weekend)")
    panel = """({text: document.getElementById("kg-panel").innerText,
      hidden: document.getElementById("kg-panel").hidden,
      node: document.getElementById("kg-panel").dataset.node,
      copies: [...document.querySelectorAll("#kg-panel .kg-copy")].map((b) => b.dataset.copy),
      articles: document.querySelectorAll("#kg-panel [data-article]").length})"""
    res = load_page(page.as_uri(), STABILIZED, panel, steps=(click(strike.label, 1),), screenshot=True)
    check_offline(res)
    v = res.value
    assert v["hidden"] is False and v["node"] == strike.id
    for key, value in strike.facts:
        assert f"{key}\n{value}" in v["text"]
    linked = [e for e in edges if strike.id in (e.source, e.target)]
    assert linked and f"LINKS ({len(linked)})" in v["text"]
    for c in [*strike.evidence, *(c for e in linked for c in e.evidence)]:
        assert c.sentence in v["text"] and c.title in v["text"] and c.date[:10] in v["text"]
        assert f"confidence {c.confidence:.2f}" in v["text"]
        assert any(c.sentence in t and c.title in t for t in v["copies"])
    assert v["articles"] == len(strike.articles) >= 1
    (ARTIFACTS / "page_seed_panel.png").write_bytes(res.screenshot)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_viz_page_browser_corpus_overview_expand_and_time(corpus, tmp_path):
    nodes, edges = corpus
    page = tmp_path / "c100.html"
    t0 = time.perf_counter()
    write_page(nodes, edges, page)
    written = time.perf_counter() - t0
    res = load_page(page.as_uri(), STABILIZED, READ, screenshot=True)
    check_offline(res)
    v = res.value
    # the target is 3 s (measured 1.6 to 2.6 s); the margin is for a machine shared with other test runs
    assert len(v["drawn"]) == 150 and v["timing"]["stabilized"] < 4500
    check_labels_and_legend(v, [n for n in nodes])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page_corpus100.png").write_bytes(res.screenshot)
    timing = {
        "articles": 100,
        "nodes": len(nodes),
        "edges": len(edges),
        "page_bytes": page.stat().st_size,
        "write_page_s": round(written, 2),
        "interactive_ms": round(v["timing"]["stabilized"]),
    }
    (ARTIFACTS / "page_corpus100.json").write_text(json.dumps(timing, indent=2) + "\n")
    assert timing["page_bytes"] < 10_000_000

    # level of detail: zoomed in, a larger share of the nodes on screen has its label
    zoomed = load_page(page.as_uri(), STABILIZED, READ, steps=(ZOOM_IN,)).value
    assert len(zoomed["labels"]) / zoomed["onScreen"] > len(v["labels"]) / v["onScreen"]
    assert min(lab["px"] for lab in zoomed["labels"]) >= 12

    # double-click brings in exactly the node's neighbours from the whole graph
    index = {n.id: i for i, n in enumerate(nodes)}
    shown = set(overview(nodes, edges))
    near = {i: set() for i in range(len(nodes))}
    for e in edges:
        near[index[e.source]].add(index[e.target])
        near[index[e.target]].add(index[e.source])
    hub = max((index[i] for i in shown), key=lambda i: len(near[i] - {index[j] for j in shown}))
    res = load_page(page.as_uri(), STABILIZED, READ, steps=(click(nodes[hub].label, 2),))
    check_offline(res)
    assert set(res.value["drawn"]) == {index[i] for i in shown} | near[hub]
    check_labels_and_legend(res.value, nodes)

    # the time strip: a drag keeps the events of those days, and no other
    drag = """(() => { const r = document.getElementById("kg-time").getBoundingClientRect(), y = r.top + r.height / 2;
      return [{type: "mousePressed", x: r.left + r.width * 0.5, y}, {type: "mouseMoved", x: r.left + r.width * 0.7, y},
              {type: "mouseReleased", x: r.left + r.width * 0.75, y}]; })()"""
    res = load_page(page.as_uri(), STABILIZED, "({range: kg.range(), read: " + READ + "})", steps=(drag,))
    check_offline(res)
    start, end = res.value["range"]
    assert start and end and start < end
    visible = set(res.value["read"]["visible"])
    for i in (index[j] for j in shown):
        if nodes[i].cls in EVENTS and nodes[i].day:
            assert (i in visible) == (start <= nodes[i].day <= end), nodes[i].label
    assert res.value["read"]["bar"] == v["bar"] and res.value["read"]["main"] == v["main"]


FILTERS = """(async () => {
  const before = {bar: document.getElementById("kg-bar").getBoundingClientRect().height,
                  main: document.getElementById("kg-main").getBoundingClientRect().top};
  const s = document.getElementById("kg-search"); s.value = "a"; s.dispatchEvent(new Event("input"));
  const listed = document.querySelectorAll("#kg-hits li").length;
  const found = document.getElementById("kg-found").textContent;
  const selected = kgNetwork.getSelectedNodes().length;
  const art = document.getElementById("kg-article");
  art.value = art.options[1].value; art.dispatchEvent(new Event("change"));
  const byArticle = kg.visible();
  art.value = "-1"; art.dispatchEvent(new Event("change"));
  const conf = document.getElementById("kg-conf"); conf.value = "0.9"; conf.dispatchEvent(new Event("input"));
  const byConf = kg.visible();
  const after = {bar: document.getElementById("kg-bar").getBoundingClientRect().height,
                 main: document.getElementById("kg-main").getBoundingClientRect().top,
                 fits: document.getElementById("kg-bar").scrollWidth <= document.getElementById("kg-bar").clientWidth};
  return {before, after, listed, found, selected, byArticle, article: +art.options[1].value, byConf};
})()"""


@pytest.mark.model
@pytest.mark.browser
@needs_chromium
def test_viz_page_browser_filters_search_and_a_bar_that_stays(seed, tmp_path):
    nodes, edges = seed
    page = tmp_path / "seed.html"
    write_page(nodes, edges, page)
    res = load_page(page.as_uri(), STABILIZED, FILTERS)
    check_offline(res)
    v = res.value
    assert v["before"] == {k: v["after"][k] for k in ("bar", "main")} and v["after"]["fits"]
    hits = [n for n in nodes if "a" in n.label.lower() or any("a" in x.lower() for x in n.aliases)]
    assert v["found"] == f"{len(hits)} found" and v["listed"] == min(50, len(hits)) and v["selected"] == len(hits)
    assert len(v["byArticle"]) == len(nodes)  # one article: all of it
    confident = {
        i
        for i, n in enumerate(nodes)
        if not [c for c in (*n.evidence, *(c for e in edges if n.id in (e.source, e.target) for c in e.evidence))]
        or max(
            c.confidence or 0
            for c in (*n.evidence, *(c for e in edges if n.id in (e.source, e.target) for c in e.evidence))
        )
        >= 0.9
    }
    assert set(v["byConf"]) == confident
