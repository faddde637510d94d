"""What calamine does not give: defined names, tables, hidden columns, dropdowns.

Read from the small XML parts of an .xlsx/.xlsm package with the stdlib
(ElementTree on workbook.xml, rels and table parts; regular expressions on the
sheet XML outside its cell data). The probe has already refused entity
declarations and bombs, so parsing these parts is safe.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from schoolnet_xl.read.workbook_data import TableData

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_VALIDATIONS = re.compile(rb"<(?:\w+:)?dataValidation\b|<x14:dataValidation\b")
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^!'\s]+))!(\$?[A-Z]{1,3}\$?\d+)$")


@dataclass
class SheetScan:
    """What a sheet's XML says outside its cells: hidden columns (0-based), dropdowns."""

    hidden_columns: frozenset[int] = frozenset()
    has_validations: bool = False


@dataclass
class PackageExtras:
    """Defined names (name -> (sheet, "$B$3")), each sheet's part, the tables."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    sheet_parts: dict[str, str] = field(default_factory=dict)
    tables: list[TableData] = field(default_factory=list)


def read_extras(zf: zipfile.ZipFile) -> PackageExtras:
    """Defined names, sheet parts and tables of an OOXML workbook (small parts only)."""
    wb_part = _workbook_part(zf)
    root = ET.fromstring(zf.read(wb_part))
    targets = _relations(zf, wb_part)
    extras = PackageExtras()
    for node in root.iter(f"{NS_MAIN}sheet"):
        name = node.get("name", "")
        part = targets.get(node.get(NS_REL_ID, ""), ("", ""))[1]
        if not part:
            continue
        extras.sheet_parts[name] = part
        for kind, target in _relations(zf, part).values():
            table = _table(zf, target, name) if kind == "table" else None
            if table is not None:
                extras.tables.append(table)
    for node in root.iter(f"{NS_MAIN}definedName"):
        name, ref = node.get("name", ""), _parse_ref((node.text or "").strip())
        if name and ref and not name.startswith("_xlnm."):
            local = node.get("localSheetId")
            if local is None or name not in extras.names:
                extras.names[name] = ref
    return extras


def scan_sheet(zf: zipfile.ZipFile, part: str) -> SheetScan:
    """Hidden columns (before the cell data) and dropdowns (after it) of one sheet part."""
    try:
        data = zf.read(part)
    except KeyError:
        return SheetScan()
    start = data.find(b"<sheetData")
    end = data.rfind(b"</sheetData>")
    before = data[:start] if start >= 0 else data
    after = data[end:] if end >= 0 else b""
    hidden: set[int] = set()
    for match in _COL.finditer(before):
        attrs = dict(_ATTR.findall(match.group(1)))
        if attrs.get(b"hidden") in (b"1", b"true"):
            first, last = int(attrs.get(b"min", b"0")), int(attrs.get(b"max", b"0"))
            hidden.update(range(first - 1, min(last, 16384)))
    return SheetScan(frozenset(hidden), bool(_VALIDATIONS.search(after)))


def _workbook_part(zf: zipfile.ZipFile) -> str:
    for kind, target in _relations(zf, "").values():
        if kind == "officeDocument":
            return target
    return "xl/workbook.xml"


def _relations(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rel id -> (type's last segment, target part name) for the rels of `part`."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    try:
        data = zf.read(rels)
    except KeyError:
        return {}
    out = {}
    for rel in ET.fromstring(data).iter(f"{NS_PKG}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = (target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _table(zf: zipfile.ZipFile, part: str, sheet: str) -> TableData | None:
    try:
        root = ET.fromstring(zf.read(part))
    except KeyError:
        return None
    columns = [c.get("name", "") for c in root.iter(f"{NS_MAIN}tableColumn")]
    name = root.get("displayName") or root.get("name") or ""
    return TableData(name=name, sheet=sheet, ref=root.get("ref", ""), columns=columns)


def _parse_ref(text: str) -> tuple[str, str] | None:
    """'Netwerkkaart'!$B$3 -> ("Netwerkkaart", "$B$3"); None for ranges and formulas."""
    match = _REF.match(text)
    if not match:
        return None
    sheet = match.group(1).replace("''", "'") if match.group(1) else match.group(2)
    return sheet, match.group(3)
