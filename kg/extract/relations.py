"""Stage 4a: relations between entities: roles, affiliation, leadership,
backing, bases and killings.

Each rule is named in ``kg/data/rules/relations.json``; the id lands in ``kg:rule``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.context import Context
from kg.extract.evidence import make_evidence
from kg.extract.kills import extract_kills
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.roles import find_roles
from kg.model import EntityRef, Fact, Mention, Value
from kg.nlp import words

__all__ = ["extract_relations", "find_roles"]


def extract_relations(ctx: Context) -> Iterator[Fact]:
    """Yield role, affiliation, leadership, backing, base and killing facts."""
    doc, ms, lex, article_id, roles = ctx.doc, ctx.mentions, ctx.lex, ctx.article.id, ctx.roles
    for r in roles:
        ev = make_evidence(article_id, doc[r.token], r.rule)
        if r.text:
            yield Fact(EntityRef(r.person), "role", Value(r.text), ev)
        if r.org:
            yield Fact(EntityRef(r.person), "leads" if r.leads else "affiliatedWith", EntityRef(r.org), ev)
    yield from _backed(doc, ms, lex, article_id)
    yield from _based(doc, ms, lex, article_id)
    yield from extract_kills(doc, ms, lex, article_id)


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
