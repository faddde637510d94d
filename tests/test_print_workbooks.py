"""Every sheet the project writes reads well on screen and on paper.

Five real workbooks — the blank template, a filled card, that card after
`summary`, a findings report and the demo region merged (with one more school
whose onderwijsniveau is the longest) — are printed to PDF by LibreOffice in one
run, with Carlito standing in for Calibri as it does on Excel users' screens.
Checked per sheet: the pages (A4 landscape, how many, what is on them), that
no cell's text is wider than its column or taller than its row (measured with
the font's own glyphs), that rows are no more than a line taller than their
text, and that the blank card prints at least 20 ruled rows of writing height.
(A feedback workbook does not exist yet: nothing to check for it.)
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card, make_demo_region
from schoolnet_xl.edit.summary import summarize
from schoolnet_xl.merge import merge_files
from schoolnet_xl.merge.region_map_sheet import SHEET_REGION_MAP
from schoolnet_xl.merge.sheets import SHEETS
from schoolnet_xl.report.workbook import write_findings_workbook
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.check import check_file
from tests.support import libreoffice
from tests.support.libreoffice import MM, Metrics, Page, layout_problems, pdf_pages, ruled_lines

CARD_SHEETS = ["Netwerkkaart", "Overzicht", "Validatie", "Netwerk", "Categorieën", "Handleiding"]
LONGEST_LEVEL = "Buitengewoon basisonderwijs"
A4_LANDSCAPE = (842, 595)


@dataclass
class Printed:
    """A workbook and its printed pages."""

    xlsx: Path
    pages: list[Page]
    pdf: Path

    def of(self, sheet: str) -> list[Page]:
        return [page for page in self.pages if page.sheet == sheet]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> dict[str, Path]:
    """The five workbooks, written by the project's own functions."""
    base = tmp_path_factory.mktemp("print")
    inbox = base / "inbox"
    make_demo_region(inbox)
    write_card(inbox / "mail" / "Netwerkkaart Buitengewoon Basisonderwijs De Horizon.xlsx",
               vocabulary, make_card(random.Random(5), 5, partners=9, level=LONGEST_LEVEL))
    books = base / "books"
    books.mkdir()
    paths = {name: books / f"{name}.xlsx"
             for name in ("sjabloon", "kaart", "samenvatting", "bevindingen", "regio")}
    write_card(paths["sjabloon"], vocabulary)
    write_card(paths["kaart"], vocabulary, make_card(random.Random(3), 3, partners=16))
    shutil.copyfile(paths["kaart"], paths["samenvatting"])
    summarize(paths["samenvatting"], vocabulary, backup=False)
    cards = sorted(inbox.rglob("*.xlsx"))
    write_findings_workbook([check_file(card, vocabulary) for card in cards
                             if not card.name.startswith("~$")], paths["bevindingen"])
    merge_files([str(inbox)], paths["regio"], jobs=1)
    return paths


@pytest.fixture(scope="module")
def printed(workbooks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
            metrics: Metrics) -> dict[str, Printed]:
    libreoffice.require_soffice()
    pdfs = libreoffice.convert_many(list(workbooks.values()), "pdf",
                                    tmp_path_factory.mktemp("pdf"))
    names = {**{n: [*CARD_SHEETS] for n in ("sjabloon", "kaart", "samenvatting")},
             "bevindingen": ["Bevindingen"], "regio": [*SHEETS, SHEET_REGION_MAP]}
    return {name: Printed(xlsx, pdf_pages(pdf, names[name]), pdf)
            for (name, xlsx), pdf in zip(workbooks.items(), pdfs, strict=True)}


@pytest.mark.parametrize("name", ["sjabloon", "kaart", "samenvatting", "bevindingen", "regio"])
def test_no_text_is_wider_than_its_column_nor_taller_than_its_row(
        workbooks: dict[str, Path], metrics: Metrics, name: str) -> None:
    problems = layout_problems(workbooks[name], metrics)
    assert problems, "the workbook has visible sheets"
    assert {sheet: found for sheet, found in problems.items() if found} == {}


PAGES = {  # (sheet, pages) in print order; None: as many as its rows need, at least one
    "sjabloon": [("Netwerkkaart", 1), ("Overzicht", 1), ("Categorieën", 1),
                 ("Handleiding", 2)],
    "kaart": [("Netwerkkaart", 1), ("Overzicht", 1), ("Categorieën", 1), ("Handleiding", 2)],
    "samenvatting": [("Netwerkkaart", 1), ("Overzicht", 1), ("Validatie", 1), ("Netwerk", 1),
                     ("Categorieën", 1), ("Handleiding", 2)],
    "bevindingen": [("Bevindingen", None)],
    "regio": [("Overzicht", 1), *((sheet, None) for sheet in (*SHEETS[1:], SHEET_REGION_MAP))],
}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(PAGES))
def test_every_sheet_prints_a4_landscape_on_the_pages_expected(
        printed: dict[str, Printed], name: str) -> None:
    pages = printed[name].pages
    assert all((round(p.width), round(p.height)) == A4_LANDSCAPE for p in pages)
    assert all(p.landscape for p in pages)
    assert None not in [p.sheet for p in pages], "every page names its sheet"
    order = list(dict.fromkeys(p.sheet for p in pages))
    assert order == [sheet for sheet, _ in PAGES[name]]
    for sheet, count in PAGES[name]:
        found = printed[name].of(sheet)
        assert len(found) == count if count else len(found) >= 1, (sheet, len(found))
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page.band(0.9, 1.0), number


