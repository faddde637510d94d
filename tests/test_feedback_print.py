"""Feedback workbooks on paper: the demo region's feedback for a primary school, a
secondary school and the unreadable mail, printed to PDF by LibreOffice (Carlito
standing in for Calibri), and every cell's text measured against its cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_demo_region
from schoolnet_xl.merge.duplicates import resolve_duplicates
from schoolnet_xl.merge.feedback import write_feedback_workbooks
from schoolnet_xl.merge.pipeline import read_all
from schoolnet_xl.read.inbox import discover
from tests.support import libreoffice
from tests.support.libreoffice import Metrics, Page, layout_problems, pdf_pages

SHEETS = ["Terugkoppeling", "Bevindingen"]
A4 = (595, 842)


@pytest.fixture(scope="module")
def feedback(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> list[Path]:
    """Three feedback workbooks: a primary school, a secondary school, the unreadable file."""
    base = tmp_path_factory.mktemp("feedback")
    make_demo_region(base / "inbox")
    results = read_all(discover([str(base / "inbox")]).files, jobs=1)
    resolve_duplicates(results)
    schools = [r for r in results if r.used]
    primary = next(r for r in schools if r.school and r.school.onderwijsniveau ==
                   "Basisonderwijs" and r.counts.get("fout"))
    secondary = next(r for r in schools if r.school and r.school.onderwijsniveau ==
                     "Secundair onderwijs")
    paths = write_feedback_workbooks(
        schools, [r for r in results if r.status == "unreadable"], vocabulary, base / "out",
        merged_on=date(2026, 12, 1))
    chosen = [paths[schools.index(primary)], paths[schools.index(secondary)], paths[-1]]
    assert chosen[-1].name == "Netwerkkaart VBS De Linde (onleesbaar).xlsx"
    return chosen


@pytest.fixture(scope="module")
def printed(feedback: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[list[Page]]:
    libreoffice.require_soffice()
    pdfs = libreoffice.convert_many(feedback, "pdf", tmp_path_factory.mktemp("pdf"))
    return [pdf_pages(pdf, SHEETS) for pdf in pdfs]


def test_no_text_is_wider_than_its_column_nor_taller_than_its_row(
        feedback: list[Path], metrics: Metrics) -> None:
    for path in feedback:
        problems = layout_problems(path, metrics)
        assert "Terugkoppeling" in problems
        assert {sheet: found for sheet, found in problems.items() if found} == {}, path.name


@pytest.mark.libreoffice
def test_the_feedback_page_prints_a4_portrait_the_tables_landscape(
        printed: list[list[Page]]) -> None:
    for pages in printed:
        assert None not in [p.sheet for p in pages], "every page names its sheet"
        for number, page in enumerate(pages, start=1):
            size = (round(page.width), round(page.height))
            assert size == (A4 if page.sheet == "Terugkoppeling" else A4[::-1]), number
            assert f"Pagina {number} van {len(pages)}" in page.band(0.9, 1.0)
            assert all(w.x_max <= page.width - 0.3 * 72 for w in page.words), number
    unreadable = printed[-1]
    assert unreadable[0].sheet == "Terugkoppeling"
    assert {p.sheet for p in unreadable[1:]} <= {"Bevindingen"}, "its findings, if any"
    assert "kon niet gelezen worden" in unreadable[0].text
    assert "Waarom:" in unreadable[0].text


@pytest.mark.libreoffice
def test_title_and_school_on_every_page_missing_categories_on_a_page_of_their_own(
        printed: list[list[Page]], feedback: list[Path]) -> None:
    for pages, path in zip(printed[:2], feedback, strict=False):
        name = openpyxl.load_workbook(path)["Terugkoppeling"]["A2"].value
        first, *rest = [p for p in pages if p.sheet == "Terugkoppeling"]
        assert "Samengevoegd op 01/12/2026" in first.text
        assert "Jouw plaats in de regio" in first.text
        assert "Ontbrekende" not in first.text
        assert rest and "Ontbrekende categorieën" in rest[0].band(0.0, 0.2)
        for page in [first, *rest]:
            top = page.band(0.0, 0.12)
            assert "Terugkoppeling netwerkkaart" in top and name in top, "title and school"
        findings = [p for p in pages if p.sheet == "Bevindingen"]
        assert findings
        for page in findings:
            assert "Ernst" in page.text and "Wat te doen" in page.text, "header repeated"
