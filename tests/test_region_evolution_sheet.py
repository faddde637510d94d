"""The sheet Evolutie of the regional workbook, from a real three-year inbox merged by the CLI.

The inbox is tests/test_evolve_region.py's: school A (basisonderwijs) with cards for
2023-2024, 2024-2025 and 2025-2026, B (basisonderwijs) for the last two, C
(secundair) for the last one. Every expected cell is worked out by hand from
those rows (see the comments); the vocabulary's expectations are the input: every
category but Werk en economie and Andere is expected of basisonderwijs, every one
but Andere of secundair onderwijs.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from schoolnet_xl.core.vocabulary import default_vocabulary
from schoolnet_xl.merge.sheets import EVOLUTION, sheet_part
from tests.support import ooxml
from tests.support.regional import run_cli, sheet_rows
from tests.test_compare_cards import template_card
from tests.test_evolve_region import CARDS

YEARS = ["2023-2024", "2024-2025", "2025-2026"]
HEADER = ["Schoolnaam", "Instellingsnummer", "Gemeente", "Vorig schooljaar", "Schooljaar",
          "Nieuw", "Beëindigd of weg", "Verdiept", "Afgebouwd", "Ongewijzigd",
          "Categorieën erbij", "Categorieën weg"]
SCHOOLS: list[list[str | int]] = [
    # A, 2024-2025 -> 2025-2026: Sociaal Huis new; the library Beëindigd; Sportclub
    # 2 -> 1 Informeren (loosened); the CLB unchanged. OCMW gained, Bibliotheek lost.
    ["VBS De Linde", "100001", "Lokeren", "2024-2025", "2025-2026", 1, 1, 0, 1, 1,
     "OCMW / Sociaal Huis", "Bibliotheek"],
    # B: the library gone, the CLB unchanged.
    ["GBS Het Anker", "100002", "Aalst", "2024-2025", "2025-2026", 0, 1, 0, 0, 1, "",
     "Bibliotheek"],
    ["Atheneum Aalst", "100003", "Aalst", "geen vorig schooljaar", "2025-2026",
     "", "", "", "", "", "", ""],
]
# Expected schools per year: 1 (A), 2 (A, B), 3 (A, B, C); Werk en economie only C.
# Covering: 2023-2024 A has CLB and BIB; 2024-2025 A CLB, BIB, SPORT and B CLB, BIB;
# 2025-2026 A CLB, SPORT, OCMW (its library ended), B CLB, C CLB and WERK.
SHARES = {"CLB": [1, 1, 1], "OCMW / Sociaal Huis": [0, 0, 1 / 3],
          "Bibliotheek": [1, 1, 0], "Sport": [0, 0.5, 1 / 3],
          "Werk en economie": ["", "", 1]}
CATEGORY_LABELS = [c.label for c in default_vocabulary().categories if c.code != "ANDER"]
# Shared partners: 2024-2025 A and B both name the Waasland CLB ("VCLB" / "Vrij CLB")
# and the Lokeren library ("Bibliotheek" / "Bib"); 2025-2026 only the CLB.
SHARED = [["2023-2024", 1, 0], ["2024-2025", 2, 2], ["2025-2026", 3, 1]]
# From A1: the category shares, a blank row, the shared partners, a blank row, the two
# charts; the school table below them, on a printed page of its own (see _school_head).
CATEGORY_HEAD = 0
SHARED_HEAD = CATEGORY_HEAD + len(CATEGORY_LABELS) + 2
CHART_ROW = SHARED_HEAD + len(SHARED) + 2  # 0-based, the charts' top


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The inbox merged by `schoolnet-xl merge` (fast writer, with --csv), by the plain
    writer, and in English."""
    base = tmp_path_factory.mktemp("evolutie")
    inbox = base / "inbox"
    inbox.mkdir()
    vocabulary = default_vocabulary()
    for number, school, year, rows in CARDS:
        template_card(inbox / f"{number}-{year}.xlsx", year, rows, vocabulary, number, school)
    out = {"fast": base / "regio.xlsx", "plain": base / "plain" / "regio.xlsx",
           "en": base / "en" / "regio.xlsx"}
    assert run_cli("merge", inbox, "-o", out["fast"], "--csv", base / "csv").returncode == 0
    assert run_cli("merge", inbox, "-o", out["en"], "--lang", "en").returncode == 0
    plain = subprocess.run(
        [sys.executable, "-m", "schoolnet_xl", "merge", str(inbox), "-o", str(out["plain"])],
        env={**os.environ, "SCHOOLNET_XL_PLAIN_WRITER": "1"}, capture_output=True, text=True,
        timeout=300, check=False)
    assert plain.returncode == 0, plain.stderr
    return {**out, "csv": base / "csv" / "evolutie.csv", "inbox": inbox}


