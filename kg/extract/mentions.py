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
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.headings import heading_mentions
from kg.extract.lexicon import Lexicon
from kg.extract.names import fold, fold_bare_bodies, label_resolutions, strip_honorifics
from kg.extract.ner import PERSON_LABELS, class_of_state, is_role_word, name_runs_on, ner_mention
from kg.model import Mention
from kg.nlp import words

_RES_NUMBER = re.compile(r"^\d{2,5}(\(\d{4}\))?$")


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


def _matchers(nlp_vocab: Vocab, lex: Lexicon) -> tuple[PhraseMatcher, PhraseMatcher]:
    key = id(lex)
    cached = _MATCHER_CACHE.get(key)
    if cached and getattr(cached[0], "vocab", None) is nlp_vocab:
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
    lower, _ = words(doc)  # test the word first: a Token is built anew on every access
    for i in (k for k, w in enumerate(lower) if w in ("resolution", "resolutions")):
        t = doc[i]
        if t.i + 1 < len(doc):
            nxt = doc[t.i + 1]
            if nxt.text.lower() == "no." and t.i + 2 < len(doc):
                nxt = doc[t.i + 2]
            elif nxt.lower_ == "no" and t.i + 3 < len(doc) and doc[t.i + 2].text == ".":
                nxt = doc[t.i + 3]  # "Resolution No. 1973" tokenized as No / .
            if _RES_NUMBER.match(nxt.text):
                out.append((t.i, nxt.i + 1, re.sub(r"\(.*", "", nxt.text)))
    return out


def _demonym_heads(lex: Lexicon) -> frozenset[str]:
    return (
        lex.wordset("role_nouns")
        | lex.wordset("role_modifiers")
        | lex.wordset("government_nouns")
        | frozenset(lex.words["strike_nouns"])
        | frozenset(lex.words["munition_nouns"])
        | frozenset(lex.words["platform_nouns"])
        | lex.wordset("army_nouns")
        | lex.wordset("demonym_heads")
    )


def _demonym_spans(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[int, int, str]]:
    heads = _demonym_heads(lex)
    out = []
    lower, _ = words(doc)
    for i in (k for k, w in enumerate(lower) if w in lex.demonyms and k not in taken):
        t = doc[i]
        state = lex.demonym(t.text)
        if state is None or not t.text[:1].isupper():
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None:
            continue
        backed = nxt.text == "-" and t.i + 2 < len(doc) and doc[t.i + 2].lower_ in lex.wordset("backed_words")
        # "Ukrainian foreign ministry spokesman", "Russian drone attack", "the Russian ambassador", "Iranian-backed"
        if (
            backed
            or nxt.lower_ in heads
            or nxt.lemma_.lower() in heads
            or (
                t.head.i > t.i
                and (t.head.lemma_.lower() in heads or t.head.lower_ in heads)
                and all(doc[k].i not in taken for k in range(t.i, t.head.i))
            )
        ):
            out.append((t.i, t.i + 1, state.label))
    return out


class _Taken:
    """The tokens already claimed by a mention: the first, most trusted source wins."""

    def __init__(self) -> None:
        self.tokens: set[int] = set()

    def __call__(self, start: int, end: int) -> bool:
        if not self.tokens.isdisjoint(range(start, end)):
            return False
        self.tokens.update(range(start, end))
        return True


def _titled_persons(doc: Doc, lex: Lexicon, take: _Taken) -> Iterable[Mention]:
    """ "spokesman John Kirby": a PERSON span right after a role word, before any dictionary name."""
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and len(ent) >= 2 and ent.start > 0 and is_role_word(doc[ent.start - 1], lex):
            span = name_runs_on(doc, ent)
            if lex.lookup(span.text) is None and take(span.start, span.end):
                label = strip_honorifics(span, lex).text
                yield Mention(span.start, span.end, span.text, label, "Actor", "person", "ner")


def _resolutions(doc: Doc, take: _Taken) -> Iterable[Mention]:
    for start, end, number in _resolution_spans(doc):
        if take(start, end):
            text = doc[start:end].text
            yield Mention(start, end, text, f"Resolution {number}", "Resolution", "resolution", "pattern", (number,))


