"""Links between organizations and places: who backs whom, where an organization is based.

Backing: "Iran-backed Houthis", "Iranian-backed Houthis", "the Houthis, backed
by Iran", "M23 is supported by Rwanda", "Moscow-allied forces". Bases: "Yemen's
Houthis", "a Chicago-based company", "X, based in Y", "X is headquartered in Y",
"Cape Town Supreme Court", "the university in Y", and a dateline "PARIS (AFP)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeGuard

from spacy.tokens import Doc, Token

from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import EntityRef, Fact, Mention
from kg.nlp import words

_NOT_BASED = frozenset({"state", "place", "intl_body"})
_CODE = re.compile(r"^[A-Z]{2}\d{6,}$")


def _org(m: Mention | None) -> Mention | None:
    return m if m is not None and m.cls == "Organization" else None


def _noun_org(tok: Token, ms: Mentions) -> Mention | None:
    """The organization a noun phrase head names: itself, its compound or its apposition."""
    if (m := _org(ms.at(tok.i))) is not None:
        return m
    for c in tok.children:
        if c.dep_ in ("compound", "appos") and (m := _org(ms.at(c.i))) is not None:
            return m
    return None


def _next_org(ms: Mentions, after: int, limit: int) -> Mention | None:
    for m in ms.items:
        if after < m.start <= limit and m.cls == "Organization":
            return m
    return None


def _backer_before(t: Token, ms: Mentions) -> Mention | None:
    """ "Iran-backed", "Iranian-backed": the mention before the hyphen."""
    if t.i < 2 or t.doc[t.i - 1].text != "-":
        return None
    m = ms.at(t.i - 2)
    return m if m is not None and m.cls != "Actor" else None


def _agent_of(t: Token, ms: Mentions) -> Mention | None:
    """ "backed by Iran", "allied with Russia"."""
    for c in t.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "with", "to")):
            for g in c.children:
                if g.dep_ == "pobj" and (m := ms.at(g.i)) is not None and m.cls != "Actor":
                    return m
    return None


def _backed_pair(t: Token, ms: Mentions) -> tuple[Mention | None, Mention | None]:
    backer = _backer_before(t, ms)
    if backer is not None:
        backed = _noun_org(t.head, ms) if t.head.i > t.i else None
        return backed or _next_org(ms, t.i, t.i + 3), backer
    backer = _agent_of(t, ms)
    if backer is None:
        return None, None
    if t.dep_ in ("acl", "amod", "advcl", "relcl"):
        return _noun_org(t.head, ms), backer  # "the Houthis, backed by Iran"
    subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    return (_noun_org(subj, ms) if subj is not None else None), backer  # "M23 is backed by Rwanda"


def extract_backing(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    """Yield ``kg:backedBy`` facts."""
    lower, _ = words(doc)
    backed_words = lex.wordset("backed_words")
    for i in range(len(doc)):
        if lower[i] not in backed_words:
            continue
        backed, backer = _backed_pair(doc[i], ms)
        if backed is not None and backer is not None and backed.label != backer.label:
            yield Fact(
                EntityRef(backed.label), "backedBy", EntityRef(backer.label), make_evidence(aid, doc[i], "x-backed")
            )


def _is_base(m: Mention | None) -> TypeGuard[Mention]:
    return m is not None and (m.kind in ("state", "place") or m.cls == "Place")


def _based_target(m: Mention, doc: Doc, ms: Mentions, lex: Lexicon) -> tuple[Mention | None, Token] | None:
    """The organization a place mention is the base of, written right after it."""
    if m.end >= len(doc):
        return None
    nxt = doc[m.end]
    if nxt.text in ("'s", "’s"):
        return _next_org(ms, m.end, m.end + 3), nxt  # "Yemen's Houthis", "Ohio's state senate"
    if nxt.text == "-" and m.end + 1 < len(doc) and doc[m.end + 1].lower_ in lex.wordset("based_words"):
        return _next_org(ms, m.end + 1, m.end + 4), nxt  # "Gaza-based Hamas"
    if (o := _org(ms.at(m.end))) is not None and o.source == "ner" and (m.cls == "Place" or m.kind == "state"):
        return o, nxt  # "Cape Town Supreme Court", "Moscow IZVESTIYA", "the U.S. 6th Fleet"
    return None


def _places_after(prep: Token, ms: Mentions) -> list[Mention]:
    """ "in Y", "in Y, Z": the places a preposition names, with an apposed or listed second one."""
    out = []
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        for t in (g, *[c for c in g.children if c.dep_ in ("appos", "conj", "npadvmod")]):
            if _is_base(m := ms.at(t.i)) and m not in out:
                out.append(m)
    if out and (last := out[-1]).end + 1 < len(prep.doc) and prep.doc[last.end].text == ",":
        if _is_base(m := ms.at(last.end + 1)) and m not in out:
            out.append(m)  # "Petaluma, Calif."
    return out


def _based_in(t: Token, ms: Mentions) -> tuple[Mention | None, list[Mention]]:
    """ "X, based in Y", "X is headquartered in Y"."""
    places = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "in" for p in _places_after(c, ms)]
    if not places:
        return None, []
    if t.dep_ in ("acl", "amod", "advcl", "relcl"):
        return _noun_org(t.head, ms), places
    subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    return (_noun_org(subj, ms) if subj is not None else None), places


def _org_of_place(m: Mention, doc: Doc, ms: Mentions) -> list[Mention]:
    """ "Manufacturers Trust Co. of New York": a company written with its home."""
    root = doc[m.start : m.end].root
    return [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for p in _places_after(c, ms)]


def _apposed_home(m: Mention, doc: Doc, ms: Mentions) -> list[Mention]:
    """ "Sun Hung Kai Properties, a Hong Kong construction firm": the apposition names its home."""
    root = doc[m.start : m.end].root
    out = []
    for c in root.children:
        if c.dep_ == "appos" and ms.at(c.i) is None:
            out += [p for g in c.children if g.dep_ in ("compound", "nmod", "amod") and _is_base(p := ms.at(g.i))]
    return out


def _named_home(m: Mention, ms: Mentions, lex: Lexicon) -> list[Mention]:
    """ "the Haitian Parliament", "Russian Defence Ministry": a name that starts with its state."""
    first = m.text.split()[0]
    state = lex.demonym(first) or lex.lookup(first)
    if len(m.text.split()) < 2 or state is None or state.kind != "state":
        return []
    return [x for x in ms.items if x.label == state.label][:1]


def _headquarters(t: Token, ms: Mentions) -> tuple[Mention | None, list[Mention]]:
    """ "NRC headquarters in Rockville"."""
    owner = next((_org(ms.at(c.i)) for c in t.children if c.dep_ in ("compound", "poss") and ms.at(c.i)), None)
    places = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "in" for p in _places_after(c, ms)]
    return owner, places


def _line_start(doc: Doc, k: int) -> bool:
    """Token ``k`` ends the previous line, or is a wire's filing code ("AU0202111694")."""
    if k < 0 or "\n" in doc[k].text_with_ws or doc[k].is_space:
        return True
    return _CODE.match(doc[k].text) is not None


