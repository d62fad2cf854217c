"""Small readings of the parse that several extractors share."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# a noun's modifiers that can name who did it: "Israel's strike", "the Israeli strike", "a Hamas attack"
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
YEAR = re.compile(r"^(19|20)\d\d$")


#: No count of people or munitions is larger; a longer run of digits is an ID, a typo or
#: garbage, and past 2**63 stores cannot even compare it as an xsd:integer.
MAX_COUNT = 10**9


def number_of(tok: Token, lex: Lexicon) -> int | None:
    """The integer a number token writes ("29", "1,200", "three"), or None.

    Example:
        >>> from kg.extract.lexicon import load_lexicon
        >>> from spacy.lang.en import English
        >>> doc = English()("29 and 99999999999999999999 dead")
        >>> number_of(doc[0], load_lexicon()), number_of(doc[2], load_lexicon())
        (29, None)
    """
    text = tok.text.replace(",", "")
    if text.isdigit() and text.isascii():
        n = int(text)
        return n if n <= MAX_COUNT else None
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


# the hops from an event word up to the verb that tells it: its object, subject, or a preposition's object
_ARG_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "pobj", "prep", "agent", "compound", "conj"})
# the hops a governing verb or noun may be above that verb: "was preparing to launch", "denied that it struck"
_GOVERN_DEPS = _ARG_DEPS | frozenset({"xcomp", "ccomp", "acl", "pcomp", "advcl", "relcl"})


def clause_verb(tok: Token) -> Token:
    """The verb whose clause tells of ``tok``: the token itself when it is a verb, else the first
    verb above it through argument links ("launched an attack", "an airstrike killed")."""
    t = tok
    for _ in range(5):
        gerund = t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")  # "shelling killed"
        if (t.pos_ in ("VERB", "AUX") and not gerund) or t.dep_ not in _ARG_DEPS or t.head.i == t.i:
            return t
        t = t.head
    return t


def _irrealis(tok: Token, lex: Lexicon) -> bool:
    """Negation, a modal or condition, a habit adverb, or "no" on this token."""
    irrealis, habit = lex.wordset("irrealis_words"), lex.wordset("habit_adverbs")
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            return True
        if c.dep_ in ("aux", "auxpass", "mark") and low in irrealis:
            return True
        if c.dep_ == "advmod" and low in habit:
            return True
    return False


def happened(tok: Token, lex: Lexicon) -> bool:
    """Whether the event word ``tok`` is told as having happened.

    Not when it or its clause's verb is negated, modal, conditional or habitual ("did not
    strike", "could attack", "if they attack", "often carries out attacks"), nor when a word
    of ``unreal_governors`` governs it ("was preparing a drone attack", "threatened to strike",
    "denied that it had attacked", "stopped their attacks"). Reported speech is no bar.
    """
    verb = clause_verb(tok)
    if _irrealis(tok, lex) or (verb.i != tok.i and _irrealis(verb, lex)):
        return False
    governors, speech = lex.wordset("unreal_governors"), lex.wordset("speech_verbs")
    t = tok
    for _ in range(6):
        if t.dep_ not in _GOVERN_DEPS or t.head.i == t.i:
            return True
        if t.dep_ == "nsubj":
            return True  # the doer of a verb is not what the verb governs ("the gunman ... had pledged")
        t = t.head
        lemma = t.lemma_.lower()
        if lemma in speech and lemma not in governors:
            return True
        if t.i != tok.i and (lemma in governors or t.lower_ in governors):
            return False
    return True
