"""The one place that mints IRIs. Same input, same IRI: rebuilds are stable.

Entities: ``kgr:`` + canonical label with spaces as ``_``. Events and
statements: ``kgr:`` + class + a short hash of what identifies them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.model import ArticleRef, EntityRef, EventRef
from kg.rdf.ns import KGR

RESOURCE = str(KGR)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_EDGES = "_-"
MAX_LOCAL = 120


def short_hash(*parts: str, size: int = 12) -> str:
    """A short stable hash of some strings.

    Example:
        >>> short_hash("a", "b")
        '687d61996b1c'
    """
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def local_name(label: str) -> str:
    """The IRI local name of a label: ASCII letters, digits, ``_`` and ``-`` only.

    Accents are dropped, every other run of characters becomes one ``_``, and the
    name neither starts nor ends with ``_`` or ``-``, so every Turtle parser reads it
    as a plain prefixed name. A label with nothing left gets a short hash.

    Example:
        >>> local_name("Antonio Guterres"), local_name("Côte d'Ivoire"), local_name("Acme Corp.")
        ('Antonio_Guterres', 'Cote_d_Ivoire', 'Acme_Corp')
        >>> local_name("كتائب")
        'x_f855c6bbaeba'
    """
    ascii_form = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"_+", "_", _UNSAFE.sub("_", ascii_form)).strip(_EDGES)
    if len(name) > MAX_LOCAL:  # a whole sentence taken as a name: keep IRIs short, still distinct
        name = f"{name[: MAX_LOCAL - 13].rstrip(_EDGES)}_{short_hash(label)}"
    return name or f"x_{short_hash(label)}"


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
