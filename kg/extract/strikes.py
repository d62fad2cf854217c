"""Strikes: one node per attack an article reports, with every argument and every sentence behind it.

First every attack mention is read with its own arguments (:mod:`kg.extract.strike_args`,
:mod:`kg.extract.strike_agents`, :mod:`kg.extract.strike_where`);
mentions of an attack that did not happen as told (planned, threatened, denied, negated,
habitual) are dropped. Then mentions are grouped: two mentions are one attack when nothing
they say conflicts (attacker, place, day, weapon) and something ties them (the same sentence,
the same attacker and place or day, or a definite "the strike" told after it). Each group
becomes one Strike, with one provenance record per sentence that tells of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.dates import date_facts
from kg.extract.evidence import make_evidence as _make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.strike_agents import Scene, find_attacker
from kg.extract.strike_args import (
    Arg,
    StrikeMention,
    fatalities,
    is_concrete,
    is_definite,
    munitions,
    other_sense,
    read_when,
    refine_weapon,
    trigger_words,
    weapon_of,
)
from kg.extract.strike_where import where_args
from kg.extract.syntax import clause_verb, happened
from kg.model import EntityRef, EventRef, Evidence, Fact, Mention, Value
from kg.nlp import words

SINGLE_VALUED = frozenset({"fatalities", "fatalitiesQualifier", "munitionCount"})
GENERIC_BOMB = "bomb"  # the weapon of "explosion", "blast": any explosive


def _conjoined(m: Mention, tok: Token, ctx: Context) -> list[str]:
    """Agents conjoined with a mention in the attack's clause ("the United States and Britain"); not
    those listed with a name a relative pronoun stands for ("clients included X, who killed Y, and Z")."""
    ms = ctx.mentions
    verb = clause_verb(tok)
    if not (verb.left_edge.i <= m.start <= verb.right_edge.i or tok.left_edge.i <= m.start <= tok.right_edge.i):
        return []
    out, todo = [], [ms.doc[m.start : m.end].root]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj":
                todo.append(c)
                x = ms.at(c.i)
                if x is not None and x.label != m.label and x.cls in ("Organization", "Actor"):
                    out.append(x.label)
    return out


def _counts(tok: Token, lex: Lexicon) -> list[Arg]:
    args = []
    if (fat := fatalities(tok, lex)) is not None:
        n, qual, t = fat
        args.append(Arg("fatalities", str(n), t, "strike-fatalities", "integer"))
        if qual:
            args.append(Arg("fatalitiesQualifier", qual, t, "strike-fatalities"))
    if (mun := munitions(tok, lex)) is not None:
        args.append(Arg("munitionCount", str(mun[0]), mun[1], "strike-munitions", "integer"))
    return args


def read_mention(tok: Token, k: int, ctx: Context, scene: Scene) -> StrikeMention | None:
    """The attack mention at ``tok``, or None when it is no attack or did not happen as told."""
    weapon = weapon_of(tok, ctx.lex)
    if weapon is None or other_sense(tok, ctx.lex) or _purpose(tok, ctx.lex) or not happened(tok, ctx.lex):
        return None
    weapon = refine_weapon(tok, weapon, ctx.lex)
    attacker = find_attacker(tok, ctx, scene)
    # "the army killed 13 protesters" is an attack, "the flood killed 30" is not; "six were killed at X"
    # just after an attack tells of that attack
    dependent = attacker is None and tok.lemma_.lower() in ctx.lex.wordset("attack_kill_verbs")
    if dependent and not any(c.dep_ == "nsubjpass" for c in tok.children):
        return None
    attackers = (attacker.label, *_conjoined(attacker, tok, ctx)) if attacker is not None else ()
    args = tuple(where_args(tok, ctx) + _counts(tok, ctx.lex))
    when, definite = read_when(tok, ctx), is_definite(tok, ctx.lex)
    concrete = is_concrete(tok, weapon, ctx.lex) and not dependent
    return StrikeMention(tok, k, weapon, attackers, args, when, definite, concrete, dependent)


def _purpose(tok: Token, lex: Lexicon) -> bool:
    """ "planted a device to target security forces": an attack verb in the infinitive is an aim.
    A verb of aspect above it tells it as done ("began to explode")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.wordset("aspect_verbs"))


