"""Feedback workbooks without XlsxWriter per school: the same workbook, sooner.

XlsxWriter spends about 2.6 ms closing each small workbook, mostly on parts
every feedback workbook shares (styles, theme, workbook, properties, content
types): 3,000 schools would pay ~8 s of CPU for them. So XlsxWriter lays out an
empty *skeleton* once per language and set of sheets (columns, print setup,
frozen panes, footers, every format registered), and each school's workbook is
that package with its sheets' `<sheetData>` (inline strings, as XlsxWriter's
constant_memory mode writes them), merged cells and page breaks spliced in,
and its name put where the skeleton holds a placeholder.

The reference is `workbook.XlsxBook`: tests/test_feedback_fast.py writes the
same schools both ways and compares every cell, format, row height, merge,
page break and print setting. A workbook with a map is always XlsxWriter's.
`Format._get_xf_index` is XlsxWriter's private call (fast_write uses it too;
tests/test_merge_writer_private_apis.py watches it).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.merge.fast_write.bulk_rows import inline_string
from schoolnet_xl.merge.feedback.workbook import Basis, Book, Formats, XlsxBook

PLACEHOLDER = "SCHOOLNETXLNAAM"  # the name in a skeleton's footers and title
SheetKind = str  # "page" or "findings"

_CONTROLS = {c: None for c in (*range(0, 32), 0xFFFE, 0xFFFF)}


@dataclass
class SheetRecord:
    """The cells, row heights, merged ranges and page breaks of one sheet."""

    cells: dict[tuple[int, int], tuple[str | float, int | None]] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)

    def write_string(self, row: int, col: int, text: str, fmt: Any = None) -> None:
        self.cells[(row, col)] = (text, _xf(fmt))

    def write_number(self, row: int, col: int, number: float, fmt: Any = None) -> None:
        self.cells[(row, col)] = (float(number), _xf(fmt))

    def merge_range(self, first_row: int, first_col: int, last_row: int, last_col: int,
                    data: str, fmt: Any = None) -> None:
        """As XlsxWriter: the range's cells blank in `fmt`, `data` in the first."""
        self.merges.append((first_row, first_col, last_row, last_col))
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                self.cells[(row, col)] = ("", _xf(fmt))
        self.write_string(first_row, first_col, data, fmt)

    def set_row(self, row: int, height: float) -> None:
        self.heights[row] = height

    def set_h_pagebreaks(self, rows: list[int]) -> None:
        self.breaks = sorted(rows)

    def splice(self, skeleton: str) -> str:
        """The skeleton's sheet XML with this sheet's content in it."""
        xml = skeleton.replace("<sheetData/>", self._sheet_data() + self._merge_cells(), 1)
        if self.cells:
            last_row = max(row for row, _ in self.cells)
            last_col = max(col for _, col in self.cells)
            xml = xml.replace('<dimension ref="A1"/>',
                              f'<dimension ref="A1:{column_letters(last_col)}{last_row + 1}"/>',
                              1)
        if self.breaks:
            breaks = "".join(f'<brk id="{row}" max="16383" man="1"/>' for row in self.breaks)
            xml = xml.replace("</headerFooter>", f'</headerFooter><rowBreaks count="'
                              f'{len(self.breaks)}" manualBreakCount="{len(self.breaks)}">'
                              f"{breaks}</rowBreaks>", 1)
        return xml

    def _sheet_data(self) -> str:
        rows: dict[int, list[str]] = {row: [] for row in self.heights}
        for (row, col), (value, style) in sorted(self.cells.items()):
            ref = f"{column_letters(col)}{row + 1}"
            s = "" if style is None else f' s="{style}"'
            if isinstance(value, float):
                number = int(value) if value.is_integer() else value
                rows.setdefault(row, []).append(f'<c r="{ref}"{s}><v>{number}</v></c>')
            elif value:
                rows.setdefault(row, []).append(
                    f'<c r="{ref}"{s} t="inlineStr">{inline_string(value)}</c>')
            elif style is not None:
                rows.setdefault(row, []).append(f'<c r="{ref}"{s}/>')
        parts = ["<sheetData>"]
        for row in sorted(rows):
            height = self.heights.get(row)
            high = f' ht="{_points(height)}" customHeight="1"' if height is not None else ""
            parts.append(f'<row r="{row + 1}"{high}>{"".join(rows[row])}</row>')
        parts.append("</sheetData>")
        return "".join(parts)

    def _merge_cells(self) -> str:
        if not self.merges:
            return ""
        refs = "".join(f'<mergeCell ref="{column_letters(c1)}{r1 + 1}:'
                       f'{column_letters(c2)}{r2 + 1}"/>' for r1, c1, r2, c2 in self.merges)
        return f'<mergeCells count="{len(self.merges)}">{refs}</mergeCells>'


