"""The region's list of schools (`merge --scholen lijst.xlsx|csv`): who should send a card.

A list as a region keeps it: a sheet (the first one of an .xlsx, .xlsm or .ods)
or a CSV for Flemish Excel (`;`, UTF-8 with or without a byte order mark; `,`
also accepted), with a header row naming an Instellingsnummer column and a
name column (Schoolnaam, Naam or School) somewhere in its first ten rows.
Every fault is refused with the row that holds it: no such columns, a number
that is not six digits, a number listed twice. A number stored as a number in
a sheet (Excel drops its leading zeros) is read back with them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from schoolnet_xl.core.lang import Lang, say

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
NUMBER_HEADERS = ("instellingsnummer", "instellingsnr", "instellingsnr.", "nummer")
NAME_HEADERS = ("schoolnaam", "naam", "school", "naam school")
HEADER_ROWS = 10


class SchoolListError(Exception):
    """A school list that cannot be used (a Dutch or English message naming the row)."""


@dataclass(frozen=True, slots=True)
class SchoolList:
    """The listed schools: instellingsnummer -> name, in the list's order."""

    path: Path
    schools: dict[str, str]


def read_school_list(path: str | Path, lang: Lang = "nl") -> SchoolList:
    """Read and check a school list; SchoolListError says what is wrong and where."""
    path = Path(path)
    rows = _sheet_rows(path, lang) if path.suffix.lower() in SHEET_SUFFIXES \
        else _csv_rows(path, lang) if path.suffix.lower() == ".csv" else None
    if rows is None:
        raise SchoolListError(say(
            f"{path}: een schoollijst is een .xlsx-, .ods- of .csv-bestand",
            f"{path}: a school list is an .xlsx, .ods or .csv file", lang))
    header_at, number_col, name_col = _header(rows, path, lang)
    schools: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        number = _cell(row, number_col)
        name = _cell(row, name_col)
        if not number and not name:
            continue
        line = index + 1
        if not (len(number) == 6 and number.isdigit()):
            raise SchoolListError(say(
                f"{path}, rij {line}: instellingsnummer '{number}' heeft geen 6 cijfers",
                f"{path}, row {line}: instellingsnummer '{number}' is not 6 digits", lang))
        if number in schools:
            raise SchoolListError(say(
                f"{path}, rij {line}: instellingsnummer {number} staat er al op rij "
                f"{first_row[number]}",
                f"{path}, row {line}: instellingsnummer {number} is already on row "
                f"{first_row[number]}", lang))
        schools[number] = name
        first_row[number] = line
    if not schools:
        raise SchoolListError(say(f"{path}: de schoollijst bevat geen scholen",
                                  f"{path}: the school list holds no schools", lang))
    return SchoolList(path, schools)


def _sheet_rows(path: Path, lang: Lang) -> list[list[Any]]:
    try:
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except (CalamineError, OSError, ValueError) as exc:
        raise SchoolListError(say(f"{path}: kan de schoollijst niet lezen ({exc})",
                                  f"{path}: cannot read the school list ({exc})", lang)) from None


def _csv_rows(path: Path, lang: Lang) -> list[list[Any]]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchoolListError(say(
            f"{path}: kan de schoollijst niet lezen als UTF-8-tekst ({exc})",
            f"{path}: cannot read the school list as UTF-8 text ({exc})", lang)) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first or "," not in first else ","
    return [list(row) for row in csv.reader(text.splitlines(), delimiter=delimiter)]


def _header(rows: list[list[Any]], path: Path, lang: Lang) -> tuple[int, int, int]:
    """(row index, number column, name column) of the header row."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        words = [" ".join(_cell(row, c).casefold().split()) for c in range(len(row))]
        number = next((c for c, w in enumerate(words) if w in NUMBER_HEADERS), None)
        name = next((c for c, w in enumerate(words) if w in NAME_HEADERS), None)
        if number is not None and name is not None:
            return index, number, name
    raise SchoolListError(say(
        f"{path}: geen kopregel met de kolommen Instellingsnummer en Schoolnaam in de "
        f"eerste {HEADER_ROWS} rijen",
        f"{path}: no header row with the columns Instellingsnummer and Schoolnaam in the "
        f"first {HEADER_ROWS} rows", lang))


def _cell(row: list[object], column: int) -> str:
    """A cell as text; a whole number (a sheet's number cell) with its leading zeros."""
    value = row[column] if column < len(row) else None
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:06d}"
    return str(value).strip()
