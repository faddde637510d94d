"""The regional workbook's sheets, in order, the package part each one becomes, and how
each prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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


def print_setup(sheet: Any, name: str, repeat_header: bool) -> None:
    """A4 landscape, one page wide, the sheet name in the page header and 'Pagina N van M'
    in the footer (XlsxWriter); `repeat_header`: the first row on every printed page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    sheet.set_header(f"&L&\"-,Bold\"Regionale netwerkkaart&R{name}", {"margin": 0.3})
    sheet.set_footer("&CPagina &P van &N", {"margin": 0.3})
    if repeat_header:
        sheet.repeat_rows(0)
