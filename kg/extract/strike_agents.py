"""Who carried an attack out, read from the attack mention's own clause.

The subject of the attack verb, the agent of a passive, a possessive or modifier of the attack
noun, the subject of a verb that carries the attack out ("launched airstrikes", "claimed
responsibility for the bombing"), or the one blamed for it; never the subject of another verb
("the UN condemned the attack"). A description ("the gunmen", "the paramilitaries") stands for
the armed group the article last named; "they" just after an attack, for its attacker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.coref import resolve
from kg.extract.lexicon import Lexicon
from kg.extract.strike_args import is_nominal
from kg.extract.syntax import MODIFIER_DEPS, clause_verb
from kg.model import Mention

AGENT_CLASSES = ("Organization", "Actor")
NAME_WINDOW = 3  # sentences back to a name the model found that "the group" may stand for


@dataclass(frozen=True)
class Scene:
    """What an attacker's pronoun or description may stand for where the attack is told."""

    speaker: Mention | None = None  # who is talking: "it" in "the army said it struck"
    recent: Mention | None = None  # the attacker of the attack told just before


def modifier_agent(tok: Token, ctx: Context) -> Mention | None:
    """An agent written as a modifier: "Israeli airstrikes", "its rocket attacks", "a Hamas attack".

    A name the dictionary does not know counts only as a possessive: "the Manchester bombing"
    names where, not who.
    """
    ms = ctx.mentions
    for c in sorted(tok.children, key=lambda c: -c.i):
        if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
            m = ms.at(c.i)
            if m is None and c.dep_ == "poss":
                m = resolve(c, ms, ctx.lex, ctx.roles)
            if m is None or m.cls not in AGENT_CLASSES or m.kind == "place":
                continue
            if c.dep_ == "poss" or m.source in ("dictionary", "demonym"):
                return m
    return None


def _described(tok: Token, ctx: Context, scene: Scene) -> Mention | None:
    """ "the gunmen", "the paramilitaries", "the group ETA": who a description stands for."""
    ms = ctx.mentions
    if (m := _appos_name(tok, ctx)) is not None:
        return m
    kinds = _description(tok, ctx)
    if not kinds or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return None  # "a gunman" is someone new
    if "person" in kinds and scene.recent is not None and scene.recent.cls == "Actor":
        return scene.recent  # "the bomber", after an attack by a named person
    here = ms.sentence(tok.i)
    for m in reversed(ms.in_span(0, tok.i)):
        # an armed group the dictionary knows, anywhere before; "the group": a name just before
        near = m.kind in kinds and here - ms.sentence(m.start) <= NAME_WINDOW
        if m.cls == "Organization" and (m.kind == "armed_group" and "armed_group" in kinds or near):
            return m
    return None


def _appos_name(tok: Token, ctx: Context) -> Mention | None:
    """ "the armed separatist group ETA": the name right after the description."""
    for c in tok.children:
        m = ctx.mentions.at(c.i) if c.dep_ in ("appos", "compound") and c.i > tok.i else None
        if m is not None and m.cls == "Organization" and m.start == tok.i + 1:
            return m
    return None


def _description(tok: Token, ctx: Context) -> list[str]:
    """The kinds of agent a description noun may stand for ("gunmen": an armed group)."""
    table = ctx.lex.words["attacker_descriptions"]
    return list(table.get(tok.lemma_.lower()) or table.get(tok.lower_) or [])


def np_agent(tok: Token, ctx: Context, scene: Scene) -> Mention | None:
    """The agent a noun phrase names: a mention or pronoun, a modifier ("Israeli jets"),
    "warplanes of X", or a description of an armed group named before."""
    ms, lex, roles = ctx.mentions, ctx.lex, ctx.roles
    if (m := ms.at(tok.i)) is not None:
        return m
    if tok.lower_ in lex.wordset("group_pronouns") and scene.speaker is None and scene.recent is not None:
        return scene.recent  # "Gunmen of X attacked a camp. They killed 23 soldiers."
    if kinds := _description(tok, ctx):  # a description names what it describes, not the last organization
        m = _appos_name(tok, ctx) or modifier_agent(tok, ctx)
        if m is not None and m.kind == "state" and "army" not in kinds:
            m = None  # "Somali militants" are not Somalia's
        return m or _of_agent(tok, ctx) or _described(tok, ctx, scene)
    return resolve(tok, ms, lex, roles, scene.speaker) or modifier_agent(tok, ctx) or _of_agent(tok, ctx)


