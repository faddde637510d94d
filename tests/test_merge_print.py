"""The regional workbook prints well: A4 landscape, one page wide, headers repeated.

Checked twice: the page setup read back with openpyxl, and the real pages that
LibreOffice prints to PDF (page size, the sheet name and page number on every
page, the header row on every page, Overzicht with its chart on one page).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from schoolnet_xl.demo import make_demo_region
from schoolnet_xl.merge.region_map_sheet import SHEET_REGION_MAP
from schoolnet_xl.merge.sheets import SHEETS
from tests.support import libreoffice
from tests.support.regional import run_cli, sheet_rows

PRINTED = (*SHEETS, SHEET_REGION_MAP)  # merge adds the region maps' sheet last


@pytest.fixture(scope="module")
def regio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("print")
    make_demo_region(base / "inbox")
    out = base / "regio.xlsx"
    assert run_cli("merge", base / "inbox", "-o", out).returncode == 1  # one unreadable
    return out


def test_every_sheet_prints_landscape_one_page_wide_with_header_and_page_numbers(
        regio: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(regio)
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.page_setup.paperSize == 9, name  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.page_setup.fitToWidth in (None, 1), name  # None = Excel's default 1
        assert name in sheet.oddHeader.right.text
        assert sheet.oddFooter.center.text == "Pagina &P van &N"
        assert 0.25 <= sheet.page_margins.left <= 1 and 0.25 <= sheet.page_margins.top <= 1
        if name == "Overzicht":
            assert sheet.page_setup.fitToHeight in (None, 1)  # one page in all
        else:
            assert sheet.page_setup.fitToHeight == 0, name  # as many pages as needed
            if name == "Evolutie":  # its school table below the region's tables and charts
                (head,) = [row[0].row for row in sheet.iter_rows(max_col=1)
                           if row[0].value == "Schoolnaam"]
                assert head > 1 and sheet.print_title_rows == f"${head}:${head}"
                continue
            assert sheet.print_title_rows == "$1:$1", name  # header row on every page
            assert sheet.freeze_panes is not None, name


def test_every_table_sheet_has_a_filter_over_its_rows(regio: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(regio)
    for name in ("Scholen", "Dekking", "Gedeelde partners", "Bevindingen", "Bronbestanden"):
        rows = len(sheet_rows(regio, name)) if name != "Dekking" else None
        ref = workbook[name].auto_filter.ref
        assert ref and ref.startswith("A1:"), name
        if rows is not None:
            assert ref.endswith(str(rows)), (name, ref)
    assert workbook["Partners"].tables["RegioPartners"].autoFilter is not None


def _pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, count + 1)]


def _sheet_of(page: str) -> str:
    """The sheet a printed page names in its header."""
    lines = [line.strip() for line in page.splitlines()]
    by_length = sorted(PRINTED, key=len, reverse=True)
    for line in lines:
        if line.startswith("Regionale netwerkkaart"):
            found = next((name for name in by_length if line.endswith(name)), None)
            if found:
                return found
    return [line for line in lines if line in PRINTED][-1]


@pytest.mark.libreoffice
def test_libreoffice_prints_readable_landscape_pages(regio: Path, tmp_path: Path,
                                                     soffice: str) -> None:
    pdf = libreoffice.convert(regio, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    width, height = (float(v) for v in
                     info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = _pdf_pages(pdf)
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text

    # The page header: "Regionale netwerkkaart … <sheet>" on one line, or (pdftotext
    # puts the upright texts of a tall repeated header row between them) the sheet's
    # name alone on the last such line.
    sheet_of = [_sheet_of(text) for text in pages]
    assert sheet_of[0] == "Overzicht" and sheet_of.count("Overzicht") == 1
    assert "Aandeel van de scholen waar de categorie verwacht wordt" in pages[0]  # chart
    assert "X-kolom" in pages[0]  # the last table of Overzicht
    assert sorted(set(sheet_of), key=PRINTED.index) == list(PRINTED)
    last_columns = {name: sheet_rows(regio, name)[0] for name in SHEETS if name != "Overzicht"}
    for name, text in zip(sheet_of, pages, strict=True):
        if name in last_columns:  # one page wide, header row repeated on every page
            header = last_columns[name]
            assert header[0] in text and header[-1] in text, name
