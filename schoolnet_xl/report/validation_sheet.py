"""The `Validatie` sheet: one row per finding, with a link to the card's cell.

Same columns as the Excel button writes: Ernst, Code, Cel, Melding, Tip.
"""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core.contract import SHEET_VALIDATION
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.sheet_words import VALIDATION_COLUMNS, validation_headers
from schoolnet_xl.report.formats import finding_formats
from schoolnet_xl.report.text import severity_label

WIDTHS = tuple(column.width for column in VALIDATION_COLUMNS)


def write_validation_sheet(workbook: Any, findings: list[Finding], lang: Lang = "nl") -> None:
    """Add the `Validatie` sheet to an XlsxWriter workbook."""
    sheet = workbook.add_worksheet(SHEET_VALIDATION)
    formats = finding_formats(workbook)
    bold, wrap, link, severity = formats.header, formats.wrap, formats.link, formats.severity
    for column, (header, width) in enumerate(zip(validation_headers(lang), WIDTHS, strict=True)):
        sheet.write_string(0, column, header, bold)
        sheet.set_column(column, column, width, wrap if width > 20 else None)
    if not findings:
        sheet.write_string(1, 0, say("Geen meldingen: de kaart is in orde.",
                                     "No findings: the card is fine.", lang))
    for row, finding in enumerate(findings, start=1):
        label = severity_label(finding.severity, lang)
        sheet.write_string(row, 0, label, severity[finding.severity])
        sheet.write_string(row, 1, finding.code, wrap)
        cell = cell_label(finding)
        if finding.sheet and finding.cell:
            target = finding.sheet.replace("'", "''")
            sheet.write_url(row, 2, f"internal:'{target}'!{finding.cell}", link, string=cell)
        else:
            sheet.write_string(row, 2, cell, wrap)
        message, hint = finding.message(lang), finding.hint(lang)
        sheet.write_string(row, 3, message, wrap)
        sheet.write_string(row, 4, hint, wrap)
        sheet.set_row(row, 15 * max(_lines(message, WIDTHS[3]), _lines(hint, WIDTHS[4])))
    sheet.freeze_panes(1, 0)
    # Page setup lives in the sheet XML, so it survives the part-level write
    # (print titles would be a defined name in workbook.xml: not used here).
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def _lines(text: str, width: int) -> int:
    """Wrapped lines a text needs in a column `width` characters wide (an estimate:
    spreadsheet apps do not grow rows of files they did not lay out themselves)."""
    return max(1, -(-len(text) // width))


def cell_label(finding: Finding) -> str:
    """`Netwerkkaart!C12`, or "" for a whole-card finding."""
    if not finding.cell:
        return ""
    return f"{finding.sheet}!{finding.cell}" if finding.sheet else finding.cell
