"""Stage 5: the one place that writes triples.

Every ``kg:`` fact and every ``rdf:type`` of an extracted node gets a reified
``rdf:Statement`` record with the sentence, its offsets, the rule and a
confidence, derived from the article (ONTOLOGY.md, Provenance).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import OntologyError
from kg.iris import article_iri, mint_iri, record_iri
from kg.model import Article, EntityRef, EventRef, Fact, Value
from kg.ns import KG, KGR

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
PREFIXES = {
    "kg": str(KG),
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "wd": str(WIKIDATA),
}
_PLAIN = {"label": RDFS.label, "altLabel": SKOS.altLabel, "sameAs": OWL.sameAs}
Triple = tuple[URIRef, URIRef, URIRef | Literal]


def new_graph() -> Graph:
    """An empty rdflib Graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def _kg(name: str) -> URIRef:
    try:
        return KG[name]
    except (AttributeError, KeyError):
        raise OntologyError(f"term kg:{name} is not defined in ontology/kg.ttl; add it there first") from None


def _term(obj: EntityRef | EventRef | Value) -> URIRef | Literal:
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
    for f in facts:
        s = URIRef(mint_iri(f.subject))
        if f.predicate in _PLAIN:
            o = WIKIDATA[f.obj.text] if f.predicate == "sameAs" else _term(f.obj)
            yield s, _PLAIN[f.predicate], o
            continue
        if f.predicate == "type":
            p, o = RDF.type, _kg(f.obj.text)
        else:
            p, o = _kg(f.predicate), _term(f.obj)
        for node in (f.subject, f.obj):
            if isinstance(node, EntityRef) and (iri := URIRef(mint_iri(node))) not in labelled:
                labelled.add(iri)
                yield iri, RDFS.label, Literal(node.label)
        ev = f.evidence
        key = (s, p, o, ev.rule, ev.char_start)
        if key in seen:
            continue
        seen.add(key)
        yield s, p, o
        rec = URIRef(record_iri(s, p, o, article.id, ev.rule, str(ev.char_start)))
        yield rec, RDF.type, RDF.Statement
        yield rec, RDF.subject, s
        yield rec, RDF.predicate, p
        yield rec, RDF.object, o
        yield rec, KG.evidence, Literal(ev.sentence)
        yield rec, KG.charStart, Literal(ev.char_start)
        yield rec, KG.charEnd, Literal(ev.char_end)
        yield rec, KG.confidence, Literal(Decimal(f"{ev.confidence:.2f}"))
        yield rec, KG.rule, Literal(ev.rule)
        yield rec, PROV.wasDerivedFrom, art


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
