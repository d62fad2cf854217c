"""Error types: every failure a user can cause is a ``KGError`` with one clear line.

Each message says what failed, the value and where, and what to try. Codes are
short and stable so that users can search for them: KG1xx articles, KG2xx the
model, KG3xx rules, KG4xx the ontology, KG5xx the store, KG6xx queries, KG7xx
exports, KG8xx validation. A :class:`KGWarning` is an oddity that does not stop
a build (``warnings.warn``); the CLI prints it as one ``Warning: [KGxxx] ...`` line.
"""

from __future__ import annotations


def one_line(error: BaseException | str) -> str:
    """An error message (or any text) on one line, its runs of whitespace made one space.

    The CLI prints exactly one line per error, so a message quoted from a library
    (a server's reply, a parser's complaint) is flattened with this first.

    Example:
        >>> one_line(ValueError("bad \\n  value"))
        'bad value'
    """
    return " ".join(str(error).split())


class _Coded:
    """A message that starts with its stable code: ``[KG101] ...``."""

    code = "KG000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class KGError(_Coded, Exception):
    """Base class of every error newskg raises on purpose."""


class ArticleError(KGError):
    """An input article cannot be read or is not an article (the base of the KG10x codes)."""

    code = "KG100"


class ArticleNotFoundError(ArticleError):
    """A path that does not exist, is a directory, cannot be read, or a directory with no articles."""

    code = "KG101"


class EmptyArticleError(ArticleError):
    """A file that is empty, only whitespace, or only front matter."""

    code = "KG102"


class ArticleTooBigError(ArticleError):
    """A file over ``--max-bytes``."""

    code = "KG103"


class EncodingError(ArticleError):
    """Bytes that are not text in a supported encoding: binary, Latin-1, UTF-16 without BOM, bad Unicode."""

    code = "KG104"


class FrontMatterError(ArticleError):
    """YAML front matter that is broken, never closed, or not ``key: value`` lines."""

    code = "KG105"


class DateError(ArticleError):
    """A publication date (front matter or ``--date``) that does not exist or is implausible."""

    code = "KG106"


class ExtractionError(ArticleError):
    """An article whose parse or extraction raised: it is skipped, the other files are built."""

    code = "KG107"


class ModelError(KGError):
    """The spaCy pipeline cannot be loaded."""

    code = "KG200"


class PatternError(KGError):
    """A rule or word list in ``kg/data`` or ``kg/patterns`` is malformed."""

    code = "KG300"


class OntologyError(KGError):
    """A term is used that ``ontology/kg.ttl`` does not define."""

    code = "KG400"


class StoreError(KGError):
    """The store cannot be opened, read or written."""

    code = "KG500"


class QueryError(KGError):
    """A SPARQL query is malformed or not allowed."""

    code = "KG600"


class OutboundQueryError(QueryError):
    """A query that would fetch another URL (SPARQL ``SERVICE`` or ``LOAD``) without ``--allow-service``."""

    code = "KG603"


class ExportError(KGError):
    """An export or page cannot be written."""

    code = "KG700"


class ValidationError(KGError):
    """The graph breaks the contract in ``ontology/shapes.ttl``."""

    code = "KG800"


class KGWarning(_Coded, UserWarning):
    """Base class of newskg's warnings: something odd that does not stop the build."""

    code = "KG900"


class LanguageWarning(KGWarning):
    """An article does not look like English; the English-only extractors skip it."""

    code = "KG110"


class FrontMatterWarning(KGWarning):
    """A front-matter line was not valid YAML on its own and was read as plain text to its end."""

    code = "KG111"


class HostileTextWarning(KGWarning):
    """Runs of punctuation long enough to make the tokenizer's time grow with their square were shortened."""

    code = "KG112"


class InputWarning(KGWarning):
    """An input path was passed over: a link that leaves the input folder, or not a regular file."""

    code = "KG113"


class UndatedWarning(KGWarning):
    """An article has no publication date: no ``published`` in its front matter and no ``--date``."""

    code = "KG120"


class PageSizeWarning(KGWarning):
    """A ``kg viz`` page with more nodes than a browser draws quickly; ``--max-nodes`` draws fewer."""

    code = "KG701"
