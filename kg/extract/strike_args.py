"""One attack mention: its trigger, the weapon its words name, whether it tells of one attack,
its day, and the numbers its own clause gives.

A mention is an attack noun or verb told as having happened (:func:`kg.extract.syntax.happened`).
Its attacker is read by :mod:`kg.extract.strike_agents`, where it hit by
:mod:`kg.extract.strike_where`; fatalities come from a kill verb in the same clause only.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.dates import When, date_in
from kg.extract.lexicon import Lexicon
from kg.extract.syntax import clause_verb, number_of, qualifier_of
from kg.nlp import words

DEFINITE = frozenset({"the", "this", "that", "these", "those"})


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
    concrete: bool = False  # one attack told as such ("a car bomb exploded"), not a pattern ("frequent attacks")
    dependent: bool = False  # "six were killed at X": only adds to the attack told just before

    def values(self, pred: str) -> set[str]:
        return {a.obj for a in self.args if a.pred == pred}


def trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every form or lemma :func:`weapon_of` may accept: other tokens need no closer look."""
    return frozenset(
        {k.split()[-1] for k in lex.words["strike_nouns"]}
        | set(lex.words["munition_nouns"])
        | set(lex.words["strike_verbs"])
        | lex.wordset("attack_kill_verbs")
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
        # "a bomb ripped through a bus", "two rockets slammed into a house": the munition hit
        launch = launch or (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.wordset("impact_verbs"))
        return munitions[lemma] if launch else None
    # a capitalised plural the tagger took for a name keeps its "s" in the lemma: "Airstrikes were"
    kind = nouns.get(lemma, nouns.get(tok.lower_, nouns.get(tok.lower_[:-1]) if tok.lower_.endswith("s") else None))
    if kind is None and lemma not in ("fire", "barrage", "salvo"):
        return None
    if lemma in lex.wordset("device_nouns") and _handled(tok, lex):
        return None  # "militants use IEDs", "planted an explosive device": a device, not yet an attack
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods:
            return mods[c.lemma_.lower()]
    if lemma == "fire":  # "gunmen opened fire on worshippers", "came under fire"; fire alone is no attack
        opened = tok.dep_ == "dobj" and tok.head.lemma_.lower() == "open"
        under = tok.dep_ == "pobj" and tok.head.lower_ == "under" and _hit_thing(tok.head.head, lex)
        return "gunfire" if opened or under else None
    return kind


def _hit_thing(verb: Token, lex: Lexicon) -> bool:
    """ "The hotel came under fire", "troops came under fire": a building, a place or people, not
    "the minister came under fire from critics"."""
    things = lex.wordset("facility_nouns") | lex.wordset("victim_nouns") | lex.wordset("army_nouns")
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lemma_.lower() in things or subject.lower_ in things or subject.ent_type_ in ("GPE", "LOC", "FAC")


def _handled(tok: Token, lex: Lexicon) -> bool:
    """A device that is the object of a verb other than one that sets it off."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() not in lex.wordset("detonate_verbs")


def _verb_weapon(tok: Token, lex: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in lex.wordset("attack_kill_verbs"):
        return ""  # an attack only when its subject or agent is someone: read_mention checks
    kind = lex.words["strike_verbs"].get(lemma)
    if kind is None:
        return None
    objects = lex.wordset("not_attack_objects")
    if any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in tok.children):
        return None  # "strike a deal", "hit a record"
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    needed = lex.words["verb_particles"].get(lemma)
    if needed is not None:
        # "a bomb went off", "blew himself up", "gunned down": only with the particle
        return _particle_weapon(tok, kind, lex) if needed in particles else None
    if particles & {"down", "back"}:
        return None  # "shot down a drone", "hit back at critics"
    if kind == "bomb":
        # "a car bomb exploded", "detonated a device": only a bomb explodes as an attack
        return refine_weapon(tok, "", lex) or None
    return kind


def _particle_weapon(tok: Token, kind: str, lex: Lexicon) -> str | None:
    if tok.lemma_.lower() == "go":  # "went off": only a bomb goes off as an attack
        return refine_weapon(tok, "", lex) or None
    if any(c.dep_ == "dobj" and c.lower_ in lex.wordset("reflexive_pronouns") for c in tok.children):
        return "suicide bomb"  # "blew himself up"
    return refine_weapon(tok, kind, lex)


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
    platforms, nouns = lex.words["platform_nouns"], lex.words["strike_nouns"]
    for c in trigger.children:
        heads = [c] if c.dep_ in ("nsubj", "nsubjpass", "dobj") else []
        if c.dep_ == "agent":
            heads = [g for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            if h.lower_ in ("that", "which") and trigger.dep_ == "relcl":
                h = trigger.head  # "a device that exploded"
            found = _pair_weapon(h, nouns) or _pair_weapon(h, platforms) or platforms.get(h.lemma_.lower())
            if found:
                return found
    return weapon


def is_concrete(tok: Token, weapon: str, lex: Lexicon) -> bool:
    """One attack told as such: a weapon or a word for one attack ("an ambush", "was assassinated"),
    not a pattern ("numerous bombings", "frequent attacks") nor another sense ("a heart attack")."""
    lemma = tok.lemma_.lower()
    if not weapon and (lemma not in lex.wordset("concrete_attack_words") or not _violent(tok, lex)):
        return False
    pattern, plural = lex.wordset("pattern_quantifiers"), lex.wordset("plural_pattern_modifiers")
    several = tok.tag_ in ("NNS", "NNPS")
    for c in tok.children:
        if c.dep_ in ("amod", "det", "nummod", "compound", "advmod") and c.lower_ in pattern:
            return False
        if several and c.dep_ in ("amod", "advmod") and c.lower_ in plural:
            return False  # "previous attacks in Britain": a history, not one attack
    # "a series of attacks", "a wave of bombings": several attacks told as one pattern
    return not (tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in pattern)


def _violent(tok: Token, lex: Lexicon) -> bool:
    """An attack that names no weapon is one attack when its sentence tells of harm ("five were
    killed in an attack on a market") or it hits a building or people ("a police post was attacked"),
    not "an attack on press freedom"."""
    harm = lex.wordset("kill_verbs") | lex.wordset("harm_words") | lex.wordset("death_words")
    if any(t.lemma_.lower() in harm or t.lower_ in harm for t in tok.sent):
        return True
    things = lex.wordset("facility_nouns") | lex.wordset("victim_nouns")
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ == "pobj" and tok.head.lower_ == "under":  # "the hotel came under attack"
        objects += [c for c in tok.head.head.children if c.dep_ == "nsubj"]
    return any(o.lemma_.lower() in things or o.lower_ in things for o in objects)


def other_sense(tok: Token, lex: Lexicon) -> bool:
    """An explosion or attack that is no attack: "a gas explosion", "detonated accidentally",
    "a heart attack"."""
    other = lex.wordset("not_attack_modifiers")
    return any(c.dep_ in ("amod", "compound", "advmod") and c.lemma_.lower() in other for c in tok.children)


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
    kill, deaths = lex.wordset("kill_verbs"), lex.wordset("death_words")
    sent = trigger.sent
    lower, lemma = words(trigger.doc)
    if not any(lemma[i] in kill or lower[i] in deaths for i in range(sent.start, sent.end)):
        return None  # most sentences tell of no death: no need to walk the parse
    verb = clause_verb(trigger)
    scope = {t.i for t in verb.subtree} | {t.i for t in trigger.subtree}
    for t in sent:
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
    sent, table = trigger.sent, lex.words["munition_nouns"]
    if not any(w in table for w in words(trigger.doc)[1][sent.start : sent.end]):
        return None
    verb = clause_verb(trigger)
    for t in verb.subtree:
        if t.dep_ == "nummod" and t.head.lemma_.lower() in table:
            if (n := number_of(t, lex)) is not None:
                return n, t
    return None
