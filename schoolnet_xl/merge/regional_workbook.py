"""Write the regional workbook (XlsxWriter, a new file) from a `Region`.

Sheets: Overzicht, (Nog niet ingediend, with a school list,) Scholen, Dekking,
Partners, Gedeelde partners, Bevindingen, Bronbestanden, Evolutie. This module lays out
every sheet (headers, formats, the Partners table, filters, frozen panes, the
chart, links) and hands the data rows of the table-shaped sheets to one of two
writers, chosen by one switch
(`write_regional_workbook(..., fast=...)`; `merge` reads `SCHOOLNET_XL_PLAIN_WRITER`):

- `PlainWriter` (below): every cell with XlsxWriter's own calls, the Partners
  table added over its full range. The reference: short, and what the fast
  writer's output is compared with cell for cell (tests/test_merge_writer_paths.py).
- `fast_write.FastWriter` (the default): the same workbook, with the data rows
  rendered as XML, spliced into XlsxWriter's package, and a large region's list
  rows written and deflated by a forked process; its measured reasons are in
  `fast_write/__init__.py`.

Card text is never interpreted: XlsxWriter runs with strings_to_formulas/
numbers/urls off and the fast rows are inline strings, so `=1+1` in a card stays
text. The only formulas (Dekking totals) carry their cached values.

Made to be read and printed: long text wraps (with row heights computed, as
neither Excel nor LibreOffice fits them on opening), narrow columns get
upright headers, and every sheet prints A4 landscape, one page wide, with its
header row on every page and "Pagina n van m" (Overzicht on one page).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from schoolnet_xl import __version__
from schoolnet_xl.core.contract import REGIONAL_MARKER_PROPERTY, REGIONAL_MARKER_VALUE
from schoolnet_xl.core.lang import say
from schoolnet_xl.core.palette import (
    AMBER_FILL,
    AMBER_FONT,
    BLUE_LIGHT,
    GREEN_FILL,
    GREY_FONT,
    RED_FILL,
    RED_FONT,
    WHITE,
)
from schoolnet_xl.core.table import Cell, Table
from schoolnet_xl.core.text import BOLD_WIDER, LINE_HEIGHT, text_width, wrapped_lines
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.region import ChartData, RegionEvolution
from schoolnet_xl.merge.fast_write import FastWriter
from schoolnet_xl.merge.feedback.workbook import fit_row
from schoolnet_xl.merge.region import COVERAGE_KEYS, LISTED, Region
from schoolnet_xl.merge.region_map_sheet import MapPer, add_region_map_sheet
from schoolnet_xl.merge.sheets import EVOLUTION, NOT_SENT, print_setup, sheet_names

PARTNERS_TABLE = "RegioPartners"
# Set to 1 (or any value but 0 or empty) to have `merge` write with `PlainWriter`.
PLAIN_WRITER_ENV = "SCHOOLNET_XL_PLAIN_WRITER"
# Fixed so that the same inputs give the same workbook content.
FIXED_CREATED = datetime(2026, 1, 1)
LINK_BLUE = "#0563C1"  # Excel's hyperlink colour
MAX_LINKS = 65_530  # Excel's limit of links on one sheet
CHART_HEIGHT = 480  # pixels, the Evolutie charts
DEFAULT_ROW_PIXELS = 20  # a row of the default height (15 points)
LINK_COLUMN, LINK_TEXT = "Openen", "openen"  # the last column of Scholen and Bevindingen

# Column name -> (width, wrap the cells). Other columns get a width from their header.
_COLUMNS: dict[str, tuple[float, bool]] = {
    "Schoolnaam": (28, True), "School": (26, True), "Organisatie": (24, True),
    "Aard en specificaties": (30, True), "Bronbestand": (32, True), "Pad": (44, True),
    "Bestand": (34, True), "Melding": (50, True), "Tip": (40, True), "Reden": (40, True),
    "SHA-256": (34, True), "Varianten": (40, True), "Scholen": (60, True),
    "Ontbrekende kerncategorieën": (30, True), "Volgende stap": (20, True),
    "Interne trekker": (19, True), "E-mail": (26, True), "Contactpersoon": (20, True),
    "Categorie": (20, True), "Intensiteit": (14, True), "Onderwijsniveau": (19, True),
    "Gemeente": (14, True), "Scholengemeenschap": (21, True), "Status": (12, True),
    "Cel": (17, False), "Telefoon": (14, False), "Instellingsnummer": (7, False),
    "Schooljaar": (10, False), "Blad": (14, True), "Code": (8, False), "Ernst": (12, False),
    "Soort": (15, False), "Formaat": (6, False), "Templateversie": (6, False),
    "Grootte (bytes)": (8, False), "Leestijd (ms)": (7, False), "Partners": (6, False),
    "Fouten": (6, False), "Waarschuwingen": (6, False), "Aantal scholen": (7, False),
    "Vermeldingen": (7, False), "Categorie geraden": (11, True), "Antennefunctie": (6, False),
    "Sinds": (6, False), "Ontbrekende aanbevolen categorieën": (30, True),
    LISTED: (7, False), "Opmerking": (40, True), "Openen": (8, False),
}
_NARROW = 7  # a column this narrow gets its header turned upright


def write_regional_workbook(region: Region, path: Path, *, fast: bool = True,
                            map_per: MapPer | None = None,
                            evolution: Callable[[], RegionEvolution] | None = None) -> Path:
    """Write the workbook to `path` (the caller makes it atomic); return the path.

    `fast=False` writes it with `PlainWriter`: the same workbook (cell values, formats,
    row heights, table), only slower for a large region. `map_per`: add the sheet
    Netwerkkaart regio, a region map per gemeente or scholengemeenschap. `evolution`:
    works out `region.evolution` once the rows of the list sheets are under way (the
    fast writer's forked process renders them meanwhile), before the sheet Evolutie.
    """
    import xlsxwriter

    with ExitStack() as stack:
        writer: RowWriter = FastWriter(stack) if fast else PlainWriter()
        workbook = xlsxwriter.Workbook(writer.destination(path), {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            # Top-aligned by default, so rows with wrapped text read line by line
            # without a style attribute on each of the fast rows' cells.
            "default_format_properties": {"font_name": "Calibri", "font_size": 11,
                                          "valign": "top"},
        })
        _lay_out(workbook, region, writer, evolution)
        if map_per:
            add_region_map_sheet(workbook, region, map_per)
        return writer.close(workbook, path)


class RowWriter(Protocol):
    """How the data rows of a table-shaped sheet (below its header row, row 1 on)
    and the Partners table get into the workbook."""

    def destination(self, path: Path) -> str | io.BytesIO:
        """What `xlsxwriter.Workbook` writes to."""
        ...

    def body(self, sheet: Any, rows: Sequence[Sequence[Cell]], width: int,
             formats: Sequence[Any], per_line: Sequence[int],
             cell_formats: Sequence[Sequence[Any]] | None = None,
             links: tuple[int, Sequence[str]] | None = None, header_row: int = 0) -> None:
        """Write `rows` below the header row (`header_row`, 0-based; the first by
        default): a cell's format is `formats` of its column (None: none), or with
        `cell_formats` its own; `per_line` is the characters per line of a column that
        wraps text (0: no wrap); `links`: a column whose text cells link to the row's
        `external:` URL ("" for none)."""
        ...

    def write_alongside(self) -> None:
        """The rows given so far may be written by another process from now on, while
        the layout goes on (called once)."""
        ...

    def table(self, sheet: Any, last_row: int, last_col: int, options: dict[str, Any]) -> None:
        """Add the Excel table over A1 to (last_row, last_col), header row included."""
        ...

    def close(self, workbook: Any, path: Path) -> Path:
        """Finish the workbook at `path`."""
        ...


class PlainWriter:
    """Every data cell with XlsxWriter's own calls: `write_string` / `write_number`
    with the cell's format, `set_row` for a row with wrapped text, `add_table` over
    the whole range. Empty cells (None or "") are not written."""

    def destination(self, path: Path) -> str:
        return str(path)

    def body(self, sheet: Any, rows: Sequence[Sequence[Cell]], width: int,
             formats: Sequence[Any], per_line: Sequence[int],
             cell_formats: Sequence[Sequence[Any]] | None = None,
             links: tuple[int, Sequence[str]] | None = None, header_row: int = 0) -> None:
        link_column, urls = links if links is not None else (-1, ())
        for index, row in enumerate(rows):
            number = header_row + 1 + index
            row_formats = formats if cell_formats is None else cell_formats[index]
            lines = 1
            url = urls[index] if index < len(urls) else ""
            for column, value in enumerate(row[:width]):
                if value is None or value == "":
                    continue
                fmt = row_formats[column] if column < len(row_formats) else None
                if isinstance(value, str):
                    if column == link_column and url:
                        sheet.write_url(number, column, url, fmt, value)
                    else:
                        sheet.write_string(number, column, value, fmt)
                    wraps = per_line[column] if column < len(per_line) else 0
                    lines = max(lines, cell_lines(value, wraps))
                else:
                    sheet.write_number(number, column, value, fmt)
            if lines > 1:
                sheet.set_row(number, lines * LINE_HEIGHT)

    def write_alongside(self) -> None:
        """Nothing to do: the rows are written already."""

    def table(self, sheet: Any, last_row: int, last_col: int, options: dict[str, Any]) -> None:
        sheet.add_table(0, 0, last_row, last_col, options)

    def close(self, workbook: Any, path: Path) -> Path:
        workbook.close()
        return path


def _lay_out(workbook: Any, region: Region, writer: RowWriter,
             evolution: Callable[[], RegionEvolution] | None = None) -> None:
    workbook.set_properties({
        "title": "Regionale netwerkkaart",
        "subject": "Samenvoeging van netwerkkaarten van scholen",
        "author": "schoolnet-xl",
        "comments": f"Gemaakt met schoolnet-xl {__version__}",
        "created": FIXED_CREATED,
    })
    workbook.set_custom_property(REGIONAL_MARKER_PROPERTY, REGIONAL_MARKER_VALUE)
    formats = _Formats(workbook)
    sheets = {name: workbook.add_worksheet(name)
              for name in sheet_names(region.not_sent is not None)}
    marks = frozenset(f.header for f in region.vocabulary.focus)
    lists: dict[str, tuple[Table, Sequence[str] | None]] = {
        "Scholen": _with_links(region.schools, region.school_links),
        "Bevindingen": _with_links(region.findings, region.finding_links),
        "Bronbestanden": (region.sources, None)}
    if region.not_sent is not None:
        lists[NOT_SENT] = (region.not_sent, None)
    # The rows known now first: the fast writer has a forked process write them while
    # this one works out the evolution and lays out the rest. The fast writer gives
    # formats their xf index in the order of these calls, as before they were moved
    # here (Gedeelde partners' rows, given later, use formats Partners' use).
    partners = region.partners
    writer.body(sheets["Partners"], partners.rows, len(partners.columns),
                *_columns(sheets["Partners"], _specs(partners.columns, marks), formats))
    _coverage_rows(sheets["Dekking"], region, formats, writer)
    for name, (table, urls) in lists.items():
        _list_rows(sheets[name], table, formats, writer, urls)
    writer.write_alongside()
    if evolution is not None:
        region.evolution = evolution()
    for name, sheet in sheets.items():
        print_setup(sheet, name, repeat_header=name != "Overzicht")
    # The shared partners are worked out here, on first use (while the forked writer runs).
    _overview(sheets["Overzicht"], workbook, region, formats)
    _coverage(sheets["Dekking"], workbook, region, formats)
    shared = _shared_table(region)
    _list_rows(sheets["Gedeelde partners"], shared, formats, writer)
    _partners(sheets["Partners"], partners, formats, marks, writer)
    lists["Gedeelde partners"] = (shared, None)
    # In the sheets' order: their headers' shared strings are numbered as written.
    for name in ("Scholen", "Gedeelde partners", "Bevindingen", "Bronbestanden", NOT_SENT):
        if name in lists:
            _list_sheet(sheets[name], lists[name][0], formats)
    _evolution(sheets[EVOLUTION], workbook, region, formats, writer)


def cell_lines(text: str, per_line: int) -> int:
    """Lines a cell's text is given in a column that wraps `per_line` characters
    (0: no wrap). A text no longer than a line is given one, line breaks or not."""
    if not per_line or len(text) <= per_line:
        return 1
    return wrapped_lines(text, per_line)


class _Formats:
    """The few cell formats of the workbook, created once."""

    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 16})
        self.bold = workbook.add_format({"bold": True})
        header = {"bold": True, "bg_color": BLUE_LIGHT, "text_wrap": True, "bottom": 1}
        self.header = workbook.add_format(header)
        self.upright = workbook.add_format({**header, "rotation": 90, "align": "center",
                                            "valign": "bottom"})
        self.wrap = workbook.add_format({"text_wrap": True})
        self.link = workbook.add_format({"font_color": LINK_BLUE, "underline": 1})
        self.link_indent = workbook.add_format({"font_color": LINK_BLUE, "underline": 1,
                                                "indent": 1})
        self.upright_core = workbook.add_format({**header, "rotation": 90, "align": "center",
                                                 "valign": "bottom", "bg_color": RED_FILL})
        self.upright_recommended = workbook.add_format({
            **header, "rotation": 90, "align": "center", "valign": "bottom",
            "bg_color": AMBER_FILL})
        self.centre = workbook.add_format({"align": "center"})
        self.expectation = workbook.add_format({"text_wrap": True,
                                                "font_color": GREY_FONT})
        self.percent = workbook.add_format({"num_format": "0%"})
        self.indent = workbook.add_format({"indent": 1})
        self.left = workbook.add_format({"align": "left"})
        self.note = workbook.add_format({"italic": True, "font_color": GREY_FONT})
        cell = {"align": "center", "border": 1, "border_color": WHITE}
        self.red = workbook.add_format({**cell, "bg_color": RED_FILL})
        self.amber = workbook.add_format({**cell, "bg_color": AMBER_FILL})
        self.green = workbook.add_format({**cell, "bg_color": GREEN_FILL})
        self.total = workbook.add_format({"bold": True, "top": 1, "align": "center"})
        self.total_label = workbook.add_format({"bold": True, "top": 1})


Spec = tuple[float, bool]  # a column's width and whether its cells wrap


def _specs(columns: list[str], narrow: frozenset[str] = frozenset()) -> list[Spec]:
    """(width, wraps) of each column; `narrow` names the X columns (one mark each)."""
    return [(4, False) if name in narrow else
            _COLUMNS.get(name, (max(8, min(len(name) + 2, 24)), False)) for name in columns]


def _columns(sheet: Any, specs: Sequence[Spec],
             formats: _Formats) -> tuple[list[Any], list[int]]:
    """Set each column's width; return the cell format per column (None: none) and,
    for the columns that wrap long text, their characters per line (else 0)."""
    cell_formats: list[Any] = []
    per_line: list[int] = []
    for index, (width, wrapped) in enumerate(specs):
        sheet.set_column(index, index, width)
        cell_formats.append(formats.wrap if wrapped else
                            formats.centre if width <= _NARROW else None)
        per_line.append(int(width) if wrapped else 0)
    return cell_formats, per_line


def header_height(columns: list[str], specs: Sequence[Spec],
                  upright: set[str] | None = None) -> float:
    """Height (points) of a header row: room for its longest upright header in bold
    (those over narrow columns, or `upright`) and for the lines of the wrapped ones."""
    turned = upright if upright is not None else {
        name for name, (width, _) in zip(columns, specs, strict=True) if width <= _NARROW}
    longest = max((text_width(name) for name in turned), default=0) / 100 * BOLD_WIDER
    lines = max((wrapped_lines(name, int(width), bold=True)
                 for name, (width, _) in zip(columns, specs, strict=True)
                 if name not in turned), default=1)
    return max(round(longest * 7 * 0.75 + 6), lines * LINE_HEIGHT)


def _header_formats(specs: Sequence[Spec], formats: _Formats) -> list[Any]:
    """Upright headers over narrow columns, wrapped ones elsewhere."""
    return [formats.upright if width <= _NARROW else formats.header for width, _ in specs]


def _with_links(table: Table, urls: Sequence[str]) -> tuple[Table, Sequence[str]]:
    """The table with a last column "Openen" whose cell links to the row's file (up to
    Excel's limit of links on a sheet). A column of its own: LibreOffice does not wrap
    a cell that holds a link, so a linked path would run off the printed page."""
    urls = [url if index < MAX_LINKS else "" for index, url in enumerate(urls)]
    rows: list[list[Cell]] = [[*row, LINK_TEXT if url else ""]
                              for row, url in zip(table.rows, urls, strict=True)]
    return Table([*table.columns, LINK_COLUMN], rows), urls


def _list_rows(sheet: Any, table: Table, formats: _Formats, writer: RowWriter,
               urls: Sequence[str] | None = None) -> None:
    """A list sheet's column widths and rows; with `urls`, the cells of the last column
    link to them (one per row)."""
    cell_formats, per_line = _columns(sheet, _specs(table.columns), formats)
    links = None
    if urls is not None:
        cell_formats[-1] = formats.link
        links = (len(table.columns) - 1, urls)
    writer.body(sheet, table.rows, len(table.columns), cell_formats, per_line, links=links)


def _list_sheet(sheet: Any, table: Table, formats: _Formats) -> None:
    """A list sheet's header row, frozen header, autofilter over the rows."""
    specs = _specs(table.columns)
    for index, (name, fmt) in enumerate(zip(table.columns, _header_formats(specs, formats),
                                            strict=True)):
        sheet.write_string(0, index, name, fmt)
    sheet.set_row(0, header_height(table.columns, specs))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
    _ignore_text_numbers(sheet)


def _ignore_text_numbers(sheet: Any) -> None:
    """Instellingsnummers are text on purpose: no 'number stored as text' triangles."""
    sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})


