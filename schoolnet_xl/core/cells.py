"""A1 addresses: the one place that turns row/column numbers into letters and back.

Rows and columns are 0-based in code, as calamine and XlsxWriter count them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=1024)
def column_letters(index: int) -> str:
    """0-based column index -> letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """Letters -> 0-based column index (A -> 0, AA -> 26); case-insensitive."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


@lru_cache(maxsize=4096)
def a1(row: int, col: int) -> str:
    """0-based row and column -> "B3" (remembered: a region's cards name the same cells)."""
    return f"{column_letters(col)}{row + 1}"


@lru_cache(maxsize=4096)
def parse_a1(ref: str) -> tuple[int, int] | None:
    """"$B$3" or "B3" -> 0-based (row, col); None when not a single cell.

    Remembered: a region's cards name the same header and finding cells."""
    match = _A1.match(ref.strip())
    if not match:
        return None
    return int(match.group(2)) - 1, column_index(match.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """"A12:O72" -> 0-based (first_row, first_col, last_row, last_col)."""
    first, _, last = ref.partition(":")
    start, end = parse_a1(first), parse_a1(last or first)
    if start is None or end is None:
        return None
    return start[0], start[1], end[0], end[1]
