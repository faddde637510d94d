"""The bulk row writer: what it puts in the sheet XML reads back exactly."""

from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from schoolnet_xl.merge.bulk_rows import (
    EXCEL_MAX_TEXT,
    LINE_HEIGHT,
    SheetRows,
    column_letters,
    splice_rows,
    wrapped_lines,
)
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


def test_wrapped_lines_counts_whole_words_and_line_breaks() -> None:
    assert wrapped_lines("kort", 10) == 1
    assert wrapped_lines("een twee drie vier vijf zes", 10) == 3  # 11 letters per line
    assert wrapped_lines("a" * 30, 10) == 3  # a word longer than the line is broken
    assert wrapped_lines("eerste\ntweede", 40) == 2
    assert wrapped_lines("woord " * 10_000, 10) == 27  # Excel's highest row: 409 points


def test_a_row_with_long_wrapped_text_is_made_high_enough(tmp_path: Path) -> None:
    import openpyxl

    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {"in_memory": True})
    wrap = workbook.add_format({"text_wrap": True})
    workbook.add_worksheet("Blad").write_row(0, 0, ["Melding", "Code"])
    style = wrap._get_xf_index()
    workbook.close()
    package.seek(0)
    rows = [["kort", "SN1"], ["een twee drie vier vijf zes", "SN2"]]
    target = splice_rows(package, tmp_path / "uit.xlsx", {
        "xl/worksheets/sheet1.xml": SheetRows(rows, 2, [style, None], [10, 0])})

    sheet = openpyxl.load_workbook(target)["Blad"]
    assert sheet["A2"].alignment.wrap_text and not sheet["B2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height is None  # one line: the default height
    assert sheet.row_dimensions[3].height == 3 * LINE_HEIGHT
