"""Template cards are read by name (defined names, the Partners table), not by position."""

from __future__ import annotations

from datetime import date

import pytest

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import load_vocabulary
from schoolnet_xl.read import card_from_workbook_data, read_card
from schoolnet_xl.read.workbook_data import SheetData, TableData, WorkbookData
from schoolnet_xl.template import write_card
from tests.corpus import make_corpus as corpus_files
from tests.support import libreoffice

COLUMNS = ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
           "Armoedebestrijding", "Categorie", "Contactpersoon", "E-mail", "Telefoon",
           "Intensiteit", "Interne trekker", "Antennefunctie", "Status", "Sinds",
           "Volgende stap"]


def _grid(rows: int, cols: int) -> list[list[object]]:
    return [[None] * cols for _ in range(rows)]


def _moved_template() -> WorkbookData:
    """A template-like book whose header cells and table sit somewhere unusual (D20/C30)."""
    rows = _grid(40, 20)
    rows[19][3] = "Lyceum Aan Zee"  # D20 = Schoolnaam
    rows[20][3] = 30569.0  # D21 = Instellingsnummer, typed as a number
    rows[21][3] = date(2026, 3, 1)  # D22 = Datum
    rows[29][2:2 + len(COLUMNS)] = COLUMNS  # table header on row 30, from column C
    rows[31][2:8] = ["Huis van het Kind", "consultatiebureau", None, "X", None,
                     "Kind en Gezin / Huis van het Kind"]
    rows[33][2:8] = ["Parochie Sint-Pieter", None, "X", None, None, None]
    sheet = SheetData("Netwerkkaart", rows, has_validations=None)
    return WorkbookData(
        path="open werkmap",
        sheets=[sheet, SheetData("_schoolnet", [["sleutel", "waarde"],
                                                ["template_version", "1.0"]])],
        names={"Schoolnaam": ("Netwerkkaart", "$D$20"),
               "Instellingsnummer": ("Netwerkkaart", "$D$21"),
               "Datum": ("Netwerkkaart", "$D$22")},
        tables={"Partners": TableData("Partners", "Netwerkkaart", "C30:Q39", COLUMNS)},
    )


def test_header_cells_are_found_through_their_defined_names(vocabulary):
    card, findings = card_from_workbook_data(_moved_template(), vocabulary)
    assert card is not None
    header = card.header
    assert (header.schoolnaam.text, header.schoolnaam.cell) == ("Lyceum Aan Zee", "D20")
    assert (header.instellingsnummer.value, header.instellingsnummer.cell) == ("030569", "D21")
    assert header.datum.value == date(2026, 3, 1)
    # names the book lacks are reported, one finding per name
    missing = sorted(f.field for f in findings if f.code == "SN403")
    assert missing == ["Gemeente", "IngevuldDoor", "Onderwijsniveau", "Scholengemeenschap",
                       "Schooljaar"]


def test_grid_rows_come_from_the_table_range_with_sheet_cells(vocabulary):
    card, _ = card_from_workbook_data(_moved_template(), vocabulary)
    assert card.kind == "template"
    assert card.template_version == "1.0"
    assert [(p.row, p.organisatie.cell, p.organisatie.text) for p in card.partners] == [
        (32, "C32", "Huis van het Kind"), (34, "C34", "Parochie Sint-Pieter")]
    huis, parochie = card.partners
    assert huis.focus["ZORG"].cell == "F32"
    assert huis.category_code == "KGH" and not huis.category_guessed
    assert (parochie.category_code, parochie.category_guessed) == ("GELOOF", True)


def test_an_open_workbook_that_cannot_tell_about_dropdowns_gets_no_dropdown_finding(vocabulary):
    _, findings = card_from_workbook_data(_moved_template(), vocabulary)
    assert "SN402" not in {f.code for f in findings}


def test_a_region_card_with_a_renamed_x_column_reads_its_own_headers(tmp_path):
    config = tmp_path / "regio.toml"
    config.write_text('[focus.KANS]\nheader = "Onderwijskansen"\n', "utf-8")
    region = load_vocabulary(config)
    path = tmp_path / "regio.xlsx"
    card = Card("", "template", header=Header(schoolnaam=Sourced("GO! Basisschool")),
                partners=[Partner(0, "", organisatie=Sourced("Bib Ronse"),
                                  focus={"KANS": Sourced("X")}, categorie=Sourced("BIB"))])
    write_card(path, region, card)
    # read with the default vocabulary: the card's stored vocabulary knows the header
    result = read_card(path)
    assert result.card.focus_codes == ("KANS", "ZORG", "ARMOEDE")
    assert result.card.partners[0].focus["KANS"].value == "X"
    assert "SN404" not in {f.code for f in result.findings}


def test_only_rows_with_content_become_partners_in_a_200_row_card(tmp_path, vocabulary):
    path = tmp_path / "groot.xlsx"
    partners = [Partner(0, "", organisatie=Sourced(f"Partner {i}"), categorie=Sourced("CLB"),
                        focus={"ZORG": Sourced("X")}) for i in range(200)]
    write_card(path, vocabulary, Card("", "template", partners=partners))
    result = read_card(path, vocabulary)
    assert result.status == "ok"
    assert len(result.card.partners) == 200
    assert result.card.partners[-1].organisatie.text == "Partner 199"
    assert result.findings == []


@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_template_card_saved_as_ods_or_xls_reads_the_same_cells(soffice, tmp_path):
    # .ods/.xls keep no Excel table or names we read: labels and header row are used
    # instead, and nothing is reported as removed.
    source = tmp_path / "kaart.xlsx"
    corpus_files.template_mistakes(source)
    expected = read_card(source).card

    def seen(card) -> tuple:
        header = card.header
        return (
            [(f.text, f.cell) for f in (header.schoolnaam, header.instellingsnummer,
                                        header.schooljaar, header.onderwijsniveau)],
            [(p.row, p.organisatie.text, p.category_code,
              {k: v.text for k, v in p.focus.items()}) for p in card.partners],
        )

    for fmt in ("ods", "xls"):
        converted = libreoffice.convert(source, fmt, tmp_path / fmt)
        result = read_card(converted)
        assert (result.status, result.kind, result.format) == ("ok", "template", fmt)
        assert [f.code for f in result.findings] == ["SN051", "SN050", "SN056"]
        assert seen(result.card) == seen(expected)



def test_table_columns_follow_each_cards_own_header_row_and_hidden_columns(vocabulary):
    # cards read one after the other with the same words: the columns worked out for one
    # header row must not serve another header row, nor the same one with a column hidden
    swapped = _moved_template()
    swapped.sheets[0].rows[29][2] = "Zorg"  # C30 now names the Zorg column first
    hidden = _moved_template()
    hidden.sheets[0].rows[29][2] = "Zorg"
    hidden.sheets[0].hidden_columns = frozenset({2})  # ... but column C is hidden
    cells = []
    for data in (_moved_template(), swapped, hidden, _moved_template()):
        card, _ = card_from_workbook_data(data, vocabulary)
        assert card is not None
        cells.append(card.partners[0].focus["ZORG"].cell)
    assert cells == ["F32", "C32", "F32", "F32"]
