"""Fuzzing the whole pipeline: any text, any front matter.

parse_article -> nlp -> extract -> to_graph never raises anything but a KGError,
and what it builds always passes ontology/shapes.ttl and loads into the store.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import parse_article
from kg.errors import KGError
from kg.extract import extract
from kg.extract.lexicon import load_lexicon
from kg.present.validate import validate_graph
from kg.rdf.graph import fact_triples, to_graph
from kg.store.embedded import KGStore

#: raise with KG_FUZZ_EXAMPLES=2000 for a long hunt
MAX_EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# pieces of wire copy, so that the extractors have something to bite on
PIECES = [
    "Israel", "Hezbollah", "Lebanon", "Lebanon's", "Beirut", "Dahiya", "southern Beirut", "Gaza", "Hamas",
    "Iran", "Iran-backed", "US", "the United States", "Russia", "Kyiv", "Ukraine", "UN Security Council",
    "Resolution 1701", "Security Council Resolution 1701", "in 2006", "Amos Hochstein", "US mediator",
    "Naim Qassem", "Hezbollah leader", "Benjamin Netanyahu", "Prime Minister", "spokesman", "David Mencer",
    "Israeli", "Israeli government", "the Israeli army", "Reuters", "said", "told", "says", "added",
    "launched", "carried out", "struck", "fired", "killed", "killing", "at least", "more than", "about",
    "29", "250", "three", "-4", "0", "1e9", "people", "civilians", "commanders", "airstrikes", "an airstrike",
    "rockets", "missiles", "drones", "a drone strike", "shelling", "attack", "attacks", "on", "in", "at",
    "against", "on Monday", "on Tuesday", "over the weekend", "last week", "yesterday", "on November 25",
    "on February 30", "in 2024", "ceasefire", "a ceasefire proposal", "the US ceasefire proposal", "deal",
    "agreement", "proposed", "mediated", "reviewed", "supported", "rejected", "opposed", "based on",
    "reinstates", "demands", "adopted", "and", "but", "the", "a", "of", "that", "which", "he", "she",
    "they", "it", "its", "their", "him", "We", "I", ",", ".", ";", ":", "!", "?", '"', "“", "”", "'", "(",
    ")", "-", "—", "\n", "\n\n", "# ", "---",
]  # fmt: skip
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join)
# wire-copy templates with fuzzed slots: strikes, statements, proposals, resolutions
AGENTS = ["Israel", "Hezbollah", "Russia", "the Israeli army", "Iran-backed Hezbollah", "Hamas", "He", "They", "It"]
SPEAKERS = ["Amos Hochstein", "Naim Qassem", "Israeli government spokesman David Mencer", "Reuters", "he", "She"]
slot = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
templates = st.one_of(
    st.builds(
        "{} {} {} on {} {}, killing {} {} people.".format,
        st.sampled_from(AGENTS),
        st.sampled_from(["launched", "carried out", "fired", "struck with"]),
        st.sampled_from(["airstrikes", "an airstrike", "250 rockets", "a drone strike", "missiles", "shelling"]),
        st.sampled_from(["Beirut", "Kyiv", "Gaza", "Dahiya, southern Beirut", "Tyre"]) | slot,
        st.sampled_from(["on Monday", "over the weekend", "last week", "on February 30", "", "in 2024"]) | slot,
        st.sampled_from(["at least", "more than", "about", ""]),
        st.one_of(st.integers(-5, 10**12).map(str), st.sampled_from(["three", "dozens of", "no"]), slot),
    ),
    st.builds(
        "{} said, “{}.” {}".format,
        st.sampled_from(SPEAKERS) | slot,
        words,
        st.sampled_from(["", "He added: “We will see.”", "However, he did not give details."]) | slot,
    ),
    st.builds(
        "{} {} the {} proposal{}.".format,
        st.sampled_from(AGENTS + SPEAKERS),
        st.sampled_from(["reviewed", "rejected", "supported", "proposed", "mediated"]),
        st.sampled_from(["US ceasefire", "French", "new", ""]) | slot,
        st.sampled_from(["", ", which reinstates UN Security Council Resolution 1701", " based on Resolution 1701"]),
    ),
    st.builds(
        "UN Security Council Resolution {}, adopted in {}, demands {}.".format,
        st.one_of(st.integers(-1, 10**6).map(str), slot),
        st.one_of(st.integers(0, 99999).map(str), slot),
        words,
    ),
)
sentence = st.one_of(templates, words.map(lambda w: w + "."))
prose = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
noise = st.text(max_size=200)
body = st.one_of(prose, noise, st.tuples(prose, noise, prose).map("".join))

DATE_TEXT = ["2024-11-25", "2024-02-30", "2024-13-01", "tomorrow", "0001-01-01", "9999-12-31", "2024-11-25T08:00Z"]
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(DATE_TEXT),
    st.floats(allow_nan=True),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=5), scalars, max_size=2))
meta = st.dictionaries(
    st.one_of(st.sampled_from(["title", "source", "published", "tags"]), st.text(max_size=8)), values, max_size=4
)
front = st.one_of(
    st.just(""),
    meta.map(lambda m: "---\n" + yaml.safe_dump(m, allow_unicode=True) + "---\n"),
    st.text(max_size=60).map(lambda t: f"---\n{t}\n---\n"),
    st.sampled_from(
        ["---\n", "---\ntitle: [broken\n---\n", "---\n---\n", "---\npublished: !!timestamp 2024-02-30\n---\n"]
    ),
)
articles = st.tuples(front, body).map("".join)
override = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    with KGStore(tmp_path_factory.mktemp("fuzz") / "store") as store:
        yield store


def _pipeline(nlp, text: str, date: dt.date | None):
    """The whole pipeline; None when the input is refused with a KGError (which is allowed)."""
    lex = load_lexicon()  # cached; not a fixture, whose repr would swamp hypothesis's report
    try:
        article = parse_article(text, "fuzz.md", date)
        facts = extract(article, nlp(article.body), lex)
        return article, facts, to_graph(article, facts)
    except KGError:
        return None


@pytest.mark.model
@FUZZ
@given(text=articles, date=override)
def test_fuzz_pipeline_only_raises_kgerror_and_builds_valid_graphs(nlp, fuzz_store, text, date):
    built = _pipeline(nlp, text, date)
    if built is None:
        return
    article, facts, graph = built
    report = validate_graph(graph)
    assert report.conforms, "\n".join(str(v) for v in report.violations)
    # and the store takes it, whole
    fuzz_store.replace_article(article.id, article.path, fact_triples(article, facts))
    assert fuzz_store.article_triples(article.id) == len(graph)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02",
        "---\n",
        "---\n---\n",
        "\ufeff---\ntitle: T\n---\nIsrael struck Gaza.",
        "Israel" * 5000,
        '"' * 50,
        "He said: “" * 20,
        "Hezbollah fired 1e9 rockets at Israel, killing -4 people.",
        "Israel killed 99999999999999999999999 people in Gaza on February 30.",
        "# \n\nIsrael struck Gaza.",
        "Israel struck Gaza.\r\nHezbollah fired rockets.\rReuters said.",
        "Israel\u2028struck\u2029Gaza\x0b\x0c\x1c.",
        "Amos\nHochstein met Naim\tQassem in Beirut.",
    ],
    ids=[
        "empty", "control-chars", "dashes", "empty-front-matter", "bom-front-matter", "one-long-word", "quotes",
        "open-quotes", "odd-numbers", "huge-number", "markdown-heading", "mixed-newlines", "unicode-separators",
        "names-across-lines",
    ],
)  # fmt: skip
def test_fuzz_known_awkward_inputs(nlp, fuzz_store, text):
    built = _pipeline(nlp, text, dt.date(2024, 11, 25))
    if built is None:
        return
    article, facts, graph = built
    report = validate_graph(graph)
    assert report.conforms, "\n".join(str(v) for v in report.violations)
    fuzz_store.replace_article(article.id, article.path, fact_triples(article, facts))
    assert fuzz_store.article_triples(article.id) == len(graph)
