"""Hand-made grids: header row found by its words, marks, blank and totals rows, header lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from schoolnet_xl.read import read_card
from tests.corpus import make_corpus as corpus_files


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("handmade")


def _read(folder: Path, maker) -> object:
    path = folder / f"{maker.__name__}.xlsx"
    if not path.exists():
        maker(path)
    return read_card(path)


def test_header_on_row_3_under_a_merged_title(folder):
    result = _read(folder, corpus_files.handmade_row3)
    card = result.card
    assert card.grid_sheet == "Netwerk"
    assert card.focus_codes == ("KANS", "ZORG", "ARMOEDE")
    assert [(p.row, p.organisatie.text) for p in card.partners] == [
        (4, "CLB Brugge"), (5, "Stedelijke bib"), (8, "Welzijnsschakel De Brug"),
        (9, "Chiro Sint-Jan")]


def test_header_fields_in_the_same_cell_as_their_label(folder):
    header = _read(folder, corpus_files.handmade_row3).card.header
    assert (header.schoolnaam.text, header.schoolnaam.cell) == ("Sint-Jozefscollege", "A2")
    assert (header.schooljaar.text, header.schooljaar.cell) == ("2025-2026", "C2")
    assert (header.instellingsnummer.text, header.instellingsnummer.cell) == ("030569", "E2")


def test_lower_case_x_and_check_marks_are_kept_as_typed(folder):
    partners = _read(folder, corpus_files.handmade_row3).card.partners
    assert partners[0].focus["ZORG"].value == "x"
    assert (partners[1].focus["KANS"].value, partners[1].focus["KANS"].cell) == ("✓", "C5")


def test_labelled_totals_row_is_skipped_and_reported(folder):
    result = _read(folder, corpus_files.handmade_row3)
    totals = [f for f in result.findings if f.code == "SN052"]
    assert [(f.severity, f.cell) for f in totals] == [("info", "A10")]


def test_category_guess_names_the_cell_and_the_guess(folder):
    result = _read(folder, corpus_files.handmade_row3)
    guess = next(f for f in result.findings if f.code == "SN050")
    assert (guess.severity, guess.cell, guess.value) == ("info", "F5", "BIB")
    assert "Stedelijke bib" in guess.message() and "Bibliotheek" in guess.message()


def test_other_header_words_in_another_order_on_row_6(folder):
    card = _read(folder, corpus_files.handmade_row6).card
    assert card.grid_sheet == "Partners school"  # the sheet with the best header match
    vdab, sport, academie = card.partners
    assert (vdab.organisatie.cell, vdab.aard.text, vdab.categorie.text) == (
        "C7", "werkplekleren", "WERK")
    assert (sport.contactpersoon.text, sport.email.text) == ("Jan Peeters", "sport@antwerpen.be")
    assert (sport.category_code, sport.category_guessed) == ("SPORT", True)
    assert academie.focus["KANS"].value == "ja"
    assert academie.category_code == "CULT"


def test_hidden_helper_column_is_ignored(folder):
    card = _read(folder, corpus_files.handmade_row6).card
    # column B ("Partner (oud)") is hidden: Organisatie comes from column C
    assert card.partners[0].organisatie.text == "VDAB Antwerpen"


def test_labels_with_values_in_the_next_cell_and_a_numeric_number(folder):
    result = _read(folder, corpus_files.handmade_row6)
    header = result.card.header
    assert (header.schoolnaam.text, header.schoolnaam.cell) == ("Atheneum Zuid", "B2")
    assert (header.instellingsnummer.value, header.instellingsnummer.cell) == ("030569", "B3")
    assert header.onderwijsniveau.text == "Secundair onderwijs"
    assert header.gemeente.text == "Antwerpen"
    assert header.schooljaar.is_empty
    padded = next(f for f in result.findings if f.code == "SN051")
    assert (padded.cell, padded.value) == ("B3", "030569")
    assert "30569" in padded.message()


def test_count_only_last_row_is_skipped(folder):
    result = _read(folder, corpus_files.handmade_row6)
    assert len(result.card.partners) == 3
    assert [f.cell for f in result.findings if f.code == "SN052"] == ["C10"]


def test_blank_rows_inside_the_grid_do_not_end_it(tmp_path):
    import xlsxwriter

    path = tmp_path / "gaten.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row("A1", ["Naam organisatie", "Samenwerking", "Armoede"])
    sheet.write_row("A2", ["OCMW", "schoolkosten", "x"])
    sheet.write_row("A12", ["Voedselbank", "pakketten", "x"])  # after 9 blank rows
    sheet.write_row("A24", ["Verloren rij", "na 11 lege rijen", "x"])
    workbook.close()
    card = read_card(path).card
    assert [p.organisatie.text for p in card.partners] == ["OCMW", "Voedselbank"]


def test_the_source_texts_table_through_validate_json(folder):
    path = folder / "bron.xlsx"
    corpus_files.source_table(path)
    run = subprocess.run(
        [sys.executable, "-m", "schoolnet_xl", "validate", str(path), "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )
    document = json.loads(run.stdout)
    (card,) = document["files"]
    assert (card["status"], card["kind"]) == ("ok", "handmade")
    got = [(p["organisatie"], p["categorie"], p["categorie_guessed"], p["focus"], p["cell"])
           for p in card["partners"]]
    assert got == [
        ("De lokale openbare bibliotheek", "BIB", True, ["KANS"], "A4"),
        ("Lokale geloofsgemeenschap", "GELOOF", True, ["KANS"], "A5"),
        ("Stagiaires van de hogeschool", "HOGER", True, ["KANS"], "A6"),
        ("Integrale jeugdhulp", "JH", True, ["ZORG", "ARMOEDE"], "A7"),
        ("Serviceclubs en sponsors", "SPONSOR", True, ["ARMOEDE"], "A8"),
        ("brugfiguren", "BRUG", True, ["KANS", "ARMOEDE"], "A9"),
    ]
    guesses = [f for f in card["findings"] if f["code"] == "SN050"]
    assert [f["cell"] for f in guesses] == ["A4", "A5", "A6", "A7", "A8", "A9"]
