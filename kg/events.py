"""Stage 4b: events: strikes, proposals and resolutions.

Strikes come from attack nouns and verbs with their attacker, place, target,
date, fatalities and munitions; a later sentence that speaks of "it" or "the
strike" adds to the last strike instead of making a new one. Proposals group
every mention of a deal, plan or truce by its author; resolutions are numbered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.coref import resolve
from kg.dates import When, resolve_date
from kg.evidence import make_evidence
from kg.lexicon import Lexicon
from kg.mentions import Mentions
from kg.model import EntityRef, EventRef, Fact, Mention, Value
from kg.relations import Role

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_YEAR = re.compile(r"^(19|20)\d\d$")


# ---------------------------------------------------------------- helpers


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


def governing_verb(tok: Token, steps: int = 5) -> Token | None:
    """Climb from a noun through prepositions and nouns to the verb it hangs on."""
    t = tok
    for _ in range(steps):
        if t.pos_ in ("VERB", "AUX") and t is not tok:
            return t
        if t.head is t:
            return None
        if t.dep_ in ("nsubj", "nsubjpass") and t is not tok:
            return None
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


def date_in(sent: Span, anchor: Token | None, ref: dt.date | None) -> When | None:
    """The date phrase of a sentence, preferring one attached near ``anchor``."""
    found = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text
        start = ent.start
        # "over the weekend", "on Monday", "in September": keep the preposition as written
        if start > sent.start and sent.doc[start - 1].lower_ in (
            "over",
            "on",
            "in",
            "during",
            "since",
            "last",
            "this",
            "earlier",
            "late",
        ):
            text = sent.doc[start - 1 : ent.end].text
        if ent.end < sent.end - 1 and sent.doc[ent.end].text == "(":
            close = next((t.i for t in sent.doc[ent.end : sent.end] if t.text == ")"), None)
            if close:
                text = sent.doc[start : close + 1].text  # "Monday (November 25)"
        when = resolve_date(text, ref)
        if when is not None:
            dist = abs(ent.root.head.i - anchor.i) if anchor is not None else 0
            found.append((dist, when))
    return min(found, key=lambda x: x[0])[1] if found else None


def date_facts(node: EventRef, when: When, ev) -> Iterator[Fact]:
    if when.is_day:
        yield Fact(node, "date", Value(when.start.isoformat(), "date"), ev)
    else:
        yield Fact(node, "startDate", Value(when.start.isoformat(), "date"), ev)
        yield Fact(node, "endDate", Value(when.end.isoformat(), "date"), ev)
    yield Fact(node, "dateText", Value(when.text), ev)


def _mentions_under(tok: Token, ms: Mentions) -> list[Mention]:
    return ms.in_span(tok.left_edge.i, tok.right_edge.i + 1)


def _modifier_agent(tok: Token, ms: Mentions, lex: Lexicon, roles: list[Role]) -> Mention | None:
    """An agent written as a modifier: "Israeli airstrikes", "its rocket attacks", "Russia's offensive"."""
    for c in sorted(tok.children, key=lambda c: -c.i):
        if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
            m = ms.at(c.i)
            if m is None and c.dep_ == "poss":
                m = resolve(c, ms, lex, roles)
            if m is not None and m.cls in ("Organization", "Actor"):
                return m
    return None


# ---------------------------------------------------------------- strikes


@dataclass
class _Strike:
    ref: EventRef
    facts: list[Fact] = field(default_factory=list)
    when: When | None = None
    has: set[str] = field(default_factory=set)

    def add(self, pred: str, obj, ev) -> None:
        if pred in ("fatalities", "munitionCount", "date", "weapon") and pred in self.has:
            return
        self.has.add(pred)
        self.facts.append(Fact(self.ref, pred, obj, ev))


def _strike_weapon(tok: Token, lex: Lexicon) -> str | None:
    """The weapon kind if ``tok`` is an attack trigger, else None."""
    nouns = lex.words["strike_nouns"]
    mods = lex.words["weapon_modifiers"]
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                pair = f"{c.lower_} {tok.lower_}"
                pair_l = f"{c.lemma_.lower()} {lemma}"
                if pair in nouns or pair_l in nouns:
                    return nouns.get(pair) or nouns[pair_l]
        if lemma in ("fire", "barrage", "salvo") or tok.lower_ in ("fire",):
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods:
                    return mods[c.lemma_.lower()]
            return nouns.get(lemma) if lemma != "fire" else None
        if (
            lemma in nouns
            and lemma not in lex.words["munition_nouns"]
            and lemma not in ("rockets", "missiles", "drones")
        ):
            kind = nouns[lemma]
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods:
                    return mods[c.lemma_.lower()]
            return kind
        return None
    if tok.pos_ == "VERB" and lemma in lex.words["strike_verbs"]:
        # "strike a deal", "hit a record": only attacks on places or groups count
        for c in tok.children:
            if c.dep_ == "dobj" and c.lemma_.lower() in (
                "deal",
                "agreement",
                "record",
                "note",
                "balance",
                "chord",
                "target",
                "high",
                "low",
            ):
                return None
        return lex.words["strike_verbs"][lemma]
    return None


def _is_anaphoric(tok: Token, lex: Lexicon) -> bool:
    """ "it was an attack on X", "the strike killed": about the last strike."""
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = [c for c in tok.head.children if c.dep_ in SUBJECT_DEPS]
        return bool(subj) and subj[0].lower_ in lex.wordset("anaphor_event_words")
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    return bool(dets) and dets[0] in ("the", "this", "that", "these", "those")


def _munition_count(sent: Span, lex: Lexicon) -> tuple[int, Token] | None:
    for t in sent:
        if t.dep_ == "nummod" and t.head.lemma_.lower() in lex.words["munition_nouns"]:
            n = number_of(t, lex)
            if n is not None:
                return n, t
    return None


def _fatalities(sent: Span, lex: Lexicon) -> tuple[int, str, Token] | None:
    kill = lex.wordset("kill_verbs")
    victims = lex.wordset("victim_nouns")
    for t in sent:
        if t.lemma_.lower() in kill and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    num = c if c.like_num else next((g for g in c.children if g.dep_ == "nummod"), None)
                    if num is None and c.text in victims:
                        num = next((g for g in c.subtree if g.like_num), None)
                    if num is not None and (n := number_of(num, lex)) is not None:
                        return n, qualifier_of(num, lex), t
        if t.lower_ in ("dead", "died") and t.i > sent.start:
            num = next((g for g in sent.doc[max(sent.start, t.i - 4) : t.i] if g.like_num), None)
            if num is not None and (n := number_of(num, lex)) is not None:
                return n, qualifier_of(num, lex), t
    return None


def _place_or_target(tok: Token, ms: Mentions, strike: _Strike, ev, lex: Lexicon, prep: str) -> None:
    found = [m for m in _mentions_under(tok, ms) if m.cls != "Resolution"]
    places = [m for m in found if m.cls == "Place" or m.kind in ("state", "place")]
    agents = [m for m in found if m.cls in ("Organization", "Actor") and m.kind not in ("state", "place")]
    if prep in ("on", "against", "targeting", "at") and agents:
        strike.add("target", EntityRef(agents[0].label), ev)
    if places and prep in lex.wordset("locative_preps"):
        strike.add("location", EntityRef(places[0].label), ev)
        strike.facts.append(Fact(EntityRef(places[0].label), "type", Value("Place"), ev))


def _strike_args(
    trigger: Token, strike: _Strike, ms: Mentions, lex: Lexicon, roles: list[Role], aid: str
) -> Mention | None:
    ev = make_evidence(aid, trigger, "strike-trigger")
    attacker = None
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    if trigger.pos_ != "VERB":
        attacker = _modifier_agent(trigger, ms, lex, roles)
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for g in c.children:
                    attacker = attacker or resolve(g, ms, lex, roles)
    holders = [trigger] + ([verb] if verb is not None and verb is not trigger else [])
    if attacker is None and verb is not None:
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        for c in verb.children:
            if c.dep_ == "nsubj" and not passive:
                attacker = resolve(c, ms, lex, roles)
            elif c.dep_ == "agent":
                for g in c.children:
                    attacker = resolve(g, ms, lex, roles) or _modifier_agent(g, ms, lex, roles)
        if attacker is None and verb.dep_ in ("conj", "xcomp"):
            for c in verb.head.children:
                if c.dep_ == "nsubj":
                    attacker = resolve(c, ms, lex, roles)
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        _place_or_target(g, ms, strike, ev, lex, c.lower_)
            elif c.dep_ in ("dobj", "nsubjpass") and h is trigger and trigger.pos_ == "VERB":
                _place_or_target(c, ms, strike, ev, lex, "on")
            elif c.dep_ == "acl" and c.lemma_ in ("target", "hit"):
                for g in c.children:
                    if g.dep_ == "dobj":
                        _place_or_target(g, ms, strike, ev, lex, "on")
    return attacker if attacker is not None and attacker.cls in ("Organization", "Actor") else None


def extract_strikes(
    doc: Doc, ms: Mentions, lex: Lexicon, aid: str, ref: dt.date | None, roles: list[Role]
) -> Iterator[Fact]:
    """Yield the facts of each Strike the Doc reports."""
    strikes: list[_Strike] = []
    last: _Strike | None = None
    same_time = [c for c in lex.words["same_time_cues"]]
    for sent in doc.sents:
        in_sentence: list[_Strike] = []
        low = sent.text.lower()
        for tok in sent:
            weapon = _strike_weapon(tok, lex)
            if weapon is None:
                continue
            if (
                last is not None
                and tok.pos_ != "VERB"
                and _is_anaphoric(tok, lex)
                and _modifier_agent(tok, ms, lex, roles) is None
            ):
                # one strike per reported attack: a later mention adds to it
                _strike_args(tok, last, ms, lex, roles, aid)
                continue
            s = _Strike(EventRef("Strike", (aid, str(tok.idx))))
            attacker = _strike_args(tok, s, ms, lex, roles, aid)
            if attacker is None:
                continue
            if any(x.ref != s.ref and _same_strike(x, s, attacker) for x in in_sentence):
                continue
            ev = make_evidence(aid, tok, "strike-trigger")
            s.facts.insert(0, Fact(s.ref, "type", Value("Strike"), ev))
            s.facts.insert(
                1, Fact(s.ref, "label", Value(f"{attacker.label} {weapon} ({_short_date(sent, tok, ref)})"), ev)
            )
            s.add("attacker", EntityRef(attacker.label), ev)
            s.add("weapon", Value(weapon), ev)
            s.has.add("attacker:" + attacker.label)
            when = date_in(sent, governing_verb(tok) or tok, ref)
            if when is None and last is not None and last.when is not None and any(c in low for c in same_time):
                when = last.when
            if when is not None:
                s.when = when
                for f in date_facts(s.ref, when, make_evidence(aid, tok, "date-phrase")):
                    s.add(f.predicate, f.obj, f.evidence)
            strikes.append(s)
            in_sentence.append(s)
            last = s
        target = in_sentence[0] if in_sentence else None
        if target is None and last is not None and _refers_back(sent, lex):
            target = last
        if target is not None:
            if (fat := _fatalities(sent, lex)) is not None:
                n, qual, t = fat
                ev = make_evidence(aid, t, "strike-fatalities")
                if "fatalities" not in target.has:
                    target.add("fatalities", Value(str(n), "integer"), ev)
                    if qual:
                        target.add("fatalitiesQualifier", Value(qual), ev)
            if (mun := _munition_count(sent, lex)) is not None:
                target.add(
                    "munitionCount", Value(str(mun[0]), "integer"), make_evidence(aid, mun[1], "strike-munitions")
                )
    for s in strikes:
        yield from s.facts


def _short_date(sent: Span, tok: Token, ref) -> str:
    when = date_in(sent, tok, ref)
    return when.text if when else f"sentence at {sent.start_char}"


def _same_strike(a: _Strike, b: _Strike, attacker: Mention) -> bool:
    return ("attacker:" + attacker.label) in a.has


def _refers_back(sent: Span, lex: Lexicon) -> bool:
    subj = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"]
    return bool(subj) and (
        subj[0].lower_ in ("it", "they", "this")
        or any(c.lower_ in ("the", "this", "these") for c in subj[0].children)
        and _strike_weapon(subj[0], lex) is not None
    )
