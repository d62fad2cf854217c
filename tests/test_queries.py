"""Every query in queries/: its header, and its exact rows on the seed and on a hand-written fixture.

The seed rows were read off the current extractor; if extraction changes,
re-derive them (``kg build seeds`` then ``kg query queries/NAME.rq``) and keep
the assertions exact.
"""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.present.query import parse_bindings, read_query, rows_of, run_query
from kg.store.embedded import KGStore
from tests.conftest import ROOT
from tests.fixtures import load_store

QUERIES = ROOT / "queries"
ART = "Israel and Hezbollah ceasefire talks make progress"
HOCHSTEIN = (
    "Ceasefire efforts gained momentum last week, when US mediator Amos Hochstein met in Israel after talks"
    " in Beirut and later returned to Washington."
)


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory):
    """The two-article fixture (tests/fixtures/two_articles.trig) in a store."""
    return load_store(tmp_path_factory.mktemp("mini") / "store")


def run(store_path, name: str, *binds: str) -> tuple[list[str], list[tuple[str, ...]]]:
    text, where = read_query(str(QUERIES / f"{name}.rq"))
    with KGStore(store_path, create=False) as store:
        names, rows = rows_of(run_query(store, text, where, parse_bindings(list(binds))))
    return names, [tuple(r) for r in rows]


def test_queries_every_file_has_a_header_and_is_standard_sparql():
    files = sorted(QUERIES.glob("*.rq"))
    assert {f.stem for f in files} == {name for name, *_ in SEED_ROWS}
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith("# Question: "), f.name
        assert "\n# Parameters" in text and "\n# Columns: " in text and "\n# Order: " in text, f.name
        prepareQuery(text)  # rdflib's parser too: no Oxigraph-only syntax


