"""The zip package opened once: parts read from memory equal zipfile's, damage is caught,
and the package XML (relationships, sheets, content types, names, tables) is read
whatever the prefixes and quoting; relationships and content types are written back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from schoolnet_xl.read import package as package_module
from schoolnet_xl.read.ooxml import read_extras, scan_sheet
from schoolnet_xl.read.package import (
    Package,
    PackageError,
    Relation,
    add_override,
    add_relationship,
    list_sheets,
    parse_relations,
    read_content_types,
    relationships_xml,
    relative_target,
    rels_name,
    remove_override,
    remove_relationship,
    workbook_part,
)

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


def test_sheet_scan_finds_merges_and_dropdowns_wherever_the_tail_has_them(
        tmp_path: Path) -> None:
    """Merged ranges between other elements, a merge named in a prompt, a prefixed
    dropdown, and a sheet whose only `dataValidation` text is the container's name."""
    sheets = {
        "a.xml": b'<worksheet><cols><col min="1" max="1" hidden="true"/></cols><sheetData>'
                 b'<row r="1"/></sheetData><mergeCells><mergeCell ref="A1:A3"/>'
                 b'<mergeCell ref="B1:C1"/></mergeCells><conditionalFormatting sqref="A1">'
                 b"<cfRule/></conditionalFormatting><x:dataValidations><x:dataValidation "
                 b'prompt="mergeCell ref=&quot;A1:B9&quot;" sqref="D4"/></x:dataValidations>'
                 b'<mergeCells><mergeCell ref="AB10:AC12"/></mergeCells></worksheet>',
        "b.xml": b'<worksheet><sheetData/><dataValidations count="0"/>'
                 b'<mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
        "c.xml": b'<worksheet><sheetData><row r="1"><c r="A1"><v>hidden</v></c></row>'
                 b"</sheetData></worksheet>",
    }
    with zipfile.ZipFile(tmp_path / "s.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in sheets.items():
            archive.writestr(name, xml)
    with Package.open(tmp_path / "s.xlsx") as opened:
        a, b, c = (scan_sheet(opened, name) for name in sheets)
    assert a.merged == ((0, 0, 2, 0), (9, 27, 11, 28)) and a.has_validations
    assert a.hidden_columns == frozenset({0})
    assert b.merged == () and b.has_validations is False
    assert c.hidden_columns == frozenset() and c.merged == () and not c.has_validations


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


def test_the_remembered_workbook_part_follows_the_root_relationships(tmp_path: Path) -> None:
    # two packages whose relationship parts differ only in _rels/.rels: each is read from
    # the workbook it names
    usual = _workbook_with(tmp_path / "usual.xlsx", WORKBOOK, 1)
    path = tmp_path / "boek.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("_rels/.rels", b'<Relationships><Relationship Id="r" Type="http://x/'
                         b'officeDocument" Target="xl/boek.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/boek.xml", WORKBOOK.replace(b"$B$4", b"$C$9"))
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
    other = Package.open(path)

    assert read_extras(usual).names["Schoolnaam"] == ("Kaart & co", "$B$4")
    assert read_extras(other).names["Schoolnaam"] == ("Kaart & co", "$C$9")
    assert read_extras(usual).names["Schoolnaam"] == ("Kaart & co", "$B$4")


# -- the package layout: one reader of relationships, sheets and content types ------

SHEET_PART = "xl/worksheets/sheet1.xml"


def test_a_part_s_relationships_live_beside_it_in_rels() -> None:
    assert rels_name(SHEET_PART) == "xl/worksheets/_rels/sheet1.xml.rels"
    assert rels_name("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
    assert rels_name("") == "_rels/.rels"


def test_relative_absolute_and_external_targets_are_resolved_as_opc_says() -> None:
    rels = (
        b'<?xml version="1.0"?><pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/'
        b'package/2006/relationships">'
        b'<pr:Relationship Id="rId1" Type="http://x/relationships/drawing" '
        b'Target="../drawings/drawing1.xml"/>'
        b"<pr:Relationship Id='rId2' Type='http://x/relationships/table' "
        b"Target='/xl/tables/table1.xml'/>"
        b'<!-- <pr:Relationship Id="rId9" Type="http://x/comments" Target="c.xml"/> -->'
        b'<pr:Relationship Id="rId3" Type="http://x/relationships/hyperlink" '
        b'Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"/>'
        b"</pr:Relationships>"
    )
    assert parse_relations(SHEET_PART, rels) == [
        Relation("rId1", "drawing", "xl/drawings/drawing1.xml"),
        Relation("rId2", "table", "xl/tables/table1.xml"),
        Relation("rId3", "hyperlink", "https://example.org/a?b=1&c=2", external=True),
    ]


def test_written_relationships_read_back_the_same() -> None:
    rels = [Relation("rId1", "drawing", "xl/drawings/drawing2.xml"),
            Relation("rId2", "hyperlink", "https://example.org/?a&b", external=True)]
    written = relationships_xml(SHEET_PART, rels)
    assert b'Target="../drawings/drawing2.xml"' in written
    assert parse_relations(SHEET_PART, written) == rels
    assert relative_target("xl/workbook.xml", "xl/worksheets/sheet3.xml") == (
        "worksheets/sheet3.xml")


def test_a_new_relationship_gets_the_next_free_id_and_one_can_be_removed() -> None:
    rels = relationships_xml("xl/workbook.xml", [
        Relation("rId1", "worksheet", "xl/worksheets/sheet1.xml"),
        Relation("rId7", "calcChain", "xl/calcChain.xml")]).decode()
    added, rid = add_relationship(rels, "xl/workbook.xml", "worksheet", "xl/worksheets/s2.xml")
    assert rid == "rId8"
    assert parse_relations("xl/workbook.xml", added.encode())[-1] == Relation(
        "rId8", "worksheet", "xl/worksheets/s2.xml")
    removed = remove_relationship(added, "rId7")
    assert [r.rid for r in parse_relations("xl/workbook.xml", removed.encode())] == [
        "rId1", "rId8"]
    with pytest.raises(PackageError):
        add_relationship("<r:Relationships/>", "xl/workbook.xml", "worksheet", "a.xml")


def test_a_part_with_a_dtd_is_refused_not_read_differently_from_an_xml_parser() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY t "xl/worksheets/s.xml">]>'
            b'<Relationships><Relationship Id="rId1" Type="http://x/worksheet" '
            b'Target="&t;"/></Relationships>')
    with pytest.raises(PackageError):
        parse_relations("xl/workbook.xml", bomb)


