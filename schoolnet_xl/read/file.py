"""A workbook file -> `WorkbookData`: cell values by calamine, the rest from the zip.

calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods values (dates as date objects,
numbers as floats); defined names, tables, hidden columns and dropdown
presence come from the package XML of .xlsx/.xlsm (see `ooxml`).
"""

from __future__ import annotations

import zipfile
from datetime import time, timedelta
from pathlib import Path

from schoolnet_xl.model import CellValue
from schoolnet_xl.read.ooxml import PackageExtras, read_extras
from schoolnet_xl.read.workbook_data import SheetData, WorkbookData

OOXML_FORMATS = ("xlsx", "xlsm")


def workbook_data_from_file(path: str | Path, fmt: str) -> WorkbookData:
    """Every worksheet's values (A1-anchored), names and tables; raises on a parse error."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    extras = PackageExtras()
    if fmt in OOXML_FORMATS:
        with zipfile.ZipFile(path) as zf:
            extras = read_extras(zf)
    with open(path, "rb") as handle:
        workbook = CalamineWorkbook.from_filelike(handle)
    data = WorkbookData(path=str(path), sheets=[], names=extras.names)
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        values = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        sheet_extras = extras.sheets.get(meta.name)
        data.sheets.append(SheetData(
            name=meta.name,
            rows=[[_cell(v) for v in row] for row in values],
            hidden_columns=sheet_extras.hidden_columns if sheet_extras else frozenset(),
            hidden=meta.visible != SheetVisibleEnum.Visible,
            has_validations=sheet_extras.has_validations if sheet_extras else None,
        ))
        for table in sheet_extras.tables if sheet_extras else ():
            data.tables[table.name] = table
    return data


def _cell(value: object) -> CellValue:
    """calamine's value as a model value: "" -> None, times as text."""
    if value == "" or value is None:
        return None
    if isinstance(value, time | timedelta):
        return str(value)
    return value  # type: ignore[return-value]
