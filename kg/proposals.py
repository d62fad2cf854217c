"""Stage 4d: proposals (deals, plans, truces) and UN-style resolutions.

All mentions of a proposal in one article are one Proposal per author; a
mention with no author joins the nearest authored one before it (or the only
one). Stances come from verbs with the proposal as object, and from a
speaker's imperatives ("Scrap this deal!").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.coref import resolve
from kg.events import date_facts, date_in
from kg.evidence import make_evidence
from kg.lexicon import Lexicon
from kg.mentions import Mentions
from kg.model import EntityRef, EventRef, Fact, Mention, Value
from kg.nlp import words
from kg.relations import Role
from kg.statements import Said, clean_quote

_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class _Proposal:
    author: str
    first: Token
    kind: str
    facts: list[tuple[str, str, Token, str]] = field(default_factory=list)  # (pred, label, token, rule)


def _is_proposal(t: Token, lex: Lexicon) -> str | None:
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = t.lemma_.lower()
    nouns = lex.words["proposal_nouns"]
    if lemma not in nouns and t.lower_ not in nouns:
        return None
    if lemma == "deal" and any(c.lower_ in ("great", "good") for c in t.children):
        return None  # "a great deal of"
    if lemma == "plan" and not any(c.dep_ in ("compound", "amod", "poss") for c in t.children):
        return None  # a bare "plan" is too vague
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
    for k in range(max(0, t.i - 6), t.i - 1):
        doc = t.doc
        if doc[k + 1].text == "-" and k + 2 < t.i and doc[k + 2].lower_ in HYPHEN_ROLES:
            m = ms.at(k)
            if m is not None and m.cls in ("Organization", "Actor"):
                out.append((HYPHEN_ROLES[doc[k + 2].lower_], m))
    return out


def with_conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens conjoined with it ("Egypt and Qatar")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(with_conjuncts(c))
    return out


def _author(t: Token, ms: Mentions, lex: Lexicon, roles: list[Role]) -> Mention | None:
    for role, m in _hyphen_agents(t, ms):
        if role == "proposedBy":
            return m
    for c in t.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < t.i:
            m = ms.at(c.i)
            if m is not None and m.cls in ("Organization", "Actor"):
                return m
        if c.dep_ == "acl" and c.lemma_.lower() in lex.wordset("propose_verbs"):
            for g in c.children:
                if g.dep_ == "agent":
                    for x in g.children:
                        if (m := resolve(x, ms, lex, roles)) is not None:
                            return m
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
    t: Token, ms: Mentions, lex: Lexicon, roles: list[Role], speaker: Mention | None
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


def extract_proposals(
    doc: Doc, ms: Mentions, lex: Lexicon, aid: str, roles: list[Role], said: list[Said], ref: dt.date | None = None
) -> Iterator[Fact]:
    """Yield the facts of each Proposal the Doc discusses."""
    speaker_at = {s.sent_start: s.speaker for s in said}
    groups: dict[str, _Proposal] = {}
    order: list[_Proposal] = []
    pending: list[tuple[str, str, Token, str]] = []
    current: _Proposal | None = None
    mediators = {r.person for r in roles if r.head in lex.wordset("mediator_roles")}
    first_talks: Token | None = None
    lower, lemma = words(doc)
    nouns = lex.wordset("proposal_nouns") | lex.wordset("talks_nouns")
    mediate = lex.wordset("mediate_verbs")
    for sent in doc.sents:
        speaker = speaker_at.get(sent.start)
        # only tokens that could be either kind get a closer look
        near = [doc[i] for i in range(sent.start, sent.end) if lower[i] in nouns or lemma[i] in nouns]
        strong = [t for t in near if _is_proposal(t, lex)]
        talks = [t for t in near if _is_talks(t, lex)]
        for t in strong:
            author = _author(t, ms, lex, roles)
            key = author.label if author is not None else ""
            if key and key not in groups:
                groups[key] = _Proposal(key, t, _is_proposal(t, lex) or "proposal")
                order.append(groups[key])
                groups[key].facts.append(("proposedBy", key, t, "proposal-trigger"))
            target = groups.get(key) if key else current
            if target is None and not key:
                if "" not in groups:
                    groups[""] = _Proposal("", t, _is_proposal(t, lex) or "proposal")
                    order.append(groups[""])
                target = groups[""]
            current = target
            for role, m in _hyphen_agents(t, ms):
                if role == "mediatedBy":
                    target.facts.append(("mediatedBy", m.label, t, "proposal-mediator"))
            if (st := _stance(t, ms, lex, roles, speaker)) is not None:
                target.facts.append((st[0], st[1].label, t, "proposal-stance"))
            for p in _parties(t, ms):
                target.facts.append(("party", p.label, t, "proposal-parties"))
        for t in talks + strong:
            for p in _parties(t, ms):
                pending.append(("party", p.label, t, "proposal-parties"))
        if strong or talks:
            anchor = (strong or talks)[0]
            for m in ms.in_span(sent.start, sent.end):
                after = doc[m.end] if m.end < len(doc) else None
                if m.label in mediators or (
                    # "Qatari mediators", "the Egyptian negotiators"
                    m.cls == "Organization" and after is not None and after.lower_ in lex.wordset("mediator_nouns")
                ):
                    pending.append(("mediatedBy", m.label, anchor, "proposal-mediator"))
                if m.cls == "Resolution" and any(t.lemma_.lower() in lex.wordset("reference_verbs") for t in sent):
                    pending.append(("references", m.label, anchor, "proposal-references"))
        for t in (doc[i] for i in range(sent.start, sent.end) if lemma[i] in mediate):
            if t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in ("nsubj", "agent"):
                        heads = (
                            with_conjuncts(c)
                            if c.dep_ == "nsubj"
                            else [g for x in c.children for g in with_conjuncts(x)]
                        )
                        for h in heads:
                            if (m := resolve(h, ms, lex, roles)) is not None and m.cls != "Place":
                                pending.append(("mediatedBy", m.label, t, "proposal-mediator"))
                for p in _parties(t, ms):  # "mediated between Israel and Hamas"
                    pending.append(("party", p.label, t, "proposal-parties"))
            if first_talks is None and talks:
                first_talks = talks[0]
    if not order and pending and first_talks is not None:
        # talks with named mediators or sides, though no text is on the table yet
        order.append(_Proposal("", first_talks, "talks"))
    if not order:
        return
    # a mention with no author belongs to the authored proposal if there is just one
    if "" in groups and len(order) == 2:
        lone = groups.pop("")
        order.remove(lone)
        order[0].facts.extend(lone.facts)
        if lone.first.i < order[0].first.i:
            order[0].first = lone.first
    main = order[0]
    main.facts.extend(pending)
    for p in order:
        node = EventRef("Proposal", (aid, p.author or "-", str(p.first.idx)))
        ev = make_evidence(aid, p.first, "proposal-trigger")
        yield Fact(node, "type", Value("Proposal"), ev)
        label = f"{p.author} {p.kind}".strip() if p.author else p.kind
        yield Fact(node, "label", Value(label), ev)
        yield Fact(node, "status", Value("under negotiation"), ev)
        when = date_in(p.first.sent, p.first, ref)
        if when is not None:
            yield from date_facts(node, when, make_evidence(aid, p.first, "date-phrase"))
        seen = set()
        for pred, obj, tok, rule in p.facts:
            if (pred, obj) in seen:
                continue
            seen.add((pred, obj))
            yield Fact(node, pred, EntityRef(obj), make_evidence(aid, tok, rule))


# ---------------------------------------------------------------- resolutions


def _resolution_anaphor(t: Token) -> bool:
    return t.lower_ in ("it", "this", "which") or (
        t.lemma_.lower() == "resolution" and any(c.lower_ in ("the", "this", "that") for c in t.children)
    )


def _subject_body(verb: Token, ms: Mentions) -> Mention | None:
    for c in verb.children:
        if c.dep_ == "nsubj" and (m := ms.at(c.i)) is not None and m.kind == "intl_body":
            return m
        if c.dep_ == "agent":
            for g in c.children:
                if (m := ms.at(g.i)) is not None and m.kind == "intl_body":
                    return m
    return None


def extract_resolutions(doc: Doc, ms: Mentions, lex: Lexicon, aid: str, ref: dt.date | None = None) -> Iterator[Fact]:
    """Yield the number, body, year, demands and parties of each resolution."""
    sents = list(doc.sents)
    last: Mention | None = None
    for k, sent in enumerate(sents):
        here = [m for m in ms.in_span(sent.start, sent.end) if m.cls == "Resolution"]
        for m in here:
            node = EntityRef(m.label)
            ev = make_evidence(aid, doc[m.start], "resolution-body")
            yield Fact(node, "number", Value(m.extra[0]), ev)
            body = ms.at(m.start - 1) if m.start else None
            if body is not None and body.kind == "intl_body":
                yield Fact(node, "adoptedBy", EntityRef(body.label), ev)
            root = doc[m.start : m.end].root
            verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
            if verb is not None and verb.lemma_.lower() in lex.wordset("adopt_verbs"):
                # "The UN Security Council on Monday adopted Resolution 2735"
                adopter = _subject_body(verb, ms)
                if adopter is not None and (body is None or body.kind != "intl_body"):
                    yield Fact(node, "adoptedBy", EntityRef(adopter.label), ev)
                when = date_in(sent, verb, ref)
                if when is not None and not _YEAR.search(sent.text):
                    yield Fact(
                        node,
                        "adoptedYear",
                        Value(str(when.start.year), "gYear"),
                        make_evidence(aid, verb, "resolution-year"),
                    )
            nxt = doc[m.end : m.end + 3]
            if len(nxt) == 3 and nxt[0].text == "(" and _YEAR.match(nxt[1].text):
                yield Fact(
                    node, "adoptedYear", Value(nxt[1].text, "gYear"), make_evidence(aid, nxt[1], "resolution-year")
                )
        subject_res = here[-1] if here else None
        if subject_res is None and last is not None:
            subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and _resolution_anaphor(t)]
            if subj:
                subject_res = last
        if here:
            last = here[-1]
        if subject_res is None:
            continue
        node = EntityRef(subject_res.label)
        if any(t.lemma_.lower() in lex.wordset("adopt_verbs") for t in sent):
            year = next((t for t in sent if _YEAR.match(t.text)), None)
            if year is not None:
                yield Fact(node, "adoptedYear", Value(year.text, "gYear"), make_evidence(aid, year, "resolution-year"))
        yield from _demands(sent, node, ms, lex, aid)


def _demands(sent: Span, node: EntityRef, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    for v in sent:
        if v.pos_ != "VERB" or v.lemma_.lower() not in lex.wordset("demand_verbs"):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and v.dep_ == "conj":
            subj = next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (_resolution_anaphor(subj) or ms.at(subj.i) and ms.at(subj.i).cls == "Resolution"):
            continue
        clauses: list[Token] = []
        addressed: list[Mention] = []
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "on"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        if (m := ms.at(g.i)) is not None and m.cls == "Organization":
                            addressed.append(m)
                        else:
                            clauses.append(g)
            if c.dep_ in ("xcomp", "ccomp", "advcl", "dobj"):
                clauses.append(c)
        verbs = []
        for c in clauses:
            verbs.append(c)
            verbs.extend(x for x in c.subtree if x.dep_ == "conj" and x.pos_ == "VERB" and x.head.i == c.i)
        ev = make_evidence(aid, v, "resolution-demands")
        for c in verbs:
            skip = {x.i for k in c.children if k.dep_ in ("conj", "cc") for x in k.subtree}
            words = [x for x in c.subtree if x.i not in skip and x.dep_ != "aux" or x.i == c.i]
            text = clean_quote(" ".join(x.text for x in words if x.i not in skip))
            if c is clauses[0] and addressed and c.pos_ == "VERB":
                text = f"{addressed[0].text} {text}"
            if text:
                yield Fact(node, "demands", Value(text), ev)
            for m in ms.in_span(c.left_edge.i, c.right_edge.i + 1):
                if m.cls == "Organization" and all(m.label != a.label for a in addressed):
                    addressed.append(m)
        for m in addressed:
            yield Fact(node, "concerns", EntityRef(m.label), ev)