def _cells(path: Path) -> list[list[object]]:
    """The Evolutie sheet, numbers as int where whole (calamine gives floats)."""
    return [[int(v) if isinstance(v, float) and v.is_integer() else v for v in row]
            for row in sheet_rows(path, EVOLUTION)]


def _school_head(cells: list[list[object]], header: list[str] = HEADER) -> int:
    """The 0-based row of the school table's header (the only row that is `header`)."""
    (head,) = [index for index, row in enumerate(cells) if row == header]
    return head


def _chart_rows(path: Path) -> list[tuple[int, int]]:
    """(top, bottom) 0-based rows of each chart the Evolutie sheet anchors."""
    with zipfile.ZipFile(path) as archive:
        rels = archive.read(sheet_part(EVOLUTION).replace("worksheets/", "worksheets/_rels/")
                            + ".rels").decode()
        (drawing,) = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        xml = archive.read(f"xl/drawings/{drawing}").decode()
    tops = re.findall(r"<xdr:from>.*?<xdr:row>(\d+)</xdr:row>", xml, re.DOTALL)
    bottoms = re.findall(r"<xdr:to>.*?<xdr:row>(\d+)</xdr:row>", xml, re.DOTALL)
    return [(int(top), int(bottom)) for top, bottom in zip(tops, bottoms, strict=True)]


def test_per_school_rows_read_back(merged: dict[str, Path]) -> None:
    cells = _cells(merged["fast"])
    head = _school_head(cells)
    assert cells[head + 1:head + 4] == SCHOOLS
    assert len(cells) == head + 4  # nothing below the schools
    # Below the charts, nothing between them and the school table.
    charts = _chart_rows(merged["fast"])
    assert [top for top, _ in charts] == [CHART_ROW, CHART_ROW]
    assert all(bottom < head for _, bottom in charts)
    assert all(v == "" for row in cells[SHARED_HEAD + len(SHARED) + 1:head] for v in row)


def test_category_shares_per_year_read_back(merged: dict[str, Path]) -> None:
    cells = _cells(merged["fast"])
    head = cells[CATEGORY_HEAD]
    assert head[:4] == ["Categorie", *YEARS] and all(v == "" for v in head[4:])
    block = cells[CATEGORY_HEAD + 1:CATEGORY_HEAD + 1 + len(CATEGORY_LABELS)]
    assert [row[0] for row in block] == CATEGORY_LABELS  # Andere: expected of none
    for row in block:
        expected = SHARES.get(str(row[0]), [0, 0, 0])
        assert row[1:4] == pytest.approx(expected), row[0]
        assert all(v == "" for v in row[4:])


def test_shared_partners_per_year_read_back(merged: dict[str, Path]) -> None:
    cells = _cells(merged["fast"])
    assert cells[SHARED_HEAD][:3] == ["Schooljaar", "Scholen", "Gedeelde partners"]
    assert [row[:3] for row in cells[SHARED_HEAD + 1:SHARED_HEAD + 4]] == SHARED


def test_formats_print_setup_and_filter(merged: dict[str, Path]) -> None:
    """Printed: the tables on a page, the charts on the next, then the school table with
    its header repeated on each of its pages (and above nothing else)."""
    head = _school_head(_cells(merged["fast"]))
    sheet = load_workbook(merged["fast"])[EVOLUTION]
    row = head + 1  # 1-based
    assert sheet.auto_filter.ref == f"A{row}:L{row + 3}"
    assert sheet.print_title_rows == f"${row}:${row}"
    assert [b.id for b in sheet.row_breaks.brk] == [CHART_ROW, head]  # a break above each
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToHeight) == (9, "landscape", 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1)
    assert sheet.cell(CATEGORY_HEAD + 2, 2).number_format == "0%"
    # "geen vorig schooljaar" wraps in its 12-character column: two lines.
    assert sheet.row_dimensions[row + 3].height == 2 * 15
    assert sheet.cell(row, 6).alignment.textRotation == 90  # narrow count columns upright


