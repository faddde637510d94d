"""The reading sheets: `Categorieën` (what each category means) and `Handleiding`."""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core import contract
from schoolnet_xl.core.sheet_words import page_footer
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template import texts
from schoolnet_xl.template.styles import Styles

# Code, Categorie, Omschrijving, Voorbeelden, then one column per onderwijsniveau.
CATEGORY_WIDTHS = (11, 26, 52, 44)
LEVEL_WIDTH = 14
MANUAL_WIDTH = 95


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
        sheet.set_row(row, LINE_HEIGHT * max(
            wrapped_lines(cat.label, CATEGORY_WIDTHS[1], bold=True),
            wrapped_lines(cat.definition, CATEGORY_WIDTHS[2]),
            wrapped_lines(cat.examples, CATEGORY_WIDTHS[3])))
    widths = [*CATEGORY_WIDTHS, *[LEVEL_WIDTH] * len(vocabulary.levels)]
    # e.g. three lines: "Buitengewoon secundair onderwijs"
    sheet.set_row(3, LINE_HEIGHT * max(wrapped_lines(header, width, bold=True)
                                       for header, width in zip(headers, widths, strict=True)))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(4, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)
    sheet.set_footer(page_footer())


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
            sheet.set_row(row, LINE_HEIGHT * wrapped_lines(paragraph, MANUAL_WIDTH))
            row += 1
        row += 1
    sheet.set_column(0, 0, MANUAL_WIDTH)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer(page_footer())
