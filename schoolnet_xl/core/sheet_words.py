"""The words the Overzicht and Validatie sheets show, shared by every writer of them.

The template builder, the `summary` command and the Excel button all write
these sheets; the button also finds the Overzicht tables again by these words.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

# Overzicht words (cached values and formula results).
EXPECTATION_WORDS: dict[str | None, str] = {
    "core": "kern", "recommended": "aanbevolen", None: "",
}
STATUS_WORDS: dict[str, str] = {
    "present": "aanwezig",
    "missing_core": "ontbreekt (kern)",
    "missing_recommended": "ontbreekt (aanbevolen)",
    "none": "",
}

OVERVIEW_TITLE = "Overzicht van het netwerk"
OVERVIEW_SUBTITLE = (
    "Dit blad rekent zelf; niets invullen. Rood: kerncategorie zonder partner. "
    "Oranje: aanbevolen categorie zonder partner."
)
OVERVIEW_LEVEL = "Onderwijsniveau"
OVERVIEW_TOTAL = "Aantal partners (met naam)"
OVERVIEW_MISSING_CORE = "Kerncategorieën zonder partner"
OVERVIEW_MISSING_RECOMMENDED = "Aanbevolen categorieën zonder partner"
OVERVIEW_CATEGORY_HEADERS = ("Categorie", "Code", "Partners", "Verwachting", "Status")
OVERVIEW_FOCUS_HEADERS = ("Uitdaging (X-kolom)", "Partners met X")
CHART_TITLE = "Partners per categorie"


def page_footer(centre: str = "") -> str:
    """A printed footer: the sheet's name left, `centre` (its "&" doubled, as the footer
    codes need), "Pagina n van m" right."""
    return f"&L&A&C{centre.replace('&', '&&')}&RPagina &P van &N"


class ValidationColumn(NamedTuple):
    """One column of the Validatie sheet: its header per language, its width, and
    whether its text wraps (each row as high as its longest wrapped text)."""

    nl: str
    en: str
    width: int
    wraps: bool = False


# The Validatie sheet's columns, as the file writer and the Excel button write them.
VALIDATION_COLUMNS: tuple[ValidationColumn, ...] = (
    ValidationColumn("Ernst", "Severity", 14),
    ValidationColumn("Code", "Code", 9),
    ValidationColumn("Cel", "Cell", 18),
    ValidationColumn("Melding", "Message", 70, wraps=True),
    ValidationColumn("Tip", "Hint", 60, wraps=True),
)
# Where the Validatie sheet's parts sit (0-based rows): the title, the line naming the
# card and the time of the check, the table's header row; the findings below it.
VALIDATION_TITLE_ROW = 0
VALIDATION_CONTEXT_ROW = 1
VALIDATION_HEADER_ROW = 3
VALIDATION_TITLE_SIZE = 14


def validation_title(lang: str) -> str:
    """The Validatie sheet's title."""
    return "Validation of the network card" if lang == "en" else "Validatie van de netwerkkaart"


def validation_context(card: str, checked: datetime, lang: str) -> str:
    """The line under the title: which card, checked when."""
    if lang == "en":
        return f"Card: {card} - checked on {checked:%Y-%m-%d} at {checked:%H:%M}"
    return f"Kaart: {card} - gecontroleerd op {checked:%d/%m/%Y} om {checked:%H:%M}"


def validation_headers(lang: str) -> list[str]:
    """The Validatie sheet's header row in the language asked for."""
    return [column.en if lang == "en" else column.nl for column in VALIDATION_COLUMNS]
