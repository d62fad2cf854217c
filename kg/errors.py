"""Error types: every failure a user can cause is a ``KGError`` with one clear line.

Each message says what failed, the value and where, and what to try. Codes are
short and stable so that users can search for them: KG1xx articles, KG2xx the
model, KG3xx rules, KG4xx the ontology, KG5xx the store, KG6xx queries, KG7xx
exports, KG8xx validation. A :class:`KGWarning` is an oddity that does not stop
a build (``warnings.warn``); the CLI prints it as one ``Warning: [KGxxx] ...`` line.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error newskg raises on purpose."""

    code = "KG000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ArticleError(KGError):
    """An input article cannot be read or is not an article."""

    code = "KG100"


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


class ExportError(KGError):
    """An export or page cannot be written."""

    code = "KG700"


class ValidationError(KGError):
    """The graph breaks the contract in ``ontology/shapes.ttl``."""

    code = "KG800"


class KGWarning(UserWarning):
    """Base class of newskg's warnings: something odd that does not stop the build."""

    code = "KG900"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


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
