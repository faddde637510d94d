"""What calamine does not give of an .ods: the cells merged over several rows.

An OpenDocument spreadsheet marks a merged cell with `table:number-rows-spanned` /
`table:number-columns-spanned` on its `table:table-cell` in content.xml; the cells
it covers are `table:covered-table-cell`. Positions follow from counting rows and
cells, with their `number-rows-repeated` / `number-columns-repeated`. Read with a
regular expression over the start and end tags (the probe has refused entity
declarations and bombs), and only when content.xml spans a cell over several rows.
"""

from __future__ import annotations

import re
from html import unescape

from schoolnet_xl.read.package import Package, xml_part

CONTENT = "content.xml"
Span = tuple[int, int, int, int]  # 0-based first row, first col, last row, last col

_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>")
_SPANNED = b"-spanned="
# a span over more than one row: without one (a template's merged header values span
# columns only) the tags need not be walked
_ROWS_SPANNED = re.compile(rb'number-rows-spanned\s*=\s*"(?!1")')
_ATTRIBUTE = re.compile(rb'([\w.-]+:[\w.-]+)\s*=\s*"([^"]*)"')


def merged_ranges(package: Package) -> dict[str, tuple[Span, ...]]:
    """Sheet name -> its cells merged over several rows, for the sheets that have any."""
    data = package.read(CONTENT)
    if data is None or _SPANNED not in data:
        return {}
    data = xml_part(data, CONTENT)
    if not _ROWS_SPANNED.search(data):
        return {}
    found: dict[str, list[Span]] = {}
    sheet: list[Span] | None = None
    row = col = 0
    row_repeat = 1
    for match in _TAG.finditer(data):
        closing, tag, attrs, empty = match.groups()
        if tag == b"table":
            if closing:
                sheet = None
            else:
                name = _attributes(attrs).get("table:name", "")
                sheet = found.setdefault(name, [])
                row = 0
        elif tag == b"table-row":
            if closing:
                row += row_repeat
                continue
            col = 0
            row_repeat = (int(_attributes(attrs).get("table:number-rows-repeated", "1"))
                          if b"repeated" in attrs else 1)
            if empty:
                row += row_repeat
        elif not closing and sheet is not None:
            values = _attributes(attrs) if b"-repeated=" in attrs or _SPANNED in attrs else {}
            rows = int(values.get("table:number-rows-spanned", "1"))
            cols = int(values.get("table:number-columns-spanned", "1"))
            if tag == b"table-cell" and rows > 1:
                sheet.append((row, col, row + rows - 1, col + cols - 1))
            col += int(values.get("table:number-columns-repeated", "1"))
    return {name: tuple(spans) for name, spans in found.items() if spans}


def _attributes(text: bytes) -> dict[str, str]:
    """A tag's prefixed attributes ("table:name" -> value), unescaped."""
    return {name.decode("ascii", "replace"): unescape(value.decode("utf-8"))
            for name, value in _ATTRIBUTE.findall(text)}
