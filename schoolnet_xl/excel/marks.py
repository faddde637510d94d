"""Cell marks the button made, remembered in the hidden `_schoolnet` sheet.

The remote engine cannot read a cell's colour back, so every mark is written
down (sheet, cell, whether we added a note, the fill to restore, which command
made it) as JSON under the `validation_marks` key; the next run of the same
command restores those cells first. The key's row is found by its text in
column A, never by position.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from schoolnet_xl.core import contract
from schoolnet_xl.excel.sheets import find_sheet

if TYPE_CHECKING:
    import xlwings as xw


@dataclass(frozen=True, slots=True)
class Mark:
    """One cell the button filled (and maybe annotated)."""

    sheet: str
    cell: str
    by: str  # the command that made it: "valideer" or "ontbrekende_categorieen"
    note: bool = False  # True when we added the cell's note
    restore: str | None = None  # the fill to put back ("#RRGGBB"), None = no fill


class MarkStore:
    """The `validation_marks` entry of the `_schoolnet` sheet of an open book."""

    def __init__(self, book: xw.Book) -> None:
        self.sheet = find_sheet(book, contract.SHEET_META)
        self.row = self._key_row() if self.sheet is not None else None

    @property
    def available(self) -> bool:
        """False for a workbook without a `_schoolnet` sheet (a hand-made card)."""
        return self.sheet is not None

    def load(self) -> list[Mark]:
        """The marks recorded by earlier runs (unreadable JSON counts as none)."""
        if self.sheet is None or self.row is None:
            return []
        raw = self.sheet.range((self.row, 2)).value
        try:
            entries = json.loads(raw) if isinstance(raw, str) and raw.strip() else []
            return [Mark(**entry) for entry in entries if isinstance(entry, dict)]
        except (ValueError, TypeError):
            return []

    def save(self, marks: list[Mark]) -> None:
        """Record `marks` (adds the key row when an older card lacks it)."""
        if self.sheet is None:
            return
        if self.row is None:
            self.row = _last_row_in_column_a(self.sheet) + 1
            self.sheet.range((self.row, 1)).value = contract.META_VALIDATION_MARKS
        text = json.dumps([asdict(mark) for mark in marks], ensure_ascii=False)
        self.sheet.range((self.row, 2)).value = text

    def _key_row(self) -> int | None:
        assert self.sheet is not None
        last = _last_row_in_column_a(self.sheet)
        column = self.sheet.range((1, 1), (last, 1)).options(ndim=1).value
        for offset, value in enumerate(column):
            if isinstance(value, str) and value.strip() == contract.META_VALIDATION_MARKS:
                return offset + 1
        return None


def clear_marks(book: xw.Book, marks: list[Mark]) -> None:
    """Put back the fill of each marked cell and delete the notes we added."""
    for mark in marks:
        sheet = find_sheet(book, mark.sheet)
        if sheet is None:
            continue
        cell = sheet.range(mark.cell)
        cell.color = mark.restore
        if mark.note and cell.note is not None:
            cell.note.delete()


def add_note(cell: xw.Range, text: str) -> bool:
    """Add a note where the client supports notes and the cell has none; True if added."""
    if cell.note is not None:
        return False
    try:
        cell.add_note(text)
    except (NotImplementedError, ValueError):  # old Excel API, or no notes on this engine
        return False
    return True


def _last_row_in_column_a(sheet: xw.Sheet) -> int:
    return max(sheet.used_range.last_cell.row, 1)