def _partners(sheet: Any, table: Table, formats: _Formats, narrow: frozenset[str],
              writer: RowWriter) -> None:
    """The Excel Table of every partner row (the rows are written already)."""
    specs = _specs(table.columns, narrow)
    writer.table(sheet, max(len(table.rows), 1), len(table.columns) - 1, {
        "name": PARTNERS_TABLE,
        "style": "Table Style Light 9",
        "columns": [{"header": name, "header_format": fmt} for name, fmt in
                    zip(table.columns, _header_formats(specs, formats), strict=True)],
    })
    sheet.set_row(0, header_height(table.columns, specs))
    sheet.freeze_panes(1, 1)
    _ignore_text_numbers(sheet)


def _coverage_rows(sheet: Any, region: Region, formats: _Formats, writer: RowWriter) -> None:
    """The Dekking matrix's rows: each count has the colour of what the school's level
    expects (red, amber, green) as its cell format."""
    table = region.coverage
    first_cat = len(COVERAGE_KEYS)
    looks = {"core": formats.red, "recommended": formats.amber, "ok": formats.green,
             "": formats.centre}
    cell_formats = [[formats.wrap] * first_cat + [looks[state] for state in status]
                    for status in region.coverage_status]
    writer.body(sheet, table.rows, len(table.columns), (), [30, 0, 19, 21, 0], cell_formats)


