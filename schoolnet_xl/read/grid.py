"""Finding and reading a partner grid on a sheet, by its header words.

Used for hand-made cards (header row anywhere in the first 30 rows of any
sheet) and for the data rows of a template's Partners table alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter

from schoolnet_xl.core.cells import a1, column_index, column_letters
from schoolnet_xl.core.model import EMPTY, PARTNER_FIELDS, CellValue, Partner, Sourced
from schoolnet_xl.core.text import fold_words as fold
from schoolnet_xl.core.values import clean, is_blank
from schoolnet_xl.read.cells import sourced
from schoolnet_xl.read.words import FIELD_LOOKUP, TOTAL_WORDS, ColumnWords
from schoolnet_xl.read.workbook_data import RawValue, SheetData, WorkbookData

_TOTAL_STARTS = {word[:3] for word in TOTAL_WORDS}
# Within Latin-1, the first characters of the texts `_may_be_total` can hold for: whitespace
# and the letters whose lower case starts a totals word (past Latin-1 it is always asked).
_TOTAL_FIRST = frozenset(c for c in map(chr, range(256))
                         if c.isspace() or c.lower()[:1] in {w[0] for w in TOTAL_WORDS})
ADDRESS_ROWS = 1000  # rows of a grid whose cell addresses are kept (a template's table: 100)
ADDRESS_GRIDS = 32  # column combinations whose addresses are kept
HEADER_SEARCH_ROWS = 30
MAX_BLANK_RUN = 10  # consecutive blank rows that end a hand-made grid

_LABELLED = re.compile(r"^\s*([^:]{1,40}?)\s*:\s*(.*?)\s*$", re.S)
_UNLABELLED = re.compile(
    r"^\s*(schooljaar|instellingsnummer|instellingsnr\.?)\s+(\d[\d\s/–-]*\d)\s*$", re.I
)


@dataclass
class GridHit:
    """A header row: sheet, 0-based row, attribute/focus code -> 0-based column."""

    sheet: SheetData
    header_row: int
    columns: dict[str, int]
    score: int = 0


@dataclass
class GridRows:
    """The partners of a grid and the rows skipped as totals (1-based row numbers)."""

    partners: list[Partner] = field(default_factory=list)
    totals_rows: list[int] = field(default_factory=list)
    end: int = -1  # the last row examined (0-based); the rows after it were not read
    # repeated header rows and section titles of a sheet with several grids (layout)
    layout: list[tuple[int, int]] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)  # (header row, title)
    section_of: dict[int, str] = field(default_factory=dict)  # partner row -> its section


def map_header(
    sheet: SheetData, row: int, words: ColumnWords, first: int = 0, last: int | None = None
) -> dict[str, int]:
    """Attribute/focus code -> column for the recognised header cells of one row."""
    cells = sheet.rows[row] if row < len(sheet.rows) else []
    stop = len(cells) if last is None else min(last + 1, len(cells))
    columns: dict[str, int] = {}
    for col in range(first, stop):
        if col in sheet.hidden_columns or is_blank(cells[col]):
            continue
        key = words.key_for(cells[col])
        if key is not None and key not in columns:
            columns[key] = col
    return columns


def find_grid(data: WorkbookData, words: ColumnWords, skip: set[str]) -> GridHit | None:
    """The best header row (most recognised columns, with Organisatie) of any sheet."""
    hits = find_grids(data, words, skip)
    return max(hits, key=lambda h: h.score) if hits else None


def find_grids(data: WorkbookData, words: ColumnWords, skip: set[str]) -> list[GridHit]:
    """The best header row of every sheet that has one (visible sheets first; the first
    of equal scores wins)."""
    hits: list[GridHit] = []
    for sheet in sorted(data.sheets, key=lambda s: s.hidden):
        if sheet.name in skip:
            continue
        hit = _sheet_grid(sheet, words)
        if hit is not None:
            hits.append(hit)
    return hits


def _sheet_grid(sheet: SheetData, words: ColumnWords) -> GridHit | None:
    focus = words.focus_codes()
    best: GridHit | None = None
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        columns = map_header(sheet, row, words)
        if "organisatie" not in columns:
            continue
        if not ({"aard", "categorie"} & columns.keys() or focus & columns.keys()):
            continue
        score = len(columns) - (1 if sheet.hidden else 0)
        if best is None or score > best.score:
            best = GridHit(sheet, row, columns, score)
    return best


def school_year_of(hit: GridHit) -> str:
    """The school year a grid's sheet names (its name, else a line above the grid), or ""."""
    for text in (hit.sheet.name, *(v for r in hit.sheet.rows[:hit.header_row]
                                   for v in r if isinstance(v, str))):
        year = _school_year(text)
        if year:
            return year
    return ""


