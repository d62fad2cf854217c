"""Stage 4b: events: strikes, proposals and resolutions.

Strikes come from attack nouns and verbs with their attacker, place, target,
date, fatalities and munitions; a later sentence that speaks of "it" or "the
strike" adds to the last strike instead of making a new one. Proposals group
every mention of a deal, plan or truce by its author; resolutions are numbered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.context import Context, Role
from kg.extract.coref import resolve
from kg.extract.dates import When, date_facts, date_in
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.syntax import MODIFIER_DEPS, SUBJECT_DEPS, governing_verb, number_of, qualifier_of
from kg.model import EntityRef, EventRef, Fact, Mention, Value
from kg.nlp import words

# ---------------------------------------------------------------- helpers


def _mentions_under(tok: Token, ms: Mentions) -> list[Mention]:
    return ms.in_span(tok.left_edge.i, tok.right_edge.i + 1)


def _modifier_agent(tok: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
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


def strike_trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every word (form or lemma) :func:`_strike_weapon` can accept a token for: tokens with
    neither need no closer look. Single-word attack nouns, the last word of two-word ones,
    munitions, attack verbs, and "fire"-like nouns (a few hundred words: cheap once per Doc)."""
    return frozenset(
        {k.split()[-1] for k in lex.words["strike_nouns"]}
        | set(lex.words["munition_nouns"])
        | set(lex.words["strike_verbs"])
        | {"fire", "barrage", "salvo"}
    )


def _strike_weapon(tok: Token, lex: Lexicon) -> str | None:
    """The weapon kind if ``tok`` is an attack trigger, else None."""
    nouns = lex.words["strike_nouns"]
    mods = lex.words["weapon_modifiers"]
    munitions = lex.words["munition_nouns"]
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                for pair in (f"{c.lower_} {tok.lower_}", f"{c.lemma_.lower()} {lemma}"):
                    if pair in nouns:
                        return nouns[pair]
        kind = nouns.get(lemma) or nouns.get(tok.lower_)
        if lemma in munitions:
            # "Russia fired 38 missiles": the munitions are the attack
            launch = tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("fire", "launch", "lob", "shoot")
            return munitions[lemma] if launch else None
        if kind is None and lemma not in ("fire", "barrage", "salvo"):
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods:
                return mods[c.lemma_.lower()]
        return kind if lemma != "fire" else None
    if tok.pos_ == "VERB" and lemma in lex.words["strike_verbs"]:
        if any(c.dep_ == "neg" for c in tok.children) or (
            tok.dep_ == "ccomp" and tok.head.lemma_.lower() in DENIAL_VERBS
        ):
            return None  # "did not strike", "denied that it had targeted": no attack is reported
        # "strike a deal", "hit a record": not attacks
        for c in tok.children:
            if c.dep_ == "dobj" and c.lemma_.lower() in NOT_ATTACK_OBJECTS:
                return None
        return lex.words["strike_verbs"][lemma]
    return None


DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute"})
NOT_ATTACK_OBJECTS = frozenset(
    {"deal", "agreement", "record", "note", "balance", "chord", "high", "low", "tone", "bargain", "pose"}
)


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


@dataclass
class _Strike:
    ref: EventRef
    sent: int
    facts: list[Fact] = field(default_factory=list)
    when: When | None = None
    attacker: str = ""
    seen: set[tuple[str, object]] = field(default_factory=set)
    label: tuple[str, object] = ("", None)  # text and evidence

    def add(self, pred: str, obj, ev) -> None:
        if (pred, obj) in self.seen or (pred in SINGLE_VALUED and any(p == pred for p, _ in self.seen)):
            return
        self.seen.add((pred, obj))
        self.facts.append(Fact(self.ref, pred, obj, ev))

    def values(self, pred: str) -> set:
        return {o for p, o in self.seen if p == pred}


SINGLE_VALUED = frozenset(
    {"fatalities", "fatalitiesQualifier", "munitionCount", "date", "startDate", "endDate", "dateText", "weapon"}
)


def _place_or_target(tok: Token, ms: Mentions, strike: _Strike, ev, prep: str) -> None:
    found = [m for m in _mentions_under(tok, ms) if m.cls != "Resolution"]
    # a modifier ("Iran-backed", "Russia's") is not where the strike hit, unless nothing else is
    heads = [m for m in found if tok.doc[m.start : m.end].root.dep_ in ("pobj", "dobj", "conj", "appos", "nsubjpass")]
    places = [m for m in found if m.cls == "Place" and m.kind != "state"]
    places += [m for m in heads if m.kind == "state"] + [m for m in found if m.cls == "Place" and m.kind == "state"]
    agents = [m for m in found if m.cls in ("Organization", "Actor") and m.kind not in ("state", "place")]
    if prep in ("on", "against", "targeting", "at") and agents:
        strike.add("target", EntityRef(agents[0].label), ev)
    if places and prep in LOCATIVE:
        strike.add("location", EntityRef(places[0].label), ev)
        strike.facts.append(Fact(EntityRef(places[0].label), "type", Value("Place"), ev))


