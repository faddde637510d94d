"""The map's look: page, colours per category, line weights, X-column markers.

Colours follow the category's place in the vocabulary, so a category has the
same colour on every school's map.
"""

from __future__ import annotations

from schoolnet_xl.core.palette import BLUE_DARK, GREY_FONT, RED_FILL, RED_FONT

MM = 1 / 25.4
PAGE_W, PAGE_H = 297 * MM, 210 * MM  # A4 landscape, inches
DPI = 150  # PNG resolution: 1753 x 1240 pixels

CATEGORY_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39",
    "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#ad494a",
    "#8ca252", "#bd9e39", "#a55194",
)
UNKNOWN_COLOUR = "#9e9e9e"
SCHOOL_COLOUR = BLUE_DARK
MISSING_CORE_TEXT = RED_FONT
MISSING_CORE_FILL = RED_FILL
MISSING_RECOMMENDED_TEXT = "#8a8a8a"
MISSING_RECOMMENDED_FILL = "#ececec"
SECONDARY_TEXT = GREY_FONT
LEADER_COLOUR = "#b0b0b0"

# Line weight (points) per Intensiteit step; no value: thin and dashed.
INTENSITY_WIDTHS = (0.9, 1.8, 2.8, 4.0)
NO_INTENSITY_WIDTH = 0.7
# Markers of the X columns, by position (KANS, ZORG, ARMOEDE, then a region's own).
MARK_SHAPES = ("^", "s", "D", "o", "v", "P")
MARK_COLOURS = ("#1b7837", "#2166ac", "#d95f02", "#762a83", "#e08214", "#404040")


def category_colour(index: int | None) -> str:
    """The colour of the category at `index` in the vocabulary (None: unknown)."""
    return UNKNOWN_COLOUR if index is None else CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]


def intensity_width(intensity: int | None) -> float:
    """Line weight for an Intensiteit step (steps beyond the scale: the heaviest)."""
    if intensity is None:
        return NO_INTENSITY_WIDTH
    return INTENSITY_WIDTHS[min(max(intensity, 1), len(INTENSITY_WIDTHS)) - 1]
