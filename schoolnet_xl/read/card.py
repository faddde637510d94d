"""`WorkbookData` -> `Card`: the one place that turns sheets into a card.

Both the file reader and the Excel button come through here, so a card reads
the same wherever it is opened. Judging is left to the rule engine; this
module only reports what reading itself did (a guessed category, a padded
number, a skipped totals row, template parts missing).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePath
from typing import NamedTuple, cast

from schoolnet_xl.core import contract
from schoolnet_xl.core.cells import a1, column_letters, parse_a1
from schoolnet_xl.core.findings import Finding, Words
from schoolnet_xl.core.model import HEADER_FIELDS, HEADER_LABELS, Card, Header, Partner, Sourced
from schoolnet_xl.core.values import clean, is_blank, parse_date, row_cell
from schoolnet_xl.core.vocabulary import Vocabulary, judging_vocabulary
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.accounting import (
    Cell,
    cell_list,
    shown_cells,
    sweep_grid_sheet,
    sweep_other_sheet,
)
from schoolnet_xl.read.beside import Beside, partners_beside
from schoolnet_xl.read.cells import value_at
from schoolnet_xl.read.grid import (
    GridHit,
    GridRows,
    TitleField,
    find_grid,
    find_grids,
    header_from_titles,
    read_header_lines,
    read_rows,
    school_year_of,
)
from schoolnet_xl.read.template import (
    is_template,
    missing_columns,
    read_header,
    read_meta,
    read_table,
)
from schoolnet_xl.read.words import ColumnWords, column_words
from schoolnet_xl.read.workbook_data import SheetData, WorkbookData

NUMBER_DIGITS = 6
# Serial numbers of the dates 1/1/1910 … 31/12/2099: a Sinds this large is a date.
SERIAL_FIRST, SERIAL_LAST = 3654, 73051
# Sheets of the template that never hold the grid.
NOT_GRID_SHEETS = {
    contract.SHEET_META, contract.SHEET_OVERVIEW, contract.SHEET_CATEGORIES, contract.SHEET_MANUAL,
    contract.SHEET_VALIDATION,
}


def card_from_workbook_data(
    data: WorkbookData, vocabulary: Vocabulary
) -> tuple[Card | None, list[Finding]]:
    """(card, reading findings); without a card, the last finding says why."""
    read = read_workbook_data(data, vocabulary)
    return read.card, read.findings


class WorkbookRead(NamedTuple):
    """A card read from a workbook: the card (None: the last finding says why), the
    reading findings, the vocabulary the card stores (or None), and every sheet that
    holds a grid (more than one: a card per sheet, see `sheet`)."""

    card: Card | None
    findings: list[Finding]
    stored: Vocabulary | None = None
    grid_sheets: tuple[str, ...] = ()


def read_workbook_data(
    data: WorkbookData, vocabulary: Vocabulary, sheet: str | None = None
) -> WorkbookRead:
    """The card, reading findings, stored vocabulary and grid sheets of a workbook.

    A template card that stores its vocabulary is read with it (its X columns,
    its categories); `vocabulary` serves every other card. `sheet` picks the
    grid of a hand-made workbook with grids on several sheets (else the latest
    school year is read, reported).
    """
    file = data.path
    if not any(not is_blank(v) for sheet in data.sheets for row in sheet.rows for v in row):
        return WorkbookRead(None, [F.EMPTY_WORKBOOK.finding(file=file)])
    stored: Vocabulary | None = None
    grid_sheets: tuple[str, ...] = ()
    read_beside: set[Cell] = set()
    if is_template(data):
        card, findings, hit, end, stored, words, read_beside = _template_card(data, vocabulary)
        judge = judging_vocabulary(stored, vocabulary)
    else:
        words = column_words(vocabulary)
        hits = find_grids(data, words, skip=set())
        grid_sheets = tuple(h.sheet.name for h in hits)
        if sheet is not None:
            hits = [h for h in hits if h.sheet.name == sheet]
        if not hits:
            return WorkbookRead(None, [F.NO_GRID.finding(file=file)], None, grid_sheets)
        hit, findings = _choose_grid(hits, file)
        rows = read_rows(hit, words.focus_codes(), words=words)
        if hit.sheet.merged:
            _spread_merged(rows.partners, hit)
        found = read_header_lines(hit.sheet, hit.header_row)
        for title in header_from_titles(hit.sheet, hit.header_row, found,
                                        PurePath(file).name):
            found[title.attribute] = title.value
            findings.append(_title_finding(title, file))
        header = Header(**found)
        card = _card(file, "handmade", header, hit, rows, words)
        findings += _totals_findings(rows, hit, file)
        end, judge = rows.end, vocabulary
    findings += _normalise_number(card.header, file)
    findings += _resolve_categories(card.partners, judge, file)
    findings += _since_years(card.partners, file)
    findings += _account(data, card, hit, end, judge, file, read_beside)
    return WorkbookRead(card, findings, stored, grid_sheets)


def _template_card(
    data: WorkbookData, vocabulary: Vocabulary
) -> tuple[Card, list[Finding], GridHit | None, int, Vocabulary | None, ColumnWords,
           set[Cell]]:
    file = data.path
    meta = read_meta(data)
    card_vocabulary = judging_vocabulary(meta.vocabulary, vocabulary)
    # the card's own X-column headers are recognised whichever vocabulary judges it
    words = column_words(meta.vocabulary or vocabulary, vocabulary)
    # A format without names and tables (a card saved as .ods or .xls) is read by
    # its labels and header row like a hand-made grid: nothing was removed.
    by_name = bool(data.names or data.tables)
    header, findings = read_header(data, file) if by_name else (Header(), [])
    table = read_table(data, words)
    hit: GridHit | None
    end = -1
    if table is not None:
        hit, rows = table
        findings += missing_columns(hit, card_vocabulary, file)
        end = rows.end
        if len(hit.sheet.rows) > end + 1:
            end = _rows_under_table(hit, rows, end, words, findings, file)
    else:
        if by_name:
            findings.append(F.TABLE_REMOVED.finding(file=file))
        hit = find_grid(data, words, skip=NOT_GRID_SHEETS)
        # to the end of the sheet: the template's table has many empty rows, and rows
        # typed below them are partners too
        rows = (read_rows(hit, words.focus_codes(), last_row=len(hit.sheet.rows) - 1,
                          words=words) if hit else GridRows())
        end = rows.end
        if hit:
            findings += _totals_findings(rows, hit, file)
            if not by_name:
                header = Header(**read_header_lines(hit.sheet, hit.header_row))
    beside = partners_beside(hit, words, file) if hit is not None else Beside()
    rows.partners.extend(beside.partners)
    findings += beside.findings
    if hit is not None and hit.sheet.merged:
        _spread_merged(rows.partners, hit)
    card_sheet = hit.sheet if hit else data.sheet(contract.SHEET_CARD)
    if card_sheet is not None and card_sheet.has_validations is False:
        findings.append(F.DROPDOWNS_REMOVED.finding(
            file=file, sheet=card_sheet.name, sheet_name=card_sheet.name))
    card = _card(file, "template", header, hit, rows, words)
    if beside.layout and hit is not None:
        card.layout[hit.sheet.name] = (card.layout.get(hit.sheet.name) or []) + beside.layout
    card.template_version = meta.values.get(contract.META_TEMPLATE_VERSION) or None
    card.vocabulary_version = meta.values.get(contract.META_VOCABULARY_VERSION, "")
    card.vocabulary_name = meta.values.get(contract.META_VOCABULARY_NAME, "")
    if not hit and card_sheet is not None:
        card.grid_sheet = card_sheet.name
    return card, findings, hit, end, meta.vocabulary, words, beside.cells


def _choose_grid(hits: list[GridHit], file: str) -> tuple[GridHit, list[Finding]]:
    """One grid of several sheets: the latest school year (by sheet name or title), else
    the best header; reported, never silent."""
    if len(hits) == 1:
        return hits[0], []
    years = {id(h): school_year_of(h) for h in hits}
    dated = [h for h in hits if years[id(h)]]
    if dated:
        chosen = max(dated, key=lambda h: years[id(h)])
        why = Words(f"het laatste schooljaar, {years[id(chosen)]}",
                    f"the latest school year, {years[id(chosen)]}")
    else:
        chosen = max(hits, key=lambda h: h.score)
        why = Words("het rooster met de meeste gekende kolommen",
                    "the grid with the most known columns")
    sheets = ", ".join(f"'{h.sheet.name}'" for h in hits)
    return chosen, [F.SEVERAL_GRIDS.finding(
        file=file, sheet=chosen.sheet.name, count=len(hits), sheets=sheets,
        chosen=chosen.sheet.name, why=why)]


_SOURCES = {"sheet": Words("de bladnaam", "the sheet name"),
            "file": Words("de bestandsnaam", "the file name")}


def _title_finding(title: TitleField, file: str) -> Finding:
    value = title.value
    source = _SOURCES.get(title.source) or Words(f"de titelregel in {value.cell}",
                                                 f"the title line in {value.cell}")
    return F.HEADER_FROM_TITLE.finding(
        file=file, sheet=value.sheet, cell=value.cell, field=HEADER_LABELS[title.attribute],
        value=value.text, source=source)


def _rows_under_table(hit: GridHit, rows: GridRows, last_row: int, words: ColumnWords,
                      findings: list[Finding], file: str) -> int:
    """Partners typed in the rows below the table (LibreOffice and a paste further down do
    not grow it): read as partners, reported. Returns the last row examined."""
    below = read_rows(GridHit(hit.sheet, last_row, hit.columns), words.focus_codes())
    findings += _totals_findings(below, hit, file)
    if below.partners:
        rows.partners.extend(below.partners)
        first = below.partners[0]
        findings.append(F.ROWS_UNDER_TABLE.finding(
            file=file, sheet=hit.sheet.name, cell=row_cell(first),
            rows=", ".join(str(p.row) for p in below.partners)))
    return below.end


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
        layout={hit.sheet.name: list(rows.layout)} if hit and rows.layout else {},
        sections=rows.section_of,
    )


def _totals_findings(rows: GridRows, hit: GridHit, file: str) -> list[Finding]:
    col = hit.columns.get("organisatie", 0)
    first, last = min(hit.columns.values(), default=0), max(hit.columns.values(), default=0)
    return [
        F.TOTALS_SKIPPED.finding(file=file, sheet=hit.sheet.name, cell=a1(row - 1, col),
                                 row=row, cells=f"{a1(row - 1, first)}:{a1(row - 1, last)}")
        for row in rows.totals_rows
    ]


SPREAD_FIELDS = ("organisatie", "categorie")  # a merged cell over rows names them all


def _spread_merged(partners: list[Partner], hit: GridHit) -> None:
    """Rows under a cell merged over several rows (one organisation over two or three rows)
    belong to it: they get its value, with the merged cell's address."""
    sheet = hit.sheet
    for attribute in SPREAD_FIELDS:
        col = hit.columns.get(attribute)
        if col is None:
            continue
        spans = [(first, last) for first, c1, last, c2 in sheet.merged
                 if c1 <= col <= c2 and last > first > hit.header_row]
        for first, last in spans:
            top = value_at(sheet, first, col)
            if is_blank(top):
                continue
            shared = Sourced(clean(top), sheet.name, a1(first, col))
            for partner in partners:
                if first + 1 < partner.row <= last + 1 and getattr(partner, attribute).is_empty:
                    setattr(partner, attribute, shared)