def _dateline(doc: Doc, ms: Mentions) -> Iterator[tuple[Mention, Mention, Token]]:
    """ "Moscow ITAR-TASS", "Paris AFP": a wire service's home city heading a line.

    "BELGRADE, Yugoslavia (AP)" only says where the story was filed, so a
    parenthesized agency gives nothing.
    """
    for m in ms.items:
        if m.kind != "news_agency" and not (m.cls == "Organization" and m.text.isupper()):
            continue
        k = m.start - 1
        places: list[Mention] = []
        while k >= 0 and (doc[k].text == "," or _is_base(ms.at(k))):
            if (p := ms.at(k)) is not None and p not in places:
                places.append(p)
            k -= 1
        if places and _line_start(doc, k):
            yield from ((m, p, doc[m.start]) for p in places)


def _org_homes(m: Mention, doc: Doc, ms: Mentions, lex: Lexicon) -> Iterator[tuple[Mention, Mention, Token, str]]:
    if m.text.split()[-1] in lex.wordset("company_suffixes"):
        yield from ((m, p, doc[m.start], "org-of-place") for p in _org_of_place(m, doc, ms))
    if m.source == "ner":
        yield from ((m, p, doc[m.start], "apposed-home") for p in _apposed_home(m, doc, ms))
        yield from ((m, p, doc[m.start], "named-home") for p in _named_home(m, ms, lex))


def _base_pairs(doc: Doc, ms: Mentions, lex: Lexicon) -> Iterator[tuple[Mention, Mention, Token, str]]:
    for m in ms.items:
        if _is_base(m) and (found := _based_target(m, doc, ms, lex)) is not None and found[0] is not None:
            yield found[0], m, found[1], "possessive-based"
        elif m.cls == "Organization" and m.kind not in _NOT_BASED:
            yield from _org_homes(m, doc, ms, lex)
    lower, lemma = words(doc)
    for i in range(len(doc)):
        if lower[i] in lex.wordset("based_words") and doc[i].pos_ in ("VERB", "ADJ"):
            org, places = _based_in(doc[i], ms)
        elif lemma[i] == "headquarters":
            org, places = _headquarters(doc[i], ms)
        else:
            continue
        if org is not None:
            yield from ((org, p, doc[i], "based-in") for p in places)
    yield from ((o, p, t, "dateline") for o, p, t in _dateline(doc, ms))


def extract_bases(doc: Doc, ms: Mentions, lex: Lexicon, aid: str) -> Iterator[Fact]:
    """Yield ``kg:basedIn`` facts: an organization and the place it is based in."""
    seen: set[tuple[str, str]] = set()
    for org, place, tok, rule in _base_pairs(doc, ms, lex):
        if org.kind in _NOT_BASED or org.label == place.label or (org.label, place.label) in seen:
            continue
        seen.add((org.label, place.label))
        yield Fact(EntityRef(org.label), "basedIn", EntityRef(place.label), make_evidence(aid, tok, rule))
