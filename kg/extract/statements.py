"""Stage 4c: who said what: direct quotes, reported speech, "according to X",
and the words that run on after them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import Context, Role, Said
from kg.extract.coref import resolve
from kg.extract.dates import date_facts, date_in
from kg.extract.evidence import make_evidence
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import EntityRef, EventRef, Evidence, Fact, Mention, Value

_ABOUT_CLASSES = frozenset({"Actor", "Organization", "Place", "Resolution"})
_QUOTE = re.compile(r"[“\"]([^”\"\n]{3,})[”\"]")


def _speech_verbs(sent: Span, lex: Lexicon) -> list[Token]:
    verbs = lex.wordset("speech_verbs")
    return [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs]


def _speaker_of(verb: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lemma_.lower() in lex.wordset("speech_nouns"):
            return _issuer(c, ms, lex, roles)  # "Hamas's statement said", "a statement from the ministry said"
        if c.dep_ == "nsubj":
            # "Russia's ambassador to the UN, Vassily Nebenzia, said": the name in apposition
            for g in c.children:
                if g.dep_ == "appos" and (m := ms.at(g.i)) is not None and m.cls == "Actor":
                    return m
            m = resolve(c, ms, lex, roles)
            if m is not None and m.cls in ("Actor", "Organization"):
                return m
            # "Hamas leader Yahya Sinwar said": the subject's head is inside the name
            return None
    if verb.dep_ in ("conj",) and verb.head.pos_ == "VERB":
        return _speaker_of(verb.head, ms, lex, roles)
    return None


def _issuer(noun: Token, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Mention | None:
    """Who issued a statement: its possessor, compound, or the object of "from" / "by"."""
    for c in noun.children:
        if c.dep_ in ("poss", "compound"):
            m = resolve(c, ms, lex, roles)
        elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            m = next((resolve(g, ms, lex, roles) for g in c.children if g.dep_ == "pobj"), None)
        else:
            continue
        if m is not None and m.cls in ("Actor", "Organization"):
            return m
    return None


def clean_quote(text: str) -> str:
    """Trim a reported clause: a leading "that", stray spaces before punctuation, trailing commas.

    Example:
        >>> clean_quote("that 10 people died , ")
        '10 people died'
    """
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r"^(that|That)\s+", "", text.strip(' ,;:“”"'))
    text = re.sub(r"[,;:]+(?=[.!?]?$)", "", text)  # "... in Rafah, ." -> "... in Rafah."
    return text.rstrip(' ,;:“”"')


def _clause_text(tok: Token) -> str:
    doc = tok.doc
    words = [t for t in tok.subtree]
    return clean_quote(doc[words[0].i : words[-1].i + 1].text).rstrip(".")


def _quotes_of(sent: Span) -> list[str]:
    """The quotes a sentence holds or takes part in: one may open here and close sentences later."""
    start, end = sent.start_char, sent.end_char
    cached = sent.doc.user_data.get("kg.quotes")
    if cached is None:
        found = _QUOTE.finditer(sent.doc.text)  # once per Doc: building doc.text walks every token
        cached = sent.doc.user_data["kg.quotes"] = [(q.start(1), q.end(1), q.group(1)) for q in found]
    return [q for a, b, q in cached if a < end and b > start]


def _reported(sent: Span, ms: Mentions, lex: Lexicon, roles: tuple[Role, ...]) -> Iterator[Said]:
    quoted = _quotes_of(sent)
    for v in _speech_verbs(sent, lex):
        speaker = _speaker_of(v, ms, lex, roles)
        if speaker is None:
            continue
        if quoted:
            yield Said(sent.start, speaker, " ".join(clean_quote(q) for q in quoted), "quote-direct", v.i)
            return
        comps = [c for c in v.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if not comps:
            continue
        for c in comps:
            yield Said(sent.start, speaker, _clause_text(c), "quote-reported", v.i)
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(sent.doc) and sent.doc[t.i + 1].lower_ == "to":
            to = sent.doc[t.i + 1]
            obj = next((g for g in to.children if g.dep_ == "pobj"), None)
            speaker = resolve(obj, ms, lex, roles) if obj is not None else None
            if speaker is None or speaker.cls not in ("Actor", "Organization"):
                continue
            skip = {x.i for x in t.subtree}
            words = [x for x in sent if x.i not in skip]
            text = clean_quote("".join(x.text_with_ws for x in words)).rstrip(".")
            text = re.sub(r"^(However|But|Meanwhile|Still|Yet),?\s+", "", text)
            yield Said(sent.start, speaker, text, "quote-according-to", t.i)


def _continues(sent: Span, lex: Lexicon) -> bool:
    """A first-person or imperative sentence carries on the last speaker's words."""
    first = next((t for t in sent if not t.is_punct), None)
    if first is None:
        return False
    if first.lower_ in lex.wordset("first_person"):
        return True
    root = sent.root
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    cues = tuple(lex.wordset("continuation_cues"))
    return root.tag_ == "VB" and not has_subject and sent.text.rstrip().endswith(cues)


def find_statements(ctx: Context) -> tuple[Said, ...]:
    """Every statement in the Doc, in order."""
    doc, ms, lex, roles = ctx.doc, ctx.mentions, ctx.lex, ctx.roles
    out: list[Said] = []
    prev: Said | None = None
    prev_sent = -1
    for k, sent in enumerate(doc.sents):
        found = list(_reported(sent, ms, lex, roles))
        if (
            not found
            and prev is not None
            and prev_sent == k - 1
            and _continues(sent, lex)
            and not _speech_verbs(sent, lex)
        ):
            found = [Said(sent.start, prev.speaker, clean_quote(sent.text), "quote-continued", sent.root.i)]
        out.extend(found)
        if found:
            prev, prev_sent = found[-1], k
    return tuple(out)


def statement_facts(ctx: Context) -> Iterator[Fact]:
    """Yield a kg:Statement node with speaker, quote and date for each statement."""
    doc, said, aid, ref = ctx.doc, ctx.said, ctx.article.id, ctx.article.published
    for s in said:
        if not s.quote:
            continue
        digest = hashlib.sha1(s.quote.encode()).hexdigest()[:8]
        node = EventRef("Statement", (aid, str(doc[s.sent_start].idx), s.speaker.label, digest))
        anchor = doc[s.anchor]
        ev = make_evidence(aid, anchor, s.rule)
        short = s.quote if len(s.quote) <= 60 else s.quote[:57].rstrip() + "..."
        yield Fact(node, "type", Value("Statement"), ev)
        yield Fact(node, "label", Value(f"{s.speaker.label}: {short}"), ev)
        yield Fact(node, "speaker", EntityRef(s.speaker.label), ev)
        yield Fact(node, "quote", Value(s.quote), ev)
        yield from _about(node, s, ctx, ev)
        when = date_in(anchor.sent, anchor, ref)
        if when is not None:
            yield from date_facts(node, when, make_evidence(aid, anchor, "date-phrase"))


def _about(node: EventRef, s: Said, ctx: Context, ev: Evidence) -> Iterator[Fact]:
    """ "kg:about": every entity of the article the quote names, other than its speaker."""
    seen = {s.speaker.label}
    for m in ctx.mentions.items:
        if m.label in seen or m.cls not in _ABOUT_CLASSES or m.text not in s.quote:
            continue
        if re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", s.quote):
            seen.add(m.label)
            yield Fact(node, "about", EntityRef(m.label), ev)
