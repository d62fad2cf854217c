"""Date phrases resolved against the article's publication date.

Returns a day or a span; the phrase as written always goes along as
``kg:dateText``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.model import EventRef, Evidence, Fact, Value

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9


@dataclass(frozen=True)
class When:
    """A resolved date: ``start == end`` for a single day."""

    start: dt.date
    end: dt.date
    text: str

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def _month_day(text: str, ref: dt.date) -> dt.date | None:
    m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", text)
    if m and m.group(1).lower() in MONTHS:
        month, day, year = MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
    else:
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?\b", text)
        if not (m and m.group(2).lower() in MONTHS):
            return None
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3)
    y = int(year) if year else ref.year
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    if not year and d > ref + dt.timedelta(days=7):
        d = d.replace(year=y - 1)  # "November 25" in a January article is last year's
    return d


def _iso_day(text: str) -> dt.date | None:
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    try:
        return dt.date(*map(int, m.groups())) if m else None
    except ValueError:
        return None


def resolve_date(text: str, ref: dt.date | None) -> When | None:
    """Resolve a date phrase against the publication date ``ref``; None where it names no day
    or falls off the calendar.

    Example:
        >>> ref = dt.date(2024, 11, 25)  # a Monday
        >>> resolve_date("over the weekend", ref)
        When(start=datetime.date(2024, 11, 23), end=datetime.date(2024, 11, 24), text='over the weekend')
        >>> resolve_date("last week", ref).start
        datetime.date(2024, 11, 18)
        >>> resolve_date("Monday (November 25)", ref).start
        datetime.date(2024, 11, 25)
    """
    try:
        return _resolve(text, ref)
    except (OverflowError, ValueError):
        return None  # "last week" of 0001-01-03


def _resolve(text: str, ref: dt.date | None) -> When | None:
    """The body of :func:`resolve_date`."""
    iso = _iso_day(text)
    if iso is not None or ref is None:
        return When(iso, iso, text) if iso is not None else None
    low = text.lower().strip()
    day = _month_day(text, ref)
    if day:
        return When(day, day, text)
    if re.search(r"\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b", low):
        return When(ref, ref, text)
    if re.search(r"\byesterday\b|\blast night\b", low):
        d = ref - dt.timedelta(days=1)
        return When(d, d, text)
    m = re.search(r"\b(\w+) days? ago\b", low)
    if m and m.group(1).isdigit():
        d = ref - dt.timedelta(days=int(m.group(1)))
        return When(d, d, text)
    if "weekend" in low:
        # the last Saturday-Sunday on or before the reference day
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        if sat + dt.timedelta(days=1) > ref and ref.weekday() != 6:
            sat -= dt.timedelta(days=7)
        if ref.weekday() == 6:
            sat = ref - dt.timedelta(days=1)
        return When(sat, sat + dt.timedelta(days=1), text)
    if "last week" in low or "previous week" in low:
        monday = ref - dt.timedelta(days=ref.weekday() + 7)
        return When(monday, monday + dt.timedelta(days=6), text)
    if "this week" in low or "earlier this week" in low:
        monday = ref - dt.timedelta(days=ref.weekday())
        return When(monday, ref, text)
    if "last month" in low:
        first = (ref.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return When(first, ref.replace(day=1) - dt.timedelta(days=1), text)
    if "this month" in low:
        return When(ref.replace(day=1), ref, text)
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            back = (ref.weekday() - wd) % 7
            if "last" in low.split() and back == 0:
                back = 7
            d = ref - dt.timedelta(days=back)
            return When(d, d, text)
    m = re.search(r"\b(" + "|".join(k for k in MONTHS if len(k) > 3) + r")\b(?:\s+(\d{4}))?", low)
    if m:
        month = MONTHS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else (ref.year if month <= ref.month else ref.year - 1)
        last = calendar.monthrange(year, month)[1]
        return When(dt.date(year, month, 1), dt.date(year, month, last), text)
    m = re.fullmatch(r"(?:in )?(\d{4})", low)
    if m:
        y = int(m.group(1))
        return When(dt.date(y, 1, 1), dt.date(y, 12, 31), text)
    return None


def date_in(sent: Span, anchor: Token | None, ref: dt.date | None, avoid: frozenset[str] = frozenset()) -> When | None:
    """The date phrase of a sentence, preferring one attached near ``anchor``.

    A date hung on a verb whose lemma is in ``avoid`` (a speech verb: "said on Wednesday that a
    Tuesday strike...") is the day of the report, not of the event, unless that verb is the anchor.
    """
    found = []
    # Span.ents rebuilds Doc.ents on every call: keep the DATE spans on the Doc once
    dates = sent.doc.user_data.get("kg.extract.dates")
    if dates is None:
        dates = sent.doc.user_data["kg.extract.dates"] = tuple(e for e in sent.doc.ents if e.label_ == "DATE")
    for ent in dates:
        if ent.start < sent.start or ent.end > sent.end or _told_on(ent, anchor, avoid):
            continue
        text = ent.text
        start = ent.start
        # "over the weekend", "on Monday", "in September": keep the preposition as written
        if start > sent.start and sent.doc[start - 1].lower_ in (
            "over",
            "on",
            "in",
            "during",
            "since",
            "last",
            "this",
            "earlier",
            "late",
        ):
            text = sent.doc[start - 1 : ent.end].text
        if ent.end < sent.end - 1 and sent.doc[ent.end].text == "(":
            close = next((t.i for t in sent.doc[ent.end : sent.end] if t.text == ")"), None)
            if close:
                text = sent.doc[start : close + 1].text  # "Monday (November 25)"
        when = resolve_date(text, ref)
        if when is not None:
            dist = abs(ent.root.head.i - anchor.i) if anchor is not None else 0
            found.append((dist, when))
    if found:
        return min(found, key=lambda x: x[0])[1]
    # phrases the small model does not tag as DATE
    m = _LOOSE_DATE.search(sent.text)
    return resolve_date(m.group(0), ref) if m else None


def _told_on(ent: Span, anchor: Token | None, avoid: frozenset[str]) -> bool:
    """Whether a date phrase is attached to a verb of ``avoid`` other than the anchor."""
    head = ent.root.head
    if head.dep_ == "prep":
        head = head.head
    return bool(avoid) and head.lemma_.lower() in avoid and (anchor is None or head.i != anchor.i)


_LOOSE_DATE = re.compile(
    r"\b(last night|yesterday|today|tonight|this (?:morning|afternoon|evening)|earlier this week)\b", re.I
)


def date_facts(node: EventRef, when: When, ev: Evidence) -> Iterator[Fact]:
    if when.is_day:
        yield Fact(node, "date", Value(when.start.isoformat(), "date"), ev)
    else:
        yield Fact(node, "startDate", Value(when.start.isoformat(), "date"), ev)
        yield Fact(node, "endDate", Value(when.end.isoformat(), "date"), ev)
    yield Fact(node, "dateText", Value(when.text), ev)
