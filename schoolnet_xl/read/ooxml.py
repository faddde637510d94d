"""What calamine does not give: defined names, tables, hidden columns, dropdowns.

Read from the small XML parts of an .xlsx/.xlsm package with regular
expressions on the elements that matter (definedName, table, tableColumn,
col, dataValidation), namespace prefixes allowed; the package layout (which
part is the workbook, its sheets, their relationships) comes from
`read.package`. The probe has already refused entity declarations and bombs,
so the parts are plain XML with only the predefined and numeric character
references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from schoolnet_xl.core.cells import column_index
from schoolnet_xl.read.package import (
    Package,
    attributes,
    list_sheets,
    read_xml,
    relations,
    rels_name,
    start_tag,
    workbook_part,
)
from schoolnet_xl.read.workbook_data import TableData

_COL, _TABLE, _TABLE_COLUMN = map(start_tag, ("col", "table", "tableColumn"))
# Both start with the element's name (any prefix before it): a literal the scan jumps to
# (a leading "<(?:\w+:)?" made it try every tag after the cells). `dataValidation` is one
# dropdown, x14 ones included; `\b` leaves out the `dataValidations` container.
_VALIDATIONS = re.compile(rb"dataValidation\b")
_MERGE_CELL = re.compile(
    rb"mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")
_DEFINED_NAME = re.compile(
    rb"<(?:\w+:)?definedName\b([^>]*)>([^<]*)</(?:\w+:)?definedName>")
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^!'\s]+))!(\$?[A-Z]{1,3}\$?\d+)$")


@dataclass
class SheetScan:
    """What a sheet's XML says outside its cells: hidden columns (0-based), dropdowns,
    ranges merged over several rows (0-based first row, first col, last row, last col)."""

    hidden_columns: frozenset[int] = frozenset()
    has_validations: bool = False
    merged: tuple[tuple[int, int, int, int], ...] = ()


@dataclass
class PackageExtras:
    """Defined names (name -> (sheet, "$B$3")), each sheet's part, the tables, and the
    parts a spreadsheet reader opening the workbook reads whole (`book_parts`: the
    workbook, its relationships, the shared strings and styles they name)."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    sheet_parts: dict[str, str] = field(default_factory=dict)
    tables: list[TableData] = field(default_factory=list)
    book_parts: tuple[str, ...] = ()


_EXTRAS_CACHE: dict[tuple[object, ...], PackageExtras] = {}
_WORKBOOK_PARTS: dict[tuple[object, ...], str] = {}
_LAYOUT_PARTS: dict[tuple[str, ...], list[str]] = {}
_EXTRAS_CACHE_MAX = 64


def _layout_parts(names: tuple[str, ...]) -> list[str]:
    """The relationship and table parts among a package's part names, sorted;
    remembered by the names (a region's cards have the same ones)."""
    parts = _LAYOUT_PARTS.get(names)
    if parts is None:
        if len(_LAYOUT_PARTS) >= _EXTRAS_CACHE_MAX:
            _LAYOUT_PARTS.clear()
        parts = _LAYOUT_PARTS[names] = sorted(
            name for name in names if name.endswith(".rels") or "/tables/" in name)
    return parts


def read_extras(package: Package) -> PackageExtras:
    """Defined names, sheet parts and tables of an OOXML workbook (small parts only).

    Remembered by the exact contents of the parts it depends on (every relationship
    part, every table, the workbook), compared by `Package.identities` without
    inflating them: a region's cards share them. Which part is the workbook is
    remembered too, by the relationship parts (the root's among them) that say so.
    Treat the result as read-only.
    """
    layout = package.identities(_layout_parts(tuple(package.infos)))
    wb_part = _WORKBOOK_PARTS.get(layout)
    if wb_part is None:
        if len(_WORKBOOK_PARTS) >= _EXTRAS_CACHE_MAX:
            _WORKBOOK_PARTS.clear()
        wb_part = _WORKBOOK_PARTS[layout] = workbook_part(package)
    key = (layout, wb_part, package.identity(wb_part))
    extras = _EXTRAS_CACHE.get(key)
    if extras is None:
        if len(_EXTRAS_CACHE) >= _EXTRAS_CACHE_MAX:
            _EXTRAS_CACHE.clear()
        extras = _EXTRAS_CACHE[key] = _parse_extras(package, wb_part)
    return extras