@dataclass(frozen=True)
class Skeleton:
    """An empty feedback workbook's parts, from XlsxWriter, with the name a placeholder."""

    members: tuple[tuple[zipfile.ZipInfo, bytes], ...]
    sheets: tuple[str, ...]  # the worksheet part of each sheet, in order


class FastBook(Book):
    """Records what the layout writes and renders it into a skeleton of its sheets."""

    def __init__(self, skeletons: Skeletons, basis: Basis, name: str) -> None:
        self.basis, self._name, self._skeletons = basis, name, skeletons
        self.fmt = skeletons.formats(basis.lang)
        self._sheets: list[tuple[SheetKind, SheetRecord]] = []

    def page_sheet(self) -> SheetRecord:
        return self._add("page")

    def findings_sheet(self) -> SheetRecord:
        return self._add("findings")

    def _add(self, kind: SheetKind) -> SheetRecord:
        record = SheetRecord()
        self._sheets.append((kind, record))
        return record

    def close(self) -> bytes:
        kinds = tuple(kind for kind, _ in self._sheets)
        skeleton = self._skeletons.get(self.basis.lang, kinds)
        parts = dict(zip(skeleton.sheets, (r for _, r in self._sheets), strict=True))
        footer = _escape(self._name[:120].replace("&", "&&").translate(_CONTROLS))
        title = _escape(self._name.translate(_CONTROLS))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for info, data in skeleton.members:
                record = parts.get(info.filename)
                if record is not None:
                    data = record.splice(data.decode()).replace(PLACEHOLDER, footer).encode()
                elif info.filename == "docProps/core.xml":
                    data = data.replace(PLACEHOLDER.encode(), title.encode())
                package.writestr(info, data)
        return buffer.getvalue()


class Skeletons:
    """The skeletons of one merge (its date), per language and set of sheets."""

    def __init__(self, merged_on: date) -> None:
        self.merged_on = merged_on
        self._books: dict[tuple[Lang, tuple[SheetKind, ...]], tuple[Skeleton, Formats]] = {}

    def formats(self, lang: Lang) -> Formats:
        """The formats (with their indexes) every skeleton of `lang` shares."""
        return self._build(lang, ("page", "findings"))[1]

    def get(self, lang: Lang, kinds: tuple[SheetKind, ...]) -> Skeleton:
        return self._build(lang, kinds)[0]

    def _build(self, lang: Lang, kinds: tuple[SheetKind, ...]) -> tuple[Skeleton, Formats]:
        key = (lang, kinds)
        if key not in self._books:
            book = XlsxBook(Basis(self.merged_on, False, lang), PLACEHOLDER)
            for kind in kinds:
                book.findings_sheet() if kind == "findings" else book.page_sheet()
            for fmt in book.workbook.formats:  # every format in styles.xml, in order
                fmt._get_xf_index()
            with zipfile.ZipFile(io.BytesIO(book.close())) as package:
                members = tuple((info, package.read(info)) for info in package.infolist())
            sheets = tuple(f"xl/worksheets/sheet{n}.xml" for n in range(1, len(kinds) + 1))
            self._books[key] = (Skeleton(members, sheets), book.fmt)
        return self._books[key]


def _xf(fmt: Any) -> int | None:
    return None if fmt is None else int(fmt.xf_index)


def _points(height: float) -> str:
    """A row height as XlsxWriter writes it: whole pixels (4/3 a point) back in points."""
    pixels = int(height * 4 / 3 + 0.5)
    return f"{pixels * 0.75:g}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
