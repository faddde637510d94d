"""Resolve duplicates: identical files, and several cards of one school and year.

Identical bytes (same sha256): the first file in path order is kept. Two cards
with the same instellingsnummer and schooljaar: the one with the latest Datum is
kept, then the newest file (mtime), then the first in path order; the others
are marked superseded. Cards without a valid instellingsnummer are never merged.
"""

from __future__ import annotations

import re
from datetime import date

from schoolnet_xl.merge.records import FileResult

_NUMBER_RE = re.compile(r"\d{6}")


def resolve_duplicates(results: list[FileResult]) -> None:
    """Mark `duplicate`/`duplicate_of` in place; `results` must be in path order."""
    first_by_hash: dict[str, FileResult] = {}
    for result in results:
        if result.status == "skipped" or not result.sha256:
            continue
        first = first_by_hash.setdefault(result.sha256, result)
        if first is not result:
            result.duplicate, result.duplicate_of = "identical", first.path
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


def school_year_key(result: FileResult) -> tuple[str, str] | None:
    """(instellingsnummer, schooljaar) of a readable card with a valid number, else None."""
    school = result.school
    if result.status != "ok" or school is None:
        return None
    if not _NUMBER_RE.fullmatch(school.instellingsnummer):
        return None
    return school.instellingsnummer, "".join(school.schooljaar.split())


def _preference(item: tuple[int, FileResult]) -> tuple[date, float, int]:
    """Higher is preferred: latest Datum, then newest mtime, then earliest in path order."""
    index, result = item
    assert result.school is not None
    return result.school.datum or date.min, result.mtime, -index
