"""Validate the world-knowledge actor dictionary in kg/data/actors.json.

Pure-data checks; no spaCy required.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_PATH = Path(__file__).resolve().parent.parent / "kg" / "data" / "actors.json"

ALLOWED_KINDS = {
    "state",
    "armed_group",
    "government",
    "army",
    "intl_body",
    "agency",
    "news_agency",
    "party",
    "place",
}
ALLOWED_KEYS = {"label", "kind", "aliases", "demonyms", "wikidata", "country"}
COUNTRY_KINDS = {"army", "government", "agency", "party", "armed_group", "place"}
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    with DATA_PATH.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def surface_index(actors) -> dict[str, str]:
    """Case-folded surface form (label, alias or demonym) -> entry label."""
    index: dict[str, str] = {}
    for entry in actors:
        for form in _surface_forms(entry):
            index.setdefault(form.casefold(), entry["label"])
    return index


def _surface_forms(entry: dict) -> list[str]:
    return [entry["label"], *entry.get("aliases", []), *entry.get("demonyms", [])]


def test_parses_and_is_big_enough(actors):
    assert len(actors) >= 300


def test_entry_shape(actors):
    for entry in actors:
        assert isinstance(entry, dict), entry
        assert set(entry) <= ALLOWED_KEYS, entry
        assert isinstance(entry.get("label"), str) and entry["label"].strip(), entry
        assert entry["label"] == entry["label"].strip(), entry
        assert entry.get("kind") in ALLOWED_KINDS, entry
        for key in ("aliases", "demonyms"):
            if key in entry:
                values = entry[key]
                assert isinstance(values, list) and values, (key, entry)
                for value in values:
                    assert isinstance(value, str) and value == value.strip() and value, (
                        key,
                        entry,
                    )
                    assert not value.lower().startswith("the "), (key, value)
        if "country" in entry:
            assert entry["kind"] in COUNTRY_KINDS, entry


def test_labels_unique(actors):
    counts = Counter(entry["label"].casefold() for entry in actors)
    dupes = [label for label, n in counts.items() if n > 1]
    assert not dupes, dupes


def test_sorted_by_label(actors):
    labels = [entry["label"] for entry in actors]
    assert labels == sorted(labels, key=str.casefold)


def test_no_surface_form_shared_between_entries(actors):
    owners: dict[str, set[str]] = {}
    for entry in actors:
        forms = _surface_forms(entry)
        folded = [f.casefold() for f in forms]
        # No duplicates inside one entry either (including label repeated as alias).
        assert len(folded) == len(set(folded)), entry
        for form in folded:
            owners.setdefault(form, set()).add(entry["label"])
    clashes = {form: sorted(labels) for form, labels in owners.items() if len(labels) > 1}
    assert not clashes, clashes


def test_country_refers_to_state(actors):
    states = {entry["label"] for entry in actors if entry["kind"] == "state"}
    bad = [
        (entry["label"], entry["country"]) for entry in actors if "country" in entry and entry["country"] not in states
    ]
    assert not bad, bad


def test_wikidata_ids_well_formed_and_unique(actors):
    ids = [entry["wikidata"] for entry in actors if "wikidata" in entry]
    for qid in ids:
        assert WIKIDATA_RE.match(qid), qid
    dupes = [qid for qid, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes


def test_no_people_kind(actors):
    # The dictionary holds organisations, states and places only.
    assert not any(entry["kind"] in {"person", "people"} for entry in actors)


def test_coverage_counts(actors):
    kinds = Counter(entry["kind"] for entry in actors)
    # 193 UN member states + Palestine, Taiwan, Kosovo, Western Sahara.
    assert kinds["state"] >= 197
    assert kinds["armed_group"] >= 35
    assert kinds["army"] >= 25
    assert kinds["government"] + kinds["agency"] >= 30
    assert kinds["intl_body"] >= 35
    assert kinds["news_agency"] >= 25
    assert kinds["place"] >= 100


def test_security_council_only_once(actors):
    holders = [
        entry["label"] for entry in actors if any(f.casefold() == "security council" for f in _surface_forms(entry))
    ]
    assert holders == ["UN Security Council"]


def test_risky_short_aliases_absent(surface_index):
    # "IS" collides with the English verb; "X" with the social network / letter.
    for form in ("IS", "X", "CAR"):
        assert form.casefold() not in surface_index, form


@pytest.mark.parametrize(
    ("form", "label"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("Americans", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("British", "United Kingdom"),
        ("Russian Federation", "Russia"),
        ("Ukrainians", "Ukraine"),
        ("Israelis", "Israel"),
        ("Lebanese", "Lebanon"),
        ("DRC", "Democratic Republic of the Congo"),
        ("DR Congo", "Democratic Republic of the Congo"),
        ("Burma", "Myanmar"),
        ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"),
        ("State of Palestine", "Palestine"),
        ("Palestinians", "Palestine"),
        ("Hizbollah", "Hezbollah"),
        ("Hizballah", "Hezbollah"),
        ("Ansar Allah", "Houthis"),
        ("ISIS", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("Islamic Jihad", "Palestinian Islamic Jihad"),
        ("RSF", "Rapid Support Forces"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("IDF", "Israel Defense Forces"),
        ("Israeli army", "Israel Defense Forces"),
        ("LAF", "Lebanese Armed Forces"),
        ("Lebanese army", "Lebanese Armed Forces"),
        ("SAF", "Sudanese Armed Forces"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("Tatmadaw", "Myanmar military"),
        ("US Department of Defense", "Pentagon"),
        ("PA", "Palestinian Authority"),
        ("Gaza Health Ministry", "Gaza health ministry"),
        ("U.N.", "United Nations"),
        ("Security Council", "UN Security Council"),
        ("EU", "European Union"),
        ("Red Cross", "International Committee of the Red Cross"),
        ("Doctors Without Borders", "Doctors Without Borders"),
        ("MSF", "Doctors Without Borders"),
        ("AP", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("Kiev", "Kyiv"),
        ("Odessa", "Odesa"),
        ("Sana'a", "Sanaa"),
        ("Hudaydah", "Hodeidah"),
        ("Khan Yunis", "Khan Younis"),
        ("Gaza", "Gaza Strip"),
    ],
)
def test_spot_checks(surface_index, form, label):
    assert surface_index.get(form.casefold()) == label


def test_expected_kinds(actors):
    by_label = {entry["label"]: entry for entry in actors}
    expected = {
        "Israel": "state",
        "Palestine": "state",
        "Taiwan": "state",
        "Kosovo": "state",
        "Western Sahara": "state",
        "Hezbollah": "armed_group",
        "Israel Defense Forces": "army",
        "Pentagon": "government",
        "Mossad": "agency",
        "United Nations": "intl_body",
        "Reuters": "news_agency",
        "Fatah": "party",
        "Beirut": "place",
    }
    for label, kind in expected.items():
        assert by_label[label]["kind"] == kind, label
    assert by_label["Israel Defense Forces"]["country"] == "Israel"
    assert by_label["Beirut"]["country"] == "Lebanon"
    assert by_label["Israel"]["wikidata"] == "Q801"
    assert by_label["United States"]["wikidata"] == "Q30"
