"""LibreOffice, a real spreadsheet engine, agrees with the workbook we write."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.template import write_card
from tests.support import libreoffice
from tests.support.template_cards import (
    fill_card,
    formulas,
    overview_category_rows,
    sheet_xml,
    values,
)

pytestmark = pytest.mark.libreoffice

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Core categories in basisonderwijs according to TAXONOMY.md (the spec, not our code).
CORE_BAO = {"CLB", "LSC", "LOK", "OCMW", "KGH"}

TWELVE_PARTNERS = [
    {"Organisatie": "Vrij CLB Gent", "Kansenbevordering": "X", "Zorg": "X", "Categorie": "CLB"},
    {"Organisatie": "Bibliotheek Gent", "Kansenbevordering": "X", "Categorie": "Bibliotheek"},
    {"Organisatie": "Voorleesuur", "Kansenbevordering": "X", "Categorie": "Bibliotheek"},
    {"Organisatie": "Sportdienst", "Categorie": "Sport"},  # no X
    {"Organisatie": "Buurtsport", "Zorg": "X", "Categorie": "Sport"},
    {"Organisatie": "Voetbalclub", "Categorie": "Sport", "E-mail": "info(at)club.be"},
    {"Organisatie": "OCMW Gent", "Armoedebestrijding": "X", "Categorie": "OCMW / Sociaal Huis"},
    {"Organisatie": "Sociaal Huis", "Armoedebestrijding": "X", "Zorg": "X",
     "Categorie": "OCMW / Sociaal Huis"},
    {"Organisatie": "CAW Oost-Vlaanderen", "Zorg": "X", "Categorie": "CAW / JAC"},
    {"Organisatie": "Rotary", "Armoedebestrijding": "X", "Categorie": "Serviceclubs en sponsors"},
    {"Organisatie": "Chiro", "Categorie": "Jeugdwerk en vrije tijd"},  # no X
    {"Organisatie": "KSA", "Kansenbevordering": "X", "Categorie": "Jeugdwerk en vrije tijd",
     "E-mail": "ksa@ksa.be"},
]


def recalculated(source: Path, tmp_path: Path) -> Path:
    return libreoffice.recalculate(source, tmp_path / "lo")


def assert_libreoffice_agrees_with_cache(ours: Path, tmp_path: Path) -> None:
    """Every Overzicht formula: LibreOffice's value == the value we cached."""
    cells = sorted(formulas(ours, "Overzicht"))
    assert len(cells) > 40
    theirs = recalculated(ours, tmp_path)
    assert values(theirs, "Overzicht", cells) == values(ours, "Overzicht", cells)


def test_empty_template_cached_values_equal_libreoffice(soffice, vocabulary, tmp_path) -> None:
    assert_libreoffice_agrees_with_cache(write_card(tmp_path / "leeg.xlsx", vocabulary), tmp_path)


def test_prefilled_card_cached_values_equal_libreoffice(soffice, vocabulary, tmp_path) -> None:
    partners = [
        Partner(row=0, sheet="", organisatie=Sourced(p["Organisatie"]),
                focus={code: Sourced(p.get(header)) for code, header in
                       (("KANS", "Kansenbevordering"), ("ZORG", "Zorg"),
                        ("ARMOEDE", "Armoedebestrijding"))},
                category_code=vocabulary.category_code_for(p["Categorie"]))
        for p in TWELVE_PARTNERS
    ]
    card = Card("x", "template", Header(onderwijsniveau=Sourced("Secundair onderwijs")), partners)
    ours = write_card(tmp_path / "kaart.xlsx", vocabulary, card)
    assert_libreoffice_agrees_with_cache(ours, tmp_path)


def test_card_filled_by_hand_counts_and_flags_after_recalculation(
    soffice, vocabulary, tmp_path
) -> None:
    template = write_card(tmp_path / "leeg.xlsx", vocabulary)
    filled = fill_card(template, tmp_path / "ingevuld.xlsx",
                       {"Schoolnaam": "VBS De Regenboog", "Onderwijsniveau": "Basisonderwijs"},
                       TWELVE_PARTNERS)
    rows = overview_category_rows(recalculated(filled, tmp_path))
    per_label = Counter(p["Categorie"] for p in TWELVE_PARTNERS)
    assert len(per_label) == 7
    for code, row in rows.items():
        assert row["count"] == per_label.get(row["label"], 0), code
        if row["count"]:
            assert row["status"] == "aanwezig", code
        elif code in CORE_BAO:
            assert (row["expectation"], row["status"]) == ("kern", "ontbreekt (kern)"), code
        elif code != "ANDER" and code != "WERK":
            assert row["status"] == "ontbreekt (aanbevolen)", code
    assert {c for c, r in rows.items() if r["status"] == "ontbreekt (kern)"} == {"LSC", "LOK",
                                                                                  "KGH"}
    book = openpyxl.load_workbook(recalculated(filled, tmp_path / "again"), data_only=True)
    summary = {row[0]: row[2] for row in book["Overzicht"].iter_rows(
        min_row=4, max_row=7, values_only=True)}
    assert summary["Aantal partners (met naam)"] == 12
    assert summary["Kerncategorieën zonder partner"] == 3
    focus = {row[0]: row[2] for row in book["Overzicht"].iter_rows(values_only=True)
             if row[0] in ("Kansenbevordering", "Zorg", "Armoedebestrijding")}
    assert focus == {
        header: sum(1 for p in TWELVE_PARTNERS if p.get(header) == "X")
        for header in ("Kansenbevordering", "Zorg", "Armoedebestrijding")
    }


