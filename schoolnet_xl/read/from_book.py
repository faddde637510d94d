"""An open `xw.Book` (desktop or remote engine) -> `WorkbookData`.

Only reads values, defined names and tables: what every xlwings engine
supports. The one function that turns `WorkbookData` into a `Card` lives in
`schoolnet_xl.read`, so the button and the file reader read cards identically.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from schoolnet_xl.core.model import CellValue
from schoolnet_xl.read.workbook_data import SheetData, TableData, WorkbookData

if TYPE_CHECKING:
    import xlwings as xw


def workbook_data(book: xw.Book) -> WorkbookData:
    """Values of every sheet (from A1), the defined names and the tables of `book`."""
    sheets: list[SheetData] = []
    tables: dict[str, TableData] = {}
    for sheet in book.sheets:
        sheets.append(SheetData(sheet.name, sheet_rows(sheet), hidden=not sheet.visible))
        for table in sheet.tables:
            tables[table.name] = _table(table, sheet.name)
    return WorkbookData(path=book.name, sheets=sheets, names=workbook_data_names(book),
                        tables=tables)


def sheet_rows(sheet: xw.Sheet) -> list[list[CellValue]]:
    """The sheet's values as rows, rows[0][0] being A1; [] for an empty sheet."""
    last = sheet.used_range.last_cell
    if last.row == 1 and last.column == 1 and sheet["A1"].value is None:
        return []
    values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
    return [[_cell_value(v) for v in row] for row in values]


def _cell_value(value: Any) -> CellValue:
    """Plain cell values; numpy/pandas-free engines already give these types."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _table(table: Any, sheet_name: str) -> TableData:
    header = table.header_row_range
    columns = [str(v) for v in header.options(ndim=1).value] if header is not None else []
    return TableData(table.name, sheet_name, table.range.address.replace("$", ""), columns)


def workbook_data_names(book: xw.Book) -> dict[str, tuple[str, str]]:
    """Defined names that point at one range: name -> (sheet, "$B$3")."""
    names: dict[str, tuple[str, str]] = {}
    for name in book.names:
        try:
            target = name.refers_to_range
        except Exception:  # constants, formulas, broken references: not a range
            continue
        if target is not None:
            names[_bare_name(name.name)] = (target.sheet.name, target.address)
    return names


def _bare_name(name: str) -> str:
    """`Sheet1!Local` (a sheet-scoped name) -> `Local`."""
    return name.split("!")[-1]
