"""Small read helpers for the edit commands: sheet values and the `_schoolnet` keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from schoolnet_xl.core.contract import SHEET_META
from schoolnet_xl.core.vocabulary import Vocabulary, vocabulary_from_json
from schoolnet_xl.read.package import Package, list_sheets


def sheet_values(path: Path, sheet: str) -> list[list[Any]] | None:
    """The cached values of one sheet from A1 (calamine), or None when it is absent."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        if sheet not in workbook.sheet_names:
            return None
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        workbook.close()


def sheet_order(path: Path) -> list[str]:
    """The sheet names in workbook order."""
    with Package.open(path) as package:
        return [s.name for s in list_sheets(package)]


def read_meta(path: Path) -> dict[str, str]:
    """The key/value rows of the hidden `_schoolnet` sheet ({} when there is none)."""
    rows = sheet_values(path, SHEET_META) or []
    meta = {}
    for row in rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            meta[row[0].strip()] = "" if value is None else str(value)
    return meta


def card_vocabulary(path: Path) -> Vocabulary | None:
    """The vocabulary a template card was made with (from `_schoolnet`), if stored."""
    text = read_meta(path).get("vocabulary_json", "")
    if not text:
        return None
    try:
        return vocabulary_from_json(text)
    except Exception:  # a damaged stored vocabulary: fall back to the caller's
        return None


def same_values(expected: Path, actual: Path, sheets: list[str]) -> list[str]:
    """Dutch descriptions of cells whose cached value differs between two files."""
    problems = []
    for sheet in sheets:
        want, got = sheet_values(expected, sheet), sheet_values(actual, sheet)
        if got is None:
            problems.append(f"blad '{sheet}' ontbreekt")
            continue
        width = max([len(r) for r in (want or []) + got] or [0])
        pad = [[*r, *[""] * (width - len(r))] for r in want or []]
        got = [[*r, *[""] * (width - len(r))] for r in got]
        if _trim(pad) != _trim(got):
            problems.append(f"blad '{sheet}' bevat niet wat geschreven werd")
    return problems


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    while rows and all(v in ("", None) for v in rows[-1]):
        rows = rows[:-1]
    return rows
