"""Who carried an attack out, read from the attack mention's own clause.

The subject of the attack verb, the agent of a passive, a possessive or modifier of the attack
noun, or the subject of a verb that carries the attack out ("launched airstrikes"); never the
subject of another verb ("the UN condemned the attack").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import Context, Role
from kg.extract.coref import resolve
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.strike_args import is_nominal
from kg.extract.syntax import MODIFIER_DEPS, clause_verb
from kg.model import Mention

AGENT_CLASSES = ("Organization", "Actor")


def modifier_agent(tok: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    """An agent written as a modifier: "Israeli airstrikes", "its rocket attacks", "a Hamas attack".

    A name the dictionary does not know counts only as a possessive: "the Manchester bombing"
    names where, not who.
    """
    for c in sorted(tok.children, key=lambda c: -c.i):
        if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
            m = ms.at(c.i)
            if m is None and c.dep_ == "poss":
                m = resolve(c, ms, lex, roles)
            if m is None or m.cls not in AGENT_CLASSES or m.kind == "place":
                continue
            if c.dep_ == "poss" or m.source in ("dictionary", "demonym"):
                return m
    return None


def _after_by(tok: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    """The agent after "by": its object, or a modifier of it ("by Russian missiles")."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            for g in c.children:
                if (m := resolve(g, ms, lex, roles) or modifier_agent(g, ms, lex, roles)) is not None:
                    return m
    return None


def _subject_agent(verb: Token, ctx: Context, speaker: Mention | None) -> Mention | None:
    ms, lex, roles = ctx.mentions, ctx.lex, ctx.roles
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "nsubj" and not passive:
            # "The Israeli military said it had struck": "it" is the speaker
            return resolve(c, ms, lex, roles, speaker) or modifier_agent(c, ms, lex, roles) or _of_agent(c, ms, lex)
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None  # a subject we cannot resolve is not someone else's
    found = _after_by(verb, ms, lex, roles)
    if found is None and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ == "VERB":
        if verb.head.lemma_.lower() not in lex.wordset("speech_verbs"):
            return _subject_agent(verb.head, ctx, speaker)
    return found


def _of_agent(tok: Token, ms: Mentions, lex: Lexicon) -> Mention | None:
    """ "Warplanes of the Libyan National Army", "gunmen from al-Shabaab"."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.words["platform_nouns"] and lemma not in lex.wordset("army_nouns"):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for g in c.children:
                m = ms.at(g.i)
                if m is not None and m.cls in AGENT_CLASSES and m.kind != "place":
                    return m
    return None


def support_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb that carries out an attack noun ("launched airstrikes", "airstrikes were carried out")."""
    verb = clause_verb(tok)
    support = lex.wordset("strike_support_verbs")
    if verb.i != tok.i and tok.dep_ == "nsubjpass" and verb.lemma_.lower() not in support:
        # "the attack is believed to have been carried out by X": the verb a raised subject belongs to
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in support), verb)
        if verb.lemma_.lower() in support:
            return verb
    if verb.i == tok.i or verb.lemma_.lower() not in support:
        return None
    t = tok
    while t.head.i != verb.i and t.dep_ in ("conj", "pobj", "prep"):
        t = t.head  # "launched one of its biggest attacks"
    return verb if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj") else None


def find_attacker(tok: Token, ctx: Context, speaker: Mention | None) -> Mention | None:
    """Who carried the attack out, or None."""
    ms, lex, roles = ctx.mentions, ctx.lex, ctx.roles
    found = None
    if is_nominal(tok):
        found = modifier_agent(tok, ms, lex, roles) or _after_by(tok, ms, lex, roles)
        verb = support_verb(tok, lex)
        if found is None and verb is not None:
            found = _subject_agent(verb, ctx, speaker)
    else:
        found = _subject_agent(tok, ctx, speaker)
    if found is not None and found.cls in AGENT_CLASSES and found.kind != "place":
        return found
    return None
