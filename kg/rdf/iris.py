"""The one place that mints IRIs. Same input, same IRI: rebuilds are stable.

Entities: ``kgr:`` + canonical label with spaces as ``_``. Events and
statements: ``kgr:`` + class + a short hash of what identifies them.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from kg.model import ArticleRef, EntityRef, EventRef
from kg.rdf.ns import KGR

RESOURCE = str(KGR)


def short_hash(*parts: str, size: int = 12) -> str:
    """A short stable hash of some strings.

    Example:
        >>> short_hash("a", "b")
        '687d61996b1c'
    """
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def local_name(label: str) -> str:
    """The IRI local name of a label: spaces to ``_``, other unsafe characters %-encoded.

    Example:
        >>> local_name("Antonio Guterres"), local_name("Côte d'Ivoire")
        ('Antonio_Guterres', 'C%C3%B4te_d%27Ivoire')
    """
    return quote("_".join(label.split()), safe="_-.")


def mint_iri(ref: EntityRef | EventRef | ArticleRef) -> str:
    """The IRI of an entity or event.

    Example:
        >>> mint_iri(EntityRef("Antonio Guterres"))
        'https://w3id.org/newskg/resource/Antonio_Guterres'
    """
    if isinstance(ref, EntityRef):
        return RESOURCE + local_name(ref.label)
    if isinstance(ref, ArticleRef):
        return article_iri(ref.id)
    return f"{RESOURCE}{ref.cls}_{short_hash(*ref.identity)}"


def article_iri(article_id: str) -> str:
    """The IRI of an article, which is also the name of its graph."""
    return f"{RESOURCE}article_{article_id}"


def record_iri(*parts: str) -> str:
    """The IRI of one provenance record (a reified rdf:Statement)."""
    return f"{RESOURCE}evidence_{short_hash(*parts, size=16)}"
