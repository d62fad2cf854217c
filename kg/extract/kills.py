"""Who killed whom, read from the parse in every form a killing is written.

Active ("X killed Y"), passive ("Y was shot dead by X"), nominal ("the
assassination of Y by X", "Y's killer, X"), participial and gerund forms
("X, convicted of killing Y", "X was charged with murdering Y") and relative
clauses ("X, who killed Y"; "X was the gunman who killed Y").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.syntax import MODIFIER_DEPS, with_conjuncts
from kg.model import EntityRef, Fact, Mention
from kg.nlp import words

_CLIMB = frozenset({"pcomp", "prep", "xcomp", "advcl", "conj", "pobj", "dobj"})
_RELATIVE = frozenset({"who", "that", "which"})


def _mention_of(tok: Token, ms: Mentions) -> Mention | None:
    """The mention a noun phrase head stands for, or one of its modifiers ("an Israeli strike")."""
    m = ms.at(tok.i)
    if m is not None:
        return m
    for c in tok.children:
        if c.dep_ in MODIFIER_DEPS and (x := ms.at(c.i)) is not None and x.cls != "Place":
            return x
    return None


def _persons(tok: Token, ms: Mentions) -> list[Mention]:
    """The persons a noun phrase names: "Y", "Y and Z", "his son, Y", "President Y"."""
    out = []
    for t in with_conjuncts(tok):
        m = ms.at(t.i)
        if m is None and t.lower_ in _RELATIVE:
            m = _relative_head(t, ms) if t.head.dep_ == "relcl" else None  # "Oswald, who was shot by Ruby"
        if m is None:
            m = next((ms.at(c.i) for c in t.children if c.dep_ == "appos" and ms.at(c.i) is not None), None)
        if m is not None and m.cls == "Actor":
            out.append(m)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "including":
                out.extend(v for g in c.children if g.dep_ == "pobj" for v in _persons(g, ms))  # "ten, including Y"
    return out


def _relative_head(tok: Token, ms: Mentions) -> Mention | None:
    """ "X, who killed Y" and "X was the gunman who killed Y": the relative pronoun's antecedent."""
    noun = tok.head.head if tok.head.dep_ == "relcl" else None
    if noun is None:
        return None
    m = ms.at(noun.i)
    if m is None and noun.dep_ == "dobj":
        return _subject(noun.head, ms)  # "X fired the shots that killed Y"
    if m is None and noun.dep_ in ("attr", "appos"):
        owner = noun.head if noun.dep_ == "appos" else next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        m = ms.at(owner.i) if owner is not None else None
    return m


def _subject(verb: Token, ms: Mentions) -> Mention | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            return _relative_head(c, ms) if c.lower_ in _RELATIVE else _mention_of(c, ms)
        if c.dep_ == "agent":
            return next((_mention_of(g, ms) for g in c.children if g.dep_ == "pobj"), None)
    return None


def _charged(verb: Token, ms: Mentions) -> Mention | None:
    """Who a verb that governs the killing is about: "X was convicted of", "convicted X of", "X, charged with"."""
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "dobj") and (m := _mention_of(c, ms)) is not None:
            return m
    if verb.dep_ in ("acl", "relcl", "amod") and (m := ms.at(verb.head.i)) is not None:
        return m
    return _subject(verb, ms)


def _killer_above(tok: Token, ms: Mentions, lex: Lexicon) -> Mention | None:
    """The killer of a killing written without its own subject: climb to the verb it hangs on.

    Only a verb that charges someone with it ("convicted of", "sentenced for",
    "arrested in") or the subject of "by killing", "to kill" names the killer:
    "after the assassination of Y, Z appeared" does not make Z the killer.
    """
    t, via = tok, ""
    for _ in range(5):
        if t.dep_ not in _CLIMB or t.head is t:
            return None
        via = t.dep_ if t.dep_ in ("xcomp", "advcl") or t.lower_ == "by" else via
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_.lower() in lex.wordset("charge_verbs"):
                return _charged(t, ms)
            return _subject(t, ms) if via and tok.pos_ == "VERB" else None
    return None


