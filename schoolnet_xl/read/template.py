"""Reading a card made from our template: by name, never by position.

Header cells through their defined names (Schoolnaam, Instellingsnummer …),
the grid through the Partners table's range and column names, the vocabulary
the card was made with from the hidden `_schoolnet` sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from schoolnet_xl.core import contract
from schoolnet_xl.core.cells import parse_a1, parse_range
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.model import Header
from schoolnet_xl.core.vocabulary import ConfigError, Vocabulary, vocabulary_from_json
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.cells import sourced
from schoolnet_xl.read.grid import GridHit, GridRows, map_header, read_rows
from schoolnet_xl.read.words import ColumnWords
from schoolnet_xl.read.workbook_data import RawValue, WorkbookData

TABLES_MAX = 256  # header rows whose columns a ColumnWords remembers (`table_hit`)


@dataclass
class TemplateMeta:
    """What the `_schoolnet` sheet says: template version and the card's vocabulary."""

    values: dict[str, str] = field(default_factory=dict)
    vocabulary: Vocabulary | None = None


def is_template(data: WorkbookData) -> bool:
    """A card of ours: it has the `_schoolnet` sheet or the Partners table."""
    return data.sheet(contract.SHEET_META) is not None or contract.TABLE_PARTNERS in data.tables


def read_meta(data: WorkbookData) -> TemplateMeta:
    """Key/value pairs of `_schoolnet` (looked up by text) and its stored vocabulary."""
    meta = TemplateMeta()
    sheet = data.sheet(contract.SHEET_META)
    if sheet is None:
        return meta
    for row in sheet.rows:
        if not row or row[0] is None or row[0] == "":  # most rows: the lists' rows only
            continue
        key = _text_at(row, 0)
        if key:
            meta.values[key] = _text_at(row, 1)
    stored = meta.values.get(contract.META_VOCABULARY_JSON, "")
    meta.vocabulary = _stored_vocabulary(stored) if stored else None
    return meta


@lru_cache(maxsize=16)
def _stored_vocabulary(text: str) -> Vocabulary | None:
    """The vocabulary a card stored (cached: a region's cards all store the same one)."""
    try:
        return vocabulary_from_json(text)
    except (ConfigError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _text_at(row: Sequence[RawValue], col: int) -> str:
    value = row[col] if col < len(row) else None
    return "" if value is None else str(value).strip()


def read_header(data: WorkbookData, file: str) -> tuple[Header, list[Finding]]:
    """Header fields through the template's defined names; a missing name is reported."""
    header = Header()
    findings: list[Finding] = []
    for attribute, name in contract.HEADER_NAMES.items():
        target = data.names.get(name)
        found = data.sheet(target[0]) if target else None
        position = parse_a1(target[1]) if target else None
        if found is None or position is None:
            findings.append(F.NAME_REMOVED.finding(file=file, field=name, name=name))
            continue
        row, col = position
        setattr(header, attribute, sourced(found, row, col))
    return header, findings


def table_hit(data: WorkbookData, words: ColumnWords) -> tuple[GridHit, int] | None:
    """The Partners table as a grid (header row + columns) and its last data row."""
    table = data.tables.get(contract.TABLE_PARTNERS)
    sheet = data.sheet(table.sheet) if table else None
    bounds = parse_range(table.ref) if table else None
    if table is None or sheet is None or bounds is None:
        return None
    first_row, first_col, last_row, last_col = bounds
    # a region's cards share their header row: its columns are worked out once per
    # exact header (values and their types), table columns and hidden columns
    header = tuple(sheet.rows[first_row][first_col:last_col + 1]
                   if 0 <= first_row < len(sheet.rows) else ())
    key = (header, tuple(map(type, header)), first_col, tuple(table.columns),
           sheet.hidden_columns)
    columns = words.tables.get(key)
    if columns is None:
        columns = map_header(sheet, first_row, words, first_col, last_col)
        by_name = {words.key_for(name): first_col + i for i, name in enumerate(table.columns)}
        for attribute, col in by_name.items():
            if attribute is not None:
                columns.setdefault(attribute, col)
        if len(words.tables) >= TABLES_MAX:
            words.tables.clear()
        words.tables[key] = columns
    return GridHit(sheet, first_row, dict(columns)), last_row


def missing_columns(hit: GridHit, vocabulary: Vocabulary, file: str) -> list[Finding]:
    """SN404 for every template column the table no longer has."""
    return [
        F.COLUMN_REMOVED.finding(file=file, sheet=hit.sheet.name, field=header,
                                 column=header)
        for key, header in contract.grid_columns(vocabulary)
        if key not in hit.columns
    ]


def read_table(data: WorkbookData, words: ColumnWords) -> tuple[GridHit, GridRows] | None:
    """The table's grid and its rows with content (every row of the table range)."""
    found = table_hit(data, words)
    if found is None:
        return None
    hit, last_row = found
    return hit, read_rows(hit, words.focus_codes(), last_row=last_row)

