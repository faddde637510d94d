"""The bulk row writer: what it puts in the sheet XML reads back exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter

from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.merge.fast_write import bulk_rows
from schoolnet_xl.merge.fast_write.bulk_rows import (
    EXCEL_MAX_TEXT,
    SheetRows,
    rows_xml,
    splice_rows,
)
from schoolnet_xl.merge.fast_write.links import relationships_xml
from tests.support.regional import sheet_rows


def test_column_letters_run_past_z() -> None:
    assert [column_letters(i) for i in range(28)][-3:] == ["Z", "AA", "AB"]


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


def _cell(ref: str, style: int | None, text: str) -> str:
    styled = "" if style is None else f' s="{style}"'
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t>{text}</t></is></c>'


@pytest.mark.parametrize("cache_limit", [bulk_rows._CACHE_LIMIT, 0])  # 0: emptied each chunk
def test_a_text_repeated_in_a_column_keeps_each_cells_own_style_and_height(
        monkeypatch: pytest.MonkeyPatch, cache_limit: int) -> None:
    monkeypatch.setattr(bulk_rows, "_CHUNK_ROWS", 1)
    monkeypatch.setattr(bulk_rows, "_CACHE_LIMIT", cache_limit)
    long = "een twee drie vier vijf zes"  # three lines of 10 characters
    rows: list[list[Cell]] = [[long, "a", 7], [long, "a", 7], [long, "a", 7]]
    styles: list[list[int | None]] = [[1, None, 3], [2, 1, None], [1, None, 3]]
    xml = "".join(rows_xml(rows, 1, 3, wrap=[10, 0, 0], cell_styles=styles))
    high = f'ht="{3 * LINE_HEIGHT}" customHeight="1"'
    assert xml == (
        f'<row r="2" {high}>{_cell("A2", 1, long)}{_cell("B2", None, "a")}'
        '<c r="C2" s="3"><v>7</v></c></row>'
        f'<row r="3" {high}>{_cell("A3", 2, long)}{_cell("B3", 1, "a")}'
        '<c r="C3"><v>7</v></c></row>'
        f'<row r="4" {high}>{_cell("A4", 1, long)}{_cell("B4", None, "a")}'
        '<c r="C4" s="3"><v>7</v></c></row>')


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


def test_spliced_rows_go_between_the_header_and_rows_laid_out_below(tmp_path: Path) -> None:
    import re
    import zipfile

    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {"in_memory": True})
    red = workbook.add_format({"bg_color": "#F4B6B6"})
    sheet = workbook.add_worksheet("Blad")
    sheet.write_row(0, 0, ["Naam", "Aantal"])
    sheet.write_row(5, 0, ["Totaal", 3])  # below where the three data rows end
    style = red._get_xf_index()
    workbook.close()
    package.seek(0)
    rows = [["a", 1], ["b", 0], ["c", 2]]
    target = splice_rows(package, tmp_path / "uit.xlsx", {"xl/worksheets/sheet1.xml": SheetRows(
        rows, 2, cell_styles=[[None, None], [None, style], [None, None]])})

    assert sheet_rows(target, "Blad")[:6] == [
        ["Naam", "Aantal"], ["a", 1.0], ["b", 0.0], ["c", 2.0], ["", ""], ["Totaal", 3.0]]
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', xml)]
    assert numbers == sorted(numbers) == [1, 2, 3, 4, 6]
    assert f'<c r="B3" s="{style}"><v>0</v></c>' in xml and '<c r="B2"><v>1</v>' in xml
    assert '<dimension ref="A1:B6"/>' in xml


# What Excel treats specially in text: its own _xHHHH_ escapes (a literal one in the
# text must be escaped itself), control characters, the ends' spaces, non-characters,
# its 32,767-unit cell limit (a character beyond U+FFFF counts two).
TRICKY_TEXTS = [
    "Bib _x000D_ Gent", "has_x000D_.xlsx", "_x005F_x000D_", "_x00ab_ en _XABCD_ en _x12_",
    "a\rb\r\nc", "\x01\x08\x0b\x0c\x0e\x1f", "\t tab en lf\n", "  spaties  ", "\ufffe\uffff",
    "&<>\"'", "=1+1", "x" * (EXCEL_MAX_TEXT + 10), "😀" * 20_000, "é" + "😀" * 16_383 + "z",
]


def test_text_is_cut_and_escaped_exactly_as_xlsxwriter_writes_it(tmp_path: Path) -> None:
    import re
    import zipfile

    package = tmp_path / "xlsxwriter.xlsx"  # constant_memory needs a file, not in_memory
    workbook = xlsxwriter.Workbook(package, {"constant_memory": True,
                                             "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Blad")
    for row, text in enumerate(TRICKY_TEXTS):
        sheet.write_string(row, 0, text)  # constant_memory: inline strings, as ours
    workbook.close()
    with zipfile.ZipFile(package) as archive:
        theirs = archive.read("xl/worksheets/sheet1.xml").decode()
    ours = "".join(rows_xml([[text] for text in TRICKY_TEXTS], 0, 1))

    cells = re.compile(r'<c r="A\d+" t="inlineStr">.*?</c>', re.DOTALL)
    assert cells.findall(ours) == cells.findall(theirs)
    assert len(cells.findall(ours)) == len(TRICKY_TEXTS)


def test_a_literal_escape_in_text_reads_back_as_written_not_as_a_carriage_return(
        tmp_path: Path) -> None:
    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {"in_memory": True})
    workbook.add_worksheet("Blad").write_string(0, 0, "Tekst")
    workbook.close()
    package.seek(0)
    rows = [["Bib _x000D_ Gent"], ["has_x000D_.xlsx"], ["a\rb\r\nc"], ["\x01 \x1f"]]
    target = splice_rows(package, tmp_path / "uit.xlsx", {"xl/worksheets/sheet1.xml": (rows, 1)})
    assert sheet_rows(target, "Blad")[1:] == rows


@pytest.mark.parametrize("target", ["../a/kaart.xlsx", "a & b.xlsx", 'say "x".xlsx',
                                    "it's \"both\".xlsx", "<tag>\t\n\r.xlsx", "é ✓.xlsx"])
def test_a_link_target_reads_back_from_the_relationships_as_given(target: str) -> None:
    from xml.etree import ElementTree

    rels = relationships_xml([("A2", "eerst.xlsx"), ("A3", target)], 4, None)
    found = [r.get("Target") for r in ElementTree.fromstring(rels)]
    assert found == ["eerst.xlsx", target]
    assert ElementTree.fromstring(rels)[1].get("Id") == "rId5"
