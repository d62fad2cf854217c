"""Where an attack hit and what it was aimed at, read from the attack mention's own clause.

Target and location come from the trigger's objects and prepositional phrases (and those of the
verb that carries it out); a place elsewhere in the clause counts only when the clause is about
the attack. A named facility an attack is aimed at is its target and a :class:`kg:Place`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.context import Context
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.strike_agents import AGENT_CLASSES, support_verb
from kg.extract.strike_args import Arg, is_nominal
from kg.extract.syntax import clause_verb
from kg.model import Mention

# links that leave the trigger's clause: a place found across them belongs to another event
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
PLACE_WINDOW = 10  # sentences back to the place "the city" stands for


def is_facility(m: Mention, doc: Doc, facilities: frozenset[str]) -> bool:
    """A named building or site: "Camp Shorabak", "the Murrah Federal Building"."""
    span = doc[m.start : m.end]
    return any(t.lemma_.lower() in facilities for t in span)


def _is_place(m: Mention, doc: Doc) -> bool:
    # "near the finish line of the Boston Marathon": an event the tagger named is no place
    return m.cls == "Place" and doc[m.start].ent_type_ != "EVENT"


def _places_and_agents(tok: Token, ms: Mentions) -> tuple[list[Mention], list[Mention]]:
    found = [m for m in ms.in_span(tok.left_edge.i, tok.right_edge.i + 1) if m.cls != "Resolution"]
    # a modifier ("Iran-backed", "Russia's") is not where the strike hit, unless nothing else is
    heads = [m for m in found if tok.doc[m.start : m.end].root.dep_ in ("pobj", "dobj", "conj", "appos", "nsubjpass")]
    places = [m for m in found if _is_place(m, tok.doc) and m.kind != "state"]
    places += [m for m in heads if m.kind == "state"] + [m for m in found if m.cls == "Place" and m.kind == "state"]
    agents = [m for m in found if m.cls in AGENT_CLASSES and m.kind not in ("state", "place")]
    return places, agents


def _alongside(first: Mention, others: list[Mention], doc: Doc) -> list[Mention]:
    """ "at Oxford Street and Cavehill Road": the first mention and those conjoined with it."""
    root = doc[first.start : first.end].root
    out = [first]
    for m in others:
        t = doc[m.start : m.end].root
        while t.dep_ == "conj" and t.i != root.i:
            t = t.head
        if t.i == root.i and m.label not in {x.label for x in out}:
            out.append(m)
    return out[:3]


def place_or_target(tok: Token, prep: str, ctx: Context, anchor: Token) -> list[Arg]:
    """The target and location a prepositional object or verb object names.

    An organization or person after "on", "against", "at", "targeting" is a target; so is a named
    facility ("an attack on Camp X"); other places after a locative preposition are the location,
    with those conjoined or apposed to it ("in Helmand Province, Afghanistan").
    """
    doc = ctx.doc
    places, agents = _places_and_agents(tok, ctx.mentions)
    if not places and not agents and (named := described_place(tok, ctx)) is not None:
        places = [named]  # "across the city": the city named before
    aims = prep in ctx.lex.wordset("target_preps") or prep == "of"  # "the assassination of X"
    out: list[Arg] = []
    if aims and agents:
        out += [Arg("target", m.label, anchor, "strike-trigger") for m in _alongside(agents[0], agents[1:], doc)]
    facilities = [m for m in places if is_facility(m, doc, ctx.lex.wordset("facility_nouns"))]
    if aims and facilities:
        out.append(Arg("target", facilities[0].label, anchor, "strike-target"))
    rest = [m for m in places if m not in facilities] or ([] if aims else facilities)
    if rest and (prep in ctx.lex.wordset("locative_preps") or prep == "of"):
        out += [Arg("location", m.label, anchor, "strike-trigger") for m in _alongside(rest[0], rest[1:], doc)]
    return out


def described_place(tok: Token, ctx: Context) -> Mention | None:
    """ "the city", "the capital", "the country": the place of that kind the article last named."""
    kind = ctx.lex.words["place_descriptions"].get(tok.lemma_.lower())
    if kind is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    here = ctx.mentions.sentence(tok.i)
    for m in reversed(ctx.mentions.in_span(0, tok.i)):
        if here - ctx.mentions.sentence(m.start) > PLACE_WINDOW:
            return None
        if (m.kind == "state") == (kind == "state") and (m.cls == "Place" or m.kind == "state"):
            return m
    return None


def _in_clause(t: Token, verb: Token) -> bool:
    """Whether ``t`` hangs on ``verb`` without crossing into another clause; a "when" clause
    tells the circumstances of the same event ("was shot dead when he opened his door in X")."""
    for _ in range(8):
        if t.i == verb.i:
            return True
        when = t.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "when" for c in t.children)
        if (t.dep_ in OTHER_CLAUSE_DEPS and not when) or (t.dep_ == "conj" and t.pos_ == "VERB") or t.head.i == t.i:
            return False
        t = t.head
    return False


def clause_places(verb: Token, trigger: Token, ms: Mentions) -> list[Mention]:
    """Places named after the trigger inside the verb's own clause (not in a reported or relative one);
    a country only when nothing finer is named."""
    found = [
        m
        for m in ms.in_span(trigger.i + 1, verb.sent.end)
        if _is_place(m, ms.doc) and _in_clause(ms.doc[m.start : m.end].root, verb)
    ]
    return [m for m in found if m.kind != "state"] or found[:1]


def _phrases(tok: Token, holders: list[Token], ctx: Context) -> list[Arg]:
    """The trigger's and its carrying verb's prepositional phrases and objects."""
    args: list[Arg] = []
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and (c.lower_ != "of" or (h.i == tok.i and is_nominal(tok))):
                for g in c.children:
                    if g.dep_ == "pobj":
                        args += place_or_target(g, c.lower_, ctx, tok)
            elif c.dep_ in ("dobj", "nsubjpass") and h.i == tok.i and not is_nominal(tok):
                args += _object(c, tok, ctx)
            elif c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.words["strike_verbs"]:
                for g in c.children:
                    if g.dep_ == "dobj":  # "a strike targeting a school"
                        args += place_or_target(g, "on", ctx, tok)
    return args


def _named_place(tok: Token, ctx: Context) -> list[Arg]:
    """ "The Kabul bombing", "the Oklahoma City bombing": a place named before the attack noun."""
    for c in tok.children:
        if c.dep_ in ("compound", "nmod") and c.i < tok.i and (m := ctx.mentions.at(c.i)) is not None:
            if _is_place(m, ctx.doc) and m.kind != "state":
                return [Arg("location", m.label, tok, "strike-trigger")]
    return []


def _hit(tok: Token, ctx: Context) -> list[Arg]:
    """What the attack hit, where the attack is not the verb: "the hotel was destroyed by an
    explosion", "an airstrike hit the hospital", "the hotel came under attack"."""
    lex, head = ctx.lex, tok.head
    impact = lex.wordset("impact_verbs")
    if tok.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in impact:
        verb, dep = head.head, "nsubjpass"
    elif tok.dep_ == "nsubj" and head.lemma_.lower() in impact and head.i != tok.i:
        verb, dep = head, "dobj"
    elif tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() in lex.wordset("exposure_verbs"):
        verb, dep = head.head, "nsubj"  # "came under fire"
    else:
        return []
    return [a for c in verb.children if c.dep_ == dep for a in _object(c, tok, ctx, verb)]


