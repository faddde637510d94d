"""The fast feedback writer (`feedback.fast`) gives the workbook XlsxWriter gives
(`workbook.XlsxBook`): the same schools written both ways, compared cell by cell
(value, font, fill, alignment, number format), row by row (height), and sheet by
sheet (merges, page breaks, print setup, footers, frozen panes); the text of a
card stays text, control characters and all."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge.feedback.content import RegionFacts, ordered_findings
from schoolnet_xl.merge.feedback.fast import FastBook, Skeletons
from schoolnet_xl.merge.feedback.workbook import (
    Basis,
    XlsxBook,
    school_workbook,
    unreadable_workbook,
)
from schoolnet_xl.merge.records import FileResult, FindingRow
from tests.test_feedback_workbooks import inbox, results  # noqa: F401 (fixtures)

MERGED_ON = date(2026, 12, 1)
AWKWARD = "=1+1 & <b> _x000D_ \x07 bel\ttab\nregel "


def described(data: bytes) -> dict[str, Any]:
    """Everything a reader sees of a workbook, per sheet: the values as calamine reads
    them (openpyxl leaves an inline string's `_x005F_` escape as it is, Excel and
    calamine do not), the rest as openpyxl does."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = CalamineWorkbook.from_filelike(io.BytesIO(data))
    seen: dict[str, Any] = {"sheets": book.sheetnames, "title": book.properties.title}
    for sheet in book.worksheets:
        setup = sheet.page_setup
        seen[sheet.title] = {
            "values": values.get_sheet_by_name(sheet.title).to_python(),
            "cells": {c.coordinate: (c.data_type, c.number_format, c.font.b,
                                     c.font.i, c.font.sz, c.font.color and c.font.color.rgb,
                                     c.fill.fgColor.rgb, c.alignment.wrap_text,
                                     c.alignment.horizontal, c.alignment.vertical,
                                     c.border.bottom.style)
                      for row in sheet.iter_rows() for c in row},
            "heights": {n: d.height for n, d in sheet.row_dimensions.items() if d.height},
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "breaks": [b.id for b in sheet.row_breaks.brk],
            "setup": (setup.orientation, setup.paperSize, setup.fitToHeight,
                      sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.print_title_rows,
                      sheet.freeze_panes, sheet.sheet_view.showGridLines),
            "footer": (sheet.oddFooter.left.text, sheet.oddFooter.center.text,
                       sheet.oddFooter.right.text),
        }
    return seen


@pytest.fixture(scope="module")
def skeletons() -> Skeletons:
    return Skeletons(MERGED_ON)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_school_of_the_region_is_written_alike(
        results: list[FileResult], vocabulary: Vocabulary,  # noqa: F811
        skeletons: Skeletons, lang: str) -> None:
    schools = [r for r in results if r.used]
    facts = RegionFacts(schools, vocabulary)
    basis = Basis(MERGED_ON, False, lang)  # type: ignore[arg-type]
    for result in schools:
        page = facts.page(result, with_contacts=False, lang=basis.lang)
        name = page.school.naam
        plain = school_workbook(result, page, basis, None, XlsxBook(basis, name))
        fast = school_workbook(result, page, basis, None, FastBook(skeletons, basis, name))
        assert described(fast) == described(plain), name


def test_awkward_text_and_an_unreadable_file_are_written_alike(
        results: list[FileResult], vocabulary: Vocabulary,  # noqa: F811
        skeletons: Skeletons) -> None:
    school = next(r for r in results if r.used)
    assert school.school is not None
    odd = replace(school, path="/inbox/R&D <kaart>.xlsx", school=school.school._replace(
        naam="R&D <school> & co"), findings=[
            FindingRow("Netwerkkaart", "A15", "SN201", "fout", "Organisatie", AWKWARD,
                       AWKWARD, " begint met een spatie"), *school.findings])
    basis = Basis(MERGED_ON, True, "nl")
    page = RegionFacts([odd], vocabulary).page(odd, with_contacts=True, lang="nl")
    name = "R&D <school> & co"
    fast = described(school_workbook(odd, page, basis, None,
                                     FastBook(skeletons, basis, name)))
    assert fast == described(school_workbook(odd, page, basis, None, XlsxBook(basis, name)))
    assert fast["Terugkoppeling"]["footer"][1] == "R&&D <school> && co"
    values = [value for row in fast["Bevindingen"]["values"] for value in row]
    assert AWKWARD in values and " begint met een spatie" in values
    [bad] = [r for r in results if r.status == "unreadable"]
    findings = ordered_findings(bad.findings, False)
    assert described(unreadable_workbook(bad, findings, basis,
                                         FastBook(skeletons, basis, "mail.xlsx"))) == \
        described(unreadable_workbook(bad, findings, basis, XlsxBook(basis, "mail.xlsx")))
    assert described(unreadable_workbook(bad, [], basis, FastBook(
        skeletons, basis, "mail.xlsx")))["sheets"] == ["Terugkoppeling"]
