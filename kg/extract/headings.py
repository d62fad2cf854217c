"""Source lines of monitored media: "Moscow IZVESTIYA in Russian 23 Mar 94 p 3".

A monitoring service heads each item with the outlet's home city and name,
then the language and date: "[filing code] PLACE OUTLET [in LANGUAGE ...]".
The small model reads such a line badly ("Beijing XINHUA Domestic Service" as
one organization, "Sofia BTA" as a person), so the line is split here into
the place and the outlet; the dateline rule of :mod:`kg.extract.links` then
bases the outlet in the place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon
from kg.model import Mention

_CODE = re.compile(r"^[A-Z]{2}\d{6,}[A-Z]?$|^\d{2,3}[A-Z]{1,2}\d{4}[A-Z]$")
_MAX_PLACE = 3
_MAX_OUTLET = 6

Take = Callable[[int, int], bool]


_CODE_IN_TEXT = re.compile(r"\b(?:[A-Z]{2}\d{6,}[A-Z]?|\d{2,3}[A-Z]{1,2}\d{4}[A-Z])\b")
_UPPER_WORD = re.compile(r"\b[A-Z][A-Z-]+\b")
_MAX_LINE_WORDS = 30  # a source line is short; a paragraph of the story is not one
_MAX_BARE_WORDS = 8  # a line with no code: just "Moscow PRAVDA"


def doc_text(doc: Doc) -> str:
    """The text of a Doc, built once: ``doc.text`` walks every token each time it is read."""
    text: str | None = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return text


def _candidate_lines(doc: Doc) -> Iterator[Span]:
    """The lines of a Doc that may be source lines, found on the text (cheap) before any token is read."""
    offset = 0
    for line in doc_text(doc).split("\n"):
        start, offset = offset, offset + len(line) + 1
        n = len(line.split())
        if not 2 <= n <= _MAX_LINE_WORDS:
            continue
        if _CODE_IN_TEXT.search(line) or (n <= _MAX_BARE_WORDS and _UPPER_WORD.search(line)):
            span = doc.char_span(start, start + len(line.rstrip()), alignment_mode="expand")
            if span is not None and len(span) > 1:
                yield span


def is_filing_code(text: str) -> bool:
    """A monitoring service's item code ("OW3004022094", "944E0738B").

    Example:
        >>> is_filing_code("PM2303111794"), is_filing_code("944E0738B"), is_filing_code("Moscow")
        (True, True, False)
    """
    return _CODE.match(text) is not None


def _place_at(doc: Doc, i: int, end: int, coded: bool, lex: Lexicon) -> int | None:
    """Where the place that starts at token ``i`` ends: a known one (longest first), one the model
    tagged, the title-case words before an upper-case outlet ("Sofia BTA"), or after a filing code
    one title-case word ("Sarajevo Radio ..."); "Panama City" keeps its "City"."""
    k = next((i + n for n in range(min(_MAX_PLACE, end - i - 1), 0, -1) if _known_place(doc[i : i + n], lex)), i)
    if k == i:
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("GPE", "LOC"):
            k = i + 1
            while k < end and doc[k].ent_iob_ == "I":
                k += 1
            k = k if k < end else i
    if k == i:
        while k < end and k - i < _MAX_PLACE and _place_word(doc, k, lex):
            k += 1
        if not (i < k < end and doc[k].is_upper and (len(doc[k]) > 1 or k + 1 < end and doc[k + 1].is_upper)):
            k = i + 1 if coded and doc[i].is_title else i
    while i < k < end - 1 and doc[k].is_title and doc[k].lower_ in lex.wordset("place_nouns"):
        k += 1
    return k if k > i else None


def _place_word(doc: Doc, k: int, lex: Lexicon) -> bool:
    """A word of a place name: "Sao", "Paulo", and "de" inside "Rio de Janeiro"."""
    t = doc[k]
    if t.lower_ in lex.wordset("name_particles") and k + 1 < len(doc):
        return k > 0 and doc[k - 1].is_title and doc[k + 1].is_title and not doc[k + 1].is_upper
    return t.is_title and not t.is_upper


def _known_place(span: Span, lex: Lexicon) -> bool:
    known = lex.lookup(span.text)
    return known is not None and known.kind in ("state", "place")


def _is_language(doc: Doc, i: int, lex: Lexicon) -> bool:
    """ "in Russian 23 Mar 94", "in Serbo-Croatian 2000 GMT": a language, then the date."""
    t = doc[i]
    if not t.is_title:
        return False
    return (
        t.ent_type_ in ("LANGUAGE", "NORP")
        or lex.demonym(t.text) is not None
        or any(x.like_num or x.text == "GMT" for x in doc[i + 1 : i + 5])
    )


def _outlet_end(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, bool] | None:
    """Where the outlet's name ends, and whether a language ("in Russian") follows it."""
    k = start
    while k < end and k - start < _MAX_OUTLET:
        t = doc[k]
        if t.lower_ == "in" and k + 1 < end and _is_language(doc, k + 1, lex):
            return (k, True) if k > start else None
        if not (t.is_title or t.is_upper or t.text == "-" or t.lower_ in lex.wordset("name_particles")):
            return None
        k += 1
    return (k, False) if k == end and k > start else None


def _heading(line: Span, lex: Lexicon) -> tuple[int, int, int] | None:
    """(place start, place end, outlet end) of a source line, if it is one."""
    doc = line.doc
    codes = [t.i for t in line if is_filing_code(t.text)]
    start = codes[-1] + 1 if codes else line.start
    if start >= line.end - 1 or doc[start].is_upper:
        return None  # "BELGRADE, Yugoslavia (AP)" is a dateline of the story, not a source line
    place_end = _place_at(doc, start, line.end, bool(codes), lex)
    if place_end is None:
        return None
    out = _outlet_end(doc, place_end, line.end, lex)
    if out is None:
        return None
    outlet_end, language = out
    # without a code or a language, only an upper-case name is surely an outlet: "Moscow PRAVDA"
    if not (codes or language or all(t.is_upper or not t.is_alpha for t in doc[place_end:outlet_end])):
        return None
    return start, place_end, outlet_end


def heading_mentions(doc: Doc, lex: Lexicon, take: Take) -> Iterator[Mention]:
    """The place and the outlet of every source line of a Doc."""
    for line in _candidate_lines(doc):
        found = _heading(line, lex)
        if found is None:
            continue
        start, place_end, outlet_end = found
        outlet_end = _known_prefix(doc, place_end, outlet_end, lex)
        if not take(start, outlet_end):
            continue
        text, outlet = doc[start:place_end].text, doc[place_end:outlet_end]
        place, known = lex.lookup(text), lex.lookup(outlet.text)
        if place is not None:
            yield Mention(start, place_end, text, place.label, "Place", place.kind, "dictionary")
        else:
            yield Mention(start, place_end, text, text, "Place", "place", "ner")
        yield Mention(
            place_end, outlet_end, outlet.text, known.label if known else outlet.text, "Organization", "news_agency"
        )


def _known_prefix(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """ "XINHUA Domestic Service": a service of a known agency is that agency."""
    for k in range(start + 1, end):
        known = lex.lookup(doc[start:k].text)
        if known is not None and known.kind == "news_agency":
            return k
    return end
