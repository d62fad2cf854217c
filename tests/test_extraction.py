"""Sentence -> triples tables for the whole extractor, across many conflicts.

Each row is a short wire-style text, the day it was published, the triples it
must give (a subset check) and triples it must not give. Triples are
``(subject, predicate, object)`` as ``tests.conftest.extract_text`` returns
them: entity labels with ``_`` for spaces, events by class name ("Strike",
"Proposal", "Statement"), literals as text. A row the extractor gets wrong is
an ``xfail(strict=True)`` whose reason says what is wrong; never delete a row.

Weekdays are resolved against ``published``; the day each row's date phrase
means is worked out next to it.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_text

pytestmark = pytest.mark.model

T = tuple[str, str, str]


def case(
    case_id: str,
    text: str,
    expected: set[T],
    absent: set[T] | None = None,
    published: str = "2024-11-25",
    xfail: str = "",
):
    """One table row; ``xfail`` names what the extractor gets wrong."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, published, expected, absent or set(), id=case_id, marks=marks)


def check(nlp, text: str, published: str, expected: set[T], absent: set[T]) -> None:
    got = extract_text(nlp, text, published)
    missing = expected - got
    spurious = absent & got
    assert not missing and not spurious, f"missing: {sorted(missing)}\nspurious: {sorted(spurious)}\ngot: {sorted(got)}"


# ---------------------------------------------------------------- entities

