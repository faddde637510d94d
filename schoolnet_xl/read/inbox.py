"""Find the files of a merge: files, folders (recursive), glob patterns and zip archives.

Nothing that is in the input disappears: every file is either returned for
reading, whatever its extension, or listed as skipped with the reason. Skipped
are the files operating systems, sync tools and spreadsheet programs leave in
shared folders (`Thumbs.db`, `desktop.ini`, `.DS_Store`, `._name`, Excel's
`~$name`, LibreOffice's `.~lock.name#`, `*.tmp` copies), other hidden files and
folders, dangling symbolic links and folder loops. The cards inside a `.zip`
are read as if they were in the folder, each as `archive.zip/inner name`.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from schoolnet_xl.core.files import os_error_words
from schoolnet_xl.core.findings import Words
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.read.archive import is_card_archive, member_path, members

LOCK_PREFIX = "~$"
_GLOB_CHARS = set("*?[")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


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


def junk_reason(name: str, lang: Lang = "nl") -> str | None:
    """Why a file of this name is no card and is skipped, or None for a file to read."""
    lower = name.lower()
    if name.startswith(LOCK_PREFIX):
        return say("Excel-vergrendelingsbestand (~$…): geen kaart, overgeslagen",
                   "Excel lock file (~$…): not a card, skipped", lang)
    if name.startswith(".~lock.") and name.endswith("#"):
        return say("LibreOffice-vergrendelingsbestand (.~lock.…#): geen kaart, overgeslagen",
                   "LibreOffice lock file (.~lock.…#): not a card, skipped", lang)
    if lower == "thumbs.db":
        return say("Windows-miniaturen (Thumbs.db): geen kaart, overgeslagen",
                   "Windows thumbnail cache (Thumbs.db): not a card, skipped", lang)
    if lower == "desktop.ini":
        return say("Windows-mapinstellingen (desktop.ini): geen kaart, overgeslagen",
                   "Windows folder settings (desktop.ini): not a card, skipped", lang)
    if name == ".DS_Store":
        return say("macOS-mapinstellingen (.DS_Store): geen kaart, overgeslagen",
                   "macOS folder settings (.DS_Store): not a card, skipped", lang)
    if name.startswith("._"):
        return say("macOS-bijbestand (._…, AppleDouble): geen kaart, overgeslagen",
                   "macOS resource file (._…, AppleDouble): not a card, skipped", lang)
    if lower.endswith(".tmp"):
        return say("tijdelijk bestand (.tmp), bv. een kopie die Excel tijdens het bewaren "
                   "maakt: geen kaart, overgeslagen",
                   "temporary file (.tmp), e.g. a copy Excel makes while saving: not a card, "
                   "skipped", lang)
    if name.startswith("."):
        return say("verborgen bestand: overgeslagen", "hidden file: skipped", lang)
    return None


def discover(inputs: list[str], lang: Lang = "nl") -> Inbox:
    """Expand the inputs into files to read and files skipped; raise InboxError on a dud."""
    found: dict[str, None] = {}
    skipped: dict[str, str] = {}
    for item in inputs:
        for path in _expand(item, lang, skipped):
            found.setdefault(os.path.normpath(path), None)
    files: list[str] = []
    for path in sorted(found, key=path_sort_key):
        reason = junk_reason(os.path.basename(path), lang)
        if reason is not None:
            skipped.setdefault(path, reason)
        elif is_card_archive(path):
            _expand_archive(path, files, skipped, lang)
        else:
            files.append(path)
    return Inbox(files, [Skipped(p, r) for p, r in sorted(skipped.items(),
                                                          key=lambda i: path_sort_key(i[0]))])


def _expand_archive(path: str, files: list[str], skipped: dict[str, str], lang: Lang) -> None:
    """The members of a zip archive as files to read (junk listed as skipped)."""
    try:
        names = members(path)
    except (OSError, ValueError) as exc:
        why = os_error_words(exc) if isinstance(exc, OSError) else Words(str(exc), str(exc))
        skipped[path] = say(f"zip-archief kan niet geopend worden ({why.nl})",
                            f"zip archive cannot be opened ({why.en})", lang)
        return
    inner = [n for n in names if junk_reason(PurePosixPath(n).name, lang) is None]
    if not any(n.lower().endswith(WORKBOOK_SUFFIXES) for n in inner):
        skipped[path] = say(
            f"zip-archief zonder netwerkkaart (geen werkmap onder de {len(names)} bestanden)",
            f"zip archive without a network card (no workbook among its {len(names)} files)",
            lang)
        return
    for name in sorted(names, key=lambda n: tuple(p.casefold() for p in n.split("/"))):
        shown = member_path(path, name)
        reason = junk_reason(PurePosixPath(name).name, lang)
        if reason is not None:
            skipped[shown] = reason
        else:
            files.append(shown)


def _expand(item: str, lang: Lang, skipped: dict[str, str]) -> list[str]:
    path = Path(item)
    if path.is_dir():
        return list(_walk(path, skipped, lang))
    if path.is_file():
        return [item]
    if path.is_symlink():
        skipped[os.path.normpath(item)] = _dangling(lang)
        return []
    if _GLOB_CHARS & set(item):
        matches = sorted(glob.glob(item, recursive=True))
        files: list[str] = []
        for match in matches:
            if Path(match).is_dir():
                files.extend(_walk(Path(match), skipped, lang))
            elif Path(match).is_symlink() and not Path(match).exists():
                skipped[os.path.normpath(match)] = _dangling(lang)
            else:
                files.append(match)
        if files or skipped:
            return files
        raise InboxError(say(f"'{item}': geen enkel bestand past bij dit patroon",
                             f"'{item}': no file matches this pattern", lang))
    raise InboxError(say(f"'{item}': bestand of map bestaat niet",
                         f"'{item}': no such file or folder", lang))


def _dangling(lang: Lang) -> str:
    return say("verbroken snelkoppeling (symbolische link naar iets dat niet bestaat): "
               "overgeslagen",
               "broken shortcut (symbolic link to something that does not exist): skipped",
               lang)


def _walk(folder: Path, skipped: dict[str, str], lang: Lang) -> list[str]:
    """Every file under folder; hidden folders, folder loops, dangling links and folders
    that cannot be read are listed in `skipped` (hidden and junk files are returned, and
    skipped by their name later).

    Symbolic links to folders are followed, each real folder only once.
    """
    result: list[str] = []
    seen: set[str] = set()

    def unreadable(exc: OSError) -> None:
        words = os_error_words(exc)
        skipped[os.path.normpath(exc.filename or folder)] = say(
            f"map kan niet gelezen worden ({words.nl}): niet doorzocht",
            f"folder cannot be read ({words.en}): not searched", lang)

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            skipped[os.path.normpath(root)] = say(
                f"map-lus: deze map is dezelfde als {real}, die al doorzocht werd; overgeslagen",
                f"folder loop: this folder is {real}, which was searched already; skipped",
                lang)
            continue
        seen.add(real)
        for name in sorted(d for d in dirs if d.startswith(".")):
            skipped[os.path.normpath(os.path.join(root, name))] = say(
                "verborgen map: niet doorzocht", "hidden folder: not searched", lang)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            full = os.path.join(root, name)
            if os.path.isfile(full):
                result.append(full)
            elif os.path.islink(full):
                skipped[os.path.normpath(full)] = _dangling(lang)
            else:
                skipped[os.path.normpath(full)] = say(
                    "geen gewoon bestand (bv. een apparaat of pijp): overgeslagen",
                    "not a regular file (e.g. a device or pipe): skipped", lang)
    return result


def path_sort_key(path: str) -> tuple[str, ...]:
    """The stable order of input files: folder by folder, case-insensitive."""
    return tuple(part.casefold() for part in path_parts(path))


def path_parts(path: str) -> tuple[str, ...]:
    """`PurePath(path).parts`, on POSIX without building a path object (9,000 inputs:
    about 45 ms saved, twice a merge, before the reading starts and after it)."""
    if os.name != "posix":
        return PurePath(path).parts
    names = tuple(name for name in path.split("/") if name and name != ".")
    if path[:1] != "/":
        return names
    return ("//" if path[:2] == "//" and path[2:3] != "/" else "/", *names)
