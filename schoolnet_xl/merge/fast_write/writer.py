"""`FastWriter`: the regional workbook's rows rendered here, spliced into XlsxWriter's package.

The layout (regional_workbook) calls it exactly as it calls `PlainWriter`; it
collects each sheet's rows as `SheetRows` (XlsxWriter formats turned into their
xf index, the `s` attribute of a cell), has the rows given before
`write_alongside` written by a forked process, lays the Excel table out over its
header and first row, and when the workbook is closed copies XlsxWriter's
package to the target with the rows and the table's real range put in
(`bulk_rows.splice_rows`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.table import Cell
from schoolnet_xl.merge.fast_write.alongside import rows_written_alongside
from schoolnet_xl.merge.fast_write.bulk_rows import FileRows, SheetRows, splice_rows
from schoolnet_xl.merge.fast_write.links import external_target


class FastWriter:
    """A `regional_workbook.RowWriter` for large regions (the default one)."""

    def __init__(self, stack: ExitStack) -> None:
        """`stack` ends the forked process of `write_alongside` and removes its files."""
        self._stack = stack
        self._package = io.BytesIO()
        self._rows: dict[str, SheetRows | Callable[[], SheetRows | FileRows]] = {}
        self._tables: dict[str, tuple[str, str]] = {}
        self._links: dict[str, tuple[Sequence[Sequence[Cell]], tuple[int, Sequence[str]]]] = {}

    def destination(self, path: Path) -> io.BytesIO:
        return self._package

    def body(self, sheet: Any, rows: Sequence[Sequence[Cell]], width: int,
             formats: Sequence[Any], per_line: Sequence[int],
             cell_formats: Sequence[Sequence[Any]] | None = None,
             links: tuple[int, Sequence[str]] | None = None, header_row: int = 0) -> None:
        sheet_rows = SheetRows(rows, width, _xf_indices(formats), per_line,
                               None if cell_formats is None else [_xf_indices(row)
                                                                  for row in cell_formats],
                               header_row)
        # XlsxWriter numbers the sheet parts in the order the sheets were added.
        part = f"xl/worksheets/sheet{sheet.index + 1}.xml"
        self._rows[part] = sheet_rows
        if links is not None:  # their targets are worked out on closing (not before forking)
            self._links[part] = (rows, links)

    def write_alongside(self) -> None:
        """Have one forked process write the rows given so far (Linux, a large region)
        while this one goes on; they are waited for when the workbook is closed."""
        given = {part: rows for part, rows in self._rows.items() if isinstance(rows, SheetRows)}
        written = rows_written_alongside(given, self._stack)
        for part in given:
            self._rows[part] = partial(_one_of, written, part)

    def table(self, sheet: Any, last_row: int, last_col: int, options: dict[str, Any]) -> None:
        """XlsxWriter's add_table spends ~2 s checking overlaps cell by cell over 90,000
        rows (commit 7f594d0), so the table is laid out over its header and first row
        and its range widened when the package is copied."""
        from xlsxwriter.utility import xl_range

        sheet.add_table(0, 0, 1, last_col, options)
        # XlsxWriter numbers table parts in the order the tables are added (one here).
        part = f"xl/tables/table{len(self._tables) + 1}.xml"
        self._tables[part] = (xl_range(0, 0, 1, last_col), xl_range(0, 0, last_row, last_col))

    def close(self, workbook: Any, path: Path) -> Path:
        workbook.close()
        self._package.seek(0)
        links = {part: _link_targets(*given) for part, given in self._links.items()}
        return splice_rows(self._package, path, self._rows, self._tables, links)


def _one_of(written: Callable[[], dict[str, SheetRows | FileRows]],
            part: str) -> SheetRows | FileRows:
    return written()[part]


def _link_targets(rows: Sequence[Sequence[Cell]],
                  links: tuple[int, Sequence[str]]) -> list[tuple[str, str]]:
    """(cell reference, target) of each text cell of the link column with a link: what
    `PlainWriter`'s write_url calls put in `<hyperlinks>` and the relationships."""
    column, urls = links
    letter = column_letters(column)
    return [(f"{letter}{number}", external_target(url))
            for number, (row, url) in enumerate(zip(rows, urls, strict=False), start=2)
            if url and isinstance(row[column], str) and row[column]]


def _xf_indices(formats: Sequence[Any]) -> list[int | None]:
    """XlsxWriter formats -> the xf index a cell's `s` attribute names (None: no format).

    `Format._get_xf_index` is XlsxWriter's private call (it gives a format its index
    on first use, and XlsxWriter then writes every format with an index into
    styles.xml); tests/test_merge_writer_private_apis.py fails clearly if that changes.
    """
    return [None if fmt is None else fmt._get_xf_index() for fmt in formats]
