"""What the fast writer relies on in other libraries beyond their public API.

Each test names what changed and where it is used, so that an upgrade of
Python or XlsxWriter that breaks the fast path says so here, not as a damaged
workbook. Until the fast path is mended, `write_regional_workbook(fast=False)`
or SCHOOLNET_XL_PLAIN_WRITER=1 writes the same workbook without any of it.
"""

from __future__ import annotations

import inspect
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from schoolnet_xl.merge.fast_write.deflated import deflate_to_file, write_member

ZIP_INTERNALS = ("fp", "start_dir", "filelist", "NameToInfo")


def _changed(library: str, what: str, user: str) -> str:
    version = (f"Python {sys.version.split()[0]}" if library == "zipfile"
               else f"XlsxWriter {xlsxwriter.__version__}")
    return (f"{library} changed ({version}): {what}. Used by {user}; mend it there, "
            "or write with fast=False / SCHOOLNET_XL_PLAIN_WRITER=1 meanwhile.")


def test_zipfile_still_has_the_internals_write_member_uses(tmp_path: Path) -> None:
    user = "schoolnet_xl/merge/fast_write/deflated.py write_member"
    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        missing = [name for name in ZIP_INTERNALS if not hasattr(archive, name)]
        assert not missing, _changed("zipfile", f"ZipFile has no {missing}", user)
        archive.writestr("eerste.xml", b"<a/>")
        first = archive.NameToInfo["eerste.xml"]
        assert archive.filelist == [first], _changed(
            "zipfile", "ZipFile.filelist/NameToInfo no longer list the written members", user)
        assert archive.fp is not None
        assert archive.start_dir == archive.fp.tell(), _changed(
            "zipfile", "ZipFile.start_dir is not where the next member's header goes", user)
        assert first.header_offset == 0, _changed(
            "zipfile", "ZipInfo.header_offset is not the local header's offset", user)
        assert "zip64" in inspect.signature(zipfile.ZipInfo.FileHeader).parameters, _changed(
            "zipfile", "ZipInfo.FileHeader takes no zip64 argument", user)
        header = first.FileHeader(False)
        assert header.startswith(b"PK\x03\x04") and header.endswith(b"eerste.xml"), _changed(
            "zipfile", "ZipInfo.FileHeader no longer gives the local file header", user)


def test_a_member_added_by_hand_is_followed_and_listed_as_zipfile_does_it(
        tmp_path: Path) -> None:
    """ZipFile writes the next member at start_dir and the central directory from
    filelist with each header_offset: what write_member sets by hand."""
    user = "schoolnet_xl/merge/fast_write/deflated.py write_member"
    body = [deflate_to_file([b"<row/>" * 1000], tmp_path / "piece.deflate")]
    target = tmp_path / "b.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        write_member(archive, zipfile.ZipInfo("midden.xml"), b"<x>", body, b"</x>")
        after_ours = archive.start_dir
        archive.writestr("na.xml", b"<b/>")
        assert archive.NameToInfo["na.xml"].header_offset == after_ours, _changed(
            "zipfile", "ZipFile no longer writes the next member at start_dir", user)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None, _changed(
            "zipfile", "a member added by hand has a bad CRC or header", user)
        assert archive.namelist() == ["midden.xml", "na.xml"], _changed(
            "zipfile", "the central directory is no longer written from filelist", user)
        assert archive.read("midden.xml") == b"<x>" + b"<row/>" * 1000 + b"</x>"


