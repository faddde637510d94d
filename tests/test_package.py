"""The zip package opened once: parts read from memory equal zipfile's, damage is caught,
and the package XML (names, sheets, tables) is read whatever the prefixes and quoting."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from schoolnet_xl.read import package as package_module
from schoolnet_xl.read.ooxml import read_extras, scan_sheet
from schoolnet_xl.read.package import Package

PARTS = {
    "a.xml": b"<a>" + b"deflated text " * 500 + b"</a>",
    "b.xml": b"<b>stored</b>",
}


def _archive(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.xml", PARTS["a.xml"], compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("b.xml", PARTS["b.xml"], compress_type=zipfile.ZIP_STORED)
    return path


def test_parts_read_from_memory_equal_the_parts_written(tmp_path: Path) -> None:
    opened = Package.open(_archive(tmp_path / "p.zip"))
    assert opened.data  # small: kept in memory
    assert {name: opened.read(name) for name in PARTS} == PARTS
    assert opened.read("missing.xml") is None


def test_a_large_file_is_read_through_the_archive(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package_module, "IN_MEMORY_BYTES", 10)
    opened = Package.open(_archive(tmp_path / "p.zip"))
    assert opened.data == b""
    assert opened.bytes_io() is None
    assert {name: opened.read(name) for name in PARTS} == PARTS
    opened.close()


def test_a_damaged_part_raises_zipfile_s_error_not_wrong_bytes(tmp_path: Path) -> None:
    path = _archive(tmp_path / "p.zip")
    data = bytearray(path.read_bytes())
    start = data.find(b"b.xml") + len("b.xml")  # the stored part's body follows its name
    data[start:start + 3] = b"XYZ"
    opened = Package.open(path, bytes(data))
    with pytest.raises(zipfile.BadZipFile):
        opened.read("b.xml")
    assert opened.read("a.xml") == PARTS["a.xml"]


WORKBOOK = (
    b'<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships"><x:sheets>'
    b"<x:sheet name='Kaart &amp; co' sheetId='1' rel:id='rId7'/>"
    b'<x:sheet name="Leeg" sheetId="2" rel:id="rId8"/></x:sheets><x:definedNames>'
    b"<x:definedName name=\"Schoolnaam\">'Kaart &amp; co'!$B$4</x:definedName>"
    b'<x:definedName name="Lokaal" localSheetId="0">Leeg!$A$1</x:definedName>'
    b'<x:definedName name="Bereik">Leeg!$A$1:$B$2</x:definedName>'
    b'<x:definedName name="_xlnm.Print_Area">Leeg!$A$1</x:definedName>'
    b"</x:definedNames></x:workbook>"
)
RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId7" Type="http://x/worksheet" Target="worksheets/s1.xml"/>'
    b"<Relationship Id='rId8' Type='http://x/worksheet' Target='/xl/worksheets/s2.xml'/>"
    b"</Relationships>"
)
SHEET = (
    b'<worksheet><cols><col min="2" max="3" hidden="1"/><col min="4" max="4"/></cols>'
    b'<sheetData/><dataValidations count="1"><dataValidation type="list"/>'
    b"</dataValidations></worksheet>"
)
SHEET_RELS = (
    b'<Relationships><Relationship Id="rId1" Type="http://x/table" '
    b'Target="../tables/t1.xml"/></Relationships>'
)
TABLE = (
    b'<x:table xmlns:x="main" id="1" name="Table1" displayName="Partners" ref="A9:C20">'
    b'<x:tableColumns count="2"><x:tableColumn id="1" name="Organisatie"/>'
    b'<x:tableColumn id="2" name="Aard &amp; specificaties"/></x:tableColumns></x:table>'
)


def test_package_xml_is_read_with_prefixes_single_quotes_and_escapes(tmp_path: Path) -> None:
    path = tmp_path / "kaart.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", b'<Relationships><Relationship Id="r" Type="http://x/'
                         b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/s1.xml", SHEET)
        archive.writestr("xl/worksheets/_rels/s1.xml.rels", SHEET_RELS)
        archive.writestr("xl/worksheets/s2.xml", b"<worksheet><sheetData/></worksheet>")
        archive.writestr("xl/tables/t1.xml", TABLE)
    opened = Package.open(path)

    extras = read_extras(opened)

    assert extras.sheet_parts == {"Kaart & co": "xl/worksheets/s1.xml",
                                  "Leeg": "xl/worksheets/s2.xml"}
    assert extras.names == {"Schoolnaam": ("Kaart & co", "$B$4"), "Lokaal": ("Leeg", "$A$1")}
    [table] = extras.tables
    assert (table.name, table.sheet, table.ref) == ("Partners", "Kaart & co", "A9:C20")
    assert table.columns == ["Organisatie", "Aard & specificaties"]
    scan = scan_sheet(opened, "xl/worksheets/s1.xml")
    assert scan.hidden_columns == frozenset({1, 2})
    assert scan.has_validations
    assert not scan_sheet(opened, "xl/worksheets/s2.xml").has_validations


def _workbook_with(path: Path, workbook: bytes, level: int) -> Package:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("_rels/.rels", b'<Relationships><Relationship Id="r" Type="http://x/'
                         b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
    return Package.open(path)


def test_remembered_package_xml_follows_the_contents_not_the_compressed_bytes(
        tmp_path: Path) -> None:
    renamed = WORKBOOK.replace(b"$B$4", b"$C$9")
    fast, small = (_workbook_with(tmp_path / f"{level}.xlsx", WORKBOOK, level)
                   for level in (1, 9))
    other = _workbook_with(tmp_path / "ander.xlsx", renamed, 1)
    assert fast.identity("xl/workbook.xml") != small.identity("xl/workbook.xml")
    assert fast.identity("xl/workbook.xml") == _workbook_with(
        tmp_path / "again.xlsx", WORKBOOK, 1).identity("xl/workbook.xml")
    assert fast.identity("missing.xml") is None

    assert read_extras(fast).names["Schoolnaam"] == ("Kaart & co", "$B$4")
    assert read_extras(small).names == read_extras(fast).names
    assert read_extras(other).names["Schoolnaam"] == ("Kaart & co", "$C$9")
    assert read_extras(fast).names["Schoolnaam"] == ("Kaart & co", "$B$4")
