"""The JSON that the xlwings Office.js client sends, built from a real workbook file.

Mirrors `getBookData()` in xlwings_server/static/js/custom-scripts/index.js
(xlwings Server 1.20 / xlwings 0.37): `client`, `version`, `book` (name, active
sheet index, selection, calculation), `names` (readNamedItems in named-items.js)
and one entry per sheet with visibility, notes, the values-only used range, the
values from A1 to the used range's last cell ("" for empty cells, dates as ISO
strings as convertDateValues does), tables, pictures, shapes, charts and pivot
tables. Values are the cached values in the file (what Excel would show).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

VISIBILITY = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}


def payload_from_file(
    path: str | Path, *, notes_supported: bool = True, active_sheet_index: int = 0
) -> dict[str, Any]:
    """The Office.js payload of the workbook at `path` (not modified)."""
    import xlwings
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True)
    sheets = [_sheet(ws, notes_supported) for ws in workbook.worksheets]
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {
            "name": Path(path).name,
            "active_sheet_index": active_sheet_index,
            "selection": "A1",
            "calculation": "Automatic",
        },
        "names": _names(workbook),
        "sheets": sheets,
    }


def payload_json(payload: dict[str, Any]) -> str:
    """The request body as the client posts it."""
    return json.dumps(payload, ensure_ascii=False)


def _sheet(ws: Any, notes_supported: bool) -> dict[str, Any]:
    used = _values_only_used_range(ws)
    if used is None:
        values: list[list[Any]] = [[""]]
        address, rows, cols = None, 0, 0
    else:
        min_col, min_row, max_col, max_row = used
        values = [
            [_value(ws.cell(row=r, column=c).value) for c in range(1, max_col + 1)]
            for r in range(1, max_row + 1)
        ]
        address = _address(min_row, min_col, max_row, max_col)
        rows, cols = max_row - min_row + 1, max_col - min_col + 1
    notes = [{"address": cell.coordinate} for row in ws.iter_rows() for cell in row
             if cell.comment is not None] if notes_supported else []
    return {
        "name": ws.title,
        "visibility": VISIBILITY.get(ws.sheet_state, "Visible"),
        "show_gridlines": bool(ws.sheet_view.showGridLines in (None, True)),
        "print_area": None,
        "notes": notes,
        "notes_supported": notes_supported,
        "used_range_address": address,
        "used_range_row_count": rows,
        "used_range_column_count": cols,
        "values": values,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [_table(table) for table in ws.tables.values()],
        "pivot_tables": [],
    }


def _values_only_used_range(ws: Any) -> tuple[int, int, int, int] | None:
    """(min_col, min_row, max_col, max_row) of the cells holding a value, like
    `getUsedRangeOrNullObject(true)`."""
    cells = [(c.column, c.row) for row in ws.iter_rows() for c in row
             if c.value is not None and c.value != ""]
    if not cells:
        return None
    cols = [c for c, _ in cells]
    rows = [r for _, r in cells]
    return min(cols), min(rows), max(cols), max(rows)


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _address(min_row: int, min_col: int, max_row: int, max_col: int) -> str:
    first = f"{get_column_letter(min_col)}{min_row}"
    if (min_row, min_col) == (max_row, max_col):
        return first
    return f"{first}:{get_column_letter(max_col)}{max_row}"


def _table(table: Any) -> dict[str, Any]:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    totals = bool(table.totalsRowCount)
    header = table.headerRowCount != 0
    body_first = min_row + (1 if header else 0)
    body_last = max_row - (1 if totals else 0)
    style = table.tableStyleInfo
    return {
        "name": table.displayName or table.name,
        "range_address": table.ref,
        "row_count": max_row - min_row + 1,
        "column_count": max_col - min_col + 1,
        "columns": [column.name for column in table.tableColumns],
        "header_row_range_address": _address(min_row, min_col, min_row, max_col)
        if header else None,
        "data_body_range_address": _address(body_first, min_col, body_last, max_col),
        "total_row_range_address": _address(max_row, min_col, max_row, max_col)
        if totals else None,
        "show_headers": header,
        "show_totals": totals,
        "table_style": style.name if style else None,
        "show_autofilter": table.autoFilter is not None,
        "show_table_style_first_column": bool(style and style.showFirstColumn),
        "show_table_style_last_column": bool(style and style.showLastColumn),
        "show_table_style_row_stripes": bool(style and style.showRowStripes),
        "show_table_style_column_stripes": bool(style and style.showColumnStripes),
    }


def _names(workbook: Any) -> list[dict[str, Any]]:
    positions = {ws.title: ix for ix, ws in enumerate(workbook.worksheets)}
    entries = [(name, None) for name in workbook.defined_names.values()]
    for ws in workbook.worksheets:
        entries.extend((name, ws.title) for name in ws.defined_names.values())
    result = []
    for defined, scope in entries:
        destinations = list(defined.destinations) if defined.type == "RANGE" else []
        is_range = len(destinations) == 1
        sheet_name, address = destinations[0] if is_range else (None, None)
        result.append({
            "name": defined.name,
            "refers_to": f"={defined.attr_text}",
            "type": "Range" if is_range else "String",
            "sheet_index": positions.get(sheet_name) if is_range else None,
            "address": address,
            "scope_sheet_name": scope,
            "scope_sheet_index": positions.get(scope) if scope else None,
            "book_scope": scope is None,
        })
    return result


def apply_actions(payload: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of `payload` as the client would send it after running `actions`.

    Applies what a later read can see: `setValues` (values) and `addNote` /
    `deleteNote` (the notes list) on the payload's own sheets. Fills are not in
    the payload at all (the client never sends colours); sheets added by the
    actions are left out.
    """
    import copy

    result = copy.deepcopy(payload)
    sheets = result["sheets"]
    for action in actions:
        position = action.get("sheet_position")
        if position is None or position >= len(sheets):
            continue
        sheet = sheets[position]
        if action["func"] == "setValues":
            for dr, row in enumerate(action["values"]):
                for dc, value in enumerate(row):
                    _put(sheet, action["start_row"] + dr, action["start_column"] + dc, value)
        elif action["func"] == "addNote":
            sheet["notes"].append({"address": action["args"][0].replace("$", "")})
        elif action["func"] == "deleteNote":
            target = action["args"][0].replace("$", "")
            sheet["notes"] = [n for n in sheet["notes"] if n["address"] != target]
    return result


