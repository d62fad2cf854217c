"""The frozen records that pipeline stages hand to each other.

Extractors yield :class:`Fact` records. A fact names its subject and object by
:class:`EntityRef` or :class:`EventRef` (never by IRI: only ``kg.rdf.iris`` mints
those) or carries a :class:`Value`, and it brings its :class:`Evidence` along.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input document."""

    id: str  # short stable hash of the body
    body: str
    path: str = ""  # the file, absolute and resolved (posix separators): the article's identity
    title: str = ""
    source: str = ""
    published: dt.date | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact came from: the sentence, its offsets, the rule that fired."""

    article_id: str
    char_start: int
    char_end: int
    sentence: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class EntityRef:
    """A named entity, identified by its canonical label."""

    label: str


@dataclass(frozen=True)
class EventRef:
    """An event or statement node: its class and what identifies it."""

    cls: str
    identity: tuple[str, ...]


@dataclass(frozen=True)
class Value:
    """A literal; ``datatype`` is an xsd local name or ``""`` for a plain string."""

    text: str
    datatype: str = ""


@dataclass(frozen=True)
class ArticleRef:
    """An article node, by article id."""

    id: str


Ref = EntityRef | EventRef | ArticleRef


@dataclass(frozen=True)
class Fact:
    """One triple to write, with its evidence.

    ``predicate`` is a ``kg:`` local name, or one of ``type``, ``label``,
    ``altLabel`` and ``sameAs`` (rdf:type, rdfs:label, skos:altLabel, owl:sameAs).
    """

    subject: Ref
    predicate: str
    obj: Ref | Value
    evidence: Evidence


@dataclass(frozen=True)
class Entity:
    """A canonical entity: its label, classes it may take, aliases, Wikidata id."""

    label: str
    kind: str  # state, armed_group, government, army, intl_body, agency, news_agency, party, place, person
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    wikidata: str = ""
    country: str = ""


@dataclass(frozen=True)
class Mention:
    """A span of the Doc that names an entity, with the class it takes there."""

    start: int  # token index
    end: int  # token index, exclusive
    text: str
    label: str  # canonical label of the entity
    cls: str  # Actor, Organization or Place in this context
    kind: str = ""
    source: str = "ner"  # dictionary, ner, demonym, coref, ...
    extra: tuple[str, ...] = field(default=())
