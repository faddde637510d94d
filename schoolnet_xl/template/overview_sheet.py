"""The `Overzicht` sheet: live formulas over the Partners table, with cached values.

Reusable by any XlsxWriter writer whose workbook has the `Partners` table and the
`Onderwijsniveau` and `Categorielijst` names (the template contract).
"""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core import contract, sheet_words
from schoolnet_xl.core.overview import Overview
from schoolnet_xl.core.palette import BLUE_DARK
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template.formulas import (
    column_ref,
    expectation_formula,
    mark_count,
    quote,
    status_formula,
)
from schoolnet_xl.template.styles import Styles

SUMMARY_ROW = 3  # 0-based: level, total, missing core, missing recommended
CATEGORY_HEADER_ROW = 8


def write_overview_sheet(
    workbook: Any, vocabulary: Vocabulary, overview: Overview, styles: Styles,
    name: str = contract.SHEET_OVERVIEW,
) -> Any:
    """Add the Overzicht sheet to `workbook`; every formula carries `overview`'s value.

    Returns the XlsxWriter worksheet.
    """
    sheet = workbook.add_worksheet(name)
    sheet.write_string(0, 0, sheet_words.OVERVIEW_TITLE, styles.title)
    sheet.write_string(1, 0, sheet_words.OVERVIEW_SUBTITLE, styles.subtitle)
    sheet.set_row(0, 28)
    first = CATEGORY_HEADER_ROW + 1
    last = first + len(overview.categories) - 1
    status_range = f"$E${first + 1}:$E${last + 1}"
    level_text = vocabulary.levels.get(overview.level_code or "", "")
    summary = [
        (sheet_words.OVERVIEW_LEVEL, f'{contract.HEADER_NAMES["onderwijsniveau"]}&""', level_text),
        (sheet_words.OVERVIEW_TOTAL, f"COUNTA({column_ref('Organisatie')})",
         overview.total_partners),
        (sheet_words.OVERVIEW_MISSING_CORE,
         f"COUNTIF({status_range},{quote(sheet_words.STATUS_WORDS['missing_core'])})",
         len(overview.missing_core)),
        (sheet_words.OVERVIEW_MISSING_RECOMMENDED,
         f"COUNTIF({status_range},{quote(sheet_words.STATUS_WORDS['missing_recommended'])})",
         len(overview.missing_recommended)),
    ]
    for offset, (label, formula, value) in enumerate(summary):
        row = SUMMARY_ROW + offset
        sheet.write_string(row, 0, label, styles.label_left)
        fmt = styles.count
        if isinstance(value, str):  # the level's name is wider than the counts' column
            fmt = styles.plain
            sheet.merge_range(row, 2, row, 4, "", fmt)
        sheet.write_formula(row, 2, f"={formula}", fmt, value)
    _write_categories(sheet, vocabulary, overview, styles, first)
    focus_first = last + 3
    _write_focus(sheet, vocabulary, overview, styles, focus_first)
    _add_chart(workbook, sheet, name, first, last)
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 1, 11)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 3, 12)
    sheet.set_column(4, 4, 22)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 1)
    sheet.set_footer(sheet_words.page_footer())
    return sheet


def _write_categories(
    sheet: Any, vocabulary: Vocabulary, overview: Overview, styles: Styles, first: int
) -> None:
    for col, header in enumerate(sheet_words.OVERVIEW_CATEGORY_HEADERS):
        sheet.write_string(CATEGORY_HEADER_ROW, col, header, styles.table_header)
    category_ref = column_ref(contract.grid_columns(vocabulary)[_category_index(vocabulary)][1])
    for offset, line in enumerate(overview.categories):
        row = first + offset
        excel_row = row + 1
        category = vocabulary.category(line.code)
        assert category is not None  # the lines come from this vocabulary
        sheet.write_string(row, 0, line.label)
        sheet.write_string(row, 1, line.code)
        sheet.write_formula(row, 2, f"=COUNTIF({category_ref},A{excel_row})", styles.count,
                            line.count)
        word = sheet_words.EXPECTATION_WORDS[line.expectation]
        formula = expectation_formula(category, vocabulary,
                                      contract.HEADER_NAMES["onderwijsniveau"])
        if formula is None:
            sheet.write_string(row, 3, word)
        else:
            sheet.write_formula(row, 3, f"={formula}", None, word)
        sheet.write_formula(row, 4, f"={status_formula(f'C{excel_row}', f'D{excel_row}')}",
                            None, sheet_words.STATUS_WORDS[line.status])
    top = first + 1
    for word, fmt in (("core", styles.cf_red), ("recommended", styles.cf_amber)):
        criteria = f'=AND($C{top}=0,$D{top}={quote(sheet_words.EXPECTATION_WORDS[word])})'
        sheet.conditional_format(first, 2, first + len(overview.categories) - 1, 4, {
            "type": "formula", "criteria": criteria, "format": fmt,
        })


def _category_index(vocabulary: Vocabulary) -> int:
    keys = [key for key, _ in contract.grid_columns(vocabulary)]
    return keys.index("categorie")


def _write_focus(
    sheet: Any, vocabulary: Vocabulary, overview: Overview, styles: Styles, header_row: int
) -> None:
    sheet.write_string(header_row, 0, sheet_words.OVERVIEW_FOCUS_HEADERS[0], styles.table_header)
    sheet.write_string(header_row, 1, "", styles.table_header)
    sheet.write_string(header_row, 2, sheet_words.OVERVIEW_FOCUS_HEADERS[1], styles.table_header)
    for offset, area in enumerate(vocabulary.focus):
        row = header_row + 1 + offset
        sheet.write_string(row, 0, area.header)
        sheet.write_formula(row, 2, f"={mark_count(area.header, vocabulary)}", styles.count,
                            overview.focus_counts[area.code])


def _add_chart(workbook: Any, sheet: Any, name: str, first: int, last: int) -> None:
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({
        "name": sheet_words.CHART_TITLE,
        "categories": [name, first, 0, last, 0],
        "values": [name, first, 2, last, 2],
        "fill": {"color": BLUE_DARK},
        "gap": 60,
    })
    chart.set_title({"name": sheet_words.CHART_TITLE, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    chart.set_x_axis({"major_unit": 1, "min": 0, "num_format": "0"})
    chart.set_size({"width": 640, "height": 22 * (last - first + 1) + 90})
    sheet.insert_chart(3, 6, chart)