def _after_by(tok: Token, ctx: Context, scene: Scene) -> Mention | None:
    """The agent after "by": its object, or a modifier of it ("by Russian missiles")."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            for g in c.children:
                if (m := np_agent(g, ctx, scene)) is not None:
                    return m
    return None


def _from_agent(tok: Token, ctx: Context) -> Mention | None:
    """ "Mortar fire from al-Shabaab", "came under fire from X": an armed group or army the attack
    came from (not a place)."""
    holders = [tok, tok.head.head] if tok.dep_ == "pobj" and tok.head.lower_ == "under" else [tok]
    for c in (c for h in holders for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "from":
            for g in c.children:
                m = ctx.mentions.at(g.i)
                if m is not None and (m.kind in ("armed_group", "army") or m.cls == "Actor"):
                    return m
    return None


def _subject_agent(verb: Token, ctx: Context, scene: Scene) -> Mention | None:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "nsubj" and not passive:
            if any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children):
                return None  # "no group has claimed responsibility"
            # "The Israeli military said it had struck": "it" is the speaker
            return np_agent(c, ctx, scene)
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None  # a subject we cannot resolve is not someone else's
    found = _after_by(verb, ctx, scene)
    if found is None and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ == "VERB":
        if verb.head.lemma_.lower() not in ctx.lex.wordset("speech_verbs"):
            return _subject_agent(verb.head, ctx, scene)
    return found


def _of_agent(tok: Token, ctx: Context) -> Mention | None:
    """ "Warplanes of the Libyan National Army", "gunmen from al-Shabaab"."""
    lemma, lex = tok.lemma_.lower(), ctx.lex
    if lemma not in lex.words["platform_nouns"] and lemma not in lex.wordset("army_nouns"):
        if lemma not in lex.words["attacker_descriptions"]:
            return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for g in c.children:
                m = ctx.mentions.at(g.i)
                if m is not None and m.cls in AGENT_CLASSES and m.kind != "place":
                    return m
    return None


def support_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb that carries out an attack noun ("launched airstrikes", "airstrikes were carried out",
    "claimed responsibility for the bombing")."""
    verb = clause_verb(tok)
    support = lex.wordset("strike_support_verbs")
    if verb.i != tok.i and tok.dep_ == "nsubjpass" and verb.lemma_.lower() not in support:
        # "the attack is believed to have been carried out by X": the verb a raised subject belongs to
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in support), verb)
        if verb.lemma_.lower() in support:
            return verb
    if verb.i == tok.i:
        return None
    if verb.lemma_.lower() not in support and not _responsibility(tok, verb, lex):
        return None
    t = tok
    while t.head.i != verb.i and t.dep_ in ("conj", "pobj", "prep"):
        t = t.head  # "launched one of its biggest attacks", "claimed responsibility for the attack"
    return verb if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj") else None


def _responsibility(tok: Token, verb: Token, lex: Lexicon) -> bool:
    """ "accepted responsibility for the bombings": the one who takes the blame carried it out."""
    if verb.lemma_.lower() not in lex.wordset("responsibility_verbs"):
        return False
    holder = tok.head.head
    return (
        tok.dep_ == "pobj" and tok.head.lower_ == "for" and holder.lemma_.lower() in lex.wordset("responsibility_nouns")
    )


def _blamed(tok: Token, ctx: Context) -> Mention | None:
    """ "Police blamed al-Shabaab for the attack": the one blamed, not the one blaming."""
    if not (tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of") and tok.head.dep_ == "prep"):
        return None
    verb = tok.head.head
    if verb.lemma_.lower() not in ctx.lex.wordset("blame_verbs"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    m = ctx.mentions.at(obj.i) if obj is not None else None
    return m if m is not None and m.cls in AGENT_CLASSES else None


def find_attacker(tok: Token, ctx: Context, scene: Scene) -> Mention | None:
    """Who carried the attack out, or None."""
    found = None
    if is_nominal(tok):
        found = modifier_agent(tok, ctx) or _after_by(tok, ctx, scene) or _from_agent(tok, ctx)
        found = found or _blamed(tok, ctx)
        verb = support_verb(tok, ctx.lex)
        if found is None and verb is not None:
            found = _subject_agent(verb, ctx, scene)
    else:
        found = _subject_agent(tok, ctx, scene)
    if found is not None and found.cls in AGENT_CLASSES and found.kind != "place":
        return found
    return None