LOCATIVE = frozenset(
    {
        "in",
        "on",
        "at",
        "across",
        "near",
        "into",
        "around",
        "outside",
        "inside",
        "over",
        "throughout",
        "along",
        "off",
        "onto",
        "within",
        "toward",
        "towards",
        "against",
        "targeting",
    }
)


def _after_by(tok: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    """The agent after "by": the parse first, else the first agent named in the next few words."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            for g in c.children:
                if (m := resolve(g, ms, lex, roles) or _modifier_agent(g, ms, lex, roles)) is not None:
                    return m
            for k in range(c.i + 1, min(c.i + 6, len(tok.doc))):
                backed = k + 2 < len(tok.doc) and tok.doc[k + 1].text == "-"
                if (m := ms.at(k)) is not None and m.cls in ("Organization", "Actor") and not backed:
                    return m
    return None


def _subject_agent(
    verb: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...], speaker: Mention | None = None
) -> Mention | None:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "nsubj" and not passive:
            # "The Israeli military said it had struck": "it" is the speaker
            return resolve(c, ms, lex, roles, speaker) or _modifier_agent(c, ms, lex, roles)
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None  # a subject we cannot resolve is not someone else's
    found = _after_by(verb, ms, lex, roles)
    if found is None and verb.dep_ in ("conj", "xcomp") and verb.head.lemma_.lower() not in lex.wordset("speech_verbs"):
        return _subject_agent(verb.head, ms, lex, roles, speaker)
    return found


def _refine_weapon(trigger: Token, weapon: str, lex: Lexicon) -> str:
    """ "A Ukrainian drone struck", "hit by Russian missiles": the weapon is in the subject or agent."""
    if trigger.pos_ != "VERB":
        return weapon
    platforms = lex.words["platform_nouns"]
    for c in trigger.children:
        heads = [c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "agent" else []
        for h in heads:
            if h.lemma_.lower() in platforms:
                return platforms[h.lemma_.lower()]
    return weapon


def _strike_args(
    trigger: Token,
    strike: _Strike,
    ms: Mentions,
    lex: Lexicon,
    roles: tuple[Role, ...],
    aid: str,
    speaker: Mention | None = None,
    rule: str = "strike-trigger",
) -> Mention | None:
    ev = make_evidence(aid, trigger, rule)
    attacker = None
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    if trigger.pos_ != "VERB":
        attacker = _modifier_agent(trigger, ms, lex, roles) or _after_by(trigger, ms, lex, roles)
    if attacker is None and verb is not None:
        attacker = _subject_agent(verb, ms, lex, roles, speaker)
    holders = [trigger] + ([verb] if verb is not None and verb is not trigger else [])
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        _place_or_target(g, ms, strike, ev, c.lower_)
            elif c.dep_ in ("dobj", "nsubjpass") and h is trigger and trigger.pos_ == "VERB":
                _place_or_target(c, ms, strike, ev, "on")
            elif c.dep_ == "acl" and c.lemma_ in ("target", "hit"):
                for g in c.children:
                    if g.dep_ == "dobj":
                        _place_or_target(g, ms, strike, ev, "on")
    if not strike.values("location"):
        # "Shelling by the RSF killed 27 people in El Fasher": the first place named after the attack
        sent = trigger.sent
        later = [m for m in ms.in_span(trigger.i + 1, sent.end) if m.cls == "Place" and m.kind != "state"]
        if later:
            strike.add("location", EntityRef(later[0].label), ev)
    if attacker is not None and attacker.cls in ("Organization", "Actor") and attacker.kind != "place":
        return attacker
    return None


def _conjoined(m: Mention, ms: Mentions) -> list[Mention]:
    """Agents conjoined with a mention ("the United States and Britain")."""
    root = ms.doc[m.start : m.end].root
    found = (ms.at(t.i) for t in _conjuncts(root))
    return [x for x in found if x is not None and x.label != m.label and x.cls in ("Organization", "Actor")]


def _conjuncts(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ == "conj":
            yield c
            yield from _conjuncts(c)


def _mergeable(last: _Strike | None, new: _Strike, sent_index: int) -> bool:
    """A strike told again in the next sentence by the same attacker is the same strike."""
    if last is None or last.attacker != new.attacker or sent_index - last.sent > 1:
        return False
    for pred in ("location", "date", "startDate"):
        a, b = last.values(pred), new.values(pred)
        if a and b and not a & b:
            return False
    return True


def extract_strikes(ctx: Context) -> Iterator[Fact]:
    """Yield the facts of each Strike the Doc reports, one Strike per reported attack.

    Args:
        speakers: who speaks in a sentence (by its first token), so that "it"
            in "the army said it struck" is the army.
    """
    doc, ms, lex, aid, ref, roles = ctx.doc, ctx.mentions, ctx.lex, ctx.article.id, ctx.article.published, ctx.roles
    speakers = {s.sent_start: s.speaker for s in ctx.said}
    speakers = speakers or {}
    strikes: list[_Strike] = []
    last: _Strike | None = None
    same_time = lex.words["same_time_cues"]
    triggers = strike_trigger_words(lex)
    lower, lemma = words(doc)
    for k, sent in enumerate(doc.sents):
        in_sentence: list[_Strike] = []
        low = sent.text.lower()
        speaker = speakers.get(sent.start)
        for i in range(sent.start, sent.end):
            if lower[i] not in triggers and lemma[i] not in triggers:
                continue
            tok = doc[i]
            weapon = _strike_weapon(tok, lex)
            if weapon is None:
                continue
            weapon = _refine_weapon(tok, weapon, lex)
            if (
                last is not None
                and tok.pos_ != "VERB"
                and _is_anaphoric(tok, lex)
                and _modifier_agent(tok, ms, lex, roles) is None
            ):
                _strike_args(tok, last, ms, lex, roles, aid, rule="strike-anaphor")  # "it was an attack on X"
                continue
            s = _Strike(EventRef("Strike", (aid, str(tok.idx))), k)
            attacker = _strike_args(tok, s, ms, lex, roles, aid, speaker)
            if attacker is None:
                continue
            same = next((x for x in in_sentence if x.attacker == attacker.label), None)
            if same is not None:  # "warplanes carried out airstrikes on X": one attack, told twice
                for f in s.facts:
                    same.add(f.predicate, f.obj, f.evidence)
                continue
            s.attacker = attacker.label
            ev = make_evidence(aid, tok, "strike-trigger")
            when = date_in(sent, governing_verb(tok) or tok, ref)
            if when is None and last is not None and last.when is not None and any(c in low for c in same_time):
                when = last.when  # "at the same time"
            if when is not None:
                s.when = when
                for f in date_facts(s.ref, when, make_evidence(aid, tok, "date-phrase")):
                    s.add(f.predicate, f.obj, f.evidence)
            s.add("attacker", EntityRef(attacker.label), ev)
            for other in _conjoined(attacker, ms):  # "Russian and Syrian warplanes", "the US and Britain"
                s.add("attacker", EntityRef(other.label), ev)
            s.add("weapon", Value(weapon), ev)
            if _mergeable(last, s, k):
                for f in s.facts:
                    last.add(f.predicate, f.obj, f.evidence)
                in_sentence.append(last)
                continue
            s.facts.insert(0, Fact(s.ref, "type", Value("Strike"), ev))
            s.label = (f"{attacker.label} {weapon}", ev)
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
                if not target.values("fatalities"):
                    target.add("fatalities", Value(str(n), "integer"), ev)
                    if qual:
                        target.add("fatalitiesQualifier", Value(qual), ev)
            if (mun := _munition_count(sent, lex)) is not None:
                target.add(
                    "munitionCount", Value(str(mun[0]), "integer"), make_evidence(aid, mun[1], "strike-munitions")
                )
    for s in strikes:
        yield from s.facts
        yield Fact(s.ref, "label", Value(_strike_label(s)), s.label[1])


def _strike_label(s: _Strike) -> str:
    """ "Israel airstrike (over the weekend)", else "... in Lebanon", else the sentence number."""
    if s.when is not None:
        return f"{s.label[0]} ({s.when.text})"
    places = sorted(o.label for o in s.values("location"))
    return f"{s.label[0]} in {places[0]}" if places else f"{s.label[0]} (sentence {s.sent + 1})"


def _refers_back(sent: Span, lex: Lexicon) -> bool:
    subj = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"]
    if not subj:
        return False
    head = subj[0]
    return head.lower_ in ("it", "they", "this") or (
        any(c.lower_ in ("the", "this", "these") for c in head.children) and _strike_weapon(head, lex) is not None
    )
