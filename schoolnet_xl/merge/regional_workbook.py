"""Write the regional workbook (XlsxWriter, a new file) from a `Region`.

Sheets: Overzicht, Scholen, Dekking, Partners, Gedeelde partners, Bevindingen,
Bronbestanden. XlsxWriter lays out every sheet (headers, formats, the Partners
table, filters, frozen panes, the chart); the data rows of the table-shaped
sheets are streamed in by `bulk_rows` (7x faster for 90,000 partner rows).
Card text is never interpreted: XlsxWriter runs with strings_to_formulas/
numbers/urls off and bulk rows are inline strings, so `=1+1` in a card stays
text. The only formulas (Dekking totals) carry their cached values.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from schoolnet_xl import __version__
from schoolnet_xl.merge.bulk_rows import splice_rows
from schoolnet_xl.merge.records import Cell
from schoolnet_xl.merge.region import Region, Table
from schoolnet_xl.vocabulary import Vocabulary

SHEETS = ("Overzicht", "Scholen", "Dekking", "Partners", "Gedeelde partners", "Bevindingen",
          "Bronbestanden")
PARTNERS_TABLE = "RegioPartners"
MARKER_PROPERTY = "schoolnet-xl"
MARKER_VALUE = "regionale netwerkkaart"
# Fixed so that the same inputs give the same workbook content.
FIXED_CREATED = datetime(2026, 1, 1)

_RED, _AMBER, _GREEN = "#F4B6B6", "#FFE0A3", "#C6EFCE"
_WIDTHS = {
    "Schoolnaam": 32, "School": 30, "Organisatie": 34, "Aard en specificaties": 40,
    "Bronbestand": 40, "Pad": 50, "Bestand": 40, "Melding": 70, "Tip": 50, "Reden": 50,
    "SHA-256": 20, "Varianten": 50, "Scholen": 60, "Ontbrekende kerncategorieën": 40,
    "Volgende stap": 30, "Interne trekker": 20, "E-mail": 28, "Contactpersoon": 22,
}


def write_regional_workbook(region: Region, path: Path) -> Path:
    """Write the workbook to `path` (the caller makes it atomic); return the path."""
    import xlsxwriter

    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    })
    workbook.set_properties({
        "title": "Regionale netwerkkaart",
        "subject": "Samenvoeging van netwerkkaarten van scholen",
        "author": "schoolnet-xl",
        "comments": f"Gemaakt met schoolnet-xl {__version__}",
        "created": FIXED_CREATED,
    })
    workbook.set_custom_property(MARKER_PROPERTY, MARKER_VALUE)
    formats = _Formats(workbook)
    sheets = {name: workbook.add_worksheet(name) for name in SHEETS}
    _overview(sheets["Overzicht"], workbook, region, formats)
    _coverage(sheets["Dekking"], region, formats)
    partners_ref = _partners(sheets["Partners"], region.partners, formats)
    bulk = {"Scholen": region.schools, "Partners": region.partners,
            "Gedeelde partners": _shared_table(region), "Bevindingen": region.findings,
            "Bronbestanden": region.sources}
    for name, table in bulk.items():
        if name != "Partners":
            _plain_table(sheets[name], table, formats)
    workbook.close()
    package.seek(0)
    rows: dict[str, tuple[Sequence[Sequence[Cell]], int]] = {
        sheet_part(name): (table.rows, len(table.columns)) for name, table in bulk.items()}
    return splice_rows(package, path, rows, {"xl/tables/table1.xml": partners_ref})


def sheet_part(name: str) -> str:
    """The package part of a sheet (XlsxWriter numbers sheets in creation order)."""
    return f"xl/worksheets/sheet{SHEETS.index(name) + 1}.xml"


class _Formats:
    """The few cell formats of the workbook, created once."""

    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 16})
        self.bold = workbook.add_format({"bold": True})
        self.header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7",
                                           "text_wrap": True, "valign": "top",
                                           "bottom": 1})
        self.percent = workbook.add_format({"num_format": "0%"})
        self.note = workbook.add_format({"italic": True, "font_color": "#595959"})
        self.red = workbook.add_format({"bg_color": _RED, "align": "center"})
        self.amber = workbook.add_format({"bg_color": _AMBER, "align": "center"})
        self.green = workbook.add_format({"bg_color": _GREEN, "align": "center"})
        self.plain = workbook.add_format({"align": "center"})
        self.total = workbook.add_format({"bold": True, "top": 1, "align": "center"})
        self.total_label = workbook.add_format({"bold": True, "top": 1})


def _widths(sheet: Any, columns: list[str], default: int = 14) -> None:
    for index, name in enumerate(columns):
        sheet.set_column(index, index, _WIDTHS.get(name, max(default, min(len(name) + 2, 24))))


def _plain_table(sheet: Any, table: Table, formats: _Formats) -> None:
    """Header row, frozen header, autofilter over the rows that `bulk_rows` adds."""
    sheet.write_row(0, 0, table.columns, formats.header)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
    _widths(sheet, table.columns)


def _partners(sheet: Any, table: Table, formats: _Formats) -> tuple[str, str]:
    """The Excel Table of every partner row, laid out over its header and first row.

    Returns (the range given to XlsxWriter, the real range) for `bulk_rows`,
    which adds the rows and widens the table.
    """
    from xlsxwriter.utility import xl_range

    last_col = len(table.columns) - 1
    sheet.add_table(0, 0, 1, last_col, {
        "name": PARTNERS_TABLE,
        "style": "Table Style Light 9",
        "columns": [{"header": name} for name in table.columns],
    })
    sheet.freeze_panes(1, 1)
    _widths(sheet, table.columns)
    return xl_range(0, 0, 1, last_col), xl_range(0, 0, max(len(table.rows), 1), last_col)


def _coverage(sheet: Any, region: Region, formats: _Formats) -> None:
    """Schools × categories, coloured by expectation, with per-category totals."""
    table = region.coverage
    first_cat = 3
    sheet.write_row(0, 0, table.columns, formats.header)
    styles = {"core": formats.red, "recommended": formats.amber, "ok": formats.green,
              "": formats.plain}
    for index, (row, status) in enumerate(zip(table.rows, region.coverage_status,
                                              strict=True), start=1):
        sheet.write_row(index, 0, row[:first_cat])
        for offset, (value, state) in enumerate(zip(row[first_cat:], status, strict=True)):
            sheet.write_number(index, first_cat + offset, value, styles[state])
    n = len(table.rows)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(n, 1), len(table.columns) - 1)
    sheet.set_row(0, 45)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 2, 16)
    sheet.set_column(first_cat, len(table.columns) - 1, 11)
    if n:
        _coverage_totals(sheet, table, first_cat, formats)
    legend = n + 4
    sheet.write_string(legend, 0, "Rood: kerncategorie ontbreekt", formats.red)
    sheet.write_string(legend + 1, 0, "Oranje: aanbevolen categorie ontbreekt", formats.amber)
    sheet.write_string(legend + 2, 0, "Groen: minstens één partner", formats.green)


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
                            formats.plain, sum(v > 0 for v in values))


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
    """Key figures, coverage per category (weakest first, with a bar chart), X columns."""
    sheet.set_column(0, 0, 52)
    sheet.set_column(1, 4, 16)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, "Regionale netwerkkaart", formats.title)
    partners = len(region.partners.rows)
    figures = [
        ("Scholen (kaarten in de regio)", len(region.coverage.rows)),
        ("Partnerrijen", partners),
        ("Gedeelde partners (bij 2 of meer scholen)", len(region.shared)),
        ("Invoerbestanden", region.count("files")),
        ("Onleesbare bestanden", region.count("unreadable")),
        ("Dubbele of vervangen kaarten", region.count("duplicate")),
        ("Overgeslagen bestanden (vergrendelingsbestanden)", region.count("skipped")),
    ]
    for offset, (label, value) in enumerate(figures, start=2):
        sheet.write_string(offset, 0, label, formats.bold)
        sheet.write_number(offset, 1, value)
    contact_row = 2 + len(figures) + 1
    sheet.write_string(contact_row, 0, contact_line(region.with_contacts), formats.note)
    head = contact_row + 2
    sheet.write_string(head, 0, "Dekking per categorie (zwakste eerst)", formats.bold)
    columns = ["Categorie", "Verwachting", "Scholen met partner", "Aandeel scholen",
               "Partnerrijen"]
    sheet.write_row(head + 1, 0, columns, formats.header)
    first = head + 2
    for offset, stat in enumerate(region.categories):
        row = first + offset
        sheet.write_row(row, 0, [stat.label, stat.expectation, stat.schools_with])
        sheet.write_number(row, 3, stat.share, formats.percent)
        sheet.write_number(row, 4, stat.partners)
    last = first + len(region.categories) - 1
    _chart(sheet, workbook, first, last, head)
    focus_head = last + 2
    sheet.write_row(focus_head, 0, ["X-kolom", "Partnerschappen"], formats.header)
    for offset, (header, count) in enumerate(region.focus_counts, start=1):
        sheet.write_string(focus_head + offset, 0, header)
        sheet.write_number(focus_head + offset, 1, count)


def _chart(sheet: Any, workbook: Any, first: int, last: int, anchor_row: int) -> None:
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({
        "name": "Aandeel scholen met minstens één partner",
        "categories": ["Overzicht", first, 0, last, 0],
        "values": ["Overzicht", first, 3, last, 3],
        "fill": {"color": "#4472C4"},
        "data_labels": {"value": True, "num_format": "0%"},
    })
    chart.set_title({"name": "Aandeel scholen per categorie"})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "num_font": {"size": 8}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 760, "height": 90 + 26 * (last - first + 1)})
    sheet.insert_chart(anchor_row, 6, chart)


def contact_line(with_contacts: bool) -> str:
    """The Overzicht line that says whether personal contact data is in the workbook."""
    if with_contacts:
        return ("Contactgegevens (Contactpersoon, E-mail, Telefoon) zijn opgenomen: dit zijn "
                "persoonsgegevens, deel dit werkboek alleen met wie ze nodig heeft.")
    return ("Contactgegevens (Contactpersoon, E-mail, Telefoon) zijn niet opgenomen "
            "(gebruik --with-contacts om ze toe te voegen).")
