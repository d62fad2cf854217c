"""Stage 4a: relations between entities: roles, affiliation, leadership,
backing, bases and killings.

Each rule is named in ``kg/data/rules/relations.json``; the id lands in ``kg:rule``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.context import Context, Role
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.syntax import MODIFIER_DEPS
from kg.model import EntityRef, Fact, Mention, Value
from kg.nlp import words


def _is_role(t: Token, lex: Lexicon) -> bool:
    w = t.lower_
    return w in lex.wordset("role_nouns") or t.lemma_.lower() in lex.wordset("role_nouns")


def _is_modifier(t: Token, lex: Lexicon) -> bool:
    return t.lower_ in lex.wordset("role_modifiers") or (t.is_title and t.is_alpha and not t.is_sent_start)


def _leads(text: str, lex: Lexicon) -> bool:
    low = " " + text.lower() + " "
    if "deputy" in low or "vice" in low or "former" in low:
        return False
    return any(f" {r} " in low for r in lex.wordset("leader_roles")) and "minister" not in low.replace(
        "prime minister", ""
    )


def _role_from_left(doc: Doc, m: Mention, ms: Mentions, lex: Lexicon) -> tuple[str, str] | None:
    """Role words and organization written just before a name."""
    k = m.start - 1
    words: list[Token] = []
    org = ""
    while k >= 0:
        t = doc[k]
        other = ms.at(k)
        if other is not None and other.cls in ("Organization", "Place") and other is not m:
            if words:
                org = other.label
            break
        if t.text in ("'s", "’s") and k > 0 and ms.at(k - 1) is not None:
            if words:
                org = ms.at(k - 1).label
            break
        hyphen = t.text == "-" and words and k > 0 and (_is_role(doc[k - 1], lex) or _is_modifier(doc[k - 1], lex))
        if hyphen or _is_role(t, lex) or (words and _is_modifier(t, lex)):  # "Secretary-General"
            words.insert(0, t)
            k -= 1
            continue
        break
    if not words or not any(_is_role(w, lex) for w in words):
        return None
    return doc[words[0].i : words[-1].i + 1].text, org  # contiguous, so as written


def _np_org(head: Token, ms: Mentions, exclude: Mention | None) -> str:
    """The organization written as a modifier of a role noun: poss, compound, amod, 'of X'."""
    for c in head.children:
        if c.dep_ in MODIFIER_DEPS:
            m = ms.at(c.i)
            if m is not None and m is not exclude and m.cls in ("Organization", "Place"):
                return m.label
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                m = ms.at(g.i)
                if m is not None and m is not exclude and m.cls in ("Organization", "Place"):
                    return m.label
    return ""


def _role_text(head: Token, lex: Lexicon) -> str:
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod") and (_is_modifier(c, lex) or _is_role(c, lex))]
    words = [*left, head]
    text = " ".join(w.text for w in sorted(words, key=lambda w: w.i))
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("to", "for") and head.lower_ in lex.wordset("envoy_roles"):
            text += " " + " ".join(t.text for t in c.subtree)
    return text


def find_roles(ctx: Context) -> tuple[Role, ...]:
    """Roles of the persons a Doc names, with the organization each belongs to."""
    doc, ms, lex = ctx.doc, ctx.mentions, ctx.lex
    roles: tuple[Role, ...] = []
    seen: set[tuple[str, str]] = set()
    for m in ms.items:
        if m.cls != "Actor":
            continue
        found = _role_from_left(doc, m, ms, lex)
        rule = "title-compound"
        if found is None:
            root = doc[m.start : m.end].root
            head = None
            if root.dep_ == "appos" and _is_role(root.head, lex):
                head = root.head  # "Russia's ambassador to the UN, Vassily Nebenzia"
            else:
                for c in root.children:
                    if c.dep_ == "appos" and _is_role(c, lex):
                        head = c  # "Vassily Nebenzia, Russia's ambassador"
            if head is not None:
                found = (_role_text(head, lex), _np_org(head, ms, m))
                rule = "title-appositive"
        if found is None:
            continue
        text, org = found
        if org and lex.entities.get(org) is not None and lex.entities[org].kind == "place":
            org = ""  # "Kyiv mayor": a city is not an organization
        head_word = text.split()[-1].lower()
        if not org and any(r in text.lower() for r in lex.wordset("state_default_roles")):
            org = _nearest_state(doc, m, ms, lex)
            rule = "role-nearest-state" if org else rule
        key = (m.label, text)
        if key in seen:
            continue
        seen.add(key)
        roles.append(Role(m.label, text, head_word, org, _leads(text, lex), m.start, rule))
    return tuple(roles)


def _state_of(x: Mention, lex: Lexicon) -> str:
    if x.kind == "state":
        return x.label
    known = lex.entities.get(x.label)
    return known.country if known is not None and known.kind in ("army", "government", "agency") else ""


def _nearest_state(doc: Doc, m: Mention, ms: Mentions, lex: Lexicon) -> str:
    """The state a "President" or "Prime Minister" with none named most likely serves.

    The one state acting in this sentence, else in the one before (an army or
    ministry counts for its state); none where two states are in play.
    """
    sent = doc[m.start].sent
    sents = list(doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start == sent.start)
    for s in (sent, sents[idx - 1] if idx else None):
        if s is None:
            continue
        cands = {_state_of(x, lex) for x in ms.in_span(s.start, s.end) if x.cls == "Organization"} - {""}
        if len(cands) == 1:
            return cands.pop()
        if cands:
            return ""  # two states in play: better no affiliation than a wrong one
    return ""


def extract_relations(ctx: Context) -> Iterator[Fact]:
    """Yield role, affiliation, leadership, backing, base and killing facts."""
    doc, ms, lex, article_id, roles = ctx.doc, ctx.mentions, ctx.lex, ctx.article.id, ctx.roles
    for r in roles:
        ev = make_evidence(article_id, doc[r.token], r.rule)
        yield Fact(EntityRef(r.person), "role", Value(r.text), ev)
        if r.org:
            yield Fact(EntityRef(r.person), "leads" if r.leads else "affiliatedWith", EntityRef(r.org), ev)
    yield from _backed(doc, ms, lex, article_id)
    yield from _based(doc, ms, lex, article_id)
    yield from _killed(doc, ms, lex, article_id)


def _next_org(ms: Mentions, after: int, limit: int) -> Mention | None:
    for m in ms.items:
        if after < m.start <= limit and m.cls == "Organization":
            return m
    return None


def _backed(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    lower, _ = words(doc)
    for i in range(len(doc)):
        if lower[i] not in lex.wordset("backed_words"):
            continue
        t = doc[i]
        # "Iran-backed Houthis"
        if t.i >= 2 and doc[t.i - 1].text == "-" and (backer := ms.at(t.i - 2)) is not None:
            backed = _next_org(ms, t.i, t.i + 3)
            if backed is not None and backer.cls != "Actor" and backed.label != backer.label:
                yield Fact(
                    EntityRef(backed.label), "backedBy", EntityRef(backer.label), make_evidence(aid, t, "x-backed")
                )
        # "the Houthis, backed by Iran"
        elif t.dep_ in ("acl", "amod", "advcl") and (backed := ms.at(t.head.i)) is not None:
            for c in t.children:
                if c.dep_ == "agent":
                    for g in c.children:
                        backer = ms.at(g.i)
                        if backer is not None and backer.label != backed.label and backed.cls == "Organization":
                            yield Fact(
                                EntityRef(backed.label),
                                "backedBy",
                                EntityRef(backer.label),
                                make_evidence(aid, t, "x-backed"),
                            )


def _based(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    for m in ms.items:
        if m.kind not in ("state", "place") or m.end >= len(doc):
            continue
        nxt = doc[m.end]
        target = None
        if nxt.text in ("'s", "’s"):
            target = _next_org(ms, m.end, m.end + 3)  # "Yemen's Houthis"
        elif nxt.text == "-" and m.end + 1 < len(doc) and doc[m.end + 1].lower_ in lex.wordset("based_words"):
            target = _next_org(ms, m.end + 1, m.end + 4)  # "Gaza-based Hamas"
        if (
            target is not None
            and target.kind not in ("state", "place", "news_agency", "intl_body")
            and target.label != m.label
        ):
            yield Fact(
                EntityRef(target.label), "basedIn", EntityRef(m.label), make_evidence(aid, nxt, "possessive-based")
            )


def _agent_mention(tok: Token, ms: Mentions) -> Mention | None:
    m = ms.at(tok.i)
    if m is not None:
        return m
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod") and (x := ms.at(c.i)) is not None:
            return x
    return None


def _killed(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    kill = lex.wordset("kill_verbs")
    _, lemma = words(doc)
    for i in range(len(doc)):
        if lemma[i] not in kill or (t := doc[i]).pos_ != "VERB":
            continue
        killer, victims = None, []
        for c in t.children:
            if c.dep_ == "nsubj":
                killer = _agent_mention(c, ms)
            elif c.dep_ == "dobj":
                victims = [m for m in ms.in_span(c.left_edge.i, c.right_edge.i + 1) if m.cls == "Actor"]
            elif c.dep_ == "nsubjpass":
                victims = [m for m in ms.in_span(c.left_edge.i, c.right_edge.i + 1) if m.cls == "Actor"]
            elif c.dep_ == "agent":
                for g in c.children:
                    killer = _agent_mention(g, ms)
        if killer is None or killer.cls == "Place":
            continue
        for v in victims:
            if v.label != killer.label:
                yield Fact(EntityRef(killer.label), "killed", EntityRef(v.label), make_evidence(aid, t, "kill-verb"))