def _coverage(sheet: Any, workbook: Any, region: Region, formats: _Formats) -> None:
    """Schools × categories (the rows by `_coverage_rows`), with per-category totals and
    subtotals per scholengemeenschap; core categories come first, their headers red,
    the recommended ones' amber.
    """
    table = region.coverage
    first_cat = len(COVERAGE_KEYS)
    last_col = len(table.columns) - 1
    groups = {stat.label: stat.group for stat in region.categories}
    heads = {"core": formats.upright_core, "recommended": formats.upright_recommended,
             "": formats.upright}
    for index, name in enumerate(table.columns):
        fmt = (heads[groups.get(name, "")] if index >= first_cat else
               formats.upright if index == 1 else formats.header)
        sheet.write_string(0, index, name, fmt)
    n = len(table.rows)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(n, 1), last_col)
    sheet.set_row(0, header_height(table.columns, _specs(table.columns), upright={
        name for index, name in enumerate(table.columns) if index == 1 or index >= first_cat}))
    widths = [30, 7, 19, 21, 10]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.set_column(first_cat, last_col, 5)
    _ignore_text_numbers(sheet)
    legend = n + 4
    if n:
        _coverage_totals(sheet, table, first_cat, formats)
        legend = _community_subtotals(sheet, table, first_cat, formats) + 1
    for offset, (text, colour) in enumerate([
            ("Rood: kerncategorie ontbreekt", RED_FILL),
            ("Oranje: aanbevolen categorie ontbreekt", AMBER_FILL),
            ("Groen: minstens één partner", GREEN_FILL),
            ("Wit: geen partner, maar ook niet verwacht voor dit onderwijsniveau", None),
            ("Kop rood: kern; kop oranje: aanbevolen", None)]):
        key = workbook.add_format({"bg_color": colour} if colour else {})
        sheet.merge_range(legend + offset, 0, legend + offset, 2, text, key)


