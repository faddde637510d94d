"""The regional workbook's sheets, in order, and the package part each one becomes."""

from __future__ import annotations

from collections.abc import Sequence

SHEETS = ("Overzicht", "Scholen", "Dekking", "Partners", "Gedeelde partners", "Bevindingen",
          "Bronbestanden", "Evolutie")
EVOLUTION = "Evolutie"  # from one school year to the next (several years in the inbox)
NOT_SENT = "Nog niet ingediend"  # only with a school list (merge --scholen), after Overzicht


def sheet_names(with_list: bool) -> tuple[str, ...]:
    """The sheets of a regional workbook, with or without a school list."""
    return (SHEETS[0], NOT_SENT, *SHEETS[1:]) if with_list else SHEETS


def sheet_part(name: str, sheets: Sequence[str] = SHEETS) -> str:
    """The package part of a sheet (XlsxWriter numbers sheets in creation order)."""
    return f"xl/worksheets/sheet{list(sheets).index(name) + 1}.xml"
