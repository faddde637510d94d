"""Readers of card layouts made by older template versions (for `upgrade`).

Template 0.9 (before the first public 1.0): sheet `Netwerkkaart` with the
header labels in column A ("Schoolnaam:" … "Datum:") and their values in
column C, no defined names; the grid as a plain range (no Excel Table) under a
header row that starts with `Organisatie` in column A, the X columns titled
`Kansen`, `Zorg`, `Armoede`; no Overzicht; `_schoolnet` holds
`template_version` = 0.9.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.contract import SHEET_CARD, SHEET_META
from schoolnet_xl.core.model import (
    COLUMNS_AFTER_FOCUS,
    COLUMNS_BEFORE_FOCUS,
    Card,
    Header,
    Partner,
    Sourced,
)
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.sheets import sheet_values

V09_HEADER_LABELS = {
    "schoolnaam": "schoolnaam",
    "instellingsnummer": "instellingsnummer",
    "onderwijsniveau": "onderwijsniveau",
    "scholengemeenschap": "scholengemeenschap",
    "gemeente": "gemeente",
    "schooljaar": "schooljaar",
    "ingevuld door": "ingevuld_door",
    "datum": "datum",
}
V09_FOCUS_HEADERS = {"kansen": "KANS", "zorg": "ZORG", "armoede": "ARMOEDE"}
V09_SHEETS = (SHEET_CARD, SHEET_META)


class LegacyLayoutError(Exception):
    """The file does not have the layout its template_version promises."""


def _sourced(value: Any, row: int, column: int) -> Sourced:
    if value == "" or value is None:
        return Sourced(None, SHEET_CARD, f"{column_letters(column)}{row + 1}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Sourced(value, SHEET_CARD, f"{column_letters(column)}{row + 1}")


def read_v09(path: Path, vocabulary: Vocabulary) -> Card:
    """Read a 0.9 card into the card model (every value with its old cell)."""
    rows = sheet_values(path, SHEET_CARD)
    if rows is None:
        raise LegacyLayoutError(f"blad '{SHEET_CARD}' ontbreekt")
    header = Header()
    grid_row = None
    for r, row in enumerate(rows):
        first = str(row[0]).strip().rstrip(":").strip().lower() if row else ""
        if first in V09_HEADER_LABELS and len(row) > 2:
            setattr(header, V09_HEADER_LABELS[first], _sourced(row[2], r, 2))
        if first == "organisatie":
            grid_row = r
            break
    if grid_row is None:
        raise LegacyLayoutError(f"geen rij met 'Organisatie' in kolom A van '{SHEET_CARD}'")
    keys = _column_keys(rows[grid_row])
    partners = []
    for r in range(grid_row + 1, len(rows)):
        row = rows[r]
        if all(v in ("", None) for v in row):
            continue
        partner = Partner(row=r + 1, sheet=SHEET_CARD)
        for column, key in keys.items():
            value = _sourced(row[column] if column < len(row) else None, r, column)
            if key in V09_FOCUS_HEADERS.values():
                partner.focus[key] = value
            else:
                setattr(partner, key, value)
        partner.category_code = vocabulary.category_code_for(partner.categorie.text)
        partners.append(partner)
    return Card(path=str(path), kind="template", header=header, partners=partners,
                grid_sheet=SHEET_CARD, focus_codes=tuple(V09_FOCUS_HEADERS.values()),
                template_version="0.9")


def _column_keys(header_row: list[Any]) -> dict[int, str]:
    by_header = {v.lower(): k for k, v in {**COLUMNS_BEFORE_FOCUS, **COLUMNS_AFTER_FOCUS}.items()}
    by_header.update(V09_FOCUS_HEADERS)
    keys = {}
    for column, title in enumerate(header_row):
        key = by_header.get(str(title).strip().lower())
        if key:
            keys[column] = key
    missing = set(by_header.values()) - set(keys.values())
    if missing:
        raise LegacyLayoutError(f"kolommen ontbreken in de tabel: {', '.join(sorted(missing))}")
    return keys


# template_version -> (reader, the sheets that version's builder made)
READERS: dict[str, tuple[Callable[[Path, Vocabulary], Card], tuple[str, ...]]] = {
    "0.9": (read_v09, V09_SHEETS),
}