SEED_ROWS = [
    (
        "strikes",
        (),
        ["date", "strike", "weapon", "attacker", "place", "target", "fatalities", "qualifier"],
        [
            ("2024-11-23/2024-11-24", "Hezbollah rocket (over the weekend)", "rocket", "Hezbollah", "", "", "", ""),
            (
                "2024-11-23/2024-11-24",
                "Israel airstrike (over the weekend)",
                "airstrike",
                "Israel",
                "Beirut",
                "",
                "29",
                "at least",
            ),
            ("2024-11-25", "Israel airstrike (On Monday)", "airstrike", "Israel", "Dahiya", "Hezbollah", "", ""),
            (
                "",
                "Israel Defense Forces airstrike in Lebanon",
                "airstrike",
                "Israel, Israel Defense Forces",  # "Israel killed top commanders": the same campaign
                "Lebanon",
                "",
                "",
                "",
            ),
        ],
    ),
    (
        "proposals",
        (),
        [
            "proposal",
            "status",
            "proposed_by",
            "mediated_by",
            "parties",
            "supported_by",
            "opposed_by",
            "reviewed_by",
            "references",
        ],
        [
            (
                "United States ceasefire proposal",
                "under negotiation",
                "United States",
                "Amos Hochstein, United States",
                "Hezbollah, Israel",
                "",
                "Itamar Ben-Gavir",
                "Hezbollah",
                "UN Security Council Resolution 1701",
            )
        ],
    ),
    (
        "people",
        (),
        ["person", "roles", "leads", "affiliated_with"],
        [
            ("Amos Hochstein", "mediator", "", "United States"),
            ("Benjamin Netanyahu", "Prime Minister", "Israel", ""),
            ("David Mencer", "government spokesman", "", "Israel"),
            ("Hassan Nasrallah", "leader", "Hezbollah", ""),
            ("Itamar Ben-Gavir", "National Security Minister", "", "Israel"),
            ("Michael Herzog", "ambassador to the United States", "", "Israel"),
            ("Naim Qassem", "leader", "Hezbollah", ""),
        ],
    ),
    (
        "resolutions",
        (),
        ["resolution", "number", "year", "adopted_by", "demand"],
        [
            (
                "UN Security Council Resolution 1701",
                "1701",
                "2006",
                "UN Security Council",
                "deploy the regular Lebanese army to the border area",
            ),
            (
                "UN Security Council Resolution 1701",
                "1701",
                "2006",
                "UN Security Council",
                "for Hezbollah withdraw 30 kilometers from the Israeli border",
            ),
        ],
    ),
    (
        "statements",
        (),
        ["speaker", "said_by", "date", "reported", "quote", "about"],
        [
            (
                "kgr:Amos_Hochstein",
                "Amos Hochstein",
                "",
                "2024-11-25",
                "significant progress has been made in the talks",
                "",
            ),
            (
                "kgr:David_Mencer",
                "David Mencer",
                "",
                "2024-11-25",
                "We are moving towards an agreement, but there are still some issues to be resolved.",
                "",
            ),
            (
                "kgr:Israel",
                "Israel",
                "",
                "2024-11-25",
                "it was an attack on Hezbollah's military headquarters",
                "Hezbollah",
            ),
            (
                "kgr:Israel",
                "Israel",
                "",
                "2024-11-25",
                "the ceasefire is aimed at bringing back thousands of refugees from the northern border",
                "",
            ),
            (
                "kgr:Itamar_Ben-Gavir",
                "Itamar Ben-Gavir",
                "",
                "2024-11-25",
                "Israel must ensure total victory, not a ceasefire",
                "Israel",
            ),
            ("kgr:Itamar_Ben-Gavir", "Itamar Ben-Gavir", "", "2024-11-25", "It's not too late", ""),
            ("kgr:Itamar_Ben-Gavir", "Itamar Ben-Gavir", "", "2024-11-25", "Stop this deal!", ""),
            ("kgr:Michael_Herzog", "Michael Herzog", "", "2024-11-25", "We just need to settle some minor issues.", ""),
            (
                "kgr:Michael_Herzog",
                "Michael Herzog",
                "",
                "2024-11-25",
                "a deal was close and could be reached within days",
                "",
            ),
            (
                "kgr:Naim_Qassem",
                "Naim Qassem",
                "2024-11-18/2024-11-24",
                "2024-11-25",
                "they had reviewed the US ceasefire proposal and that it was now Israel's responsibility"
                " to end the war",
                "Israel, United States",
            ),
        ],
    ),
    (
        "statements",
        ("speaker=kgr:Itamar_Ben-Gavir",),
        ["speaker", "said_by", "date", "reported", "quote", "about"],
        [
            (
                "kgr:Itamar_Ben-Gavir",
                "Itamar Ben-Gavir",
                "",
                "2024-11-25",
                "Israel must ensure total victory, not a ceasefire",
                "Israel",
            ),
            ("kgr:Itamar_Ben-Gavir", "Itamar Ben-Gavir", "", "2024-11-25", "It's not too late", ""),
            ("kgr:Itamar_Ben-Gavir", "Itamar Ben-Gavir", "", "2024-11-25", "Stop this deal!", ""),
        ],
    ),
    (
        "timeline",
        (),
        ["date", "end", "class", "event", "as_written", "iri"],
        [
            (
                "2024-11-18",
                "2024-11-24",
                "Statement",
                "Naim Qassem: they had reviewed the US ceasefire proposal and that it w...",
                "last week",
                "kgr:Statement_81d32fc9af84",
            ),
            (
                "2024-11-23",
                "2024-11-24",
                "Strike",
                "Hezbollah rocket (over the weekend)",
                "over the weekend",
                "kgr:Strike_93cc6add5ce9",
            ),
            (
                "2024-11-23",
                "2024-11-24",
                "Strike",
                "Israel airstrike (over the weekend)",
                "over the weekend",
                "kgr:Strike_e2fe830e04ba",
            ),
            ("2024-11-25", "", "Strike", "Israel airstrike (On Monday)", "On Monday", "kgr:Strike_664b8b3ccd2d"),
        ],
    ),
    (
        "evidence",
        ("entity=kgr:Amos_Hochstein",),
        ["entity", "subject", "property", "object", "confidence", "article", "date", "sentence"],
        [
            (
                "kgr:Amos_Hochstein",
                "Amos Hochstein",
                "affiliatedWith",
                "United States",
                "0.9",
                ART,
                "2024-11-25",
                HOCHSTEIN,
            ),
            ("kgr:Amos_Hochstein", "Amos Hochstein", "mentionedIn", ART, "1", ART, "2024-11-25", HOCHSTEIN),
            ("kgr:Amos_Hochstein", "Amos Hochstein", "role", "mediator", "0.9", ART, "2024-11-25", HOCHSTEIN),
            ("kgr:Amos_Hochstein", "Amos Hochstein", "type", "Actor", "0.8", ART, "2024-11-25", HOCHSTEIN),
            (
                "kgr:Amos_Hochstein",
                "Amos Hochstein: significant progress has been made in the talks",
                "speaker",
                "Amos Hochstein",
                "0.8",
                ART,
                "2024-11-25",
                "He noted that significant progress has been made in the talks.",
            ),
            (
                "kgr:Amos_Hochstein",
                "United States ceasefire proposal",
                "mediatedBy",
                "Amos Hochstein",
                "0.7",
                ART,
                "2024-11-25",
                HOCHSTEIN,
            ),
        ],
    ),
    ("multi_article", (), ["entity", "articles", "first", "last"], []),  # the seed is one article
    (
        "backing_leadership",
        (),
        ["who", "relation", "whom"],
        [
            ("Iran", "backs", "Hezbollah"),
            ("Benjamin Netanyahu", "leads", "Israel"),
            ("Hassan Nasrallah", "leads", "Hezbollah"),
            ("Naim Qassem", "leads", "Hezbollah"),
        ],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(
    "name, binds, header, rows", SEED_ROWS, ids=[f"{n}{'-' + b[0] if b else ''}" for n, b, *_ in SEED_ROWS]
)
def test_queries_seed_rows(seed_store, name, binds, header, rows):
    assert run(seed_store, name, *binds) == (header, rows)


MINI_ROWS = [
    (
        "strikes",
        (),
        [
            # several attackers, targets and weapons: joined, each list in alphabetical order
            (
                "2024-05-06",
                "Russia missile (on Monday)",
                "drone, missile",
                "Belarus, Russia",
                "Kyiv",
                "Kyiv, Ukraine",
                "3",
                "at least",
            ),
            ("", "Russia drone (undated)", "drone", "Russia", "", "", "", ""),
        ],
    ),
    (
        "proposals",
        (),
        [
            (
                "Turkey grain corridor plan",
                "under negotiation",
                "Turkey",
                "Hakan Fidan, Turkey",
                "Russia, Ukraine",
                "Ukraine, Volodymyr Zelensky",
                "Russia",
                "",
                "UN General Assembly Resolution ES-11/1",
            )
        ],
    ),
    (
        "people",
        (),
        [
            ("Hakan Fidan", "Foreign Minister", "", "Turkey"),
            # facts from two articles land on one row, not one row per article graph
            ("Volodymyr Zelensky", "President, commander-in-chief", "Ukraine", "Ukraine"),
        ],
    ),
    (
        "resolutions",
        (),
        [
            (
                "UN General Assembly Resolution ES-11/1",
                "ES-11/1",
                "2022",
                "UN General Assembly",
                "Russia withdraw its forces",
            ),
            (
                "UN General Assembly Resolution ES-11/1",
                "ES-11/1",
                "2022",
                "UN General Assembly",
                "an immediate ceasefire",
            ),
        ],
    ),
    (
        "statements",
        (),
        [
            (
                "kgr:Russia",
                "Russia",
                "",
                "2024-05-08",
                "The plan is unacceptable",
                "Turkey, Turkey grain corridor plan",
            ),
            (
                "kgr:Volodymyr_Zelensky",
                "Volodymyr Zelensky",
                "2024-05-06",
                "2024-05-06",
                "We need air defence",
                "Russia",
            ),
        ],
    ),
    (
        "statements",
        ("speaker=kgr:Russia",),
        [("kgr:Russia", "Russia", "", "2024-05-08", "The plan is unacceptable", "Turkey, Turkey grain corridor plan")],
    ),
    (
        "timeline",
        (),
        [
            ("2024-05-01", "2024-05-07", "Proposal", "Turkey grain corridor plan", "last week", "kgr:Proposal_b1"),
            ("2024-05-06", "", "Statement", "Volodymyr Zelensky: We need air defence", "", "kgr:Statement_a1"),
            ("2024-05-06", "", "Strike", "Russia missile (on Monday)", "", "kgr:Strike_a1"),
        ],
    ),
    (
        "evidence",
        ("entity=kgr:Russia",),
        [
            (
                "kgr:Russia",
                "Russia missile (on Monday)",
                "attacker",
                "Russia",
                "0.9",
                "Strikes hit Kyiv",
                "2024-05-06",
                "Russia launched a missile attack on Kyiv on Monday, killing at least 3 people.",
            ),
            (
                "kgr:Russia",
                "Turkey grain corridor plan",
                "opposedBy",
                "Russia",
                "0.7",
                "Talks in Istanbul",
                "2024-05-08",
                "Moscow rejected the Turkish plan.",
            ),
        ],
    ),
    (
        "multi_article",
        (),
        [
            ("Russia", "2", "2024-05-06", "2024-05-08"),
            ("Ukraine", "2", "2024-05-06", "2024-05-08"),
            ("Volodymyr Zelensky", "2", "2024-05-06", "2024-05-08"),
        ],
    ),
    ("backing_leadership", (), [("Russia", "backs", "Wagner Group"), ("Volodymyr Zelensky", "leads", "Ukraine")]),
]


@pytest.mark.parametrize("name, binds, rows", MINI_ROWS, ids=[f"{n}{'-' + b[0] if b else ''}" for n, b, _ in MINI_ROWS])
def test_queries_fixture_rows(mini_store, name, binds, rows):
    assert run(mini_store, name, *binds)[1] == rows


@pytest.mark.model
def test_queries_evidence_without_binding_lists_every_entity(mini_store, seed_store):
    header, rows = run(mini_store, "evidence")
    assert header[0] == "entity"
    # each fact once under its subject and once under its entity object; class objects are not entities
    assert [(r[0], r[2]) for r in rows] == [
        ("kgr:Proposal_b1", "opposedBy"),
        ("kgr:Russia", "attacker"),
        ("kgr:Russia", "opposedBy"),
        ("kgr:Statement_a1", "type"),
        ("kgr:Statement_b1", "type"),
        ("kgr:Strike_a1", "attacker"),
        ("kgr:Ukraine", "leads"),
        ("kgr:Volodymyr_Zelensky", "leads"),
    ]
    _, seed = run(seed_store, "evidence")
    _, hochstein = run(seed_store, "evidence", "entity=kgr:Amos_Hochstein")
    assert set(hochstein) <= set(seed) and all(r[-1] for r in seed)
    assert not any(r[0].startswith("kgr:article_") for r in seed)
