"""Small readings of the parse that several extractors share."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# a noun's modifiers that can name who did it: "Israel's strike", "the Israeli strike", "a Hamas attack"
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
YEAR = re.compile(r"^(19|20)\d\d$")


def number_of(tok: Token, lex: Lexicon) -> int | None:
    """The integer a number token writes ("29", "1,200", "three"), or None."""
    text = tok.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return lex.words["number_words"].get(tok.lower_)


def qualifier_of(tok: Token, lex: Lexicon) -> str:
    """The hedge before a number: "at least", "more than", "about"."""
    doc = tok.doc
    for size in (3, 2, 1):
        if tok.i - size >= 0:
            phrase = doc[tok.i - size : tok.i].text.lower()
            if phrase in lex.words["qualifiers"]:
                return lex.words["qualifiers"][phrase]
    return ""


def governing_verb(tok: Token) -> Token | None:
    """The verb an attack noun is the object of: "launched attacks", "launched one of its attacks",
    "airstrikes were carried out"."""
    t = tok
    for _ in range(4):
        if t.dep_ == "conj":
            t = t.head
        elif t.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
            return t.head if t.head.pos_ in ("VERB", "AUX") else None
        elif t.dep_ == "pobj" and t.head.lower_ in ("of", "in") and t.head.head.dep_ in ("dobj", "nsubjpass", "conj"):
            t = t.head.head  # "one of its biggest rocket attacks"
        else:
            return None
    return None


def with_conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens conjoined with it ("Egypt and Qatar")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(with_conjuncts(c))
    return out
