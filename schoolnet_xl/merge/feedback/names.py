"""File names of the feedback workbooks: `<instellingsnummer> <schoolnaam>.xlsx`.

Safe on Windows (no `\\ / : * ? " < > |` or control characters, no reserved
device names, no trailing dot or space, a bounded length) and unique within the
folder as Windows compares names (case-insensitively): a second school with the
same name gets " (2)", a third " (3)".
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.merge.records import SchoolInfo, without_sheet

MAX_STEM = 80  # characters of a name before ".xlsx": room for a folder in Windows' 260
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})


def safe_stem(text: str, fallback: str = "school") -> str:
    """`text` as a file name without extension that every system accepts."""
    stem = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    stem = " ".join(stem.split())[:MAX_STEM].rstrip(" .")
    if not stem:
        return fallback
    if stem.split(".")[0].strip().lower() in _RESERVED:
        stem = f"_{stem}"
    return stem


def school_stem(school: SchoolInfo) -> str:
    """`<instellingsnummer> <schoolnaam>`, or whichever of the two the card gives."""
    return safe_stem(" ".join(p for p in (school.instellingsnummer, school.naam) if p)
                     or school.label)


def unreadable_stem(path: str, lang: Lang = "nl") -> str:
    """A name after the unreadable file: `<its name> (onleesbaar)`."""
    name = PurePath(without_sheet(path)).name
    stem = PurePath(name).stem or name
    return safe_stem(f"{stem} ({say('onleesbaar', 'unreadable', lang)})", "onleesbaar")


class UniqueNames:
    """Hands out file names, each unique as Windows compares them."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __call__(self, stem: str, suffix: str = ".xlsx") -> str:
        """`stem + suffix`, or `stem (n) + suffix` with the first free n from 2."""
        name, number = f"{stem}{suffix}", 1
        while name.casefold() in self._taken:
            number += 1
            name = f"{stem} ({number}){suffix}"
        self._taken.add(name.casefold())
        return name