def _object(obj: Token, tok: Token, ctx: Context, verb: Token | None = None) -> list[Arg]:
    """What an attack verb (or the verb an attack is subject of) acts on. Those killed are its
    target only when named ("killed Hezbollah leader X" aims at X, not at Hezbollah)."""
    lemma = (verb or tok).lemma_.lower()
    if lemma in ctx.lex.wordset("kill_verbs") or lemma in ctx.lex.wordset("attack_kill_verbs"):
        m = ctx.mentions.at(obj.i)
        return [Arg("target", m.label, tok, "strike-trigger")] if m is not None and m.cls == "Actor" else []
    return place_or_target(obj, "on", ctx, tok)


def _modified(tok: Token, ctx: Context) -> list[Arg]:
    """ "the alleged killer, X, shot dead by police": a participle tells what happened to what it modifies."""
    passive = tok.tag_ == "VBN" or any(c.dep_ == "agent" for c in tok.children)
    if tok.dep_ != "acl" or not passive or is_nominal(tok):
        return []
    head = tok.head
    names = [head] + [c for c in head.children if c.dep_ == "appos"]
    for t in names:
        m = ctx.mentions.at(t.i)
        if m is not None and m.cls in AGENT_CLASSES:
            return [Arg("target", m.label, tok, "strike-trigger")]
    return place_or_target(head, "on", ctx, tok) if ctx.mentions.at(head.i) is not None else []


def _about(tok: Token, verb: Token, carried: bool, lex: Lexicon) -> bool:
    """The clause is about the attack: the attack is its verb, carried out by its verb, its subject
    with a verb of impact ("the blast killed", "the explosion was at"), or "killed in a strike"."""
    lemma = verb.lemma_.lower()
    killed_in = tok.dep_ == "pobj" and tok.head.head.i == verb.i and lemma in lex.wordset("kill_verbs")
    subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i and lemma in lex.wordset("impact_verbs")
    return verb.i == tok.i or carried or killed_in or subject


def where_args(tok: Token, ctx: Context) -> list[Arg]:
    """Target and location from the trigger's (and its carrying verb's) objects and phrases."""
    holders = [tok]
    if (carrier := support_verb(tok, ctx.lex)) is not None:
        holders.append(carrier)  # "launched airstrikes on X"
    args = _phrases(tok, holders, ctx) + _hit(tok, ctx) + _modified(tok, ctx)
    if is_nominal(tok):
        args += _named_place(tok, ctx)
    verb = clause_verb(tok)
    if _about(tok, verb, carrier is not None, ctx.lex) and not any(a.pred == "location" for a in args):
        # "Shelling by the RSF killed 27 people in El Fasher": a place in the same clause
        places = clause_places(verb, tok, ctx.mentions)
        if places:
            args.append(Arg("location", places[0].label, tok, "strike-trigger"))
    if not any(a.pred == "location" for a in args):
        args += _told_after(tok, ctx)
    return args


def _told_after(tok: Token, ctx: Context) -> list[Arg]:
    """ "the bombing, which killed 12 people in Beledweyne": a relative clause of impact on the attack."""
    impact = ctx.lex.wordset("impact_verbs")
    for c in tok.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in impact:
            places = clause_places(c, c, ctx.mentions)
            if places:
                return [Arg("location", places[0].label, tok, "strike-trigger")]
    return []
