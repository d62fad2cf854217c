"""Evidence records: the sentence behind a fact, and the rule table."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from kg.errors import PatternError
from kg.model import Evidence

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "rules.json"


@cache
def rule_table() -> dict[str, dict]:
    """The rule ids with what they yield and their confidence (``kg/data/rules.json``)."""
    rows = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    rows.pop("_comment", None)
    for rid, row in rows.items():
        if not 0 <= float(row.get("confidence", -1)) <= 1:
            raise PatternError(f"{RULES_PATH}: rule {rid!r} needs a confidence between 0 and 1")
    return rows


def sentence_of(x: Token | Span) -> Span:
    """The sentence a token or span belongs to."""
    return x.sent


def make_evidence(article_id: str, where: Token | Span, rule: str, confidence: float | None = None) -> Evidence:
    """Evidence for a fact found at ``where`` by ``rule``.

    Raises:
        PatternError: the rule id is not in the rule table.
    """
    table = rule_table()
    if rule not in table:
        raise PatternError(f"rule {rule!r} is not listed in {RULES_PATH}; add it there")
    sent = where.sent
    start = sent.start_char
    # Span.text, not Doc.text (which rebuilds the whole text on every call);
    # trailing whitespace/newlines are not part of the sentence
    text = sent.text.rstrip()
    return Evidence(
        article_id=article_id,
        char_start=start,
        char_end=start + len(text),
        sentence=text,
        rule=rule,
        confidence=float(table[rule]["confidence"] if confidence is None else confidence),
    )
