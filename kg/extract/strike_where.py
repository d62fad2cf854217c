"""Where an attack hit and what it was aimed at, read from the attack mention's own clause.

Target and location come from the trigger's objects and prepositional phrases (and those of the
verb that carries it out); a place elsewhere in the clause counts only when the clause is about
the attack. A named facility an attack is aimed at is its target and a :class:`kg:Place`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.context import Context
from kg.extract.mentions import Mentions
from kg.extract.strike_agents import AGENT_CLASSES, support_verb
from kg.extract.strike_args import Arg, is_nominal
from kg.extract.syntax import clause_verb
from kg.model import Mention

# links that leave the trigger's clause: a place found across them belongs to another event
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})


def is_facility(m: Mention, doc: Doc, facilities: frozenset[str]) -> bool:
    """A named building or site: "Camp Shorabak", "the Murrah Federal Building"."""
    span = doc[m.start : m.end]
    return any(t.lemma_.lower() in facilities for t in span)


def _places_and_agents(tok: Token, ms: Mentions) -> tuple[list[Mention], list[Mention]]:
    found = [m for m in ms.in_span(tok.left_edge.i, tok.right_edge.i + 1) if m.cls != "Resolution"]
    # a modifier ("Iran-backed", "Russia's") is not where the strike hit, unless nothing else is
    heads = [m for m in found if tok.doc[m.start : m.end].root.dep_ in ("pobj", "dobj", "conj", "appos", "nsubjpass")]
    places = [m for m in found if m.cls == "Place" and m.kind != "state"]
    places += [m for m in heads if m.kind == "state"] + [m for m in found if m.cls == "Place" and m.kind == "state"]
    agents = [m for m in found if m.cls in AGENT_CLASSES and m.kind not in ("state", "place")]
    return places, agents


def place_or_target(tok: Token, prep: str, ctx: Context, anchor: Token) -> list[Arg]:
    """The target and location a prepositional object or verb object names.

    An organization or person after "on", "against", "at", "targeting" is a target; so is a named
    facility ("an attack on Camp X"); other places after a locative preposition are the location.
    """
    places, agents = _places_and_agents(tok, ctx.mentions)
    aims = prep in ctx.lex.wordset("target_preps")
    out: list[Arg] = []
    if aims and agents:
        out.append(Arg("target", agents[0].label, anchor, "strike-trigger"))
    facilities = [m for m in places if is_facility(m, ctx.doc, ctx.lex.wordset("facility_nouns"))]
    if aims and facilities:
        out.append(Arg("target", facilities[0].label, anchor, "strike-target"))
    rest = [m for m in places if m not in facilities] or ([] if aims else facilities)
    if rest and prep in ctx.lex.wordset("locative_preps"):
        out.append(Arg("location", rest[0].label, anchor, "strike-trigger"))
    return out


def clause_places(verb: Token, trigger: Token, ms: Mentions) -> list[Mention]:
    """Places named after the trigger inside the verb's own clause (not in a reported or relative one)."""
    out = []
    for m in ms.in_span(trigger.i + 1, verb.sent.end):
        if m.cls != "Place" or m.kind == "state":
            continue
        t = ms.doc[m.start : m.end].root
        ok = False
        for _ in range(8):
            if t.i == verb.i:
                ok = True
                break
            if t.dep_ in OTHER_CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ == "VERB") or t.head.i == t.i:
                break
            t = t.head
        if ok:
            out.append(m)
    return out


def where_args(tok: Token, ctx: Context) -> list[Arg]:
    """Target and location from the trigger's (and its carrying verb's) objects and phrases."""
    holders = [tok]
    if (verb := support_verb(tok, ctx.lex)) is not None:
        holders.append(verb)  # "launched airstrikes on X"
    args: list[Arg] = []
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        args += place_or_target(g, c.lower_, ctx, tok)
            elif c.dep_ in ("dobj", "nsubjpass") and h.i == tok.i and not is_nominal(tok):
                args += place_or_target(c, "on", ctx, tok)
            elif c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.words["strike_verbs"]:
                for g in c.children:
                    if g.dep_ == "dobj":  # "a strike targeting a school"
                        args += place_or_target(g, "on", ctx, tok)
    verb = clause_verb(tok)
    # the clause is about the attack: its verb, its carrying verb, its subject, or "killed in a strike"
    killed_in = (
        tok.dep_ == "pobj" and tok.head.head.i == verb.i and verb.lemma_.lower() in ctx.lex.wordset("kill_verbs")
    )
    about = verb.i == tok.i or len(holders) > 1 or killed_in
    about = about or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i)
    if about and not any(a.pred == "location" for a in args):
        # "Shelling by the RSF killed 27 people in El Fasher": a place in the same clause
        places = clause_places(verb, tok, ctx.mentions)
        if places:
            args.append(Arg("location", places[0].label, tok, "strike-trigger"))
    return args
