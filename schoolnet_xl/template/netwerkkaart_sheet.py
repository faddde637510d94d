"""The `Netwerkkaart` sheet: title, header block, the Partners table, hints, print setup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from schoolnet_xl.core import contract
from schoolnet_xl.core.model import HEADER_LABELS, Card, Partner
from schoolnet_xl.core.sheet_words import page_footer
from schoolnet_xl.core.text import BOLD_WIDER, LINE_HEIGHT, text_width, wrapped_lines
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template.formulas import quote
from schoolnet_xl.template.styles import Styles
from schoolnet_xl.template.texts import (
    COLUMN_HELP,
    HEADER_HELP,
    SCHOOL_YEAR_WORD,
    SUBTITLE,
    TITLE,
)

HEADER_FIRST_ROW = 3  # 0-based: rows 4-7 hold the header block
TABLE_HEADER_ROW = 8  # 0-based: row 9 holds the table's column headers
LEFT_FIELDS = ("schoolnaam", "instellingsnummer", "onderwijsniveau", "scholengemeenschap")
RIGHT_FIELDS = ("gemeente", "schooljaar", "ingevuld_door", "datum")

COLUMN_WIDTHS: dict[str, float] = {
    "organisatie": 28, "aard": 36, "categorie": 26, "contactpersoon": 18, "email": 24,
    "telefoon": 14, "intensiteit": 18, "interne_trekker": 16, "antennefunctie": 9,
    "status": 12, "sinds": 7, "volgende_stap": 28,
}
FOCUS_WIDTH = 5.5
# Paper: A4 landscape (842 pt wide) less the side margins, one page wide.
PAGE_WIDTH_PT = 842 - 2 * 0.4 * 72
PAGE_HEIGHT_PT = 595
MARGIN_IN = 0.5  # top and bottom
WRITING_HEIGHT_MM = 7  # an empty row on paper: room to write a line by hand
BLANK_ROWS_PRINTED = 20  # a blank card's first page holds this many rows at least
TITLE_HEIGHT = 28
ROTATED = {"antennefunctie"}
LIST_COLUMNS = {
    "categorie": contract.NAME_CATEGORY_LIST,
    "intensiteit": contract.NAME_INTENSITY_LIST,
    "antennefunctie": contract.NAME_ANTENNA_LIST,
    "status": contract.NAME_STATUS_LIST,
}
PROTECTION = {
    "format_cells": True, "format_columns": True, "format_rows": True, "insert_rows": True,
    "insert_hyperlinks": True, "sort": True, "autofilter": True,
}


@dataclass(frozen=True)
class GridPlace:
    """Where the grid sits: 0-based rows, and the column index of each key."""

    first_row: int
    last_row: int
    columns: dict[str, int]

    def letter(self, key: str) -> str:
        return xl_col_to_name(self.columns[key])


def write_card_sheet(
    workbook: Any, vocabulary: Vocabulary, styles: Styles, card: Card | None
) -> GridPlace:
    """Add the Netwerkkaart sheet (filled from `card` when given)."""
    sheet = workbook.add_worksheet(contract.SHEET_CARD)
    columns = contract.grid_columns(vocabulary)
    focus_codes = {area.code for area in vocabulary.focus}
    partners = card.partners if card is not None else []
    first = TABLE_HEADER_ROW + 1
    place = GridPlace(
        first_row=first,
        last_row=first + len(partners) + contract.MIN_EMPTY_ROWS - 1,
        columns={key: index for index, (key, _) in enumerate(columns)},
    )
    sheet.write_string(0, 0, TITLE, styles.title)
    sheet.write_string(1, 0, SUBTITLE, styles.subtitle)
    sheet.set_row(0, TITLE_HEIGHT)
    _write_header_block(workbook, sheet, styles, card, place)
    _write_table(sheet, styles, columns, focus_codes, place)
    heights = [_write_partner(sheet, vocabulary, styles, columns, focus_codes, partner,
                              place.first_row + offset)
               for offset, partner in enumerate(partners)]
    printed = place.first_row + len(partners) + printed_empty_rows(columns, focus_codes, heights)
    _rule_empty_rows(sheet, styles, columns, focus_codes, place, len(partners),
                     min(printed, place.last_row + 1))
    _add_column_validations(sheet, vocabulary, columns, focus_codes, place)
    _add_row_hints(sheet, vocabulary, styles, place)
    _setup_view_and_print(sheet, styles, columns, focus_codes, place, card,
                          min(printed, place.last_row + 1) - 1)
    return place


def _write_header_block(
    workbook: Any, sheet: Any, styles: Styles, card: Card | None, place: GridPlace
) -> None:
    # Each value cell spans the columns up to the next label (the right block: two), so
    # a long school name stays inside its yellow box; its name points at the first.
    right = place.columns["categorie"]
    blocks = ((0, LEFT_FIELDS, right - 1), (right, RIGHT_FIELDS, right + 2))
    for label_col, fields, last_col in blocks:
        for offset, field in enumerate(fields):
            row, col = HEADER_FIRST_ROW + offset, label_col + 1
            sheet.write_string(row, label_col, HEADER_LABELS[field], styles.label)
            value = getattr(card.header, field).value if card is not None else None
            _write_header_value(sheet, styles, row, col, last_col, field, value)
            cell = xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)
            workbook.define_name(contract.HEADER_NAMES[field], f"={contract.SHEET_CARD}!{cell}")
            title, message = HEADER_HELP[field]
            if field == "onderwijsniveau":
                options = {"validate": "list", "source": f"={contract.NAME_LEVEL_LIST}",
                           "error_type": "warning", "error_title": title,
                           "error_message": "Kies een onderwijsniveau uit de lijst."}
            else:
                options = {"validate": "any"}
            sheet.data_validation(row, col, row, col, {
                **options, "input_title": title, "input_message": message,
            })
    number = xl_rowcol_to_cell(HEADER_FIRST_ROW + LEFT_FIELDS.index("instellingsnummer"), 1)
    sheet.conditional_format(number, {
        "type": "formula", "criteria": f"={_not_six_digits(number)}", "format": styles.cf_hint,
    })


def _write_header_value(
    sheet: Any, styles: Styles, row: int, col: int, last_col: int, field: str, value: object
) -> None:
    fmt = styles.input_date if field == "datum" else styles.input_text
    sheet.merge_range(row, col, row, last_col, "", fmt)
    if field == "datum" and isinstance(value, (date, datetime)):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                    value.day)
        sheet.write_datetime(row, col, moment, styles.input_date)
        return
    text = _text(value)
    if text:
        sheet.write_string(row, col, text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _write_table(
    sheet: Any, styles: Styles, columns: list[tuple[str, str]], focus_codes: set[str],
    place: GridPlace,
) -> None:
    table_columns = []
    for key, header in columns:
        rotated = key in focus_codes or key in ROTATED
        table_columns.append({
            "header": header,
            "header_format": styles.table_header_rotated if rotated else styles.table_header,
        })
    sheet.add_table(TABLE_HEADER_ROW, 0, place.last_row, len(columns) - 1, {
        "name": contract.TABLE_PARTNERS,
        "columns": table_columns,
        "style": "Table Style Light 9",
        "autofilter": True,
    })


def _cell_format(styles: Styles, key: str, focus_codes: set[str], ruled: bool = False) -> Any:
    if key in focus_codes:
        return styles.ruled_mark if ruled else styles.cell_mark
    if key == "sinds":
        return styles.ruled_year if ruled else styles.cell_year
    return styles.ruled_text if ruled else styles.cell_text


def _write_partner(
    sheet: Any, vocabulary: Vocabulary, styles: Styles, columns: list[tuple[str, str]],
    focus_codes: set[str], partner: Partner, row: int,
) -> float:
    """Write one partner row (returns its height), every cell ruled; a row whose text wraps gets the
    height it needs (XlsxWriter cannot autofit, and LibreOffice keeps the stored height)."""
    lines = 1
    for col, (key, _) in enumerate(columns):
        fmt = _cell_format(styles, key, focus_codes, ruled=True)
        if key in focus_codes:
            cell = partner.focus.get(key)
            if cell is not None and vocabulary.is_mark(cell.value):
                sheet.write_string(row, col, "X", fmt)
            else:
                sheet.write_blank(row, col, None, fmt)
            continue
        if key == "categorie":
            category = vocabulary.category(partner.category_code or "")
            text = category.label if category is not None else partner.categorie.text
        else:
            text = getattr(partner, key).text
        if not text:
            sheet.write_blank(row, col, None, fmt)
            continue
        if key == "sinds" and text.isdigit() and len(text) <= 4:
            sheet.write_number(row, col, int(text), fmt)
        else:
            sheet.write_string(row, col, text, fmt)
            lines = max(lines, wrapped_lines(text, int(COLUMN_WIDTHS[key])))
    if lines > 1:
        sheet.set_row(row, LINE_HEIGHT * lines)
    return LINE_HEIGHT * lines


def _rule_empty_rows(
    sheet: Any, styles: Styles, columns: list[tuple[str, str]], focus_codes: set[str],
    place: GridPlace, filled: int, printed_end: int,
) -> None:
    """The table's empty rows, to be filled in on screen or by hand on paper: each row
    as high as a handwritten line once the card is printed one page wide
    (`writing_height`); on a blank card (the one printed to be filled in by hand) the
    rows that print (up to `printed_end`) have every cell ruled. Only there: each ruled
    blank is a cell record that every reader of the card parses (60 ruled rows made
    `check_file` of a 30-partner card 1.49 -> 1.74 ms; a merge reads thousands)."""
    height = writing_height(columns, focus_codes)
    formats = [_cell_format(styles, key, focus_codes, ruled=True) for key, _ in columns]
    for row in range(place.first_row + filled, place.last_row + 1):
        sheet.set_row(row, height)
        if not filled and row < printed_end:
            for col, fmt in enumerate(formats):
                sheet.write_blank(row, col, None, fmt)


def column_width(key: str, focus_codes: set[str]) -> float:
    """The width of a grid column, in characters."""
    return FOCUS_WIDTH if key in focus_codes else COLUMN_WIDTHS[key]


def writing_height(columns: list[tuple[str, str]], focus_codes: set[str]) -> float:
    """Row height (points) that prints `WRITING_HEIGHT_MM` high when the grid is
    scaled to one A4 landscape page wide (XlsxWriter's pixels: 7 a character + 5), or
    less where that is needed for `BLANK_ROWS_PRINTED` rows under the header block."""
    scale = print_scale(columns, focus_codes)
    room = _page_height(scale) - _block_height(columns, focus_codes)
    return round(min(WRITING_HEIGHT_MM * 72 / 25.4 / scale,
                     room / (BLANK_ROWS_PRINTED + 0.5)), 1)


def _page_height(scale: float) -> float:
    """The height of a printed page's body, in the sheet's points."""
    return (PAGE_HEIGHT_PT - 2 * MARGIN_IN * 72) / scale


def _block_height(columns: list[tuple[str, str]], focus_codes: set[str]) -> float:
    """Title, header block and the table's header row, in points."""
    return (TITLE_HEIGHT + (TABLE_HEADER_ROW - 1) * LINE_HEIGHT
            + header_row_height(columns, focus_codes))


def print_scale(columns: list[tuple[str, str]], focus_codes: set[str]) -> float:
    """How much printing one A4 landscape page wide shrinks the grid."""
    pixels = sum(int(column_width(key, focus_codes) * 7 + 0.5) + 5 for key, _ in columns)
    return min(1.0, PAGE_WIDTH_PT / (pixels * 0.75))


def printed_empty_rows(columns: list[tuple[str, str]], focus_codes: set[str],
                       heights: list[float]) -> int:
    """How many empty rows print after the partners (of rows `heights` high): a blank
    card's first page full (`BLANK_ROWS_PRINTED`), else those that fit on the page of
    the last partner, less one for the difference between spreadsheet apps (the page is
    laid out here as they do: rows above the table once, its header on every page)."""
    scale = print_scale(columns, focus_codes)
    page = _page_height(scale)
    header = header_row_height(columns, focus_codes)
    used = _block_height(columns, focus_codes)
    for height in heights:
        used = header + height if used + height > page else used + height
    fit = int((page - used) // writing_height(columns, focus_codes))
    return min(fit, contract.MIN_EMPTY_ROWS) if not heights else max(0, fit - 1)


def header_row_height(columns: list[tuple[str, str]], focus_codes: set[str]) -> float:
    """Room (points) for the longest upright header in bold, and for the wrapped ones."""
    upright = [header for key, header in columns if key in focus_codes or key in ROTATED]
    longest = max((text_width(h) for h in upright), default=0) / 100 * BOLD_WIDER
    across = max(wrapped_lines(header, int(column_width(key, focus_codes)), bold=True)
                 for key, header in columns if key not in focus_codes and key not in ROTATED)
    return max(round(longest * 7 * 0.75 + 14), across * LINE_HEIGHT)


def _add_column_validations(
    sheet: Any, vocabulary: Vocabulary, columns: list[tuple[str, str]], focus_codes: set[str],
    place: GridPlace,
) -> None:
    for col, (key, header) in enumerate(columns):
        options: dict[str, object]
        if key in focus_codes:
            title, message = COLUMN_HELP["focus"]
            title = title.format(header=header)[:32]
            message = message.format(header=header, header_lower=header.lower())
            options = {"validate": "list", "source": f"={contract.NAME_MARK_LIST}",
                       "error_message": "Zet een X of laat de cel leeg."}
        else:
            title, message = COLUMN_HELP[key]
            if key in LIST_COLUMNS:
                options = {"validate": "list", "source": f"={LIST_COLUMNS[key]}",
                           "error_message": f"Kies een waarde uit de lijst {header}."}
            elif key == "sinds":
                options = {"validate": "integer", "criteria": "between", "minimum": 1900,
                           "maximum": 2100, "error_message": "Geef een jaartal, bv. 2019."}
            else:
                options = {"validate": "any"}
        if options["validate"] != "any":
            options |= {"error_type": "warning", "error_title": title}
        sheet.data_validation(place.first_row, col, place.last_row, col, {
            **options, "input_title": title, "input_message": message[:255],
        })


def _add_row_hints(sheet: Any, vocabulary: Vocabulary, styles: Styles, place: GridPlace) -> None:
    """Conditional formats: plain formulas, relative to each range's top-left cell."""
    top = place.first_row + 1
    last_col = xl_col_to_name(len(place.columns) - 1)
    focus_letters = [place.letter(area.code) for area in vocabulary.focus]
    has_content = f"COUNTA($A{top}:${last_col}{top})>0"
    marks = list(dict.fromkeys(m.upper() if m == "x" else m for m in vocabulary.accepted_marks))
    mark_range = f"${focus_letters[0]}{top}:${focus_letters[-1]}{top}"
    mark_count = "+".join(f"COUNTIF({mark_range},{quote(m)})" for m in marks)
    org, cat, mail = (f"${place.letter(k)}{top}" for k in ("organisatie", "categorie", "email"))
    hints = [
        ("organisatie", "organisatie",
         f"AND({has_content},LEN(TRIM({org}))=0)"),
        (vocabulary.focus[0].code, vocabulary.focus[-1].code,
         f"AND({has_content},{mark_count}=0)"),
        ("email", "email",
         f'AND(LEN(TRIM({mail}))>0,OR(ISERROR(FIND("@",{mail})),'
         f'ISERROR(FIND(".",{mail},FIND("@",{mail})+2)),ISNUMBER(FIND(" ",TRIM({mail}))),'
         f'RIGHT({mail},1)="."))'),
        ("categorie", "categorie",
         f"AND(LEN(TRIM({cat}))>0,COUNTIF({contract.NAME_CATEGORY_LIST},TRIM({cat}))=0)"),
    ]
    for first_key, last_key, formula in hints:
        sheet.conditional_format(
            place.first_row, place.columns[first_key], place.last_row, place.columns[last_key],
            {"type": "formula", "criteria": f"={formula}", "format": styles.cf_hint},
        )


def _not_six_digits(cell: str) -> str:
    """Formula: true when a non-empty cell is not exactly six digits."""
    bad_chars = "".join(
        f',ISNUMBER(SEARCH({quote(ch)},{cell}))' for ch in (".", ",", "-", "+", " ", "e")
    )
    return (
        f"AND(LEN({cell})>0,OR(LEN({cell})<>6,ISERROR(VALUE({cell})){bad_chars}))"
    )


def card_footer(card: Card | None) -> str:
    """The printed footer: sheet name, school and school year (lines to fill in on a
    blank card), page number."""
    school = _text(card.header.schoolnaam.value) if card is not None else ""
    year = _text(card.header.schooljaar.value) if card is not None else ""
    school = school[:100] or "_" * 30
    year = year[:20] or "_" * 10
    return page_footer(f"{school}  -  {SCHOOL_YEAR_WORD} {year}")


def _setup_view_and_print(
    sheet: Any, styles: Styles, columns: list[tuple[str, str]], focus_codes: set[str],
    place: GridPlace, card: Card | None, last_printed: int,
) -> None:
    # Each grid column's cell format is its column format (unruled): a row added
    # below the table is formatted like the grid; the table's own cells are ruled.
    for col, (key, _) in enumerate(columns):
        sheet.set_column(col, col, column_width(key, focus_codes),
                         _cell_format(styles, key, focus_codes))
    sheet.set_row(TABLE_HEADER_ROW, header_row_height(columns, focus_codes))
    sheet.freeze_panes(place.first_row, 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(TABLE_HEADER_ROW)
    sheet.print_area(0, 0, last_printed, len(columns) - 1)
    sheet.set_margins(left=0.4, right=0.4, top=MARGIN_IN, bottom=MARGIN_IN)
    sheet.set_footer(card_footer(card))
    sheet.protect("", PROTECTION)
    sheet.activate()
    sheet.set_selection(HEADER_FIRST_ROW, 1, HEADER_FIRST_ROW, 1)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
