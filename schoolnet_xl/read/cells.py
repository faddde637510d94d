"""Small helpers for sheet grids: A1 addresses, cell look-up, text folding."""

from __future__ import annotations

import re
import unicodedata
from datetime import time, timedelta
from functools import lru_cache

from schoolnet_xl.model import CellValue, Sourced
from schoolnet_xl.read.workbook_data import SheetData

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def column_letters(index: int) -> str:
    """0-based column index -> letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def a1(row: int, col: int) -> str:
    """0-based row and column -> "B3"."""
    return f"{column_letters(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int] | None:
    """"$B$3" or "B3" -> 0-based (row, col); None when not a single cell."""
    match = _A1.match(ref.strip())
    if not match:
        return None
    col = 0
    for char in match.group(1).upper():
        col = col * 26 + ord(char) - 64
    return int(match.group(2)) - 1, col - 1


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """"A12:O72" -> 0-based (first_row, first_col, last_row, last_col)."""
    first, _, last = ref.partition(":")
    start, end = parse_a1(first), parse_a1(last or first)
    if start is None or end is None:
        return None
    return start[0], start[1], end[0], end[1]


def value_at(sheet: SheetData, row: int, col: int) -> CellValue:
    """The value of a cell (None outside the used area)."""
    if 0 <= row < len(sheet.rows):
        cells = sheet.rows[row]
        if 0 <= col < len(cells):
            return cells[col]
    return None


def sourced(sheet: SheetData, row: int, col: int) -> Sourced:
    """A cell's value with its sheet and A1 address."""
    return Sourced(clean(value_at(sheet, row, col)), sheet.name, a1(row, col))


def clean(value: object) -> CellValue:
    """A cell value as the model keeps it: blank text -> None, times as text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, time | timedelta):
        return str(value)
    return value  # type: ignore[return-value]


def is_blank(value: object) -> bool:
    """True for None and whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def fold(text: object) -> str:
    """Case-, accent- and punctuation-insensitive form of a header or label."""
    return _fold_text(str(text))


@lru_cache(maxsize=8192)
def _fold_text(text: str) -> str:
    """`fold` of a string, cached: a region's cards repeat the same headers and labels."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain).split())