def _coverage_totals(sheet: Any, table: Table, first_cat: int, formats: _Formats) -> None:
    """SUBTOTAL (follows the filter) and COUNTIF rows, with cached values."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    n = len(table.rows)
    total_row, schools_row = n + 1, n + 2
    sheet.write_string(total_row, 0, "Totaal partners (zichtbare rijen)", formats.total_label)
    sheet.write_string(schools_row, 0, "Scholen met minstens één partner", formats.bold)
    for column in range(first_cat, len(table.columns)):
        top, bottom = xl_rowcol_to_cell(1, column), xl_rowcol_to_cell(n, column)
        values = [int(row[column] or 0) for row in table.rows]
        sheet.write_formula(total_row, column, f"=SUBTOTAL(109,{top}:{bottom})",
                            formats.total, sum(values))
        sheet.write_formula(schools_row, column, f'=COUNTIF({top}:{bottom},">0")',
                            formats.centre, sum(v > 0 for v in values))


NO_COMMUNITY = "(geen scholengemeenschap)"


def _community_subtotals(sheet: Any, table: Table, first_cat: int, formats: _Formats) -> int:
    """Per scholengemeenschap (alphabetically), its schools and per category how many of
    them have a partner (COUNTIFS, cached values), below the totals; returns the
    first free row after them. Names are matched as COUNTIF does: ignoring case."""
    from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

    n = len(table.rows)
    community = COVERAGE_KEYS.index("Scholengemeenschap")
    members: dict[str, list[list[Cell]]] = {}
    for school in table.rows:
        members.setdefault(str(school[community] or "").casefold(), []).append(school)
    head = n + 4
    sheet.write_string(head, 0, "Per scholengemeenschap: scholen met minstens één partner",
                       formats.bold)
    head += 1
    sheet.write_string(head, 0, "Scholengemeenschap", formats.total_label)
    sheet.write_string(head, 2, "Scholen", formats.total_label)
    letter = xl_col_to_name(community)
    span = f"${letter}$2:${letter}${n + 1}"
    for row, key in enumerate(sorted(members), start=head + 1):
        rows = members[key]
        name = str(rows[0][community] or "")
        sheet.write_string(row, 0, name or NO_COMMUNITY, formats.wrap)
        # "=name": equal to it (empty: a blank cell), wildcards taken literally
        criterion = '"=' + "".join("~" + c if c in "~*?" else c for c in name).replace(
            '"', '""') + '"'
        sheet.write_formula(row, 2, f"=COUNTIF({span},{criterion})", formats.left, len(rows))
        for column in range(first_cat, len(table.columns)):
            top, bottom = xl_rowcol_to_cell(1, column), xl_rowcol_to_cell(n, column)
            sheet.write_formula(row, column, f'=COUNTIFS({span},{criterion},{top}:{bottom},">0")',
                                formats.centre, sum(int(r[column] or 0) > 0 for r in rows))
    return head + len(members) + 2


def _shared_table(region: Region) -> Table:
    vocabulary: Vocabulary = region.vocabulary
    table = Table(["Organisatie", "Categorie", "Aantal scholen", "Vermeldingen", "Varianten",
                   "Scholen"])
    for shared in region.shared:
        category = vocabulary.category(shared.category)
        table.rows.append([shared.name, category.label if category else "",
                           len(shared.schools), shared.mentions, " | ".join(shared.variants),
                           " | ".join(shared.schools)])
    return table


def _overview(sheet: Any, workbook: Any, region: Region, formats: _Formats) -> None:
    """What to do first (key figures with links to the sheets that list them), the
    input files, coverage per category (core first, weakest first, with a bar chart
    of a series each for core and recommended categories), X columns.

    Laid out to print on one A4 landscape page: the tables on the left, the
    chart beside them.
    """
    sheet.fit_to_pages(1, 1)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 6, 13)
    sheet.set_column(7, 7, 2)
    sheet.write_string(0, 0, "Regionale netwerkkaart", formats.title)
    row = _figures(sheet, region, formats, 2)
    sheet.write_string(row, 0, contact_line(region.with_contacts), formats.note)
    head = row + 2
    sheet.write_string(head, 0, "Dekking per categorie: aandeel van de scholen waar ze "
                       "verwacht wordt (kern eerst, zwakste eerst)", formats.bold)
    sheet.write_row(head + 1, 0, ["Categorie", "Verwachting", "Verwacht bij (scholen)",
                                  "Daarvan met partner", "Aandeel (kern)",
                                  "Aandeel (aanbevolen)", "Partner-rijen"], formats.header)
    sheet.set_row(head + 1, 3 * LINE_HEIGHT)
    first = head + 2
    columns = {"core": 4, "recommended": 5}
    for offset, stat in enumerate(region.categories):
        at = first + offset
        sheet.write_string(at, 0, stat.label)
        sheet.write_string(at, 1, stat.expectation, formats.expectation)
        fit_row(sheet, at, [(stat.expectation, 30)])
        if stat.group:
            sheet.write_number(at, 2, stat.expected)
            sheet.write_number(at, 3, stat.schools_with)
            sheet.write_number(at, columns[stat.group], stat.share, formats.percent)
        sheet.write_number(at, 6, stat.partners)
    last = first + len(region.categories) - 1
    expected = sum(bool(stat.group) for stat in region.categories)
    if expected:
        _chart(sheet, workbook, first, first + expected - 1, 2)
    focus_head = last + 2
    sheet.write_row(focus_head, 0, ["X-kolom", "Partnerschappen"], formats.header)
    for offset, (header, count) in enumerate(region.focus_counts, start=1):
        sheet.write_string(focus_head + offset, 0, header)
        sheet.write_number(focus_head + offset, 1, count, formats.left)


def _figures(sheet: Any, region: Region, formats: _Formats, row: int) -> int:
    """What a coordinator acts on, each with a link to where it is listed, then the
    input files (their outcomes add up to the number of files).

    Returns the first free row after them.
    """
    from xlsxwriter.utility import xl_col_to_name

    def schools(column: str) -> str:
        return xl_col_to_name(region.schools.columns.index(column))

    missing_core = f"internal:'Scholen'!{schools('Ontbrekende kerncategorieën')}1"
    act: list[tuple[str, int | str, str, str]] = [
        ("Scholen in de regio (één kaart per school)", len(region.coverage.rows),
         "internal:'Scholen'!A1", "naar Scholen"),
        ("Kaarten gelezen", region.count("read"), "", ""),
        ("Bestanden die niet gelezen konden worden", region.count("unreadable"),
         "internal:'Bronbestanden'!A1", "naar Bronbestanden"),
        ("Fouten (in totaal)", region.total("fout"), "internal:'Bevindingen'!A1",
         "naar Bevindingen"),
        ("Waarschuwingen (in totaal)", region.total("waarschuwing"),
         "internal:'Bevindingen'!A1", "naar Bevindingen"),
        ("Scholen zonder minstens één kerncategorie", region.missing_core, missing_core,
         "naar Scholen (filter die kolom)"),
    ]
    if region.not_sent is not None:
        act.append(("Scholen die nog geen kaart stuurden", len(region.not_sent.rows),
                    f"internal:'{NOT_SENT}'!A1", f"naar {NOT_SENT}"))
        act.append(("Kaarten van scholen die niet op de schoollijst staan", region.unlisted,
                    f"internal:'Scholen'!{schools(LISTED)}1", "naar Scholen (filter die kolom)"))
    else:
        act.append(("Scholen die nog geen kaart stuurden", "onbekend (zie --scholen)", "",
                    ""))
    sheet.write_string(row, 0, "Wat nu te doen (klik een blauwe regel om de lijst te zien)",
                       formats.bold)
    row += 1
    for label, value, link, tip in act:
        if link and value:
            sheet.write_url(row, 0, link, formats.link_indent, label, tip)
        else:
            sheet.write_string(row, 0, label, formats.indent)
        if isinstance(value, str):
            sheet.write_string(row, 1, value, formats.note)
        else:
            sheet.write_number(row, 1, value, formats.left)
        row += 1
    row += 1
    files = [
        ("Partnerrijen", len(region.partners.rows), formats.bold),
        ("Gedeelde partners (bij 2 of meer scholen)", len(region.shared), formats.bold),
        ("Invoerbestanden", region.count("files"), formats.bold),
        ("gelezen", region.count("read"), formats.indent),
        ("onleesbaar (zie Bronbestanden)", region.count("unreadable"), formats.indent),
        ("dubbel of vervangen", region.count("duplicate"), formats.indent),
        ("ouder of ander schooljaar (zie Bronbestanden)", region.count("older"),
         formats.indent),
        ("overgeslagen (geen kaart)", region.count("skipped"), formats.indent),
    ]
    for label, number, fmt in files:
        sheet.write_string(row, 0, label, fmt)
        sheet.write_number(row, 1, number, formats.left)
        row += 1
    return row + 1


def _chart(sheet: Any, workbook: Any, first: int, last: int, anchor_row: int) -> None:
    """Bars of the share per expected category: a series for core categories (red)
    and one for recommended ones (amber), over the same category axis."""
    chart = workbook.add_chart({"type": "bar"})
    for name, column, colour in (("Kerncategorie", 4, RED_FONT),
                                 ("Aanbevolen categorie", 5, AMBER_FONT)):
        chart.add_series({
            "name": name,
            "categories": ["Overzicht", first, 0, last, 0],
            "values": ["Overzicht", first, column, last, column],
            "fill": {"color": colour},
            "gap": 40,
            "overlap": 100,
            "data_labels": {"value": True, "num_format": "0%", "font": {"size": 9}},
        })
    chart.set_title({"name": "Aandeel van de scholen waar de categorie verwacht wordt, "
                     "met minstens één partner", "name_font": {"size": 11}})
    chart.set_x_axis({"min": 0, "max": 1, "major_unit": 0.25, "num_format": "0%",
                      "num_font": {"size": 9}, "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "num_font": {"size": 9}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 80 + 20 * (last - anchor_row + 1)})
    sheet.insert_chart(anchor_row, 8, chart, {"object_position": 3})


def contact_line(with_contacts: bool) -> str:
    """The Overzicht line that says whether personal contact data is in the workbook."""
    if with_contacts:
        return ("Contactgegevens (Contactpersoon, E-mail, Telefoon) zijn opgenomen: dit zijn "
                "persoonsgegevens, deel dit werkboek alleen met wie ze nodig heeft.")
    return ("Contactgegevens (Contactpersoon, E-mail, Telefoon) zijn niet opgenomen "
            "(gebruik --with-contacts om ze toe te voegen).")


# Per column of the Evolutie sheet's school table (evolve.region's order): width, wraps.
_EVOLUTION_COLUMNS: tuple[Spec, ...] = (
    (28, True), (7, False), (14, True), (12, True), (10, False), (7, False), (7, False),
    (7, False), (7, False), (7, False), (30, True), (30, True))


def _evolution(sheet: Any, workbook: Any, region: Region, formats: _Formats,
               writer: RowWriter) -> None:
    """From A1 the region's view: per category the share of the expected schools
    covering it in each school year, per year the region's shared partners, a native
    chart of each; on the next printed page, per school its latest card against its
    previous one (a filtered table, its rows by `writer`, its header repeated on every
    page it prints on and only there). With one school year a note takes the school
    table's place: every school would read "geen vorig schooljaar"."""
    evolution, lang = region.evolution, region.lang
    years = evolution.years if evolution is not None else []
    if evolution is None or len(years) < 2:
        sheet.set_column(0, 0, 28)
        note = (say(f"Eén schooljaar in de inbox ({years[0]}): nog geen evolutie. Leg ook "
                    "de kaarten van vorige schooljaren in de inbox om per school te zien wat "
                    "er nieuw, beëindigd, verdiept of afgebouwd is.",
                    f"One school year in the inbox ({years[0]}): no evolution yet. Put the "
                    "cards of earlier school years in the inbox too to see per school what "
                    "is new, ended, deepened or loosened.", lang) if years else
                say("Geen schooljaar op de kaarten: geen evolutie.",
                    "No school year on the cards: no evolution.", lang))
        sheet.write_string(0, 0, note, formats.bold)
        if evolution is not None and years:
            _evolution_tables(sheet, workbook, evolution.categories, evolution.shared,
                              formats, 2, None)
        return
    charts, below_charts = _evolution_tables(
        sheet, workbook, evolution.categories, evolution.shared, formats, 0,
        (evolution.category_chart, evolution.shared_chart))
    head = below_charts + 1
    table = evolution.schools
    for index, (name, fmt) in enumerate(zip(table.columns,
                                            _header_formats(_EVOLUTION_COLUMNS, formats),
                                            strict=True)):
        sheet.write_string(head, index, name, fmt)
    sheet.set_row(head, header_height(table.columns, _EVOLUTION_COLUMNS))
    cell_formats, per_line = _columns(sheet, _EVOLUTION_COLUMNS, formats)
    n = len(table.rows)
    sheet.set_h_pagebreaks([charts, head])  # tables, charts, school table: a page each
    sheet.repeat_rows(head)  # printed from its own page on, never above the charts
    sheet.autofilter(head, 0, head + max(n, 1), len(table.columns) - 1)
    _ignore_text_numbers(sheet)
    writer.body(sheet, table.rows, len(table.columns), cell_formats, per_line, header_row=head)


