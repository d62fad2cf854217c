"""A synthetic, deterministic news corpus for benchmarks.

Wire-report style articles (strikes, ceasefire proposals, UN resolutions,
statements) composed from templates and word lists of this file, across many
conflicts, plus the real seed article(s). Article ``i`` depends only on the
seed and ``i``, so the 100-article corpus is a prefix of the 1,000 one.

    .venv/bin/python benchmarks/corpus.py --size 1000   # -> benchmarks/corpus/n1000/
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
DEFAULT_SEED = 20241125

# (state, demonym, army, capital, cities, armed groups fighting it, group base)
CONFLICTS = [
    (
        "Israel",
        "Israeli",
        "Israel Defense Forces",
        "Jerusalem",
        ["Tel Aviv", "Haifa", "Ashkelon", "Sderot", "Metula"],
        ["Hezbollah", "Hamas", "Palestinian Islamic Jihad"],
        ["Gaza", "Beirut", "Tyre", "Nabatieh", "Khan Younis"],
    ),
    (
        "Ukraine",
        "Ukrainian",
        "Armed Forces of Ukraine",
        "Kyiv",
        ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy"],
        ["Wagner Group"],
        ["Donetsk", "Luhansk", "Bakhmut", "Avdiivka", "Kherson"],
    ),
    (
        "Russia",
        "Russian",
        "Russian Armed Forces",
        "Moscow",
        ["Belgorod", "Kursk", "Bryansk", "Rostov", "Sevastopol"],
        [],
        ["Kharkiv", "Odesa", "Pokrovsk", "Kupiansk"],
    ),
    (
        "Sudan",
        "Sudanese",
        "Sudanese Armed Forces",
        "Khartoum",
        ["Omdurman", "Port Sudan", "El Fasher", "Wad Madani"],
        ["Rapid Support Forces"],
        ["Darfur", "Kordofan", "El Geneina", "Nyala"],
    ),
    (
        "Yemen",
        "Yemeni",
        "Yemeni army",
        "Sanaa",
        ["Aden", "Hodeidah", "Marib", "Taiz"],
        ["Houthis", "al-Qaeda in the Arabian Peninsula"],
        ["Saada", "Hajjah", "Bab el-Mandeb"],
    ),
    (
        "Myanmar",
        "Burmese",
        "Myanmar military",
        "Naypyidaw",
        ["Yangon", "Mandalay", "Lashio", "Myawaddy"],
        ["Arakan Army", "Kachin Independence Army", "Myanmar National Democratic Alliance Army"],
        ["Rakhine", "Shan"],
    ),
    (
        "Democratic Republic of the Congo",
        "Congolese",
        "Armed Forces of the Democratic Republic of the Congo",
        "Kinshasa",
        ["Goma", "Bukavu", "Beni", "Bunia"],
        ["M23", "Allied Democratic Forces"],
        ["North Kivu", "Ituri"],
    ),
    (
        "Somalia",
        "Somali",
        "Somali National Army",
        "Mogadishu",
        ["Kismayo", "Baidoa", "Beledweyne"],
        ["al-Shabaab"],
        ["Lower Shabelle", "Jubaland", "Hiran"],
    ),
    (
        "Nigeria",
        "Nigerian",
        "Nigerian Armed Forces",
        "Abuja",
        ["Maiduguri", "Kano", "Yola"],
        ["Boko Haram", "Islamic State West Africa Province"],
        ["Borno", "Yobe", "Lake Chad"],
    ),
    (
        "Mali",
        "Malian",
        "Malian Armed Forces",
        "Bamako",
        ["Gao", "Timbuktu", "Kidal", "Mopti"],
        ["Jama'at Nusrat al-Islam wal-Muslimin", "Islamic State Sahel Province"],
        ["Menaka", "Segou"],
    ),
    (
        "Syria",
        "Syrian",
        "Syrian army",
        "Damascus",
        ["Aleppo", "Homs", "Hama", "Latakia", "Deir ez-Zor"],
        ["Hayat Tahrir al-Sham", "Islamic State"],
        ["Idlib", "Raqqa", "al-Hol camp"],
    ),
    (
        "Iraq",
        "Iraqi",
        "Iraqi Armed Forces",
        "Baghdad",
        ["Basra", "Mosul", "Erbil", "Kirkuk"],
        ["Kataib Hezbollah", "Islamic Resistance in Iraq"],
        ["Anbar", "Ain al-Asad", "Sinjar"],
    ),
    (
        "Pakistan",
        "Pakistani",
        "Pakistan Army",
        "Islamabad",
        ["Peshawar", "Quetta", "Karachi", "Lahore"],
        ["Tehrik-i-Taliban Pakistan", "Baloch Liberation Army"],
        ["Balochistan", "Khyber Pakhtunkhwa", "Waziristan"],
    ),
    (
        "Ethiopia",
        "Ethiopian",
        "Ethiopian National Defense Force",
        "Addis Ababa",
        ["Mekelle", "Gondar", "Bahir Dar"],
        ["Fano", "Oromo Liberation Army"],
        ["Amhara", "Oromia", "Tigray"],
    ),
    (
        "Colombia",
        "Colombian",
        "Colombian army",
        "Bogota",
        ["Cali", "Medellin", "Cucuta"],
        ["National Liberation Army", "FARC"],
        ["Catatumbo", "Cauca", "Arauca"],
    ),
    (
        "Azerbaijan",
        "Azerbaijani",
        "Azerbaijani Armed Forces",
        "Baku",
        ["Ganja", "Shusha"],
        [],
        ["Nagorno-Karabakh", "Lachin corridor"],
    ),
    ("Armenia", "Armenian", "Armenian Armed Forces", "Yerevan", ["Gyumri", "Goris"], [], ["Syunik", "Tavush"]),
    (
        "Libya",
        "Libyan",
        "Libyan army",
        "Tripoli",
        ["Benghazi", "Misrata", "Sirte"],
        ["Libyan National Army"],
        ["Fezzan", "Derna"],
    ),
    (
        "Afghanistan",
        "Afghan",
        "Afghan forces",
        "Kabul",
        ["Kandahar", "Herat", "Jalalabad"],
        ["Islamic State Khorasan Province", "Haqqani network"],
        ["Nangarhar", "Kunar", "Panjshir"],
    ),
    (
        "Haiti",
        "Haitian",
        "Haitian National Police",
        "Port-au-Prince",
        ["Cap-Haitien", "Gonaives"],
        ["Viv Ansanm", "400 Mawozo"],
        ["Artibonite", "Croix-des-Bouquets"],
    ),
    (
        "Burkina Faso",
        "Burkinabe",
        "Burkinabe army",
        "Ouagadougou",
        ["Djibo", "Kaya", "Dori"],
        ["Ansarul Islam"],
        ["Soum", "Sahel region"],
    ),
    (
        "Mozambique",
        "Mozambican",
        "Mozambican army",
        "Maputo",
        ["Pemba", "Palma", "Mocimboa da Praia"],
        ["Ansar al-Sunna"],
        ["Cabo Delgado", "Niassa"],
    ),
]
BACKERS = ["Iran", "Russia", "Turkey", "United Arab Emirates", "Qatar", "Rwanda", "Egypt", "Saudi Arabia"]
MEDIATORS = [
    ("United States", "US"),
    ("Qatar", "Qatari"),
    ("Egypt", "Egyptian"),
    ("France", "French"),
    ("Turkey", "Turkish"),
    ("Saudi Arabia", "Saudi"),
    ("Norway", "Norwegian"),
    ("Oman", "Omani"),
    ("Kenya", "Kenyan"),
    ("Angola", "Angolan"),
    ("China", "Chinese"),
    ("Switzerland", "Swiss"),
    ("South Africa", "South African"),
    ("Brazil", "Brazilian"),
]
BODIES = [
    "UN Security Council",
    "UN General Assembly",
    "UN Human Rights Council",
    "African Union",
    "Arab League",
    "European Union",
    "ECOWAS",
    "IGAD",
]
AGENCIES = [
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "Al Jazeera",
    "BBC",
    "Anadolu Agency",
    "dpa",
    "EFE",
    "Xinhua",
    "Kyodo News",
    "Interfax",
    "The National",
    "Daily Monitor",
    "Premium Times",
]
MONITORS = [
    "the UN humanitarian office",
    "Human Rights Watch",
    "Amnesty International",
    "ACLED",
    "the International Committee of the Red Cross",
    "Doctors Without Borders",
    "local health officials",
]
FIRST = (
    "Amos Yusuf Elena Dmytro Olena Ahmed Fatima Omar Leila Tariq Nadia Samir Hassan Miriam David Sarah Ivan "
    "Sergei Anna Abdel Karim Ali Mariam Kofi Amina Juan Maria Pedro Lucia Hyun Min Aung Thura Nkosana Grace "
    "Joseph Faisal Rania Khalid Jamal Mustafa Ibrahim Hamid Samira Layla Viktor Oksana Andriy Yulia Pavel "
    "Tamar Avi Noam Yael Moshe Rami Walid Nabil Issa Moussa Aminata Boubacar Abdi Halima Getachew Abiy "
    "Tsegaye Gustavo Camila Armen Anahit Ilham Farid Jean Claude Marie Felix Patrick Bashir Zainab"
).split()
LAST = (
    "Hochstein Mansour Petrenko Kovalenko Haddad Khalil Nasser Barakat Saleh Qureshi Rahman Hussein Farouk "
    "Cohen Levi Mizrahi Peretz Volkov Sokolov Morozov Ivanenko Shevchenko Tkachenko Mensah Okafor Adeyemi "
    "Diallo Traore Keita Coulibaly Ouattara Mohamed Abdullahi Warsame Tesfaye Bekele Girma Alemu Herrera "
    "Gomez Rojas Castillo Vargas Moreno Petrosyan Hakobyan Aliyev Mammadov Huseynov Nyein Tun Htun Naing "
    "Kabila Tshisekedi Mukendi Lumumba Ndayishimiye Karimi Rostami Jafari Hosseini Amiri Darwish Sabbagh "
    "Khoury Aziz Obeid Tamimi Zaidi Jaber Suleiman Odeh Bishara Hamdan Safadi Kanaan Ghanem Yassin"
).split()
ROLES = [
    "foreign minister",
    "defence minister",
    "army spokesman",
    "military spokesman",
    "government spokesman",
    "spokeswoman",
    "national security adviser",
    "chief negotiator",
    "envoy",
    "prime minister",
    "president",
    "interior minister",
    "commander",
    "deputy foreign minister",
    "ambassador to the United Nations",
]
WEAPONS = [
    ("airstrikes", "carried out heavy airstrikes on"),
    ("drone strikes", "launched drone strikes on"),
    ("rocket attacks", "fired rockets at"),
    ("shelling", "shelled"),
    ("missile strikes", "launched missile strikes on"),
    ("artillery fire", "pounded"),
    ("raids", "raided"),
    ("attacks", "attacked"),
]
SITES = [
    "a residential building",
    "a market",
    "a hospital compound",
    "a school used as a shelter",
    "a fuel depot",
    "a power station",
    "an ammunition depot",
    "a border crossing",
    "an army base",
    "a refugee camp",
    "a bridge",
    "a checkpoint",
    "a port",
    "an airport",
    "a camp for displaced people",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHEN = [
    "on {wd}",
    "on {wd} ({md})",
    "over the weekend",
    "late on {wd}",
    "earlier this week",
    "last week",
    "overnight",
    "on {md}",
    "early on {wd}",
    "yesterday",
]
DEMANDS = [
    "an immediate ceasefire",
    "the release of all hostages",
    "unhindered humanitarian access",
    "the withdrawal of foreign forces",
    "the protection of civilians",
    "the reopening of border crossings",
    "an end to attacks on aid workers",
    "the return of displaced families",
]
QUOTES = [
    "We are ready for a ceasefire, but not at any price.",
    "There can be no military solution to this conflict.",
    "The attacks on civilians must stop immediately.",
    "We will respond to any aggression with full force.",
    "A deal is close, but some issues remain to be resolved.",
    "We have reviewed the proposal and will give our answer within days.",
    "The humanitarian situation is catastrophic and getting worse.",
    "Our forces acted in self-defence against imminent threats.",
    "This is a violation of international law and of the truce.",
    "Negotiations are continuing and we remain cautiously optimistic.",
]
VENUES = ["Doha", "Cairo", "Geneva", "Muscat", "Nairobi", "Jeddah", "Istanbul", "Addis Ababa", "Luanda"]
PROPOSALS = [
    "ceasefire proposal",
    "truce plan",
    "peace plan",
    "ceasefire deal",
    "peace proposal",
    "humanitarian pause plan",
    "roadmap",
]


class _Writer:
    """One article's facts of the story, drawn once, and the sentences that tell it."""

    def __init__(self, rng: random.Random, pub: dt.date) -> None:
        self.r = rng
        self.pub = pub
        state, dem, army, capital, cities, groups, fronts = rng.choice(CONFLICTS)
        if groups:
            self.a, self.a_dem, self.a_army = state, dem, army
            self.b = rng.choice(groups)
        else:  # a war between two states
            other = rng.choice([c for c in CONFLICTS if c[0] != state and not c[5]])
            self.a, self.a_dem, self.a_army, self.b = state, dem, army, other[0]
        self.a_places = cities + [capital]
        self.b_places = fronts
        self.mediator, self.med_dem = rng.choice(MEDIATORS)
        self.backer = rng.choice(BACKERS)
        self.body = rng.choice(BODIES[:3])
        self.res = f"{rng.randint(1000, 2799)}"
        self.res_year = rng.randint(1990, pub.year - 1)
        self.people = {k: self._person() for k in ("a", "b", "med", "un")}
        self.roles = {k: rng.choice(ROLES) for k in self.people}

    def _person(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def when(self) -> str:
        back = self.r.randint(0, 6)
        d = self.pub - dt.timedelta(days=back)
        md = f"{d:%B} {d.day}"
        return self.r.choice(WHEN).format(wd=WEEKDAYS[d.weekday()], md=md)

    def n(self, lo: int = 2, hi: int = 90) -> int:
        return self.r.randint(lo, hi)

    def strike(self) -> str:
        r = self.r
        weapon, verb = r.choice(WEAPONS)
        if r.random() < 0.6:
            who, where = self.a, r.choice(self.b_places)
        else:
            who, where = self.b, r.choice(self.a_places)
        site = r.choice(SITES)
        return r.choice(
            [
                f"{who} {verb} {where} {self.when()}, killing at least {self.n()} people, officials said.",
                f"{who} {verb} {site} in {where} {self.when()}, killing {self.n()} civilians "
                f"and wounding {self.n()} others.",
                f"The {self.a_army} said it struck {self.n(3, 40)} targets in {where} {self.when()}.",
                f"{self.a_dem} {weapon} hit {site} in {where} {self.when()}, according to {r.choice(MONITORS)}.",
                f"{self.b} said it launched {self.n(5, 300)} rockets and drones at {r.choice(self.a_places)} "
                f"{self.when()}.",
                f"At least {self.n()} people were killed when {who} {verb} {site} in {where} {self.when()}.",
                f"The attack on {site} in {where} was one of the deadliest since the fighting began in "
                f"{r.choice(['January', 'March', 'May', 'August', 'October', 'December'])} {self.pub.year - 1}.",
            ]
        )

    def proposal(self) -> str:
        r, p = self.r, self.people
        plan = r.choice(PROPOSALS)
        return r.choice(
            [
                f"{self.med_dem} {self.roles['med']} {p['med']} met officials in {r.choice(self.a_places)} "
                f"{self.when()} to discuss a {plan} between {self.a} and {self.b}.",
                f"The {self.mediator} has proposed a {self.n(7, 90)}-day {plan} between {self.a} and {self.b}.",
                f"{self.b} said it had reviewed the {self.med_dem} {plan} and would respond within days.",
                f"{self.a} rejected the {plan}, saying it did not guarantee the security of its citizens.",
                f"{self.med_dem} mediator {p['med']} said significant progress had been made in the talks.",
                f"Under the {plan}, {self.b} would withdraw {self.n(5, 40)} kilometers from the border "
                f"and release {self.n(10, 120)} prisoners.",
                f"{self.a} and {self.b} have held indirect ceasefire talks in {r.choice(VENUES)} "
                f"mediated by {self.mediator}.",
            ]
        )

    def resolution(self) -> str:
        r = self.r
        return r.choice(
            [
                f"The {self.body} adopted Resolution {self.res} ({self.res_year}) {self.when()}, "
                f"calling for {r.choice(DEMANDS)} in {r.choice(self.b_places)}.",
                f"Diplomatic efforts have focused on reinstating {self.body} Resolution {self.res}.",
                "The resolution demands {} and {}.".format(*r.sample(DEMANDS, 2)),
                f"{self.a} said it would abide by Resolution {self.res} if {self.b} did the same.",
                f"A draft resolution calling for {r.choice(DEMANDS)} was vetoed {self.when()}.",
            ]
        )

    def statement(self) -> str:
        r, p, ro = self.r, self.people, self.roles
        side = r.choice(["a", "b", "un"])
        org = {"a": self.a, "b": self.b, "un": "the United Nations"}[side]
        dem = {"a": self.a_dem, "b": self.b, "un": "UN"}[side]
        q = r.choice(QUOTES)
        return r.choice(
            [
                f"{dem} {ro[side]} {p[side]} said, \u201c{q}\u201d",
                f"{p[side]}, {org}'s {ro[side]}, told {r.choice(AGENCIES)} that {q[0].lower() + q[1:]}",
                f"\u201c{q}\u201d {p[side]} said in a statement {self.when()}.",
                f"According to {org}, {self.n(100, 9000)} people have been killed since the start of the war.",
                f"{dem} {ro[side]} {p[side]} warned that the fighting could spread to {r.choice(self.b_places)}.",
                f"{p[side]} said the talks would resume {self.when()}.",
            ]
        )

    def background(self) -> str:
        r = self.r
        return r.choice(
            [
                f"The {self.backer}-backed {self.b} has fought {self.a} for years.",
                f"{self.b}, backed by {self.backer}, controls large parts of {r.choice(self.b_places)}.",
                f"{r.choice(self.b_places)}-based {self.b} has denied targeting civilians.",
                f"The conflict between {self.a} and {self.b} escalated into full-scale war in "
                f"{r.choice(['September', 'April', 'June', 'November'])} {self.pub.year - r.randint(1, 4)}.",
                f"More than {self.n(10, 900)},000 people have fled their homes, according to {r.choice(MONITORS)}.",
                f"Aid groups say food, fuel and medicine are running short in {r.choice(self.b_places)}.",
                f"{self.backer} has denied supplying weapons to {self.b}.",
                f"{r.choice(AGENCIES)} could not independently verify the claims.",
            ]
        )

    def title(self) -> str:
        return self.r.choice(
            [
                f"{self.a} strikes {self.r.choice(self.b_places)} as {self.mediator} pushes ceasefire",
                f"{self.b} weighs {self.med_dem} truce plan after deadly attacks",
                f"{self.body} calls for ceasefire between {self.a} and {self.b}",
                f"Fighting rages in {self.r.choice(self.b_places)} despite talks",
            ]
        )


def article_text(i: int, seed: int = DEFAULT_SEED) -> str:
    """The i-th synthetic article: YAML front matter and a 300-500-word body.

    Example:
        >>> article_text(3) == article_text(3) and article_text(3) != article_text(4)
        True
    """
    r = random.Random(f"{seed}:{i}")
    pub = dt.date(2023, 1, 1) + dt.timedelta(days=r.randint(0, 900))
    w = _Writer(r, pub)
    kinds = [w.strike] * 4 + [w.proposal] * 3 + [w.statement] * 3 + [w.resolution] * 2 + [w.background] * 2
    target = r.randint(300, 460)
    paragraphs, words, used = [], 0, set()
    while words < target:
        para = []
        for _ in range(r.randint(2, 4)):
            s = r.choice(kinds)()
            if s not in used:  # a wire report does not repeat itself
                used.add(s)
                para.append(s)
        if para:
            paragraphs.append(" ".join(para))
            words += len(paragraphs[-1].split())
    front = f'---\ntitle: "{w.title()}"\nsource: {r.choice(AGENCIES)}\npublished: {pub.isoformat()}\n---\n'
    return front + "\n".join(paragraphs) + "\n"


def write_corpus(size: int, out: Path | None = None, seed: int = DEFAULT_SEED) -> Path:
    """Write ``size`` articles (the seeds first, then synthetic ones) to ``out``; reuse an existing one."""
    out = out or HERE / "corpus" / f"n{size}"
    stamp = out / ".complete"
    if stamp.exists() and stamp.read_text() == f"{seed} {size}":
        return out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))[:size]
    for p in seeds:
        shutil.copy(p, out / p.name)
    for i in range(size - len(seeds)):
        (out / f"syn_{i:05d}.md").write_text(article_text(i, seed), encoding="utf-8")
    stamp.write_text(f"{seed} {size}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, action="append", help="articles (repeatable); default 100, 1000, 10000")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    for size in args.size or [100, 1000, 10000]:
        print(write_corpus(size, seed=args.seed))


if __name__ == "__main__":
    main()
