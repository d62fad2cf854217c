"""Stage 3: find the entities a Doc names, typed by what they do there.

Sources, in order of trust: the actor dictionary (``kg/data/actors.json``),
resolution numbers, then spaCy's NER, with repairs where the small model errs.
Demonyms ("Israeli", "Ukrainian") stand for their state only where they modify
an agent: a role, a government or an attack. One canonical label per entity
per article: short names and honorifics fold into the full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import ORG_KINDS, Lexicon
from kg.model import Mention

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_RES_NUMBER = re.compile(r"^\d{2,5}(\(\d{4}\))?$")
_PLACE_HEADS = frozenset(
    {
        "area",
        "areas",
        "region",
        "part",
        "parts",
        "city",
        "town",
        "village",
        "outskirts",
        "south",
        "north",
        "east",
        "west",
        "territory",
        "suburbs",
        "border",
        "province",
        "district",
    }
)


@dataclass(frozen=True)
class Mentions:
    """The mentions of one Doc, with a token index to look them up."""

    items: tuple[Mention, ...]
    by_token: dict[int, int]  # token index -> index into items
    doc: Doc
    sent_of: tuple[int, ...] = ()  # token index -> sentence number

    def sentence(self, i: int) -> int:
        """The number of the sentence token ``i`` is in."""
        return self.sent_of[i]

    def at(self, i: int) -> Mention | None:
        """The mention covering token ``i``, if any."""
        k = self.by_token.get(i)
        return None if k is None else self.items[k]

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie wholly inside tokens ``[start, end)``."""
        return [m for m in self.items if m.start >= start and m.end <= end]


def _matchers(nlp_vocab, lex: Lexicon) -> tuple[PhraseMatcher, PhraseMatcher]:
    key = id(lex)
    cached = _MATCHER_CACHE.get(key)
    if cached and cached[0].vocab is nlp_vocab:
        return cached
    from spacy.lang.en import English

    tok = English(vocab=nlp_vocab).tokenizer
    exact = PhraseMatcher(nlp_vocab, attr="ORTH")
    lower = PhraseMatcher(nlp_vocab, attr="LOWER")
    for name, label in sorted(lex.names.items()):
        exact.add(label, [tok(name)])
    for name, label in sorted(lex.lower_names.items()):
        lower.add(label, [tok(name)])
    _MATCHER_CACHE[key] = (exact, lower)
    return exact, lower


_MATCHER_CACHE: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _dictionary_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    exact, lower = _matchers(doc.vocab, lex)
    found: dict[tuple[int, int], str] = {}
    for matcher in (exact, lower):
        for match_id, start, end in matcher(doc):
            label = doc.vocab.strings[match_id]
            span = doc[start:end]
            # a lower-case match must still look like a name ("army" alone is not one)
            if matcher is lower and not any(t.is_title or t.is_upper for t in span):
                continue
            found.setdefault((start, end), label)
    return _longest_first(found)


