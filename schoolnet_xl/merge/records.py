"""What the merge knows about each input file: plain, compact, picklable data.

Workers turn a card into these rows (tuples of text and numbers) so that the
main process receives little to unpickle: a `Card` carries a `Sourced` object
per cell, 40 times more to ship than the rows the regional workbook needs. A
`FileResult` pickles its rows as plain tuples (see `FileResult.__reduce__`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Literal, NamedTuple

from schoolnet_xl.core.table import Cell

FileStatus = Literal["ok", "unreadable", "skipped"]
# "older": a card of a school year before the one the region shows for that school;
# "other-year": a card of a later year than the one asked for with --schooljaar.
DuplicateKind = Literal["", "superseded", "identical", "older", "other-year"]
Outcome = Literal["read", "unreadable", "duplicate", "older", "skipped"]
OUTCOMES: tuple[Outcome, ...] = ("read", "unreadable", "duplicate", "older", "skipped")


class SchoolInfo(NamedTuple):
    """A card's header as text (onderwijsniveau as its label when recognised)."""

    label: str  # the name, else the number, else the file name
    naam: str
    instellingsnummer: str
    onderwijsniveau: str
    gemeente: str
    scholengemeenschap: str
    schooljaar: str
    datum: date | None


class PartnerRow(NamedTuple):
    """One partner row: its category code, marked X columns and display values.

    `values` follow `compact.partner_headers(vocabulary)`, contacts included;
    the region leaves the contact columns out unless asked.
    """

    category: str  # category code, "" when unknown
    marked: tuple[str, ...]  # X-column codes holding a valid mark
    values: tuple[Cell, ...]


class FindingRow(NamedTuple):
    """A finding reduced to what the Bevindingen sheet shows."""

    sheet: str
    cell: str
    code: str
    severity: str
    field: str
    value: str
    message: str
    hint: str


SHEET_MARK = " [blad "


def sheet_label(path: str, sheet: str) -> str:
    """How a card on one sheet of a file with several is listed: `kaart.xlsx [blad X]`."""
    return f"{path}{SHEET_MARK}{sheet}]"


def sheet_of(path: str) -> str:
    """The sheet a `sheet_label` names ("" for a plain path)."""
    head, mark, rest = path.rpartition(SHEET_MARK)
    return rest[:-1] if mark and head and rest.endswith("]") else ""


def without_sheet(path: str) -> str:
    """The file a `sheet_label` names (a plain path as it is)."""
    return path.rpartition(SHEET_MARK)[0] if sheet_of(path) else path


@dataclass(slots=True)
class FileResult:
    """One input file: identity (size, sha256, mtime), how it was read, what it holds."""

    path: str
    size: int
    sha256: str
    mtime: float
    status: FileStatus
    kind: str | None = None
    reason: str = ""
    format: str = ""
    template_version: str = ""
    read_ms: float = 0.0
    school: SchoolInfo | None = None
    partners: list[PartnerRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    duplicate: DuplicateKind = ""
    duplicate_of: str = ""

    @property
    def used(self) -> bool:
        """True when this file's card goes into the region (read, not a duplicate, the
        school year the region shows)."""
        return self.status == "ok" and self.school is not None and not self.duplicate

    @property
    def outcome(self) -> Outcome:
        """Exactly one outcome per file, so that the counts add up to the number of files.

        An unreadable file stays unreadable even when its bytes repeat another file;
        a card of another school year than the region shows is "older".
        """
        if self.status in ("skipped", "unreadable"):
            return self.status
        if self.duplicate in ("older", "other-year"):
            return "older"
        return "duplicate" if self.duplicate else "read"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Its fields in order, the rows as plain tuples, for `_unpickle`.

        Cheaper on both ends than the default, which calls a NamedTuple row's
        Python `__getnewargs__` to pickle it and its Python `__new__` to unpickle.
        """
        school = self.school
        return _unpickle, (
            self.path, self.size, self.sha256, self.mtime, self.status, self.kind, self.reason,
            self.format, self.template_version, self.read_ms,
            None if school is None else tuple(school),
            list(map(tuple, self.partners)), list(map(tuple, self.findings)),
            self.missing, self.counts, self.duplicate, self.duplicate_of,
        )


# A row type from a plain tuple without a Python call (what NamedTuple._make does).
_school_info = partial(tuple.__new__, SchoolInfo)
_partner_row = partial(tuple.__new__, PartnerRow)
_finding_row = partial(tuple.__new__, FindingRow)


def _unpickle(
    path: str, size: int, sha256: str, mtime: float, status: FileStatus, kind: str | None,
    reason: str, fmt: str, template_version: str, read_ms: float,
    school: tuple[Any, ...] | None, partners: list[tuple[Any, ...]],
    findings: list[tuple[Any, ...]], missing: dict[str, list[str]], counts: dict[str, int],
    duplicate: DuplicateKind, duplicate_of: str,
) -> FileResult:
    """The FileResult that `FileResult.__reduce__` took apart."""
    return FileResult(path, size, sha256, mtime, status, kind, reason, fmt, template_version,
                      read_ms, None if school is None else _school_info(school),
                      list(map(_partner_row, partners)), list(map(_finding_row, findings)),
                      missing, counts, duplicate, duplicate_of)