def _verb_kills(t: Token, ms: Mentions, lex: Lexicon) -> tuple[Mention | None, list[Mention]]:
    victims: list[Mention] = []
    passive = False
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            victims = _persons(c, ms)
            passive = passive or c.dep_ == "nsubjpass"
    killer = _subject(t, ms)
    if killer is None and not passive and t.dep_ in ("pcomp", "xcomp", "advcl"):
        killer = _killer_above(t, ms, lex)  # "X, convicted of killing Y"
    return killer, victims


def _of_or_possessor(noun: Token, ms: Mentions) -> list[Mention]:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return [v for g in c.children if g.dep_ == "pobj" for v in _persons(g, ms)]
        if c.dep_ in ("poss", "compound") and (m := ms.at(c.i)) is not None and m.cls == "Actor":
            return [m]
    return []


def _named_before(t: Token, ms: Mentions) -> list[Mention]:
    """ "King assassin James Earl Ray", "McKinley's assassin Leon Czolgosz": the person named just before."""
    k = t.i - 2 if t.i >= 2 and t.doc[t.i - 1].text in ("'s", "’s") else t.i - 1
    m = ms.at(k) if k >= 0 else None
    return [m] if m is not None and m.cls == "Actor" and m.end == k + 1 else []


def _noun_kills(t: Token, ms: Mentions, lex: Lexicon) -> tuple[Mention | None, list[Mention]]:
    victims = _of_or_possessor(t, ms)
    if not victims and t.lemma_.lower() in lex.wordset("killer_nouns"):
        victims = _named_before(t, ms)
    if t.lemma_.lower() in lex.wordset("killer_nouns"):
        # "Y's assassin, X", "X, the killer of Y", "Y assassin X", "X was the assassin of Y"
        owner = t.head if t.dep_ in ("appos", "compound") else None
        if t.dep_ == "attr":
            owner = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        appos = next((c for c in t.children if c.dep_ == "appos"), None)
        if appos is not None:
            owner = appos
        return (ms.at(owner.i) if owner is not None else None), victims
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            killer = next((_mention_of(g, ms) for g in c.children if g.dep_ == "pobj"), None)
            return killer, victims
    return _killer_above(t, ms, lex), victims


def _shoot_is_fatal(t: Token, lower: list[str], lex: Lexicon) -> bool:
    """ "shot dead", "shot and killed", "fatally shot"; not "shot and wounded"."""
    sent = t.sent
    said = set(lower[sent.start : sent.end])
    return said.isdisjoint(lex.wordset("wound_words"))


def extract_kills(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    """Yield ``kg:killed`` facts: a person or an organization caused a person's death."""
    lower, lemma = words(doc)
    kill, shoot = lex.wordset("kill_verbs"), lex.wordset("shoot_verbs")
    nouns = lex.wordset("kill_nouns") | lex.wordset("killer_nouns")
    for i in range(len(doc)):
        if lemma[i] in kill or lemma[i] in shoot:
            t = doc[i]
            if t.pos_ != "VERB" or (lemma[i] in shoot and not _shoot_is_fatal(t, lower, lex)):
                continue
            if t.dep_ in ("xcomp", "acl") and t.head.lemma_.lower() in lex.wordset("attempt_words"):
                continue  # "tried to kill", "a plot to kill": no one died
            killer, victims = _verb_kills(t, ms, lex)
            rule = "kill-verb"
        elif lemma[i] in nouns and doc[i].pos_ == "NOUN":
            t = doc[i]
            killer, victims = _noun_kills(t, ms, lex)
            rule = "kill-noun"
        else:
            continue
        if killer is None or killer.cls == "Place":
            continue
        for v in victims:
            if v.label != killer.label:
                yield Fact(EntityRef(killer.label), "killed", EntityRef(v.label), make_evidence(aid, t, rule))
