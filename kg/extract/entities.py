"""Entities: the type, names, Wikidata link and article of every entity mentioned."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.context import Context
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.model import ArticleRef, EntityRef, Fact, Mention, Value

_RULE_OF_SOURCE = {
    "dictionary": "entity-dictionary",
    "ner": "entity-ner",
    "demonym": "entity-demonym",
    "pattern": "entity-resolution",
}


def entity_facts(ctx: Context) -> Iterator[Fact]:
    """Type, names, Wikidata link and article of every entity mentioned."""
    doc, ms, lex, article_id = ctx.doc, ctx.mentions, ctx.lex, ctx.article.id
    typed: set[tuple[str, str]] = set()
    named: set[tuple[str, str]] = set()
    mentioned: set[str] = set()
    for m in ms.items:
        ref = EntityRef(m.label)
        ev = make_evidence(article_id, doc[m.start : m.end], _RULE_OF_SOURCE.get(m.source, "entity-ner"))
        if (m.label, m.cls) not in typed:
            typed.add((m.label, m.cls))
            yield Fact(ref, "type", Value(m.cls), ev)
        if m.label not in mentioned:
            mentioned.add(m.label)
            yield Fact(ref, "mentionedIn", ArticleRef(article_id), make_evidence(article_id, doc[m.start], "mention"))
            known = lex.entities.get(m.label)
            if known is not None and known.wikidata:
                yield Fact(ref, "sameAs", Value(known.wikidata), ev)
        text = m.text[4:] if m.text.lower().startswith("the ") else m.text
        for alt in {text, _government_form(doc, m, lex), _titled_form(doc, m, lex), _bracketed(doc, m)} - {m.label, ""}:
            if (m.label, alt) not in named:
                named.add((m.label, alt))
                yield Fact(ref, "altLabel", Value(alt), ev)
        if m.cls == "Actor" and " " in m.label and (m.label, "surname") not in named:
            named.add((m.label, "surname"))
            yield Fact(ref, "altLabel", Value(m.label.split()[-1]), ev)


def _government_form(doc: Doc, m: Mention, lex: Lexicon) -> str:
    """ "Israeli government" is another name of Israel."""
    if m.source == "demonym" and m.end < len(doc) and doc[m.end].lower_ in lex.wordset("government_nouns"):
        return f"{m.text} {doc[m.end].lower_}"
    return ""


def _titled_form(doc: Doc, m: Mention, lex: Lexicon) -> str:
    """ "President Kennedy", "Sen. Robert F. Kennedy": the name with the title written before it."""
    if m.cls != "Actor":
        return ""
    hon, roles = lex.wordset("honorifics"), lex.wordset("role_nouns")
    k = m.start
    while k > 0 and doc[k - 1].is_title and (doc[k - 1].text in hon or doc[k - 1].lower_ in roles):
        k -= 1
    return doc[k : m.end].text if k < m.start else ""


def _bracketed(doc: Doc, m: Mention) -> str:
    """ "the General Accounting Office (GAO)": the name in brackets right after is another name."""
    if m.cls != "Organization" or m.end + 2 >= len(doc) or doc[m.end].text != "(":
        return ""
    close = next((k for k in range(m.end + 1, min(m.end + 8, len(doc))) if doc[k].text == ")"), None)
    inner = doc[m.end + 1 : close] if close else None
    if inner is None or not all(t.is_title or t.is_upper or t.is_stop for t in inner) or not inner[0].is_alpha:
        return ""
    return inner.text
