"""Read-only map of an xlsx package: sheets in order, their parts and related parts.

Stdlib zipfile + ElementTree only; no spreadsheet library. Used by the
preflight scan and by the part-level writer.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class Relation:
    """One relationship of a part: id, type (last URI segment) and resolved target."""

    rid: str
    kind: str
    target: str
    external: bool = False


@dataclass
class SheetPart:
    """A sheet of the workbook: its name, rel id in workbook.xml and part name."""

    name: str
    rid: str
    part: str
    state: str = "visible"
    relations: list[Relation] = field(default_factory=list)


def rels_name(part: str) -> str:
    """The relationships part of `part` (xl/worksheets/sheet1.xml -> …/_rels/sheet1.xml.rels)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def read_relations(zf: zipfile.ZipFile, part: str) -> list[Relation]:
    """The relationships of `part` in a zip, targets resolved to package part names."""
    name = rels_name(part)
    if name not in zf.namelist():
        return []
    return parse_relations(part, zf.read(name))


def parse_relations(part: str, rels_xml: bytes) -> list[Relation]:
    """Parse the relationships XML of `part`, resolving targets to part names."""
    root = ET.fromstring(rels_xml)
    folder = posixpath.dirname(part)
    out = []
    for rel in root.findall(f"{{{NS_PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if not external:
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        out.append(
            Relation(rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], target, external)
        )
    return out


def workbook_part(zf: zipfile.ZipFile) -> str:
    """The workbook part named by the package's root relationships."""
    for rel in read_relations(zf, ""):
        if rel.kind == "officeDocument":
            return rel.target
    return "xl/workbook.xml"


def list_sheets(zf: zipfile.ZipFile) -> list[SheetPart]:
    """Every sheet in workbook order, with its part and relationships."""
    wb_part = workbook_part(zf)
    targets = {r.rid: r.target for r in read_relations(zf, wb_part)}
    root = ET.fromstring(zf.read(wb_part))
    sheets = []
    for node in root.iter(f"{{{NS_MAIN}}}sheet"):
        rid = node.get(f"{{{NS_REL}}}id", "")
        part = targets.get(rid, "")
        sheet = SheetPart(node.get("name", ""), rid, part, node.get("state", "visible"))
        if part:
            sheet.relations = read_relations(zf, part)
        sheets.append(sheet)
    return sheets
