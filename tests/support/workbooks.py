"""Build small workbooks with features a rewrite could lose (XlsxWriter or zip edits)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from schoolnet_xl.read.package import Package, list_sheets, rels_name

THREADED_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
THREADED_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/'
    'threadedcomments"><threadedComment ref="A1" dT="2026-11-01T10:00:00.00" '
    'personId="{00000000-0000-0000-0000-000000000001}" '
    'id="{00000000-0000-0000-0000-000000000002}"><text>Nog bellen?</text>'
    "</threadedComment></ThreadedComments>"
)


def png(path: Path, colour: tuple[int, int, int] = (200, 30, 30)) -> Path:
    """A small real PNG image (Pillow)."""
    from PIL import Image

    Image.new("RGB", (40, 24), colour).save(path)
    return path


def xlsxwriter_book(path: Path, build: Callable[[Any, Any], None]) -> Path:
    """A two-sheet workbook (`Blad`, `Lijst`) with `build(workbook, Blad)` applied."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Blad")
    other = workbook.add_worksheet("Lijst")
    other.write_column("A1", ["a", "b"])
    sheet.write_row("A1", [1, 2, 3, 4])
    build(workbook, sheet)
    workbook.close()
    return path


def sheet_part(path: Path, sheet: str) -> str:
    """The package part name of a sheet."""
    with Package.open(path) as package:
        return next(s.part for s in list_sheets(package) if s.name == sheet)


def add_threaded_comment(path: Path, sheet: str) -> Path:
    """Add a threaded comment part to `sheet` by editing the zip (as Excel 365 stores it)."""
    part = sheet_part(path, sheet)
    rels = rels_name(part)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    relation = (f'<Relationship Id="rIdTc1" Type="{THREADED_REL}" '
                'Target="../threadedComments/threadedComment1.xml"/>')
    if rels in parts:
        parts[rels] = parts[rels].replace(b"</Relationships>",
                                          relation.encode() + b"</Relationships>")
    else:
        parts[rels] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{relation}</Relationships>"
        ).encode()
    parts["xl/threadedComments/threadedComment1.xml"] = THREADED_XML.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType='
        b'"application/vnd.ms-excel.threadedcomments+xml"/></Types>')
    _rewrite(path, parts)
    return path


def part_bytes(path: Path) -> dict[str, bytes]:
    """Every part of a package, by name."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


SPARKLINE_EXT = (
    '<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    "<x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>{source}</xm:f>"
    "<xm:sqref>{target}</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>"
    "</x14:sparklineGroups></ext></extLst>"
)
TEXTBOX_ANCHOR = (
    '<xdr:twoCellAnchor xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
    'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    "<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff>"
    "<xdr:row>32</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>5</xdr:col>"
    "<xdr:colOff>0</xdr:colOff><xdr:row>36</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="90" name="TextBox 90"/>'
    '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="2000000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    "</xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{text}</a:t></a:r></a:p>"
    "</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
)


def _rewrite(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def add_sparkline(path: Path, sheet: str, source: str, target: str) -> Path:
    """Add an Excel 2010 sparkline (x14 extension) to a sheet's XML, as Excel stores it."""
    parts = part_bytes(path)
    part = sheet_part(path, sheet)
    xml = parts[part].decode("utf-8")
    assert "<extLst>" not in xml, "sheet already has extensions"
    ext = SPARKLINE_EXT.format(source=source, target=target)
    parts[part] = xml.replace("</worksheet>", ext + "</worksheet>").encode("utf-8")
    _rewrite(path, parts)
    return path


def add_textbox(path: Path, sheet: str, text: str) -> Path:
    """Add a text box to the existing drawing of a sheet (e.g. beside Overzicht's chart)."""
    with Package.open(path) as package:
        drawing = next(r.target for s in list_sheets(package) if s.name == sheet
                       for r in s.relations if r.kind == "drawing")
    parts = part_bytes(path)
    xml = parts[drawing].decode("utf-8")
    closing = "</xdr:wsDr>" if "</xdr:wsDr>" in xml else "</wsDr>"
    assert closing in xml
    parts[drawing] = xml.replace(closing, TEXTBOX_ANCHOR.format(text=text) + closing).encode()
    _rewrite(path, parts)
    return path


def prefix_styles(path: Path) -> Path:
    """Rewrite styles.xml with an `x:` namespace prefix, as some generators write it."""
    import re

    parts = part_bytes(path)
    xml = parts["xl/styles.xml"].decode("utf-8")
    xml = re.sub(r"<(/?)(?!\?)(\w+)([\s/>])", r"<\1x:\2\3", xml)
    xml = xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    parts["xl/styles.xml"] = xml.encode("utf-8")
    _rewrite(path, parts)
    return path


def relationship_prefix_on_each_sheet(path: Path, prefix: str = "rel") -> Path:
    """Declare workbook.xml's relationships namespace on each <sheet>, under `prefix`.

    openpyxl with lxml writes it this way (xmlns:r on every <sheet>, none on <workbook>);
    here it is done by a zip edit so that a test does not depend on the XML backend.
    """
    import re

    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = part_bytes(path)
    xml = parts["xl/workbook.xml"].decode("utf-8")
    old = set(re.findall(rf'\sxmlns:(\w+)="{re.escape(rel)}"', xml))
    assert old, "workbook.xml declares no relationships namespace"
    xml = re.sub(rf'\sxmlns:\w+="{re.escape(rel)}"', "", xml)
    xml = re.sub(rf'<sheet\b([^>]*?)\s(?:{"|".join(old)}):id="',
                 rf'<sheet xmlns:{prefix}="{rel}"\1 {prefix}:id="', xml)
    assert f"{prefix}:id=" in xml and not re.search(rf"\b(?:{'|'.join(old)}):", xml)
    parts["xl/workbook.xml"] = xml.encode("utf-8")
    _rewrite(path, parts)
    return path
