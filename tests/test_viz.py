"""The graph page: the node and edge lists handed to pyvis, the written page, and the page in a real browser.

Browser tests (marker ``browser``) need Debian's chromium (scripts/ensure_chromium.sh
installs it); without it they skip. Screenshots and the 1,000-node timings go
to tests/artifacts/.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ExportError
from kg.present.page import render_page, write_page
from kg.present.stats import format_stats, graph_stats
from kg.present.viz import CLASSES, VizNode, graph_data, node_tooltip, ontology_labels
from kg.rdf.ns import KG as _KG_NS
from kg.rdf.ns import KGR as _KGR_NS
from kg.store.embedded import KGStore
from tests.conftest import ROOT
from tests.fixtures import load_store, synthetic_store
from tests.fixtures.browser import chromium, hover, load_page

KG, KGR = str(_KG_NS), str(_KGR_NS)

ARTIFACTS = ROOT / "tests" / "artifacts"
needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed; run scripts/ensure_chromium.sh (needs root and apt)"
)
STABILIZED = "window.kgTiming && window.kgTiming.stabilized"
COUNTS = (
    "({nodes: kgNetwork.body.data.nodes.length, edges: kgNetwork.body.data.edges.length,"
    " physics: kgNetwork.physics.options.enabled, timing: window.kgTiming,"
    " load: performance.getEntriesByType('navigation')[0].loadEventEnd})"
)


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory):
    return load_store(tmp_path_factory.mktemp("mini") / "store")


@pytest.fixture(scope="module")
def mini(mini_store):
    with KGStore(mini_store) as store:
        return graph_data(store)


@pytest.fixture(scope="module")
def seed(seed_store):
    with KGStore(seed_store, create=False) as store:
        return graph_data(store)


def local(iri: str) -> str:
    return iri.removeprefix(KGR)


def by_label(nodes: list[VizNode], label: str) -> VizNode:
    return next(n for n in nodes if n.label == label)


# ---- the data handed to pyvis


def test_viz_graph_data_fixture_nodes_and_edges(mini):
    nodes, edges = mini
    assert [(local(n.id), n.cls, n.classes, n.degree) for n in nodes] == [
        ("Belarus", "Organization", ("Organization",), 1),
        ("Hakan_Fidan", "Actor", ("Actor",), 2),
        ("Kyiv", "Place", ("Place",), 2),
        ("Proposal_b1", "Proposal", ("Proposal",), 10),
        ("Russia", "Organization", ("Organization", "Place"), 7),
        ("Statement_a1", "Statement", ("Statement",), 2),
        ("Statement_b1", "Statement", ("Statement",), 3),
        ("Strike_a1", "Strike", ("Strike",), 5),
        ("Strike_a2", "Strike", ("Strike",), 1),
        ("Turkey", "Organization", ("Organization",), 4),
        ("UNGA_Resolution_ES-11_1", "Resolution", ("Resolution",), 2),
        ("UN_General_Assembly", "Organization", ("Organization",), 1),
        ("Ukraine", "Organization", ("Organization", "Place"), 5),
        ("Volodymyr_Zelensky", "Actor", ("Actor",), 4),
        ("Wagner_Group", "Organization", ("Organization",), 1),
    ]
    assert [(local(e.source), e.label, local(e.target)) for e in edges] == [
        ("Hakan_Fidan", "affiliated with", "Turkey"),
        ("Proposal_b1", "mediated by", "Hakan_Fidan"),
        ("Proposal_b1", "mediated by", "Turkey"),
        ("Proposal_b1", "opposed by", "Russia"),
        ("Proposal_b1", "party", "Russia"),
        ("Proposal_b1", "party", "Ukraine"),
        ("Proposal_b1", "proposed by", "Turkey"),
        ("Proposal_b1", "references", "UNGA_Resolution_ES-11_1"),
        ("Proposal_b1", "supported by", "Ukraine"),
        ("Proposal_b1", "supported by", "Volodymyr_Zelensky"),
        ("Statement_a1", "about", "Russia"),
        ("Statement_a1", "speaker", "Volodymyr_Zelensky"),
        ("Statement_b1", "about", "Proposal_b1"),
        ("Statement_b1", "about", "Turkey"),
        ("Statement_b1", "speaker", "Russia"),
        ("Strike_a1", "attacker", "Belarus"),
        ("Strike_a1", "attacker", "Russia"),
        ("Strike_a1", "location", "Kyiv"),
        ("Strike_a1", "target", "Kyiv"),
        ("Strike_a1", "target", "Ukraine"),
        ("Strike_a2", "attacker", "Russia"),
        ("UNGA_Resolution_ES-11_1", "adopted by", "UN_General_Assembly"),
        ("Volodymyr_Zelensky", "affiliated with", "Ukraine"),
        ("Volodymyr_Zelensky", "leads", "Ukraine"),
        ("Wagner_Group", "backed by", "Russia"),
    ]


@pytest.mark.model
def test_viz_edge_labels_are_the_ontology_labels(mini, seed):
    labels = ontology_labels()
    for _, edges in (mini, seed):
        assert edges and all(e.label == labels[e.predicate] for e in edges)
    assert labels[KG + "mediatedBy"] == "mediated by"


@pytest.mark.model
def test_viz_size_grows_with_degree(mini, seed):
    for nodes, _ in (mini, seed):
        ranked = sorted(nodes, key=lambda n: n.degree)
        assert [n.size for n in ranked] == sorted(n.size for n in ranked)
        assert ranked[-1].size == 40.0 and ranked[0].size >= 10.0


@pytest.mark.parametrize(
    "label, expected",
    [
        (
            "Russia missile (on Monday)",
            "Russia missile (on Monday) — Strike\n"
            "date: 2024-05-06\n"
            "attacker: Belarus; Russia\n"
            "weapon: drone; missile\n"
            "location: Kyiv\n"
            "target: Kyiv; Ukraine\n"
            "fatalities: at least 3",
        ),
        (
            "Russia: The plan is unacceptable",
            "Russia: The plan is unacceptable — Statement\n"
            "speaker: Russia\n"
            "quote: The plan is unacceptable\n"
            "about: Turkey; Turkey grain corridor plan\n"
            "\n"
            "Evidence:\n"
            '“"The plan is unacceptable," Russia said.”\n'
            "    — Talks in Istanbul, 2024-05-08 · confidence 0.80",
        ),
        (
            "Turkey grain corridor plan",
            "Turkey grain corridor plan — Proposal\n"
            "date: 2024-05-01 to 2024-05-07 (last week)\n"
            "proposed by: Turkey\n"
            "mediated by: Hakan Fidan; Turkey\n"
            "party: Russia; Ukraine\n"
            "supported by: Ukraine; Volodymyr Zelensky\n"
            "opposed by: Russia\n"
            "status: under negotiation\n"
            "references: UN General Assembly Resolution ES-11/1",
        ),
        ("Russia", "Russia — Organization, Place"),
    ],
    ids=["strike-key-facts", "statement-quote-and-evidence", "proposal-roles", "entity"],
)
def test_viz_node_hover_text(mini, label, expected):
    node = by_label(mini[0], label)
    assert node.title == expected == node_tooltip(node)


def test_viz_edge_hover_shows_evidence_article_and_confidence(mini):
    edge = next(
        e for e in mini[1] if local(e.source) == "Strike_a1" and e.label == "attacker" and local(e.target) == "Russia"
    )
    assert edge.title == (
        "Russia missile (on Monday) → attacker → Russia\n"
        "\n"
        "Evidence:\n"
        "“Russia launched a missile attack on Kyiv on Monday, killing at least 3 people.”\n"
        "    — Strikes hit Kyiv, 2024-05-06 · confidence 0.90"
    )
    (cite,) = edge.evidence
    assert (cite.article, cite.title, cite.date, cite.confidence) == (
        KGR + "article_aaaa",
        "Strikes hit Kyiv",
        "2024-05-06",
        0.9,
    )


@pytest.mark.model
def test_viz_seed_graph_data(seed_store, seed):
    nodes, edges = seed
    with KGStore(seed_store, create=False) as store:
        typed = {
            r["n"].value
            for r in store.oxigraph.query(
                "SELECT DISTINCT ?n WHERE { ?n a ?c FILTER(?c IN (" + ", ".join(f"<{KG}{c}>" for c in CLASSES) + ")) }",
                use_default_graph_as_union=True,
            )
        }
    assert {n.id for n in nodes} == typed
    assert by_label(nodes, "Israel").classes == ("Organization", "Place")
    strike = by_label(nodes, "Israel airstrike (over the weekend)")
    assert "date: 2024-11-23 to 2024-11-24 (over the weekend)" in strike.title
    assert "fatalities: at least 29" in strike.title and "location: Beirut" in strike.title
    attacker = next(e for e in edges if e.source == strike.id and e.label == "attacker")
    assert local(attacker.target) == "Israel"
    assert "killing at least 29 people" in attacker.evidence[0].sentence
    assert "— Israel and Hezbollah ceasefire talks make progress, 2024-11-25 · confidence 0." in attacker.title
    quote = by_label(nodes, "Itamar Ben-Gavir: Stop this deal!")
    assert "quote: Stop this deal!" in quote.title and "speaker: Itamar Ben-Gavir" in quote.title


@pytest.mark.parametrize(
    "kwargs, labels",
    [
        (
            {"classes": "Strike,Place"},
            ["Kyiv", "Russia", "Russia drone (undated)", "Russia missile (on Monday)", "Ukraine"],
        ),
        ({"classes": ["actor"]}, ["Hakan Fidan", "Volodymyr Zelensky"]),
        (
            {"article": "bbbb"},
            [
                "Hakan Fidan",
                "Russia",
                "Russia: The plan is unacceptable",
                "Turkey",
                "Turkey grain corridor plan",
                "UN General Assembly",
                "UN General Assembly Resolution ES-11/1",
                "Ukraine",
                "Volodymyr Zelensky",
                "Wagner Group",
            ],
        ),
        (
            {"article": "kgr:article_aaaa", "classes": "Strike"},
            ["Russia drone (undated)", "Russia missile (on Monday)"],
        ),
        # ties at degree 5 go by label: "Russia missile" before "Ukraine"
        ({"max_nodes": 3}, ["Russia", "Russia missile (on Monday)", "Turkey grain corridor plan"]),
    ],
    ids=["class-strike-place", "class-lowercase", "article-id", "article-and-class", "max-nodes"],
)
def test_viz_restrict_what_is_drawn(mini_store, kwargs, labels):
    with KGStore(mini_store) as store:
        nodes, edges = graph_data(store, **kwargs)
    assert sorted(n.label for n in nodes) == labels
    ids = {n.id for n in nodes}
    assert all(e.source in ids and e.target in ids for e in edges)


def test_viz_article_scope_keeps_only_that_articles_evidence(mini_store):
    with KGStore(mini_store) as store:
        _, edges = graph_data(store, article=KGR + "article_bbbb")
    cites = [c for e in edges for c in e.evidence]
    assert cites and {c.title for c in cites} == {"Talks in Istanbul"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"classes": "Strike,Foo"}, "--class 'Foo': not a class that is drawn"),
        ({"article": "nope"}, "--article 'nope': no such article"),
        ({"max_nodes": 0}, "--max-nodes 0: must be at least 1"),
    ],
    ids=["class", "article", "max-nodes"],
)
def test_viz_bad_restriction_is_one_clear_error(mini_store, kwargs, message):
    with KGStore(mini_store) as store, pytest.raises(ExportError, match=re.escape(message)):
        graph_data(store, **kwargs)


# ---- the written page


def test_viz_page_is_self_contained(mini):
    html = render_page(*mini)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "cdnjs" not in html and "jsdelivr" not in html and "<link" not in html
    assert "vis.Network" in html and "kg-search" in html and "kg-legend" in html
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html).group(1))
    assert len(data["nodes"]) == len(data["shown"]) == len(mini[0]) and len(data["edges"]) == len(mini[1])
    assert {c["shape"] for c in data["classes"]} >= {"star", "hexagon", "square"}
    assert "stabilizationIterationsDone" in html and "physics: {enabled: false}" in html


def test_viz_offline_check_catches_a_cdn_page(monkeypatch, tmp_path):
    from pyvis.network import Network

    import kg.present.page

    # pyvis's own template always links bootstrap from a CDN: that is why kg uses its own.
    cdn_page = Network(cdn_resources="in_line").generate_html()
    assert kg.present.page._OFFLINE.search(cdn_page)
    template = tmp_path / "graph.html"
    template.write_text('<script src="https://cdn.example/x.js"></script>')
    monkeypatch.setattr(kg.present.page, "TEMPLATE", template)
    with pytest.raises(ExportError, match="must work offline"):
        render_page([], [])


def test_viz_text_cannot_break_out_of_the_script():
    node = VizNode("urn:x", "</script><script>alert(1)</script>", "Actor", ("Actor",))
    html = render_page([node], [])
    assert "</script><script>alert(1)" not in html


def test_viz_write_page_is_atomic(mini, tmp_path):
    out = tmp_path / "g.html"
    out.write_text("old")
    write_page(*mini, out)
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]  # no temporary file left
    with pytest.raises(ExportError, match="does not exist"):
        write_page(*mini, tmp_path / "missing" / "g.html")


# ---- the CLI: viz and stats


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command", ["viz", "stats"])
def test_viz_cli_help_has_an_example(command):
    result = cli(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output and f"kg {command}" in result.output


def test_viz_cli_options(mini_store, tmp_path):
    out = tmp_path / "g.html"
    result = cli("viz", "--store", mini_store, "-o", out, "--class", "Strike,Organization", "--max-nodes", "4")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}: 4 nodes, 3 edges drawn; 8 nodes in the page\n"
    result = cli("viz", "--store", mini_store, "-o", out, "--article", "aaaa")
    assert result.output == f"wrote {out}: 8 nodes, 9 edges drawn; 8 nodes in the page\n"
    result = cli("viz", "--store", mini_store, "-o", out, "--class", "Bogus")
    assert result.exit_code == 1 and "Error: [KG700] --class 'Bogus'" in result.output


def test_stats_counts_and_components(mini_store):
    with KGStore(mini_store) as store:
        s = graph_stats(store, top=3)
    assert s.classes == (
        ("kg:Organization", 6),
        ("kg:Place", 3),
        ("kg:Actor", 2),
        ("kg:Article", 2),
        ("kg:Statement", 2),
        ("kg:Strike", 2),
        ("kg:Proposal", 1),
        ("kg:Resolution", 1),
    )
    props = {p: n for p, _, n in s.properties}
    # Russia's type is in both article graphs: counted once
    assert props["rdf:type"] == 19 and props["kg:mentionedIn"] == 12 and props["kg:attacker"] == 3
    assert "kg:evidence" not in props and s.records == 5
    assert (s.nodes, s.edges) == (15, 25)
    assert s.top == (
        ("Turkey grain corridor plan", "Proposal", 10),
        ("Russia", "Organization", 7),
        ("Russia missile (on Monday)", "Strike", 5),
    )
    assert s.components == ((15, "Turkey grain corridor plan"),)


@pytest.mark.model
def test_stats_cli_text_and_json(seed_store):
    result = cli("stats", "--store", seed_store, "--top", "3")
    assert result.exit_code == 0, result.output
    text = result.output
    for part in ("classes\n", "  kg:Strike", "properties (facts, not provenance)", "kg:attacker", "most connected"):
        assert part in text
    assert re.search(r"entity graph: \d+ nodes, \d+ edges, \d+ provenance records", text)
    assert re.search(r"connected components: \d+", text)
    assert text.split("most connected\n")[1].splitlines()[0].split()[0] == "Israel"
    data = json.loads(cli("stats", "--store", seed_store, "--format", "json").output)
    assert data["classes"]["kg:Strike"] == 4 and data["top"][0]["label"] == "Israel"
    assert sum(c["size"] for c in data["components"]) == data["nodes"]
    with KGStore(seed_store, create=False) as store:
        assert format_stats(graph_stats(store, top=3)) + "\n" == text


# ---- in a real browser, offline


def check_offline_load(res, label: str) -> None:
    assert res.errors == [], f"{label}: console errors {res.errors}"
    assert "Uncaught" not in res.stderr, res.stderr
    assert res.requests and all(u.startswith(("file:", "data:", "about:")) for u in res.requests), res.requests


@pytest.mark.model
@pytest.mark.browser
@needs_chromium
def test_viz_browser_seed_page_loads_offline(seed, tmp_path):
    nodes, edges = seed
    page = tmp_path / "graph.html"
    write_page(nodes, edges, page)
    res = load_page(page.as_uri(), STABILIZED, COUNTS, screenshot=True)
    check_offline_load(res, "seed page")
    assert (res.value["nodes"], res.value["edges"]) == (len(nodes), len(edges))
    assert res.value["physics"] is False  # settled, then stopped
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "seed_graph.png").write_bytes(res.screenshot)
    assert res.screenshot.startswith(b"\x89PNG")


FILTER_AND_SEARCH = """(async () => {
  const box = document.querySelector('#kg-legend input[value="Statement"]');
  box.checked = false;
  box.dispatchEvent(new Event("change"));
  const nodes = kgNetwork.body.data.nodes, edges = kgNetwork.body.data.edges;
  const hidden = nodes.get({filter: (n) => n.hidden}).length;
  const hiddenEdges = edges.get({filter: (e) => e.hidden}).length;
  const status = document.getElementById("kg-status").textContent;
  const search = document.getElementById("kg-search");
  search.value = "hochstein";
  search.dispatchEvent(new Event("input"));
  return {hidden, hiddenEdges, status, selected: kgNetwork.getSelectedNodes(),
          found: document.getElementById("kg-found").textContent};
})()"""


@pytest.mark.model
@pytest.mark.browser
@needs_chromium
def test_viz_browser_filter_search_and_hover(seed, tmp_path):
    nodes, edges = seed
    page = tmp_path / "graph.html"
    write_page(nodes, edges, page)
    res = load_page(page.as_uri(), STABILIZED, FILTER_AND_SEARCH)
    check_offline_load(res, "filter and search")
    statements = {n.id for n in nodes if n.classes == ("Statement",)}
    assert res.value["hidden"] == len(statements) > 0
    assert res.value["hiddenEdges"] == sum(1 for e in edges if e.source in statements or e.target in statements)
    assert res.value["status"] == (
        f"{len(nodes) - len(statements)} of {len(nodes)} nodes · {len(edges)} edges · {len(nodes)} in all"
    )
    hochstein = [i for i, n in enumerate(nodes) if n.id == KGR + "Amos_Hochstein"]
    # the search lists every hit in the page (here also the hidden statement of his) and selects the visible ones
    found = [n for n in nodes if "hochstein" in " ".join((n.label, *n.aliases)).lower()]
    assert res.value["selected"] == hochstein and res.value["found"] == f"{len(found)} found"

    strike = by_label(nodes, "Israel airstrike (over the weekend)")
    res = load_page(page.as_uri(), STABILIZED, hover(strike.label))
    check_offline_load(res, "hover")
    assert res.value == strike.title  # the tooltip shows the facts and the evidence sentence
    assert "killing at least 29 people" in res.value


@pytest.mark.browser
@pytest.mark.slow
@needs_chromium
def test_viz_browser_1000_nodes_settle(tmp_path):
    start = time.perf_counter()
    store = synthetic_store(tmp_path / "store", n_nodes=1000)
    with KGStore(store) as st:
        t0 = time.perf_counter()
        nodes, edges = graph_data(st)
        gathered = time.perf_counter() - t0
    page = tmp_path / "graph.html"
    t0 = time.perf_counter()
    write_page(nodes, edges, page, shown=[n.id for n in nodes])  # draw all 1,000
    written = time.perf_counter() - t0
    res = load_page(page.as_uri(), STABILIZED, COUNTS, screenshot=True, timeout=120)
    check_offline_load(res, "1,000 nodes")
    assert (res.value["nodes"], res.value["edges"]) == (1000, len(edges)) and len(edges) > 1900
    assert res.value["physics"] is False
    timing = {
        "nodes": len(nodes),
        "edges": len(edges),
        "page_bytes": Path(page).stat().st_size,
        "graph_data_s": round(gathered, 2),
        "write_page_s": round(written, 2),
        "load_event_ms": round(res.value["load"]),
        "network_created_ms": round(res.value["timing"]["created"]),
        "stabilized_ms": round(res.value["timing"]["stabilized"]),
        "first_drawn_ms": round(res.value["timing"]["drawn"]),
        "total_s": round(time.perf_counter() - start, 2),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "viz_1000.json").write_text(json.dumps(timing, indent=2) + "\n")
    (ARTIFACTS / "viz_1000.png").write_bytes(res.screenshot)
    print("\n1,000-node page:", json.dumps(timing))
    assert timing["stabilized_ms"] < 30_000
