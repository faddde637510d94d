"""Text widths in inches, measured once per text with the font Agg draws with.

The layout places every label before anything is drawn: each character's
advance is read once from the font Agg draws with (FreeType), instead of
drawing the figure to ask for extents.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, cast

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags

FAMILY = "DejaVu Sans"  # ships with matplotlib: the same map on every machine
SAFETY = 1.03  # hinting and rounding at other resolutions: a little more than measured


@lru_cache(maxsize=8)
def _font_file(weight: str, style: Literal["normal", "italic", "oblique"]) -> str:
    return findfont(FontProperties(family=FAMILY, weight=weight, style=style))


@lru_cache(maxsize=16)
def _advances(weight: str, style: str) -> dict[str, float]:
    """Advance width in points at 1 pt of each character met so far (filled lazily)."""
    return {}


def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width in inches of one line of `text` at `size` points: the characters' advances,
    each measured once (kerning only narrows DejaVu text; SAFETY covers hinting)."""
    advances = _advances(weight, style)
    total = 0.0
    for char in text:
        advance = advances.get(char)
        if advance is None:
            font = get_font(_font_file(weight, cast(Literal["normal", "italic", "oblique"], style)))
            font.set_size(100, 72)
            glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
            advance = advances[char] = glyph.linearHoriAdvance / 65536 / 100
        total += advance
    return total * size / 72 * SAFETY


def fit(text: str, width: float, size: float, weight: str = "normal",
        style: str = "normal") -> str:
    """`text`, shortened with '…' to fit `width` inches (unchanged when it fits)."""
    if text_width(text, size, weight, style) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, weight, style) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def wrap(text: str, width: float, size: float, lines: int, weight: str = "normal",
         style: str = "normal") -> list[str]:
    """`text` in at most `lines` lines of `width` inches, the last one shortened."""
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, weight, style) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[index:])
            break
    out.append(current)
    return [fit(line, width, size, weight, style) for line in out if line]
