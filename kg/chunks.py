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
#: characters without a sentence end after which the text is cut anyway. The extractors look
#: at the whole sentence around each mention, so their time grows with the square of a
#: sentence's length: a 100 kB "sentence" took 150 s. Real sentences stay far below this.
LONG_SENTENCE = 2_000
_SENTENCE_END = re.compile(r"[.!?;:][\"')\]]*\s+|\n[ \t]*\n")
_SPACE = re.compile(r"\s+")


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


def _long_sentence_cuts(text: str, limit: int) -> list[int]:
    """Offsets that cut every stretch of over ``limit`` characters without a sentence end, at whitespace."""
    cuts, start = [], 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        pos = start
        while end - pos > limit:
            spaces = [m.end() for m in _SPACE.finditer(text, pos + limit // 2, pos + limit)]
            pos = spaces[-1] if spaces else pos + limit
            cuts.append(pos)
        start = end
    return cuts


def pieces_of(text: str, max_length: int, sentence_limit: int = LONG_SENTENCE) -> list[str]:
    """A text cut for parsing: pieces of at most ``max_length``, no stretch over ``sentence_limit`` without a cut.

    Example:
        >>> pieces_of("a b c d e f. Done.", 100, sentence_limit=6)
        ['a b c ', 'd e ', 'f. Done.']
    """
    cuts = _long_sentence_cuts(text, sentence_limit)
    if not cuts and len(text) <= max_length:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [p for a, b in zip(bounds, bounds[1:]) for p in split_text(text[a:b], max_length)]


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, with a text over ``nlp.max_length`` (or a "sentence" over
    :data:`LONG_SENTENCE` characters) parsed in pieces and merged.

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
        parts = pieces_of(text, nlp.max_length)
        counts.append(len(parts))
        pieces += parts
    docs = iter(nlp.pipe(pieces, batch_size=batch_size))
    for n in counts:
        if n == 1:
            yield next(docs)
        else:
            yield Doc.from_docs([next(docs) for _ in range(n)], ensure_whitespace=False)
