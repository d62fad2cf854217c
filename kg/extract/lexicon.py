"""World knowledge and word lists, loaded from ``kg/data``.

``actors.json`` is the actor dictionary (states, armed groups, armies, bodies,
agencies, places: canonical name, aliases, demonyms, kind, Wikidata id), kept
the way event coders keep theirs; ``words.json`` holds trigger and role words.
Nothing in here knows any one article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import PatternError
from kg.model import Entity

DATA = Path(__file__).resolve().parents[1] / "data"
KINDS = frozenset(
    {"state", "armed_group", "government", "army", "intl_body", "agency", "news_agency", "party", "place"}
)
#: kinds whose mentions are agents (kg:Organization)
ORG_KINDS = KINDS - {"place"}


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look up: entities by name, and word lists."""

    entities: dict[str, Entity]  # canonical label -> Entity
    names: dict[str, str]  # exact surface form -> label
    lower_names: dict[str, str]  # lower-cased surface form (3+ chars, not all caps) -> label
    demonyms: dict[str, str]  # lower-cased demonym -> state label
    armies: dict[str, str]  # state label -> army label
    words: dict[str, Any]
    sets: dict[str, frozenset[str]]  # every list or table in words.json, as a frozenset

    def lookup(self, text: str) -> Entity | None:
        """Return the entity a surface form names, or None.

        Example:
            >>> lex = load_lexicon()
            >>> lex.lookup("U.S.").label
            'United States'
        """
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        label = self.names.get(text) or self.lower_names.get(text.lower())
        if label is None and text.endswith("'s"):
            return self.lookup(text[:-2])
        return self.entities.get(label) if label else None

    def demonym(self, word: str) -> Entity | None:
        """Return the state a demonym names ("Israeli" -> Israel), or None."""
        label = self.demonyms.get(word.lower())
        return self.entities[label] if label else None

    def wordset(self, key: str) -> frozenset[str]:
        """A word list from ``words.json`` as a frozenset (built once at load)."""
        try:
            return self.sets[key]
        except KeyError:
            raise PatternError(f"kg/data/words.json has no word list {key!r}") from None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternError(f"{path}: data file missing; reinstall newskg") from None
    except json.JSONDecodeError as e:
        raise PatternError(f"{path}: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None


def _entity(row: dict, path: Path, i: int) -> Entity:
    try:
        label, kind = row["label"], row["kind"]
    except KeyError as e:
        raise PatternError(f"{path}: entry {i} lacks {e.args[0]!r}") from None
    if kind not in KINDS:
        raise PatternError(f"{path}: entry {label!r} has kind {kind!r}; use one of {sorted(KINDS)}")
    return Entity(
        label=label,
        kind=kind,
        aliases=tuple(row.get("aliases", ())),
        demonyms=tuple(row.get("demonyms", ())),
        wikidata=row.get("wikidata", ""),
        country=row.get("country", ""),
    )


@cache
def load_lexicon(data_dir: str = str(DATA)) -> Lexicon:
    """Load and index ``actors.json`` and ``words.json`` (cached).

    Raises:
        PatternError: a data file is missing or malformed.
    """
    base = Path(data_dir)
    rows = _read_json(base / "actors.json")
    words = _read_json(base / "words.json")
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}
    lower: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    armies: dict[str, str] = {}
    for i, row in enumerate(rows):
        e = _entity(row, base / "actors.json", i)
        entities[e.label] = e
        for name in (e.label, *e.aliases):
            names.setdefault(name, e.label)
            # acronyms and short names stay case-sensitive ("US" is not "us")
            if len(name) > 3 and not name.isupper():
                lower.setdefault(name.lower(), e.label)
        if e.kind == "state":
            for d in e.demonyms:
                demonyms.setdefault(d.lower(), e.label)
        if e.kind == "army" and e.country:
            armies.setdefault(e.country, e.label)
    sets = {k: frozenset(v) for k, v in words.items() if isinstance(v, (list, dict))}
    return Lexicon(entities, names, lower, demonyms, armies, words, sets)