def collect_mentions(ctx: Context) -> list[StrikeMention]:
    """Every attack mention of the Doc, in text order."""
    doc, lex = ctx.doc, ctx.lex
    speakers = {s.sent_start: s.speaker for s in ctx.said}
    triggers = trigger_words(lex)
    lower, lemma = words(doc)
    out: list[StrikeMention] = []
    named = {m.label: m for m in reversed(ctx.mentions.items)}  # each label's first mention
    recent: tuple[int, Mention | None] = (-9, None)  # the attacker of the last attack told, and where
    for k, sent in enumerate(doc.sents):
        speaker = speakers.get(sent.start)
        for i in range(sent.start, sent.end):
            if lower[i] in triggers or lemma[i] in triggers or lower[i][:-1] in triggers:
                # "they" may stand for the attacker of an attack told in this or the previous sentence
                found = read_mention(doc[i], k, ctx, Scene(speaker, recent[1] if k - recent[0] <= 1 else None))
                if found is not None:
                    out.append(_same_time(found, out, lex))
                    if found.attackers:
                        recent = (k, named.get(found.attackers[0]))
    return out


def _same_time(m: StrikeMention, before: list[StrikeMention], lex: Lexicon) -> StrikeMention:
    """ "At the same time, Hezbollah launched...": the day of the attack told just before."""
    if m.when is not None or not before or before[-1].when is None:
        return m
    low = m.trigger.sent.text.lower()
    if any(cue in low for cue in lex.words["same_time_cues"]):
        return replace(m, when=before[-1].when)
    return m


# ---------------------------------------------------------------- grouping


@dataclass
class _Group:
    mentions: list[StrikeMention] = field(default_factory=list)

    def values(self, pred: str) -> set[str]:
        return {v for m in self.mentions for v in m.values(pred)}

    @property
    def attackers(self) -> set[str]:
        return {a for m in self.mentions for a in m.attackers}

    @property
    def when(self):
        return next((m.when for m in self.mentions if m.when is not None), None)

    @property
    def weapon(self) -> str:
        """The most specific weapon told: "car bomb" over "bomb"."""
        told = [m.weapon for m in self.mentions if m.weapon]
        return next((w for w in told if w != GENERIC_BOMB), told[0] if told else "")


def _same_side(a: set[str], b: set[str], lex: Lexicon) -> bool:
    """A state and its army (or government) are one attacker."""

    def side(label: str) -> str:
        e = lex.entities.get(label)
        return e.country if e is not None and e.kind in ("army", "government") and e.country else label

    return bool({side(x) for x in a} & {side(y) for y in b})


def _conflicts(g: _Group, m: StrikeMention, lex: Lexicon, by_place: bool = True) -> bool:
    if m.attackers and g.attackers and not _same_side(set(m.attackers), g.attackers, lex):
        return True
    w = g.when
    if m.when is not None and w is not None and (m.when.end < w.start or w.end < m.when.start):
        return True
    here, there = m.values("location"), g.values("location")
    if by_place and here and there and not here & there:
        return True
    return not (m.definite or _same_weapon(m.weapon, g.weapon, lex))


def _same_weapon(a: str, b: str, lex: Lexicon) -> bool:
    """ "a roadside bomb went off": a bomb and an IED are one weapon, told more or less exactly."""
    if not a or not b or a == b:
        return True
    explosives = lex.wordset("explosive_weapons")
    return GENERIC_BOMB in (a, b) and a in explosives and b in explosives


def _tied(g: _Group, m: StrikeMention, lex: Lexicon) -> bool:
    """Something says the two tell of one attack."""
    last = g.mentions[-1]
    if m.sent == last.sent or m.definite:
        return True
    shared = bool(m.values("location") & g.values("location") or m.values("target") & g.values("target"))
    if not m.attackers:
        return shared
    same_day = m.when is not None and g.when is not None
    return _same_side(set(m.attackers), g.attackers, lex) and (shared or same_day or m.sent - last.sent <= 1)


