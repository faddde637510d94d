"""The three commands of the Excel button, over any open `xw.Book`.

Engine-agnostic: only values, fills, notes, formulas, sheets and alerts, which
both the desktop engines (RunPython) and the remote engine (xlwings Server)
support. Each reads the open card with the file reader's own function and
judges it with the CLI's own rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schoolnet_xl.core import contract
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.overview import compute_overview
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.excel import overview_sheet, validation
from schoolnet_xl.excel.marks import MarkStore, clear_marks
from schoolnet_xl.excel.open_card import configured_vocabulary, read_open_card
from schoolnet_xl.read.from_book import workbook_data_names
from schoolnet_xl.validate.check import check_card
from schoolnet_xl.validate.engine import sort_findings

if TYPE_CHECKING:
    import xlwings as xw


def valideer(book: xw.Book, vocabulary: Vocabulary | None = None,
             lang: Lang = "nl") -> list[Finding]:
    """Validate the open card: clear the previous marks, mark the problem cells,
    write a fresh `Validatie` sheet and show the totals. Returns the findings."""
    vocabulary = vocabulary or configured_vocabulary()
    card, read_findings, vocabulary = read_open_card(book, vocabulary, lang)
    rule_findings, _missing = check_card(card, vocabulary)
    findings = [_in_book(f, book.name)
                for f in sort_findings([*read_findings, *rule_findings])]
    store = MarkStore(book)
    previous = store.load()
    clear_marks(book, [m for m in previous if m.by == validation.COMMAND])
    marks = []
    if store.available:
        marks = validation.mark_findings(book, findings, _header_cells(book), lang)
        store.save([m for m in previous if m.by != validation.COMMAND] + marks)
    sheet = validation.write_validation_sheet(book, findings, card.grid_sheet, lang)
    if findings:
        sheet.activate()
    book.app.alert(validation.totals_message(findings, lang, marked=store.available),
                   title=say("Valideer", "Validate", lang))
    return findings


def ontbrekende_categorieen(book: xw.Book, vocabulary: Vocabulary | None = None,
                            lang: Lang = "nl") -> dict[str, list[str]]:
    """Mark the missing core (red) and recommended (amber) categories on `Overzicht`
    and list whom to look for. Returns {"core": [...], "recommended": [...]}."""
    vocabulary = vocabulary or configured_vocabulary()
    card, _, vocabulary = read_open_card(book, vocabulary, lang)
    _, missing = check_card(card, vocabulary)
    message = overview_sheet.show_missing(book, missing, vocabulary, lang)
    book.app.alert(message, title=say("Ontbrekende categorieën", "Missing categories", lang))
    return missing


def overzicht_vernieuwen(book: xw.Book, vocabulary: Vocabulary | None = None,
                         lang: Lang = "nl") -> list[str]:
    """Write the counts computed from the grid into `Overzicht` where the sheet shows
    other values (formulas that were not recalculated). Returns the cells written."""
    vocabulary = vocabulary or configured_vocabulary()
    card, _, vocabulary = read_open_card(book, vocabulary, lang)
    written = overview_sheet.refresh(book, compute_overview(card, vocabulary), vocabulary, lang)
    if written:
        message = say(f"Overzicht vernieuwd: {len(written)} "
                      f"{'cel' if len(written) == 1 else 'cellen'} bijgewerkt.",
                      f"Overview refreshed: {len(written)} "
                      f"{'cell' if len(written) == 1 else 'cells'} updated.", lang)
    else:
        message = say("Het Overzicht klopt al met de tabel.",
                      "The overview already matches the grid.", lang)
    book.app.alert(message, title=say("Overzicht vernieuwen", "Refresh overview", lang))
    return written


def _in_book(finding: Finding, name: str) -> Finding:
    """The finding with `file` set to the open book's name."""
    from dataclasses import replace

    return finding if finding.file else replace(finding, file=name)


def _header_cells(book: xw.Book) -> set[tuple[str, str]]:
    """(sheet, A1) of the header input cells, found by their defined names."""
    names = workbook_data_names(book)
    return {(sheet, address.replace("$", "")) for key, (sheet, address) in names.items()
            if key in contract.HEADER_NAMES.values()}
