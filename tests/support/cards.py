"""Cards built in code for the rule tests: a complete, valid card and ways to spoil it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary

SHEET = "Netwerkkaart"
FOCUS = ("KANS", "ZORG", "ARMOEDE")
# Column letters of the template grid, in contract order.
LETTERS = {
    "organisatie": "A", "aard": "B", "KANS": "C", "ZORG": "D", "ARMOEDE": "E",
    "categorie": "F", "contactpersoon": "G", "email": "H", "telefoon": "I",
    "intensiteit": "J", "interne_trekker": "K", "antennefunctie": "L", "status": "M",
    "sinds": "N", "volgende_stap": "O",
}


def cell(value: object, address: str) -> Sourced:
    return Sourced(value, SHEET, address)


def good_header() -> Header:
    return Header(
        schoolnaam=cell("Sint-Jozefsschool", "C3"),
        instellingsnummer=cell("030569", "C4"),
        onderwijsniveau=cell("Basisonderwijs", "C5"),
        gemeente=cell("Brugge", "C7"),
        schooljaar=cell("2025-2026", "C8"),
        ingevuld_door=cell("zorgcoördinator", "C9"),
        datum=cell(date(2025, 9, 15), "C10"),
    )


def partner(row: int, organisatie: str, categorie: str, **values: object) -> Partner:
    """A complete, valid row unless `values` says otherwise (focus codes included)."""
    fields: dict[str, object] = {
        "aard": "Samenwerking rond leesbevordering",
        "KANS": "X",
        "intensiteit": "3 Samenwerken",
        "interne_trekker": "directie",
        "email": "onthaal@partner.be",
        "telefoon": "050 12 34 56",
        "antennefunctie": "Ja",
        "status": "Actief",
        "sinds": 2019,
        **values,
    }
    sourced = {k: cell(v, f"{LETTERS[k]}{row}") for k, v in fields.items()}
    focus = {code: sourced.pop(code, cell(None, f"{LETTERS[code]}{row}")) for code in FOCUS}
    return Partner(
        row=row,
        sheet=SHEET,
        organisatie=cell(organisatie or None, f"A{row}"),
        categorie=cell(categorie or None, f"F{row}"),
        category_code=categorie or None,
        focus=focus,
        **sourced,
    )


def full_card(vocabulary: Vocabulary) -> Card:
    """A card with a valid header and one valid partner in every category."""
    partners = [
        partner(15 + i, f"Partner {category.code}", category.code)
        for i, category in enumerate(vocabulary.categories)
    ]
    return Card(path="kaart.xlsx", kind="template", header=good_header(), partners=partners,
                grid_sheet=SHEET, focus_codes=FOCUS)


def with_header(card: Card, **fields: Sourced) -> Card:
    return replace(card, header=replace(card.header, **fields))


def with_partner(card: Card, extra: Partner) -> Card:
    return replace(card, partners=[*card.partners, extra])
