"""Stage 5: the one place that writes triples.

Every ``kg:`` fact and every ``rdf:type`` of an extracted node gets a reified
``rdf:Statement`` record with the sentence, its offsets, the rule and a
confidence, derived from the article (ONTOLOGY.md, Provenance).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import OntologyError
from kg.model import Article, EntityRef, Fact, Ref, Value
from kg.rdf.iris import article_iri, mint_iri, record_iri
from kg.rdf.ns import KG
from kg.rdf.prefixes import PREFIXES, WIKIDATA

_PLAIN = {"label": RDFS.label, "altLabel": SKOS.altLabel, "sameAs": OWL.sameAs}
Triple = tuple[URIRef, URIRef, URIRef | Literal]


def new_graph() -> Graph:
    """An empty rdflib Graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


@cache
def _kg(name: str) -> URIRef:
    try:
        return KG[name]
    except (AttributeError, KeyError):
        raise OntologyError(f"term kg:{name} is not defined in ontology/kg.ttl; add it there first") from None


# Terms are immutable, so the ones every article repeats (predicates, rule ids,
# confidences, offsets) are built once per process, not once per triple.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _STATEMENT = RDF.type, RDF.subject, RDF.predicate, RDF.object, RDF.Statement
_LABEL, _DERIVED = RDFS.label, PROV.wasDerivedFrom
_EVIDENCE, _CHAR_START, _CHAR_END, _CONFIDENCE, _RULE = KG.evidence, KG.charStart, KG.charEnd, KG.confidence, KG.rule


@lru_cache(maxsize=65536, typed=True)
def _int(n: int) -> Literal:
    return Literal(n)


@lru_cache(maxsize=1024)
def _confidence(c: float) -> Literal:
    return Literal(Decimal(f"{c:.2f}"))


@lru_cache(maxsize=4096)
def _plain(text: str) -> Literal:
    return Literal(text)


def _text(obj: Ref | Value) -> str:
    """The text of a Value: the object of ``type`` and ``sameAs`` facts."""
    if not isinstance(obj, Value):
        raise OntologyError(f"a type or sameAs fact needs a Value object, not {obj!r}")
    return obj.text


def _term(obj: Ref | Value) -> URIRef | Literal:
    if isinstance(obj, Value):
        if obj.datatype:
            return Literal(obj.text, datatype=XSD[obj.datatype])
        return Literal(obj.text)
    return URIRef(mint_iri(obj))


def fact_triples(article: Article, facts: Iterable[Fact]) -> Iterator[Triple]:
    """Yield the triples of an article's facts with their provenance records, in a stable order."""
    art = URIRef(article_iri(article.id))
    yield from article_triples(article)
    labelled: set[URIRef] = set()
    seen: set[tuple] = set()
    iris: dict[Ref, URIRef] = {}  # an article names the same nodes many times
    sentences: dict[str, Literal] = {}

    def iri(ref: Ref) -> URIRef:
        u = iris.get(ref)
        if u is None:
            u = iris[ref] = URIRef(mint_iri(ref))
        return u

    for f in facts:
        s = iri(f.subject)
        if f.predicate in _PLAIN:
            o = WIKIDATA[_text(f.obj)] if f.predicate == "sameAs" else _term(f.obj)
            yield s, _PLAIN[f.predicate], o
            continue
        if f.predicate == "type":
            p, o = _TYPE, _kg(_text(f.obj))
        else:
            p = _kg(f.predicate)
            o = _term(f.obj) if isinstance(f.obj, Value) else iri(f.obj)
        for node in (f.subject, f.obj):
            if isinstance(node, EntityRef) and (u := iri(node)) not in labelled:
                labelled.add(u)
                yield u, _LABEL, Literal(node.label)
        ev = f.evidence
        key = (s, p, o, ev.rule, ev.char_start)
        if key in seen:
            continue
        seen.add(key)
        yield s, p, o
        rec = URIRef(record_iri(s, p, o, article.id, ev.rule, str(ev.char_start)))
        sentence = sentences.get(ev.sentence)
        if sentence is None:
            sentence = sentences[ev.sentence] = Literal(ev.sentence)
        yield rec, _TYPE, _STATEMENT
        yield rec, _SUBJECT, s
        yield rec, _PREDICATE, p
        yield rec, _OBJECT, o
        yield rec, _EVIDENCE, sentence
        yield rec, _CHAR_START, _int(ev.char_start)
        yield rec, _CHAR_END, _int(ev.char_end)
        yield rec, _CONFIDENCE, _confidence(ev.confidence)
        yield rec, _RULE, _plain(ev.rule)
        yield rec, _DERIVED, art


