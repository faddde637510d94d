"""A grid's rows read into partners: every cell with its own address, totals rows skipped.

The reader keeps the addresses of a grid's cells per row (up to `ADDRESS_ROWS`) and
pre-checks totals labels by their first character; these tests read real workbooks
whose rows go past that table and whose totals labels start with any kind of space.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from schoolnet_xl.read import read_card
from schoolnet_xl.read.grid import ADDRESS_ROWS

HEADER = ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg", "Categorie",
          "Sinds"]


def _write(path: Path, rows: list[list[object]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Netwerk")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return path


def test_every_cell_keeps_its_address_past_the_kept_rows(tmp_path):
    count = ADDRESS_ROWS + 20
    rows: list[list[object]] = [
        [f"CLB Regio {n}", f"begeleiding {n}", "X" if n % 2 else "", "" if n % 3 else "x", "CLB",
         2000 + n % 20] for n in range(count)]
    card = read_card(_write(tmp_path / "lang.xlsx", rows)).card
    assert card is not None
    assert len(card.partners) == count
    for n, partner in enumerate(card.partners):
        line = n + 2  # the header is row 1
        assert partner.row == line
        organisatie = partner.organisatie
        assert (organisatie.value, organisatie.cell) == (f"CLB Regio {n}", f"A{line}")
        assert (partner.aard.sheet, partner.aard.cell) == ("Netwerk", f"B{line}")
        kans, zorg = partner.focus["KANS"], partner.focus["ZORG"]
        assert (kans.value, kans.cell) == ("X" if n % 2 else None, f"C{line}")
        assert (zorg.value, zorg.cell) == (None if n % 3 else "x", f"D{line}")
        assert (partner.categorie.value, partner.categorie.cell) == ("CLB", f"E{line}")
        assert (partner.sinds.value, partner.sinds.cell) == (2000 + n % 20, f"F{line}")
        assert partner.email.cell == ""  # a column the grid does not have


def test_two_grids_with_other_columns_get_their_own_addresses(tmp_path):
    first = read_card(_write(tmp_path / "a.xlsx", [["CLB", "draaischijf", "X", "", "CLB", 2010]]))
    path = tmp_path / "b.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Blad1")
    sheet.write_row(2, 1, ["Categorie", "Organisatie", "Zorg"])
    sheet.write_row(3, 1, ["Bibliotheek", "Bib", "x"])
    workbook.close()
    second = read_card(path)
    assert first.card is not None and second.card is not None
    assert first.card.partners[0].categorie.cell == "E2"
    partner = second.card.partners[0]
    assert (partner.organisatie.cell, partner.categorie.cell, partner.focus["ZORG"].cell) == (
        "C4", "B4", "D4")
    assert partner.organisatie.sheet == "Blad1"


def test_totals_rows_starting_with_any_space_or_capitals_are_skipped(tmp_path):
    labels = ["Totaal", " totaal", "\u00a0Totalen", "\u2003Aantal", "\u3000SOM", "\tSubtotaal"]
    rows: list[list[object]] = [["Bib", "verteltassen", "X", "", "Bibliotheek", 2015]]
    rows += [[label, "", 1, 2, "", ""] for label in labels]
    rows += [["Sommige ouders", "vrijwilligers", "X", "", "", ""],
             ["\u2003Aantal leerlingen", "telling", "", "", "Andere", ""]]
    result = read_card(_write(tmp_path / "totalen.xlsx", rows))
    assert result.card is not None
    assert [p.organisatie.text for p in result.card.partners] == [
        "Bib", "Sommige ouders", "Aantal leerlingen"]
    skipped = sorted(f.cell for f in result.findings if f.code == "SN052")
    assert skipped == sorted(f"A{n}" for n in range(3, 3 + len(labels)))
