"""Evidence records: the sentence behind a fact, and the rule table."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from kg.errors import PatternError
from kg.model import Evidence

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "rules"
_RULE_KEYS = frozenset({"yields", "confidence", "about"})


@cache
def rule_table(folder: Path = RULES_PATH) -> dict[str, dict]:
    """The rule ids with what they yield and their confidence (``kg/data/rules/<stage>.json``).

    Raises:
        PatternError: a file is malformed, a rule lacks or adds a key, its confidence is
            not in [0, 1], or two files list one id.

    Example:
        >>> rule_table()["strike-trigger"]["confidence"]
        0.8
    """
    rows: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise PatternError(f"{path}: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
        data.pop("_comment", None)
        for rid, row in data.items():
            if rid in rows:
                raise PatternError(f"{path}: rule {rid!r} is listed in another file too; keep one")
            if not isinstance(row, dict) or row.keys() != _RULE_KEYS:
                raise PatternError(f"{path}: rule {rid!r} must have exactly the keys {sorted(_RULE_KEYS)}")
            if not 0 <= float(row["confidence"]) <= 1:
                raise PatternError(f"{path}: rule {rid!r} needs a confidence between 0 and 1")
            rows[rid] = row
    if not rows:
        raise PatternError(f"{folder}: no rule files; reinstall newskg")
    return rows


def make_evidence(article_id: str, where: Token | Span, rule: str, confidence: float | None = None) -> Evidence:
    """Evidence for a fact found at ``where`` by ``rule``.

    Raises:
        PatternError: the rule id is not in the rule table.
    """
    table = rule_table()
    if rule not in table:
        raise PatternError(f"rule {rule!r} is not listed in {RULES_PATH}/*.json; add it to its stage's file")
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
