"""Proposals: deals, plans, truces and agreements, with their author, parties and stances.

All mentions of a proposal in one article are one Proposal per author; a
mention with no author joins the nearest authored one before it (or the only
one). Stances come from verbs with the proposal as object, and from a
speaker's imperatives ("Scrap this deal!").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.context import Context, Role
from kg.extract.coref import resolve
from kg.extract.dates import date_facts, date_in
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.syntax import MODIFIER_DEPS, happened, with_conjuncts
from kg.model import EntityRef, EventRef, Fact, Mention, Value
from kg.nlp import words


@dataclass
class _Proposal:
    author: str
    first: Token
    kind: str
    facts: list[tuple[str, str, Token, str]] = field(default_factory=list)  # (pred, label, token, rule)
    told: list[Token] = field(default_factory=list)  # every mention of it
    talks: Token | None = None  # talks about it: "under negotiation" unless a verb says more


def _status_verb(t: Token) -> Token | None:
    """The verb that says what became of a proposal: its object, subject, or "on the deal"."""
    if t.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return t.head
    if t.dep_ == "pobj" and t.head.head.pos_ == "VERB":
        return t.head.head  # "agreed on a truce"
    return None


def _status(p: _Proposal, lex: Lexicon) -> tuple[str, Token] | None:
    """The status the article last reports, with the verb that says so; None without one."""
    words = lex.words["status_words"]
    found = None
    for t in sorted(p.told, key=lambda x: x.i):
        verb = _status_verb(t)
        if verb is None or verb.pos_ not in ("VERB", "AUX") or not happened(verb, lex):
            continue
        lemma = verb.lemma_.lower()
        if lemma in words:
            found = (words[lemma], verb)
        elif any(c.dep_ == "amod" and c.lemma_.lower() in words and c.tag_ == "VBN" for c in t.children):
            found = next((words[c.lemma_.lower()], c) for c in t.children if c.lemma_.lower() in words)
    if found is None and p.talks is not None:
        found = ("under negotiation", p.talks)
    return found


def _is_proposal(t: Token, lex: Lexicon) -> str | None:
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = t.lemma_.lower()
    nouns = lex.words["proposal_nouns"]
    if lemma not in nouns and t.lower_ not in nouns:
        return None
    if lemma == "deal" and any(c.lower_ in ("great", "good") for c in t.children):
        return None  # "a great deal of"
    if lemma not in lex.wordset("proposal_strong") and t.lower_ not in lex.wordset("proposal_strong"):
        # "plan", "initiative", "framework": a proposal only as a peace or truce plan, or one between sides
        context = lex.wordset("proposal_context_words")
        named = any(c.dep_ in ("compound", "amod") and c.lower_ in context for c in t.children)
        aimed = any(  # "a roadmap for peace", "a plan between the two sides"
            c.dep_ == "prep" and (c.lower_ == "between" or any(g.lower_ in context for g in c.children))
            for c in t.children
        )
        if not named and not aimed:
            return None
    if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_.lower() in lex.wordset("demand_verbs"):
        return None  # "a resolution calling for a ceasefire": a demand, not a proposal on the table
    kind = nouns.get(lemma) or nouns[t.lower_]
    for c in t.children:
        if c.dep_ in ("compound", "amod") and c.lower_ in lex.wordset("proposal_context_words"):
            kind = f"{c.lower_} {kind}" if c.lower_ not in kind else kind
    return kind


def _is_talks(t: Token, lex: Lexicon) -> bool:
    if t.pos_ not in ("NOUN", "PROPN") and t.lower_ not in ("talks", "negotiations"):
        return False  # the small tagger sometimes calls "talks" a verb
    if t.lemma_.lower() not in lex.wordset("talks_nouns") and t.lower_ not in lex.wordset("talks_nouns"):
        return False
    context = lex.wordset("proposal_context_words")
    # "ceasefire talks": the small parser sometimes hangs the modifier elsewhere, so look left too
    before = t.doc[t.i - 1] if t.i else None
    if any(c.dep_ in ("compound", "amod") and c.lower_ in context for c in t.children):
        return True
    if before is not None and before.lower_ in context:
        return True
    # "talks in Jeddah mediated by ...", "talks between X and Y": concrete negotiations
    return any(
        (c.dep_ == "acl" and c.lemma_.lower() in lex.wordset("mediate_verbs"))
        or (c.dep_ == "prep" and c.lower_ == "between")
        for c in t.children
    )


HYPHEN_ROLES = {
    "backed": "proposedBy",
    "drafted": "proposedBy",
    "proposed": "proposedBy",
    "sponsored": "proposedBy",
    "brokered": "mediatedBy",
    "mediated": "mediatedBy",
}


def _hyphen_agents(t: Token, ms: Mentions) -> list[tuple[str, Mention]]:
    """ "a U.S.-backed proposal", "an Egyptian-brokered truce": who stands behind it."""
    out = []
    for k in range(max(t.left_edge.i, t.i - 6), t.i - 1):  # only inside its own noun phrase
        doc = t.doc
        if doc[k + 1].text == "-" and k + 2 < t.i and doc[k + 2].lower_ in HYPHEN_ROLES:
            m = ms.at(k)
            if m is not None and m.cls in ("Organization", "Actor"):
                out.append((HYPHEN_ROLES[doc[k + 2].lower_], m))
    return out


def _author(t: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    for role, hyphened in _hyphen_agents(t, ms):
        if role == "proposedBy":
            return hyphened
    for c in t.children:
        if c.dep_ in MODIFIER_DEPS and c.i < t.i:
            m = ms.at(c.i)
            if m is not None and m.cls in ("Organization", "Actor"):
                return m
        if c.dep_ == "acl" and c.lemma_.lower() in lex.wordset("propose_verbs"):
            for g in c.children:
                if g.dep_ == "agent":
                    for x in g.children:
                        if (agent := resolve(x, ms, lex, roles)) is not None:
                            return agent
    if t.dep_ == "dobj" and t.head.lemma_.lower() in lex.wordset("propose_verbs"):
        for c in t.head.children:
            if c.dep_ == "nsubj":
                return resolve(c, ms, lex, roles)
    return None


def _parties(t: Token, ms: Mentions) -> list[Mention]:
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            for g in c.subtree:
                if g.dep_ not in ("pobj", "conj"):
                    continue
                m = ms.at(g.i)
                if m is None:
                    # "between the Ethiopian government and the TPLF": the state behind its government
                    m = next(
                        (ms.at(x.i) for x in g.children if x.dep_ in ("amod", "compound", "poss") and ms.at(x.i)), None
                    )
                    if m is None or m.kind != "state":
                        continue
                elif g.i != doc_root(g, m):
                    continue
                if m.cls == "Organization" and m not in out:
                    out.append(m)
    return out


def doc_root(tok: Token, m: Mention) -> int:
    """The token index of a mention's syntactic head."""
    return tok.doc[m.start : m.end].root.i


