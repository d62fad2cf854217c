"""kg.build with worker processes gives the store, report and warnings of a one-process build."""

from __future__ import annotations

import warnings

import pytest

from kg.build import BATCH, build
from kg.errors import LanguageWarning
from kg.present.export import export
from kg.store.embedded import KGStore

GERMAN = (
    "Die israelische Armee hat am Montag erneut Ziele im Süden des Libanon angegriffen, teilte ein "
    "Sprecher mit. Dabei wurden nach Angaben der Behörden mindestens drei Menschen getötet.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """More files than one batch: a few articles, a German one and a bad file among them."""
    d = tmp_path_factory.mktemp("corpus")
    places = ["Beirut", "Gaza", "Kharkiv", "Khartoum", "Tyre", "Odesa"]
    for i in range(2 * BATCH + 3):
        (d / f"a{i:02d}.txt").write_text(
            f"---\npublished: 2024-05-{1 + i:02d}\n---\nIsrael struck {places[i % 6]} on Monday, "
            f"killing at least {i + 2} people, officials said. Hezbollah said it would respond.\n"
        )
    (d / "a05.txt").write_bytes(b"\x00\x01binary")
    (d / "a09.txt").write_text(GERMAN)
    return sorted(d.iterdir())


def _build(paths, tmp_path, workers):
    with warnings.catch_warnings(record=True) as caught, KGStore(tmp_path / f"s{workers}") as store:
        warnings.simplefilter("always")
        seen = []
        report = build(paths, store, workers=workers, progress=lambda a: seen.append(a.path))
        data = export(store, "nq")
    return report, data, seen, [w for w in caught if issubclass(w.category, LanguageWarning)]


@pytest.mark.model
def test_build_workers_same_store_report_and_warnings(corpus, tmp_path):
    one, data1, seen1, warned1 = _build(corpus, tmp_path, 1)
    two, data2, seen2, warned2 = _build(corpus, tmp_path, 2)
    assert data1 == data2 and len(data1) > 10_000  # byte-identical, whatever the number of workers
    assert (one.articles, one.facts, one.triples, one.entities) == (two.articles, two.facts, two.triples, two.entities)
    assert one.skipped == two.skipped and len(one.skipped) == 1 and "a05.txt" in one.skipped[0]
    assert seen1 == seen2 and len(seen1) == len(corpus) - 1  # progress in input order
    assert [str(w.message) for w in warned1] == [str(w.message) for w in warned2]
    assert len(warned2) == 1 and "a09.txt" in str(warned2[0].message)  # issued in the main process
