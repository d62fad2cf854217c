"""The shape of the code: module and function sizes, layers that import downward only, and a
type checker strict enough to catch a store passed where the other kind is expected."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

KG = ROOT / "kg"
MAX_MODULE_LINES = 400  # a module has fewer lines than this
MAX_FUNCTION_LINES = 60  # and so has every function
# Modules allowed past the limits, each with its reason (none now).
ALLOWED_TO_BE_LONG: set[str] = set()


def _modules() -> list[Path]:
    return sorted(KG.rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_house_modules_are_short():
    long = {
        _rel(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_MODULE_LINES
        and _rel(p) not in ALLOWED_TO_BE_LONG
    }
    assert not long, f"modules of {MAX_MODULE_LINES} lines or more: {long}"


def test_house_functions_are_short():
    long = []
    for p in _modules():
        if _rel(p) in ALLOWED_TO_BE_LONG:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n >= MAX_FUNCTION_LINES:
                    long.append(f"{_rel(p)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, f"functions of {MAX_FUNCTION_LINES} lines or more: {long}"


def test_house_allow_list_holds_only_extraction_modules():
    assert all(m.startswith("kg/extract/") for m in ALLOWED_TO_BE_LONG)
    assert all((ROOT / m).exists() for m in ALLOWED_TO_BE_LONG), "an allowed module is gone: drop it from the list"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ["kg.store", "kg.present", "kg.cli"])
def test_house_extraction_never_imports_the_layers_above(layer):
    bad = {
        _rel(p): sorted(n for n in _imports(p) if n == layer or n.startswith(layer + "."))
        for p in sorted((KG / "extract").rglob("*.py"))
    }
    assert not {k: v for k, v in bad.items() if v}


# A snippet that passes the server store where only the embedded one is accepted: the
# mix-up issue 11 found by hand. mypy, as `make test` runs it, must refuse it; the Store
# protocol takes both.
_MIXUP = """
from kg.store import KGStore, RemoteStore, Store

def compact(store: KGStore) -> None:
    store.finish()

def anywhere(store: Store) -> int:
    return store.count()

remote = RemoteStore("http://127.0.0.1:7878/query", check=False)
embedded = KGStore("kg-store")
anywhere(remote)
anywhere(embedded)
compact(remote)
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mypy", path=str(Path(sys.executable).parent)) is None, reason="mypy not installed")
def test_house_mypy_catches_a_remote_store_passed_as_an_embedded_one(tmp_path):
    snippet = tmp_path / "mixup.py"
    snippet.write_text(textwrap.dedent(_MIXUP))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert 'Argument 1 to "compact" has incompatible type "RemoteStore"; expected "KGStore"' in errors[0]
    assert f"mixup.py:{_MIXUP.splitlines().index('compact(remote)') + 1}:" in errors[0]