def read_rows(
    hit: GridHit, focus_codes: frozenset[str], last_row: int | None = None,
    words: ColumnWords | None = None,
) -> GridRows:
    """Partners below the header row: rows with content, totals rows skipped.

    Without `last_row` (a hand-made grid) reading stops after MAX_BLANK_RUN
    blank rows in a row or at the end of the sheet. With `words` (a hand-made
    grid), a repeated header row starts a new block (two grids on one sheet,
    kleuter and lager): it and the section title above it are no partners, and
    the partners of each block are mapped to its section name (`section_of`).
    """
    sheet, columns = hit.sheet, hit.columns
    end = len(sheet.rows) - 1 if last_row is None else min(last_row, len(sheet.rows) - 1)
    keys = list(columns)
    cols = [columns[k] for k in keys]
    pick = _picker(cols)
    letters = tuple(column_letters(col) for col in cols)
    addresses = _address_rows(letters)
    widest = max(cols, default=-1)
    # Partner's Sourced fields in declaration order, picked from a row's cells (-1: EMPTY)
    pick_fields = itemgetter(*[keys.index(k) if k in columns else -1 for k in PARTNER_FIELDS])
    focus = [(k, i) for i, k in enumerate(keys) if k in focus_codes]
    org_index = keys.index("organisatie") if "organisatie" in columns else -1
    out = GridRows(end=max(end, hit.header_row))
    partners = out.partners
    name = sheet.name
    # the iterables a row's Sourced cells are zipped from besides its values and addresses
    kinds, names = repeat(Sourced), repeat(name)
    blank_run = 0
    for row in range(hit.header_row + 1, end + 1):
        cells = sheet.rows[row]
        if len(cells) > widest:
            raw = pick(cells)
        else:
            raw = [cells[col] if col < len(cells) else None for col in cols]
        values = [(v if v and v.strip() else None) if v.__class__ is str else clean(v) for v in raw]
        # any() first: counting None compares every text with None, slowly
        if not any(values) and values.count(None) == len(values):
            blank_run += 1
            if last_row is None and blank_run >= MAX_BLANK_RUN:
                out.end = row
                break
            continue
        blank_run = 0
        organisatie = values[org_index] if org_index >= 0 else None
        if (words is not None and organisatie.__class__ is str
                and words.key_for(organisatie) == "organisatie"
                and _is_header_row(values, keys, words)):
            _new_block(out, sheet, row, cols, values, hit.header_row)
            continue
        if (organisatie.__class__ is str
                and (organisatie[0] in _TOTAL_FIRST or organisatie[0] > "\xff")
                and _may_be_total(organisatie)
                and _is_labelled_total(dict(zip(keys, values, strict=True)))):
            out.totals_rows.append(row + 1)
            continue
        try:
            where = addresses[row]
        except IndexError:
            where = _more_addresses(addresses, letters, row)
        # the row's cells as Sourced values: tuple.__new__ mapped over (value, sheet, cell)
        # triples builds them without a Python call per cell
        read = list(map(_new_tuple, kinds, zip(values, names, where, strict=False)))
        read.append(EMPTY)  # index -1: a column the grid does not have
        marks = {}  # a plain loop: a comprehension's own call costs more for a few codes
        for key, i in focus:
            marks[key] = read[i]
        f = pick_fields(read)  # positional, as PARTNER_FIELDS (a star-unpack costs more)
        partners.append(Partner(row + 1, name, f[0], f[1], marks, f[2], None, False, f[3],
                                f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]))
    if out.partners and _is_count_row(out.partners[-1], columns):
        out.totals_rows.append(out.partners.pop().row)
    if out.sections:
        _name_sections(out, sheet, hit)
    return out


def _is_header_row(values: list[CellValue], keys: list[str], words: ColumnWords) -> bool:
    """Two or more cells that name their own column again: a repeated header row."""
    named = sum(1 for key, value in zip(keys, values, strict=True)
                if value.__class__ is str and words.key_for(value) == key)
    return named >= 2