def _since_years(partners: list[Partner], file: str) -> list[Finding]:
    """A date typed in Sinds is its year; a date stored as a serial number too (reported)."""
    findings: list[Finding] = []
    for partner in partners:
        since = partner.sinds
        value = since[0]
        if value is None:
            continue
        kind = value.__class__
        if kind is int or kind is float:  # how years arrive: one comparison for most
            if value < SERIAL_FIRST:  # type: ignore[operator]
                continue
            value = cast(float, value)
            if value >= SERIAL_LAST or value != int(value):
                continue
            day = parse_date(value)
            if day is None:
                continue
            partner.sinds = Sourced(day.year, since.sheet, since.cell)
            findings.append(F.SINCE_SERIAL.finding(
                file=file, sheet=since.sheet, cell=since.cell, field="Sinds", value=day.year,
                typed=int(value), date=day.strftime("%d/%m/%Y")))
        elif kind is date or kind is datetime:
            partner.sinds = Sourced(cast(date, value).year, since.sheet, since.cell)
    return findings


def _account(data: WorkbookData, card: Card, hit: GridHit | None, end: int,
             vocabulary: Vocabulary, file: str, read_beside: set[Cell]) -> list[Finding]:
    """Sweep every loaded sheet: record the layout, report every cell not read
    (`read_beside`: the cells of blocks read beside the grid)."""
    named: dict[str, set[Cell]] = {}
    header = card.header
    for attribute in HEADER_FIELDS:
        where: Sourced = getattr(header, attribute)
        position = parse_a1(where.cell) if where.cell else None
        if position is not None:
            named.setdefault(where.sheet, set()).add(position)
    template = card.kind == "template"
    layout = card.layout
    findings: list[Finding] = []
    for sheet in data.sheets:
        if template and sheet.name in NOT_GRID_SHEETS:
            continue
        cells_named = named.get(sheet.name, set())
        if hit is not None and sheet is hit.sheet:
            if read_beside:
                cells_named = cells_named | read_beside
            account = sweep_grid_sheet(sheet, hit.header_row, end, hit.columns.values(),
                                       cells_named)
            layout[sheet.name] = (layout.get(sheet.name) or []) + account.layout
            for col, rows in account.columns.items():
                findings.append(_column_finding(sheet, hit.header_row, col, rows, vocabulary,
                                                file))
            outside = account.outside
        else:
            outside = sweep_other_sheet(sheet, cells_named)
        if outside:
            first = min(outside)
            findings.append(F.CELLS_NOT_READ.finding(
                file=file, sheet=sheet.name, cell=a1(*first), sheet_name=sheet.name,
                count=len(outside), cells=cell_list(outside), shown=shown_cells(sheet, outside)))
    if template:
        for name in NOT_GRID_SHEETS:
            layout[name] = None
    return findings


