"""Stream many data rows into a worksheet that XlsxWriter laid out.

XlsxWriter builds the workbook (header rows, formats, tables, filters, charts)
but spends about 7 µs per cell; the Partners sheet of a Flanders-sized region
has ~1.7 million cells. So the big sheets get only their header row from
XlsxWriter, and their data rows are generated here as plain `<row>` XML with
inline strings (what XlsxWriter's own constant_memory mode writes) and spliced
into the package while it is copied to its destination: about 1 µs per cell,
7x faster for the 90,000 Partners rows of 3,000 cards (commit 52ae2c2).

Every value is written as a literal: text as an inline string (never a
formula), numbers as numbers. Text is escaped as XlsxWriter escapes it (its
`XMLwriter._escape_data` and `_escape_control_characters`), so Excel, calamine
and openpyxl read back what XlsxWriter's plain cells give: `&<>` as entities,
control characters other than tab and line feed as `_xHHHH_`, U+FFFE/U+FFFF as
`_xFFFE_`/`_xFFFF_`, and a literal `_xHHHH_` in the text as `_x005F_xHHHH_` (the
`_x005F_` is an escaped underscore; without it Excel reads `_x000D_` as a
carriage return). A test compares the two byte for byte
(tests/test_merge_bulk_rows.py).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import IO, NamedTuple

from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.merge.fast_write.deflated import DeflatedFile, deflate_to_file, write_member
from schoolnet_xl.merge.fast_write.links import (
    first_free_id,
    hyperlinks_xml,
    relationships_xml,
    rels_part,
    with_hyperlinks,
)

# As XlsxWriter: `&<>`, C0 controls but tab (9) and line feed (10), non-characters.
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ESCAPES.update({c: f"_x{c:04X}_" for c in (*range(0, 9), *range(11, 32), 0xFFFE, 0xFFFF)})
# The other ASCII characters as they are: translate's fast path then finds every one in
# the table (one missing costs a KeyError per text): Partners' texts 18 -> 9 ms.
_ESCAPES.update({c: chr(c) for c in range(128) if c not in _ESCAPES})
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # XlsxWriter's re_control_chars_1
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/>')
EXCEL_MAX_TEXT = 32_767  # UTF-16 code units, as Excel and XlsxWriter count them
_CHUNK_ROWS = 2000
_CACHE_LIMIT = 200_000


class _Cells(dict[str, tuple[str, int]]):
    """A column's text cells with one style: text -> (its cell after the row number,
    lines), made on first use."""

    def __init__(self, attribute: str, per_line: int) -> None:
        """`attribute`: the style's ` s="…"` ("" for none); `per_line`: 0 for no wrap."""
        super().__init__()
        self.text = f'"{attribute} t="inlineStr">'  # after the row number: a text's cell …
        self.number = f'"{attribute}><v>'  # … a number's
        self.per_line = per_line

    def __missing__(self, value: str) -> tuple[str, int]:
        per_line = self.per_line
        cell = self[value] = (f"{self.text}{inline_string(value)}</c>",
                              wrapped_lines(value, per_line)
                              if per_line and len(value) > per_line else 1)
        return cell


