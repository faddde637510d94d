"""The card model: one school's netwerkkaart, every value with where it came from.

Plain typed data, no spreadsheet library. Readers build it, rules judge it,
writers render it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NamedTuple

CellValue = str | int | float | bool | date | datetime | None
CardKind = Literal["template", "handmade"]


class Sourced(NamedTuple):
    """A value and the cell it was read from (sheet name + A1 address).

    A named tuple: readers build thousands per card, and a bare
    `tuple.__new__(Sourced, (value, sheet, cell))` builds one in about half the
    time of a frozen dataclass (see `read.grid`).
    """

    value: CellValue = None
    sheet: str = ""
    cell: str = ""

    @property
    def text(self) -> str:
        """The value as stripped text ("" for empty); whole floats lose their .0."""
        v = self[0]  # the value: indexing a tuple is quicker than its field's descriptor
        if v.__class__ is str:
            return v.strip()
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    @property
    def is_empty(self) -> bool:
        v = self[0]
        if v is None:
            return True
        if v.__class__ is str:
            return not v.strip()
        return self.text == ""


EMPTY = Sourced()

# Header fields: model attribute -> defined name in the template (public contract).
HEADER_FIELDS: dict[str, str] = {
    "schoolnaam": "Schoolnaam",
    "instellingsnummer": "Instellingsnummer",
    "onderwijsniveau": "Onderwijsniveau",
    "scholengemeenschap": "Scholengemeenschap",
    "gemeente": "Gemeente",
    "schooljaar": "Schooljaar",
    "ingevuld_door": "IngevuldDoor",
    "datum": "Datum",
}
# Header fields as a user reads them: the defined name with its words apart
# ("IngevuldDoor" -> "Ingevuld door").
HEADER_LABELS: dict[str, str] = {
    attribute: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()
    for attribute, name in HEADER_FIELDS.items()
}


@dataclass(slots=True)
class Header:
    """The card's school header block."""

    schoolnaam: Sourced = EMPTY
    instellingsnummer: Sourced = EMPTY
    onderwijsniveau: Sourced = EMPTY
    scholengemeenschap: Sourced = EMPTY
    gemeente: Sourced = EMPTY
    schooljaar: Sourced = EMPTY
    ingevuld_door: Sourced = EMPTY
    datum: Sourced = EMPTY


# Fixed grid columns: model attribute -> column header in the template (public
# contract). The X columns sit between `aard` and `categorie` and come from the
# vocabulary (their headers can be renamed by a region).
COLUMNS_BEFORE_FOCUS: dict[str, str] = {
    "organisatie": "Organisatie",
    "aard": "Aard en specificaties",
}
COLUMNS_AFTER_FOCUS: dict[str, str] = {
    "categorie": "Categorie",
    "contactpersoon": "Contactpersoon",
    "email": "E-mail",
    "telefoon": "Telefoon",
    "intensiteit": "Intensiteit",
    "interne_trekker": "Interne trekker",
    "antennefunctie": "Antennefunctie",
    "status": "Status",
    "sinds": "Sinds",
    "volgende_stap": "Volgende stap",
}


@dataclass(slots=True)
class Partner:
    """One row of the grid.

    `focus` maps an X-column code (KANS, ZORG, ARMOEDE …) to the raw cell, mark
    or not; `category_code` is the resolved category (None when neither the cell
    nor a guess gave one) and `category_guessed` says it came from keywords.
    """

    row: int
    sheet: str
    organisatie: Sourced = EMPTY
    aard: Sourced = EMPTY
    focus: dict[str, Sourced] = field(default_factory=dict)
    categorie: Sourced = EMPTY
    category_code: str | None = None
    category_guessed: bool = False
    contactpersoon: Sourced = EMPTY
    email: Sourced = EMPTY
    telefoon: Sourced = EMPTY
    intensiteit: Sourced = EMPTY
    interne_trekker: Sourced = EMPTY
    antennefunctie: Sourced = EMPTY
    status: Sourced = EMPTY
    sinds: Sourced = EMPTY
    volgende_stap: Sourced = EMPTY


# Partner's Sourced fields in declaration order: readers build partners positionally,
# as Partner(row, sheet, organisatie, aard, focus, categorie, None, False, *the rest).
PARTNER_FIELDS: tuple[str, ...] = tuple(
    name for name, spec in Partner.__dataclass_fields__.items() if spec.type == "Sourced")
_POSITIONAL = ("row", "sheet", "organisatie", "aard", "focus", "categorie", "category_code",
               "category_guessed", *PARTNER_FIELDS[3:])
assert tuple(Partner.__dataclass_fields__) == _POSITIONAL, "Partner's field order changed"


@dataclass(slots=True)
class Card:
    """One school's netwerkkaart as read from a file or an open workbook."""

    path: str
    kind: CardKind
    header: Header = field(default_factory=Header)
    partners: list[Partner] = field(default_factory=list)
    grid_sheet: str = ""
    focus_codes: tuple[str, ...] = ()
    template_version: str | None = None
    vocabulary_version: str = ""
    vocabulary_name: str = ""
    # Cells the reader read as the card's layout, not as data: the grid's header row,
    # labels and title lines above it; a sheet mapped to None is layout as a whole (the
    # template's own sheets). Sheet -> 0-based (row, col) cells.
    layout: dict[str, list[tuple[int, int]] | None] = field(default_factory=dict)
    # A sheet with several grids (kleuter and lager, per campus): partner row -> the
    # section title of its block. Empty for a card with one grid.
    sections: dict[int, str] = field(default_factory=dict)
