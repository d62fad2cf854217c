"""Shared fixtures: the real spaCy pipeline (session-scoped), the seed article, a built store,
and :func:`make_doc`, which builds a parsed ``Doc`` by hand for rule tests without the model.

``model`` markers are kept true here: a test that runs the trained pipeline (directly, through
the ``nlp`` or ``seed_store`` fixture, or through a build) without ``@pytest.mark.model`` fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_e40af85a717e963c.txt"
SHARED = ROOT.parent / "shared"
#: components only a trained pipeline has: running one of them is running "the model"
_TRAINED = frozenset({"tok2vec", "tagger", "parser", "ner", "senter", "morphologizer", "lemmatizer"})
_MODEL_FIXTURES = ("nlp", "seed_store")
_allowed = {"model": False}  # whether the test being set up, run or torn down is marked model


def _guard(method):
    def guarded(self: Language, *args, **kwargs):
        if not _allowed["model"] and _TRAINED & set(self.pipe_names):
            pytest.fail("this test runs the spaCy pipeline: mark it @pytest.mark.model", pytrace=False)
        return method(self, *args, **kwargs)

    return guarded


Language.__call__ = _guard(Language.__call__)
Language.pipe = _guard(Language.pipe)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of the test is set up (a module-scoped build runs the pipeline too)."""
    _allowed["model"] = item.get_closest_marker("model") is not None
    used = [f for f in _MODEL_FIXTURES if f in getattr(item, "fixturenames", ())]
    if used and not _allowed["model"]:
        pytest.fail(f"{item.nodeid} uses {used[0]!r}, the spaCy pipeline: mark it @pytest.mark.model", pytrace=False)


@pytest.fixture(scope="session")
def nlp() -> Language:
    from kg.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def lex():
    """The packaged lexicon (no model needed)."""
    from kg.extract.lexicon import load_lexicon

    return load_lexicon()


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


@cache
def _vocab() -> Vocab:
    import spacy

    return spacy.blank("en").vocab


def make_doc(
    words: Sequence[str],
    heads: Sequence[int] | None = None,
    deps: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    ents: Sequence[tuple[int, int, str]] | None = None,
    sent_starts: Sequence[bool] | None = None,
    spaces: Sequence[bool] | None = None,
) -> Doc:
    """A parsed Doc built by hand, over a blank English vocabulary, as spaCy's own matcher tests do.

    Args:
        words: the tokens.
        heads: the absolute index of each token's head (a root is its own head).
        deps: the dependency labels; with ``heads``, they also give the sentences.
        pos, tags, lemmas: coarse and fine part-of-speech tags, lemmas (default: the word lowercased).
        ents: entity spans as ``(start, end, label)`` token offsets.
        sent_starts: sentence starts, for a Doc without ``heads``.
        spaces: whether a space follows each token (default: all but before punctuation).

    Example:
        >>> doc = make_doc(["Israel", "struck", "Gaza"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ents=[(0, 1, "GPE")])
        >>> [t.head.text for t in doc], doc.ents[0].label_
        (['struck', 'struck', 'struck'], 'GPE')
    """
    if spaces is None:
        spaces = [
            i + 1 < len(words) and words[i + 1] not in {".", ",", ";", ":", "!", "?", ")", "'s"}
            for i in range(len(words))
        ]
    doc = Doc(
        _vocab(),
        words=list(words),
        spaces=list(spaces),
        heads=list(heads) if heads is not None else None,
        deps=list(deps) if deps is not None else None,
        pos=list(pos) if pos is not None else None,
        tags=list(tags) if tags is not None else None,
        lemmas=list(lemmas) if lemmas is not None else [w.lower() for w in words],
        sent_starts=[bool(s) for s in sent_starts] if sent_starts is not None else None,
    )
    if ents:
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


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


@pytest.fixture
def scratch():
    """A fresh in-memory Oxigraph server per test, for tests that write (test_remote, test_hostile_store)."""
    from kg.store.serve import oxigraph_binary, start_server

    if oxigraph_binary() is None:
        pytest.skip("the Oxigraph server binary is not installed (pip install oxigraph==0.5.13)")
    with start_server(None, port=0, read_only=False, union_default_graph=False) as srv:
        yield srv
