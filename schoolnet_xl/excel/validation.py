"""`valideer`: mark the problem cells, write the `Validatie` sheet, alert the totals."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from schoolnet_xl.core import contract
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.palette import (
    AMBER_FILL,
    BLUE_DARK,
    GREY_FONT,
    INPUT_YELLOW,
    RED_FILL,
)
from schoolnet_xl.core.sheet_words import (
    VALIDATION_COLUMNS,
    VALIDATION_CONTEXT_ROW,
    VALIDATION_HEADER_ROW,
    VALIDATION_TITLE_ROW,
    VALIDATION_TITLE_SIZE,
    validation_context,
    validation_headers,
    validation_title,
)
from schoolnet_xl.excel.marks import Mark, add_note
from schoolnet_xl.excel.sheets import as_text_cell, find_sheet, fresh_sheet, link_formula

if TYPE_CHECKING:
    import xlwings as xw

COMMAND = "valideer"
MARKED_SEVERITIES = ("fout", "waarschuwing")
SEVERITY_RANK = {"fout": 0, "waarschuwing": 1, "info": 2}


def fills() -> dict[str, str]:
    """Fill per marked severity: the template's own red and amber."""
    return {"fout": RED_FILL, "waarschuwing": AMBER_FILL}


def mark_findings(
    book: xw.Book, findings: list[Finding], header_cells: set[tuple[str, str]], lang: Lang
) -> list[Mark]:
    """Fill each cell named by a fout/waarschuwing (the worst one wins) and add a note."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.severity in MARKED_SEVERITIES and finding.cell and finding.sheet:
            by_cell.setdefault((finding.sheet, finding.cell), []).append(finding)
    colours = fills()
    marks = []
    for (sheet_name, cell_address), found in by_cell.items():
        sheet = find_sheet(book, sheet_name)
        if sheet is None:
            continue
        worst = min(found, key=lambda f: SEVERITY_RANK[f.severity])
        cell = sheet.range(cell_address)
        cell.color = colours[worst.severity]
        noted = add_note(cell, note_text(found, lang))
        restore = INPUT_YELLOW if (sheet_name, cell_address) in header_cells else None
        marks.append(Mark(sheet_name, cell_address, COMMAND, noted, restore))
    return marks


def note_text(findings: list[Finding], lang: Lang) -> str:
    """The note of a marked cell: one line per finding, then where to read more."""
    lines = [f"{f.code} ({f.severity}): {f.message(lang)}" for f in findings]
    lines.append(say("schoolnet-xl Valideer: zie blad Validatie.",
                     "schoolnet-xl Validate: see the Validatie sheet.", lang))
    return "\n".join(lines)


def write_validation_sheet(
    book: xw.Book, findings: list[Finding], card_sheet: str, lang: Lang
) -> xw.Sheet:
    """A fresh `Validatie` sheet laid out as the file writer's (`core.sheet_words`): a
    title, the card's name and the time of the check, then the table Ernst, Code, Cel
    (a link to the cell), Melding, Tip. Only what every engine writes: values, fonts,
    column widths, formulas; no fill at all (the button's fills are its marks)."""
    sheet = fresh_sheet(book, contract.SHEET_VALIDATION)
    title = sheet.range((VALIDATION_TITLE_ROW + 1, 1))
    title.value = validation_title(lang)
    title.font.bold = True
    title.font.size = VALIDATION_TITLE_SIZE
    title.font.color = BLUE_DARK
    context = sheet.range((VALIDATION_CONTEXT_ROW + 1, 1))
    context.value = validation_context(book.name, datetime.now(), lang)
    context.font.italic = True
    context.font.color = GREY_FONT
    top = VALIDATION_HEADER_ROW + 1  # 1-based: the header row
    header = sheet.range(f"A{top}:E{top}")
    header.value = [validation_headers(lang)]
    header.font.bold = True  # no fill: the button's fills are its marks, restored next run
    for letter, column in zip("ABCDE", VALIDATION_COLUMNS, strict=True):
        sheet.range(f"{letter}:{letter}").column_width = column.width
    if not findings:
        sheet.range(f"A{top + 1}").value = say("Geen problemen gevonden.", "No problems found.",
                                               lang)
        return sheet
    first, last = top + 1, top + len(findings)
    sheet.range(f"A{first}:E{last}").value = [
        [f.severity, f.code, cell_label(f, card_sheet), as_text_cell(f.message(lang)),
         as_text_cell(f.hint(lang))]
        for f in findings
    ]
    linked = [[link_formula(f.sheet, f.cell, cell_label(f, card_sheet))]
              if f.cell and f.sheet and find_sheet(book, f.sheet) is not None
              else [cell_label(f, card_sheet)] for f in findings]
    if any(isinstance(row[0], str) and row[0].startswith("=") for row in linked):
        sheet.range(f"C{first}:C{last}").formula = linked
    return sheet


def cell_label(finding: Finding, card_sheet: str) -> str:
    """`B14` on the card's own sheet, `Overzicht!C5` elsewhere, "" without a cell."""
    if not finding.cell:
        return ""
    if not finding.sheet or finding.sheet == card_sheet:
        return finding.cell
    return f"{finding.sheet}!{finding.cell}"


def totals_message(findings: list[Finding], lang: Lang, marked: bool = True) -> str:
    """'2 fouten, 3 waarschuwingen — zie blad Validatie', or that nothing was found."""
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_RANK}
    if counts["fout"] == 0 and counts["waarschuwing"] == 0:
        text = say("Geen problemen gevonden.", "No problems found.", lang)
        if counts["info"]:
            text += " " + say(
                f"{_plural(counts['info'], 'opmerking', 'opmerkingen')} ter info op blad "
                "Validatie.",
                f"{_plural(counts['info'], 'note', 'notes')} for information on the "
                "Validatie sheet.", lang)
        return text
    text = say(
        f"{_plural(counts['fout'], 'fout', 'fouten')}, "
        f"{_plural(counts['waarschuwing'], 'waarschuwing', 'waarschuwingen')} "
        "— zie blad Validatie",
        f"{_plural(counts['fout'], 'error', 'errors')}, "
        f"{_plural(counts['waarschuwing'], 'warning', 'warnings')} — see the Validatie sheet",
        lang)
    if not marked:
        text += say(" (cellen worden enkel gemarkeerd in een kaart volgens het sjabloon)",
                    " (cells are only marked in a card made from the template)", lang)
    return text


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
