"""One canonical label per entity per article.

Short and partial names ("Getachew" for "Getachew Reda", "Burhan" for "Abdel
Fattah al-Burhan"), honorific-free forms and spelling variants ("People's
Defence Force" / "People's Defense Forces") fold into the full name; the other
forms stay on the mention's text and become ``skos:altLabel``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon
from kg.model import Mention

_PARTICLE = re.compile(r"^(al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|van|von|de|da|di|du|le|la)[-‘’']", re.I)
_POSSESSIVE = ("'s", "’s", "'", "’")


def strip_honorifics(span: Span, lex: Lexicon) -> Span:
    """Drop leading honorifics and titles from a person span ("Sheikh Yahya Sinwar")."""
    hon, mods = lex.wordset("honorifics"), lex.wordset("role_modifiers") | lex.wordset("role_nouns")
    start = span.start
    while start < span.end - 1 and (span.doc[start].text in hon or span.doc[start].text.rstrip(".") in hon):
        start += 1
    # "Press Secretary Lia Marr": title words the model took into the name, while a full name remains
    while start < span.end - 2 and span.doc[start].lower_ in mods and span.doc[start].is_title:
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return span.doc[start:end]


def name_key(text: str) -> str:
    """A spelling-insensitive key: "People's Defence Force" and "People's Defense Forces" agree.

    Example:
        >>> name_key("People's Defence Force") == name_key("Peoples Defense Forces")
        True
    """
    words = re.sub(r"[^a-z0-9 ]+", "", text.lower().replace("-", " ")).split()
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]
    return " ".join(w.replace("ce", "se") for w in words if w != "the")


def _bare(word: str) -> str:
    """ "al-Burhan" -> "Burhan": a name particle is not part of the short name."""
    return _PARTICLE.sub("", word)


def part_of(short: str, full_names: Iterable[str]) -> str | None:
    """The one full name ``short`` is a part of: a last name, a first name, or a leading cut.

    Example:
        >>> part_of("Burhan", ["Abdel Fattah al-Burhan"])
        'Abdel Fattah al-Burhan'
        >>> part_of("Mohammed bin Abdulrahman", ["Mohammed bin Abdulrahman Al-Thani"])
        'Mohammed bin Abdulrahman Al-Thani'
    """
    words = short.split()
    found = set()
    for f in full_names:
        fw = f.split()
        if len(fw) <= len(words) or f == short:
            continue
        last = fw[-1]
        if len(words) == 1 and words[0] in (last, last.replace("-", " "), _bare(last), fw[0]):
            found.add(f)
        elif fw[: len(words)] == words or fw[-len(words) :] == words:
            found.add(f)
    return found.pop() if len(found) == 1 else None


def fold(doc: Doc, raw: list[Mention], lex: Lexicon) -> Iterable[Mention]:
    """Give every mention of one entity the same canonical label.

    Persons: "Guterres" folds into "Antonio Guterres", also where the model took
    the short name for an organization or a place. Places: "central Kyiv" folds
    into "Kyiv"; "southern Lebanon" is a region of its own; an apposition
    "Shejaiya, eastern Gaza City" makes "eastern Gaza City" name Shejaiya.
    Organizations: spelling variants fold into the first form written.
    """
    full = sorted({m.label for m in raw if m.cls == "Actor" and " " in m.label}, key=len, reverse=True)
    apposed = _apposed_places(doc, raw, lex)
    nicknames = _nicknames(doc, raw)
    orgs: dict[str, str] = {}
    for m in raw:
        if m.start in nicknames:
            yield replace(m, label=nicknames[m.start], cls="Actor", kind="person")
            continue
        owner = part_of(m.label, full) if m.cls == "Actor" or m.source == "ner" else None
        if owner:
            m = replace(m, label=owner, cls="Actor", kind="person")
        elif m.cls == "Place" and m.text in apposed:
            m = replace(m, label=apposed[m.text])
        elif m.cls == "Place" and m.source == "ner":
            m = replace(m, label=_place_label(m, lex))
        elif m.cls == "Organization" and m.source == "ner":
            m = replace(m, label=orgs.setdefault(name_key(m.label), m.label))
        yield m


def _place_label(m: Mention, lex: Lexicon) -> str:
    words = m.text.split()
    if len(words) > 1 and words[0].lower() in lex.wordset("directions"):
        base = " ".join(words[1:])
        known = lex.lookup(base)
        if known is not None and known.kind == "state":
            return words[0].lower() + " " + known.label  # a region
        return known.label if known else base  # a part of a city
    known = lex.lookup(m.label)
    return known.label if known else m.label


def _apposed_places(doc: Doc, raw: list[Mention], lex: Lexicon) -> dict[str, str]:
    """ "X, southern Y": the directional phrase is another name of X."""
    out: dict[str, str] = {}
    places = [m for m in raw if m.cls == "Place"]
    for a, b in zip(places, places[1:]):
        if b.start == a.end + 1 and doc[a.end].text == "," and b.text.split()[0].lower() in lex.wordset("directions"):
            if lex.lookup(a.label) is None:
                out[b.text] = a.label
    return out


def label_resolutions(mentions: Iterable[Mention]) -> list[Mention]:
    """ "UN Security Council Resolution 1701" names the body; later "Resolution 1701" is the same."""
    items = list(mentions)
    full: dict[str, str] = {}
    for prev, m in zip([None, *items], items):
        if m.cls == "Resolution" and prev is not None and prev.end == m.start and prev.kind == "intl_body":
            full.setdefault(m.extra[0], f"{prev.label} Resolution {m.extra[0]}")
    return [replace(m, label=full.get(m.extra[0], m.label)) if m.cls == "Resolution" else m for m in items]


def fold_bare_bodies(items: list[Mention]) -> list[Mention]:
    """A bare "Council" beside "UN Security Council" is that body, where only one fits."""
    out = []
    for m in items:
        if m.source == "ner" and m.cls == "Organization" and " " not in m.label:
            owners = {x.label for x in items if x.cls == "Organization" and x.label.split()[-1] == m.label}
            owners.discard(m.label)
            if len(owners) == 1:
                m = replace(m, label=owners.pop())
        out.append(m)
    return out


def _nicknames(doc: Doc, raw: list[Mention]) -> dict[int, str]:
    """ "Mohamed Hamdan Dagalo, known as Hemedti": the nickname is the same person."""
    out: dict[int, str] = {}
    for prev, m in zip(raw, raw[1:]):
        words = doc[max(prev.end, m.start - 3) : m.start].text.lower()
        if prev.cls == "Actor" and m.start - prev.end <= 4 and ("known as" in words or "dubbed" in words):
            out[m.start] = prev.label
    return out
