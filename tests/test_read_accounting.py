"""The sweep of a grid's sheet: falsy values (0, False) and odd blanks are accounted for.

The sweep skips empty rows and empty text quickly; these workbooks put the values a
quick skip could lose (a 0, False, 0.0, whitespace-only text) above the header row and
below the grid, and check each lands where the contract says.
"""

from __future__ import annotations

import xlsxwriter

from schoolnet_xl.read import read_card
from schoolnet_xl.read.accounting import named_cells, unaccounted
from schoolnet_xl.read.file_rules import CELLS_NOT_READ
from tests.test_contract_cells import nonempty_cells


def test_zeros_and_false_around_the_grid_are_named(tmp_path):
    path = tmp_path / "nullen.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Netwerk")
    sheet.write("A1", "Netwerkkaart")
    sheet.write_number("C1", 0)
    sheet.write_boolean("E2", False)
    sheet.write_string("B2", "   ")
    sheet.write_row("A4", ["Organisatie", "Aard en specificaties", "Zorg", "Categorie"])
    sheet.write_row("A5", ["CLB", "draaischijf", "X", "CLB"])
    sheet.write_row("A6", ["Bib", "verteltassen", "", "Bibliotheek"])
    sheet.write_number("D20", 0.0)  # below the grid, after more than ten blank rows
    sheet.write_boolean("B21", False)
    workbook.close()
    result = read_card(path)
    assert result.card is not None
    assert [p.organisatie.text for p in result.card.partners] == ["CLB", "Bib"]
    assert result.card.layout["Netwerk"] is not None
    assert (0, 0) in result.card.layout["Netwerk"]  # the title line
    outside = next(f for f in result.findings if f.code == CELLS_NOT_READ.code)
    assert named_cells([outside])["Netwerk"] == {(0, 2), (1, 4), (19, 3), (20, 1)}
    assert unaccounted(nonempty_cells(path), result.card, result.findings) == {}