_BOOK_RELATIONS = ("sharedStrings", "styles")


def _parse_extras(package: Package, wb_part: str) -> PackageExtras:
    extras = PackageExtras()
    workbook = read_xml(package, wb_part) or b""
    book_relations = relations(package, wb_part)
    extras.book_parts = (wb_part, rels_name(wb_part), *(
        rel.target for rel in book_relations
        if rel.kind in _BOOK_RELATIONS and not rel.external))
    for sheet in list_sheets(package, wb_part, workbook, book_relations):
        if not sheet.part:
            continue
        extras.sheet_parts[sheet.name] = sheet.part
        for rel in sheet.relations:
            table = _table(package, rel.target, sheet.name) if rel.kind == "table" else None
            if table is not None:
                extras.tables.append(table)
    for match in _DEFINED_NAME.finditer(workbook):
        attrs = attributes(match.group(1))
        name = attrs.get("name", "")
        ref = _parse_ref(unescape(match.group(2).decode("utf-8")).strip())
        first = "localSheetId" not in attrs or name not in extras.names
        if name and ref and first and not name.startswith("_xlnm."):
            extras.names[name] = ref
    return extras


def scan_sheet(package: Package, part: str) -> SheetScan:
    """Hidden columns (before the cell data) and dropdowns (after it) of one sheet part.

    The searches run on the part's bytes between positions (no copies of the head or
    the tail); merged ranges are looked for only from the first `mergeCell` to the end
    of the last one's tag, where every match lies.
    """
    data = package.read(part)
    if data is None:
        return SheetScan()
    start = data.find(b"<sheetData")
    head = start if start >= 0 else len(data)  # the columns come before the cells
    tail = max(data.rfind(b"</sheetData>"), start, 0)  # an empty grid is a bare <sheetData/>
    hidden: set[int] = set()
    for match in _COL.finditer(data, 0, head) if data.find(b"hidden", 0, head) >= 0 else ():
        if b"hidden" not in match.group(1):
            continue
        attrs = attributes(match.group(1))
        if attrs.get("hidden") in ("1", "true"):
            first, last = int(attrs.get("min", "0")), int(attrs.get("max", "0"))
            hidden.update(range(first - 1, min(last, 16384)))
    merged: list[tuple[int, int, int, int]] = []
    first_merge = data.find(b"mergeCell", tail)
    if first_merge >= 0:
        # no match holds a ">": none ends after the first one past the last mergeCell
        stop = data.find(b">", data.rfind(b"mergeCell", tail))
        # only a range over several rows matters to the reader (the template's merged
        # header values span columns only: skipped before any parsing)
        for col1, row1, col2, row2 in _MERGE_CELL.findall(
                data, first_merge, stop if stop >= 0 else len(data)):
            if row1 != row2:
                merged.append((int(row1) - 1, column_index(col1.decode("ascii")),
                               int(row2) - 1, column_index(col2.decode("ascii"))))
    dropdown = data.find(b"dataValidation", tail)
    validations = dropdown >= 0 and _VALIDATIONS.search(data, dropdown) is not None
    return SheetScan(frozenset(hidden), validations, tuple(merged))


def _table(package: Package, part: str, sheet: str) -> TableData | None:
    data = read_xml(package, part)
    root = _TABLE.search(data) if data is not None else None
    if data is None or root is None:
        return None
    attrs = attributes(root.group(1))
    columns = [attributes(m.group(1)).get("name", "") for m in _TABLE_COLUMN.finditer(data)]
    name = attrs.get("displayName") or attrs.get("name") or ""
    return TableData(name=name, sheet=sheet, ref=attrs.get("ref", ""), columns=columns)


def _parse_ref(text: str) -> tuple[str, str] | None:
    """'Netwerkkaart'!$B$3 -> ("Netwerkkaart", "$B$3"); None for ranges and formulas."""
    match = _REF.match(text)
    if not match:
        return None
    sheet = match.group(1).replace("''", "'") if match.group(1) else match.group(2)
    return sheet, match.group(3)
