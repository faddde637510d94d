"""Find the files of a merge: files, folders (recursive) and glob patterns.

Excel lock files (`~$…`) are listed as skipped with a reason; hidden files and
folders (a leading `.`) inside a folder are ignored. Every other file is
returned for reading, whatever its extension, so nothing is lost silently.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from schoolnet_xl.core.lang import Lang, say

LOCK_PREFIX = "~$"
_GLOB_CHARS = set("*?[")


class InboxError(Exception):
    """An input that names nothing (Dutch message, usage error)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is listed but not read, with the reason."""

    path: str
    reason: str


@dataclass(slots=True)
class Inbox:
    """The files to read (sorted, unique) and the files skipped with a reason."""

    files: list[str]
    skipped: list[Skipped]


def is_lock_file(path: str | Path) -> bool:
    """True for an Excel/LibreOffice lock file (`~$name.xlsx`, `.~lock.name#`)."""
    name = Path(path).name
    return name.startswith(LOCK_PREFIX) or (name.startswith(".~lock.") and name.endswith("#"))


def discover(inputs: list[str], lang: Lang = "nl") -> Inbox:
    """Expand the inputs into files to read and files skipped; raise InboxError on a dud."""
    found: dict[str, None] = {}
    for item in inputs:
        for path in _expand(item, lang):
            found.setdefault(os.path.normpath(path), None)
    files: list[str] = []
    skipped: list[Skipped] = []
    for path in sorted(found, key=path_sort_key):
        if is_lock_file(path):
            skipped.append(Skipped(path, say(
                "Excel-vergrendelingsbestand (~$…): geen kaart, overgeslagen",
                "Excel lock file (~$…): not a card, skipped", lang)))
        else:
            files.append(path)
    return Inbox(files, skipped)


def _expand(item: str, lang: Lang) -> list[str]:
    path = Path(item)
    if path.is_dir():
        return list(_walk(path))
    if path.is_file():
        return [item]
    if _GLOB_CHARS & set(item):
        matches = sorted(glob.glob(item, recursive=True))
        files: list[str] = []
        for match in matches:
            files.extend(_walk(Path(match)) if Path(match).is_dir() else [match])
        if files:
            return files
        raise InboxError(say(f"'{item}': geen enkel bestand past bij dit patroon",
                             f"'{item}': no file matches this pattern", lang))
    raise InboxError(say(f"'{item}': bestand of map bestaat niet",
                         f"'{item}': no such file or folder", lang))


def _walk(folder: Path) -> list[str]:
    """Every non-hidden file under folder (hidden folders pruned); lock files included.

    Symbolic links to folders are followed, each real folder only once (no loops).
    """
    result: list[str] = []
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") and not is_lock_file(name):
                continue
            full = os.path.join(root, name)
            if os.path.isfile(full):
                result.append(full)
    return result


def path_sort_key(path: str) -> tuple[str, ...]:
    """The stable order of input files: folder by folder, case-insensitive."""
    return tuple(part.casefold() for part in Path(path).parts)
