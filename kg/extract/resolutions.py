"""Resolutions: number, body, year, vote, demands and the parties they concern."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import Context
from kg.extract.dates import date_facts, date_in
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.proposals import proposal_nodes
from kg.extract.statements import clean_quote
from kg.extract.syntax import YEAR, happened, number_of, with_conjuncts
from kg.model import EntityRef, EventRef, Fact, Mention, Ref, Value


def _is_resolution(m: Mention | None) -> bool:
    return m is not None and m.cls == "Resolution"


def _resolution_anaphor(t: Token) -> bool:
    return t.lower_ in ("it", "this", "which") or (
        t.lemma_.lower() == "resolution" and any(c.lower_ in ("the", "this", "that") for c in t.children)
    )


def _subject_body(verb: Token, ms: Mentions) -> Mention | None:
    for c in verb.children:
        if c.dep_ == "nsubj" and (m := ms.at(c.i)) is not None and m.kind == "intl_body":
            return m
        if c.dep_ == "agent":
            for g in c.children:
                if (m := ms.at(g.i)) is not None and m.kind == "intl_body":
                    return m
    return None


def extract_resolutions(ctx: Context) -> Iterator[Fact]:
    """Yield the number, body, year, demands and parties of each resolution."""
    doc, ms, lex, aid, ref = ctx.doc, ctx.mentions, ctx.lex, ctx.article.id, ctx.article.published
    sents = list(doc.sents)
    last: Mention | None = None
    for k, sent in enumerate(sents):
        here = [m for m in ms.in_span(sent.start, sent.end) if m.cls == "Resolution"]
        for m in here:
            node = EntityRef(m.label)
            ev = make_evidence(aid, doc[m.start], "resolution-body")
            yield Fact(node, "number", Value(m.extra[0]), ev)
            body = ms.at(m.start - 1) if m.start else None
            if body is not None and body.kind == "intl_body":
                yield Fact(node, "adoptedBy", EntityRef(body.label), ev)
            root = doc[m.start : m.end].root
            verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
            if verb is not None and verb.lemma_.lower() in lex.wordset("adopt_verbs"):
                # "The UN Security Council on Monday adopted Resolution 2735"
                adopter = _subject_body(verb, ms)
                if adopter is not None and (body is None or body.kind != "intl_body"):
                    yield Fact(node, "adoptedBy", EntityRef(adopter.label), ev)
                when = date_in(sent, verb, ref)
                if when is not None and not YEAR.search(sent.text):
                    yield Fact(
                        node,
                        "adoptedYear",
                        Value(str(when.start.year), "gYear"),
                        make_evidence(aid, verb, "resolution-year"),
                    )
            nxt = doc[m.end : m.end + 3]
            if len(nxt) == 3 and nxt[0].text == "(" and YEAR.match(nxt[1].text):
                yield Fact(
                    node, "adoptedYear", Value(nxt[1].text, "gYear"), make_evidence(aid, nxt[1], "resolution-year")
                )
        subject_res = here[-1] if here else None
        if subject_res is None and last is not None:
            subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and _resolution_anaphor(t)]
            if subj:
                subject_res = last
        if here:
            last = here[-1]
        if subject_res is None:
            continue
        node = EntityRef(subject_res.label)
        if any(t.lemma_.lower() in lex.wordset("adopt_verbs") for t in sent):
            year = next((t for t in sent if YEAR.match(t.text)), None)
            if year is not None:
                yield Fact(node, "adoptedYear", Value(year.text, "gYear"), make_evidence(aid, year, "resolution-year"))
        yield from _demands(sent, node, ms, lex, aid)
    yield from unnumbered_resolutions(ctx)


def _demands(
    sent: Span, node: Ref, ms: Mentions, lex: Lexicon, aid: str, res_tok: Token | None = None
) -> Iterator[Fact]:
    for v in sent:
        if v.pos_ != "VERB" or v.lemma_.lower() not in lex.wordset("demand_verbs"):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and v.dep_ == "conj":
            subj = next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # "a resolution demanding ...", "a resolution that calls on ...": the clause hangs on the noun
        own = res_tok is not None and v.dep_ in ("acl", "relcl") and v.head.i == res_tok.i
        if not own and (subj is None or not (_resolution_anaphor(subj) or _is_resolution(ms.at(subj.i)))):
            continue
        clauses: list[Token] = []
        addressed: list[Mention] = []
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "on"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        if (m := ms.at(g.i)) is not None and m.cls == "Organization":
                            addressed.append(m)
                        else:
                            clauses.append(g)
            if c.dep_ in ("xcomp", "ccomp", "advcl", "dobj"):
                clauses.append(c)
        verbs = []
        for c in clauses:
            verbs.append(c)
            verbs.extend(x for x in c.subtree if x.dep_ == "conj" and x.pos_ == "VERB" and x.head.i == c.i)
        ev = make_evidence(aid, v, "resolution-demands")
        for c in verbs:
            skip = {x.i for k in c.children if k.dep_ in ("conj", "cc") for x in k.subtree}
            words = [x for x in c.subtree if x.i not in skip and x.dep_ != "aux" or x.i == c.i]
            text = clean_quote(" ".join(x.text for x in words if x.i not in skip))
            if c is clauses[0] and addressed and c.pos_ == "VERB":
                text = f"{addressed[0].text} {text}"
            if text:
                yield Fact(node, "demands", Value(text), ev)
            for m in ms.in_span(c.left_edge.i, c.right_edge.i + 1):
                if m.cls == "Organization" and all(m.label != a.label for a in addressed):
                    addressed.append(m)
        for m in addressed:
            yield Fact(node, "concerns", EntityRef(m.label), ev)


# ---------------------------------------------------------------- resolutions without a number


def _adopted(t: Token, ms: Mentions, lex: Lexicon) -> tuple[Token, Mention] | None:
    """ "The Security Council adopted a resolution": the adopting verb and the body, or None."""
    if t.dep_ not in ("dobj", "nsubjpass") or t.head.lemma_.lower() not in lex.wordset("adopt_verbs"):
        return None
    verb = t.head
    body = _subject_body(verb, ms)
    return (verb, body) if body is not None and happened(t, lex) else None


def _sponsors(t: Token, ms: Mentions, lex: Lexicon) -> Iterator[Mention]:
    """ "a US-drafted resolution", "a resolution drafted by France"."""
    words, doc = lex.words["sponsor_words"], t.doc
    for k in range(t.left_edge.i, t.i - 1):
        if doc[k + 1].text == "-" and doc[k + 2].lower_ in words and (m := ms.at(k)) is not None:
            yield m
    for c in t.children:
        if c.dep_ == "acl" and c.lower_ in words:
            for a in (g for x in c.children if x.dep_ == "agent" for g in x.children):
                yield from (m for h in with_conjuncts(a) if (m := ms.at(h.i)) is not None)


def _votes(sent: Span, lex: Lexicon) -> Iterator[tuple[str, str, Token]]:
    """ "14 votes in favour", "two abstentions", "Russia abstaining", "vetoed by Russia"."""
    words = lex.words["vote_words"]
    for t in sent:
        if t.like_num and (n := number_of(t, lex)) is not None:
            after = t.doc[t.i + 1 : min(t.i + 5, sent.end)]
            pred = next((words[w.lower_] for w in after if w.lower_ in words), None)
            if pred is not None:
                yield pred, str(n), t


def _voters(sent: Span, ms: Mentions, lex: Lexicon) -> Iterator[tuple[str, Mention, Token]]:
    verbs = lex.words["vote_verbs"]
    for t in sent:
        pred = verbs.get(t.lemma_.lower())
        if pred is None or t.pos_ != "VERB":
            continue
        before = ms.at(t.i - 1)
        if (
            before is not None
            and before.cls == "Organization"
            and not any(c.dep_ == "nsubj" and ms.at(c.i) for c in t.children)
        ):
            yield pred, before, t  # "with Russia abstaining"
        for c in t.children:
            heads = with_conjuncts(c) if c.dep_ == "nsubj" else []
            heads += [g for x in c.children for g in with_conjuncts(x)] if c.dep_ == "agent" else []
            for h in heads:
                if (m := ms.at(h.i)) is not None and m.cls == "Organization":
                    yield pred, m, t


def _unnumbered_facts(t: Token, verb: Token, body: Mention, ctx: Context) -> Iterator[Fact]:
    ms, lex, aid, sent = ctx.mentions, ctx.lex, ctx.article.id, t.sent
    when = date_in(sent, verb, ctx.article.published)
    node = EventRef("Resolution", (aid, body.label, when.text if when else str(t.idx)))
    ev = make_evidence(aid, verb, "resolution-adopted")
    yield Fact(node, "type", Value("Resolution"), ev)
    yield Fact(node, "label", Value(f"{body.label} resolution" + (f" ({when.text})" if when else "")), ev)
    yield Fact(node, "adoptedBy", EntityRef(body.label), ev)
    if when is not None:
        yield from date_facts(node, when, make_evidence(aid, verb, "date-phrase"))
    for m in _sponsors(t, ms, lex):
        yield Fact(node, "sponsoredBy", EntityRef(m.label), ev)
    for pred, n, tok in _votes(sent, lex):
        yield Fact(node, pred, Value(n, "integer"), make_evidence(aid, tok, "resolution-vote"))
    for pred, m, tok in _voters(sent, ms, lex):
        yield Fact(node, pred, EntityRef(m.label), make_evidence(aid, tok, "resolution-vote"))
    yield from _endorses(t, node, ctx)
    yield from _demands(sent, node, ms, lex, aid, t)
    if sent.end < len(sent.doc):
        yield from _demands(sent.doc[sent.end].sent, node, ms, lex, aid)  # "The resolution calls on ..."


def _endorses(t: Token, node: Ref, ctx: Context) -> Iterator[Fact]:
    """ "a resolution backing a ceasefire plan", "a resolution that welcomes the deal"."""
    support = ctx.lex.wordset("support_verbs")
    objects = [
        g
        for c in t.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in support
        for g in c.children
        if g.dep_ == "dobj"
    ]
    if objects:
        nodes = proposal_nodes(ctx)
        for g in objects:
            if g.i in nodes:
                yield Fact(node, "endorses", nodes[g.i], make_evidence(ctx.article.id, g, "resolution-adopted"))


def unnumbered_resolutions(ctx: Context) -> Iterator[Fact]:
    """Yield the facts of each resolution adopted without a number the text gives.

    Its identity is the article, the body and the day (or the place in the text).
    """
    ms, lex = ctx.mentions, ctx.lex
    nouns = lex.wordset("resolution_nouns")
    for t in ctx.doc:
        if t.lemma_.lower() in nouns and t.pos_ == "NOUN" and ms.at(t.i) is None:
            if (found := _adopted(t, ms, lex)) is not None:
                yield from _unnumbered_facts(t, found[0], found[1], ctx)
