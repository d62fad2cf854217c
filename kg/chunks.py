"""Parse texts longer than the parser's ``max_length`` in pieces, merged back into one Doc.

spaCy refuses a text over ``nlp.max_length`` characters (its E088: the parser
and the entity recognizer need about 1 GB per 100,000 characters). A longer
article is cut at paragraph breaks (else after a sentence end, else at
whitespace, else anywhere) into pieces that together are exactly the text, each
piece is parsed, and :meth:`spacy.tokens.Doc.from_docs` joins them without
adding whitespace, so every character offset is that of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

#: where a piece may end, best first: after a blank line, a sentence end, any whitespace
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def _cut_at(text: str, start: int, limit: int) -> int:
    """The end of the piece that starts at ``start``: the last good cut within ``limit`` characters."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start:end]
    for cut in _CUTS:
        last = None
        for last in cut.finditer(window):
            pass
        if last is not None and last.end() > limit // 4:  # a cut too near the start makes tiny pieces
            return start + last.end()
    return end


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters that join back into ``text``, cut where it reads best.

    Example:
        >>> split_text("One. Two.\\n\\nThree four five.", 20)
        ['One. Two.\\n\\n', 'Three four five.']
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    pieces, start = [], 0
    while start < len(text):
        end = _cut_at(text, start, limit)
        pieces.append(text[start:end])
        start = end
    return pieces or [text]


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, with a text over ``nlp.max_length`` parsed in pieces and merged.

    Yields:
        One Doc per text, in order; ``doc.text`` is the text, character for character.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> nlp.max_length = 12
        >>> [d.text for d in parse_texts(nlp, ["Short.", "One two three. Four five six."])]
        ['Short.', 'One two three. Four five six.']
    """
    counts: list[int] = []
    pieces: list[str] = []
    for text in texts:
        parts = split_text(text, nlp.max_length) if len(text) > nlp.max_length else [text]
        counts.append(len(parts))
        pieces += parts
    docs = iter(nlp.pipe(pieces, batch_size=batch_size))
    for n in counts:
        if n == 1:
            yield next(docs)
        else:
            yield Doc.from_docs([next(docs) for _ in range(n)], ensure_whitespace=False)
