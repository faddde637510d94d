"""Folding text for comparison: one implementation, three named strengths.

- `fold_words`: case, accents and punctuation away, words single-spaced
  (header words, labels above a grid, organisation keys across schools);
- `fold_name`: case, accents and spacing away, punctuation kept (the same
  organisation twice on one card, scale values);
- `fold_spacing`: case and spacing away only (a category label as typed).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")
# What fold_words makes of each ASCII character (a space for punctuation); 128+ unused.
_ASCII_WORDS = bytes(
    ord(_NON_WORD.sub(" ", chr(i).casefold().replace("_", " "))) for i in range(128)
) + bytes(range(128, 256))


def strip_accents(text: str) -> str:
    """The text without combining marks (é -> e); ASCII text as it is."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_words(text: object) -> str:
    """Case-, accent- and punctuation-insensitive form; underscores count as punctuation."""
    text = text if isinstance(text, str) else str(text)
    if text.isascii():  # the same folding, one byte at a time
        return " ".join(text.encode().translate(_ASCII_WORDS).decode().split())
    return _fold_words_unicode(text)


@lru_cache(maxsize=8192)
def _fold_words_unicode(text: str) -> str:
    plain = strip_accents(text).casefold().replace("_", " ")
    return " ".join(_NON_WORD.sub(" ", plain).split())


@lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """Case-, space- and accent-insensitive form of a name, punctuation kept (cached)."""
    return " ".join(strip_accents(text).casefold().split())


@lru_cache(maxsize=8192)
def fold_spacing(text: str) -> str:
    """Case- and space-insensitive form of a label (cached: cards repeat their labels)."""
    return " ".join(str(text).strip().lower().split())


LINE_HEIGHT = 15  # points per line of 11 pt text
MAX_LINES = 27  # Excel's highest row is 409 points


def wrapped_lines(text: str, per_line: int) -> int:
    """Lines a text needs in a wrapping column `per_line` characters wide (an
    estimate: words wrap whole, proportional letters are narrower than the '0'
    that column widths count), at most Excel's highest row."""
    room = per_line * 11 // 10
    if len(text) >= (room + 1) * MAX_LINES:  # a line holds a word-breaking space at most
        return MAX_LINES
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            size = len(word) + (1 if used else 0)
            if used and used + size > room:
                lines += 1
                used, size = 0, len(word)
            lines += (used + size - 1) // room if used + size > room else 0
            used = (used + size) % room if used + size > room else used + size
        if lines >= MAX_LINES:
            return MAX_LINES
    return lines