def _inside_org_name(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "Minsk Group", "Bank of Japan": a place name inside a longer organization name is no place here."""
    if doc[start].ent_type_ != "ORG":
        return False
    ent = next((e for e in doc.ents if e.start <= start < e.end), None)
    return ent is not None and len(ent) > end - start and lex.lookup(ent.text) is None and ent.end >= end


def _dictionary(doc: Doc, lex: Lexicon, take: _Taken) -> Iterable[Mention]:
    for start, end, label in _dictionary_spans(doc, lex):
        ent = lex.entities[label]
        # "Minsk Group", "National Security Council": a known name inside a longer organization name
        if ent.kind in ("state", "place", "intl_body") and _inside_org_name(doc, start, end, lex):
            continue
        # "Hamas leader" inside a PERSON span stays; "X" the platform is not an actor here
        if doc[start:end].text in lex.wordset("not_entities") or not take(start, end):
            continue
        before = doc[start - 1] if start else None
        if ent.kind in ("state", "place") and before is not None and before.lower_ in lex.wordset("directions"):
            # "southern Lebanon" is a region of its own; "central Kyiv" is still Kyiv
            if take(start - 1, start):
                region = f"{before.lower_} {label}" if ent.kind == "state" else label
                yield Mention(start - 1, end, doc[start - 1 : end].text, region, "Place", "place", "dictionary")
                continue
        if ent.kind == "state":
            cls = class_of_state(doc, start, end, lex)
        else:
            cls = "Place" if ent.kind == "place" else "Organization"
        yield Mention(start, end, doc[start:end].text, label, cls, ent.kind, "dictionary")


def _ner(doc: Doc, lex: Lexicon, take: _Taken) -> Iterable[Mention]:
    for ent in doc.ents:
        span = ent
        overlap = [i for i in range(ent.start, ent.end) if i in take.tokens]
        if overlap and ent.label_ in PERSON_LABELS:
            # "Hamas leader Yahya Sinwar" tagged whole: keep the part after the dictionary hit
            span = doc[max(overlap) + 1 : ent.end]
            if not span or not span[0].is_title:
                continue
        elif overlap:
            continue
        yield from ner_mention(doc, span, ent.label_, lex, take)


def _short_names(doc: Doc, raw: list[Mention], take: _Taken) -> Iterable[Mention]:
    """ "Abiy said": a first or last name of a person named in full, which the model left untagged."""
    parts: dict[str, str] = {}
    for m in raw:
        words = m.label.split()
        if m.cls == "Actor" and len(words) > 1:
            for w in (words[0], words[-1]):
                parts[w] = "" if parts.get(w, m.label) != m.label else m.label  # ambiguous parts stay out
    for t in doc:
        label = parts.get(t.text)
        if label and t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and take(t.i, t.i + 1):
            yield Mention(t.i, t.i + 1, t.text, label, "Actor", "person", "ner")


def find_mentions(doc: Doc, lex: Lexicon) -> Mentions:
    """Find and type the entity mentions of a Doc.

    Args:
        doc: a parsed Doc.
        lex: the lexicon.

    Returns:
        Mentions sorted by position, each with its canonical label and class.
    """
    take = _Taken()
    raw = [*heading_mentions(doc, lex, take), *_titled_persons(doc, lex, take), *_resolutions(doc, take)]
    raw.extend(_dictionary(doc, lex, take))
    raw.extend(_ner(doc, lex, take))
    for start, end, label in _demonym_spans(doc, lex, take.tokens):
        if take(start, end):
            raw.append(Mention(start, end, doc[start:end].text, label, "Organization", "state", "demonym"))
    raw.extend(_short_names(doc, raw, take))
    raw.sort(key=lambda m: m.start)
    items = tuple(fold_bare_bodies(label_resolutions(fold(doc, raw, lex))))
    by_token = {i: k for k, m in enumerate(items) for i in range(m.start, m.end)}
    sent_of = tuple(k for k, s in enumerate(doc.sents) for _ in s)
    return Mentions(items, by_token, doc, sent_of)
