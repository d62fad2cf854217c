"""Shared fixtures: the real spaCy pipeline (session-scoped), the seed article, a built store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_e40af85a717e963c.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed built once into a store; tests must not write to it."""
    from kg.build import build
    from kg.store.embedded import KGStore

    path = tmp_path_factory.mktemp("seed") / "store"
    with KGStore(path) as store:
        build([SEED], store)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def extract_text(nlp, text: str, published: str = "2024-11-25"):
    """Facts extracted from a text, as (subject, predicate, object) local-name triples."""
    import datetime as dt

    from kg.articles import parse_article
    from kg.extract import extract
    from kg.model import EntityRef, EventRef, Value

    article = parse_article(text, date=dt.date.fromisoformat(published))
    facts = extract(article, nlp(article.body))

    def name(x):
        if isinstance(x, EntityRef):
            return x.label.replace(" ", "_")
        if isinstance(x, EventRef):
            return x.cls
        if isinstance(x, Value):
            return x.text
        return str(x)

    return {(name(f.subject), f.predicate, name(f.obj)) for f in facts}
