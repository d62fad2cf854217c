"""spaCy's NER spans as mentions, typed by what they do in the sentence.

The small model errs in known ways; each repair here reads the context: a
"person" after "in" is a town, a role title ("Press Secretary") is no person,
a ship or a company is no Actor, an "organization" apposed to a role is a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import ORG_KINDS, Lexicon
from kg.extract.names import strip_honorifics
from kg.model import Mention

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DETERMINERS = ("the", "a", "an")
_POSSESSIVE = ("'s", "’s", "'", "’", "-")

Take = Callable[[int, int], bool]


def is_role_word(t: Token, lex: Lexicon) -> bool:
    """A role noun ("spokesman", "ministers")."""
    return t.lower_ in lex.wordset("role_nouns") or t.lemma_.lower() in lex.wordset("role_nouns")


def _place_preps(lex: Lexicon) -> frozenset[str]:
    return lex.wordset("locative_preps") | lex.wordset("motion_preps")


def class_of_state(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    """Place where something happens, Organization where it acts."""
    head = doc[start:end].root
    if start > 0 and doc[start - 1].lower_ in lex.wordset("directions"):
        return "Place"
    if head.dep_ == "pobj" and head.head.lower_ in _place_preps(lex) - lex.wordset("target_preps"):
        return "Place"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in lex.wordset("place_nouns"):
        return "Place"
    if head.dep_ == "poss" or (end < len(doc) and doc[end].text in ("'s", "’s")):
        owner = head.head
        ent = lex.lookup(owner.text)
        if owner.ent_type_ in ("ORG", "NORP") or (ent and ent.kind in ORG_KINDS - {"state"}):
            return "Place"  # "Yemen's Houthis": where the group is based
    return "Organization"


def _looks_like_place(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """A "person" the small model found where only a place fits."""
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ in lex.wordset("locative_preps") - lex.wordset("target_preps"):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in lex.wordset("place_nouns"):
        return True  # "the Shejaiya neighbourhood"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in lex.wordset("place_nouns"):
        return True  # "the town of Lalibela"
    return False


def _is_title_only(span: Span, lex: Lexicon) -> bool:
    """ "Press Secretary", "Deputy Minister": role words, no name."""
    mods = lex.wordset("role_modifiers")
    return all(is_role_word(t, lex) or t.lower_ in mods or t.text in lex.wordset("honorifics") for t in span)


def _is_vessel_or_company(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """ "USS Carney", "the tanker Sounion", "Maersk Line Ltd": not a person."""
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if span[0].text in lex.wordset("ship_prefixes") or span[-1].text in lex.wordset("company_suffixes"):
        return True
    if after is not None and after.text in lex.wordset("company_suffixes"):
        return True
    return before is not None and before.lemma_.lower() in lex.wordset("vessel_nouns")


def _is_apposed_to_role(span: Span, lex: Lexicon) -> bool:
    head = span.root
    if len(span) < 2 or not all(t.is_title for t in span):
        return False
    if head.dep_ == "appos" and is_role_word(head.head, lex):
        return True
    return any(c.dep_ == "appos" and is_role_word(c, lex) for c in head.children)


def _trim(span: Span) -> Span:
    """A leading article or trailing possessive is not part of the name."""
    while span and (span[0].lower_ in _DETERMINERS or not span[0].is_alpha and not span[0].is_digit):
        span = span[1:]
    while span and span[-1].text in _POSSESSIVE:
        span = span[:-1]
    opened = [t.i for t in span if t.text == "("]
    if opened and not any(t.text == ")" for t in span):
        span = span.doc[span.start : opened[0]]  # "Ettahadi (Challenge": the name ends before the bracket
    return span


def ner_mention(doc: Doc, span: Span, label: str, lex: Lexicon, take: Take) -> Iterable[Mention]:
    """The mention an NER span makes, if any, typed by its label and its context."""
    if span.text in lex.wordset("not_entities") or not any(t.is_alpha for t in span):
        return
    span = _trim(span)
    if not span:
        return
    if label in PERSON_LABELS:
        yield from _person(doc, span, lex, take)
    elif label == "ORG":
        yield from _organization(doc, span, lex, take)
    elif label in PLACE_LABELS:
        yield from _place(doc, span, lex, take)


def name_runs_on(doc: Doc, span: Span) -> Span:
    """ "Mohammed bin Abdulrahman | Al Thani": the model cut the name short; the parse still joins it."""
    end = span.end
    while end < len(doc) and span.root.dep_ == "compound" and span.root.head.i >= end:
        nxt = doc[end]
        if nxt.ent_type_ or nxt.pos_ != "PROPN" or not nxt.is_title:
            break
        end += 1
        span = doc[span.start : end]
    return span


def _person(doc: Doc, span: Span, lex: Lexicon, take: Take) -> Iterable[Mention]:
    if _is_title_only(span, lex):
        return
    span = name_runs_on(doc, span)
    name = strip_honorifics(span, lex)
    if name.start > span.start and _is_title_only(doc[span.start : name.start], lex):
        span = name  # the title stays outside the name, where the role reader finds it
    cls, kind = "Actor", "person"
    if _is_vessel_or_company(doc, span, lex):
        cls, kind = "Organization", "org"
        if (
            span[0].text in lex.wordset("ship_prefixes")
            or span.start
            and doc[span.start - 1].lemma_.lower() in (lex.wordset("vessel_nouns"))
        ):
            return  # a ship is no agent at all
    elif _looks_like_place(doc, span, lex):
        cls, kind = "Place", "place"  # "in Kryvyi Rih": the small model took a town for a person
    if take(span.start, span.end):
        yield Mention(span.start, span.end, span.text, name.text, cls, kind, "ner")


def _is_generic(span: Span, lex: Lexicon) -> bool:
    """ "Army", "the Government", "Operation Iron Swords": no organization the graph can name."""
    low = span.text.lower()
    if span[0].text in lex.wordset("operation_words"):
        return True  # a named operation labels an event, it is no agent
    return len(span) == 1 and (low in lex.wordset("army_nouns") or low in lex.wordset("government_nouns"))


def _organization(doc: Doc, span: Span, lex: Lexicon, take: Take) -> Iterable[Mention]:
    if _is_generic(span, lex):
        return
    after = doc[span.end] if span.end < len(doc) else None
    # "Defence Minister": title words, not an organization
    if after is not None and is_role_word(after, lex) and after.is_title:
        return
    # "Secretary of State", "Chief of Staff": part of a title
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and is_role_word(doc[span.start - 2], lex):
        if doc[span.start - 2].is_title and (_is_title_only(span, lex) or span.text in lex.wordset("title_objects")):
            return
    head = span.root
    cls = "Organization"
    if head.dep_ == "pobj" and head.head.lower_ in lex.wordset("locative_preps") - lex.wordset("target_preps"):
        if lex.lookup(span.text) is None and not any(t.text in lex.wordset("company_suffixes") for t in span):
            cls = "Place"  # an "organization" where something happens is a place the model mistyped
    if _is_apposed_to_role(span, lex):
        # "Russia's ambassador to the UN, Vassily Nebenzia": a person the model took for an organization
        if take(span.start, span.end):
            yield Mention(span.start, span.end, span.text, strip_honorifics(span, lex).text, "Actor", "person", "ner")
        return
    if take(span.start, span.end):
        yield Mention(span.start, span.end, span.text, span.text, cls, "org", "ner")


def _place(doc: Doc, span: Span, lex: Lexicon, take: Take) -> Iterable[Mention]:
    if lex.demonym(span.text) is not None:
        return  # "Ukrainian cities": an adjective, not a place name
    start = span.start
    if start > 0 and doc[start - 1].lower_ in lex.wordset("directions"):
        start -= 1  # "central Kyiv", "southern Lebanon"
    if take(start, span.end):
        yield Mention(start, span.end, doc[start : span.end].text, span.text, "Place", "place", "ner")