def _validations_and_hints(path: Path) -> tuple[dict[str, str], list[str]]:
    """List dropdowns (first cell -> formula1) and CF formulas of the Netwerkkaart sheet."""
    root = ElementTree.fromstring(sheet_xml(path, "Netwerkkaart"))
    lists = {
        v.get("sqref").split(":")[0]: v.find(f"{MAIN}formula1").text
        for v in root.iter(f"{MAIN}dataValidation") if v.get("type") == "list"
    }
    hints = [f.text for f in root.iter(f"{MAIN}formula")]
    return lists, hints


def test_dropdowns_and_hints_survive_openpyxl_and_libreoffice(soffice, vocabulary, tmp_path):
    template = write_card(tmp_path / "leeg.xlsx", vocabulary)
    filled = fill_card(template, tmp_path / "ingevuld.xlsx", {}, TWELVE_PARTNERS)
    lists, hints = _validations_and_hints(template)
    for path in (filled, recalculated(filled, tmp_path)):
        after_lists, after_hints = _validations_and_hints(path)
        assert {cell: f.lstrip("=") for cell, f in after_lists.items()} == lists, path
        assert set(after_lists.values()) <= {"Categorielijst", "Xlijst", "Intensiteitlijst",
                                             "Antennelijst", "Statuslijst", "Niveaulijst"}
        assert len(after_hints) == len(hints) == 5, path
        assert any("Categorielijst" in h for h in after_hints)
        book = openpyxl.load_workbook(path)
        assert "Categorielijst" in book.defined_names


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_netwerkkaart_prints_a4_landscape_one_page_wide(soffice, vocabulary, tmp_path) -> None:
    partners = [Partner(row=0, sheet="", organisatie=Sourced(f"Partner {i}"),
                        volgende_stap=Sourced(f"stap {i}")) for i in range(150)]
    card = write_card(tmp_path / "groot.xlsx", vocabulary, Card("x", "template", partners=partners))
    book = openpyxl.load_workbook(card)
    for name in book.sheetnames[1:]:
        book[name].sheet_state = "hidden"
    only_grid = tmp_path / "netwerkkaart_alleen.xlsx"
    book.save(only_grid)
    pdf = libreoffice.convert(only_grid, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert pages >= 2 and len(sizes) == pages
    assert all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in sizes)
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        # The first and the last column header on every page: one page wide, header repeated.
        assert "Organisatie" in text and "Volgende stap" in text, page
    last_page = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
    assert "Partner 149" in last_page


ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def test_libreoffice_lets_staff_type_in_every_empty_grid_cell(soffice, vocabulary, tmp_path):
    """The empty grid cells have no record of their own: their format is the column's
    (lean XML). LibreOffice must apply it: every cell A..O of the 60 empty rows is
    unprotected in the protected sheet (by its own style or its column's default)."""
    card = tmp_path / "kaart.xlsx"
    write_card(card, vocabulary)
    ods = libreoffice.convert(card, "ods", tmp_path / "ods")
    with zipfile.ZipFile(ods) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    t, s = ODS_TABLE, ODS_STYLE
    unprotected = {
        style.get(f"{s}name")
        for style in root.iter(f"{s}style")
        for props in style.iter(f"{s}table-cell-properties")
        if props.get(f"{s}cell-protect") == "none"
    }
    sheet = next(root.iter(f"{t}table"))
    assert sheet.get(f"{t}protected") == "true"
    defaults: list[str | None] = []  # per column: the style of a cell without its own
    for column in sheet.iter(f"{t}table-column"):
        repeat = min(int(column.get(f"{t}number-columns-repeated", "1")), 20)
        defaults += [column.get(f"{t}default-cell-style-name")] * repeat
    rows: list[list[str | None]] = []  # per sheet row, per column: the cell's style
    for row in sheet.iter(f"{t}table-row"):
        cells: list[str | None] = []
        for cell in row:
            repeat = int(cell.get(f"{t}number-columns-repeated", "1"))
            cells += [cell.get(f"{t}style-name")] * min(repeat, 20)
        cells = [own or defaults[col] for col, own in enumerate(cells[:15])]
        rows += [cells] * min(int(row.get(f"{t}number-rows-repeated", "1")), 300)
    table_rows = rows[9:9 + 60]  # the template: header on row 9, then 60 empty rows
    assert len(table_rows) == 60
    assert all(style in unprotected for cells in table_rows for style in cells), table_rows[0]
