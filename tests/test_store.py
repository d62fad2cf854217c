"""The store keeps its default graph the merge of its article graphs, through
replacements, bulk writes, interrupted bulk writes and stores of an older layout."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.build import build
from kg.present.export import export
from kg.rdf.graph import encode, nt_lines, nt_term
from kg.rdf.iris import article_iri, local_name
from kg.store.embedded import JOURNAL, KGStore

EX = "http://example.org/"
SRC = URIRef("http://purl.org/dc/terms/source")


def t(s: str, p: str, o: str | Literal) -> tuple:
    return URIRef(EX + s), URIRef(EX + p), o if isinstance(o, Literal) else URIRef(EX + o)


def article(aid: str, path: str, *triples) -> tuple[str, str, list]:
    """An article's id, file and triples, with the dcterms:source that ties its graph to the file."""
    g = URIRef(article_iri(aid))
    return aid, path, [(g, SRC, Literal(path)), *triples]


def bulk(store: KGStore, *articles) -> list[int]:
    """Write articles through the bulk path, as kg build does."""
    counts = store.write_articles([(aid, path, encode(aid, triples)) for aid, path, triples in articles])
    store.finish()
    return counts


def merged(store: KGStore) -> set:
    return set(store.triples())


def union(store: KGStore) -> set:
    return {q.triple for q in store.quads()}


SHARED = t("Hezbollah", "backedBy", "Iran")


@pytest.mark.parametrize("fast", [False, True], ids=["replace_article", "write_articles"])
def test_store_default_graph_is_the_merge_after_writes_and_replacements(tmp_path, fast):
    a = article("a", "a.txt", SHARED, t("Strike_1", "location", "Tyre"))
    b = article("b", "b.txt", SHARED, t("Strike_2", "location", "Kharkiv"))
    with KGStore(tmp_path / "s") as st:
        if fast:
            assert bulk(st, a, b) == [3, 3]
        else:
            assert [st.replace_article(*a), st.replace_article(*b)] == [3, 3]
        assert merged(st) == union(st) and len(merged(st)) == 5  # the shared triple once
        # a.txt edited: a new id for the same file; its old graph goes, and the triples only it had
        a2 = article("a2", "a.txt", t("Strike_3", "location", "Sidon"))
        assert (bulk(st, a2) if fast else [st.replace_article(*a2)]) == [2]
        assert st.named_graphs() == sorted([article_iri("a2"), article_iri("b")])
        assert merged(st) == union(st)
        assert ox.Triple(*(ox.NamedNode(x) for x in SHARED)) in merged(st)  # b still says it
        assert not any(x.object.value == EX + "Tyre" for x in st.triples())  # only a said it
        assert st.count() == 5


def test_store_write_articles_same_article_twice_in_one_batch(tmp_path):
    first = article("a", "a.txt", t("X", "p", "Y"))
    again = article("a", "a.txt", t("X", "p", "Z"))
    with KGStore(tmp_path / "s") as st:
        bulk(st, first, again)
        assert {x.object.value for x in st.triples()} == {"a.txt", EX + "Z"}
        assert merged(st) == union(st)


def _half_written(path, stage: str) -> tuple[set, set]:
    """A store with article ``a`` whole, then ``b`` left as a dead bulk write at ``stage`` would leave it."""
    a = article("a", "a.txt", SHARED, t("S1", "location", "Tyre"))
    b = article("b", "b.txt", SHARED, t("S2", "location", "Gaza"), t("S2", "date", Literal("2024-05-01")))
    with KGStore(path) as st:
        bulk(st, a)
        before = union(st)
    raw = ox.Store(str(path))
    g = ox.NamedNode(article_iri("b"))
    quads = [ox.Quad(*(ox.NamedNode(x) if isinstance(x, URIRef) else ox.Literal(x) for x in tr), g) for tr in b[2]]
    if stage == "graphs":  # died in the middle of the article graphs
        raw.bulk_extend(quads[:2])
    else:  # died in the middle of copying them into the default graph
        raw.bulk_extend(quads)
        raw.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads[:1]])
    raw.flush()
    del raw
    if stage == "graphs":
        state = {"loading": [g.value], "pending": []}
    else:
        state = {"loading": [], "pending": [g.value]}
    (path / JOURNAL).write_text(json.dumps(state))
    return before, {q.triple for q in quads}