def test_charts_are_in_the_package_and_drawn_from_the_tables(merged: dict[str, Path]) -> None:
    with zipfile.ZipFile(merged["fast"]) as archive:
        part = sheet_part(EVOLUTION)
        rels = archive.read(part.replace("worksheets/", "worksheets/_rels/") + ".rels").decode()
        (drawing,) = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        assert "<drawing r:id=" in archive.read(part).decode()
        drawing_rels = archive.read(f"xl/drawings/_rels/{drawing}.rels").decode()
        charts = re.findall(r'Target="\.\./charts/(chart\d+\.xml)"', drawing_rels)
        xml = [archive.read(f"xl/charts/{name}").decode() for name in charts]
    assert len(xml) == 2
    column, line = xml
    first, last = CATEGORY_HEAD + 2, CATEGORY_HEAD + 1 + len(CATEGORY_LABELS)
    assert '<c:barDir val="col"/>' in column
    assert f"<c:f>Evolutie!$A${first}:$A${last}</c:f>" in column
    for letter in "BCD":  # a series per school year
        assert f"<c:f>Evolutie!${letter}${first}:${letter}${last}</c:f>" in column
    assert "<c:lineChart>" in line
    assert (f"<c:f>Evolutie!$C${SHARED_HEAD + 2}:$C${SHARED_HEAD + 4}</c:f>") in line


def test_plain_writer_writes_the_same_workbook(merged: dict[str, Path]) -> None:
    from python_calamine import CalamineWorkbook

    fast = CalamineWorkbook.from_path(str(merged["fast"]))
    plain = CalamineWorkbook.from_path(str(merged["plain"]))
    assert fast.sheet_names == plain.sheet_names and EVOLUTION in fast.sheet_names
    for name in fast.sheet_names:
        if name == "Bronbestanden":  # read times differ from run to run
            continue
        assert (fast.get_sheet_by_name(name).to_python()
                == plain.get_sheet_by_name(name).to_python()), name
    ours, theirs = (load_workbook(merged[key])[EVOLUTION] for key in ("fast", "plain"))
    assert ours.print_title_rows == theirs.print_title_rows
    assert ours.auto_filter.ref == theirs.auto_filter.ref
    assert _chart_rows(merged["fast"]) == _chart_rows(merged["plain"])
    for row in range(1, _school_head(_cells(merged["fast"])) + 5):
        assert ours.row_dimensions[row].height == theirs.row_dimensions[row].height, row
        for column in range(1, 13):
            a, b = ours.cell(row, column), theirs.cell(row, column)
            assert (a.number_format, a.alignment.wrap_text, a.font.b) == (
                b.number_format, b.alignment.wrap_text, b.font.b), (row, column)
    with zipfile.ZipFile(merged["fast"]) as one, zipfile.ZipFile(merged["plain"]) as other:
        charts = sorted(n for n in one.namelist() if n.startswith("xl/charts/"))
        assert charts == sorted(n for n in other.namelist() if n.startswith("xl/charts/"))
        assert all(one.read(n) == other.read(n) for n in charts)


def test_english_headers(merged: dict[str, Path]) -> None:
    cells = _cells(merged["en"])
    (head,) = [index for index, row in enumerate(cells) if row[0] == "School name"]
    assert cells[head][:5] == ["School name", "Instellingsnummer", "Municipality",
                               "Previous school year", "School year"]
    assert cells[head + 3][3] == "no previous school year"
    assert cells[CATEGORY_HEAD][0] == "Category"
    assert cells[SHARED_HEAD][:3] == ["School year", "Schools", "Shared partners"]


def test_csv_holds_the_per_school_table(merged: dict[str, Path]) -> None:
    with merged["csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1:] == [[str(v) for v in row] for row in SCHOOLS]


def test_one_school_year_gives_a_note(merged: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "een.xlsx"
    latest = [str(p) for p in merged["inbox"].glob("*-2025-2026.xlsx")]
    assert run_cli("merge", *latest, "-o", out).returncode == 0
    cells = _cells(out)
    assert str(cells[0][0]).startswith("Eén schooljaar in de inbox (2025-2026): nog geen evolutie")
    assert cells[2] == ["Categorie", "2025-2026", ""]  # the one year's shares
    with zipfile.ZipFile(out) as archive:
        assert "<drawing " not in archive.read(sheet_part(EVOLUTION)).decode()


@pytest.mark.skipif(not (ooxml.SDK / "vn").exists(), reason="Open XML SDK not installed")
def test_validator_and_lint_pass(merged: dict[str, Path]) -> None:
    for key in ("fast", "plain", "en"):
        sdk = ooxml.sdkval(merged[key], timeout=300)
        assert sdk.returncode == 0, sdk.stdout + sdk.stderr
        lint = ooxml.lint(merged[key], timeout=300)
        assert lint.returncode == 0, lint.stdout + lint.stderr
