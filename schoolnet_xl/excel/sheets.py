"""Small helpers over an open book that every xlwings engine supports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schoolnet_xl.core.model import CellValue

if TYPE_CHECKING:
    import xlwings as xw

FORMULA_STARTS = ("=", "+", "-", "@")


def find_sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    """The sheet with this name, or None."""
    return next((sheet for sheet in book.sheets if sheet.name == name), None)


def fresh_sheet(book: xw.Book, name: str) -> xw.Sheet:
    """An empty sheet called `name`: the existing one cleared, else a new last sheet."""
    sheet = find_sheet(book, name)
    if sheet is not None:
        sheet.clear()
        return sheet
    return book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])


def as_text_cell(value: CellValue) -> CellValue:
    """Text that would turn into a formula when written gets Excel's text prefix (')."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def link_formula(sheet: str, cell: str, label: str) -> str:
    """A HYPERLINK formula that jumps to `sheet`!`cell` (works in desktop Excel and on the web)."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return f'=HYPERLINK("{_quoted(target)}","{_quoted(label)}")'


def _quoted(text: str) -> str:
    return text.replace('"', '""')
