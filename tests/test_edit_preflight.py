"""Preflight: every part openpyxl would lose is named, per sheet, before anything is written.

Each case builds a real workbook with the feature, shows that an openpyxl
load+save really loses it (the reason the guard exists), and that `scan`
reports it on the right sheet.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from schoolnet_xl.edit.preflight import Risk, loss_message, scan
from tests.support.workbooks import add_threaded_comment, png, xlsxwriter_book


def _chart(workbook, sheet):
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({"values": "=Blad!$A$1:$D$1"})
    sheet.insert_chart("B5", chart)


CASES = {
    "textbox": (lambda wb, ws: ws.insert_textbox("B3", "Onze afspraken"), b"txBody"),
    "sparkline": (lambda wb, ws: ws.add_sparkline("E1", {"range": "Blad!A1:D1"}),
                  b"sparklineGroup"),
    "x14_conditional": (lambda wb, ws: ws.conditional_format(
        "A1:D1", {"type": "data_bar", "bar_solid": True}), b"x14:dataBar"),
    "form_control": (lambda wb, ws: ws.insert_button("B5", {"caption": "Klik"}), b"Klik"),
    "chart": (_chart, b"<c:barChart>"),
    "protected_range": (lambda wb, ws: (ws.protect(), ws.unprotect_range("A1:A4", "Invul")),
                        b"protectedRange"),
    "ignored_errors": (lambda wb, ws: ws.ignore_errors({"number_stored_as_text": "A1:D9"}),
                       b"ignoredError"),
}


def _openpyxl_round_trip(source: Path, target: Path) -> bytes:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        openpyxl.load_workbook(source).save(target)
    with zipfile.ZipFile(target) as zf:
        return b"".join(zf.read(n) for n in zf.namelist())


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_feature_openpyxl_loses_is_reported_on_its_sheet(tmp_path: Path, kind: str) -> None:
    build, marker = CASES[kind]
    book = xlsxwriter_book(tmp_path / f"{kind}.xlsx", build)
    assert marker not in _openpyxl_round_trip(book, tmp_path / "openpyxl.xlsx")
    assert Risk(kind, "Blad") in scan(book)


def test_threaded_comment_added_in_the_zip_is_reported(tmp_path: Path) -> None:
    book = add_threaded_comment(xlsxwriter_book(tmp_path / "t.xlsx", lambda wb, ws: None), "Blad")
    assert Risk("threaded_comment", "Blad") in scan(book)


def test_images_comments_and_vba_are_reported(tmp_path: Path) -> None:
    picture = png(tmp_path / "logo.png")

    def build(workbook, sheet):
        sheet.insert_image("B5", str(picture))
        sheet.write_comment("A1", "Contact via directie")

    book = xlsxwriter_book(tmp_path / "img.xlsx", build)
    found = scan(book)
    assert Risk("image", "Blad") in found
    assert Risk("comment", "Blad") in found
    with zipfile.ZipFile(book, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"not really vba")
    assert Risk("vba") in scan(book)


def test_a_plain_workbook_has_nothing_at_risk(tmp_path: Path) -> None:
    book = xlsxwriter_book(tmp_path / "plain.xlsx",
                           lambda wb, ws: ws.data_validation(
                               "A5", {"validate": "list", "source": "=Lijst!$A$1:$A$2"}))
    assert scan(book) == []


def test_the_refusal_names_what_would_be_lost_in_dutch(tmp_path: Path) -> None:
    message = loss_message(Path("kaart.xlsx"), [Risk("textbox", "Notities"),
                                               Risk("sparkline", "Netwerkkaart")])
    assert "een tekstvak op blad 'Notities' en sparklines op blad 'Netwerkkaart'" in message
    assert "zouden verloren gaan" in message
    assert "-o NIEUW.xlsx" in message


def test_excel_2010_extensions_are_found_under_any_namespace_prefix(tmp_path: Path) -> None:
    """A writer may bind the x14 namespace to another prefix: found by the extension URI."""
    book = xlsxwriter_book(tmp_path / "x14.xlsx", CASES["x14_conditional"][0])
    renamed = tmp_path / "renamed.xlsx"
    renamed_parts: list[str] = []
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(renamed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/") and b"<x14:" in data:
                data = data.replace(b"x14:", b"ext2010:").replace(b"xmlns:x14=",
                                                                 b"xmlns:ext2010=")
                renamed_parts = [*renamed_parts, info.filename]
            target.writestr(info, data)
    assert renamed_parts
    assert Risk("x14_conditional", "Blad") in scan(renamed)