def rows_xml(rows: Sequence[Sequence[Cell]], first_row: int, width: int,
             styles: Sequence[int | None] = (),
             wrap: Sequence[int] = (),
             cell_styles: Sequence[Sequence[int | None]] | None = None) -> Iterator[str]:
    """`<row>` elements for rows starting at 0-based `first_row`, in chunks of text.

    `styles` gives a column's cell format (an XlsxWriter xf index), `cell_styles`
    (when given) each cell's own, row by row; `wrap` gives the characters per
    line of a column whose format wraps text (0 = no wrap).
    A row whose wrapped text needs more lines gets that height: neither Excel
    nor LibreOffice reliably fits row heights when it opens a file.
    A text's cell but its row number, and its lines, are made once per column and
    style (`_Cells`): values repeat a lot (Partners of 9,000 cards, callgrind: 68 -> 49
    k instructions a row).
    """
    wrap = [*wrap, *[0] * (width - len(wrap))]
    # Per column: its cell start, characters per line and cells per style.
    by_column: list[tuple[str, int, dict[int | None, tuple[str, _Cells]]]] = [
        (f'<c r="{letter}', per_line, {})
        for letter, per_line in zip(map(column_letters, range(width)), wrap, strict=True)]

    def columns(row_styles: Sequence[int | None]) -> list[tuple[str, _Cells]]:
        found = []
        padded = chain(row_styles[:width], repeat(None))
        for (start, per_line, by_style), style in zip(by_column, padded, strict=False):
            column = by_style.get(style)
            if column is None:
                column = by_style[style] = (start, _Cells(
                    f' s="{style}"' if style is not None else "", per_line))
            found.append(column)
        return found

    row_columns = repeat(columns(styles)) if cell_styles is None else map(columns, cell_styles)
    chunk: list[str] = []
    for number, (row, in_row) in enumerate(zip(rows, row_columns, strict=False),
                                           start=first_row + 1):
        at = str(number)
        parts = [""]
        lines = 1
        for (start, cells), value in zip(in_row, row, strict=False):
            if isinstance(value, str):
                if value:
                    cell, needed = cells[value]
                    parts.append(f"{start}{at}{cell}")
                    if needed > lines:
                        lines = needed
            elif value is not None:
                parts.append(f"{start}{at}{cells.number}{value!r}</v></c>")
        parts[0] = (f'<row r="{at}" ht="{lines * LINE_HEIGHT}" customHeight="1">'
                    if lines > 1 else f'<row r="{at}">')
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= _CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
            made = [cells for _, _, by_style in by_column for _, cells in by_style.values()]
            if sum(map(len, made)) > _CACHE_LIMIT:
                for cells in made:
                    cells.clear()
    if chunk:
        yield "".join(chunk)


def inline_string(value: str) -> str:
    """The `<is><t>` element of a text, cut and escaped as XlsxWriter does."""
    text = excel_text(value)
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = text.translate(_ESCAPES)
    if text[0].isspace() or text[-1].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def excel_text(value: str) -> str:
    """`value` cut at Excel's cell limit of 32,767 UTF-16 units (a character beyond
    U+FFFF counts two and is never split), as XlsxWriter's write_string cuts it."""
    if len(value) <= EXCEL_MAX_TEXT // 2:  # too short to exceed it, even if all count two
        return value
    units = len(value.encode("utf-16-le", "surrogatepass")) // 2
    if units <= EXCEL_MAX_TEXT:
        return value
    if units == len(value):  # no character beyond U+FFFF
        return value[:EXCEL_MAX_TEXT]
    units = 0
    for index, char in enumerate(value):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > EXCEL_MAX_TEXT:
            return value[:index]
    return value


class SheetRows(NamedTuple):
    """The data rows of one sheet part, its width and optional per-column styles."""

    rows: Sequence[Sequence[Cell]]
    width: int
    styles: Sequence[int | None] = ()
    wrap: Sequence[int] = ()  # characters per line of a wrapped column, 0 = no wrap
    cell_styles: Sequence[Sequence[int | None]] | None = None  # per row, per cell
    header_row: int = 0  # 0-based: the rows follow it

    def xml(self) -> Iterator[str]:
        """The rows as `<row>` XML in chunks, numbered from below the header."""
        return rows_xml(self.rows, self.header_row + 1, self.width, self.styles, self.wrap,
                        self.cell_styles)


class FileRows(NamedTuple):
    """A sheet's data rows already written as deflated `<row>` XML, in consecutive
    pieces (`rows_to_file` writes one)."""

    pieces: tuple[DeflatedFile, ...]
    row_count: int
    width: int
    header_row: int = 0  # 0-based: the rows follow it


def rows_to_file(sheet: SheetRows, path: Path) -> DeflatedFile:
    """Write a sheet's rows as a deflated piece of UTF-8 `<row>` XML."""
    return deflate_to_file((chunk.encode("utf-8") for chunk in sheet.xml()), path)


Rows = SheetRows | FileRows | tuple[Sequence[Sequence[Cell]], int]


