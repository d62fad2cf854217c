"""A small rule-based resolver: pronouns and definite descriptions to the
nearest fitting antecedent. No model download."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from kg.extract.context import Role
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import Mention

WINDOW = 3  # sentences to look back


def resolve(
    tok: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...], speaker: Mention | None = None
) -> Mention | None:
    """The entity a token stands for: a mention, a pronoun's antecedent, or
    the person a role noun ("the spokesman") describes.

    Args:
        tok: the head token of a noun phrase.
        speaker: who is talking, where ``tok`` is inside reported speech: "we"
            and "they" are then the speaker's organization.
    """
    doc = tok.doc
    m = ms.at(tok.i)
    if m is not None:
        return m
    low = tok.lower_
    if low in lex.wordset("person_pronouns") or low in ("i", "me", "my"):
        if speaker is not None and low in ("i", "me", "my"):
            return speaker
        return _salient_person(doc, tok.i, ms)
    if low in ("which", "who", "that") and tok.head.dep_ == "relcl":
        return ms.at(tok.head.head.i) or resolve(tok.head.head, ms, lex, roles, speaker)  # "Qatar, which mediated"
    if low == "it" and speaker is not None and speaker.cls == "Organization":
        return speaker  # "Hamas said it had responded"
    if low in lex.wordset("group_pronouns"):
        if speaker is not None and speaker.cls == "Actor":
            org = next((r.org for r in roles if r.person == speaker.label and r.org), "")
            if org:
                hit = next((x for x in ms.items if x.label == org), None)
                if hit is not None:
                    return hit
        if speaker is not None and speaker.cls == "Organization" and low in ("we", "us", "our"):
            return speaker
        return _previous(doc, tok.i, ms, lambda x: x.cls == "Organization" and x.kind != "news_agency")
    if tok.pos_ in ("NOUN", "PROPN"):
        # a compound or possessive names it: "the Hezbollah group", "Israel's army"
        if tok.lemma_.lower() in lex.wordset("group_nouns"):
            for c in tok.children:
                if c.dep_ in ("compound", "poss") and (x := ms.at(c.i)) is not None and x.cls != "Place":
                    return x  # "the Hezbollah group"
            if any(c.lower_ in ("the", "this") for c in tok.children):
                # "the Iran-backed group": the last armed group named
                return _previous(doc, tok.i, ms, lambda x: x.kind in ("armed_group", "party", "org"))
        role = next((r for r in roles if r.head == low or r.head == tok.lemma_.lower()), None)
        if role is not None and any(
            c.lower_ in ("the", "this") or c.dep_ in ("amod", "compound") for c in tok.children
        ):
            # "the spokesman", "the Russian ambassador": the person with that role
            wanted = _np_state(tok, ms)
            for r in roles:
                if r.head in (low, tok.lemma_.lower()) and (not wanted or r.org == wanted):
                    return next((x for x in ms.items if x.label == r.person), None)
    return None


def _np_state(tok: Token, ms: Mentions) -> str:
    for c in tok.children:
        x = ms.at(c.i)
        if x is not None and x.cls == "Organization":
            return x.label
    return ""


def _previous(doc: Doc, i: int, ms: Mentions, ok: Callable[[Mention], bool]) -> Mention | None:
    here = ms.sentence(i)
    best = None
    for m in ms.items:
        if m.start >= i:
            break
        if here - ms.sentence(m.start) <= WINDOW and ok(m):
            best = m
    return best


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _is_subject(doc: Doc, m: Mention) -> bool:
    """A mention that is (or is apposed to, or names the head of) its clause's subject."""
    root = doc[m.start : m.end].root
    for _ in range(2):
        if root.dep_ in _SUBJECT_DEPS:
            return True
        if root.dep_ not in ("appos", "compound"):
            return False
        root = root.head
    return False


def _salient_person(doc: Doc, i: int, ms: Mentions) -> Mention | None:
    """A personal pronoun's antecedent: the last person who was a subject, not merely the nearest name.

    "Guterres met Lavrov; he said ..." makes "he" Guterres. In the pronoun's own
    sentence a subject before it wins; else the last subject of the window; else the nearest person.
    """
    here = ms.sentence(i)
    nearest = subject = None
    for m in ms.items:
        if m.start >= i:
            break
        if m.cls != "Actor" or here - ms.sentence(m.start) > WINDOW:
            continue
        nearest = m
        if _is_subject(doc, m):
            subject = m
    return subject or nearest
