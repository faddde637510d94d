"""What calamine does not give: defined names, tables, hidden columns, dropdowns.

Read from the small XML parts of an .xlsx/.xlsm package with regular
expressions on the elements that matter (sheet, definedName, Relationship,
table, tableColumn, col, dataValidation), namespace prefixes allowed. The
probe has already refused entity declarations and bombs, so the parts are
plain XML with only the predefined and numeric character references.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape

from schoolnet_xl.read.package import Package
from schoolnet_xl.read.workbook_data import TableData

_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_VALIDATIONS = re.compile(rb"<(?:\w+:)?dataValidation\b|<x14:dataValidation\b")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_DEFINED_NAME = re.compile(
    rb"<(?:\w+:)?definedName\b([^>]*)>([^<]*)</(?:\w+:)?definedName>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_TABLE = re.compile(rb"<(?:\w+:)?table\b([^>]*)>")
_TABLE_COLUMN = re.compile(rb"<(?:\w+:)?tableColumn\b([^>]*)>")
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


_EXTRAS_CACHE: dict[tuple[object, ...], PackageExtras] = {}
_EXTRAS_CACHE_MAX = 64


def read_extras(package: Package) -> PackageExtras:
    """Defined names, sheet parts and tables of an OOXML workbook (small parts only).

    Remembered by the exact contents of the parts it depends on (workbook, every
    relationship part, every table), compared by `Package.identity` without
    inflating them: a region's cards share them. Treat the result as read-only.
    """
    wb_part = _workbook_part(package)
    key = tuple((name, package.identity(name)) for name in sorted(package.infos)
                if name == wb_part or name.endswith(".rels") or "/tables/" in name)
    extras = _EXTRAS_CACHE.get(key)
    if extras is None:
        if len(_EXTRAS_CACHE) >= _EXTRAS_CACHE_MAX:
            _EXTRAS_CACHE.clear()
        extras = _EXTRAS_CACHE[key] = _parse_extras(package, wb_part)
    return extras


def _parse_extras(package: Package, wb_part: str) -> PackageExtras:
    workbook = package.read(wb_part) or b""
    targets = _relations(package, wb_part)
    extras = PackageExtras()
    for match in _SHEET.finditer(workbook):
        attrs = _attributes(match.group(1))
        name = attrs.get("name", "")
        part = targets.get(_relation_id(attrs), ("", ""))[1]
        if not part:
            continue
        extras.sheet_parts[name] = part
        for kind, target in _relations(package, part).values():
            table = _table(package, target, name) if kind == "table" else None
            if table is not None:
                extras.tables.append(table)
    for match in _DEFINED_NAME.finditer(workbook):
        attrs = _attributes(match.group(1))
        name = attrs.get("name", "")
        ref = _parse_ref(unescape(match.group(2).decode("utf-8")).strip())
        first = "localSheetId" not in attrs or name not in extras.names
        if name and ref and first and not name.startswith("_xlnm."):
            extras.names[name] = ref
    return extras


def scan_sheet(package: Package, part: str) -> SheetScan:
    """Hidden columns (before the cell data) and dropdowns (after it) of one sheet part."""
    data = package.read(part)
    if data is None:
        return SheetScan()
    start = data.find(b"<sheetData")
    end = data.rfind(b"</sheetData>")
    before = data[:start] if start >= 0 else data
    after = data[max(end, start, 0):]  # an empty grid is a bare <sheetData/>
    hidden: set[int] = set()
    for match in _COL.finditer(before):
        if b"hidden" not in match.group(1):
            continue
        attrs = _attributes(match.group(1))
        if attrs.get("hidden") in ("1", "true"):
            first, last = int(attrs.get("min", "0")), int(attrs.get("max", "0"))
            hidden.update(range(first - 1, min(last, 16384)))
    return SheetScan(frozenset(hidden), bool(_VALIDATIONS.search(after)))


def _attributes(text: bytes) -> dict[str, str]:
    """An element's attributes, unescaped (a prefixed name keeps its prefix)."""
    out = {}
    for name, double, single in _ATTR.findall(text):
        value = (double or single).decode("utf-8")
        out[name.decode("ascii", "replace")] = unescape(value) if "&" in value else value
    return out


def _relation_id(attrs: dict[str, str]) -> str:
    """The r:id of a sheet element, whatever prefix the relationships namespace has."""
    return next((v for k, v in attrs.items() if k.endswith(":id")), "")


def _workbook_part(package: Package) -> str:
    for kind, target in _relations(package, "").values():
        if kind == "officeDocument":
            return target
    return "xl/workbook.xml"


def _relations(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """rel id -> (type's last segment, target part name) for the rels of `part`."""
    folder, base = posixpath.split(part)
    data = package.read(posixpath.join(folder, "_rels", f"{base}.rels"))
    if data is None:
        return {}
    out = {}
    for match in _RELATIONSHIP.finditer(data):
        attrs = _attributes(match.group(1))
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") != "External":
            target = (target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
        out[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _table(package: Package, part: str, sheet: str) -> TableData | None:
    data = package.read(part)
    root = _TABLE.search(data) if data is not None else None
    if data is None or root is None:
        return None
    attrs = _attributes(root.group(1))
    columns = [_attributes(m.group(1)).get("name", "") for m in _TABLE_COLUMN.finditer(data)]
    name = attrs.get("displayName") or attrs.get("name") or ""
    return TableData(name=name, sheet=sheet, ref=attrs.get("ref", ""), columns=columns)


def _parse_ref(text: str) -> tuple[str, str] | None:
    """'Netwerkkaart'!$B$3 -> ("Netwerkkaart", "$B$3"); None for ranges and formulas."""
    match = _REF.match(text)
    if not match:
        return None
    sheet = match.group(1).replace("''", "'") if match.group(1) else match.group(2)
    return sheet, match.group(3)
