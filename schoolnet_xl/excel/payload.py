"""Is a request body the workbook JSON the Office.js client sends? One short reason if not.

Checks the shape of what the three scripts read through xlwings (book, names,
sheets with their values, notes and tables), so that a malformed body gets a
400 with a Dutch sentence instead of failing deep inside xlwings or our reader.
"""

from __future__ import annotations

import re
from typing import Any

from schoolnet_xl.core.lang import Lang, say

ADDRESS = re.compile(r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(:\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?")
MAX_TEXT = 32767  # Excel's longest cell text
SCALARS = (str, int, float, bool, type(None))
VISIBILITY = ("Visible", "Hidden", "VeryHidden")


class PayloadError(ValueError):
    """What is wrong with the body, in the user's language."""


def check_payload(data: Any, lang: Lang) -> None:
    """Raise PayloadError when `data` is not a workbook the scripts can read."""
    _need(isinstance(data, dict), "", say("een object", "an object", lang), lang)
    book = data.get("book")
    _need(isinstance(book, dict), "book", say("een object", "an object", lang), lang)
    sheets = data.get("sheets")
    _need(isinstance(sheets, list) and len(sheets) > 0, "sheets",
          say("een niet-lege lijst", "a non-empty list", lang), lang)
    for key in ("client", "version"):
        _need(isinstance(data.get(key), str), key, say("tekst", "text", lang), lang)
    _text(book.get("name"), "book.name", lang)
    _need(isinstance(book.get("calculation"), str | None), "book.calculation",
          say("tekst", "text", lang), lang)
    _index(book.get("active_sheet_index"), len(sheets), "book.active_sheet_index", lang)
    _optional_address(book.get("selection"), "book.selection", lang)
    for ix, sheet in enumerate(sheets):
        _sheet(sheet, f"sheets[{ix}]", lang)
    names = data.get("names")
    _need(isinstance(names, list), "names", say("een lijst", "a list", lang), lang)
    for ix, name in enumerate(names):
        _name(name, len(sheets), f"names[{ix}]", lang)


def _sheet(sheet: Any, where: str, lang: Lang) -> None:
    _need(isinstance(sheet, dict), where, say("een object", "an object", lang), lang)
    _text(sheet.get("name"), f"{where}.name", lang)
    values = sheet.get("values")
    _need(isinstance(values, list) and len(values) > 0
          and all(isinstance(row, list) for row in values), f"{where}.values",
          say("een tabel (lijst van rijen)", "a table (list of rows)", lang), lang)
    width = len(values[0])
    for r, row in enumerate(values):
        _need(len(row) == width, f"{where}.values[{r}]",
              say(f"een rij van {width} cellen", f"a row of {width} cells", lang), lang)
        for c, value in enumerate(row):  # the place and its words only for a bad cell
            if not isinstance(value, SCALARS) or (isinstance(value, str) and len(value) > MAX_TEXT):
                _need(False, f"{where}.values[{r}][{c}]",
                      say("een celwaarde", "a cell value", lang), lang)
    _optional_address(sheet.get("used_range_address"), f"{where}.used_range_address", lang)
    for key in ("used_range_row_count", "used_range_column_count"):
        count = sheet.get(key, 0)
        _need(isinstance(count, int) and not isinstance(count, bool) and count >= 0,
              f"{where}.{key}", say("een aantal", "a count", lang), lang)
    _need(sheet.get("visibility", "Visible") in VISIBILITY, f"{where}.visibility",
          say("Visible, Hidden of VeryHidden", "Visible, Hidden or VeryHidden", lang), lang)
    for key in ("show_gridlines", "notes_supported"):
        _need(isinstance(sheet.get(key, True), bool), f"{where}.{key}",
              say("waar of onwaar", "true or false", lang), lang)
    for key in ("notes", "tables", "pictures", "shapes", "charts", "pivot_tables"):
        _need(isinstance(sheet.get(key), list), f"{where}.{key}",
              say("een lijst", "a list", lang), lang)
    for ix, note in enumerate(sheet.get("notes", [])):
        _need(isinstance(note, dict), f"{where}.notes[{ix}]",
              say("een object", "an object", lang), lang)
        _optional_address(note.get("address"), f"{where}.notes[{ix}].address", lang,
                          required=True)
    for ix, table in enumerate(sheet.get("tables", [])):
        _table(table, f"{where}.tables[{ix}]", lang)


def _table(table: Any, where: str, lang: Lang) -> None:
    _need(isinstance(table, dict), where, say("een object", "an object", lang), lang)
    _text(table.get("name"), f"{where}.name", lang)
    _optional_address(table.get("range_address"), f"{where}.range_address", lang,
                      required=True)
    for key in ("header_row_range_address", "data_body_range_address",
                "total_row_range_address"):
        _optional_address(table.get(key), f"{where}.{key}", lang)
    columns = table.get("columns", [])
    _need(isinstance(columns, list) and all(isinstance(c, str) for c in columns),
          f"{where}.columns", say("een lijst van namen", "a list of names", lang), lang)


def _name(name: Any, sheets: int, where: str, lang: Lang) -> None:
    _need(isinstance(name, dict), where, say("een object", "an object", lang), lang)
    _text(name.get("name"), f"{where}.name", lang)
    for key in ("refers_to", "scope_sheet_name"):
        _need(isinstance(name.get(key), str | None), f"{where}.{key}",
              say("tekst", "text", lang), lang)
    for key in ("sheet_index", "scope_sheet_index"):
        if name.get(key) is not None:
            _index(name.get(key), sheets, f"{where}.{key}", lang)
    _optional_address(name.get("address"), f"{where}.address", lang)
    _need(isinstance(name.get("book_scope", True), bool), f"{where}.book_scope",
          say("waar of onwaar", "true or false", lang), lang)


def _text(value: Any, where: str, lang: Lang) -> None:
    _need(isinstance(value, str) and 0 < len(value) <= 255, where,
          say("een naam (tekst)", "a name (text)", lang), lang)


def _index(value: Any, count: int, where: str, lang: Lang) -> None:
    _need(isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count,
          where, say(f"een bladnummer van 0 tot {count - 1}",
                     f"a sheet number from 0 to {count - 1}", lang), lang)


def _optional_address(value: Any, where: str, lang: Lang, *, required: bool = False) -> None:
    if value is None and not required:
        return
    _need(isinstance(value, str) and ADDRESS.fullmatch(value) is not None, where,
          say("een celadres zoals B5 of A1:C9", "a cell address such as B5 or A1:C9", lang),
          lang)


def _need(ok: bool, where: str, what: str, lang: Lang) -> None:
    if not ok:
        place = where or say("de aanvraag", "the request", lang)
        raise PayloadError(say(f"De werkmapgegevens zijn ongeldig: {place} moet {what} zijn.",
                               f"The workbook data is invalid: {place} must be {what}.",
                               lang))
