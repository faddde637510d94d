"""`Overzicht` for the button: find its tables by their header words, mark the
missing categories, list whom to look for, and rewrite stale counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from schoolnet_xl.core import contract, sheet_words
from schoolnet_xl.core.cells import a1
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import CellValue
from schoolnet_xl.core.text import fold_words as fold
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.excel.marks import Mark, MarkStore, clear_marks
from schoolnet_xl.excel.sheets import as_text_cell, find_sheet
from schoolnet_xl.excel.validation import fills
from schoolnet_xl.read.from_book import sheet_rows

if TYPE_CHECKING:
    import xlwings as xw

    from schoolnet_xl.core.overview import Overview

COMMAND = "ontbrekende_categorieen"
BLOCK_TITLE = "Naar wie zoeken? Ontbrekende categorieën"


@dataclass
class OverviewLayout:
    """Where things are on the Overzicht sheet (0-based rows/columns), found by text."""

    rows: list[list[Any]]
    columns: dict[str, int] = field(default_factory=dict)  # category header word -> column
    category_rows: dict[str, int] = field(default_factory=dict)  # category code -> row
    summary_rows: dict[str, int] = field(default_factory=dict)  # summary label -> row
    focus_count_column: int | None = None
    focus_rows: dict[str, int] = field(default_factory=dict)  # focus header -> row

    def text(self, row: int, col: int) -> str:
        if row < len(self.rows) and col < len(self.rows[row]):
            value = self.rows[row][col]
            return "" if value is None else str(value).strip()
        return ""


def locate(sheet: xw.Sheet) -> OverviewLayout | None:
    """Find the category table (header words), the summary labels and the focus table."""
    found = OverviewLayout(sheet_rows(sheet))
    wanted = [fold(word) for word in sheet_words.OVERVIEW_CATEGORY_HEADERS]
    summary = {fold(label): label for label in (
        sheet_words.OVERVIEW_TOTAL, sheet_words.OVERVIEW_MISSING_CORE,
        sheet_words.OVERVIEW_MISSING_RECOMMENDED)}
    focus_header = fold(sheet_words.OVERVIEW_FOCUS_HEADERS[0])
    focus_count = fold(sheet_words.OVERVIEW_FOCUS_HEADERS[1])
    for r, row in enumerate(found.rows):
        folded = [fold(v) for v in row]
        if not found.columns and all(word in folded for word in wanted):
            found.columns = {sheet_words.OVERVIEW_CATEGORY_HEADERS[i]: folded.index(word)
                             for i, word in enumerate(wanted)}
            _category_rows(found, r)
        if focus_header in folded and focus_count in folded:
            found.focus_count_column = folded.index(focus_count)
            _focus_rows(found, r, folded.index(focus_header))
        for value in folded:
            if value in summary:
                found.summary_rows[summary[value]] = r
    return found if found.columns else None


def _category_rows(found: OverviewLayout, header_row: int) -> None:
    code_col = found.columns["Code"]
    row = header_row + 1
    while found.text(row, code_col):
        found.category_rows[found.text(row, code_col)] = row
        row += 1


def _focus_rows(found: OverviewLayout, header_row: int, label_col: int) -> None:
    row = header_row + 1
    while found.text(row, label_col):
        found.focus_rows[found.text(row, label_col)] = row
        row += 1


def show_missing(book: xw.Book, missing: dict[str, list[str]], vocabulary: Vocabulary,
                 lang: Lang) -> str:
    """Mark and list the missing categories on Overzicht; return the alert text."""
    summary = _missing_summary(missing, lang)
    sheet = find_sheet(book, contract.SHEET_OVERVIEW)
    found = locate(sheet) if sheet is not None else None
    if sheet is None or found is None:
        return summary + "\n\n" + "\n".join(_plain_list(missing, vocabulary, lang))
    store = MarkStore(book)
    previous = store.load()
    clear_marks(book, [m for m in previous if m.by == COMMAND])
    marks = _mark_rows(sheet, found, missing)
    if store.available:
        store.save([m for m in previous if m.by != COMMAND] + marks)
    _write_block(sheet, found, missing, vocabulary, lang)
    sheet.activate()
    return summary + say(" — zie blad Overzicht.", " — see the Overzicht sheet.", lang)


def _mark_rows(sheet: xw.Sheet, found: OverviewLayout,
               missing: dict[str, list[str]]) -> list[Mark]:
    colours = fills()
    first, last = min(found.columns.values()), max(found.columns.values())
    marks = []
    for kind, severity in (("core", "fout"), ("recommended", "waarschuwing")):
        for code in missing.get(kind, []):
            row = found.category_rows.get(code)
            if row is None:
                continue
            address = f"{a1(row, first)}:{a1(row, last)}"
            sheet.range(address).color = colours[severity]
            marks.append(Mark(sheet.name, address, COMMAND))
    return marks


def _write_block(sheet: xw.Sheet, found: OverviewLayout, missing: dict[str, list[str]],
                 vocabulary: Vocabulary, lang: Lang) -> None:
    """The 'whom to look for' list below the sheet's content, replacing an earlier one."""
    title_row = next((r for r, row in enumerate(found.rows)
                      if row and fold(row[0]) == fold(BLOCK_TITLE)), None)
    if title_row is not None:
        sheet.range((title_row + 1, 1), (max(len(found.rows), title_row + 1), 5)).clear_contents()
    else:
        title_row = len(found.rows) + 1
    headers = [say("Categorie", "Category", lang), "Code", say("Verwachting", "Expected", lang),
               say("Omschrijving", "Definition", lang), say("Voorbeelden", "Examples", lang)]
    lines = _block_lines(missing, vocabulary, lang)
    body = lines or [[say("Alle kern- en aanbevolen categorieën hebben een partner.",
                          "Every core and recommended category has a partner.", lang),
                      "", "", "", ""]]
    sheet.range((title_row + 1, 1)).value = BLOCK_TITLE
    sheet.range((title_row + 1, 1)).font.bold = True
    sheet.range((title_row + 2, 1)).value = [headers]
    sheet.range((title_row + 2, 1), (title_row + 2, 5)).font.bold = True
    sheet.range((title_row + 3, 1)).value = body


