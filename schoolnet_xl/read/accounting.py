"""Every non-empty cell of a card is read or reported: the reader's cell accounting.

After a card is built, each sheet the reader loaded is swept once: a cell is
*data* (its value is in the card), *layout* (the grid's header row, the labels
and title lines above it, the template's own sheets), or left over. Left-over
cells are reported, never dropped: an unrecognised column that holds content
(SN055) or cells outside the grid (SN053), each finding naming every cell in
its `cells` parameter (`cell_list`), so a test can check the contract: the
non-empty cells of a file are exactly the card's cells, its layout and the
cells its findings name.

The sweep is cheap on a clean template card: the rows above the grid are a
handful, and when every column of the grid is read the body is not visited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from schoolnet_xl.core.cells import a1, column_index, parse_a1
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.model import HEADER_FIELDS, PARTNER_FIELDS, Card
from schoolnet_xl.core.values import is_blank
from schoolnet_xl.read.workbook_data import RawValue, SheetData

Cell = tuple[int, int]  # 0-based (row, col)
SHOWN_CELLS = 3
SHOWN_CHARS = 30
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")


@dataclass
class SheetAccount:
    """One sheet swept: layout cells, unread cells per unmapped column, other unread cells."""

    layout: list[Cell] = field(default_factory=list)
    columns: dict[int, list[int]] = field(default_factory=dict)  # col -> rows, header incl.
    outside: list[Cell] = field(default_factory=list)


def sweep_grid_sheet(
    sheet: SheetData, header_row: int, end_row: int, mapped: Iterable[int],
    named: set[Cell],
) -> SheetAccount:
    """Account for the cells of the sheet that holds the grid.

    `header_row` is the grid's header row, `end_row` the last row whose mapped
    cells were read (0-based, inclusive), `mapped` the columns read, `named` the
    header cells read on this sheet (anywhere). Above the header row a text
    cell is layout (title and label lines), anything else not read is outside;
    in the header row and the body an unmapped column with content is a column
    left unread; below `end_row` every cell is outside.
    """
    rows = sheet.rows
    mapped_set = frozenset(mapped)
    account = SheetAccount()
    for row in range(min(header_row, len(rows))):
        cells = rows[row]
        if _is_empty_row(cells):
            continue
        for col, value in enumerate(cells):
            if value is _NO_TEXT:  # most cells of a line: a quick skip, no comparison
                continue
            if value.__class__ is str:
                if value.strip() and (row, col) not in named:
                    account.layout.append((row, col))
            elif value is not None and (row, col) not in named:
                account.outside.append((row, col))
    if 0 <= header_row < len(rows):
        for col, value in enumerate(rows[header_row]):
            if value is None or value == "" or (header_row, col) in named or is_blank(value):
                continue
            if col in mapped_set:
                account.layout.append((header_row, col))
            else:
                account.columns.setdefault(col, []).append(header_row)
    width = max(map(len, rows[header_row + 1:end_row + 1]), default=0)
    if not mapped_set.issuperset(range(width)):
        extra = [col for col in range(width) if col not in mapped_set]
        for row in range(max(header_row + 1, 0), min(end_row + 1, len(rows))):
            cells = rows[row]
            for col in extra:
                if col < len(cells) and not is_blank(cells[col]) and (row, col) not in named:
                    account.columns.setdefault(col, []).append(row)
    for row in range(max(end_row + 1, header_row + 1, 0), len(rows)):
        cells = rows[row]
        if _is_empty_row(cells):
            continue
        for col, value in enumerate(cells):
            if not is_blank(value) and (row, col) not in named:
                account.outside.append((row, col))
    return account


_NO_TEXT = ""  # the empty text: a source's empty cells are this one object (or equal to it)


def _is_empty_row(cells: Sequence[RawValue]) -> bool:
    """Only "" and None in the row (one truthiness scan in C for a row with content)."""
    return not any(cells) and cells.count("") + cells.count(None) == len(cells)


def sweep_other_sheet(sheet: SheetData, named: set[Cell]) -> list[Cell]:
    """The non-empty cells of a sheet without the grid that the card did not read."""
    return [(row, col) for row, cells in enumerate(sheet.rows) for col, value in enumerate(cells)
            if not is_blank(value) and (row, col) not in named]


def cell_list(cells: Iterable[Cell]) -> str:
    """Cells as A1 ranges, column by column ("B2, F10:F14")."""
    ordered = sorted(set(cells), key=lambda c: (c[1], c[0]))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        row, col = ordered[i]
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == (ordered[j][0] + 1, col):
            j += 1
        end = ordered[j][0]
        parts.append(a1(row, col) if end == row else f"{a1(row, col)}:{a1(end, col)}")
        i = j + 1
    return ", ".join(parts)


def parse_cell_list(text: str) -> set[Cell]:
    """The cells of a `cell_list` text (any "A1" or "A1:C9" parts, comma-separated)."""
    cells: set[Cell] = set()
    for part in text.split(","):
        match = _RANGE.match(part.strip().replace("$", ""))
        if not match:
            continue
        col1, row1 = column_index(match.group(1)), int(match.group(2)) - 1
        col2 = column_index(match.group(3)) if match.group(3) else col1
        row2 = int(match.group(4)) - 1 if match.group(4) else row1
        cells.update((r, c) for r in range(row1, row2 + 1) for c in range(col1, col2 + 1))
    return cells


def shown_cells(sheet: SheetData, cells: list[Cell]) -> str:
    """The first few cells with their values, for a message ("H12 'zie map', …")."""
    ordered = sorted(cells)
    shown = []
    for row, col in ordered[:SHOWN_CELLS]:
        value = sheet.rows[row][col]
        text = str(value).strip().replace("\n", " ")
        if len(text) > SHOWN_CHARS:
            text = text[:SHOWN_CHARS - 1] + "…"
        shown.append(f"{a1(row, col)} '{text}'")
    more = len(ordered) - SHOWN_CELLS
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def card_cells(card: Card) -> dict[str, set[Cell]]:
    """The cells whose non-empty values the card holds (header and partner rows), by sheet."""
    found: dict[str, set[Cell]] = {}
    values = [getattr(card.header, attribute) for attribute in HEADER_FIELDS]
    for partner in card.partners:
        values.extend(getattr(partner, attribute) for attribute in PARTNER_FIELDS)
        values.extend(partner.focus.values())
    for value in values:
        position = parse_a1(value.cell) if value.cell and not value.is_empty else None
        if position is not None:
            found.setdefault(value.sheet, set()).add(position)
    return found


def named_cells(findings: Iterable[Finding]) -> dict[str, set[Cell]]:
    """The cells findings name: each one's cell and its `cells` parameter, by sheet."""
    found: dict[str, set[Cell]] = {}
    for finding in findings:
        cells = found.setdefault(finding.sheet, set())
        position = parse_a1(finding.cell) if finding.cell else None
        if position is not None:
            cells.add(position)
        listed = dict(finding.params).get("cells")
        if isinstance(listed, str):
            cells |= parse_cell_list(listed)
    return found


def unaccounted(nonempty: dict[str, set[Cell]], card: Card,
                findings: Iterable[Finding]) -> dict[str, set[Cell]]:
    """The contract's remainder: non-empty cells neither in the card, its layout, nor named
    by a finding (empty for every card read faithfully)."""
    used, named = card_cells(card), named_cells(findings)
    left: dict[str, set[Cell]] = {}
    for sheet, cells in nonempty.items():
        layout = card.layout.get(sheet, [])
        if layout is None:
            continue
        rest = cells - used.get(sheet, set()) - set(layout) - named.get(sheet, set())
        if rest:
            left[sheet] = rest
    return left
