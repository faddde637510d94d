"""Test helpers for template cards: fill a copy with openpyxl, read formulas and values."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from schoolnet_xl.core import contract


def fill_card(template: Path, target: Path, header: dict[str, object],
              rows: list[dict[str, object]]) -> Path:
    """Copy `template` to `target` with openpyxl, filling header names and table rows.

    `header` maps defined names (Schoolnaam …) to values; each row maps table
    column headers to values, written from the table's first data row down.
    """
    import openpyxl

    workbook = openpyxl.load_workbook(template)
    for name, value in header.items():
        sheet_name, ref = next(iter(workbook.defined_names[name].destinations))
        workbook[sheet_name][ref.replace("$", "")].value = value
    sheet = workbook[contract.SHEET_CARD]
    table = sheet.tables[contract.TABLE_PARTNERS]
    first_cell = table.ref.split(":")[0]
    header_row = sheet[first_cell].row
    first_col = sheet[first_cell].column
    columns = {col.name: first_col + i for i, col in enumerate(table.tableColumns)}
    for offset, row in enumerate(rows, start=1):
        for column, value in row.items():
            sheet.cell(header_row + offset, columns[column]).value = value
    workbook.save(target)
    return target


def formulas(path: Path, sheet_name: str) -> dict[str, str]:
    """Cell address -> formula text of every formula cell of a sheet."""
    import openpyxl

    sheet = openpyxl.load_workbook(path)[sheet_name]
    return {
        cell.coordinate: cell.value
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    }


def values(path: Path, sheet_name: str, cells: list[str]) -> dict[str, object]:
    """The stored (cached) values of some cells, normalised: None -> "", 3.0 -> 3."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, data_only=True)[sheet_name]
    return {ref: normalise(sheet[ref].value) for ref in cells}


def normalise(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sheet_xml(path: Path, sheet_name: str) -> str:
    """The raw XML of a worksheet, found by its name through workbook.xml and its rels."""
    import re

    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
        escaped = re.escape(sheet_name)
        rid = re.search(rf'<sheet [^>]*name="{escaped}"[^>]*r:id="(rId\d+)"', book)
        assert rid is not None, f"sheet {sheet_name} not in workbook.xml"
        target = re.search(rf'<Relationship [^>]*Id="{rid[1]}"[^>]*Target="([^"]+)"', rels)
        if target is None:
            target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid[1]}"', rels)
        part = target[1].lstrip("/")
        part = part if part.startswith("xl/") else f"xl/{part}"
        return zf.read(part).decode()


def overview_category_rows(path: Path) -> dict[str, dict[str, object]]:
    """Category code -> {label, count, expectation, status} as stored in Overzicht."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, data_only=True)[contract.SHEET_OVERVIEW]
    rows: dict[str, dict[str, object]] = {}
    in_table = False
    for label, code, count, expectation, status, *_ in sheet.iter_rows(
        min_col=1, max_col=5, values_only=True
    ):
        if label == "Categorie" and code == "Code":
            in_table = True
            continue
        if in_table and label is None:
            break
        if in_table:
            rows[code] = {
                "label": label, "count": normalise(count),
                "expectation": normalise(expectation), "status": normalise(status),
            }
    return rows


def effective_style(cell: Any) -> Any:
    """The format Excel and LibreOffice apply to a cell: its own, else its row's (a row
    with a format of its own), else its column's. openpyxl resolves neither: an empty
    grid cell of the template has no record, its format is the column's."""
    if cell.has_style:
        return cell
    sheet = cell.parent
    row = sheet.row_dimensions.get(cell.row)
    if row is not None and row.customFormat:
        return row
    return next((d for d in sheet.column_dimensions.values()
                 if d.min is not None and d.min <= cell.column <= d.max), cell)