def test_xlsxwriter_format_still_gives_the_index_xlsxwriter_writes(tmp_path: Path) -> None:
    """`Format._get_xf_index` (private) is the `s` attribute of a cell with that format;
    a format whose index was asked for is in styles.xml even if XlsxWriter wrote no
    cell with it (the Dekking colours are only on the fast writer's rows)."""
    user = "schoolnet_xl/merge/fast_write/writer.py _xf_indices"
    assert callable(getattr(xlsxwriter.format.Format, "_get_xf_index", None)), _changed(
        "XlsxWriter", "Format._get_xf_index is gone", user)
    target = tmp_path / "c.xlsx"
    workbook = xlsxwriter.Workbook(target)
    only_asked = workbook.add_format({"italic": True, "bg_color": "#F4B6B6"})
    bold = workbook.add_format({"bold": True})
    asked = only_asked._get_xf_index()
    workbook.add_worksheet("Blad").write_string(0, 0, "vet", bold)
    workbook.close()
    with zipfile.ZipFile(target) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    written = re.search(r'<c r="A1" s="(\d+)"', sheet)
    assert written and int(written.group(1)) == bold._get_xf_index(), _changed(
        "XlsxWriter", "a cell's s attribute is not Format._get_xf_index()", user)
    cell_xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)",
                          styles.split("<cellXfs", 1)[1].split("</cellXfs>", 1)[0])
    fonts = re.findall(r"<font>.*?</font>|<font/>", styles.split("<fonts", 1)[1])
    font = re.search(r'fontId="(\d+)"', cell_xfs[asked]) if asked < len(cell_xfs) else None
    assert font and "<i/>" in fonts[int(font.group(1))], _changed(
        "XlsxWriter", "a format only asked for its index is not in styles.xml at it", user)


def test_xlsxwriter_still_lays_out_the_package_as_splice_rows_expects() -> None:
    """Sheet parts numbered in creation order, each with its header row as
    <row r="1"> and a <dimension>; the first table as xl/tables/table1.xml with the
    range it was given."""
    user = "schoolnet_xl/merge/fast_write (bulk_rows.splice_rows, writer.FastWriter)"
    package = io.BytesIO()
    workbook = xlsxwriter.Workbook(package, {"in_memory": True})
    for name in ("Eerste", "Tweede"):
        workbook.add_worksheet(name).write_row(0, 0, [name, "b", "c"])
    second = workbook.get_worksheet_by_name("Tweede")
    assert second is not None and second.get_name() == "Tweede"
    second.add_table(0, 0, 1, 2, {"name": "Proef", "columns": [
        {"header": h} for h in ("Tweede", "b", "c")]})
    workbook.close()
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        parts = {n: archive.read(n).decode() for n in names if n.endswith(".xml")}
    for number, name in enumerate(("Eerste", "Tweede"), start=1):
        sheet = parts.get(f"xl/worksheets/sheet{number}.xml", "")
        assert f"<t>{name}</t>" in parts["xl/sharedStrings.xml"]
        assert '<row r="1"' in sheet and "<dimension ref=" in sheet, _changed(
            "XlsxWriter", f"sheet {number} is not xl/worksheets/sheet{number}.xml with a "
            '<row r="1"> and a <dimension>', user)
    table = parts.get("xl/tables/table1.xml", "")
    assert 'ref="A1:C2"' in table, _changed(
        "XlsxWriter", 'the table is not xl/tables/table1.xml with ref="A1:C2"', user)



@pytest.mark.parametrize("path", ["inbox/SG Noord/kaart een.xlsx", "../elders/kaart #2 (100%).xlsx",
                                  "C:/Regio/inbox/kaart.xlsx", "//server/deel/kaart.xlsx"])
def test_the_fast_writer_targets_a_link_as_xlsxwriter_does(tmp_path: Path, path: str) -> None:
    """`fast_write.links.external_target` is XlsxWriter's Url parse of the `external:`
    links `region.file_link` makes (the plain writer gives XlsxWriter those links)."""
    from xlsxwriter.url import Url

    from schoolnet_xl.merge.fast_write.links import external_target
    from schoolnet_xl.merge.region import file_link

    link = file_link(path, Path("."))
    if ":" in path or path.startswith("//"):  # absolute on Windows: given as it is there
        link = "external:" + path.translate(str.maketrans({" ": "%20", "#": "%23"}))
    assert external_target(link) == Url(link)._target(), _changed(
        "XlsxWriter", "an external: link's relationship target is made another way",
        "schoolnet_xl/merge/fast_write/links.py external_target")