def _put(sheet: dict[str, Any], row: int, col: int, value: Any) -> None:
    values = sheet["values"]
    width = max(len(values[0]) if values else 0, col + 1)
    while len(values) <= row:
        values.append([""] * width)
    for line in values:
        line.extend([""] * (width - len(line)))
    values[row][col] = "" if value is None else value
    first = (sheet["used_range_address"] or "A1").split(":")[0]
    min_col, min_row, _, _ = range_boundaries(first + ":" + first)
    sheet["used_range_address"] = _address(min_row, min_col, len(values), width)
    sheet["used_range_row_count"], sheet["used_range_column_count"] = len(values), width


def card_with(
    path: Path, vocabulary: Any, header: dict[str, Any], rows: list[dict[str, Any]]
) -> Path:
    """A real template card (write_card) filled with openpyxl: header fields by their
    defined name, partner rows by column header, from the Partners table's first row."""
    from openpyxl import load_workbook

    from schoolnet_xl.template import write_card

    write_card(path, vocabulary)
    workbook = load_workbook(path)
    for name, value in header.items():
        sheet_name, ref = next(iter(workbook.defined_names[name].destinations))
        workbook[sheet_name][ref.replace("$", "")] = value
    sheet, table = next((ws, t) for ws in workbook.worksheets for t in ws.tables.values())
    min_col, min_row, _, _ = range_boundaries(table.ref)
    columns = {column.name: min_col + ix for ix, column in enumerate(table.tableColumns)}
    for offset, row in enumerate(rows, start=1):
        for header_text, value in row.items():
            sheet.cell(row=min_row + offset, column=columns[header_text], value=value)
    workbook.save(path)
    return path