@pytest.mark.libreoffice
def test_the_blank_card_prints_its_header_block_and_20_ruled_rows_of_writing_height(
        printed: dict[str, Printed]) -> None:
    [page] = printed["sjabloon"].of("Netwerkkaart")
    for label in ("Schoolnaam", "Instellingsnummer", "Gemeente", "Schooljaar", "Datum",
                  "Organisatie", "Volgende stap"):
        assert label in page.text
    footer = page.band(0.9, 1.0)
    assert "Netwerkkaart" in footer and "schooljaar ____" in footer and "Pagina 1" in footer
    header_bottom = max(w.y_max for w in page.words if w.text == "Organisatie")
    lines = [y for y in ruled_lines(printed["sjabloon"].pdf, page.number) if y > header_bottom]
    # The header bar's lower edge is the first row's top rule: each rule below is a row.
    assert len(lines) >= 20, lines
    gaps = [b - a for a, b in zip([header_bottom, *lines], lines, strict=False)]
    rows = gaps[1:20]  # 6-7 mm a row: room to write by hand (72 dpi: a point either way)
    assert sum(rows) / len(rows) >= 6 * MM and min(rows) >= 6 * MM - 1.5, gaps


@pytest.mark.libreoffice
def test_a_filled_card_prints_one_page_wide_with_school_and_year_in_the_footer(
        printed: dict[str, Printed], workbooks: dict[str, Path]) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(workbooks["kaart"])["Netwerkkaart"]
    school, year = sheet["B4"].value, sheet["G5"].value
    assert school and year
    pages = printed["kaart"].of("Netwerkkaart")
    for page in pages:
        assert "Organisatie" in page.text and "Volgende stap" in page.text  # header repeated
        footer = page.band(0.9, 1.0)
        assert school.split()[0] in footer and year in footer
    assert sheet.print_title_rows == "$9:$9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToHeight == 0


@pytest.mark.libreoffice
def test_the_reading_sheets_print_every_text_on_whole_pages(
        printed: dict[str, Printed], vocabulary: Vocabulary) -> None:
    categories = " ".join(p.text for p in printed["kaart"].of("Categorieën"))
    for category in vocabulary.categories:
        assert category.code in categories
    manual = " ".join(p.text for p in printed["kaart"].of("Handleiding"))
    assert "Privacy" in manual and "Valideer" in manual
    for page in printed["kaart"].of("Categorieën"):  # the header row on every page
        assert "Omschrijving" in page.text and "Voorbeelden" in page.text
    for page in printed["kaart"].pages:
        assert all(w.x_max <= page.width - 0.3 * 72 for w in page.words), page.number


@pytest.mark.libreoffice
def test_the_validatie_sheet_after_summary_has_a_title_the_card_and_the_time(
        printed: dict[str, Printed]) -> None:
    [page] = printed["samenvatting"].of("Validatie")
    assert "Validatie van de netwerkkaart" in page.band(0.0, 0.2)
    assert "Kaart: samenvatting.xlsx - gecontroleerd op" in page.band(0.0, 0.2)
    for header in ("Ernst", "Code", "Cel", "Melding", "Tip"):
        assert header in page.text


@pytest.mark.libreoffice
def test_the_findings_report_repeats_its_header_on_every_page(
        printed: dict[str, Printed]) -> None:
    for page in printed["bevindingen"].pages:
        assert "Bestand" in page.text and "Tip" in page.text, page.number


@pytest.mark.libreoffice
def test_regional_text_stays_in_its_column(printed: dict[str, Printed]) -> None:
    """The longest onderwijsniveau wraps within its column; SHA-256 values stay on the page."""
    regio = printed["regio"]
    for page in regio.of("Scholen"):
        level = next(w for w in page.words if w.text == "Onderwijsniveau")
        gemeente = next(w for w in page.words if w.text == "Gemeente")
        for word in page.words:
            if word.y_min > level.y_max and level.x_min - 1 <= word.x_min < gemeente.x_min:
                assert word.x_max <= gemeente.x_min, word  # stays in its column
    assert LONGEST_LEVEL.split()[0] in " ".join(p.text for p in regio.of("Scholen"))
    for page in regio.pages:
        assert all(w.x_max <= page.width - 0.3 * 72 for w in page.words), page.number


def test_nothing_is_coloured_outside_the_validatie_table(workbooks: dict[str, Path]) -> None:
    import openpyxl

    from schoolnet_xl.core.sheet_words import VALIDATION_HEADER_ROW

    sheet = openpyxl.load_workbook(workbooks["samenvatting"])["Validatie"]
    header = VALIDATION_HEADER_ROW + 1  # 1-based
    last = max(cell.row for row in sheet.iter_rows() for cell in row if cell.value is not None)
    assert last > header, "the card has findings"
    coloured = {(cell.row, cell.column) for row in sheet.iter_rows() for cell in row
                if cell.fill is not None and cell.fill.fill_type == "solid"}
    assert coloured
    assert all(header <= r <= last and c <= 5 for r, c in coloured), coloured
    assert sheet["A1"].value == "Validatie van de netwerkkaart" and sheet["A1"].font.b
    assert sheet["A2"].value.startswith("Kaart: samenvatting.xlsx - gecontroleerd op ")
