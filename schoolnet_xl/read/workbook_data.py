"""What a reader sees of a workbook, whatever it came from.

A file reader (calamine + the zip's XML) and the Excel button (an `xw.Book`,
desktop or remote) both turn their source into a `WorkbookData`; one function
turns that into a `Card`. So the file and the button read cards identically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time, timedelta

from schoolnet_xl.core.model import CellValue

# What a source may hand over for a cell: a model value, or a time of day or duration
# (calamine), which `core.values.clean` turns into text.
RawValue = CellValue | time | timedelta


@dataclass(slots=True)
class SheetData:
    """One sheet's values; rows[0][0] is cell A1 (no leading rows or columns skipped)."""

    name: str
    rows: Sequence[Sequence[RawValue]]
    hidden_columns: frozenset[int] = frozenset()  # 0-based column indexes
    hidden: bool = False
    has_validations: bool | None = None  # dropdowns present; None = the source cannot tell
    # ranges merged over several rows, 0-based (first row, first col, last row, last col);
    # () = none or unknown
    merged: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(slots=True)
class TableData:
    """An Excel Table (ListObject): name, sheet, A1 range incl. header row, column names."""

    name: str
    sheet: str
    ref: str
    columns: list[str]


@dataclass(slots=True)
class WorkbookData:
    """Sheets in workbook order, defined names and tables."""

    path: str
    sheets: list[SheetData]
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet, "$B$3")
    tables: dict[str, TableData] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetData | None:
        """The sheet with this name, or None."""
        return next((s for s in self.sheets if s.name == name), None)
