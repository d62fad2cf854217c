"""One attack mention and its arguments, each read from the mention's own clause.

A mention is an attack noun or verb told as having happened (:func:`kg.extract.syntax.happened`).
Its attacker is the subject of the attack verb, the agent of a passive, a possessive or modifier
of the attack noun, or the subject of a verb that carries the attack out ("launched airstrikes");
never the subject of another verb ("the UN condemned the attack"). Target and place come from
the trigger's objects and prepositional phrases; fatalities from a kill verb in the same clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.context import Context, Role
from kg.extract.coref import resolve
from kg.extract.dates import When, date_in
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.syntax import MODIFIER_DEPS, clause_verb, number_of, qualifier_of
from kg.model import Mention

AGENT_CLASSES = ("Organization", "Actor")
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# links that leave the trigger's clause: a place found across them belongs to another event
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})


@dataclass(frozen=True)
class Arg:
    """One argument of a mention: predicate, entity label or literal, the token its evidence hangs on."""

    pred: str
    obj: str
    token: Token
    rule: str
    datatype: str = ""  # "" for an entity label


@dataclass(frozen=True)
class StrikeMention:
    """One told attack, before mentions of the same attack are grouped."""

    trigger: Token
    sent: int
    weapon: str  # "" when the words name no weapon
    attackers: tuple[str, ...]
    args: tuple[Arg, ...]
    when: When | None
    definite: bool  # "the strike", "this attack", "it was an attack": likely told before

    def values(self, pred: str) -> set[str]:
        return {a.obj for a in self.args if a.pred == pred}


def trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every form or lemma :func:`weapon_of` may accept: other tokens need no closer look."""
    return frozenset(
        {k.split()[-1] for k in lex.words["strike_nouns"]}
        | set(lex.words["munition_nouns"])
        | set(lex.words["strike_verbs"])
        | {"fire", "barrage", "salvo"}
    )


def _pair_weapon(tok: Token, table: dict) -> str | None:
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            for pair in (f"{c.lower_} {tok.lower_}", f"{c.lemma_.lower()} {tok.lemma_.lower()}"):
                if pair in table:
                    return table[pair]
    return None


def _noun_weapon(tok: Token, lex: Lexicon) -> str | None:
    nouns, mods, munitions = lex.words["strike_nouns"], lex.words["weapon_modifiers"], lex.words["munition_nouns"]
    lemma = tok.lemma_.lower()
    if (pair := _pair_weapon(tok, nouns)) is not None:
        return pair
    if lemma in munitions and not (tok.tag_ == "VBG" and tok.lower_ in nouns):
        # "Russia fired 38 missiles": the munitions are the attack; a missile alone is not
        launch = tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("fire", "launch", "lob", "shoot")
        launch = launch or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")  # "killed by Russian drones"
        return munitions[lemma] if launch else None
    # a capitalised plural the tagger took for a name keeps its "s" in the lemma: "Airstrikes were"
    kind = nouns.get(lemma, nouns.get(tok.lower_, nouns.get(tok.lower_[:-1]) if tok.lower_.endswith("s") else None))
    if kind is None and lemma not in ("fire", "barrage", "salvo"):
        return None
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods:
            return mods[c.lemma_.lower()]
    return kind if lemma != "fire" else None


def _verb_weapon(tok: Token, lex: Lexicon) -> str | None:
    kind = lex.words["strike_verbs"].get(tok.lemma_.lower())
    if kind is None:
        return None
    objects = lex.wordset("not_attack_objects")
    if any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in tok.children):
        return None  # "strike a deal", "hit a record"
    if any(c.dep_ == "prt" and c.lower_ in ("down", "back") for c in tok.children):
        return None  # "shot down a drone", "hit back at critics"
    if kind == "bomb":
        # "a car bomb exploded", "detonated a device": only a bomb explodes as an attack
        return refine_weapon(tok, "", lex) or None
    return kind


def is_nominal(tok: Token) -> bool:
    """A noun, or a gerund the tagger calls a verb where a noun stands ("RSF shelling killed")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def weapon_of(tok: Token, lex: Lexicon) -> str | None:
    """The weapon an attack trigger names ("" for none), or None when ``tok`` is no trigger."""
    if is_nominal(tok):
        return _noun_weapon(tok, lex)
    if tok.pos_ == "VERB":
        return _verb_weapon(tok, lex)
    return None


def refine_weapon(trigger: Token, weapon: str, lex: Lexicon) -> str:
    """ "A Ukrainian drone struck", "hit by Russian missiles": the weapon is in the subject or agent."""
    if is_nominal(trigger):
        return weapon
    platforms = lex.words["platform_nouns"]
    for c in trigger.children:
        heads = [c] if c.dep_ in ("nsubj", "nsubjpass", "dobj") else []
        if c.dep_ == "agent":
            heads = [g for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            found = _pair_weapon(h, platforms) or platforms.get(h.lemma_.lower())
            if found:
                return found
    return weapon


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


def is_definite(tok: Token, lex: Lexicon) -> bool:
    """ "the strike", "this attack", "it was an attack on X": an attack likely told before."""
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subj) and subj[0].lower_ in lex.wordset("anaphor_event_words")
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children)


def read_when(tok: Token, ctx: Context) -> When | None:
    """The day of the attack: a date in its sentence, not one hung on a speech verb."""
    anchor = clause_verb(tok)
    return date_in(tok.sent, anchor, ctx.article.published, ctx.lex.wordset("speech_verbs"))


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


def _count(num: Token, lex: Lexicon) -> tuple[int, str] | None:
    n = number_of(num, lex)
    return None if n is None else (n, qualifier_of(num, lex))


def _victim_number(verb: Token, lex: Lexicon) -> tuple[int, str, Token] | None:
    victims = lex.wordset("victim_nouns")
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            num = c if c.like_num else next((g for g in c.children if g.dep_ == "nummod"), None)
            if num is None and c.text in victims:
                num = next((g for g in c.subtree if g.like_num), None)
            if num is not None and (found := _count(num, lex)) is not None:
                return found[0], found[1], verb
    return None


def _own_kill(kill: Token, scope: set[int]) -> bool:
    """A kill verb inside the attack's clause without a subject of its own ("..., killing 12"),
    not "while a flood killed 30"."""
    return kill.i in scope and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that") for c in kill.children
    )


def fatalities(trigger: Token, lex: Lexicon) -> tuple[int, str, Token] | None:
    """People killed, from a kill verb or death word in this attack's clause only."""
    verb = clause_verb(trigger)
    kill, deaths = lex.wordset("kill_verbs"), lex.wordset("death_words")
    scope = {t.i for t in verb.subtree} | {t.i for t in trigger.subtree}
    for t in trigger.sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in kill and (trigger in t.subtree or _own_kill(t, scope)):
            if (found := _victim_number(t, lex)) is not None:
                return found
        if t.lower_ in deaths and t.i in scope and t.pos_ != "VERB":
            num = next((g for g in t.doc[max(trigger.sent.start, t.i - 4) : t.i] if g.like_num), None)
            if num is not None and (counted := _count(num, lex)) is not None:
                return counted[0], counted[1], t
    return None


def munitions(trigger: Token, lex: Lexicon) -> tuple[int, Token] | None:
    """ "fired 40 drones": a number on a munition noun that is the trigger or in its clause."""
    verb = clause_verb(trigger)
    for t in verb.subtree:
        if t.dep_ == "nummod" and t.head.lemma_.lower() in lex.words["munition_nouns"]:
            if (n := number_of(t, lex)) is not None:
                return n, t
    return None