def _block_lines(missing: dict[str, list[str]], vocabulary: Vocabulary,
                 lang: Lang) -> list[list[CellValue]]:
    lines: list[list[CellValue]] = []
    for kind in ("core", "recommended"):
        for code in missing.get(kind, []):
            category = vocabulary.category(code)
            if category is None:
                continue
            label = category.label_en if lang == "en" and category.label_en else category.label
            lines.append([label, code, sheet_words.EXPECTATION_WORDS[kind],
                          as_text_cell(category.definition), as_text_cell(category.examples)])
    return lines


def _plain_list(missing: dict[str, list[str]], vocabulary: Vocabulary,
                lang: Lang) -> list[str]:
    return [f"{line[0]} ({line[2]}): {line[3]}" for line in
            _block_lines(missing, vocabulary, lang)]


def _missing_summary(missing: dict[str, list[str]], lang: Lang) -> str:
    core, recommended = len(missing.get("core", [])), len(missing.get("recommended", []))
    if core == 0 and recommended == 0:
        return say("Alle kern- en aanbevolen categorieën hebben een partner",
                   "Every core and recommended category has a partner", lang)
    return say(
        f"{core} {'kerncategorie' if core == 1 else 'kerncategorieën'} en {recommended} "
        f"aanbevolen {'categorie' if recommended == 1 else 'categorieën'} zonder partner",
        f"{core} core and {recommended} recommended "
        f"{'category' if core + recommended == 1 else 'categories'} without a partner", lang)


def refresh(book: xw.Book, overview: Overview, vocabulary: Vocabulary, lang: Lang) -> list[str]:
    """Write the overview's numbers and words where Overzicht shows something else.

    Cells that already show the right value keep their formulas; a rewritten
    cell holds the value (Excel had not recalculated it). Returns the cells written.
    """
    import xlwings as xw

    sheet = find_sheet(book, contract.SHEET_OVERVIEW)
    found = locate(sheet) if sheet is not None else None
    if sheet is None or found is None:
        raise xw.XlwingsError(say(
            "Het blad Overzicht ontbreekt of heeft geen tabel met de kolommen Categorie, Code, "
            "Partners, Verwachting en Status. Maak het opnieuw met 'schoolnet-xl summary'.",
            "The Overzicht sheet is missing or has no table with the columns Categorie, Code, "
            "Partners, Verwachting and Status. Rebuild it with 'schoolnet-xl summary'.", lang))
    wanted: dict[tuple[int, int], int | str] = {}
    count_col = found.columns["Partners"]
    for line in overview.categories:
        row = found.category_rows.get(line.code)
        if row is None:
            continue
        wanted[(row, count_col)] = line.count
        expectation = sheet_words.EXPECTATION_WORDS[line.expectation]
        wanted[(row, found.columns["Verwachting"])] = expectation
        wanted[(row, found.columns["Status"])] = sheet_words.STATUS_WORDS[line.status]
    summary_values = {sheet_words.OVERVIEW_TOTAL: overview.total_partners,
                      sheet_words.OVERVIEW_MISSING_CORE: len(overview.missing_core),
                      sheet_words.OVERVIEW_MISSING_RECOMMENDED: len(overview.missing_recommended)}
    for label, value in summary_values.items():
        if label in found.summary_rows:
            wanted[(found.summary_rows[label], count_col)] = value
    if found.focus_count_column is not None:
        for area in vocabulary.focus:
            if area.header in found.focus_rows:
                wanted[(found.focus_rows[area.header], found.focus_count_column)] = \
                    overview.focus_counts[area.code]
    written = []
    for (row, col), wanted_value in wanted.items():
        if not _same(_shown(found, row, col), wanted_value):
            sheet.range((row + 1, col + 1)).value = wanted_value
            written.append(a1(row, col))
    return written


def _shown(found: OverviewLayout, row: int, col: int) -> Any:
    if row < len(found.rows) and col < len(found.rows[row]):
        return found.rows[row][col]
    return None


def _same(shown: Any, wanted: int | str) -> bool:
    if isinstance(wanted, int):
        return isinstance(shown, int | float) and not isinstance(shown, bool) \
            and float(shown) == wanted
    return ("" if shown is None else str(shown).strip()) == wanted
