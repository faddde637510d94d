"""A comparison as a workbook (`compare -o evolutie.xlsx`): one A4 sheet, Dutch words.

Top: the two cards, warnings, the count per kind and the categories and X columns
gained and lost; below: one row per partnership (grouped by kind) with its kind, both names, how
they were matched and what changed. Built in memory, then written to a temporary file
beside the target and renamed into place (`core.files.write_bytes_atomically`).
"""

from __future__ import annotations

import io
from pathlib import Path

from schoolnet_xl.core.files import write_bytes_atomically
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import KINDS, Comparison
from schoolnet_xl.evolve.report import card_line
from schoolnet_xl.evolve.words import (
    category_text,
    focus_text,
    kind_text,
    match_text,
    reasons_text,
)

SHEET = ("Evolutie", "Evolution")
HEADERS = (("Soort", "Kind"), ("Organisatie", "Organisation"), ("Vorige naam", "Previous name"),
           ("Koppeling", "Match"), ("Categorie", "Category"), ("Wijzigingen", "Changes"))
WIDTHS = (30, 34, 30, 24, 24, 56)


def write_comparison(comparison: Comparison, vocabulary: Vocabulary, target: Path,
                     lang: Lang, warnings: list[str]) -> Path:
    """Write the workbook atomically at `target` (.xlsx); returns the path."""
    package = io.BytesIO()
    _write(comparison, vocabulary, package, lang, warnings)
    write_bytes_atomically(target, package.getvalue(), prefix=".~evolutie-")
    return target


def _write(comparison: Comparison, vocabulary: Vocabulary, package: io.BytesIO, lang: Lang,
           warnings: list[str]) -> None:
    import xlsxwriter  # lazy: only `compare -o` writes a workbook (80 ms to import)

    book = xlsxwriter.Workbook(package, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1,
                              "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    sheet = book.add_worksheet(say(*SHEET, lang))
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.write_string(0, 0, say("Evolutie van het netwerk: verbreed en verdiept",
                                 "How the network changed: broadened and deepened", lang), title)
    lines = [(say("Vorige kaart", "Previous card", lang), card_line(comparison.old, lang)),
             (say("Nieuwe kaart", "New card", lang), card_line(comparison.new, lang))]
    lines += [(say("Waarschuwing", "Warning", lang), w) for w in warnings]
    counts = comparison.counts()
    lines += [(kind_text(kind, lang), str(counts[kind])) for kind in KINDS]
    codes = (
        (say("Categorieën erbij", "Categories gained", lang), comparison.categories_gained,
         category_text),
        (say("Categorieën weg", "Categories lost", lang), comparison.categories_lost,
         category_text),
        (say("X-kolommen erbij", "X columns gained", lang), comparison.focus_gained, focus_text),
        (say("X-kolommen weg", "X columns lost", lang), comparison.focus_lost, focus_text),
    )
    lines += [(label, ", ".join(text(c, vocabulary) for c in found) or "-")
              for label, found, text in codes]
    row = 2
    for label, value in lines:
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, value)
        row += 1
    row += 1
    table_top = row
    for column, words in enumerate(HEADERS):
        sheet.write_string(row, column, say(*words, lang), header)
    for change in sorted(comparison.changes, key=lambda c: KINDS.index(c.kind)):
        row += 1
        previous = change.old.name if change.old and change.new else ""
        values = (kind_text(change.kind, lang), change.name, previous, match_text(change, lang),
                  category_text(change.category, vocabulary),
                  reasons_text(change, vocabulary, lang))
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, wrap)
        height = max(wrapped_lines(v, WIDTHS[c]) for c, v in enumerate(values) if v) \
            if any(values) else 1
        if height > 1:
            sheet.set_row(row, LINE_HEIGHT * height)
    sheet.autofilter(table_top, 0, max(row, table_top + 1), len(HEADERS) - 1)
    sheet.freeze_panes(table_top + 1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(table_top)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer(say("&LEvolutie&RPagina &P van &N", "&LEvolution&RPage &P of &N", lang))
    book.close()