def group_mentions(mentions: list[StrikeMention], lex: Lexicon) -> list[_Group]:
    """Group the mentions of one attack; the most recent fitting group wins."""
    groups: list[_Group] = []
    for m in mentions:
        if m.dependent:  # only ever the attack told just before
            last = groups[-1] if groups else None
            # a place inside the attack's own ("at Oxford St", of a bombing across the city) is no conflict
            ok = last is not None and m.sent - last.mentions[-1].sent <= 1 and not _conflicts(last, m, lex, False)
            home = last if ok else None
        else:
            home = next((g for g in reversed(groups) if not _conflicts(g, m, lex) and _tied(g, m, lex)), None)
        if home is not None:
            home.mentions.append(m)
        elif (m.attackers or m.weapon or m.concrete) and not m.dependent:
            groups.append(_Group([m]))
    # an attack by an unknown hand stands on its own only when told as one concrete attack with a place or target
    return [g for g in groups if g.attackers or _unclaimed(g)]


def _unclaimed(g: _Group) -> bool:
    """An attack whose attacker is not named: a concrete attack, and where it hit or what it aimed at."""
    return any(m.concrete for m in g.mentions) and bool(g.values("location") | g.values("target"))


# ---------------------------------------------------------------- writing


def _label(g: _Group) -> str:
    """ "Israel airstrike (over the weekend)", else "... in Beirut", else by sentence."""
    who = sorted(g.mentions[0].attackers or g.attackers or {""})[0]
    head = f"{who} {g.weapon or 'attack'}".strip()
    if not who:
        head = head[:1].upper() + head[1:]  # "Car bomb in Mogadishu": an attack by an unnamed hand
    if g.when is not None:
        return f"{head} ({g.when.text})"
    places = sorted(g.values("location"))
    return f"{head} in {places[0]}" if places else f"{head} (sentence {g.mentions[0].sent + 1})"


def _group_facts(g: _Group, aid: str) -> Iterator[Fact]:
    first = g.mentions[0]
    made: dict[tuple[int, str], Evidence] = {}

    def make_evidence(aid: str, tok: Token, rule: str) -> Evidence:
        """One record per token and rule: the arguments of a mention share their trigger's."""
        key = (tok.i, rule)
        if key not in made:
            made[key] = _make_evidence(aid, tok, rule)
        return made[key]

    ref = EventRef("Strike", (aid, str(first.trigger.idx)))
    seen: set[tuple[str, str, int]] = set()
    single: set[str] = set()
    weapon = g.weapon
    for m in g.mentions:
        rule = "strike-trigger" if m is first or not m.definite else "strike-anaphor"
        ev = make_evidence(aid, m.trigger, rule)
        if ("type", "", m.sent) not in seen:
            seen.add(("type", "", m.sent))
            yield Fact(ref, "type", Value("Strike"), ev)
        for a in m.attackers:
            yield Fact(ref, "attacker", EntityRef(a), ev)
        if m.weapon == weapon and weapon and "weapon" not in single:
            single.add("weapon")
            yield Fact(ref, "weapon", Value(weapon), ev)
        for arg in m.args:
            if arg.pred in single or (arg.pred, arg.obj, m.sent) in seen:
                continue
            seen.add((arg.pred, arg.obj, m.sent))
            if arg.pred in SINGLE_VALUED and arg.pred != "fatalitiesQualifier":
                single.add(arg.pred)
            aev = make_evidence(aid, arg.token, arg.rule)
            obj = Value(arg.obj, arg.datatype) if arg.datatype or arg.pred in _LITERAL else EntityRef(arg.obj)
            yield Fact(ref, arg.pred, obj, aev)
            if arg.pred == "location" or (arg.pred == "target" and arg.rule == "strike-target"):
                yield Fact(EntityRef(arg.obj), "type", Value("Place"), aev)
        if m.when is not None and "date" not in single:
            single.add("date")
            yield from date_facts(ref, m.when, make_evidence(aid, m.trigger, "date-phrase"))
    yield Fact(ref, "label", Value(_label(g)), make_evidence(aid, first.trigger, "strike-trigger"))


_LITERAL = frozenset({"fatalitiesQualifier"})


def extract_strikes(ctx: Context) -> Iterator[Fact]:
    """Yield the facts of each Strike the Doc reports, one Strike per attack.

    Args:
        ctx: the article's context; ``ctx.said`` tells who speaks in a sentence, so that "it"
            in "the army said it struck" is the army.
    """
    for g in group_mentions(collect_mentions(ctx), ctx.lex):
        yield from _group_facts(g, ctx.article.id)