def article_triples(article: Article) -> Iterator[Triple]:
    """The Article node: type, title, date, file (dcterms:source) and publisher."""
    art = URIRef(article_iri(article.id))
    yield art, RDF.type, KG.Article
    if article.title:
        yield art, DCTERMS.title, Literal(article.title)
        yield art, RDFS.label, Literal(article.title)
    if article.published:
        yield art, DCTERMS.date, Literal(article.published.isoformat(), datatype=XSD.date)
    if article.path:
        yield art, DCTERMS.source, Literal(article.path)
    if article.source:
        yield art, DCTERMS.publisher, Literal(article.source)


def to_graph(article: Article, facts: Iterable[Fact]) -> Graph:
    """Build the rdflib Graph of one article.

    Example:
        >>> from kg.model import Evidence
        >>> a = Article(id="0" * 16, body="Israel struck Gaza.")
        >>> ev = Evidence(a.id, 0, 19, "Israel struck Gaza.", "entity-dictionary", 0.95)
        >>> g = to_graph(a, [Fact(EntityRef("Israel"), "type", Value("Organization"), ev)])
        >>> (URIRef("https://w3id.org/newskg/resource/Israel"), RDF.type, KG.Organization) in g
        True
    """
    g = new_graph()
    for t in fact_triples(article, facts):
        g.add(t)
    return g


# ---------------------------------------------------------------- N-Triples text

# N-Triples (and SPARQL) strings must escape these; IRIs may not hold the second set at all,
# so they are %-encoded (minted IRIs never hold them: kg.rdf.iris.local_name encodes them first)
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_ESCAPE = str.maketrans({c: f"%{ord(c):02X}" for c in '<>"{}|^`\\' + "".join(map(chr, range(0x21)))})
_XSD_STRING = str(XSD.string)


def nt_term(term: URIRef | Literal) -> str:
    """A term as N-Triples writes it (also valid in SPARQL data).

    Example:
        >>> nt_term(URIRef("https://w3id.org/newskg/resource/Kyiv")), nt_term(Literal('say "no"\\n'))
        ('<https://w3id.org/newskg/resource/Kyiv>', '"say \\\\"no\\\\"\\\\n"')
        >>> nt_term(Literal(3)), nt_term(Literal("Kiew", lang="de"))
        ('"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"Kiew"@de')
    """
    if isinstance(term, URIRef):
        return f"<{term.translate(_IRI_ESCAPE)}>"
    if isinstance(term, Literal):
        text = f'"{term.translate(_ESCAPE)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"_:{term}"


def nt_lines(triples: Iterable[Triple]) -> list[str]:
    """Each distinct triple once, as ``s p o`` in N-Triples terms (no final dot), in first-seen order.

    Terms that repeat (predicates, classes, labels, offsets) are written once per call.

    Example:
        >>> nt_lines([(RDFS.label, RDFS.label, Literal("x"))] * 2)
        ['<http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2000/01/rdf-schema#label> "x"']
    """
    seen: dict[URIRef | Literal, str] = {}

    def term(t: URIRef | Literal) -> str:
        s = seen.get(t)
        if s is None:
            s = seen[t] = nt_term(t)
        return s

    return list(dict.fromkeys(f"{term(s)} {term(p)} {term(o)}" for s, p, o in triples))


@dataclass(frozen=True)
class Encoded:
    """An article's distinct triples, ready for the store's bulk loader (and cheap to send
    between processes): as N-Triples, and as N-Quads in the article's graph."""

    ntriples: bytes
    nquads: bytes
    count: int


def encode(article_id: str, triples: Iterable[Triple]) -> Encoded:
    """Encode an article's triples for :meth:`kg.store.embedded.KGStore.write_articles`.

    Example:
        >>> e = encode("abc", [(RDFS.label, RDFS.label, Literal("x"))] * 2)
        >>> e.count, e.nquads.decode().split()[-2]
        (1, '<https://w3id.org/newskg/resource/article_abc>')
    """
    lines = nt_lines(triples)
    if not lines:
        return Encoded(b"", b"", 0)
    end = f" <{article_iri(article_id)}> .\n"
    return Encoded((" .\n".join(lines) + " .\n").encode(), (end.join(lines) + end).encode(), len(lines))
