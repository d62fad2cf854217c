"""Event rules on hand-built Docs: no statistical model needed."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kg.extract.strike_args import is_concrete, is_definite, other_sense, weapon_of
from kg.extract.syntax import clause_verb, happened
from tests.conftest import make_doc

KG = Namespace("https://w3id.org/newskg/ontology#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


# "Israel launched airstrikes ." and variants; heads are absolute token indices
LAUNCHED = (["Israel", "launched", "airstrikes", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"])
POS4 = ["PROPN", "VERB", "NOUN", "PUNCT"]
LEMMAS4 = ["israel", "launch", "airstrike", "."]


@pytest.mark.parametrize(
    "words, heads, deps, pos, lemmas, index, expected",
    [
        (*LAUNCHED, POS4, LEMMAS4, 2, True),
        (
            ["Israel", "did", "not", "strike", "Gaza"],
            [3, 3, 3, 3, 3],
            ["nsubj", "aux", "neg", "ROOT", "dobj"],
            ["PROPN", "AUX", "PART", "VERB", "PROPN"],
            ["israel", "do", "not", "strike", "gaza"],
            3,
            False,
        ),
        (
            ["Hamas", "could", "attack", "Israel"],
            [2, 2, 2, 2],
            ["nsubj", "aux", "ROOT", "dobj"],
            ["PROPN", "AUX", "VERB", "PROPN"],
            ["hamas", "could", "attack", "israel"],
            2,
            False,
        ),
        (
            ["Russia", "was", "preparing", "a", "drone", "attack"],
            [2, 2, 2, 5, 5, 2],
            ["nsubj", "aux", "ROOT", "det", "compound", "dobj"],
            ["PROPN", "AUX", "VERB", "DET", "NOUN", "NOUN"],
            ["russia", "be", "prepare", "a", "drone", "attack"],
            5,
            False,
        ),
        (
            ["The", "group", "often", "carries", "out", "attacks"],
            [1, 3, 3, 3, 3, 3],
            ["det", "nsubj", "advmod", "ROOT", "prt", "dobj"],
            ["DET", "NOUN", "ADV", "VERB", "ADP", "NOUN"],
            ["the", "group", "often", "carry", "out", "attack"],
            5,
            False,
        ),
        (
            ["Iran", "threatened", "to", "strike", "Israel"],
            [1, 1, 3, 1, 3],
            ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
            ["PROPN", "VERB", "PART", "VERB", "PROPN"],
            ["iran", "threaten", "to", "strike", "israel"],
            3,
            False,
        ),
        (
            ["The", "rebels", "stopped", "their", "attacks"],
            [1, 2, 2, 4, 2],
            ["det", "nsubj", "ROOT", "poss", "dobj"],
            ["DET", "NOUN", "VERB", "PRON", "NOUN"],
            ["the", "rebel", "stop", "their", "attack"],
            4,
            False,
        ),
        (
            ["There", "were", "no", "attacks"],
            [1, 1, 3, 1],
            ["expl", "ROOT", "det", "attr"],
            ["PRON", "VERB", "DET", "NOUN"],
            ["there", "be", "no", "attack"],
            3,
            False,
        ),
        (
            ["The", "army", "denied", "it", "struck", "the", "camp"],
            [1, 2, 2, 4, 2, 6, 4],
            ["det", "nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj"],
            ["DET", "NOUN", "VERB", "PRON", "VERB", "DET", "NOUN"],
            ["the", "army", "deny", "it", "strike", "the", "camp"],
            4,
            False,
        ),
        (
            ["The", "army", "said", "it", "struck", "the", "camp"],
            [1, 2, 2, 4, 2, 6, 4],
            ["det", "nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj"],
            ["DET", "NOUN", "VERB", "PRON", "VERB", "DET", "NOUN"],
            ["the", "army", "say", "it", "strike", "the", "camp"],
            4,
            True,
        ),
        (
            ["If", "Israel", "attacks", ",", "Iran", "responds"],
            [2, 2, 5, 5, 5, 5],
            ["mark", "nsubj", "advcl", "punct", "nsubj", "ROOT"],
            ["SCONJ", "PROPN", "VERB", "PUNCT", "PROPN", "VERB"],
            ["if", "israel", "attack", ",", "iran", "respond"],
            2,
            False,
        ),
    ],
    ids=[
        "launched-happened",
        "negated-verb",
        "modal-could",
        "preparing-governs",
        "habitual-often",
        "threatened-to",
        "stopped-attacks",
        "no-attacks",
        "denied-that",
        "said-that-is-real",
        "conditional-if",
    ],
)
def test_rules_events_happened(lex, words, heads, deps, pos, lemmas, index, expected):
    doc = make_doc(words, heads, deps, pos, lemmas=lemmas)
    assert happened(doc[index], lex) is expected


@pytest.mark.parametrize(
    "words, heads, deps, pos, lemmas, index, expected",
    [
        (["a", "car", "bomb"], [2, 2, 2], ["det", "compound", "ROOT"], ["DET", "NOUN", "NOUN"], None, 2, "car bomb"),
        (
            ["a", "suicide", "bombing"],
            [2, 2, 2],
            ["det", "compound", "ROOT"],
            ["DET", "NOUN", "NOUN"],
            ["a", "suicide", "bombing"],
            2,
            "suicide bomb",
        ),
        (["the", "attack"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], None, 1, ""),
        (["an", "ambush"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], None, 1, ""),
        (["the", "shooting"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], None, 1, "gunfire"),
        (["a", "roadside", "bomb"], [2, 2, 2], ["amod", "amod", "ROOT"], ["DET", "ADJ", "NOUN"], None, 2, "IED"),
        (
            ["they", "struck", "a", "deal"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "det", "dobj"],
            ["PRON", "VERB", "DET", "NOUN"],
            ["they", "strike", "a", "deal"],
            1,
            None,
        ),
        (
            ["troops", "shot", "down", "a", "drone"],
            [1, 1, 1, 4, 1],
            ["nsubj", "ROOT", "prt", "det", "dobj"],
            ["NOUN", "VERB", "ADP", "DET", "NOUN"],
            ["troop", "shoot", "down", "a", "drone"],
            1,
            None,
        ),
        (
            ["a", "car", "bomb", "exploded"],
            [2, 2, 3, 3],
            ["det", "compound", "nsubj", "ROOT"],
            ["DET", "NOUN", "NOUN", "VERB"],
            ["a", "car", "bomb", "explode"],
            3,
            "car bomb",
        ),
        (
            ["violence", "exploded"],
            [1, 1],
            ["nsubj", "ROOT"],
            ["NOUN", "VERB"],
            ["violence", "explode"],
            1,
            None,
        ),
        (["a", "missile"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], None, 1, None),
    ],
    ids=[
        "car-bomb",
        "suicide-bombing",
        "attack-names-no-weapon",
        "ambush-names-no-weapon",
        "shooting-gunfire",
        "roadside-bomb-ied",
        "struck-a-deal",
        "shot-down",
        "car-bomb-exploded",
        "violence-exploded",
        "missile-alone-is-no-attack",
    ],
)
def test_rules_events_weapon(lex, words, heads, deps, pos, lemmas, index, expected):
    doc = make_doc(words, heads, deps, pos, lemmas=lemmas)
    assert weapon_of(doc[index], lex) == expected


@pytest.mark.parametrize(
    "words, heads, deps, pos, index, expected",
    [
        (["the", "strike"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], 1, True),
        (["a", "strike"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], 1, False),
        (
            ["it", "was", "an", "attack"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "det", "attr"],
            ["PRON", "AUX", "DET", "NOUN"],
            3,
            True,
        ),
    ],
    ids=["the-strike", "a-strike", "it-was-an-attack"],
)
def test_rules_events_definite(lex, words, heads, deps, pos, index, expected):
    doc = make_doc(words, heads, deps, pos, lemmas=[w if w != "was" else "be" for w in words])
    assert is_definite(doc[index], lex) is expected


def test_rules_events_clause_verb_climbs_to_the_carrying_verb():
    doc = make_doc(*LAUNCHED, POS4, lemmas=LEMMAS4)
    assert clause_verb(doc[2]).i == 1


def test_events_validate_catches_two_event_classes():
    from kg.present.validate import validate_graph

    g = Graph()
    node = URIRef("https://w3id.org/newskg/resource/Strike_abc")
    g.add((node, RDF.type, KG.Strike))
    g.add((node, RDF.type, KG.Place))
    g.add((node, RDFS_LABEL, Literal("a strike")))
    report = validate_graph(g)
    assert not report.conforms
    assert any("exactly one class" in v.message for v in report.violations)


@pytest.mark.parametrize(
    "words, heads, deps, tags, lemmas, index, weapon, expected",
    [
        (
            ["a", "car", "bombing"],
            [2, 2, 2],
            ["det", "compound", "ROOT"],
            ["DT", "NN", "NN"],
            None,
            2,
            "car bomb",
            True,
        ),
        (
            ["numerous", "bombings"],
            [1, 1],
            ["amod", "ROOT"],
            ["JJ", "NNS"],
            ["numerous", "bombing"],
            1,
            "bomb",
            False,
        ),
        (
            ["previous", "attacks"],
            [1, 1],
            ["amod", "ROOT"],
            ["JJ", "NNS"],
            ["previous", "attack"],
            1,
            "",
            False,
        ),
        (
            ["the", "attack", "on", "press", "freedom"],
            [1, 1, 1, 4, 2],
            ["det", "ROOT", "prep", "compound", "pobj"],
            ["DT", "NN", "IN", "NN", "NN"],
            None,
            1,
            "",
            False,
        ),
        (
            ["an", "attack", "on", "a", "hospital"],
            [1, 1, 1, 4, 2],
            ["det", "ROOT", "prep", "det", "pobj"],
            ["DT", "NN", "IN", "DT", "NN"],
            None,
            1,
            "",
            True,
        ),
    ],
    ids=["weapon-one-attack", "numerous-is-a-pattern", "previous-attacks", "no-harm-no-building", "on-a-hospital"],
)
def test_rules_events_concrete(lex, words, heads, deps, tags, lemmas, index, weapon, expected):
    """An attack by an unnamed hand counts only when told as one attack."""
    from tests.conftest import make_doc

    doc = make_doc(words, heads, deps, tags=tags, lemmas=lemmas)
    assert is_concrete(doc[index], weapon, lex) is expected


@pytest.mark.parametrize(
    "words, heads, deps, index, expected",
    [
        (["a", "gas", "explosion"], [2, 2, 2], ["det", "compound", "ROOT"], 2, True),
        (["an", "accidental", "explosion"], [2, 2, 2], ["det", "amod", "ROOT"], 2, True),
        (["a", "heart", "attack"], [2, 2, 2], ["det", "compound", "ROOT"], 2, True),
        (["a", "car", "bomb"], [2, 2, 2], ["det", "compound", "ROOT"], 2, False),
    ],
    ids=["gas-explosion", "accidental", "heart-attack", "car-bomb"],
)
def test_rules_events_other_sense(lex, words, heads, deps, index, expected):
    from tests.conftest import make_doc

    doc = make_doc(words, heads, deps)
    assert other_sense(doc[index], lex) is expected


def test_rules_events_doer_of_a_governor_happened(lex):
    """ "The attack ended the truce": the attack is the doer of "end", not what it ends."""
    doc = make_doc(
        ["The", "attack", "ended", "the", "truce"],
        [1, 2, 2, 4, 2],
        ["det", "nsubj", "ROOT", "det", "dobj"],
        ["DET", "NOUN", "VERB", "DET", "NOUN"],
        lemmas=["the", "attack", "end", "the", "truce"],
    )
    assert happened(doc[1], lex) is True and happened(doc[4], lex) is False
