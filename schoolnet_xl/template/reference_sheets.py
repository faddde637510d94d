"""The reading sheets: `Categorieën` (what each category means) and `Handleiding`."""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core import contract
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template import texts
from schoolnet_xl.template.styles import Styles


def write_categories_sheet(workbook: Any, vocabulary: Vocabulary, styles: Styles) -> None:
    """Code, label, definition, examples and the expectation per onderwijsniveau."""
    sheet = workbook.add_worksheet(contract.SHEET_CATEGORIES)
    sheet.write_string(0, 0, texts.CATEGORIES_TITLE, styles.title)
    sheet.write_string(1, 0, texts.CATEGORIES_SUBTITLE, styles.subtitle)
    sheet.set_row(0, 28)
    headers = [*texts.CATEGORIES_HEADERS, *vocabulary.levels.values()]
    for col, header in enumerate(headers):
        sheet.write_string(3, col, header, styles.table_header)
    for row, cat in enumerate(vocabulary.categories, start=4):
        sheet.write_string(row, 0, cat.code, styles.body)
        sheet.write_string(row, 1, cat.label, styles.body_bold)
        sheet.write_string(row, 2, cat.definition, styles.body)
        sheet.write_string(row, 3, cat.examples, styles.body)
        for col, level in enumerate(vocabulary.levels, start=4):
            sheet.write_string(row, col, texts.LEVEL_WORDS[cat.expectation(level)], styles.body)
        sheet.set_row(row, 15 * max(_lines(cat.label, 24), _lines(cat.definition, 50),
                                    _lines(cat.examples, 42)))
    sheet.set_row(3, 45)  # three lines: "Buitengewoon secundair onderwijs"
    sheet.set_column(0, 0, 11)
    sheet.set_column(1, 1, 26)
    sheet.set_column(2, 2, 52)
    sheet.set_column(3, 3, 44)
    sheet.set_column(4, 3 + len(vocabulary.levels), 14)
    sheet.freeze_panes(4, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)


def write_manual_sheet(workbook: Any, styles: Styles) -> None:
    """Dutch instructions: purpose, filling in, privacy, the Valideer button."""
    sheet = workbook.add_worksheet(contract.SHEET_MANUAL)
    sheet.write_string(0, 0, texts.MANUAL_TITLE, styles.title)
    sheet.set_row(0, 28)
    row = 2
    for heading, paragraphs in texts.MANUAL:
        sheet.write_string(row, 0, heading, styles.heading)
        row += 1
        for paragraph in paragraphs:
            sheet.write_string(row, 0, paragraph, styles.body)
            sheet.set_row(row, 15 * _lines(paragraph, 88))
            row += 1
        row += 1
    sheet.set_column(0, 0, 95)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def _lines(text: str, per_line: int) -> int:
    """Estimated number of wrapped lines (XlsxWriter cannot autofit row heights)."""
    return max(1, -(-len(text) // per_line))