def _new_block(out: GridRows, sheet: SheetData, row: int, cols: list[int],
               values: list[CellValue], header_row: int) -> None:
    """A repeated header row at `row`: the partner just above it, when it is only a title
    (one text cell), is the new block's section title."""
    out.layout.extend((row, col) for col, value in zip(cols, values, strict=True)
                      if value is not None)
    title = ""
    last = out.partners[-1] if out.partners else None
    if last is not None and _is_title(last):
        out.partners.pop()
        title = last.organisatie.text
        out.layout.append((last.row - 1, cols[0] if not last.organisatie.cell else
                           column_index(last.organisatie.cell.rstrip("0123456789"))))
    out.sections.append((row, title))


def _is_title(partner: Partner) -> bool:
    """A row whose only content is a short text in Organisatie (a section title)."""
    if not partner.organisatie.text or len(partner.organisatie.text) > 60:
        return False
    return not any(not getattr(partner, k).is_empty for k in PARTNER_FIELDS[1:]) and all(
        v.is_empty for v in partner.focus.values())


def _name_sections(out: GridRows, sheet: SheetData, hit: GridHit) -> None:
    """Each partner's section: its block's title; the first block's is the one-cell text line
    right above the grid's header row, when there is one."""
    first_title = ""
    above = hit.header_row - 1
    if above >= 0:
        texts = [(col, v) for col, v in enumerate(sheet.rows[above]) if not is_blank(v)]
        if len(texts) == 1 and isinstance(texts[0][1], str) and len(texts[0][1]) <= 60:
            first_title = texts[0][1].strip()
    for partner in out.partners:
        section = first_title
        for start, title in out.sections:
            if partner.row - 1 > start:
                section = title
        out.section_of[partner.row] = section


_new_tuple = tuple.__new__
assert len(PARTNER_FIELDS) == 12, "read_rows passes Partner's Sourced fields one by one"
_ADDRESSES: dict[tuple[str, ...], list[tuple[str, ...]]] = {}


