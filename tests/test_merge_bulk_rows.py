"""The bulk row writer: what it puts in the sheet XML reads back exactly."""

from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from schoolnet_xl.merge.bulk_rows import EXCEL_MAX_TEXT, column_letters, splice_rows
from tests.support.regional import sheet_rows


def test_column_letters_run_past_z() -> None:
    assert column_letters(28)[-3:] == ["Z", "AA", "AB"]


def test_spliced_rows_read_back_as_written(tmp_path: Path) -> None:
    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {"in_memory": True})
    workbook.add_worksheet("Blad").write_row(0, 0, ["Tekst", "Getal", "Leeg", "Rand"])
    workbook.close()
    package.seek(0)
    rows = [
        ["a & b <c> \"d\" 'e'", 2018, None, "  spaties  "],
        ["=1+1", 3.5, "", "tab\there"],
        ["x" * (EXCEL_MAX_TEXT + 10), -1, None, "é ✓ 030569"],
    ]
    target = splice_rows(package, tmp_path / "uit.xlsx",
                         {"xl/worksheets/sheet1.xml": (rows, 4)})
    read = sheet_rows(target, "Blad")
    assert read[0] == ["Tekst", "Getal", "Leeg", "Rand"]
    assert read[1] == ["a & b <c> \"d\" 'e'", 2018.0, "", "  spaties  "]
    assert read[2] == ["=1+1", 3.5, "", "tab\there"]
    assert read[3] == ["x" * EXCEL_MAX_TEXT, -1.0, "", "é ✓ 030569"]
