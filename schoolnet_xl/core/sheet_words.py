"""The words the Overzicht and Validatie sheets show, shared by every writer of them.

The template builder, the `summary` command and the Excel button all write
these sheets; the button also finds the Overzicht tables again by these words.
"""

from __future__ import annotations

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


class ValidationColumn(NamedTuple):
    """One column of the Validatie sheet: its header per language and its width."""

    nl: str
    en: str
    width: int


# The Validatie sheet's columns, as the file writer and the Excel button write them.
VALIDATION_COLUMNS: tuple[ValidationColumn, ...] = (
    ValidationColumn("Ernst", "Severity", 14),
    ValidationColumn("Code", "Code", 9),
    ValidationColumn("Cel", "Cell", 18),
    ValidationColumn("Melding", "Message", 70),
    ValidationColumn("Tip", "Hint", 60),
)


def validation_headers(lang: str) -> list[str]:
    """The Validatie sheet's header row in the language asked for."""
    return [column.en if lang == "en" else column.nl for column in VALIDATION_COLUMNS]
