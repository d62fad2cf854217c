"""Stage 4a: relations between entities: roles, affiliation, leadership,
backing, bases and killings.

Each rule is named in ``kg/data/rules/relations.json``; the id lands in ``kg:rule``.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.context import Context
from kg.extract.evidence import make_evidence
from kg.extract.kills import extract_kills
from kg.extract.links import extract_backing, extract_bases
from kg.extract.roles import find_roles
from kg.model import EntityRef, Fact, Value

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
    yield from extract_backing(doc, ms, lex, article_id)
    yield from extract_bases(doc, ms, lex, article_id)
    yield from extract_kills(doc, ms, lex, article_id)
