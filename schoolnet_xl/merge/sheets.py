"""The regional workbook's sheets, in order, and the package part each one becomes."""

from __future__ import annotations

SHEETS = ("Overzicht", "Scholen", "Dekking", "Partners", "Gedeelde partners", "Bevindingen",
          "Bronbestanden")


def sheet_part(name: str) -> str:
    """The package part of a sheet (XlsxWriter numbers sheets in creation order)."""
    return f"xl/worksheets/sheet{SHEETS.index(name) + 1}.xml"
