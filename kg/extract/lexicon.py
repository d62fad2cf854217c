"""World knowledge and word lists, loaded from ``kg/data``.

``actors.json`` is the actor dictionary (states, armed groups, armies, bodies,
agencies, places: canonical name, aliases, demonyms, kind, Wikidata id), kept
the way event coders keep theirs; ``words/*.json`` hold trigger and role words.
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

#: The word lists the code asks for, by data file (``kg/data/words/<file>.json``).
#: Loading checks that each file holds exactly these keys: a list nobody reads, or a
#: list the code asks for that no file has, is an error at start-up, not a silent miss.
WORD_LISTS: dict[str, frozenset[str]] = {
    "common": frozenset(
        {
            "directions",
            "locative_preps",
            "number_words",
            "qualifiers",
            "target_preps",
        }
    ),
    "entities": frozenset(
        {
            "army_nouns",
            "attempt_words",
            "backed_words",
            "based_words",
            "charge_verbs",
            "company_nouns",
            "company_suffixes",
            "demonym_heads",
            "envoy_roles",
            "fatal_adverbs",
            "government_nouns",
            "group_nouns",
            "group_pronouns",
            "honorifics",
            "kill_nouns",
            "kill_verbs",
            "killer_nouns",
            "lead_verbs",
            "leader_qualifiers",
            "leader_roles",
            "motion_preps",
            "name_particles",
            "not_entities",
            "not_role_nouns",
            "operation_words",
            "person_pronouns",
            "place_nouns",
            "private_roles",
            "role_modifiers",
            "role_nouns",
            "role_preps",
            "role_suffixes",
            "ship_prefixes",
            "shoot_verbs",
            "state_default_roles",
            "title_objects",
            "vessel_nouns",
            "work_verbs",
            "wound_words",
        }
    ),
    "events": frozenset(
        {
            "anaphor_event_words",
            "aspect_verbs",
            "attack_kill_verbs",
            "attacker_descriptions",
            "blame_verbs",
            "concrete_attack_words",
            "death_words",
            "detonate_verbs",
            "device_nouns",
            "facility_nouns",
            "explosive_weapons",
            "exposure_verbs",
            "habit_adverbs",
            "harm_words",
            "impact_verbs",
            "irrealis_words",
            "munition_nouns",
            "not_attack_modifiers",
            "not_attack_objects",
            "pattern_quantifiers",
            "plural_pattern_modifiers",
            "place_descriptions",
            "platform_nouns",
            "reflexive_pronouns",
            "responsibility_nouns",
            "responsibility_verbs",
            "same_time_cues",
            "strike_nouns",
            "strike_support_verbs",
            "strike_verbs",
            "unreal_governors",
            "verb_particles",
            "victim_nouns",
            "weapon_modifiers",
        }
    ),
    "proposals": frozenset(
        {
            "adopt_verbs",
            "demand_verbs",
            "mediate_verbs",
            "mediator_nouns",
            "mediator_roles",
            "oppose_verbs",
            "proposal_context_words",
            "proposal_nouns",
            "proposal_strong",
            "propose_verbs",
            "reference_verbs",
            "resolution_nouns",
            "review_verbs",
            "sponsor_words",
            "status_words",
            "support_verbs",
            "talks_nouns",
            "vote_verbs",
            "vote_words",
        }
    ),
    "speech": frozenset(
        {
            "continuation_cues",
            "first_person",
            "speech_nouns",
            "speech_verbs",
        }
    ),
}


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look up: entities by name, and word lists."""

    entities: dict[str, Entity]  # canonical label -> Entity
    names: dict[str, str]  # exact surface form -> label
    lower_names: dict[str, str]  # lower-cased surface form (3+ chars, not all caps) -> label
    demonyms: dict[str, str]  # lower-cased demonym -> state label
    words: dict[str, Any]
    sets: dict[str, frozenset[str]]  # every word list or table, as a frozenset

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
        """A word list from ``kg/data/words/`` as a frozenset (built once at load)."""
        try:
            return self.sets[key]
        except KeyError:
            raise PatternError(
                f"kg/data/words/: no word list {key!r}; add it to a file there and to WORD_LISTS"
            ) from None


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


def load_words(folder: Path, expected: dict[str, frozenset[str]] | None = None) -> dict[str, Any]:
    """Read every ``<file>.json`` of the word-list folder, checking its keys against ``WORD_LISTS``.

    Args:
        folder: the folder of word-list files.
        expected: the keys each file must hold; ``WORD_LISTS`` by default.

    Returns:
        All word lists of all files, by key.

    Raises:
        PatternError: a file is missing, unexpected, malformed, or its keys differ from the expected ones.

    Example:
        >>> sorted(load_words(DATA / "words"))[:2]
        ['adopt_verbs', 'anaphor_event_words']
    """
    expected = WORD_LISTS if expected is None else expected
    found = {p.stem for p in folder.glob("*.json")}
    if extra := sorted(found - set(expected)):
        raise PatternError(
            f"{folder}: unexpected word-list file(s) {extra}; name each in WORD_LISTS in kg/extract/lexicon.py"
        )
    words: dict[str, Any] = {}
    for name, keys in sorted(expected.items()):
        path = folder / f"{name}.json"
        data = _read_json(path)
        if not isinstance(data, dict):
            raise PatternError(f"{path}: expected a JSON object of word lists, found {type(data).__name__}")
        data.pop("_comment", None)
        if data.keys() != keys:
            missing, unknown = sorted(keys - data.keys()), sorted(data.keys() - keys)
            raise PatternError(
                f"{path}: word lists differ from what the code asks for (missing {missing}, unknown {unknown})"
            )
        words.update(data)
    return words


@cache
def load_lexicon(data_dir: str = str(DATA)) -> Lexicon:
    """Load and index ``actors.json`` and the word lists of ``words/`` (cached).

    Raises:
        PatternError: a data file is missing or malformed.
    """
    base = Path(data_dir)
    rows = _read_json(base / "actors.json")
    words = load_words(base / "words")
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}
    lower: dict[str, str] = {}
    demonyms: dict[str, str] = {}
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
    sets = {k: frozenset(v) for k, v in words.items() if isinstance(v, (list, dict))}
    return Lexicon(entities, names, lower, demonyms, words, sets)