def _evolution_tables(sheet: Any, workbook: Any, categories: Table,
                      shared: Table, formats: _Formats, row: int,
                      charts: tuple[ChartData, ChartData] | None) -> tuple[int, int]:
    """The per-category shares (a column per school year) from `row` on, the shared
    partners per year below them, and with `charts` a column chart of the shares and a
    line chart of the shared partners below those; returns the charts' row and the first
    row below it all."""
    category_rows = _small_table(sheet, categories, formats, row, formats.percent)
    shared_rows = _small_table(sheet, shared, formats, category_rows[1] + 2, None)
    anchor = shared_rows[1] + 2
    if charts is None:
        return anchor, anchor
    category_chart, shared_chart = charts
    columns = [1 + index for index in range(len(category_chart.series))]
    sheet.insert_chart(anchor, 0, _native_chart(
        workbook, category_chart, category_rows, 0, columns), {"object_position": 3})
    sheet.insert_chart(anchor, 10, _native_chart(
        workbook, shared_chart, shared_rows, 0, [2]), {"object_position": 3})
    return anchor, anchor + math.ceil(CHART_HEIGHT / DEFAULT_ROW_PIXELS) + 1


def _small_table(sheet: Any, table: Table, formats: _Formats, row: int,
                 number_format: Any) -> tuple[int, int]:
    """A header (upright but the first column) at `row` and the rows below it, numbers
    in `number_format`; returns the first and last data row."""
    for index, name in enumerate(table.columns):
        sheet.write_string(row, index, name, formats.upright if index else formats.header)
    sheet.set_row(row, header_height(table.columns, _specs(table.columns),
                                     upright=set(table.columns[1:])))
    for offset, cells in enumerate(table.rows, start=1):
        for index, value in enumerate(cells):
            if isinstance(value, str):
                sheet.write_string(row + offset, index, value,
                                   formats.wrap if index == 0 else formats.centre)
            elif value is not None:
                sheet.write_number(row + offset, index, value, number_format or formats.centre)
        fit_row(sheet, row + offset, [(str(cells[0]), 28)])
    return row + 1, row + max(len(table.rows), 1)


