"""The helpers every extractor shares, on hand-built Docs (tests/conftest.py make_doc): no model needed.

Each row is one sentence with its parse written out, as spaCy's own matcher tests do.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg.errors import PatternError
from kg.extract.context import Context
from kg.extract.dates import When, date_in, resolve_date
from kg.extract.entities import entity_facts
from kg.extract.evidence import make_evidence, rule_table
from kg.extract.lexicon import WORD_LISTS, load_lexicon, load_words
from kg.extract.syntax import governing_verb, number_of, qualifier_of, with_conjuncts
from kg.model import Article, ArticleRef, EntityRef, Mention, Value
from tests.conftest import make_doc

MONDAY = dt.date(2024, 11, 25)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


# ----------------------------------------------------------------- syntax


@pytest.mark.parametrize(
    "words, i, expected",
    [
        (["killing", "29", "people"], 1, 29),
        (["killing", "1,200", "people"], 1, 1200),
        (["killing", "three", "people"], 1, 3),
        (["killing", "many", "people"], 1, None),
    ],
    ids=["digits", "thousands-comma", "word", "not-a-number"],
)
def test_syntax_number_of(lex, words, i, expected):
    assert number_of(make_doc(words)[i], lex) == expected


@pytest.mark.parametrize(
    "words, i, expected",
    [
        (["killing", "at", "least", "29", "people"], 3, "at least"),
        (["killing", "more", "than", "29", "people"], 3, "more than"),
        (["killing", "over", "29", "people"], 2, "more than"),
        (["killing", "29", "people"], 1, ""),
    ],
    ids=["at-least", "more-than", "over-means-more-than", "no-hedge"],
)
def test_syntax_qualifier_of(lex, words, i, expected):
    assert qualifier_of(make_doc(words)[i], lex) == expected


@pytest.mark.parametrize(
    "words, heads, deps, pos, noun, verb",
    [
        (
            ["Israel", "launched", "airstrikes", "."],
            [1, 1, 1, 1],
            ["nsubj", "ROOT", "dobj", "punct"],
            ["PROPN", "VERB", "NOUN", "PUNCT"],
            2,
            "launched",
        ),
        (
            ["Hezbollah", "launched", "one", "of", "its", "attacks"],
            [1, 1, 1, 2, 5, 3],
            ["nsubj", "ROOT", "dobj", "prep", "poss", "pobj"],
            ["PROPN", "VERB", "NUM", "ADP", "PRON", "NOUN"],
            5,
            "launched",
        ),
        (
            ["airstrikes", "were", "carried", "out"],
            [2, 2, 2, 2],
            ["nsubjpass", "auxpass", "ROOT", "prt"],
            ["NOUN", "AUX", "VERB", "ADP"],
            0,
            "carried",
        ),
        (
            ["the", "airstrikes", "hit", "Beirut"],
            [1, 2, 2, 2],
            ["det", "nsubj", "ROOT", "dobj"],
            ["DET", "NOUN", "VERB", "PROPN"],
            1,
            None,
        ),
    ],
    ids=["object", "one-of-its", "passive", "subject-is-not-governed"],
)
def test_syntax_governing_verb(words, heads, deps, pos, noun, verb):
    doc = make_doc(words, heads, deps, pos=pos)
    got = governing_verb(doc[noun])
    assert (got.text if got is not None else None) == verb


def test_syntax_with_conjuncts_follows_conj_chains():
    doc = make_doc(
        ["Egypt", ",", "Qatar", "and", "the", "US", "mediated"],
        [6, 0, 0, 2, 5, 2, 6],
        ["nsubj", "punct", "conj", "cc", "det", "conj", "ROOT"],
    )
    assert [t.text for t in with_conjuncts(doc[0])] == ["Egypt", "Qatar", "US"]


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("over the weekend", "2024-11-23", "2024-11-24"),
        ("on Monday", "2024-11-25", "2024-11-25"),
        ("last Monday", "2024-11-18", "2024-11-18"),
        ("on Friday", "2024-11-22", "2024-11-22"),
        ("last week", "2024-11-18", "2024-11-24"),
        ("November 20", "2024-11-20", "2024-11-20"),
        ("in September", "2024-09-01", "2024-09-30"),
        ("2024-11-20", "2024-11-20", "2024-11-20"),
    ],
    ids=["weekend", "weekday-same-day", "last-weekday", "weekday-before", "last-week", "month-day", "month", "iso"],
)
def test_dates_resolve_date(text, start, end):
    when = resolve_date(text, MONDAY)
    assert when is not None and (when.start.isoformat(), when.end.isoformat()) == (start, end)
    assert when.text == text


@pytest.mark.parametrize("text, ref", [("soon", MONDAY), ("on Monday", None)], ids=["no-day", "no-reference"])
def test_dates_resolve_date_none(text, ref):
    assert resolve_date(text, ref) is None


def test_dates_date_in_keeps_the_preposition_and_prefers_the_nearest():
    # "Israel struck Beirut on Monday and Tyre on Friday ."
    words = ["Israel", "struck", "Beirut", "on", "Monday", "and", "Tyre", "on", "Friday", "."]
    heads = [1, 1, 1, 1, 3, 2, 2, 6, 7, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "prep", "pobj", "punct"]
    doc = make_doc(words, heads, deps, ents=[(4, 5, "DATE"), (8, 9, "DATE")])
    sent = next(iter(doc.sents))
    assert date_in(sent, doc[2], MONDAY) == When(MONDAY, MONDAY, "on Monday")
    friday = dt.date(2024, 11, 22)
    assert date_in(sent, doc[6], MONDAY) == When(friday, friday, "on Friday")


def test_dates_date_in_finds_untagged_phrases():
    doc = make_doc(
        ["Rockets", "fell", "last", "night", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "npadvmod", "p"]
    )
    when = date_in(next(iter(doc.sents)), None, MONDAY)
    assert when is not None and when.text.lower() == "last night"


# ----------------------------------------------------------------- evidence


def test_evidence_make_evidence_is_the_sentence_with_offsets():
    doc = make_doc(["Israel", "struck", ".", "Hamas", "replied", "."], sent_starts=[1, 0, 0, 1, 0, 0])
    ev = make_evidence("a1", doc[4], "strike-trigger")
    assert (ev.sentence, ev.char_start, ev.char_end) == ("Hamas replied.", 15, 29)
    assert ev.rule == "strike-trigger" and ev.confidence == rule_table()["strike-trigger"]["confidence"]
    assert make_evidence("a1", doc[4], "strike-trigger", 0.5).confidence == 0.5


def test_evidence_unknown_rule_is_a_pattern_error():
    doc = make_doc(["Israel", "struck", "."], sent_starts=[1, 0, 0])
    with pytest.raises(PatternError, match="'no-such-rule' is not listed"):
        make_evidence("a1", doc[0], "no-such-rule")


@pytest.mark.parametrize(
    "rules, message",
    [
        ({"r": {"yields": "x", "confidence": 0.5}}, "must have exactly the keys"),
        ({"r": {"yields": "x", "confidence": 1.5, "about": ""}}, "confidence between 0 and 1"),
    ],
    ids=["missing-key", "confidence-out-of-range"],
)
def test_evidence_rule_table_refuses_bad_rows(tmp_path, rules, message):
    (tmp_path / "stage.json").write_text(json.dumps(rules))
    with pytest.raises(PatternError, match=message):
        rule_table(tmp_path)


# ----------------------------------------------------------------- lexicon


@pytest.mark.parametrize(
    "text, label",
    [("U.S.", "United States"), ("the United States", "United States"), ("Israel's", "Israel"), ("Atlantis", None)],
    ids=["alias", "leading-the", "possessive", "unknown"],
)
def test_lexicon_lookup(lex, text, label):
    found = lex.lookup(text)
    assert (found.label if found else None) == label


def test_lexicon_short_names_stay_case_sensitive(lex):
    assert lex.lookup("US") is not None and lex.lookup("us") is None


def test_lexicon_demonym_and_wordset(lex):
    assert lex.demonym("Israeli").label == "Israel"
    assert "at least" in lex.wordset("qualifiers")
    with pytest.raises(PatternError, match="no word list 'nope'"):
        lex.wordset("nope")


def test_lexicon_load_words_checks_keys_against_the_declaration(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"x": ["one"], "surprise": ["two"]}))
    with pytest.raises(PatternError):
        load_words(tmp_path, {"a": frozenset({"x"})})
    assert load_words(tmp_path, {"a": frozenset({"x", "surprise"})}) == {"x": ["one"], "surprise": ["two"]}
    assert WORD_LISTS  # the real declaration is not empty


# ----------------------------------------------------------------- entities


def _context(doc, lex, mentions):
    from kg.extract.mentions import Mentions

    by_token = {i: k for k, m in enumerate(mentions) for i in range(m.start, m.end)}
    article = Article(id="a1", body=doc.text, path="a.txt", title="", source="", published=MONDAY)
    return Context(article, doc, lex, Mentions(tuple(mentions), by_token, doc))


def test_entities_type_names_wikidata_and_article(lex):
    doc = make_doc(["The", "U.S.", "envoy", "Amos", "Hochstein", "spoke", "."], sent_starts=[1, 0, 0, 0, 0, 0, 0])
    mentions = [
        Mention(0, 2, "The U.S.", "United States", "Organization", "state", "dictionary"),
        Mention(3, 5, "Amos Hochstein", "Amos Hochstein", "Actor", "", "ner"),
    ]
    facts = {(f.subject, f.predicate, f.obj, f.evidence.rule) for f in entity_facts(_context(doc, lex, mentions))}
    us, amos = EntityRef("United States"), EntityRef("Amos Hochstein")
    assert (us, "type", Value("Organization"), "entity-dictionary") in facts
    assert (us, "sameAs", Value("Q30"), "entity-dictionary") in facts
    assert (us, "altLabel", Value("U.S."), "entity-dictionary") in facts  # "The " dropped
    assert (us, "mentionedIn", ArticleRef("a1"), "mention") in facts
    assert (amos, "type", Value("Actor"), "entity-ner") in facts
    assert (amos, "altLabel", Value("Hochstein"), "entity-ner") in facts  # a person's surname


def test_entities_demonym_government_is_another_name(lex):
    doc = make_doc(["The", "Israeli", "government", "said", "."], sent_starts=[1, 0, 0, 0, 0])
    mentions = [Mention(1, 2, "Israeli", "Israel", "Organization", "state", "demonym")]
    alts = {f.obj for f in entity_facts(_context(doc, lex, mentions)) if f.predicate == "altLabel"}
    assert Value("Israeli government") in alts
