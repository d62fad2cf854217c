"""The records extractors share: the frozen context every extractor reads, roles and statements."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import Article, Mention


@dataclass(frozen=True)
class Role:
    """A person's role, as written, and the organization it belongs to."""

    person: str  # canonical label
    text: str  # "government spokesman"
    head: str  # lower-cased head noun: "spokesman"
    org: str  # canonical label, or ""
    leads: bool
    token: int  # a token of the sentence it was found in
    rule: str


@dataclass(frozen=True)
class Said:
    """A statement found in one sentence."""

    sent_start: int  # token index of the sentence
    speaker: Mention
    quote: str
    rule: str
    anchor: int  # token index the evidence and date hang on


@dataclass(frozen=True)
class Context:
    """What every extractor reads: the article, its parse, the lexicon, and what the analyses found.

    The analyses of :data:`kg.extract.pipeline.ANALYSES` fill ``mentions``, ``roles``
    and ``said`` in turn; each extractor then reads the finished context.
    """

    article: Article
    doc: Doc
    lex: Lexicon
    mentions: Mentions
    roles: tuple[Role, ...] = ()
    said: tuple[Said, ...] = ()
