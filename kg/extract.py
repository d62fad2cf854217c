"""The extraction pipeline: Doc -> mentions -> relations, events, statements -> facts."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.events import extract_strikes
from kg.evidence import make_evidence
from kg.language import looks_english
from kg.lexicon import Lexicon, load_lexicon
from kg.mentions import Mentions, find_mentions
from kg.model import Article, ArticleRef, EntityRef, Fact, Value
from kg.proposals import extract_proposals, extract_resolutions
from kg.relations import extract_relations, find_roles
from kg.statements import find_statements, statement_facts

_RULE_OF_SOURCE = {
    "dictionary": "entity-dictionary",
    "ner": "entity-ner",
    "demonym": "entity-demonym",
    "pattern": "entity-resolution",
}


def entity_facts(doc: Doc, ms: Mentions, lex: Lexicon, article_id: str) -> Iterator[Fact]:
    """Type, names, Wikidata link and article of every entity mentioned."""
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
        for alt in {text, _government_form(doc, m)} - {m.label, ""}:
            if (m.label, alt) not in named:
                named.add((m.label, alt))
                yield Fact(ref, "altLabel", Value(alt), ev)
        if m.cls == "Actor" and " " in m.label and (m.label, "surname") not in named:
            named.add((m.label, "surname"))
            yield Fact(ref, "altLabel", Value(m.label.split()[-1]), ev)


def _government_form(doc: Doc, m) -> str:
    """ "Israeli government" is another name of Israel."""
    if (
        m.source == "demonym"
        and m.end < len(doc)
        and doc[m.end].lower_ in ("government", "authorities", "administration")
    ):
        return f"{m.text} {doc[m.end].lower_}"
    return ""


def extract(article: Article, doc: Doc, lex: Lexicon | None = None) -> list[Fact]:
    """All facts of one parsed article, in a stable order.

    Args:
        article: the article (its id and publication date are used).
        doc: its parsed body.
        lex: the lexicon; the packaged one by default.
    """
    lex = lex or load_lexicon()
    if not looks_english(article.body):
        return []  # warned about when read; a parse of another language would only invent facts
    ms = find_mentions(doc, lex)
    roles = find_roles(doc, ms, lex)
    said = find_statements(doc, ms, lex, roles)
    aid = article.id
    facts = [
        *entity_facts(doc, ms, lex, aid),
        *extract_relations(doc, ms, lex, aid, roles),
        *extract_strikes(doc, ms, lex, aid, article.published, roles, {s.sent_start: s.speaker for s in said}),
        *statement_facts(doc, said, aid, article.published),
        *extract_proposals(doc, ms, lex, aid, roles, said, article.published),
        *extract_resolutions(doc, ms, lex, aid, article.published),
    ]
    return facts
