"""The extraction pipeline: Doc -> mentions -> roles -> statements -> facts.

The analyses fill the frozen :class:`~kg.extract.context.Context` in turn; then
every extractor in :data:`EXTRACTORS`, in pipeline order, reads it and yields facts.
A new extractor is one function ``(ctx: Context) -> Iterator[Fact]`` added here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from kg.extract.context import Context
from kg.extract.entities import entity_facts
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import find_mentions
from kg.extract.proposals import extract_proposals
from kg.extract.relations import extract_relations, find_roles
from kg.extract.resolutions import extract_resolutions
from kg.extract.statements import find_statements, statement_facts
from kg.extract.strikes import extract_strikes
from kg.language import looks_english
from kg.model import Article, Fact

Extractor = Callable[[Context], Iterator[Fact]]

#: What the extractors share, found in this order: (field of the Context, analysis).
ANALYSES: tuple[tuple[str, Callable[[Context], Any]], ...] = (
    ("roles", find_roles),
    ("said", find_statements),
)

#: Every extractor, in pipeline order; the facts of an article come out in this order.
EXTRACTORS: tuple[Extractor, ...] = (
    entity_facts,
    extract_relations,
    extract_strikes,
    statement_facts,
    extract_proposals,
    extract_resolutions,
)


def analyse(article: Article, doc: Doc, lex: Lexicon) -> Context:
    """The context of one parsed article: its mentions, then every analysis in turn."""
    ctx = Context(article, doc, lex, find_mentions(doc, lex))
    for name, analysis in ANALYSES:
        ctx = replace(ctx, **{name: analysis(ctx)})
    return ctx


def extract(article: Article, doc: Doc, lex: Lexicon | None = None) -> list[Fact]:
    """All facts of one parsed article, in a stable order.

    Args:
        article: the article (its id and publication date are used).
        doc: its parsed body.
        lex: the lexicon; the packaged one by default.

    Returns:
        The facts of every extractor, in pipeline order.
    """
    lex = lex or load_lexicon()
    if not looks_english(article.body):
        return []  # warned about when read; a parse of another language would only invent facts
    ctx = analyse(article, doc, lex)
    return [fact for extractor in EXTRACTORS for fact in extractor(ctx)]
