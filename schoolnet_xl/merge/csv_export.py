"""Partners, Scholen, Dekking and Evolutie (per school) as CSV for Flemish Excel.

UTF-8 with a BOM (Excel then reads accents right), `;` as separator (the
Belgian list separator), and text that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) prefixed with `'`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from schoolnet_xl.core.files import replaced_atomically
from schoolnet_xl.core.table import Cell, Table
from schoolnet_xl.merge.region import Region

CSV_FILES = {"partners.csv": "partners", "scholen.csv": "schools", "dekking.csv": "coverage",
             "evolutie.csv": "evolution"}  # evolutie: the Evolutie sheet's table per school
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """Text that could start a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv_tables(region: Region, folder: Path) -> list[Path]:
    """Write partners.csv, scholen.csv, dekking.csv and (when the merge worked out the
    evolution) evolutie.csv into `folder` (atomically each)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, attribute in CSV_FILES.items():
        table: Table | None = (
            region.evolution.schools if region.evolution is not None else None
        ) if attribute == "evolution" else getattr(region, attribute)
        if table is not None:
            written.append(write_csv(table, folder / name))
    return written


def write_csv(table: Table, path: Path) -> Path:
    """One table as a CSV file, written to a temporary file and renamed into place."""
    with replaced_atomically(path, prefix=".~csv-") as temporary, temporary.open(
            "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.columns)
        writer.writerows([neutralise(v) for v in row] for row in table.rows)
    return path
