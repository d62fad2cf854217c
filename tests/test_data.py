"""Rules and word lists are data: every list and rule id in kg/data/ is read by the code, and only those."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from kg.errors import PatternError
from kg.extract.evidence import rule_table
from kg.extract.lexicon import DATA, WORD_LISTS, load_words

KG = Path(__file__).resolve().parents[1] / "kg"
_ASKED = re.compile(r"""(?:wordset\(|words\[)\s*["']([a-z_]+)["']""")


def _code() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(KG.rglob("*.py"))}


def _string_constants() -> set[str]:
    out: set[str] = set()
    for text in _code().values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def test_data_word_lists_asked_for_are_exactly_those_declared():
    asked = {key for text in _code().values() for key in _ASKED.findall(text)}
    declared = set().union(*WORD_LISTS.values())
    assert asked - declared == set(), "the code asks for lists that no data file declares"
    assert declared - asked == set(), "data files declare lists that no code reads"


def test_data_word_list_files_hold_exactly_the_declared_keys():
    for name, keys in WORD_LISTS.items():
        data = json.loads((DATA / "words" / f"{name}.json").read_text(encoding="utf-8"))
        assert set(data) - {"_comment"} == keys, name


@pytest.mark.parametrize(
    "files, message",
    [
        ({"a": {"x": [1]}}, r"unknown \['x'\]"),
        ({"a": {"w": ["v"], "x": []}}, r"unknown \['x'\]"),
        ({"a": {}}, r"missing \['w'\]"),
        ({"a": {"w": []}, "b": {}}, r"unexpected word-list file"),
        ({"a": [1, 2]}, r"expected a JSON object"),
    ],
    ids=["other-key", "extra-key", "missing-key", "extra-file", "not-an-object"],
)
def test_data_load_words_refuses_keys_the_code_does_not_ask_for(tmp_path: Path, files: dict, message: str):
    for name, data in files.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
    with pytest.raises(PatternError, match=message):
        load_words(tmp_path, {"a": frozenset({"w"})})


def test_data_every_rule_id_is_emitted_by_the_code():
    constants = _string_constants()
    never = sorted(rid for rid in rule_table() if rid not in constants)
    assert never == [], "kg/data/rules/ lists rule ids no code emits"


def _emitted_rule_ids() -> set[str]:
    """Rule ids handed to make_evidence, or stored in a ``rule`` field, anywhere in kg/."""
    out: set[str] = set()
    for text in _code().values():
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "make_evidence"
            ):
                args = node.args[2:3] + [k.value for k in node.keywords if k.arg == "rule"]
                out |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            if isinstance(node, ast.keyword) and node.arg == "rule" and isinstance(node.value, ast.Constant):
                out.add(node.value.value)
    return out


def test_data_every_emitted_rule_id_is_listed():
    emitted = _emitted_rule_ids()
    assert emitted, "found no make_evidence calls: the scan is broken"
    assert emitted - set(rule_table()) == set()
