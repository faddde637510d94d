"""The `Validatie` sheet: a title, which card was checked and when, then one row per
finding, with a link to the card's cell.

Same layout as the Excel button writes (rows and columns from `core.sheet_words`):
Ernst, Code, Cel, Melding, Tip. Everything lives in the sheet's own XML (values,
formats, row heights, page setup, footer), so it survives `summary`'s part-level
write; print titles would be a defined name in workbook.xml and are not used.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from schoolnet_xl.core.contract import SHEET_VALIDATION
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.sheet_words import (
    VALIDATION_COLUMNS,
    VALIDATION_CONTEXT_ROW,
    VALIDATION_HEADER_ROW,
    VALIDATION_TITLE_ROW,
    validation_context,
    validation_headers,
    validation_title,
)
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.report.formats import finding_formats, page_footer
from schoolnet_xl.report.text import severity_label

WIDTHS = tuple(column.width for column in VALIDATION_COLUMNS)


def write_validation_sheet(workbook: Any, findings: list[Finding], lang: Lang = "nl",
                           card: str = "", checked: datetime | None = None) -> None:
    """Add the `Validatie` sheet to an XlsxWriter workbook; `card` names the card
    checked (its file name), `checked` the time of the check (now by default)."""
    sheet = workbook.add_worksheet(SHEET_VALIDATION)
    formats = finding_formats(workbook)
    bold, wrap, link, severity = formats.header, formats.wrap, formats.link, formats.severity
    sheet.write_string(VALIDATION_TITLE_ROW, 0, validation_title(lang), formats.title)
    sheet.set_row(VALIDATION_TITLE_ROW, 21)
    sheet.write_string(VALIDATION_CONTEXT_ROW, 0,
                       validation_context(card or "-", checked or datetime.now(), lang),
                       formats.note)
    header = VALIDATION_HEADER_ROW
    for column, (title, spec) in enumerate(zip(validation_headers(lang), VALIDATION_COLUMNS,
                                               strict=True)):
        sheet.write_string(header, column, title, bold)
        sheet.set_column(column, column, spec.width, wrap if spec.wraps else None)
    if not findings:
        sheet.write_string(header + 1, 0, say("Geen meldingen: de kaart is in orde.",
                                              "No findings: the card is fine.", lang))
    for row, finding in enumerate(findings, start=header + 1):
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
        lines = max(wrapped_lines(message, WIDTHS[3]), wrapped_lines(hint, WIDTHS[4]))
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)
    sheet.freeze_panes(header + 1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer(page_footer(card))


def cell_label(finding: Finding) -> str:
    """`Netwerkkaart!C12`, or "" for a whole-card finding."""
    if not finding.cell:
        return ""
    return f"{finding.sheet}!{finding.cell}" if finding.sheet else finding.cell
