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

# Width of each ASCII character of Calibri 11 (measured on Carlito, its metric twin) in
# hundredths of the digit '0' that column widths count; other characters count as 100.
_ASCII_WIDTHS = bytes([100] * 32 + [
    45, 64, 79, 98, 100, 141, 135, 44, 60, 60, 98, 98, 49, 60, 50, 76, 100, 100, 100, 100,
    100, 100, 100, 100, 100, 100, 53, 53, 98, 98, 98, 91, 176, 114, 107, 105, 121, 96, 91,
    124, 123, 50, 63, 103, 83, 169, 127, 131, 102, 133, 107, 91, 96, 127, 112, 176, 102, 96,
    92, 61, 76, 61, 98, 98, 57, 95, 104, 83, 104, 98, 60, 93, 104, 45, 47, 90, 45, 158, 104,
    104, 104, 104, 69, 77, 66, 104, 89, 141, 85, 89, 78, 62, 91, 62, 98, 100] + [100] * 128)
_SPACE = _ASCII_WIDTHS[32]
BOLD_WIDER = 1.07  # bold Calibri is about this much wider
# Each word's width, once: the texts of a sheet (findings, hints) repeat their words.
_WORD_WIDTHS: dict[str, int] = {}
_WORD_WIDTHS_LIMIT = 50_000


def text_width(text: str) -> int:
    """Width of one line of 11 pt Calibri text, in hundredths of a '0'."""
    if text.isascii():
        return sum(text.encode().translate(_ASCII_WIDTHS))
    return sum(_ASCII_WIDTHS[ord(c)] if ord(c) < 128 else 100 for c in strip_accents(text))


def wrapped_lines(text: str, per_line: int, *, bold: bool = False) -> int:
    """Lines a text needs in a wrapping column `per_line` '0' widths wide, as Excel
    wraps it: at spaces (not after hyphens, where LibreOffice does not break a
    path; Excel may, and then needs a line less), a word wider than the column broken
    between letters,
    each letter as wide as Calibri draws it (`bold`: a little wider); at most Excel's
    highest row."""
    room = int(max(1, per_line) * 100 / (BOLD_WIDER if bold else 1))
    if len(text) >= 3 * per_line * MAX_LINES:  # no line holds fewer than a third as many
        return MAX_LINES
    lines = 0
    widths = _WORD_WIDTHS
    if len(widths) > _WORD_WIDTHS_LIMIT:
        widths.clear()
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            size = widths.get(word)
            if size is None:
                size = widths[word] = text_width(word)
            if not used or used + _SPACE + size <= room:
                used += (_SPACE if used else 0) + size
            else:
                lines += 1
                used = size
            if used > room:  # a word wider than the column: broken between its letters
                lines += (used - 1) // room
                used = used % room or room
        if lines >= MAX_LINES:
            return MAX_LINES
    return lines
