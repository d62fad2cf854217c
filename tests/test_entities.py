"""People, organisations, relations and statements on real-news phrasings (issue 13).

Each row is a short wire-style text from one of many conflicts, or a general
AP/WSJ-style sentence, with the triples it must give and the triples it must
not give. Triples are ``(subject, predicate, object)`` as
``tests.conftest.extract_text`` returns them. A row the extractor gets wrong
is ``xfail(strict=True)`` with what is wrong as its reason; never delete a row.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_text

pytestmark = pytest.mark.model

T = tuple[str, str, str]


def case(case_id: str, text: str, expected: set[T], absent: set[T] | None = None, xfail: str = ""):
    """One table row; ``xfail`` names what the extractor gets wrong."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, expected, absent or set(), id=case_id, marks=marks)


def check(nlp, text: str, expected: set[T], absent: set[T]) -> None:
    got = extract_text(nlp, text, "2024-06-10")
    missing = expected - got
    spurious = absent & got
    assert not missing and not spurious, f"missing: {sorted(missing)}\nspurious: {sorted(spurious)}\ngot: {sorted(got)}"


# ---------------------------------------------------------------- affiliation and roles

AFFILIATION_CASES = [
    case(
        "compound-unknown-org-spokeswoman",
        "Acme Logistics spokeswoman Dana Whitfield said the convoy had been delayed at the border.",
        {("Dana_Whitfield", "affiliatedWith", "Acme_Logistics"), ("Dana_Whitfield", "role", "spokeswoman")},
    ),
    case(
        "appositive-president-of-company",
        "Harold Brenning, president of Norfield Plastics Inc., said demand for recycled resin was rising.",
        {("Harold_Brenning", "leads", "Norfield_Plastics_Inc.")},
    ),
    case(
        "spokesman-for-the-agency",
        "The outbreak is under control, said Marco Aldini, a spokesman for the World Health Organization.",
        {("Marco_Aldini", "affiliatedWith", "World_Health_Organization")},
    ),
    case(
        "professor-at-university",
        "Lena Okafor, a professor of economics at Columbia University, said sanctions had slowed the war economy.",
        {("Lena_Okafor", "affiliatedWith", "Columbia_University")},
    ),
    case(
        "person-of-organization",
        "Peter Vance of Amnesty International documented the executions in the province.",
        {("Peter_Vance", "affiliatedWith", "Amnesty_International")},
    ),
    case(
        "works-for-verb",
        "Omar Haddad, who works for the International Committee of the Red Cross, visited the prison in Aleppo.",
        {("Omar_Haddad", "affiliatedWith", "International_Committee_of_the_Red_Cross")},
    ),
    case(
        "conjoined-roles",
        "Tomas Reiner, a senior fellow and director of research at the Brookings Institution, "
        "testified before the committee.",
        {("Tomas_Reiner", "affiliatedWith", "Brookings_Institution")},
    ),
    case(
        "possessive-role-appositive",
        "Ukraine's foreign minister, Dmytro Kuleba, met his Polish counterpart in Warsaw.",
        {("Dmytro_Kuleba", "affiliatedWith", "Ukraine"), ("Dmytro_Kuleba", "role", "foreign minister")},
        {("Dmytro_Kuleba", "leads", "Ukraine")},
    ),
    case(
        "ambassador-to-un-is-his-states",
        "Linda Thomas-Greenfield, the U.S. ambassador to the United Nations, vetoed the draft.",
        {("Linda_Thomas-Greenfield", "affiliatedWith", "United_States")},
        {("Linda_Thomas-Greenfield", "affiliatedWith", "United_Nations")},
    ),
    case(
        "city-mayor-not-affiliation",
        "Kharkiv mayor Ihor Terekhov said power had been restored to most districts.",
        {("Ihor_Terekhov", "role", "mayor")},
        {("Ihor_Terekhov", "affiliatedWith", "Kharkiv"), ("Ihor_Terekhov", "leads", "Kharkiv")},
    ),
    case(
        "member-of-party",
        "Aung San Suu Kyi, leader of the National League for Democracy, remains in detention.",
        {("Aung_San_Suu_Kyi", "leads", "National_League_for_Democracy")},
    ),
    case(
        "correspondent-of-agency",
        "Reuters correspondent Maria Tsvetkova reported heavy shelling near Avdiivka.",
        {("Maria_Tsvetkova", "affiliatedWith", "Reuters")},
    ),
    case(
        "appositive-commander-of-group",
        "Sultani Makenga, the military commander of M23, was seen in Goma on Tuesday.",
        {("Sultani_Makenga", "affiliatedWith", "M23")},
        {("Sultani_Makenga", "affiliatedWith", "Goma")},
    ),
    case(
        "copula-role",
        "Yevgeny Prigozhin was the founder of the Wagner Group.",
        {("Yevgeny_Prigozhin", "leads", "Wagner_Group")},
    ),
    case(
        "role-title-span-not-a-person",
        "Deputy Pentagon Press Secretary Sabrina Singh said the strikes hit Houthi radar sites.",
        {("Sabrina_Singh", "type", "Actor")},
        {("Press_Secretary", "type", "Actor"), ("Pentagon_Press_Secretary_Sabrina_Singh", "type", "Actor")},
    ),
    case(
        "role-cut-short",
        "Deputy Pentagon Press Secretary Sabrina Singh briefed reporters.",
        {("Sabrina_Singh", "role", "Deputy Pentagon Press Secretary")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", AFFILIATION_CASES)
def test_entities_affiliation_and_roles(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- who leads

LEADS_CASES = [
    case(
        "intelligence-chief-not-leads",
        "Egypt's intelligence chief Abbas Kamel flew to Doha for the truce talks.",
        {("Abbas_Kamel", "affiliatedWith", "Egypt")},
        {("Abbas_Kamel", "leads", "Egypt")},
    ),
    case(
        "acting-chief-of-staff-not-leads",
        "Hamas's acting chief of staff Mohammed Sinwar ordered the fighters north.",
        {("Mohammed_Sinwar", "affiliatedWith", "Hamas")},
        {("Mohammed_Sinwar", "leads", "Hamas")},
    ),
    case(
        "president-leads",
        "Kenyan President William Ruto pledged 1,000 police officers to the Haiti mission.",
        {("William_Ruto", "leads", "Kenya")},
    ),
    case(
        "deputy-leader-not-leads",
        "Hezbollah deputy leader Naim Qassem gave a televised speech on Monday.",
        {("Naim_Qassem", "affiliatedWith", "Hezbollah")},
        {("Naim_Qassem", "leads", "Hezbollah")},
    ),
    case(
        "head-of-leads",
        "Rafael Grossi, the head of the International Atomic Energy Agency, visited the Zaporizhzhia plant.",
        {("Rafael_Grossi", "leads", "International_Atomic_Energy_Agency")},
    ),
    case(
        "foreign-minister-not-leads",
        "Iranian Foreign Minister Abbas Araghchi arrived in Beirut.",
        {("Abbas_Araghchi", "affiliatedWith", "Iran")},
        {("Abbas_Araghchi", "leads", "Iran")},
    ),
    case(
        "two-presidents-no-guess",
        "President William Ruto said he would work closely with President Emmerson Mnangagwa of Zimbabwe.",
        {("Emmerson_Mnangagwa", "leads", "Zimbabwe")},
        {("William_Ruto", "leads", "Zimbabwe"), ("William_Ruto", "affiliatedWith", "Zimbabwe")},
    ),
    case(
        "heads-verb-leads",
        "Volker Türk, who heads the UN human rights office, condemned the executions.",
        {("Volker_Türk", "type", "Actor")},
        {("Volker_Türk", "type", "Organization")},
    ),
    case(
        "army-chief-leads-army",
        "Pakistan's army chief Asim Munir met troops near the Line of Control.",
        {("Asim_Munir", "type", "Actor")},
        {("Asim_Munir", "leads", "Pakistan")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", LEADS_CASES)
def test_entities_leads_only_the_whole(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- backing

BACKED_CASES = [
    case("state-backed", "Rwanda-backed M23 rebels seized the town of Sake.", {("M23", "backedBy", "Rwanda")}),
    case(
        "demonym-backed",
        "Iranian-backed Houthis fired a missile at a tanker in the Red Sea.",
        {("Houthis", "backedBy", "Iran"), ("Iran", "type", "Organization")},
    ),
    case(
        "backed-by-agent",
        "The Houthis, backed by Iran, have attacked shipping for months.",
        {("Houthis", "backedBy", "Iran")},
    ),
    case(
        "passive-supported-by",
        "Al-Shabaab is not supported by Eritrea, the panel found.",
        set(),
        {("al-Shabaab", "backedBy", "Eritrea")},
        xfail="negation is not read: 'is not supported by' still gives backedBy",
    ),
    case(
        "passive-backed-by",
        "The M23 is backed by Rwanda, according to UN experts.",
        {("M23", "backedBy", "Rwanda")},
    ),
    case(
        "allied-with",
        "Hezbollah, allied with Iran, has fought alongside Syrian government forces.",
        {("Hezbollah", "backedBy", "Iran")},
    ),
    case(
        "us-backed-abbrev",
        "The U.S.-backed Syrian Democratic Forces detained dozens of suspects.",
        {("Syrian_Democratic_Forces", "backedBy", "United_States")},
    ),
    case(
        "person-is-no-backer",
        "Prigozhin-backed fighters marched toward Moscow.",
        set(),
        {("Moscow", "backedBy", "Prigozhin")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", BACKED_CASES)
def test_entities_backed_by(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- bases

BASED_CASES = [
    case(
        "hyphen-based-company",
        "The Chicago-based Harwell Corp. said it would close two plants.",
        {("Harwell_Corp.", "basedIn", "Chicago")},
    ),
    case(
        "based-in-appositive",
        "Tarlow Industries, based in Dayton, Ohio, makes truck parts.",
        {("Tarlow_Industries", "basedIn", "Dayton")},
    ),
    case(
        "headquartered-in",
        "Marvel Shipping is headquartered in Piraeus.",
        {("Marvel_Shipping", "basedIn", "Piraeus")},
        xfail="the small model tags no ORG span on 'Marvel Shipping', so there is no subject",
    ),
    case(
        "headquartered-in-known-org",
        "The Brookings Institution is headquartered in Washington.",
        {("Brookings_Institution", "basedIn", "Washington")},
    ),
    case(
        "possessive-group",
        "Yemen's Houthis claimed the attack on the ship.",
        {("Houthis", "basedIn", "Yemen")},
    ),
    case(
        "company-of-city",
        "Manton Trust Co. of Boston agreed to pay the fine.",
        {("Manton_Trust_Co.", "basedIn", "Boston")},
    ),
    case(
        "apposed-home-firm",
        "Grell Holdings, a Singapore shipping firm, owns the vessel.",
        {("Grell_Holdings", "basedIn", "Singapore")},
    ),
    case(
        "international-body-not-based",
        "Geneva's UN office hosted the talks.",
        set(),
        {("United_Nations", "basedIn", "Geneva")},
    ),
    case(
        "filed-from-dateline-gives-nothing",
        "KHARTOUM, Sudan (AP) _ Fighting resumed in the capital on Monday.",
        set(),
        {("Associated_Press", "basedIn", "Khartoum")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", BASED_CASES)
def test_entities_based_in(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- killings

KILL_CASES = [
    case(
        "active-kill",
        "Israeli forces killed Hamas commander Mohammed Deif in a strike in Khan Younis.",
        {("Israel_Defense_Forces", "killed", "Mohammed_Deif")},
    ),
    case(
        "passive-shot-dead",
        "Opposition leader Boris Nemtsov was shot dead by gunmen near the Kremlin.",
        set(),
        {("Kremlin", "killed", "Boris_Nemtsov")},
    ),
    case(
        "assassination-of-by",
        "The assassination of Ismail Haniyeh by Israel drew condemnation across the region.",
        {("Israel", "killed", "Ismail_Haniyeh")},
    ),
    case(
        "convicted-of-killing",
        "Darnell Pryce, convicted of killing Officer Ray Tolland, lost his appeal.",
        {("Darnell_Pryce", "killed", "Ray_Tolland")},
    ),
    case(
        "charged-with-murdering",
        "Kevin Marsh was charged with murdering Alan Pike in 1998.",
        {("Kevin_Marsh", "killed", "Alan_Pike")},
    ),
    case(
        "killer-appositive",
        "Lincoln's assassin, John Wilkes Booth, fled to Virginia.",
        {("John_Wilkes_Booth", "killed", "Lincoln")},
        xfail="the small model tags the possessive 'Lincoln' as ORG, and a victim must be a person",
    ),
    case(
        "killer-of-appositive",
        "James Earl Ray, the killer of Martin Luther King Jr., escaped from prison.",
        {("James_Earl_Ray", "killed", "Martin_Luther_King_Jr.")},
    ),
    case(
        "relative-who-killed",
        "Mehmet Ali Agca, who shot Pope John Paul II in 1981, was released.",
        {("Mehmet_Ali_Agca", "type", "Actor")},
        xfail="'shoot' with no death word is read as fatal only without 'wounded'; here the parse gives no subject",
    ),
    case(
        "tried-to-kill-is-no-killing",
        "Police said Tarek Salim tried to kill Mayor Ana Ruiz outside the town hall.",
        set(),
        {("Tarek_Salim", "killed", "Ana_Ruiz")},
    ),
    case(
        "shot-and-wounded-is-no-killing",
        "A sniper shot Sergeant Paul Greer and wounded two others.",
        set(),
        {("Paul_Greer", "killed", "Paul_Greer")},
    ),
    case(
        "after-the-assassination-no-killer",
        "After the assassination of Robert Ferris, Jim Cole appeared in court as a witness.",
        set(),
        {("Jim_Cole", "killed", "Robert_Ferris")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", KILL_CASES)
def test_entities_killed(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- one node per entity, right class

FOLD_CASES = [
    case(
        "short-name-folds",
        "Getachew Reda said the TPLF would respect the truce. Getachew added that talks would resume.",
        {("Getachew_Reda", "type", "Actor")},
        {("Getachew", "type", "Actor")},
    ),
    case(
        "surname-with-particle-folds",
        "Abdel Fattah al-Burhan visited Port Sudan. Burhan vowed to fight on.",
        {("Abdel_Fattah_al-Burhan", "type", "Actor")},
        {("Burhan", "type", "Actor"), ("Burhan", "type", "Organization")},
    ),
    case(
        "leading-cut-folds",
        "Sheikh Mohammed bin Abdulrahman Al Thani hosted the talks. Mohammed bin Abdulrahman said a deal was close.",
        {("Mohammed_bin_Abdulrahman_Al_Thani", "type", "Actor")},
        {("Mohammed_bin_Abdulrahman", "type", "Actor")},
    ),
    case(
        "honorific-dropped",
        "Dr. Tedros Adhanom Ghebreyesus warned of famine in Gaza.",
        {("Tedros_Adhanom_Ghebreyesus", "type", "Actor")},
        {("Dr._Tedros_Adhanom_Ghebreyesus", "type", "Actor")},
    ),
    case(
        "short-name-altlabel",
        "Abiy Ahmed met the envoy. Abiy said Ethiopia wanted access to the sea.",
        {("Abiy_Ahmed", "altLabel", "Abiy")},
        {("Abiy", "type", "Organization"), ("Abiy", "type", "Place")},
    ),
    case(
        "ship-is-no-actor",
        "Houthi missiles struck the tanker Sounion off Hodeidah.",
        set(),
        {("Sounion", "type", "Actor")},
    ),
    case(
        "uss-ship-is-no-actor",
        "The USS Carney shot down three drones over the Red Sea.",
        set(),
        {("USS_Carney", "type", "Actor"), ("Carney", "type", "Actor")},
    ),
    case(
        "company-is-no-actor",
        "Maersk Line Ltd said it would pause transits through the strait.",
        set(),
        {("Maersk_Line_Ltd", "type", "Actor")},
    ),
    case(
        "spelling-variant-folds",
        "The People's Defence Force attacked a junta convoy. Later the People's Defense Forces withdrew.",
        {("People's_Defence_Force", "altLabel", "People's Defense Forces")},
        {("People's_Defense_Forces", "type", "Organization")},
    ),
    case(
        "bare-council-folds",
        "The Transitional Sovereignty Council met in Port Sudan. The Council called for calm.",
        set(),
        {("Council", "type", "Organization")},
    ),
    case(
        "bracketed-acronym-altlabel",
        "The Tigray People's Liberation Front (TPLF) signed the deal.",
        {("Tigray_People's_Liberation_Front", "type", "Organization")},
    ),
    case(
        "operation-is-no-organization",
        "Israel launched Operation Northern Arrows against Hezbollah in September.",
        set(),
        {("Operation_Northern_Arrows", "type", "Organization")},
    ),
    case(
        "place-inside-org-name",
        "The OSCE Minsk Group has mediated between Armenia and Azerbaijan since 1992.",
        set(),
        {("Minsk", "type", "Place")},
    ),
    case(
        "generic-army-no-node",
        "The Army said it had repelled an attack near the border.",
        set(),
        {("Army", "type", "Organization")},
    ),
    case(
        "person-in-town-is-place",
        "Russian missiles hit Kryvyi Rih overnight, killing four people.",
        {("Kryvyi_Rih", "type", "Place")},
        {("Kryvyi_Rih", "type", "Actor")},
        xfail="the model tags 'Kryvyi Rih' PERSON and a direct object of 'hit' is not read as a place",
    ),
    case(
        "person-after-in-is-place",
        "Russian missiles struck a hotel in Kryvyi Rih overnight.",
        {("Kryvyi_Rih", "type", "Place")},
        {("Kryvyi_Rih", "type", "Actor")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", FOLD_CASES)
def test_entities_one_node_right_class(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- statements

STATEMENT_CASES = [
    case(
        "remarked",
        "UN envoy Hans Grundberg remarked that the truce in Yemen was fragile.",
        {("Statement", "speaker", "Hans_Grundberg")},
    ),
    case(
        "argued",
        "Colombian President Gustavo Petro argued that the talks with the ELN must go on.",
        {("Statement", "speaker", "Gustavo_Petro")},
    ),
    case(
        "announced-that",
        "The Burkina Faso junta announced that elections would be postponed.",
        {("Statement", "quote", "elections would be postponed")},
    ),
    case(
        "pronoun-antecedent-not-nearest-name",
        "Antony Blinken met Benjamin Netanyahu in Jerusalem. He said a ceasefire was within reach.",
        {("Statement", "speaker", "Antony_Blinken")},
        {("Statement", "speaker", "Benjamin_Netanyahu")},
    ),
    case(
        "multi-sentence-quote",
        "“We will not leave Bakhmut. Our men are holding the line,” Ukrainian commander Oleksandr Syrskyi said.",
        {("Statement", "quote", "We will not leave Bakhmut. Our men are holding the line")},
    ),
    case(
        "about-named-entity",
        "Hamas official Osama Hamdan said Israel was blocking the deal.",
        {("Statement", "about", "Israel"), ("Statement", "speaker", "Osama_Hamdan")},
    ),
    case(
        "statement-noun-issuer",
        "A statement from the Sudanese Armed Forces said the RSF had shelled El Fasher.",
        {("Statement", "speaker", "Sudanese_Armed_Forces")},
    ),
    case(
        "warned",
        "Kenyan President William Ruto warned that the mission in Haiti lacked funds.",
        {("Statement", "speaker", "William_Ruto")},
    ),
]


@pytest.mark.parametrize("text, expected, absent", STATEMENT_CASES)
def test_entities_statements(nlp, text, expected, absent):
    check(nlp, text, expected, absent)


# ---------------------------------------------------------------- paragraphs end sentences


@pytest.mark.parametrize(
    "text, boundary",
    [
        ("Talks resumed in Doha\n\nHamas said it was ready.", "Hamas"),
        ("Talks resumed in Doha.\nHamas said it was ready.", "Hamas"),
        ("Fighting raged in Khartoum\nThe army said it had retaken the bridge.", "The"),
    ],
    ids=["blank-line", "line-break-after-full-stop", "heading-without-stop"],
)
def test_entities_paragraph_break_ends_sentence(nlp, text, boundary):
    doc = nlp(text)
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert boundary in starts, starts
    assert all("\n" not in s.text.strip() for s in doc.sents)


def test_entities_evidence_never_spans_two_paragraphs(nlp):
    text = "Russian drones struck Odesa overnight\n\nthe regional governor said three people were killed."
    got = extract_text(nlp, text, "2024-06-10")
    assert got  # extraction ran
    from kg.articles import parse_article
    from kg.extract import extract

    article = parse_article(text)
    for fact in extract(article, nlp(article.body)):
        assert "\n" not in fact.evidence.sentence.strip(), fact
