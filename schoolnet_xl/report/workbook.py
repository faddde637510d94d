"""The findings workbook: one row per finding, each linked to the card's cell.

Fouten first, then waarschuwingen, then info; each row as high as its wrapped
text needs; printed A4 landscape, one page wide, the header row on every page.

Built with XlsxWriter in memory, then written to a fresh temporary file beside the
target and moved into place (`core.files.write_bytes_atomically`), so a half-written
report never exists. Every card value is
written with `write_string`: text such as "=1+1" stays text, never a formula.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from schoolnet_xl.core.files import write_bytes_atomically
from schoolnet_xl.core.findings import SEVERITIES, Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.report.formats import finding_formats, page_footer
from schoolnet_xl.report.text import severity_label
from schoolnet_xl.validate.check import FileReport

SHEET_NAME = {"nl": "Bevindingen", "en": "Findings"}
HEADERS = {
    "nl": ("Bestand", "School", "Blad", "Cel", "Ernst", "Code", "Veld", "Waarde", "Melding",
           "Tip"),
    "en": ("File", "School", "Sheet", "Cell", "Severity", "Code", "Field", "Value", "Message",
           "Hint"),
}
WIDTHS = (28, 26, 14, 8, 13, 8, 18, 24, 60, 60)
# The columns whose text wraps (each row as high as its longest): all but Cel, Ernst, Code.
WRAPPED = frozenset({0, 1, 2, 6, 7, 8, 9})
MAX_URLS = 65_000  # XlsxWriter's per-sheet hyperlink limit is 65,530


class ReportError(Exception):
    """The report cannot be written where asked (Dutch message)."""


def write_findings_workbook(
    reports: list[FileReport], out: str | Path, lang: Lang = "nl"
) -> Path:
    """Write every finding of `reports` to a fresh workbook at `out`; returns its path."""
    target = Path(out)
    _refuse_inputs(target, reports, lang)
    package = io.BytesIO()
    _write(reports, package, target.parent, lang)
    write_bytes_atomically(target, package.getvalue(), prefix=".findings-")
    return target


def _refuse_inputs(target: Path, reports: list[FileReport], lang: Lang) -> None:
    if target.suffix.lower() != ".xlsx":
        raise ReportError(say(f"{target}: het rapport moet een .xlsx-bestand zijn",
                              f"{target}: the report must be an .xlsx file", lang))
    if not target.parent.is_dir():
        raise ReportError(say(f"{target}: de map bestaat niet",
                              f"{target}: the folder does not exist", lang))
    resolved = target.resolve()
    for report in reports:
        if Path(report.read.path).resolve() == resolved:
            raise ReportError(say(
                f"{target}: dit is een invoerbestand; kies een andere naam voor het rapport",
                f"{target}: this is an input file; choose another name for the report", lang))


def _write(reports: list[FileReport], package: io.BytesIO, folder: Path, lang: Lang) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(package, {"strings_to_formulas": False,
                                          "strings_to_urls": False,
                                          "strings_to_numbers": False})
    sheet = workbook.add_worksheet(SHEET_NAME[lang])
    formats = finding_formats(workbook)
    bold, wrap, link, severity_formats = (formats.header, formats.wrap, formats.link,
                                          formats.severity)
    for column, (header, width) in enumerate(zip(HEADERS[lang], WIDTHS, strict=True)):
        sheet.write_string(0, column, header, bold)
        sheet.set_column(column, column, width, wrap if column in WRAPPED else None)
    row = 0
    schools = {id(r): r.card.header.schoolnaam.text if r.card else "" for r in reports}
    targets = {id(r): _link_target(Path(r.read.path), folder) for r in reports}
    for report, finding in severity_order(reports):
        school, target = schools[id(report)], targets[id(report)]
        row += 1
        values = (finding.file or report.read.path, school, finding.sheet)
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, wrap)
        if finding.sheet and finding.cell and row <= MAX_URLS:
            url = f"external:{target}#'{finding.sheet}'!{finding.cell}"
            sheet.write_url(row, 3, url, link, string=finding.cell)
        else:
            sheet.write_string(row, 3, finding.cell, wrap)
        sheet.write_string(row, 4, severity_label(finding.severity, lang),
                           severity_formats[finding.severity])
        texts = (finding.code, finding.field, finding.value, finding.message(lang),
                 finding.hint(lang))
        for column, value in enumerate(texts, start=5):
            sheet.write_string(row, column, value, wrap)
        lines = max((wrapped_lines(text, WIDTHS[column]) for column, text in
                     enumerate((*values, "", "", *texts)) if column in WRAPPED and text),
                    default=1)
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row, 1), len(HEADERS[lang]) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer(page_footer())
    workbook.close()


def severity_order(reports: list[FileReport]) -> list[tuple[FileReport, Finding]]:
    """Every finding with its report: fouten first, then waarschuwingen, then info;
    within a severity in the order of the reports and of each report's findings."""
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    pairs = [(report, finding) for report in reports for finding in report.findings]
    return sorted(pairs, key=lambda pair: rank[pair[1].severity])


def _link_target(card: Path, report_folder: Path) -> str:
    """The card's path relative to the report's folder (links survive moving both together).

    XlsxWriter writes `external:` paths Windows-style (backslashes); a card in the
    report's own folder becomes a bare file name, which every spreadsheet app resolves.
    """
    try:
        return os.path.relpath(card.resolve(), report_folder.resolve())
    except ValueError:  # another drive on Windows
        return str(card.resolve())