def _native_chart(workbook: Any, data: ChartData, rows: tuple[int, int], label_column: int,
                  value_columns: list[int]) -> Any:
    """An XlsxWriter chart of `data` (kind, titles, axis format, series names) over the
    cells the sheet shows: categories in `label_column`, a series per value column."""
    chart = workbook.add_chart({"type": data.kind})
    first, last = rows
    for series, column in zip(data.series, value_columns, strict=True):
        options: dict[str, Any] = {
            "name": series.name,
            "categories": [EVOLUTION, first, label_column, last, label_column],
            "values": [EVOLUTION, first, column, last, column],
        }
        if data.kind == "line":
            options["marker"] = {"type": "circle", "size": 6}
        else:
            options["gap"] = 60
        chart.add_series(options)
    chart.set_title({"name": data.title, "name_font": {"size": 11}})
    y_axis: dict[str, Any] = {"name": data.y_title, "num_format": data.number_format,
                              "min": 0, "major_gridlines": {"visible": True}}
    if data.number_format == "0%":
        y_axis["max"] = 1
    chart.set_y_axis(y_axis)
    chart.set_x_axis({"name": data.x_title, "num_font": {"size": 8}})
    chart.set_legend({"position": "bottom"} if len(data.series) > 1 else {"none": True})
    chart.set_size({"width": 760, "height": CHART_HEIGHT} if data.kind == "column"
                   else {"width": 440, "height": CHART_HEIGHT})
    return chart
