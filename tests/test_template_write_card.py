"""write_card: a pre-filled card keeps every value as the school typed it."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.template import write_card
from tests.support.template_cards import effective_style, overview_category_rows, sheet_xml


def filled_card() -> Card:
    header = Header(schoolnaam=Sourced("=Regenboog"), instellingsnummer=Sourced("030569"),
                    onderwijsniveau=Sourced("Basisonderwijs"), schooljaar=Sourced("2026-2027"),
                    datum=Sourced(date(2026, 9, 15)))
    partners = [
        Partner(row=10, sheet="Blad1", organisatie=Sourced("Vrij CLB"),
                aard=Sourced("+ overleg"), focus={"KANS": Sourced("ja"), "ZORG": Sourced("x")},
                categorie=Sourced("clb"), category_code="CLB", telefoon=Sourced("09 123 45 67"),
                sinds=Sourced(2019.0)),
        Partner(row=11, sheet="Blad1", organisatie=Sourced("@bib"), category_code=None,
                categorie=Sourced("Leesclub"), focus={"ARMOEDE": Sourced("nee")},
                email=Sourced("-info@bib.be"), sinds=Sourced("ongeveer 2015")),
        Partner(row=12, sheet="Blad1", organisatie=Sourced("Sportdienst"),
                categorie=Sourced(""), category_code="SPORT", category_guessed=True),
    ]
    return Card("oud.xlsx", "handmade", header, partners)


def grid(path: Path) -> tuple[list[str], list[tuple]]:
    sheet = openpyxl.load_workbook(path)["Netwerkkaart"]
    first, last = sheet.tables["Partners"].ref.split(":")
    rows = list(sheet.iter_rows(min_row=sheet[first].row, max_row=sheet[last].row,
                                values_only=True))
    return list(rows[0]), rows[1:]


def test_partners_are_written_as_text_with_labels_marks_and_years(vocabulary, tmp_path) -> None:
    path = write_card(tmp_path / "kaart.xlsx", vocabulary, filled_card())
    headers, rows = grid(path)
    clb, bib, sport = (dict(zip(headers, row, strict=True)) for row in rows[:3])
    assert clb["Categorie"] == "CLB" and clb["Kansenbevordering"] == "X"
    assert clb["Zorg"] == "X" and clb["Armoedebestrijding"] is None
    assert clb["Aard en specificaties"] == "+ overleg" and clb["Sinds"] == 2019
    assert clb["Telefoon"] == "09 123 45 67"
    assert bib["Organisatie"] == "@bib" and bib["Categorie"] == "Leesclub"
    assert bib["E-mail"] == "-info@bib.be" and bib["Sinds"] == "ongeveer 2015"
    assert bib["Armoedebestrijding"] is None
    assert sport["Categorie"] == "Sport"
    assert len(rows) == 3 + 60
    assert all(value is None for row in rows[3:] for value in row)
    assert "<f>" not in sheet_xml(path, "Netwerkkaart")  # no text became a formula


def test_header_keeps_leading_zero_and_a_real_date(vocabulary, tmp_path) -> None:
    book = openpyxl.load_workbook(write_card(tmp_path / "kaart.xlsx", vocabulary, filled_card()))

    def named(name: str) -> object:
        (sheet, ref), = book.defined_names[name].destinations
        return book[sheet][ref.replace("$", "")]

    assert named("Instellingsnummer").value == "030569"
    assert named("Schoolnaam").value == "=Regenboog"
    assert named("Datum").value.date() == date(2026, 9, 15)
    assert named("Datum").number_format == "dd/mm/yyyy"


def test_overzicht_cached_values_match_the_cards_partners(vocabulary, tmp_path) -> None:
    card = filled_card()
    rows = overview_category_rows(write_card(tmp_path / "kaart.xlsx", vocabulary, card))
    expected = Counter(p.category_code for p in card.partners if p.category_code)
    assert {code: row["count"] for code, row in rows.items() if row["count"]} == expected
    assert rows["KGH"]["status"] == "ontbreekt (kern)"  # basisonderwijs
    assert rows["JH"]["status"] == "ontbreekt (aanbevolen)"


def test_blank_template_is_reproducible_byte_for_byte(vocabulary, tmp_path) -> None:
    one = write_card(tmp_path / "a.xlsx", vocabulary)
    two = write_card(tmp_path / "b.xlsx", vocabulary)
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


def test_every_grid_cell_stays_editable_text_also_in_tall_partner_rows(vocabulary, tmp_path):
    """Partner rows (one made taller for wrapped text) and empty rows: each cell A..O is
    unlocked in the protected sheet, by its own style or by its column's format."""
    card = filled_card()
    card.partners[0].aard = Sourced("Overleg over leerlingen, ouders en zorg " * 4)
    path = write_card(tmp_path / "kaart.xlsx", vocabulary, card)
    sheet = openpyxl.load_workbook(path)["Netwerkkaart"]
    first, last = sheet.tables["Partners"].ref.split(":")
    rows = range(sheet[first].row + 1, sheet[last].row + 1)
    assert sheet.row_dimensions[rows[0]].height > 15  # the wrapped row is taller
    for row in rows:
        for col in range(1, 16):
            cell = sheet.cell(row, col)
            assert effective_style(cell).protection.locked is False, cell.coordinate
        text = sheet.cell(row, 7)  # Contactpersoon: empty in every row
        assert effective_style(text).number_format == "@"