ENTITY_CASES = [
    case(
        "armed-group-army-alias-town",
        "Hamas fighters clashed with Israeli troops in Khan Younis on Friday, witnesses said.",
        {
            ("Hamas", "type", "Organization"),
            ("Israel_Defense_Forces", "type", "Organization"),
            ("Khan_Younis", "type", "Place"),
        },
        {("Israel", "type", "Organization")},
        published="2024-01-15",
    ),
    case(
        "ner-person-and-city",
        "Sudan's army chief Abdel Fattah al-Burhan visited wounded soldiers in Omdurman.",
        {
            ("Abdel_Fattah_al-Burhan", "type", "Actor"),
            ("Omdurman", "type", "Place"),
            ("Sudanese_Armed_Forces", "type", "Organization"),
        },
    ),
    case(
        "ner-place-not-in-dictionary",
        "Russian glide bombs struck Vovchansk on Thursday, the regional governor said.",
        {("Vovchansk", "type", "Place")},
        {("Vovchansk", "type", "Actor"), ("Vovchansk", "type", "Organization")},
        published="2024-05-24",
    ),
    case(
        "demonym-modifying-attack-is-state",
        "A Ukrainian drone attack set fire to an oil depot in Russia's Bryansk region.",
        {("Ukraine", "type", "Organization"), ("Bryansk", "type", "Place")},
    ),
    case(
        "demonym-not-modifying-agent",
        "Ukrainian farmers resumed grain exports from Odesa despite the war.",
        {("Odesa", "type", "Place")},
        {("Ukraine", "type", "Organization")},
    ),
    case(
        "title-words-are-not-an-org",
        "Israeli Defence Minister Yoav Gallant toured the Gaza border on Sunday.",
        {
            ("Yoav_Gallant", "type", "Actor"),
            ("Yoav_Gallant", "role", "Defence Minister"),
            ("Yoav_Gallant", "affiliatedWith", "Israel"),
        },
        {
            ("Defence_Minister", "type", "Organization"),
            ("Defence", "type", "Organization"),
            ("Israeli_Defence_Minister", "type", "Organization"),
        },
    ),
    case(
        "neighbourhood-is-place",
        "Israeli warplanes pounded the Shejaiya neighbourhood of Gaza City overnight.",
        {
            ("Shejaiya", "type", "Place"),
            ("Gaza_City", "type", "Place"),
            ("Strike", "attacker", "Israel"),
        },
        {("Shejaiya", "type", "Actor"), ("Shejaiya", "type", "Organization")},
    ),
    case(
        "district-apposed-to-stronghold",
        "Israeli jets struck Haret Hreik, a Hezbollah stronghold in the south of Beirut.",
        {("Haret_Hreik", "type", "Place"), ("Beirut", "type", "Place"), ("Hezbollah", "type", "Organization")},
        {("Haret_Hreik", "type", "Actor")},
        xfail=(
            "mentions: NER tags 'Haret Hreik' PERSON (dobj of 'struck', apposed to 'stronghold'); it becomes "
            "an Actor and even the strike's target (got ('Haret_Hreik','type','Actor') and "
            "('Strike','target','Haret_Hreik'), missing ('Haret_Hreik','type','Place'))"
        ),
    ),
    case(
        "honorific-folds-into-name",
        "Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani said the talks were at a delicate stage.",
        {
            ("Mohammed_bin_Abdulrahman_Al_Thani", "type", "Actor"),
            ("Mohammed_bin_Abdulrahman_Al_Thani", "leads", "Qatar"),
        },
        {("Sheikh_Mohammed_bin_Abdulrahman_Al_Thani", "type", "Actor")},
    ),
    case(
        "military-rank-folds-into-name",
        "Field Marshal Khalifa Haftar, who commands the Libyan National Army, met Russian officials in Benghazi.",
        {
            ("Khalifa_Haftar", "type", "Actor"),
            ("Libyan_National_Army", "type", "Organization"),
            ("Benghazi", "type", "Place"),
        },
        {("Field_Marshal_Khalifa_Haftar", "type", "Actor"), ("Marshal_Khalifa_Haftar", "type", "Actor")},
        xfail=(
            "mentions: NER emits no PERSON for 'Field Marshal Khalifa Haftar' and there is no fallback for "
            "title-case names after honorifics (missing ('Khalifa_Haftar','type','Actor'); no Actor at all)"
        ),
    ),
    case(
        "surname-folds-into-full-name",
        "Ukrainian President Volodymyr Zelensky visited troops near Pokrovsk. "
        "Zelensky said the front line was holding.",
        {("Volodymyr_Zelensky", "type", "Actor"), ("Statement", "speaker", "Volodymyr_Zelensky")},
        {("Zelensky", "type", "Actor"), ("Statement", "speaker", "Zelensky")},
    ),
    case(
        "united-states-one-node",
        "The United States sent a second aircraft carrier to the region. "
        "US officials said the move was meant to deter Iran and its allies.",
        {("United_States", "type", "Organization"), ("Iran", "type", "Organization")},
        {("US", "type", "Organization"), ("The_United_States", "type", "Organization")},
    ),
    case(
        "region-alias-and-town",
        "Fano militiamen seized the town of Lalibela in the Amhara region on Wednesday.",
        {("Fano", "type", "Organization"), ("Lalibela", "type", "Place"), ("Amhara", "type", "Place")},
        {("Amhara_region", "type", "Place")},
    ),
    case(
        "rebel-alias-and-city",
        "M23 rebels advanced on Goma as government troops withdrew from the city.",
        {("M23", "type", "Organization"), ("Goma", "type", "Place")},
        {("M23_rebels", "type", "Organization")},
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", ENTITY_CASES)
def test_mentions_entities(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- relations

RELATION_CASES = [
    case(
        "title-compound-role-and-state",
        "Ukrainian Foreign Minister Dmytro Kuleba arrived in Beijing on Tuesday for talks.",
        {
            ("Dmytro_Kuleba", "role", "Foreign Minister"),
            ("Dmytro_Kuleba", "affiliatedWith", "Ukraine"),
            ("Ukraine", "type", "Organization"),
        },
        {("Dmytro_Kuleba", "leads", "Ukraine")},
    ),
    case(
        "ambassador-to-un-appositive",
        "Russia's ambassador to the United Nations, Vassily Nebenzia, accused Kyiv of escalating the conflict.",
        {
            ("Vassily_Nebenzia", "role", "ambassador to the United Nations"),
            ("Vassily_Nebenzia", "affiliatedWith", "Russia"),
        },
        {("Vassily_Nebenzia", "affiliatedWith", "United_Nations")},
    ),
    case(
        "group-leader-compound-leads",
        "Hamas leader Yahya Sinwar is believed to be hiding in tunnels under Khan Younis.",
        {("Yahya_Sinwar", "leads", "Hamas"), ("Yahya_Sinwar", "role", "leader")},
    ),
    case(
        "appositive-head-of-army-leads",
        "Abdel Fattah al-Burhan, the head of Sudan's army, ruled out a truce with the paramilitaries.",
        {("Abdel_Fattah_al-Burhan", "leads", "Sudanese_Armed_Forces")},
    ),
    case(
        "appositive-commander-of-leads",
        "Mohamed Hamdan Dagalo, the commander of the Rapid Support Forces, "
        "said his troops would not withdraw from Khartoum.",
        {("Mohamed_Hamdan_Dagalo", "leads", "Rapid_Support_Forces")},
        xfail=(
            "words.json: 'commander' is not in leader_roles, so 'the commander of the RSF' gives "
            "affiliatedWith, not leads (missing ('Mohamed_Hamdan_Dagalo','leads','Rapid_Support_Forces'))"
        ),
    ),
    case(
        "president-nearest-state",
        "President Vladimir Putin said the Russian army would push deeper into the Kharkiv region.",
        {("Vladimir_Putin", "leads", "Russia"), ("Vladimir_Putin", "role", "President")},
    ),
    case(
        "us-special-envoy",
        "U.S. special envoy Tom Perriello met Sudanese army officers in Port Sudan.",
        {("Tom_Perriello", "affiliatedWith", "United_States"), ("Tom_Perriello", "role", "special envoy")},
        {("U.S.", "type", "Organization")},
    ),
    case(
        "appositive-head-of-junta",
        "Min Aung Hlaing, the head of Myanmar's military, has ruled the country since the 2021 coup.",
        {("Min_Aung_Hlaing", "leads", "Myanmar_military")},
    ),
    case(
        "prime-minister-compound",
        "Armenian Prime Minister Nikol Pashinyan said Yerevan was ready to sign a peace treaty with Baku.",
        {("Nikol_Pashinyan", "leads", "Armenia"), ("Nikol_Pashinyan", "role", "Prime Minister")},
    ),
    case(
        "iran-backed",
        "The Iran-backed Houthis have attacked dozens of merchant ships since November.",
        {("Houthis", "backedBy", "Iran"), ("Houthis", "type", "Organization")},
    ),
    case(
        "backed-by-agent",
        "The M23 rebels, backed by Rwanda, seized the town of Sake on Wednesday.",
        {("M23", "backedBy", "Rwanda")},
    ),
    case(
        "possessive-based-houthis",
        "Yemen's Houthis said they had targeted a British-owned vessel off Aden.",
        {("Houthis", "basedIn", "Yemen"), ("Yemen", "type", "Place")},
    ),
    case(
        "possessive-based-shabaab",
        "Somalia's al-Shabaab has stepped up attacks on government bases in recent weeks.",
        {("al-Shabaab", "basedIn", "Somalia")},
    ),
    case(
        "hyphen-based",
        "The Gaza-based Palestinian Islamic Jihad claimed responsibility for the rocket fire.",
        {("Palestinian_Islamic_Jihad", "basedIn", "Gaza_Strip")},
    ),
    case(
        "killed-by-demonym-strike",
        "An Israeli airstrike killed senior Hezbollah commander Fuad Shukr in Beirut.",
        {("Israel", "killed", "Fuad_Shukr"), ("Fuad_Shukr", "affiliatedWith", "Hezbollah")},
        {("Hezbollah", "killed", "Fuad_Shukr")},
    ),
    case(
        "killed-passive-agent",
        "Yahya Sinwar was killed by Israeli troops in Rafah.",
        {("Israel_Defense_Forces", "killed", "Yahya_Sinwar")},
    ),
    case(
        "killed-active-armed-group",
        "Al-Shabaab killed Abdullahi Ali, a district commissioner, in a roadside bombing near Baidoa.",
        {("al-Shabaab", "killed", "Abdullahi_Ali")},
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", RELATION_CASES)
def test_relations_roles_and_links(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- strikes

STRIKE_CASES = [
    case(
        "launched-drones-count",
        "Russia launched 40 drones at Kharkiv overnight, the Ukrainian air force said.",
        {
            ("Strike", "attacker", "Russia"),
            ("Strike", "munitionCount", "40"),
            ("Strike", "weapon", "drone"),
            ("Strike", "location", "Kharkiv"),
        },
    ),
    case(
        # published Friday 2024-05-24: "on Thursday" is 2024-05-23
        "passive-by-demonym-missiles",
        "Kharkiv was hit by Russian missiles on Thursday, killing at least seven people.",
        {
            ("Strike", "attacker", "Russia"),
            ("Strike", "location", "Kharkiv"),
            ("Strike", "date", "2024-05-23"),
            ("Strike", "fatalities", "7"),
            ("Strike", "fatalitiesQualifier", "at least"),
            ("Strike", "weapon", "missile"),
        },
        published="2024-05-24",
    ),
    case(
        "airstrike-at-least-killed",
        "An Israeli airstrike on a school sheltering displaced families in Nuseirat killed at least 12 people, "
        "the civil defence agency said.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "weapon", "airstrike"),
            ("Strike", "location", "Nuseirat"),
            ("Strike", "fatalities", "12"),
            ("Strike", "fatalitiesQualifier", "at least"),
        },
    ),
    case(
        # published Wednesday 2024-05-08: "on Monday" is 2024-05-06
        "were-killed-when-shelling",
        "Seven people were killed when RSF shelling hit a market in El Fasher on Monday.",
        {
            ("Strike", "attacker", "Rapid_Support_Forces"),
            ("Strike", "weapon", "artillery"),
            ("Strike", "location", "El_Fasher"),
            ("Strike", "fatalities", "7"),
            ("Strike", "date", "2024-05-06"),
        },
        published="2024-05-08",
    ),
    case(
        # published Monday 2024-11-25: "on Saturday" is 2024-11-23
        "target-group-in-region",
        "Israeli jets struck Hezbollah weapons depots in southern Lebanon on Saturday.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "target", "Hezbollah"),
            ("Strike", "location", "southern_Lebanon"),
            ("Strike", "date", "2024-11-23"),
        },
    ),
    case(
        # published Monday 2024-01-15: "on Friday" is 2024-01-12
        "houthi-missiles-red-sea",
        "Yemen's Houthis fired two anti-ship ballistic missiles at a tanker in the Red Sea on Friday, "
        "US Central Command said.",
        {
            ("Strike", "attacker", "Houthis"),
            ("Strike", "munitionCount", "2"),
            ("Strike", "weapon", "missile"),
            ("Strike", "location", "Red_Sea"),
            ("Strike", "date", "2024-01-12"),
        },
        published="2024-01-15",
    ),
    case(
        # published Monday 2024-01-15: the weekend is 2024-01-13..14
        "two-attackers-weekend",
        "US and British warplanes carried out airstrikes on Houthi targets in Hodeidah over the weekend.",
        {
            ("Strike", "attacker", "United_States"),
            ("Strike", "attacker", "United_Kingdom"),
            ("Strike", "target", "Houthis"),
            ("Strike", "location", "Hodeidah"),
            ("Strike", "startDate", "2024-01-13"),
            ("Strike", "endDate", "2024-01-14"),
            ("Strike", "dateText", "over the weekend"),
        },
        published="2024-01-15",
    ),
    case(
        # published Wednesday 2024-05-08: "on Tuesday" is 2024-05-07
        "drone-as-subject",
        "A Ukrainian drone struck an oil refinery in Krasnodar on Tuesday.",
        {
            ("Strike", "attacker", "Ukraine"),
            ("Strike", "weapon", "drone"),
            ("Strike", "location", "Krasnodar"),
            ("Strike", "date", "2024-05-07"),
        },
        published="2024-05-08",
    ),
    case(
        "glide-bombs-subject",
        "Russian glide bombs struck Vovchansk on Thursday, the regional governor said.",
        {("Strike", "attacker", "Russia"), ("Strike", "location", "Vovchansk"), ("Strike", "date", "2024-05-23")},
        published="2024-05-24",
    ),
    case(
        "no-attack-prisoner-swap",
        "Ukraine and Russia swapped 95 prisoners of war each on Friday in an exchange mediated by "
        "the United Arab Emirates.",
        {("Ukraine", "type", "Organization")},
        {("Strike", "type", "Strike")},
    ),
    case(
        "struck-a-deal-is-not-attack",
        "Negotiators struck a deal in Doha late on Wednesday to pause the fighting in Gaza.",
        {("Proposal", "type", "Proposal")},
        {("Strike", "type", "Strike")},
    ),
    case(
        "hit-a-record-is-not-attack",
        "Food prices in Khartoum hit a record high in August, the World Food Programme said.",
        {("Khartoum", "type", "Place"), ("Statement", "speaker", "World_Food_Programme")},
        {("Strike", "type", "Strike")},
    ),
    case(
        # published Monday 2024-03-11: "on Friday" is 2024-03-08
        "sahel-more-than",
        "JNIM fighters attacked an army post near Djibo in northern Burkina Faso on Friday, "
        "killing more than 20 soldiers.",
        {
            ("Strike", "attacker", "Jama'at_Nusrat_al-Islam_wal-Muslimin"),
            ("Strike", "location", "Djibo"),
            ("Strike", "fatalities", "20"),
            ("Strike", "fatalitiesQualifier", "more than"),
            ("Strike", "date", "2024-03-08"),
        },
        published="2024-03-11",
    ),
    case(
        # published Friday 2024-03-15: "Thursday night" is 2024-03-14
        "stormed-is-raid",
        "Al-Shabaab gunmen stormed a hotel near the presidential palace in Mogadishu on Thursday night.",
        {
            ("Strike", "attacker", "al-Shabaab"),
            ("Strike", "weapon", "gunfire"),
            ("Strike", "location", "Mogadishu"),
            ("Strike", "date", "2024-03-14"),
        },
        {("Strike", "weapon", "raid")},  # the weapon is never the trigger word (ONTOLOGY.md)
        published="2024-03-15",
    ),
    case(
        # published Monday 2025-01-27: "on Sunday" is 2025-01-26
        "junta-bombed-village",
        "Myanmar's military bombed a village in the Sagaing region on Sunday, killing 30 people, local media reported.",
        {
            ("Strike", "attacker", "Myanmar_military"),
            ("Strike", "weapon", "airstrike"),
            ("Strike", "location", "Sagaing"),
            ("Strike", "fatalities", "30"),
            ("Strike", "date", "2025-01-26"),
        },
        published="2025-01-27",
    ),
    case(
        # published Thursday 2024-10-03: "on Tuesday" is 2024-10-01
        "drone-strike-compound",
        "An Ethiopian drone strike on a bus station in the Amhara region killed 28 civilians on Tuesday.",
        {
            ("Strike", "attacker", "Ethiopia"),
            ("Strike", "weapon", "drone"),
            ("Strike", "location", "Amhara"),
            ("Strike", "fatalities", "28"),
            ("Strike", "date", "2024-10-01"),
        },
        published="2024-10-03",
    ),
    case(
        # published Friday 2025-02-14: "on Wednesday" is 2025-02-12
        "rebels-shelled-city",
        "M23 rebels shelled the outskirts of Bukavu on Wednesday.",
        {
            ("Strike", "attacker", "M23"),
            ("Strike", "weapon", "artillery"),
            ("Strike", "location", "Bukavu"),
            ("Strike", "date", "2025-02-12"),
        },
        published="2025-02-14",
    ),
    case(
        # published Wednesday 2023-09-20: "on Tuesday" is 2023-09-19
        "army-alias-shelled",
        "Azerbaijani forces shelled Stepanakert and nearby villages on Tuesday, Armenian officials said.",
        {
            ("Strike", "attacker", "Azerbaijani_Armed_Forces"),
            ("Strike", "weapon", "artillery"),
            ("Strike", "location", "Stepanakert"),
            ("Strike", "date", "2023-09-19"),
        },
        published="2023-09-20",
    ),
    case(
        "fired-mortar-shells-across-loc",
        "Pakistani troops fired mortar shells across the Line of Control overnight, the Indian Army said.",
        {
            ("Strike", "attacker", "Pakistan_Army"),
            ("Strike", "weapon", "artillery"),
            ("Strike", "location", "Line_of_Control"),
        },
        {("Strike", "attacker", "Indian_Army")},
    ),
    case(
        "attack-with-no-named-attacker",
        "A drone attack hit Ain al-Asad air base in western Iraq on Saturday, injuring several US service members.",
        {("Strike", "type", "Strike"), ("Strike", "weapon", "drone"), ("Strike", "location", "Ain_al-Asad")},
        {("Strike", "attacker", "United_States")},
        xfail=(
            "events: extract_strikes drops every trigger without an attacker, so an attack by an unnamed "
            "party makes no Strike (missing Strike type/weapon drone/location Ain_al-Asad)"
        ),
    ),
    case(
        # published Wednesday 2024-10-16: "on Wednesday" is the same day
        "drones-near-town",
        "Turkish drones struck Kurdish-held positions near Kobani on Wednesday.",
        {
            ("Strike", "attacker", "Turkey"),
            ("Strike", "weapon", "drone"),
            ("Strike", "location", "Kobani"),
            ("Strike", "date", "2024-10-16"),
        },
        published="2024-10-16",
    ),
    case(
        "warplanes-of-army",
        "Warplanes of the Libyan National Army bombed militia positions south of Tripoli.",
        {
            ("Strike", "attacker", "Libyan_National_Army"),
            ("Strike", "weapon", "airstrike"),
            ("Strike", "location", "Tripoli"),
        },
    ),
    case(
        # published Wednesday 2024-07-31: "on Saturday" is 2024-07-27
        "rockets-about-count",
        "Hezbollah fired about 50 rockets at northern Israel on Saturday, the Israeli military said.",
        {
            ("Strike", "attacker", "Hezbollah"),
            ("Strike", "munitionCount", "50"),
            ("Strike", "weapon", "rocket"),
            ("Strike", "location", "northern_Israel"),
            ("Strike", "date", "2024-07-27"),
        },
        {("Strike", "attacker", "Israel_Defense_Forces")},
        published="2024-07-31",
    ),
    case(
        "fatalities-in-next-sentence",
        "Israeli tanks shelled the Jabalia refugee camp on Sunday. At least 15 people were killed, medics said.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "location", "Jabalia"),
            ("Strike", "fatalities", "15"),
            ("Strike", "fatalitiesQualifier", "at least"),
        },
    ),
    case(
        # published Thursday 2024-10-03: "on Wednesday" is 2024-10-02
        "army-warplanes-target-group",
        "Sudanese army warplanes struck an RSF base in Nyala on Wednesday, killing at least 40 fighters.",
        {
            ("Strike", "attacker", "Sudanese_Armed_Forces"),
            ("Strike", "target", "Rapid_Support_Forces"),
            ("Strike", "location", "Nyala"),
            ("Strike", "fatalities", "40"),
            ("Strike", "fatalitiesQualifier", "at least"),
            ("Strike", "date", "2024-10-02"),
        },
        published="2024-10-03",
    ),
    case(
        "pronoun-attacker-in-reported-speech",
        "The Israeli military said it had struck a Hamas command centre in Gaza City overnight.",
        {
            ("Strike", "attacker", "Israel_Defense_Forces"),
            ("Strike", "target", "Hamas"),
            ("Strike", "location", "Gaza_City"),
        },
    ),
    case(
        "attack-noun-of-group",
        "The RSF launched a major assault on El Obeid, the Sudanese army said.",
        {
            ("Strike", "attacker", "Rapid_Support_Forces"),
            ("Strike", "location", "El_Obeid"),
        },
        {("Strike", "attacker", "Sudanese_Armed_Forces"), ("Strike", "weapon", "attack")},
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", STRIKE_CASES)
def test_events_strikes(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- dates

DATE_CASES = [
    case(
        # published Wednesday 2024-05-08: "on Monday" is 2024-05-06
        "weekday",
        "Israeli aircraft struck eastern Rafah on Monday.",
        {("Strike", "date", "2024-05-06"), ("Strike", "dateText", "on Monday"), ("Strike", "location", "Rafah")},
        published="2024-05-08",
    ),
    case(
        "weekday-with-parenthetical-day",
        "Russian missiles struck Odesa on Monday (May 6), damaging port infrastructure.",
        {
            ("Strike", "attacker", "Russia"),
            ("Strike", "location", "Odesa"),
            ("Strike", "date", "2024-05-06"),
            ("Strike", "dateText", "Monday (May 6)"),
        },
        published="2024-05-08",
    ),
    case(
        # published Wednesday 2024-05-08: the weekend is 2024-05-04..05
        "over-the-weekend",
        "Hezbollah launched a drone attack on Israeli army posts over the weekend.",
        {
            ("Strike", "attacker", "Hezbollah"),
            ("Strike", "weapon", "drone"),
            ("Strike", "target", "Israel_Defense_Forces"),
            ("Strike", "startDate", "2024-05-04"),
            ("Strike", "endDate", "2024-05-05"),
            ("Strike", "dateText", "over the weekend"),
        },
        published="2024-05-08",
    ),
    case(
        # published Wednesday 2024-05-08: last week is Monday 2024-04-29 .. Sunday 2024-05-05
        "last-week-on-statement",
        "The Russian Defence Ministry said last week that its forces had repelled a Ukrainian attack near Bakhmut.",
        {
            ("Statement", "speaker", "Russian_Defence_Ministry"),
            ("Statement", "startDate", "2024-04-29"),
            ("Statement", "endDate", "2024-05-05"),
            ("Statement", "dateText", "last week"),
        },
        published="2024-05-08",
    ),
    case(
        "last-week-on-strike",
        "Israeli strikes on Rafah last week forced thousands of families to flee.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "location", "Rafah"),
            ("Strike", "startDate", "2024-04-29"),
            ("Strike", "endDate", "2024-05-05"),
        },
        published="2024-05-08",
    ),
    case(
        # published 2024-11-25: "in September" is the whole of September 2024
        "in-month",
        "Israel launched a wave of airstrikes on the Bekaa Valley in September.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "location", "Bekaa_Valley"),
            ("Strike", "startDate", "2024-09-01"),
            ("Strike", "endDate", "2024-09-30"),
            ("Strike", "dateText", "in September"),
        },
    ),
    case(
        "month-and-day",
        "On November 2, Israeli naval commandos raided the coastal town of Batroun in northern Lebanon.",
        {
            ("Strike", "attacker", "Israel"),
            ("Strike", "location", "Batroun"),
            ("Strike", "date", "2024-11-02"),
        },
        {("Strike", "weapon", "raid")},  # the weapon is never the trigger word (ONTOLOGY.md)
    ),
    case(
        # published Monday 2024-01-15: "last night" is 2024-01-14
        "last-night",
        "Houthi forces attacked a US destroyer in the Red Sea last night.",
        {
            ("Strike", "attacker", "Houthis"),
            ("Strike", "location", "Red_Sea"),
            ("Strike", "date", "2024-01-14"),
            ("Strike", "dateText", "last night"),
        },
        published="2024-01-15",
    ),
    case(
        # published Thursday 2024-10-03: "on Tuesday" is 2024-10-01
        "weekday-on-statement",
        "Hezbollah said on Tuesday that its fighters had clashed with Israeli troops inside Lebanon.",
        {
            ("Statement", "speaker", "Hezbollah"),
            ("Statement", "date", "2024-10-01"),
            ("Statement", "dateText", "on Tuesday"),
        },
        published="2024-10-03",
    ),
    case(
        # published Thursday 2024-10-03: "on Tuesday" is 2024-10-01
        "weekday-on-proposal",
        "Egypt presented a new truce proposal to Israel and Hamas on Tuesday.",
        {("Proposal", "proposedBy", "Egypt"), ("Proposal", "date", "2024-10-01")},
        published="2024-10-03",
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", DATE_CASES)
def test_dates_resolved(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- proposals

PROPOSAL_CASES = [
    case(
        "demonym-proposer-and-review",
        "Hamas said on Monday it was studying the Egyptian ceasefire proposal.",
        {
            ("Proposal", "proposedBy", "Egypt"),
            ("Proposal", "reviewedBy", "Hamas"),
            ("Egypt", "type", "Organization"),
        },
        {("Proposal", "proposedBy", "Hamas")},
    ),
    case(
        "demonym-mediators",
        "Qatari mediators delivered the revised hostage deal to Hamas negotiators in Doha.",
        {("Proposal", "mediatedBy", "Qatar"), ("Qatar", "type", "Organization")},
        {("Proposal", "mediatedBy", "Hamas")},
    ),
    case(
        "talks-between-mediated-by",
        "Ceasefire talks between Israel and Hamas, mediated by Qatar and Egypt, resumed in Cairo on Sunday.",
        {
            ("Proposal", "party", "Israel"),
            ("Proposal", "party", "Hamas"),
            ("Proposal", "mediatedBy", "Qatar"),
            ("Proposal", "mediatedBy", "Egypt"),
        },
    ),
    case(
        "deal-talks-between-mediated-by",
        "Talks between Israel and Hamas on a hostage deal, mediated by Qatar and Egypt, resumed in Cairo.",
        {
            ("Proposal", "party", "Israel"),
            ("Proposal", "party", "Hamas"),
            ("Proposal", "mediatedBy", "Qatar"),
            ("Proposal", "mediatedBy", "Egypt"),
        },
    ),
    case(
        "welcomed-agreement-between",
        "The United States welcomed the peace agreement between Armenia and Azerbaijan.",
        {
            ("Proposal", "supportedBy", "United_States"),
            ("Proposal", "party", "Armenia"),
            ("Proposal", "party", "Azerbaijan"),
        },
    ),
    case(
        "rejected-group-proposal",
        "Israeli Prime Minister Benjamin Netanyahu rejected the Hamas proposal as delusional.",
        {("Proposal", "proposedBy", "Hamas"), ("Proposal", "opposedBy", "Benjamin_Netanyahu")},
        {("Proposal", "supportedBy", "Benjamin_Netanyahu")},
    ),
    case(
        "negated-acceptance-is-opposition",
        "Hamas did not accept the Israeli proposal, a senior official told Reuters.",
        {("Proposal", "proposedBy", "Israel"), ("Proposal", "opposedBy", "Hamas")},
        {("Proposal", "supportedBy", "Hamas")},
    ),
    case(
        "plan-references-resolution",
        "The US peace plan for Syria builds on UN Security Council Resolution 2254.",
        {
            ("Proposal", "proposedBy", "United_States"),
            ("Proposal", "references", "UN_Security_Council_Resolution_2254"),
        },
    ),
    case(
        "proposing-verb-subject",
        "Egypt proposed a two-week truce in Gaza to allow the release of hostages.",
        {("Proposal", "proposedBy", "Egypt")},
    ),
    case(
        "brokered-grain-deal",
        "Turkey and the United Nations brokered the Black Sea grain deal between Russia and Ukraine in 2022.",
        {
            ("Proposal", "mediatedBy", "Turkey"),
            ("Proposal", "mediatedBy", "United_Nations"),
            ("Proposal", "party", "Russia"),
            ("Proposal", "party", "Ukraine"),
        },
    ),
    case(
        "brokered-agreement-government-party",
        "The African Union brokered the peace agreement between the Ethiopian government and the TPLF in Pretoria.",
        {
            ("Proposal", "mediatedBy", "African_Union"),
            ("Proposal", "party", "Ethiopia"),
            ("Proposal", "party", "Tigray_People's_Liberation_Front"),
        },
    ),
    case(
        "mediated-truce-army-paramilitary",
        "Saudi Arabia and the United States mediated a short-lived truce between the Sudanese army and the RSF.",
        {
            ("Proposal", "mediatedBy", "Saudi_Arabia"),
            ("Proposal", "mediatedBy", "United_States"),
            ("Proposal", "party", "Sudanese_Armed_Forces"),
            ("Proposal", "party", "Rapid_Support_Forces"),
        },
        {("Proposal", "proposedBy", "Saudi_Arabia")},
    ),
    case(
        "endorsed-possessive-plan",
        "The G7 endorsed Ukraine's peace plan at a summit in Italy.",
        {("Proposal", "proposedBy", "Ukraine"), ("Proposal", "supportedBy", "G7")},
    ),
    case(
        "oppose-with-pronoun-subject",
        "Israel's Finance Minister Bezalel Smotrich said he would oppose any deal that ends the war.",
        {
            ("Proposal", "opposedBy", "Bezalel_Smotrich"),
            ("Bezalel_Smotrich", "role", "Finance Minister"),
            ("Bezalel_Smotrich", "affiliatedWith", "Israel"),
        },
    ),
    case(
        "envoy-presented-roadmap",
        "UN envoy Hans Grundberg presented a roadmap for peace in Yemen to the Houthis and the government.",
        {
            ("Proposal", "proposedBy", "Hans_Grundberg"),
            ("Hans_Grundberg", "affiliatedWith", "United_Nations"),
            ("Hans_Grundberg", "role", "envoy"),
        },
    ),
    case(
        "group-accepted-via-definite-noun",
        "A senior Hamas official told Reuters the group had accepted the proposal.",
        {("Proposal", "supportedBy", "Hamas"), ("Statement", "speaker", "Hamas")},
        {("Statement", "speaker", "Reuters")},
        xfail=(
            "statements/coref: an unnamed 'senior Hamas official' as subject of 'told' resolves to nothing "
            "(resolve only maps role nouns of named persons), so no Statement (missing "
            "('Statement','speaker','Hamas'))"
        ),
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", PROPOSAL_CASES)
def test_proposals_arguments(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- resolutions

RESOLUTION_CASES = [
    case(
        "body-and-number",
        "UN Security Council Resolution 2334 declared Israeli settlements in the West Bank illegal.",
        {
            ("UN_Security_Council_Resolution_2334", "type", "Resolution"),
            ("UN_Security_Council_Resolution_2334", "number", "2334"),
            ("UN_Security_Council_Resolution_2334", "adoptedBy", "UN_Security_Council"),
        },
        {("UN_Security_Council", "type", "Resolution")},
    ),
    case(
        "parenthetical-year",
        "Resolution 2216 (2015) imposed an arms embargo on the Houthis in Yemen.",
        {("Resolution_2216", "number", "2216"), ("Resolution_2216", "adoptedYear", "2015")},
    ),
    case(
        "adopted-by-passive",
        "Resolution 2728 was adopted by the Security Council in March 2024 with the United States abstaining.",
        {("Resolution_2728", "adoptedBy", "UN_Security_Council"), ("Resolution_2728", "adoptedYear", "2024")},
    ),
    case(
        "anaphor-demanded-object",
        "The Security Council passed Resolution 2728 in March. "
        "It demanded the immediate and unconditional release of all hostages.",
        {("Resolution_2728", "demands", "the immediate and unconditional release of all hostages")},
    ),
    case(
        "called-for-parties",
        "UN Security Council Resolution 2735 called for Israel and Hamas to fully implement a three-phase plan.",
        {
            ("UN_Security_Council_Resolution_2735", "number", "2735"),
            ("UN_Security_Council_Resolution_2735", "concerns", "Israel"),
            ("UN_Security_Council_Resolution_2735", "concerns", "Hamas"),
        },
    ),
    case(
        "adopted-in-year-called-for",
        "Resolution 2417, adopted in 2018, called for an end to the use of starvation as a weapon of war.",
        {
            ("Resolution_2417", "adoptedYear", "2018"),
            ("Resolution_2417", "demands", "an end to the use of starvation as a weapon of war"),
        },
    ),
    case(
        "number-after-no",
        "Security Council Resolution No. 1973 authorised a no-fly zone over Libya.",
        {
            ("UN_Security_Council_Resolution_1973", "number", "1973"),
            ("UN_Security_Council_Resolution_1973", "adoptedBy", "UN_Security_Council"),
        },
    ),
    case(
        "demanded-that-clause",
        "Resolution 2773, adopted unanimously in 2025, demanded that M23 withdraw from Goma and Bukavu.",
        {
            ("Resolution_2773", "adoptedYear", "2025"),
            ("Resolution_2773", "concerns", "M23"),
            ("Resolution_2773", "demands", "M23 withdraw from Goma and Bukavu"),
        },
    ),
    case(
        "general-assembly-body",
        "The emergency session was convened under General Assembly Resolution 377 (1950).",
        {
            ("UN_General_Assembly_Resolution_377", "number", "377"),
            ("UN_General_Assembly_Resolution_377", "adoptedBy", "UN_General_Assembly"),
            ("UN_General_Assembly_Resolution_377", "adoptedYear", "1950"),
        },
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", RESOLUTION_CASES)
def test_proposals_resolutions(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)


# ---------------------------------------------------------------- statements

STATEMENT_CASES = [
    case(
        "direct-quote-trailing-speaker",
        "“We will respond at the time and place of our choosing,” Houthi military spokesman Yahya Saree "
        "said in a televised address.",
        {
            ("Statement", "speaker", "Yahya_Saree"),
            ("Statement", "quote", "We will respond at the time and place of our choosing"),
            ("Yahya_Saree", "role", "military spokesman"),
            ("Yahya_Saree", "affiliatedWith", "Houthis"),
        },
    ),
    case(
        "direct-quote-after-colon",
        "Israeli Prime Minister Benjamin Netanyahu told parliament: "
        "“We will not stop until all our war goals are achieved.”",
        {
            ("Statement", "speaker", "Benjamin_Netanyahu"),
            ("Statement", "quote", "We will not stop until all our war goals are achieved."),
            ("Benjamin_Netanyahu", "leads", "Israel"),
        },
    ),
    case(
        # published Wednesday 2024-05-08: "on Tuesday" is 2024-05-07
        "reported-speech-that",
        "Ukrainian President Volodymyr Zelensky said on Tuesday that Russia had fired more than 100 missiles "
        "overnight.",
        {
            ("Statement", "speaker", "Volodymyr_Zelensky"),
            ("Statement", "quote", "Russia had fired more than 100 missiles overnight"),
            ("Statement", "date", "2024-05-07"),
            ("Volodymyr_Zelensky", "leads", "Ukraine"),
            ("Strike", "attacker", "Russia"),
            ("Strike", "munitionCount", "100"),
        },
        published="2024-05-08",
    ),
    case(
        "according-to-ministry",
        "At least 18 people were killed in an Israeli strike on a house in Rafah, "
        "according to the Gaza health ministry.",
        {
            ("Statement", "speaker", "Gaza_health_ministry"),
            ("Statement", "quote", "At least 18 people were killed in an Israeli strike on a house in Rafah"),
            ("Strike", "attacker", "Israel"),
            ("Strike", "location", "Rafah"),
            ("Strike", "fatalities", "18"),
            ("Strike", "fatalitiesQualifier", "at least"),
        },
    ),
    case(
        "wrote-on-social-media",
        "Israeli Foreign Minister Israel Katz wrote on X that Hezbollah would pay a heavy price for the attack.",
        {
            ("Statement", "speaker", "Israel_Katz"),
            ("Statement", "quote", "Hezbollah would pay a heavy price for the attack"),
            ("Israel_Katz", "role", "Foreign Minister"),
            ("Israel_Katz", "affiliatedWith", "Israel"),
        },
        {("X", "type", "Organization"), ("Katz", "type", "Actor")},
    ),
    case(
        "pronoun-speaker",
        "Dmytro Kuleba arrived in Guangzhou on Tuesday for talks with Chinese officials. "
        "He said Kyiv was ready to negotiate with Moscow.",
        {("Statement", "speaker", "Dmytro_Kuleba"), ("Statement", "quote", "Kyiv was ready to negotiate with Moscow")},
    ),
    case(
        "role-noun-speaker",
        "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow. "
        "The spokesman said Russia would not negotiate under pressure.",
        {
            ("Statement", "speaker", "Dmitry_Peskov"),
            ("Statement", "quote", "Russia would not negotiate under pressure"),
            ("Dmitry_Peskov", "affiliatedWith", "Kremlin"),
            ("Dmitry_Peskov", "role", "spokesman"),
        },
    ),
    case(
        "organization-speaker",
        "The Rapid Support Forces said they had taken full control of Wad Madani.",
        {
            ("Statement", "speaker", "Rapid_Support_Forces"),
            ("Statement", "quote", "they had taken full control of Wad Madani"),
        },
    ),
    case(
        "continued-first-person",
        "“Sudan will never be divided,” army chief Abdel Fattah al-Burhan told troops in Port Sudan. "
        "“We will fight until the last soldier.”",
        {
            ("Statement", "speaker", "Abdel_Fattah_al-Burhan"),
            ("Statement", "quote", "Sudan will never be divided"),
            ("Statement", "quote", "We will fight until the last soldier."),
        },
    ),
    case(
        "according-to-defence-ministry",
        "Russian forces have captured the village of Ocheretyne, according to the Russian Defence Ministry.",
        {
            ("Statement", "speaker", "Russian_Defence_Ministry"),
            ("Statement", "quote", "Russian forces have captured the village of Ocheretyne"),
            ("Ocheretyne", "type", "Place"),
        },
    ),
    case(
        "ministry-reported-speech",
        "India's Ministry of External Affairs said Pakistan must end its support for cross-border terrorism.",
        {
            ("Statement", "speaker", "Indian_Ministry_of_External_Affairs"),
            ("Statement", "quote", "Pakistan must end its support for cross-border terrorism"),
        },
    ),
    case(
        "news-agency-reported",
        "Hezbollah fired a barrage of rockets at Haifa on Sunday, Al Jazeera reported.",
        {("Strike", "attacker", "Hezbollah"), ("Strike", "location", "Haifa"), ("Al_Jazeera", "type", "Organization")},
        {("Strike", "attacker", "Al_Jazeera")},
    ),
]


@pytest.mark.parametrize("text, published, expected, absent", STATEMENT_CASES)
def test_statements_speaker_and_quote(nlp, text, published, expected, absent):
    check(nlp, text, published, expected, absent)