def _address_rows(letters: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Per 0-based row, the A1 addresses of the cells in these columns, as far as they were
    needed (`_more_addresses`): a region's cards share their columns, so a card's cells get
    their addresses without a string built per cell."""
    rows = _ADDRESSES.get(letters)
    if rows is None:
        if len(_ADDRESSES) >= ADDRESS_GRIDS:
            _ADDRESSES.clear()
        rows = _ADDRESSES[letters] = []
    return rows


def _more_addresses(rows: list[tuple[str, ...]], letters: tuple[str, ...],
                    row: int) -> tuple[str, ...]:
    """The addresses of `row`, kept in `rows` (with those of the rows before it) when the
    row is one of the first ADDRESS_ROWS."""
    if row >= ADDRESS_ROWS:
        return tuple(column + str(row + 1) for column in letters)
    for number in range(len(rows) + 1, row + 2):
        suffix = str(number)
        rows.append(tuple(column + suffix for column in letters))
    return rows[row]


def _picker(indexes: list[int]) -> Callable[[Sequence[RawValue]], Sequence[RawValue]]:
    """`lambda cells: [cells[i] for i in indexes]` at C speed (always a sequence)."""
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    return itemgetter(*indexes) if indexes else lambda cells: ()


def _may_be_total(organisatie: str) -> bool:
    """Cheap pre-check (after `_TOTAL_FIRST`): the organisation text starts like a totals
    label."""
    return organisatie.lstrip()[:3].lower() in _TOTAL_STARTS


def _is_labelled_total(values: dict[str, CellValue]) -> bool:
    """'Totaal' (or Aantal …) as organisation, and only numbers besides it."""
    label = fold(values.get("organisatie") or "")
    if not label or label.split()[0] not in TOTAL_WORDS:
        return False
    others = [v for k, v in values.items() if k not in ("organisatie", "aard")]
    return all(is_blank(v) or _is_number(v) for v in others)


def _is_count_row(partner: Partner, columns: dict[str, int]) -> bool:
    """A last row with no organisation whose only content is counts (some above 1)."""
    if not partner.organisatie.is_empty:
        return False
    filled = [getattr(partner, k, None) or partner.focus.get(k, EMPTY) for k in columns]
    values = [s.value for s in filled if s is not None and not s.is_empty]
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return len(numbers) == len(values) and any(v > 1 for v in numbers)


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_header_lines(sheet: SheetData, above_row: int) -> dict[str, Sourced]:
    """Header fields from lines like 'School: …' or 'Schooljaar 2025-2026' above a grid.

    The label and value share one cell, or the value is in the next filled cell
    to the right.
    """
    found: dict[str, Sourced] = {}
    for row in range(min(above_row, len(sheet.rows))):
        cells = sheet.rows[row]
        for col, value in enumerate(cells):
            if not isinstance(value, str) or not value.strip():
                continue
            attribute, rest = _label(value)
            if attribute is None or attribute in found:
                continue
            if rest:
                found[attribute] = Sourced(rest, sheet.name, a1(row, col))
                continue
            neighbour = next(
                (c for c in range(col + 1, len(cells)) if not is_blank(cells[c])), None
            )
            if neighbour is not None:
                found[attribute] = sourced(sheet, row, neighbour)
    return found


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)(?!\d)")
_NUMBER_IN_TEXT = re.compile(
    r"\b(?:instellingsnummer|instellingsnr\.?|inst\.?\s*nr\.?)\s*:?\s*(\d{6})\b", re.I)
_TITLE_NAME = re.compile(r"^\s*netwerkkaart\b\s*(?:van\s+)?[-–:]?\s*(.*?)\s*$", re.I | re.S)
_NOT_A_NAME = re.compile(r"^(?:onze|de|het|mijn|jullie)?\s*(?:school|partners)?$", re.I)


def _school_year(text: str) -> str:
    """The school year ('2024-2025') of the first year pair in `text`, when its years are
    consecutive, else ""."""
    year = _YEAR.search(text)
    if year and int(year.group(2)) - int(year.group(1)) == 1:
        return f"{year.group(1)}-{year.group(2)}"
    return ""


@dataclass
class TitleField:
    """A header value found in a title line, the sheet name or the file name."""

    attribute: str
    value: Sourced
    source: str  # "cell", "sheet" or "file"


def header_from_titles(sheet: SheetData, above_row: int, found: dict[str, Sourced],
                       file_name: str) -> list[TitleField]:
    """School name, number and school year from title lines above the grid (or the sheet
    name, or the file name), for the fields no labelled line gave."""
    fields: list[TitleField] = []
    wanted = {"schooljaar", "instellingsnummer", "schoolnaam"} - found.keys()
    if not wanted:
        return fields
    for row in range(min(above_row, len(sheet.rows))):
        for col, value in enumerate(sheet.rows[row]):
            if not isinstance(value, str) or not value.strip():
                continue
            text = value.strip()
            year = _school_year(text) if "schooljaar" in wanted else ""
            if year:
                fields.append(TitleField("schooljaar", Sourced(year, sheet.name, a1(row, col)),
                                         "cell"))
                wanted.discard("schooljaar")
            number = _NUMBER_IN_TEXT.search(text)
            if "instellingsnummer" in wanted and number:
                fields.append(TitleField("instellingsnummer", Sourced(
                    number.group(1), sheet.name, a1(row, col)), "cell"))
                wanted.discard("instellingsnummer")
            name = _TITLE_NAME.match(text)
            if "schoolnaam" in wanted and name:
                school = _YEAR.sub("", name.group(1)).strip(" -–:,")
                school = re.sub(r"\s*(?:schooljaar|sj\.?)\s*$", "", school, flags=re.I).strip()
                if school and not _NOT_A_NAME.match(school) and school[0].isupper():
                    fields.append(TitleField("schoolnaam", Sourced(
                        school, sheet.name, a1(row, col)), "cell"))
                    wanted.discard("schoolnaam")
    if "schooljaar" in wanted:
        for text, source in ((sheet.name, "sheet"), (file_name, "file")):
            year = _school_year(text)
            if year:
                fields.append(TitleField("schooljaar", Sourced(year, sheet.name, ""), source))
                break
    return fields


def _label(text: str) -> tuple[str | None, str]:
    """(header attribute, value in the same cell) of a label cell, or (None, "")."""
    match = _LABELLED.match(text)
    if match and fold(match.group(1)) in FIELD_LOOKUP:
        return FIELD_LOOKUP[fold(match.group(1))], match.group(2)
    match = _UNLABELLED.match(text)
    if match:
        return FIELD_LOOKUP.get(fold(match.group(1))), match.group(2).strip()
    folded = fold(text)
    return (FIELD_LOOKUP[folded], "") if folded in FIELD_LOOKUP else (None, "")
