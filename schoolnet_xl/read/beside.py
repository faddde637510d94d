"""Partners pasted to the right of a template card's Partners table.

What people do when a card fills up or when they copy partners from another
card: paste a block with its own header row (Organisatie, Aard …, X columns)
beside the table, on the header row or lower. Neither LibreOffice nor a paste
with a gap column grows the table, and in Excel a paste right against the table
grows it with the pasted header renamed to be unique (`Organisatie2`). Such a
block is read as partners with its own header and reported (SN060) with the
cells to move into the table. Cells right of the table without a header of
their own are not guessed at: the sweep reports them (SN055).

On a clean card nothing lies right of the grid: one width comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schoolnet_xl.core.cells import a1, column_letters
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.model import Partner
from schoolnet_xl.core.values import is_blank, row_cell
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.accounting import Cell, cell_list
from schoolnet_xl.read.grid import GridHit, read_rows
from schoolnet_xl.read.words import ColumnWords

_DIGITS = "0123456789"


@dataclass
class Beside:
    """Blocks found right of the grid: their partners, header cells (layout), every cell
    of their read columns (accounted for), and the findings that report them."""

    partners: list[Partner] = field(default_factory=list)
    layout: list[Cell] = field(default_factory=list)
    cells: set[Cell] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def partners_beside(hit: GridHit, words: ColumnWords, file: str) -> Beside:
    """Every block with a partner header row right of the grid's last column, read."""
    found = Beside()
    sheet = hit.sheet
    start = max(hit.columns.values(), default=-1) + 1
    width = max(map(len, sheet.rows), default=0)
    while 0 < start < width:
        block = _block_header(hit, words, start)
        if block is None:
            break
        rows = read_rows(block, words.focus_codes())
        cols = sorted(block.columns.values())
        found.layout.extend((block.header_row, col) for col in cols)
        found.cells.update((row, col) for row in range(block.header_row, rows.end + 1)
                           for col in cols)
        if rows.partners:
            found.partners.extend(rows.partners)
            first = rows.partners[0]
            span = f"{column_letters(cols[0])}:{column_letters(cols[-1])}"
            body = [(p.row - 1, col) for p in rows.partners for col in cols]
            found.findings.append(F.PARTNERS_BESIDE_TABLE.finding(
                file=file, sheet=sheet.name, cell=row_cell(first),
                rows=", ".join(str(p.row) for p in rows.partners), columns=span,
                cells=cell_list(body), header=a1(block.header_row, cols[0]),
                block=f"{a1(first.row - 1, cols[0])}:{a1(rows.partners[-1].row - 1, cols[-1])}"))
        start = cols[-1] + 1
    return found


def _block_header(hit: GridHit, words: ColumnWords, start: int) -> GridHit | None:
    """The header row with the most partner columns from column `start` on (Organisatie
    and one of Aard, Categorie or an X column), or None."""
    focus = words.focus_codes()
    best: GridHit | None = None
    for row, cells in enumerate(hit.sheet.rows):
        if len(cells) <= start:
            continue
        columns: dict[str, int] = {}
        for col in range(start, len(cells)):
            value = cells[col]
            if value.__class__ is not str or col in hit.sheet.hidden_columns or is_blank(value):
                continue
            key = _key(words, value)
            if key is not None and key not in columns:
                columns[key] = col
        if "organisatie" not in columns:
            continue
        if not ({"aard", "categorie"} & columns.keys() or focus & columns.keys()):
            continue
        if best is None or len(columns) > len(best.columns):
            best = GridHit(hit.sheet, row, columns, len(columns))
    return best


def _key(words: ColumnWords, text: str) -> str | None:
    """A header word; Excel's unique name for a pasted duplicate ('Organisatie2') too."""
    key = words.key_for(text)
    if key is None and text[-1:] in _DIGITS:
        key = words.key_for(text.rstrip(_DIGITS))
    return key