def _stance(
    t: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...], speaker: Mention | None
) -> tuple[str, Mention] | None:
    verb = t.head if t.dep_ in ("dobj", "nsubjpass") else (t.head.head if t.dep_ == "pobj" else None)
    if verb is None or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma in lex.wordset("review_verbs"):
        pred = "reviewedBy"
    elif lemma in lex.wordset("oppose_verbs"):
        pred = "opposedBy"
    elif lemma in lex.wordset("support_verbs"):
        pred = "supportedBy"
    else:
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    if negated and pred == "supportedBy":
        pred = "opposedBy"
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        m = resolve(subj, ms, lex, roles, speaker)
    else:
        m = speaker if verb.tag_ == "VB" else None  # an imperative in someone's words
    return (pred, m) if m is not None and m.cls in ("Actor", "Organization") else None


_Item = tuple[str, str, Token, str]  # (predicate, entity label, token, rule)


@dataclass
class _Collector:
    """What the sentences of one article say about proposals, gathered in text order."""

    ctx: Context
    groups: dict[str, _Proposal] = field(default_factory=dict)
    order: list[_Proposal] = field(default_factory=list)
    pending: list[_Item] = field(default_factory=list)
    current: _Proposal | None = None
    first_talks: Token | None = None
    talks_at: Token | None = None  # the first mention of talks or negotiations, whatever their shape

    def _group(self, t: Token, key: str) -> _Proposal:
        lex = self.ctx.lex
        if key and key not in self.groups:
            self.groups[key] = _Proposal(key, t, _is_proposal(t, lex) or "proposal")
            self.order.append(self.groups[key])
            self.groups[key].facts.append(("proposedBy", key, t, "proposal-trigger"))
        target = self.groups.get(key) if key else self.current
        if target is None:
            if "" not in self.groups:
                self.groups[""] = _Proposal("", t, _is_proposal(t, lex) or "proposal")
                self.order.append(self.groups[""])
            target = self.groups[""]
        return target

    def proposal(self, t: Token, speaker: Mention | None) -> None:
        """One mention of a deal, plan or truce: its group, mediators, stance and parties."""
        ms, lex, roles = self.ctx.mentions, self.ctx.lex, self.ctx.roles
        author = _author(t, ms, lex, roles)
        target = self._group(t, author.label if author is not None else "")
        self.current = target
        target.told.append(t)
        for role, m in _hyphen_agents(t, ms):
            if role == "mediatedBy":
                target.facts.append(("mediatedBy", m.label, t, "proposal-mediator"))
        if (st := _stance(t, ms, lex, roles, speaker)) is not None:
            target.facts.append((st[0], st[1].label, t, "proposal-stance"))
        for p in _parties(t, ms):
            target.facts.append(("party", p.label, t, "proposal-parties"))

    def context(self, sent: Span, anchor: Token, mediators: set[str]) -> None:
        """Mediators and resolutions named in a sentence about the talks."""
        doc, lex = self.ctx.doc, self.ctx.lex
        for m in self.ctx.mentions.in_span(sent.start, sent.end):
            after = doc[m.end] if m.end < len(doc) else None
            if m.label in mediators or (
                # "Qatari mediators", "the Egyptian negotiators"
                m.cls == "Organization" and after is not None and after.lower_ in lex.wordset("mediator_nouns")
            ):
                self.pending.append(("mediatedBy", m.label, anchor, "proposal-mediator"))
            if m.cls == "Resolution" and any(t.lemma_.lower() in lex.wordset("reference_verbs") for t in sent):
                self.pending.append(("references", m.label, anchor, "proposal-references"))

    def mediating(self, t: Token) -> None:
        """ "Qatar and Egypt mediated", "talks mediated by Qatar", "mediated between X and Y"."""
        ms, lex, roles = self.ctx.mentions, self.ctx.lex, self.ctx.roles
        for c in t.children:
            if c.dep_ not in ("nsubj", "agent"):
                continue
            heads = with_conjuncts(c) if c.dep_ == "nsubj" else [g for x in c.children for g in with_conjuncts(x)]
            for h in heads:
                if (m := resolve(h, ms, lex, roles)) is not None and m.cls != "Place":
                    self.pending.append(("mediatedBy", m.label, t, "proposal-mediator"))
        for p in _parties(t, ms):
            self.pending.append(("party", p.label, t, "proposal-parties"))

    def sentence(self, sent: Span, speaker: Mention | None, mediators: set[str]) -> None:
        doc, lex, ms = self.ctx.doc, self.ctx.lex, self.ctx.mentions
        lower, lemma = words(doc)
        nouns = lex.wordset("proposal_nouns") | lex.wordset("talks_nouns")
        # only tokens that could be either kind get a closer look
        near = [doc[i] for i in range(sent.start, sent.end) if lower[i] in nouns or lemma[i] in nouns]
        strong = [t for t in near if _is_proposal(t, lex)]
        talks = [t for t in near if _is_talks(t, lex)]
        for t in strong:
            self.proposal(t, speaker)
        if self.talks_at is None and talks:
            self.talks_at = talks[0]
        for t in talks + strong:
            self.pending.extend(("party", p.label, t, "proposal-parties") for p in _parties(t, ms))
        if strong or talks:
            self.context(sent, (strong or talks)[0], mediators)
        mediate = lex.wordset("mediate_verbs")
        for t in (doc[i] for i in range(sent.start, sent.end) if lemma[i] in mediate):
            if t.pos_ == "VERB":
                self.mediating(t)
            if self.first_talks is None and talks:
                self.first_talks = talks[0]

    def finish(self) -> list[_Proposal]:
        """The proposals to write; what no one proposal claims goes to the first."""
        order = self.order
        if not order and self.pending and self.first_talks is not None:
            # talks with named mediators or sides, though no text is on the table yet
            order.append(_Proposal("", self.first_talks, "talks"))
        if not order:
            return []
        # a mention with no author belongs to the authored proposal if there is just one
        if "" in self.groups and len(order) == 2:
            lone = self.groups.pop("")
            order.remove(lone)
            order[0].facts.extend(lone.facts)
            order[0].told.extend(lone.told)
            if lone.first.i < order[0].first.i:
                order[0].first = lone.first
        order[0].facts.extend(self.pending)
        order[0].talks = self.talks_at
        return order


