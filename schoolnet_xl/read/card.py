"""`WorkbookData` -> `Card`: the one place that turns sheets into a card.

Both the file reader and the Excel button come through here, so a card reads
the same wherever it is opened. Judging is left to the rule engine; this
module only reports what reading itself did (a guessed category, a padded
number, a skipped totals row, template parts missing).
"""

from __future__ import annotations

from schoolnet_xl.core import contract
from schoolnet_xl.core.cells import a1
from schoolnet_xl.core.findings import Finding, Words
from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.values import is_blank
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.grid import GridHit, GridRows, find_grid, read_header_lines, read_rows
from schoolnet_xl.read.template import (
    is_template,
    missing_columns,
    read_header,
    read_meta,
    read_table,
)
from schoolnet_xl.read.words import ColumnWords, column_words
from schoolnet_xl.read.workbook_data import WorkbookData

NUMBER_DIGITS = 6
# Sheets of the template that never hold the grid.
NOT_GRID_SHEETS = {
    contract.SHEET_META, contract.SHEET_OVERVIEW, contract.SHEET_CATEGORIES, contract.SHEET_MANUAL,
    contract.SHEET_VALIDATION,
}


def card_from_workbook_data(
    data: WorkbookData, vocabulary: Vocabulary
) -> tuple[Card | None, list[Finding]]:
    """(card, reading findings); without a card, the last finding says why."""
    file = data.path
    if not any(not is_blank(v) for sheet in data.sheets for row in sheet.rows for v in row):
        return None, [F.EMPTY_WORKBOOK.finding(file=file)]
    if is_template(data):
        card, findings = _template_card(data, vocabulary)
    else:
        words = column_words(vocabulary)
        hit = find_grid(data, words, skip=set())
        if hit is None:
            return None, [F.NO_GRID.finding(file=file)]
        rows = read_rows(hit, words.focus_codes())
        header = Header(**read_header_lines(hit.sheet, hit.header_row))
        card = _card(file, "handmade", header, hit, rows, words)
        findings = _totals_findings(rows, hit, file)
    findings += _normalise_number(card.header, file)
    findings += _resolve_categories(card.partners, vocabulary, file)
    return card, findings


def _template_card(data: WorkbookData, vocabulary: Vocabulary) -> tuple[Card, list[Finding]]:
    file = data.path
    meta = read_meta(data)
    card_vocabulary = meta.vocabulary or vocabulary
    words = column_words(card_vocabulary, vocabulary)
    # A format without names and tables (a card saved as .ods or .xls) is read by
    # its labels and header row like a hand-made grid: nothing was removed.
    by_name = bool(data.names or data.tables)
    header, findings = read_header(data, file) if by_name else (Header(), [])
    table = read_table(data, words)
    hit: GridHit | None
    if table is not None:
        hit, rows = table
        findings += missing_columns(hit, card_vocabulary, file)
    else:
        if by_name:
            findings.append(F.TABLE_REMOVED.finding(file=file))
        hit = find_grid(data, words, skip=NOT_GRID_SHEETS)
        rows = read_rows(hit, words.focus_codes()) if hit else GridRows()
        if hit:
            findings += _totals_findings(rows, hit, file)
            if not by_name:
                header = Header(**read_header_lines(hit.sheet, hit.header_row))
    card_sheet = hit.sheet if hit else data.sheet(contract.SHEET_CARD)
    if card_sheet is not None and card_sheet.has_validations is False:
        findings.append(F.DROPDOWNS_REMOVED.finding(
            file=file, sheet=card_sheet.name, sheet_name=card_sheet.name))
    card = _card(file, "template", header, hit, rows, words)
    card.template_version = meta.values.get(contract.META_TEMPLATE_VERSION) or None
    card.vocabulary_version = meta.values.get(contract.META_VOCABULARY_VERSION, "")
    card.vocabulary_name = meta.values.get(contract.META_VOCABULARY_NAME, "")
    if not hit and card_sheet is not None:
        card.grid_sheet = card_sheet.name
    return card, findings


def _card(
    file: str, kind: str, header: Header, hit: GridHit | None, rows: GridRows,
    words: ColumnWords,
) -> Card:
    focus = words.focus_codes()
    columns = hit.columns if hit else {}
    focus_codes = tuple(sorted((k for k in columns if k in focus), key=columns.__getitem__))
    return Card(
        path=file,
        kind="template" if kind == "template" else "handmade",
        header=header,
        partners=rows.partners,
        grid_sheet=hit.sheet.name if hit else "",
        focus_codes=focus_codes,
    )


def _totals_findings(rows: GridRows, hit: GridHit, file: str) -> list[Finding]:
    col = hit.columns.get("organisatie", 0)
    return [
        F.TOTALS_SKIPPED.finding(file=file, sheet=hit.sheet.name, cell=a1(row - 1, col),
                                 row=row)
        for row in rows.totals_rows
    ]


def _normalise_number(header: Header, file: str) -> list[Finding]:
    """An instellingsnummer stored as a number gets its leading zeros back (reported)."""
    number = header.instellingsnummer
    value = number.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return []
    if not float(value).is_integer() or not 0 <= value < 10**NUMBER_DIGITS:
        return []
    typed = str(int(value))
    padded = typed.zfill(NUMBER_DIGITS)
    header.instellingsnummer = Sourced(padded, number.sheet, number.cell)
    if typed == padded:
        return []
    return [F.NUMBER_PADDED.finding(file=file, sheet=number.sheet, cell=number.cell,
                                    field="Instellingsnummer", value=padded, typed=typed)]


def _resolve_categories(
    partners: list[Partner], vocabulary: Vocabulary, file: str
) -> list[Finding]:
    """Category codes from the Categorie cell, else a keyword guess that is reported."""
    findings = []
    codes: dict[str, str | None] = {}  # a card repeats few labels: resolve each once
    for partner in partners:
        text = partner.categorie.text
        if text:
            if text not in codes:
                codes[text] = vocabulary.category_code_for(text)
            partner.category_code = codes[text]
            continue
        guess = vocabulary.guess_category(partner.organisatie.text, partner.aard.text)
        if guess is None:
            continue
        partner.category_code = guess
        partner.category_guessed = True
        category = vocabulary.category(guess)
        label = category.label if category else guess
        where = partner.categorie if partner.categorie.cell else partner.organisatie
        findings.append(F.CATEGORY_GUESSED.finding(
            file=file, sheet=where.sheet or partner.sheet, cell=where.cell,
            field="Categorie", value=guess, label=label,
            organisatie=partner.organisatie.text or Words(f"rij {partner.row}",
                                                         f"row {partner.row}"),
        ))
    return findings