def _column_finding(sheet: SheetData, header_row: int, col: int, rows: list[int],
                    vocabulary: Vocabulary, file: str) -> Finding:
    """SN055 for a grid column the reader did not map, with every cell of it that is filled."""
    header_value = value_at(sheet, header_row, col) if header_row in rows else None
    header = "" if is_blank(header_value) else str(header_value).strip()
    if col in sheet.hidden_columns:
        header = f"{header} (verborgen)" if header else "(verborgen)"
    data_rows = [r for r in rows if r != header_row]
    marks = sum(1 for r in data_rows if vocabulary.is_mark(value_at(sheet, r, col)))
    cells = [(r, col) for r in rows]
    focus = ", ".join(f.header for f in vocabulary.focus)
    if marks:
        advice = Words(
            f"De kolom bevat {marks} X-teken(s): geef ze de kopnaam van een X-kolom ({focus}) "
            "of voeg ze toe aan de woordenlijst van de regio (--config).",
            f"The column holds {marks} X mark(s): give it the header of an X column ({focus}) "
            "or add it to the region's vocabulary (--config).")
    else:
        advice = Words(
            "Geef de kolom een kopnaam die de kaart kent (zie het sjabloon), of wis ze als ze "
            "niet op de kaart hoort.",
            "Give the column a header the card knows (see the template), or clear it if it does "
            "not belong on the card.")
    return F.COLUMN_NOT_READ.finding(
        file=file, sheet=sheet.name, cell=a1(min(rows), col), column=column_letters(col),
        header=header or "-", count=len(data_rows) or len(rows), marks=marks,
        cells=cell_list(cells), shown=shown_cells(sheet, cells), advice=advice)


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
    """Category codes from the Categorie cell, else a keyword guess that is reported.

    A Categorie in one's own words ('leersteun', 'Parochie') goes through the same
    keyword hints as an empty one: read as a guess and reported, not judged unknown.
    """
    findings = []
    codes: dict[str, str | None] = {}  # a card repeats few labels: resolve each once
    guesses: dict[str, str | None] = {}
    for partner in partners:
        text = partner.categorie.text
        if text:
            if text not in codes:
                codes[text] = vocabulary.category_code_for(text)
            code = codes[text]
            if code is not None:
                partner.category_code = code
                continue
            if text not in guesses:  # a typo of a label stays unknown (SN202 suggests it)
                guesses[text] = (None if vocabulary.is_misspelt_label(text)
                                 else vocabulary.guess_category(text))
            guess = guesses[text]
            if guess is None:
                continue
            partner.category_code, partner.category_guessed = guess, True
            findings.append(F.CATEGORY_FROM_KEYWORD.finding(
                file=file, sheet=partner.categorie.sheet or partner.sheet,
                cell=partner.categorie.cell, field="Categorie", value=text,
                label=_label(vocabulary, guess), organisatie=_row_name(partner)))
            continue
        guess = vocabulary.guess_category(partner.organisatie.text, partner.aard.text)
        if guess is None:
            continue
        partner.category_code = guess
        partner.category_guessed = True
        where = partner.categorie if partner.categorie.cell else partner.organisatie
        findings.append(F.CATEGORY_GUESSED.finding(
            file=file, sheet=where.sheet or partner.sheet, cell=where.cell,
            field="Categorie", value=guess, label=_label(vocabulary, guess),
            organisatie=_row_name(partner),
        ))
    return findings


def _label(vocabulary: Vocabulary, code: str) -> str:
    category = vocabulary.category(code)
    return category.label if category else code


def _row_name(partner: Partner) -> str | Words:
    return partner.organisatie.text or Words(f"rij {partner.row}", f"row {partner.row}")
