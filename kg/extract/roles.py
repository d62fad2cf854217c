"""Roles of persons and the organization each works for, read from the parse.

A role is a role noun tied to a person by a compound ("air force spokeswoman
Maj. X"), an apposition ("X, president of Y"; "Y's ambassador, X"), a copula
("X is the head of Y"), or "X of Y" itself. Its organization is any
organization mention modifying the role noun: possessive, compound, or
after "of", "for", "at", "with". A city or region is no organization; a state is.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.context import Context, Role
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.ner import is_role_word as _listed_role
from kg.extract.syntax import MODIFIER_DEPS, with_conjuncts
from kg.model import Mention

_POSSESSIVE = ("'s", "’s")


def is_role_word(t: Token, lex: Lexicon) -> bool:
    """A role noun: listed ("spokesman"), or a lower-case agent noun ("anchorman", "shearer", "analyst")."""
    if _listed_role(t, lex):
        return True
    if t.pos_ != "NOUN" or not t.is_lower or len(t.text) <= 4 or t.lemma_.lower() in lex.wordset("not_role_nouns"):
        return False
    return t.text.endswith(tuple(lex.wordset("role_suffixes")))


def _is_modifier(t: Token, lex: Lexicon) -> bool:
    return t.lower_ in lex.wordset("role_modifiers") or (t.is_title and t.is_alpha and not t.is_sent_start)


def _org_of(m: Mention | None, exclude: Mention | None, lex: Lexicon) -> str:
    """An organization a person may work for: an Organization mention, or a state; never a city."""
    if m is None or m is exclude or m.cls == "Actor":
        return ""
    if m.cls == "Organization" or m.kind == "state":
        return m.label
    return ""


def leads(text: str, lex: Lexicon) -> bool:
    """The head of the whole organization: "leader", "President"; not "intelligence chief", "chief of staff".

    Example:
        >>> from kg.extract.lexicon import load_lexicon
        >>> leads("Prime Minister", load_lexicon()), leads("intelligence chief", load_lexicon())
        (True, False)
    """
    low = text.lower().replace("-", " ")
    if " of " in f" {low} " or " to " in f" {low} ":
        return False
    quals = lex.wordset("leader_qualifiers")
    words = [w for w in low.split() if w not in quals]
    return " ".join(words) in {r.replace("-", " ") for r in lex.wordset("leader_roles")}


def _modifiers_before(doc: Doc, i: int, lex: Lexicon) -> int:
    """Where role modifiers written before token ``i`` begin ("Deputy", "top", "former")."""
    while i > 0 and doc[i - 1].lower_ in lex.wordset("role_modifiers"):
        i -= 1
    return i


def _role_from_left(doc: Doc, m: Mention, ms: Mentions, lex: Lexicon) -> tuple[str, str] | None:
    """Role words and organization written just before a name: "KAL attorney X", "Hamas's chief X"."""
    k = m.start - 1
    found: list[Token] = []
    org = ""
    while k >= 0:
        t, other = doc[k], ms.at(k)
        if other is not None and other is not m:
            org = _org_of(other, m, lex) if found else ""
            lead = _modifiers_before(doc, other.start, lex) if found else other.start
            found = (
                [*doc[lead : other.end], *found] if lead < other.start else found
            )  # "Deputy Pentagon Press Secretary"
            break
        if t.text in _POSSESSIVE and k > 0 and ms.at(k - 1) is not None:
            org = _org_of(ms.at(k - 1), m, lex) if found else ""
            break
        hyphen = t.text == "-" and found and k > 0 and (is_role_word(doc[k - 1], lex) or _is_modifier(doc[k - 1], lex))
        if hyphen or is_role_word(t, lex) or (found and _is_modifier(t, lex)):  # "Secretary-General"
            found.insert(0, t)
            k -= 1
            continue
        break
    if not found or not any(is_role_word(w, lex) for w in found):
        return None
    return doc[found[0].i : found[-1].i + 1].text, org  # contiguous, so as written


def _prep_org(prep: Token, ms: Mentions, exclude: Mention | None, lex: Lexicon, depth: int = 0) -> str:
    """The organization after "of", "for", "at", "with", also one "of" further ("chief of X for Y")."""
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        org = _org_of(ms.at(g.i), exclude, lex)
        if org:
            return org
        for c in g.children:
            if c.dep_ in ("poss", "compound") and (org := _org_of(ms.at(c.i), exclude, lex)):
                return org  # "for Harvard University's school"
            if depth == 0 and c.dep_ == "prep" and c.lower_ in ("of", "for"):  # "chief of waste disposal for X"
                if org := _prep_org(c, ms, exclude, lex, 1):
                    return org
    return ""


def np_org(head: Token, ms: Mentions, exclude: Mention | None, lex: Lexicon) -> str:
    """The organization written as a modifier of a role noun: poss, compound, amod, 'of X', 'for X'."""
    for c in head.children:
        if c.dep_ in MODIFIER_DEPS and (org := _org_of(ms.at(c.i), exclude, lex)):
            return org
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in lex.wordset("role_preps"):
            if org := _prep_org(c, ms, exclude, lex):
                return org
    return ""


def role_text(head: Token, lex: Lexicon) -> str:
    """The role as written: its modifiers, the noun, and "to X" of an envoy or "of staff" of a part."""
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod") and (_is_modifier(c, lex) or is_role_word(c, lex))]
    text = " ".join(w.text for w in sorted([*left, head], key=lambda w: w.i))
    for c in head.rights:
        if c.dep_ != "prep":
            continue
        if c.lower_ in ("to", "for") and head.lower_ in lex.wordset("envoy_roles"):
            text += " " + " ".join(t.text for t in c.subtree)
        elif c.lower_ == "of" and not any(t.ent_type_ for t in c.subtree) and c.right_edge.i - c.i <= 3:
            text += " " + " ".join(t.text for t in c.subtree)  # "chief of staff": a part, not the head
    return text


def _has_role(t: Token, lex: Lexicon) -> bool:
    """A role noun, or a noun conjoined with one ("a senior fellow and director")."""
    return any(is_role_word(x, lex) for x in with_conjuncts(t))


def _role_noun(m: Mention, doc: Doc, lex: Lexicon) -> Token | None:
    """The role noun tied to a person by apposition or copula: "X, the head of Y"; "X is president of Y"."""
    root = doc[m.start : m.end].root
    if root.dep_ == "appos" and _has_role(root.head, lex):
        return root.head  # "Russia's ambassador to the UN, Vassily Nebenzia"
    for c in root.children:
        if c.dep_ == "appos" and _has_role(c, lex):
            return c  # "Vassily Nebenzia, Russia's ambassador"
        if c.dep_ == "relcl":
            attr = next((g for g in c.children if g.dep_ == "attr" and is_role_word(g, lex)), None)
            if attr is not None:
                return attr  # "X, who is the head of Y"
    for c in root.children:
        if c.dep_ == "compound" and is_role_word(c, lex) and any(g.dep_ == "prep" for g in c.children):
            return c  # "Hamas's acting chief of staff X": the role noun with its own phrase
    if root.dep_ == "dobj":
        oprd = next((g for g in root.head.children if g.dep_ in ("oprd", "xcomp") and is_role_word(g, lex)), None)
        if oprd is not None:
            return oprd  # "named X publisher of Y"
    if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "become", "remain"):
        return next((g for g in root.head.children if g.dep_ == "attr" and is_role_word(g, lex)), None)
    return None


def _member_of(m: Mention, doc: Doc, ms: Mentions) -> str:
    """ "X of Harvard University", "X, 47, of the European Space Agency": a person and their organization."""
    root = doc[m.start : m.end].root
    heads = [root, *[c for c in root.children if c.dep_ in ("appos", "npadvmod", "amod") and c.like_num]]
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "at"):
                for g in c.children:
                    x = ms.at(g.i)
                    if g.dep_ == "pobj" and x is not None and x.cls == "Organization" and _not_a_hometown(x):
                        return x.label
    return ""


def _not_a_hometown(x: Mention) -> bool:
    """ "John Smith of Millinocket" names where he lives: a one-word organization the model found may be a town."""
    return x.kind != "state" and (x.source == "dictionary" or " " in x.text or x.text.isupper())


def _state_after(m: Mention, doc: Doc, ms: Mentions) -> str:
    """ "President X of Zimbabwe": the state written after a titled name."""
    root = doc[m.start : m.end].root
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and (x := ms.at(g.i)) is not None and x.kind == "state":
                    return x.label
    return ""


def _works_for(m: Mention, doc: Doc, ms: Mentions, lex: Lexicon) -> tuple[str, bool]:
    """ "X works at Y", "X, who heads Y", "X taught at Y": a work verb and its organization."""
    root = doc[m.start : m.end].root
    verbs = [root.head] if root.dep_ == "nsubj" else []
    verbs += [v for c in root.children if c.dep_ == "relcl" for v in with_conjuncts(c)]  # "who is X and works at Y"
    for v in verbs:
        lemma = v.lemma_.lower()
        if lemma not in lex.wordset("work_verbs"):
            continue
        for c in sorted(v.children, key=lambda c: c.dep_ != "prep"):  # "covers the White House for the AP"
            targets = [c] if c.dep_ == "dobj" else []
            if c.dep_ == "prep" and c.lower_ in ("at", "for", "in", "with"):
                targets = [g for g in c.children if g.dep_ == "pobj"]
            for g in targets:
                x = ms.at(g.i)
                if x is not None and x.cls == "Organization" and x.kind != "state":
                    return x.label, c.dep_ == "dobj" and lemma in lex.wordset("lead_verbs")
    return "", False


def _possessed_org(m: Mention, doc: Doc, ms: Mentions) -> str:
    """ "Mulroney's Progressive Conservative Party": the party, union or firm a person's name owns."""
    root = doc[m.start : m.end].root
    if root.dep_ != "poss":
        return ""
    x = ms.at(root.head.i)
    return x.label if x is not None and x.cls == "Organization" and x.kind not in ("state", "intl_body") else ""