def _node(p: _Proposal, aid: str) -> EventRef:
    return EventRef("Proposal", (aid, p.author or "-", str(p.first.idx)))


def proposal_nodes(ctx: Context) -> dict[int, EventRef]:
    """The Proposal node each proposal mention belongs to, by token index (for "a resolution backing the plan")."""
    collector = _Collector(ctx)
    speaker_at = {s.sent_start: s.speaker for s in ctx.said}
    for sent in ctx.doc.sents:
        collector.sentence(sent, speaker_at.get(sent.start), set())
    return {t.i: _node(p, ctx.article.id) for p in collector.finish() for t in p.told}


def _proposal_facts(p: _Proposal, ctx: Context) -> Iterator[Fact]:
    aid, lex = ctx.article.id, ctx.lex
    node = _node(p, aid)
    ev = make_evidence(aid, p.first, "proposal-trigger")
    yield Fact(node, "type", Value("Proposal"), ev)
    label = f"{p.author} {p.kind}".strip() if p.author else p.kind
    yield Fact(node, "label", Value(label), ev)
    if (status := _status(p, lex)) is not None:
        yield Fact(node, "status", Value(status[0]), make_evidence(aid, status[1], "proposal-status"))
    when = date_in(p.first.sent, p.first, ctx.article.published)
    if when is not None:
        yield from date_facts(node, when, make_evidence(aid, p.first, "date-phrase"))
    seen = set()
    for pred, obj, tok, rule in p.facts:
        if (pred, obj) not in seen:
            seen.add((pred, obj))
            yield Fact(node, pred, EntityRef(obj), make_evidence(aid, tok, rule))


def extract_proposals(ctx: Context) -> Iterator[Fact]:
    """Yield the facts of each Proposal the Doc discusses."""
    speaker_at = {s.sent_start: s.speaker for s in ctx.said}
    mediators = {r.person for r in ctx.roles if r.head in ctx.lex.wordset("mediator_roles")}
    collector = _Collector(ctx)
    for sent in ctx.doc.sents:
        collector.sentence(sent, speaker_at.get(sent.start), mediators)
    for p in collector.finish():
        yield from _proposal_facts(p, ctx)
