"""Helpers for the merge tests: run the CLI, read the regional workbook back."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from schoolnet_xl.merge.sheets import SHEETS


def run_cli(*args: str | Path, cwd: Path | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`schoolnet-xl ARGS` as a real subprocess."""
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)


def sheet_rows(workbook: Path, sheet: str) -> list[list[Any]]:
    """Every row of a sheet as calamine reads it (floats for numbers)."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(sheet).to_python()


def records(workbook: Path, sheet: str) -> list[dict[str, Any]]:
    """The rows under the header row of a table-shaped sheet, as dicts."""
    rows = sheet_rows(workbook, sheet)
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def sheet_xml(workbook: Path, sheet: str) -> str:
    """The worksheet XML of a regional workbook sheet (XlsxWriter numbers them in order)."""
    with zipfile.ZipFile(workbook) as archive:
        return archive.read(f"xl/worksheets/sheet{SHEETS.index(sheet) + 1}.xml").decode()


def all_xml(workbook: Path) -> str:
    """Every XML part of a workbook, concatenated (to look for values anywhere)."""
    with zipfile.ZipFile(workbook) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                       if n.endswith((".xml", ".rels")))


def fingerprints(folder: Path) -> dict[str, str]:
    """sha256 of every file under a folder (to prove inputs are untouched)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