def _package(path: Path, parts: dict[str, bytes]) -> Package:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return Package.open(path)


def test_sheets_come_in_workbook_order_with_part_state_and_relations(tmp_path: Path) -> None:
    with _package(tmp_path / "kaart.xlsx", {
        "_rels/.rels": b'<Relationships><Relationship Id="r" Type="http://x/officeDocument" '
                       b'Target="/xl/boek.xml"/></Relationships>',
        "xl/boek.xml": WORKBOOK.replace(b'name="Leeg"', b'name="Leeg" state="hidden"'),
        "xl/_rels/boek.xml.rels": RELS,
        "xl/worksheets/_rels/s1.xml.rels": SHEET_RELS,
    }) as opened:
        assert workbook_part(opened) == "xl/boek.xml"
        first, second = list_sheets(opened)
    assert (first.name, first.rid, first.part, first.state) == (
        "Kaart & co", "rId7", "xl/worksheets/s1.xml", "visible")
    assert first.relations == [Relation("rId1", "table", "xl/tables/t1.xml")]
    assert (second.name, second.part, second.state, second.relations) == (
        "Leeg", "xl/worksheets/s2.xml", "hidden", [])


def test_without_root_relationships_the_workbook_is_the_usual_part(tmp_path: Path) -> None:
    with _package(tmp_path / "kaart.xlsx", {"xl/workbook.xml": WORKBOOK}) as opened:
        assert workbook_part(opened) == "xl/workbook.xml"
        assert [(s.name, s.rid, s.part) for s in list_sheets(opened)] == [
            ("Kaart & co", "rId7", ""), ("Leeg", "rId8", "")]


CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="XML" '
    'ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="wb"/><Override ContentType="old" PartName="/xl/drawings/drawing1.xml"/>'
    "</Types>"
)


def test_content_types_are_read_by_extension_and_by_part() -> None:
    types = read_content_types(CONTENT_TYPES_XML.encode())
    assert types.defaults["xml"] == "application/xml"
    assert types.overrides == {"xl/workbook.xml": "wb", "xl/drawings/drawing1.xml": "old"}
    assert types.of("/xl/workbook.xml") == "wb"
    assert types.of("xl/styles.xml") == "application/xml"
    assert types.of("xl/media/image1.png") is None


def test_a_content_type_override_is_added_once() -> None:
    once = add_override(CONTENT_TYPES_XML, "xl/charts/chart1.xml", "chart")
    twice = add_override(once, "xl/charts/chart1.xml", "chart")
    assert twice == once
    assert once.count('PartName="/xl/charts/chart1.xml"') == 1
    assert once.endswith('<Override PartName="/xl/charts/chart1.xml" ContentType="chart"/></Types>')
    # a stale entry for the part (any case, any attribute order) is replaced, not doubled
    replaced = add_override(once, "xl/drawings/Drawing1.xml", "drawing")
    assert read_content_types(replaced.encode()).overrides["xl/drawings/drawing1.xml"] == (
        "drawing")
    assert replaced.lower().count("xl/drawings/drawing1.xml") == 1
    gone = remove_override(replaced, "xl/charts/chart1.xml")
    assert "chart1" not in gone and 'PartName="/xl/workbook.xml"' in gone
    with pytest.raises(PackageError):
        add_override("<ct:Types xmlns:ct='x'></ct:Types>", "a.xml", "t")
