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
