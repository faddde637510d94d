"""Build small workbooks with features a rewrite could lose (XlsxWriter or zip edits)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    from schoolnet_xl.edit.package import list_sheets

    with zipfile.ZipFile(path) as zf:
        return next(s.part for s in list_sheets(zf) if s.name == sheet)


def add_threaded_comment(path: Path, sheet: str) -> Path:
    """Add a threaded comment part to `sheet` by editing the zip (as Excel 365 stores it)."""
    from schoolnet_xl.edit.package import rels_name

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
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def part_bytes(path: Path) -> dict[str, bytes]:
    """Every part of a package, by name."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}
