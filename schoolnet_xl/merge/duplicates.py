"""Resolve duplicates: identical files, and several cards of one school and year.

Identical bytes (same sha256): the copy whose name does not look like a copy
(`(1)`, `kopie`, `copy`, a mail-attachments folder) is kept, else the first in
path order; the others are listed as duplicates. Two cards
with the same instellingsnummer and schooljaar: the one with the latest Datum is
kept, then the newest file (mtime), then the first in path order; the others
are marked superseded. Cards without a valid instellingsnummer are never merged.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from schoolnet_xl.merge.records import FileResult, sheet_of

_NUMBER_RE = re.compile(r"\d{6}")


def resolve_duplicates(results: list[FileResult]) -> None:
    """Mark `duplicate`/`duplicate_of` in place; `results` must be in path order."""
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
    return school.instellingsnummer, "".join(school.schooljaar.split())


def _preference(item: tuple[int, FileResult]) -> tuple[date, float, int]:
    """Higher is preferred: latest Datum, then newest mtime, then earliest in path order."""
    index, result = item
    assert result.school is not None
    return result.school.datum or date.min, result.mtime, -index
