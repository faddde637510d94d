"""Looking up a cell of a sheet's values, with its sheet and A1 address."""

from __future__ import annotations

from schoolnet_xl.core.cells import a1
from schoolnet_xl.core.model import Sourced
from schoolnet_xl.core.values import clean
from schoolnet_xl.read.workbook_data import RawValue, SheetData


def value_at(sheet: SheetData, row: int, col: int) -> RawValue:
    """The value of a cell (None outside the used area)."""
    if 0 <= row < len(sheet.rows):
        cells = sheet.rows[row]
        if 0 <= col < len(cells):
            return cells[col]
    return None


def sourced(sheet: SheetData, row: int, col: int) -> Sourced:
    """A cell's value with its sheet and A1 address."""
    return _new_tuple(Sourced, (clean(value_at(sheet, row, col)), sheet.name, a1(row, col)))


_new_tuple = tuple.__new__  # builds a Sourced without its Python constructor