_Found = tuple[str, str, str, bool]  # role text, organization, rule, leads


def _roles_of(m: Mention, doc: Doc, ms: Mentions, lex: Lexicon) -> Iterator[_Found]:
    found = _role_from_left(doc, m, ms, lex)
    if found is not None:
        org = found[1] or _state_after(m, doc, ms)  # "President Robert Mugabe of Zimbabwe"
        yield found[0], org, "title-compound", leads(found[0], lex)
    head = _role_noun(m, doc, lex)
    if head is not None:
        for h in with_conjuncts(head):  # "vice president and columnist for Y"
            if is_role_word(h, lex):
                text = role_text(h, lex)
                org = np_org(h, ms, m, lex) or np_org(head, ms, m, lex)
                yield text, org, "title-appositive", leads(text, lex)
    if org := _member_of(m, doc, ms):
        yield "", org, "member-of", False
    org, heads = _works_for(m, doc, ms, lex)
    if org:
        yield "", org, "works-for", heads
    if org := _possessed_org(m, doc, ms):
        yield "", org, "possessive-member", False


def find_roles(ctx: Context) -> tuple[Role, ...]:
    """Roles of the persons a Doc names, with the organization each belongs to."""
    doc, ms, lex = ctx.doc, ctx.mentions, ctx.lex
    roles: list[Role] = []
    seen: set[tuple[str, str, str]] = set()
    for m in ms.items:
        if m.cls != "Actor":
            continue
        for text, org, rule, heads in _roles_of(m, doc, ms, lex):
            if not org and text and any(r in text.lower() for r in lex.wordset("state_default_roles")):
                org = _nearest_state(doc, m, ms, lex)
                rule = "role-nearest-state" if org else rule
            if (m.label, text, org) in seen or (not org and not text):
                continue
            seen.add((m.label, text, org))
            head_word = text.split()[-1].lower() if text else ""
            roles.append(Role(m.label, text, head_word, org, bool(org) and heads, m.start, rule))
    return tuple(roles)


def _state_of(x: Mention, lex: Lexicon) -> str:
    if x.kind == "state":
        return x.label
    known = lex.entities.get(x.label)
    return known.country if known is not None and known.kind in ("army", "government", "agency") else ""


def _nearest_state(doc: Doc, m: Mention, ms: Mentions, lex: Lexicon) -> str:
    """The state a "President" or "Prime Minister" with none named most likely serves.

    The one state acting in this sentence, else in the one before (an army or
    ministry counts for its state); none where two states, or two persons, are in play.
    """
    sent = doc[m.start].sent
    persons = {x.label for x in ms.in_span(sent.start, sent.end) if x.cls == "Actor"}
    if len(persons) > 1:
        return ""  # "President Moi met President Mugabe of Zimbabwe": the state may be the other one's
    sents = list(doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start == sent.start)
    for s in (sent, sents[idx - 1] if idx else None):
        if s is None:
            continue
        cands = {_state_of(x, lex) for x in ms.in_span(s.start, s.end) if x.cls == "Organization"} - {""}
        if len(cands) == 1:
            return cands.pop()
        if cands:
            return ""  # two states in play: better no affiliation than a wrong one
    return ""