def test_store_reopen_rolls_back_a_half_written_bulk_write(tmp_path):
    before, _ = _half_written(tmp_path / "s", "graphs")
    with KGStore(tmp_path / "s", create=False) as st:
        assert st.named_graphs() == [article_iri("a")]
        assert union(st) == before and merged(st) == before
        assert not (tmp_path / "s" / JOURNAL).exists()


def test_store_reopen_finishes_a_bulk_write_whose_graphs_are_whole(tmp_path):
    before, b = _half_written(tmp_path / "s", "default")
    with KGStore(tmp_path / "s", create=False) as st:
        assert st.named_graphs() == [article_iri("a"), article_iri("b")]
        assert merged(st) == union(st) == before | b
        assert not (tmp_path / "s" / JOURNAL).exists()


def test_store_of_the_older_layout_gets_its_default_graph(tmp_path):
    raw = ox.Store(str(tmp_path / "s"))  # article graphs only, as stores were written before
    g = ox.NamedNode(article_iri("a"))
    raw.add(ox.Quad(ox.NamedNode(EX + "X"), ox.NamedNode(EX + "p"), ox.Literal("y"), g))
    raw.flush()
    del raw
    with KGStore(tmp_path / "s", create=False) as st:
        assert merged(st) == union(st) and len(merged(st)) == 1
        assert st.count() == 1


@pytest.mark.model
def test_store_export_is_the_same_whatever_the_build_order(tmp_path, seed_store):
    import shutil

    from tests.conftest import SEED

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    (corpus / "kyiv.txt").write_text(
        "---\npublished: 2024-05-06\n---\nRussia launched a missile attack on Kyiv on Monday, killing 3 people.\n"
    )
    files = sorted(corpus.iterdir())
    outs = {}
    for name, order in (("forward", files), ("backward", files[::-1])):
        with KGStore(tmp_path / name) as st:
            build(order, st)
            outs[name] = {fmt: export(st, fmt) for fmt in ("turtle", "nt", "trig", "nq")}
    assert outs["forward"] == outs["backward"]
    assert outs["forward"]["nt"].count(b"\n") == len(set(outs["forward"]["nt"].splitlines()))  # each triple once


@settings(max_examples=200, deadline=None)
@given(text=st.text(), lang=st.sampled_from(["", "en", "de-CH"]), iri_tail=st.text(max_size=12))
def test_store_nt_lines_parse_back_to_the_same_terms(text, lang, iri_tail):
    """Whatever the text (quotes, backslashes, newlines, controls, astral characters), the line
    the bulk loader reads holds exactly the literal, and a minted IRI exactly the IRI."""
    s = URIRef("https://w3id.org/newskg/resource/" + local_name(iri_tail))
    lit = Literal(text, lang=lang or None)
    (line,) = nt_lines([(s, URIRef(EX + "p"), lit)])
    (quad,) = ox.parse(line + " .\n", format=ox.RdfFormat.N_TRIPLES)
    assert quad.subject.value == str(s)
    assert quad.object.value == text and (quad.object.language or "") == lang.lower()


def test_store_nt_term_percent_encodes_what_an_iri_may_not_hold():
    assert nt_term(URIRef('http://example.org/a b"c<d>')) == "<http://example.org/a%20b%22c%3Cd%3E>"


def test_store_finish_compacts_after_a_big_write(tmp_path, monkeypatch):
    """Many bulk writes leave many files for a query to read; finish() merges them, the data unchanged."""
    import kg.store.embedded

    monkeypatch.setattr(kg.store.embedded, "OPTIMIZE_AFTER", 10)
    with KGStore(tmp_path / "s") as st:
        for i in range(12):
            st.write_articles([(f"a{i}", f"a{i}.txt", encode(f"a{i}", article(f"a{i}", f"a{i}.txt", SHARED)[2]))])
        files, before = len(list((tmp_path / "s").glob("*.sst"))), union(st)
        st.finish()
        assert len(list((tmp_path / "s").glob("*.sst"))) < files
        assert union(st) == before and merged(st) == before and len(st.named_graphs()) == 12