def _longest_first(found: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    taken: set[int] = set()
    out = []
    for (start, end), label in sorted(found.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            out.append((start, end, label))
    return sorted(out)


def _resolution_spans(doc: Doc) -> list[tuple[int, int, str]]:
    out = []
    for t in doc:
        if t.lower_ in ("resolution", "resolutions") and t.i + 1 < len(doc):
            nxt = doc[t.i + 1]
            if nxt.text.lower() == "no." and t.i + 2 < len(doc):
                nxt = doc[t.i + 2]
            elif nxt.lower_ == "no" and t.i + 3 < len(doc) and doc[t.i + 2].text == ".":
                nxt = doc[t.i + 3]  # "Resolution No. 1973" tokenized as No / .
            if _RES_NUMBER.match(nxt.text):
                out.append((t.i, nxt.i + 1, re.sub(r"\(.*", "", nxt.text)))
    return out


def strip_honorifics(span: Span, lex: Lexicon) -> Span:
    """Drop leading honorifics and titles from a person span ("Sheikh Yahya Sinwar")."""
    hon = lex.wordset("honorifics")
    start = span.start
    while start < span.end - 1 and (span.doc[start].text in hon or span.doc[start].text.rstrip(".") in hon):
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[start:end]


def _is_role_word(t: Token, lex: Lexicon) -> bool:
    return t.lower_ in lex.wordset("role_nouns") or t.lemma_.lower() in lex.wordset("role_nouns")


def _class_of_state(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    """Place where something happens, Organization where it acts."""
    head = doc[start:end].root
    if start > 0 and doc[start - 1].lower_ in lex.wordset("directions"):
        return "Place"
    if head.dep_ == "pobj" and head.head.lower_ in (
        "in",
        "across",
        "into",
        "near",
        "from",
        "inside",
        "throughout",
        "to",
        "at",
        "toward",
        "towards",
        "over",
    ):
        return "Place"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _PLACE_HEADS:
        return "Place"
    if head.dep_ == "poss" or (end < len(doc) and doc[end].text in ("'s", "’s")):
        owner = head.head
        ent = lex.lookup(owner.text)
        if owner.ent_type_ in ("ORG", "NORP") or (ent and ent.kind in ORG_KINDS - {"state"}):
            return "Place"  # "Yemen's Houthis": where the group is based
    return "Organization"


def _demonym_heads(lex: Lexicon) -> frozenset[str]:
    return (
        lex.wordset("role_nouns")
        | lex.wordset("role_modifiers")
        | lex.wordset("government_nouns")
        | frozenset(lex.words["strike_nouns"])
        | frozenset(lex.words["munition_nouns"])
        | frozenset(lex.words["platform_nouns"])
        | lex.wordset("army_nouns")
        | frozenset(
            {
                "airstrikes",
                "strikes",
                "attacks",
                "raids",
                "warplanes",
                "jets",
                "official",
                "officials",
                "proposal",
                "plan",
                "delegation",
                "negotiators",
                "diplomats",
                "authorities",
            }
        )
    )


def _demonym_spans(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[int, int, str]]:
    heads = _demonym_heads(lex)
    out = []
    for t in doc:
        if t.i in taken or lex.demonym(t.text) is None or not t.text[:1].isupper():
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None:
            continue
        # "Ukrainian foreign ministry spokesman", "Russian drone attack", "the Russian ambassador"
        if (
            nxt.lower_ in heads
            or nxt.lemma_.lower() in heads
            or (
                t.head.i > t.i
                and (t.head.lemma_.lower() in heads or t.head.lower_ in heads)
                and all(doc[k].i not in taken for k in range(t.i, t.head.i))
            )
        ):
            out.append((t.i, t.i + 1, lex.demonym(t.text).label))
    return out


def find_mentions(doc: Doc, lex: Lexicon) -> Mentions:
    """Find and type the entity mentions of a Doc.

    Args:
        doc: a parsed Doc.
        lex: the lexicon.

    Returns:
        Mentions sorted by position, each with its canonical label and class.
    """
    raw: list[Mention] = []
    taken: set[int] = set()
    not_entities = lex.wordset("not_entities")

    def take(start: int, end: int) -> bool:
        if not taken.isdisjoint(range(start, end)):
            return False
        taken.update(range(start, end))
        return True

    titled = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and len(ent) >= 2 and ent.start > 0 and _is_role_word(doc[ent.start - 1], lex):
            if lex.lookup(ent.text) is None and take(ent.start, ent.end):
                titled.append(
                    Mention(ent.start, ent.end, ent.text, strip_honorifics(ent, lex).text, "Actor", "person", "ner")
                )
    raw.extend(titled)
    for start, end, number in _resolution_spans(doc):
        if take(start, end):
            raw.append(
                Mention(
                    start,
                    end,
                    doc[start:end].text,
                    f"Resolution {number}",
                    "Resolution",
                    "resolution",
                    "pattern",
                    (number,),
                )
            )
    for start, end, label in _dictionary_spans(doc, lex):
        ent = lex.entities[label]
        # "Hamas leader" inside a PERSON span stays; "X" the platform is not an actor here
        if doc[start:end].text in not_entities or not take(start, end):
            continue
        before = doc[start - 1] if start else None
        if ent.kind in ("state", "place") and before is not None and before.lower_ in lex.wordset("directions"):
            # "southern Lebanon" is a region of its own; "central Kyiv" is still Beirut
            if take(start - 1, start):
                region = f"{before.lower_} {label}" if ent.kind == "state" else label
                raw.append(Mention(start - 1, end, doc[start - 1 : end].text, region, "Place", "place", "dictionary"))
                continue
        if ent.kind == "state":
            cls = _class_of_state(doc, start, end, lex)
        elif ent.kind == "place":
            cls = "Place"
        else:
            cls = "Organization"
        raw.append(Mention(start, end, doc[start:end].text, label, cls, ent.kind, "dictionary"))
    for ent in doc.ents:
        span = ent
        overlap = [i for i in range(ent.start, ent.end) if i in taken]
        if overlap and ent.label_ in PERSON_LABELS:
            # "Hamas leader Yahya Sinwar" tagged whole: keep the part after the dictionary hit
            span = doc[max(overlap) + 1 : ent.end]
            if not span or not span[0].is_title:
                continue
        elif overlap:
            continue
        raw.extend(_ner_mention(doc, span, ent.label_, lex, take))
    for start, end, label in _demonym_spans(doc, lex, taken):
        if take(start, end):
            raw.append(Mention(start, end, doc[start:end].text, label, "Organization", "state", "demonym"))
    raw.sort(key=lambda m: m.start)
    items = tuple(_label_resolutions(_fold(doc, raw, lex)))
    by_token = {i: k for k, m in enumerate(items) for i in range(m.start, m.end)}
    sent_of = tuple(k for k, s in enumerate(doc.sents) for _ in s)
    return Mentions(items, by_token, doc, sent_of)


PLACE_NOUNS = frozenset(
    {
        "neighbourhood",
        "neighborhood",
        "district",
        "camp",
        "village",
        "town",
        "city",
        "province",
        "region",
        "area",
        "suburb",
        "governorate",
        "county",
        "quarter",
        "base",
        "port",
        "border",
    }
)
LOCATIVE_PREPS = frozenset(
    {"in", "near", "at", "outside", "inside", "across", "into", "from", "around", "toward", "towards"}
)


def _looks_like_place(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """A "person" the small model found where only a place fits."""
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True  # "the Shejaiya neighbourhood"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in PLACE_NOUNS:
        return True  # "the town of Lalibela"
    return False


def _is_apposed_to_role(span: Span, lex: Lexicon) -> bool:
    head = span.root
    if len(span) < 2 or not all(t.is_title for t in span):
        return False
    if head.dep_ == "appos" and _is_role_word(head.head, lex):
        return True
    return any(c.dep_ == "appos" and _is_role_word(c, lex) for c in head.children)


def _ner_mention(doc: Doc, span: Span, label: str, lex: Lexicon, take) -> Iterable[Mention]:
    if span.text in lex.wordset("not_entities") or not any(t.is_alpha for t in span):
        return
    # a leading article or trailing possessive is not part of the name
    while span and (span[0].lower_ in ("the", "a", "an") or not span[0].is_alpha and not span[0].is_digit):
        span = span[1:]
    while span and span[-1].text in ("'s", "’s", "'", "’", "-"):
        span = span[:-1]
    if not span:
        return
    after = doc[span.end] if span.end < len(doc) else None
    if label in PERSON_LABELS:
        name = strip_honorifics(span, lex)
        head = span.root
        cls, kind = "Actor", "person"
        if _looks_like_place(doc, span, lex):
            cls, kind = "Place", "place"  # "in Kryvyi Rih": the small model took a town for a person
        if take(span.start, span.end):
            yield Mention(span.start, span.end, span.text, name.text, cls, kind, "ner")
    elif label in ORG_LABELS:
        if label == "NORP":
            return  # nationalities and groups of people are not agents by themselves
        # "Defence Minister": title words, not an organization
        if after is not None and _is_role_word(after, lex) and after.is_title:
            return
        # "Secretary of State", "Chief of Staff": part of a title
        if span.start >= 2 and doc[span.start - 1].lower_ == "of" and _is_role_word(doc[span.start - 2], lex):
            return
        cls = "Organization"
        head = span.root
        if head.dep_ == "pobj" and head.head.lower_ in (
            "in",
            "near",
            "across",
            "into",
            "at",
            "outside",
            "inside",
            "throughout",
        ):
            cls = "Place"  # an "organization" where something happens is a place the model mistyped
        if _is_apposed_to_role(span, lex):
            # "Russia's ambassador to the UN, Vassily Nebenzia": a person the model took for an organization
            if take(span.start, span.end):
                yield Mention(
                    span.start, span.end, span.text, strip_honorifics(span, lex).text, "Actor", "person", "ner"
                )
            return
        if take(span.start, span.end):
            yield Mention(span.start, span.end, span.text, span.text, cls, "org", "ner")
    elif label in PLACE_LABELS:
        if lex.demonym(span.text) is not None:
            return  # "Ukrainian cities": an adjective, not a place name
        start = span.start
        if start > 0 and doc[start - 1].lower_ in lex.wordset("directions") and doc[start - 1].i not in _taken_guard:
            start -= 1  # "central Kyiv", "southern Lebanon"
        if take(start, span.end):
            yield Mention(start, span.end, doc[start : span.end].text, span.text, "Place", "place", "ner")


_taken_guard: frozenset[int] = frozenset()


def _fold(doc: Doc, raw: list[Mention], lex: Lexicon) -> Iterable[Mention]:
    """Give every mention of one entity the same canonical label.

    Persons: "Guterres" folds into "Antonio Guterres". Places: "central Kyiv"
    folds into "Beirut"; "southern Lebanon" is a region of its own; an
    apposition "Shejaiya, eastern Gaza City" makes "eastern Gaza City" name Shejaiya.
    """
    persons = [m for m in raw if m.cls == "Actor"]
    full = sorted({m.label for m in persons if " " in m.label}, key=len, reverse=True)
    apposed = _apposed_places(doc, raw, lex)
    nicknames = _nicknames(doc, raw)
    for m in raw:
        if m.start in nicknames:
            yield replace(m, label=nicknames[m.start], cls="Actor", kind="person")
            continue
        if m.cls == "Actor" or (" " not in m.label and m.source == "ner" and _surname_of(m.label, full)):
            owner = _surname_of(m.label, full) if " " not in m.label else None
            if owner:
                m = replace(m, label=owner, cls="Actor", kind="person")
        elif m.cls == "Place" and m.text in apposed:
            m = replace(m, label=apposed[m.text])
        elif m.cls == "Place" and m.source == "ner":
            words = m.text.split()
            if len(words) > 1 and words[0].lower() in lex.wordset("directions"):
                base = " ".join(words[1:])
                known = lex.lookup(base)
                if known is not None and known.kind == "state":
                    m = replace(m, label=words[0].lower() + " " + known.label)  # a region
                else:
                    m = replace(m, label=known.label if known else base)  # a part of a city
            else:
                known = lex.lookup(m.label)
                if known:
                    m = replace(m, label=known.label)
        yield m


def _surname_of(name: str, full_names: list[str]) -> str | None:
    for f in full_names:
        if f.split()[-1] == name or f.split()[-1].replace("-", " ") == name:
            return f
    return None


def _apposed_places(doc: Doc, raw: list[Mention], lex: Lexicon) -> dict[str, str]:
    """ "X, southern Y": the directional phrase is another name of X."""
    out: dict[str, str] = {}
    places = [m for m in raw if m.cls == "Place"]
    for a, b in zip(places, places[1:]):
        if b.start == a.end + 1 and doc[a.end].text == "," and b.text.split()[0].lower() in lex.wordset("directions"):
            if lex.lookup(a.label) is None:
                out[b.text] = a.label
    return out


def _label_resolutions(mentions: Iterable[Mention]) -> list[Mention]:
    """ "UN Security Council Resolution 1701" names the body; later "Resolution 1701" is the same."""
    items = list(mentions)
    full: dict[str, str] = {}
    for prev, m in zip([None, *items], items):
        if m.cls == "Resolution" and prev is not None and prev.end == m.start and prev.kind == "intl_body":
            full.setdefault(m.extra[0], f"{prev.label} Resolution {m.extra[0]}")
    return [replace(m, label=full.get(m.extra[0], m.label)) if m.cls == "Resolution" else m for m in items]


def _nicknames(doc: Doc, raw: list[Mention]) -> dict[int, str]:
    """ "Mohamed Hamdan Dagalo, known as Hemedti": the nickname is the same person."""
    out: dict[int, str] = {}
    for prev, m in zip(raw, raw[1:]):
        words = doc[max(prev.end, m.start - 3) : m.start].text.lower()
        if prev.cls == "Actor" and m.start - prev.end <= 4 and ("known as" in words or "dubbed" in words):
            out[m.start] = prev.label
    return out