def splice_rows(package: IO[bytes], target: Path,
                sheets: Mapping[str, Rows | Callable[[], Rows]],
                table_refs: Mapping[str, tuple[str, str]] | None = None,
                links: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> Path:
    """Copy the XlsxWriter `package` to `target`, appending rows to the named sheet parts.

    `sheets` maps a part name (`xl/worksheets/sheet4.xml`) to its `SheetRows`
    (or a plain (rows, width) pair, or rows already written to a file); the
    rows follow the sheet's header row. A sheet given as a callable (rows still
    being written by another process) is asked for them last, after every other
    part has been copied.
    `table_refs` maps a table part to (the range XlsxWriter was given, the real
    range): XlsxWriter's add_table spends ~2 s checking overlaps cell by cell
    over 90,000 rows, so the table is laid out over its header and first row
    and its range widened here.
    `links` maps a sheet part to the (cell reference, target) of its external
    hyperlinks: put into the sheet and its relationships part (see `links`).
    """
    table_refs = table_refs or {}
    links = {part: found for part, found in (links or {}).items() if found}
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(
            target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        names = set(source.namelist())
        rels = {part: source.read(rels_part(part)) if rels_part(part) in names else None
                for part in links}
        first = {part: first_free_id(data) for part, data in rels.items()}
        linked_rels = {rels_part(part): part for part in links}
        deferred = []
        for info in source.infolist():
            data = source.read(info.filename)
            rows = sheets.get(info.filename)
            element = (hyperlinks_xml(links[info.filename], first[info.filename])
                       if info.filename in links else None)
            if info.filename in linked_rels:
                part = linked_rels[info.filename]
                out.writestr(info, relationships_xml(links[part], first[part], data),
                             compress_type=zipfile.ZIP_DEFLATED)
            elif callable(rows):
                deferred.append((info, data, rows, element))
            elif rows is not None:
                _write_sheet(out, info, data, _sheet_rows(rows), element)
            else:
                if info.filename in table_refs:
                    laid_out, real = table_refs[info.filename]
                    data = data.replace(f'ref="{laid_out}"'.encode(), f'ref="{real}"'.encode())
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for part, existing in rels.items():
            if existing is None:
                out.writestr(rels_part(part), relationships_xml(links[part], first[part], None),
                             compress_type=zipfile.ZIP_DEFLATED)
        for info, data, written, element in deferred:
            _write_sheet(out, info, data, _sheet_rows(written()), element)
    return target


def _sheet_rows(rows: Rows) -> SheetRows | FileRows:
    return rows if isinstance(rows, SheetRows | FileRows) else SheetRows(*rows)


def _write_sheet(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes,
                 sheet: SheetRows | FileRows, hyperlinks: bytes | None = None) -> None:
    """Write the sheet part with the rows right after its header row (rows that
    XlsxWriter wrote above it stay above, those further down, such as totals, below
    them), and its `<hyperlinks>` element when given."""
    count = sheet.row_count if isinstance(sheet, FileRows) else len(sheet.rows)
    data = _widen_dimension(data, column_letters(sheet.width - 1),
                            sheet.header_row + 1 + count)
    header = _header_row(sheet.header_row + 1).search(data)
    if header is None:
        raise ValueError(f"{info.filename}: no row {sheet.header_row + 1} to add the rows after")
    head, tail = data[:header.end()], data[header.end():]
    if hyperlinks is not None:
        tail = with_hyperlinks(tail, hyperlinks)
    if isinstance(sheet, FileRows):
        write_member(out, info, head, sheet.pieces, tail)
        return
    # Opened by name: the archive's fast compression level, the 1980 zip date.
    with out.open(info.filename, "w", force_zip64=True) as stream:
        stream.write(head)
        _write_all(stream, sheet.xml())
        stream.write(tail)


def _header_row(number: int) -> re.Pattern[bytes]:
    """The `<row>` element numbered `number` (1-based) in a sheet part."""
    return re.compile(rb'<row r="%d"[ >](?:[^>]*/>|.*?</row>)' % number, re.DOTALL)


def _widen_dimension(data: bytes, last_column: str, last_row: int) -> bytes:
    """The sheet's `<dimension>` reaching at least `last_row` (1-based) and `last_column`."""
    found = _DIMENSION.search(data)
    if found and found.group(1) and int(found.group(1)) > last_row:
        last_row = int(found.group(1))
    return _DIMENSION.sub(f'<dimension ref="A1:{last_column}{last_row}"/>'.encode(), data, 1)


def _write_all(stream: IO[bytes], chunks: Iterable[str]) -> None:
    for chunk in chunks:
        stream.write(chunk.encode("utf-8"))
