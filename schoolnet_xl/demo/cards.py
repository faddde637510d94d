"""Deterministic, realistic-looking (fictitious) school cards as `Card` objects.

Schools have Flemish-sounding names in East-Flemish municipalities; partners
come from a catalogue per category with the spelling variants real cards show
("Vrij CLB" / "VCLB", "Bib" / "Bibliotheek"). Contacts are roles and functional
mailboxes on the reserved `.example` domain: no real people, no real addresses.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary

MUNICIPALITIES: dict[str, str] = {  # gemeente -> CLB region
    "Aalst": "Dender", "Ninove": "Dender", "Denderleeuw": "Dender", "Geraardsbergen": "Dender",
    "Dendermonde": "Schelde-Durme", "Lebbeke": "Schelde-Durme", "Hamme": "Schelde-Durme",
    "Zele": "Schelde-Durme", "Lokeren": "Waasland", "Sint-Niklaas": "Waasland",
    "Temse": "Waasland", "Beveren": "Waasland",
}
PRIMARY_NAMES = (
    "Basisschool De Regenboog", "Vrije Basisschool Sint-Jozef", "Basisschool De Klimop",
    "Basisschool 't Klavertje", "Vrije Basisschool De Zonnebloem", "Sint-Vincentiusschool",
    "Basisschool Het Kompas", "GO! Basisschool De Vlinder", "Gemeentelijke Basisschool De Linde",
    "Vrije Basisschool Sint-Martinus", "Basisschool De Boomhut", "Basisschool Het Palet",
    "Vrije Basisschool Mariaburcht", "Basisschool De Wegwijzer", "Basisschool Ter Beke",
)
SECONDARY_NAMES = (
    "Sint-Jozefscollege", "Sint-Vincentiusinstituut", "Koninklijk Atheneum",
    "Technisch Instituut Sint-Laurentius", "Heilig-Hartinstituut", "Sint-Catharinacollege",
    "GO! Atheneum", "Instituut Mariawende", "Sint-Niklaasinstituut", "Don Boscocollege",
)
ROLES = ("Directie", "Zorgcoördinator", "Leerlingenbegeleider", "Beleidsondersteuner",
         "Leerkracht L5", "Brugfiguur van de school")

# category -> (organisation patterns, aard, focus codes, mailbox, contact role)
CATALOGUE: dict[str, tuple[tuple[str, ...], str, tuple[str, ...], str, str]] = {
    "CLB": (("Vrij CLB {regio}", "VCLB {regio}", "vrij CLB {regio}"),
            "Leerlingenbegeleiding, draaischijf tussen welzijn en onderwijs",
            ("ZORG", "KANS"), "onthaal@vclb-{slug}.example", "Onthaal CLB"),
    "LSC": (("Leersteuncentrum {regio}",), "Ondersteuning zorgfase 2 en 3",
            ("ZORG",), "aanvraag@lsc-{slug}.example", "Ondersteuner"),
    "LOK": (("Dienst Onderwijs {gemeente}", "LOP {regio}"),
            "Flankerend onderwijsbeleid en lokaal overleg", ("KANS",),
            "onderwijs@{slug}.example", "Onderwijsbeleidsmedewerker"),
    "OCMW": (("Sociaal Huis {gemeente}", "OCMW {gemeente}", "OCMW"),
             "Tussenkomst schoolkosten, rechtenverkenning", ("ARMOEDE",),
             "sociaalhuis@{slug}.example", "Maatschappelijk werker"),
    "KGH": (("Huis van het Kind {gemeente}", "Kind en Gezin {regio}"),
            "Opvoedingsondersteuning, consultatiebureau", ("ZORG", "ARMOEDE"),
            "huisvanhetkind@{slug}.example", "Coördinator Huis van het Kind"),
    "JH": (("CKG De Kering", "Integrale jeugdhulp {regio}"),
           "Thuisbegeleiding en crisisopvang via de toegangspoort", ("ZORG",),
           "info@ckg-{slug}.example", "Intake"),
    "CAW": (("CAW Oost-Vlaanderen", "JAC {gemeente}"), "Schuldhulp, jongerenadvies",
            ("ZORG", "ARMOEDE"), "jac@caw-{slug}.example", "Onthaal JAC"),
    "GEZOND": (("CGG Eclips", "Logopedie De Spreekbuis", "Mutualiteit {regio}"),
               "Therapie en gezondheidsvoorlichting", ("ZORG",),
               "secretariaat@zorg-{slug}.example", "Secretariaat"),
    "BRUG": (("Brugfiguur {gemeente}", "Schoolopbouwwerk {regio}"),
             "Brug tussen thuis en school", ("KANS", "ARMOEDE"),
             "brugfiguur@{slug}.example", "Brugfiguur"),
    "ARM": (("Welzijnsschakel {gemeente}", "Voedselbank {regio}"),
            "Armoede-organisatie waar mensen in armoede het woord nemen", ("ARMOEDE",),
            "contact@welzijnsschakel-{slug}.example", "Vrijwilliger"),
    "BIB": (("Bibliotheek {gemeente}", "Bib {gemeente}"), "Leesproject verteltassen",
            ("KANS",), "bibliotheek@{slug}.example", "Jeugdbibliothecaris"),
    "CULT": (("Academie voor Muziek, Woord en Dans {gemeente}", "Cultuurcentrum {gemeente}"),
             "Voorstellingen en workshops", ("KANS",), "educatie@cc-{slug}.example",
             "Educatief medewerker"),
    "SPORT": (("Sportdienst {gemeente}", "Buurtsport {gemeente}"), "Naschoolse sport",
              ("KANS",), "sport@{slug}.example", "Sportfunctionaris"),
    "JEUGD": (("Chiro Sint-Jan {gemeente}", "Speelpleinwerking {gemeente}"),
              "Vrije tijd en opvang", ("KANS",), "leiding@jeugd-{slug}.example", "Leiding"),
    "GELOOF": (("Parochie Sint-Martinus {gemeente}", "Moskeevereniging {gemeente}"),
               "Samenwerking rond feesten en vrijwilligers", ("KANS",),
               "secretariaat@parochie-{slug}.example", "Secretariaat"),
    "HOGER": (("Hogeschool Odisee", "Arteveldehogeschool"),
              "Stagiaires van de hogeschool – huiswerkbegeleiding", ("KANS",),
              "stages@hogeschool-{slug}.example", "Stagecoördinator"),
    "ONDERWIJS": (("Pedagogische begeleiding Katholiek Onderwijs Vlaanderen",
                   "Scholengemeenschap {regio}"), "Nascholing en beleidsondersteuning",
                  ("KANS", "ZORG"), "begeleiding@onderwijs-{slug}.example", "Begeleider"),
    "SPONSOR": (("Rotary {gemeente}", "Lions Club {gemeente}", "Kiwanis {regio}"),
                "Steun aan het sociaal fonds van de school", ("ARMOEDE",),
                "voorzitter@serviceclub-{slug}.example", "Voorzitter"),
    "EIGEN": (("Ouderraad", "Oud-leerlingenbond"), "Ouders en oud-leerlingen als vrijwilligers",
              ("KANS",), "ouderraad@school-{slug}.example", "Voorzitter ouderraad"),
    "WERK": (("VDAB {gemeente}", "Bedrijf Van Damme Bouw"), "Stageplaatsen en duaal leren",
             ("KANS",), "werkplekleren@vdab-{slug}.example", "Consulent"),
    "ANDER": (("Politie zone {regio}", "Agentschap Integratie en Inburgering"),
              "Preventie en tolken", ("ZORG",), "info@ander-{slug}.example", "Onthaal"),
}
STATUSES = ("Actief", "Actief", "Actief", "Te verdiepen", "Gewenst")
INTENSITIES = ("1 Informeren", "2 Afstemmen", "3 Samenwerken", "4 Structureel samenwerken")
SCHOOL_YEAR = "2025-2026"


def slug(text: str) -> str:
    """Lower-case, ASCII-ish, dash-separated (for fictitious mailboxes)."""
    keep = "".join(c if c.isalnum() else "-" for c in text.lower().replace("'", ""))
    return "-".join(part for part in keep.split("-") if part)


def school_number(index: int) -> str:
    """The 6-digit instellingsnummer of school number `index`."""
    return f"{10000 + index * 37 % 90000:06d}"


def make_school(rng: random.Random, index: int, level: str) -> Header:
    """A school header: name, 6-digit number, level, community, municipality, year."""
    gemeente = rng.choice(sorted(MUNICIPALITIES))
    names = PRIMARY_NAMES if level == "Basisonderwijs" else SECONDARY_NAMES
    name = f"{names[index % len(names)]} {gemeente}"
    return Header(
        schoolnaam=Sourced(name),
        instellingsnummer=Sourced(school_number(index)),
        onderwijsniveau=Sourced(level),
        scholengemeenschap=Sourced(f"SG {MUNICIPALITIES[gemeente]}"),
        gemeente=Sourced(gemeente),
        schooljaar=Sourced(SCHOOL_YEAR),
        ingevuld_door=Sourced(rng.choice(ROLES[:3])),
        datum=Sourced(date(2025, 9, 15 + rng.randrange(10)).replace(
            month=rng.choice((9, 10, 11)))),
    )


def make_partner(rng: random.Random, code: str, header: Header, row: int,
                 vocabulary: Vocabulary) -> Partner:
    """One plausible partner row of category `code` for the school in `header`."""
    patterns, aard, focus, mailbox, role = CATALOGUE[code]
    gemeente = header.gemeente.text
    regio = MUNICIPALITIES.get(gemeente, gemeente)
    name = rng.choice(patterns).format(gemeente=gemeente, regio=regio)
    category = vocabulary.category(code)
    return Partner(
        row=row,
        sheet="Netwerkkaart",
        organisatie=Sourced(name),
        aard=Sourced(aard),
        focus={f: Sourced("X") for f in focus},
        categorie=Sourced(category.label if category else code),
        category_code=code,
        contactpersoon=Sourced(role),
        email=Sourced(mailbox.format(slug=slug(gemeente))),
        telefoon=Sourced(f"0{rng.choice((52, 53, 54))} {rng.randrange(10, 99)} "
                         f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}"),
        intensiteit=Sourced(rng.choice(INTENSITIES)),
        interne_trekker=Sourced(rng.choice(ROLES)),
        antennefunctie=Sourced(rng.choice(("Ja", "Nee"))),
        status=Sourced(rng.choice(STATUSES)),
        sinds=Sourced(str(rng.randrange(2005, 2025))),
    )


def make_card(rng: random.Random, index: int, partners: int | None = None,
              vocabulary: Vocabulary | None = None, level: str | None = None) -> Card:
    """A school card with varied coverage (core categories sometimes missing).

    With `partners` given, the card gets exactly that many partner rows.
    """
    vocabulary = vocabulary or default_vocabulary()
    level = level or ("Basisonderwijs" if index % 3 else "Secundair onderwijs")
    header = make_school(rng, index, level)
    level_code = vocabulary.level_code_for(level)
    codes = []
    for category in vocabulary.categories:
        expectation = category.expectation(level_code)
        chance = {"core": 0.85, "recommended": 0.55}.get(expectation or "", 0.2)
        if category.code in CATALOGUE and rng.random() < chance:
            codes.append(category.code)
    codes = codes or ["CLB"]
    if partners is not None:
        extra = [rng.choice(sorted(CATALOGUE)) for _ in range(max(0, partners - len(codes)))]
        codes = (codes + extra)[:partners]
    rows: list[Partner] = []
    seen: set[str] = set()
    for code in codes:
        partner = make_partner(rng, code, header, len(rows) + 1, vocabulary)
        attempt = 0
        while partner.organisatie.text.casefold() in seen and attempt < 5:
            partner = make_partner(rng, code, header, len(rows) + 1, vocabulary)
            attempt += 1
        if partner.organisatie.text.casefold() in seen:
            partner.organisatie = Sourced(f"{partner.organisatie.text} ({len(rows) + 1})")
        seen.add(partner.organisatie.text.casefold())
        rows.append(partner)
    return Card(path="", kind="template", header=header, partners=rows,
                focus_codes=tuple(f.code for f in vocabulary.focus))


def numbered_card(index: int, seed: int = 2026, partners_per_card: int = 30) -> Card:
    """Card number `index` of a deterministic series (independent of the others)."""
    return make_card(random.Random(f"{seed}-{index}"), index, partners_per_card)


def make_cards(n: int, seed: int = 2026, partners_per_card: int = 30) -> Iterator[Card]:
    """`n` cards of `partners_per_card` partners each, deterministic for the seed."""
    for index in range(n):
        yield numbered_card(index, seed, partners_per_card)
