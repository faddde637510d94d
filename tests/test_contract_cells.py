"""The reading contract: every non-empty cell of a card is read into it or named by a finding.

For every file of the read corpus, the non-empty cells (read here independently,
with calamine, over every sheet) equal the cells the card holds, plus the cells it
read as layout (header row, labels and title lines, the template's own sheets),
plus the cells its findings name (a finding's cell and its `cells` parameter).
A file that is refused is named as a whole by its refusal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from schoolnet_xl.read import read_card
from schoolnet_xl.read.accounting import card_cells, named_cells, unaccounted
from schoolnet_xl.read.file_rules import CELLS_NOT_READ, COLUMN_NOT_READ
from tests.corpus.make_corpus import make_corpus


def nonempty_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Every non-empty cell of every sheet, A1-anchored (0-based row, col)."""
    workbook = CalamineWorkbook.from_path(str(path))
    found: dict[str, set[tuple[int, int]]] = {}
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        found[name] = {(r, c) for r, row in enumerate(rows) for c, value in enumerate(row)
                       if value is not None and not (isinstance(value, str) and not value.strip())}
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("contract_corpus"))


def test_every_non_empty_cell_is_read_or_named(corpus: dict[str, Path]) -> None:
    checked = 0
    for name, path in sorted(corpus.items()):
        result = read_card(path)
        if result.card is None:
            assert result.problem is not None and result.problem.file == str(path), name
            continue
        cells = nonempty_cells(path)
        assert unaccounted(cells, result.card, result.findings) == {}, name
        # and nothing the card holds or a finding names is made up
        for sheet, used in card_cells(result.card).items():
            assert used <= cells.get(sheet, set()), (name, sheet)
        checked += 1
    assert checked >= 10


def test_what_was_dropped_silently_before_is_named_now(corpus: dict[str, Path]) -> None:
    # handmade_row6: a hidden helper column with a value, and a notes sheet
    findings = read_card(corpus["handmade_row6"]).findings
    column = next(f for f in findings if f.code == COLUMN_NOT_READ.code)
    assert (column.sheet, column.cell) == ("Partners school", "B6")
    assert "Arbeidsbemiddeling" in column.message() and "verborgen" in column.message()
    notes = next(f for f in findings if f.code == CELLS_NOT_READ.code)
    assert (notes.sheet, notes.cell) == ("Notities", "A1")
    # template_renamed_column: the Categorie cells under 'Klasse' are named, cell by cell
    renamed = read_card(corpus["template_renamed_column"]).findings
    column = next(f for f in renamed if f.code == COLUMN_NOT_READ.code)
    assert named_cells([column])["Netwerkkaart"] == {(8, 5), (9, 5), (11, 5), (13, 5)}
