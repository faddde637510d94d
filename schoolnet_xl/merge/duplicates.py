"""Resolve duplicates: identical files, and several cards of one school and year.

Identical bytes (same sha256): the copy whose name does not look like a copy
(`(1)`, `kopie`, `copy`, a mail-attachments folder) is kept, else the first in
path order; the others are listed as duplicates. Two cards
with the same instellingsnummer and schooljaar: the one with the latest Datum is
kept, then the newest file (mtime), then the first in path order; the others
are marked superseded. Cards without a valid instellingsnummer are never merged.

One school, one row: of a school's cards of several school years the region
shows the latest year (or the year asked for); the others are marked "older"
(or "other-year", later than the year asked for) and stay in the results, so
`cards_by_school` gives each school's cards year by year (for the evolution).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from schoolnet_xl.merge.records import FileResult, sheet_of

_NUMBER_RE = re.compile(r"\d{6}")
_YEAR_RE = re.compile(r"\d{4}")


def resolve_duplicates(results: list[FileResult], school_year: str | None = None) -> None:
    """Mark `duplicate`/`duplicate_of` in place; `results` must be in path order.

    `school_year` ("2025-2026"): the year the region shows; None = each school's latest.
    """
    by_hash: dict[tuple[str, str], list[FileResult]] = {}
    for result in results:
        if result.status == "skipped" or not result.sha256:
            continue
        # the cards on the sheets of one file share its bytes, not their contents
        by_hash.setdefault((result.sha256, sheet_of(result.path)), []).append(result)
    for same in by_hash.values():
        if len(same) < 2:
            continue
        # only the folders the copies do not share count; min() keeps the first of equals
        shared = len(os.path.commonpath([r.path for r in same]).split(os.sep)) if all(
            os.path.isabs(r.path) == os.path.isabs(same[0].path) for r in same) else 0
        keeper = min(same, key=lambda r: copy_likeness(r.path, shared))
        for result in same:
            if result is not keeper:
                result.duplicate, result.duplicate_of = "identical", keeper.path
    groups: dict[tuple[str, str], list[tuple[int, FileResult]]] = {}
    for index, result in enumerate(results):
        key = school_year_key(result)
        if key and not result.duplicate:
            groups.setdefault(key, []).append((index, result))
    for group in groups.values():
        if len(group) < 2:
            continue
        _, keeper = max(group, key=_preference)
        for _, result in group:
            if result is not keeper:
                result.duplicate, result.duplicate_of = "superseded", keeper.path
    _one_school_year(results, school_year)


def normal_year(text: str) -> str:
    """A school year without spaces ("2025 - 2026" -> "2025-2026")."""
    return "".join(text.split())


def year_order(text: str) -> tuple[int, str]:
    """Sort key of a school year: its first four-digit year, then the text ("" first)."""
    found = _YEAR_RE.search(text)
    return (int(found.group()) if found else -1), normal_year(text)


def _one_school_year(results: list[FileResult], school_year: str | None) -> None:
    """Keep one card per school: its latest year's, or `school_year`'s.

    With `school_year` every card of another year is left out of the region, a
    school's own or not: "older" when before that year, else "other-year".
    """
    wanted = normal_year(school_year) if school_year else None
    by_school: dict[str, list[FileResult]] = {}
    for result in results:
        if result.status != "ok" or result.school is None or result.duplicate:
            continue
        year = normal_year(result.school.schooljaar)
        if wanted is not None and year != wanted:
            later = year_order(year) > year_order(wanted)
            result.duplicate = "other-year" if later else "older"
            continue
        key = school_year_key(result)
        if key:
            by_school.setdefault(key[0], []).append(result)
    for cards in by_school.values():
        if len(cards) < 2:
            continue
        keeper = max(cards, key=lambda r: year_order(r.school.schooljaar if r.school else ""))
        for result in cards:
            if result is not keeper:
                result.duplicate, result.duplicate_of = "older", keeper.path


def cards_by_school(results: list[FileResult]) -> dict[str, dict[str, FileResult]]:
    """Per instellingsnummer, per school year (oldest first), the card that counts for
    that year: the region's card and its "older"/"other-year" ones (never a
    superseded or identical copy)."""
    cards: dict[str, dict[str, FileResult]] = {}
    for result in sorted(results, key=lambda r: year_order(
            r.school.schooljaar if r.school else "")):
        if result.duplicate in ("superseded", "identical"):
            continue
        key = school_year_key(result)
        if key:
            cards.setdefault(key[0], {})[key[1]] = result
    return cards


_COPY_NAME = re.compile(
    r"\(\d+\)$|(?:^|[\W_])(?:kopie|copy|duplicaat)(?:$|[\W_])", re.I)
# Folders where mail programs and browsers put a second copy of what was sent.
COPY_FOLDERS = {"bijlagen", "attachments", "mailbijlagen", "mail", "downloads", "outlook",
                "inbox-bijlagen"}


def copy_likeness(path: str, shared: int = 0) -> int:
    """How much a path looks like a copy: 2 for a copy's name (`kaart (1).xlsx`, `Kopie van
    kaart.xlsx`, `kaart - copy.xlsx`), 1 for a mail-attachments folder among its parts
    after the first `shared` ones, else 0."""
    parts = Path(path).parts[max(shared - 1, 0):]
    stem = Path(path).stem
    score = 2 if _COPY_NAME.search(stem) else 0
    if any(part.casefold() in COPY_FOLDERS for part in parts[:-1]):
        score += 1
    return score


def school_year_key(result: FileResult) -> tuple[str, str] | None:
    """(instellingsnummer, schooljaar) of a readable card with a valid number, else None."""
    school = result.school
    if result.status != "ok" or school is None:
        return None
    if not _NUMBER_RE.fullmatch(school.instellingsnummer):
        return None
    return school.instellingsnummer, normal_year(school.schooljaar)


def _preference(item: tuple[int, FileResult]) -> tuple[date, float, int]:
    """Higher is preferred: latest Datum, then newest mtime, then earliest in path order."""
    index, result = item
    assert result.school is not None
    return result.school.datum or date.min, result.mtime, -index
