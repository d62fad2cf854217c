"""The docs say what the code does: the generated rule table is current, every error code is
listed, every path named exists, and the README stays a short tour."""

from __future__ import annotations

import importlib.util
import re

import pytest

from kg import errors
from tests.conftest import ROOT

DOCS = ROOT / "docs"
README = ROOT / "README.md"


def _gen_docs():
    spec = importlib.util.spec_from_file_location("_kg_gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_rule_table_is_generated_from_the_data():
    gen = _gen_docs()
    text = gen.DOC.read_text(encoding="utf-8")
    assert gen.render(text) == text, "docs/extraction.md is stale: run 'python scripts/gen_docs.py'"
    assert gen.main(["--check"]) == 0


def _codes() -> dict[str, str]:
    import kg.distributed  # noqa: F401 (defines ClusterError)

    classes = [errors.KGError, errors.KGWarning]
    seen: dict[str, str] = {}
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if cls not in (errors.KGError, errors.KGWarning, errors.ArticleError):
            assert cls.code not in seen or seen[cls.code] == cls.__name__, f"{cls.code} used twice"
            seen[cls.code] = cls.__name__
    return seen


def test_docs_every_error_code_is_in_the_table():
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    missing = {code: name for code, name in _codes().items() if f"| {code} | `{name}`" not in text}
    assert not missing, f"add these to docs/errors.md: {missing}"


@pytest.mark.parametrize("page", ["README.md", *sorted(p.name for p in DOCS.glob("*.md"))])
def test_docs_paths_and_links_exist(page):
    path = README if page == "README.md" else DOCS / page
    text = path.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:kg|tests|scripts|queries|ontology|docs)/[\w./-]+\.\w+)`", text))
    generated = ("tests/artifacts/", "queries/NAME")  # written by the tests; a placeholder
    assert not [p for p in named if not (ROOT / p).exists() and not p.startswith(generated)]
    links = set(re.findall(r"\]\(([\w./-]+\.(?:md|png))(?:#[\w-]+)?\)", text))
    assert not [link for link in links if not (path.parent / link).exists()], "links to files that do not exist"


def test_docs_readme_is_a_short_tour():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 250
    for command in ("make run", "make test", "kg build", "kg query", "kg export", "kg viz"):
        assert command in text
