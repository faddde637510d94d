"""The region map: organisations that several schools share, linked to those schools.

One image per group (a gemeente or a scholengemeenschap): the group's schools
in a column on the left, the shared organisations on the right (in the
vocabulary's category order, most-shared first), a node's size by how many of
the group's schools work with it. Rows are evenly spaced at one font size
chosen so that they fit; beyond the smallest size the least-shared
organisations are left out and counted under the map.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.collections import LineCollection

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.layout import BOTTOM, GAP, LINE, MARGIN, TOP
from schoolnet_xl.draw.measure import FAMILY, fit
from schoolnet_xl.draw.output import Format, figure_bytes, new_page
from schoolnet_xl.draw.style import (
    DPI,
    LEADER_COLOUR,
    PAGE_H,
    PAGE_W,
    SCHOOL_COLOUR,
    SECONDARY_TEXT,
    category_colour,
)

Shared = tuple[str, str, Sequence[str]]  # organisation, category code, its schools
MAX_SIZE, MIN_SIZE = 9.0, 5.0
SCHOOL_X, ORGANISATION_X = PAGE_W * 0.34, PAGE_W * 0.62


def draw_region_map(group_name: str, schools: Sequence[str], shared: Sequence[Shared],
                    vocabulary: Vocabulary, fmt: Format = "png", lang: Lang = "nl", *,
                    dpi: int = DPI) -> bytes:
    """The region map of one group of schools as PNG, SVG or PDF bytes (A4 landscape;
    a PNG at `dpi`)."""
    order = {c.code: i for i, c in enumerate(vocabulary.categories)}
    rows = sorted(shared, key=lambda s: (order.get(s[1], len(order)), -len(set(s[2])),
                                         s[0].casefold()))
    room = TOP - BOTTOM
    most = int(room / (MIN_SIZE * (LINE + GAP) / 72))
    left_out = max(0, len(rows) - most)
    if left_out:
        kept = sorted(rows, key=lambda s: -len(set(s[2])))[:most]
        rows = [r for r in rows if r in kept]
    names = sorted(set(schools) | {s for r in rows for s in r[2]}, key=str.casefold)
    size = min(MAX_SIZE, room / max(len(rows), len(names), 1) * 72 / (LINE + GAP))
    figure, axes = new_page()
    title = say(f"Gedeelde partners: {group_name}", f"Shared partners: {group_name}", lang)
    axes.text(MARGIN, PAGE_H - 0.32, fit(title, PAGE_W - 2 * MARGIN, 15, "bold"), fontsize=15,
              fontweight="bold", family=FAMILY, va="center", color=SCHOOL_COLOUR)
    axes.text(MARGIN, PAGE_H - 0.62, say(
        f"{len(names)} scholen · {len(rows)} organisaties die meer dan één school deelt · "
        "grootte: aantal scholen",
        f"{len(names)} schools · {len(rows)} organisations shared by more than one school · "
        "size: number of schools", lang), fontsize=10, family=FAMILY, va="center",
        color=SECONDARY_TEXT)
    school_y = _spread(len(names))
    where = dict(zip(names, school_y, strict=True))
    for name, y in where.items():
        axes.text(SCHOOL_X - 0.14, y, fit(name, SCHOOL_X - 0.14 - MARGIN, size, "bold"),
                  fontsize=size, fontweight="bold", family=FAMILY, ha="right", va="center",
                  color=SCHOOL_COLOUR)
    axes.scatter([SCHOOL_X] * len(names), school_y, s=(size * 1.1) ** 2, c=SCHOOL_COLOUR,
                 zorder=3)
    segments, colours, xs, ys, areas, faces = [], [], [], [], [], []
    org_y = _spread(len(rows))
    pitch = org_y[0] - org_y[1] if len(org_y) > 1 else 1.0
    widest = min(pitch * 72 * 0.95, size * 0.6 + 2.2 * 12)  # node diameter, points
    text_x = ORGANISATION_X + widest / 144 + 0.06
    for (organisation, code, members), y in zip(rows, org_y, strict=True):
        colour = category_colour(order.get(code))
        count = len(set(members))
        label = f"{organisation} ({count})"
        axes.text(text_x, y, fit(label, PAGE_W - MARGIN - text_x, size), fontsize=size,
                  family=FAMILY, va="center", color="#202020")
        xs.append(ORGANISATION_X)
        ys.append(y)
        areas.append(min(size * 0.6 + 2.2 * min(count, 12), widest) ** 2)
        faces.append(colour)
        for school in set(members):
            segments.append([(SCHOOL_X, where[school]), (ORGANISATION_X, y)])
            colours.append(colour + "99")
    axes.add_collection(LineCollection(segments, colors=colours, linewidths=0.9, zorder=1))
    axes.scatter(xs, ys, s=areas, c=faces, edgecolors="white", linewidths=0.8, zorder=3)
    notes = [say("kleur: de categorie, zoals op de netwerkkaart van elke school; tussen haakjes: "
                 "het aantal scholen", "colour: the category, as on each school's network map; "
                 "in brackets: the number of schools", lang)]
    if left_out:
        notes.append(say(f"{left_out} minder gedeelde organisaties niet getekend",
                         f"{left_out} less shared organisations not drawn", lang))
    axes.text(MARGIN, 0.45, fit(" · ".join(notes), PAGE_W - 2 * MARGIN, 7.5), fontsize=7.5,
              family=FAMILY, va="center", color=LEADER_COLOUR if not rows else SECONDARY_TEXT)
    return figure_bytes(figure, fmt, dpi=dpi)


def _spread(count: int) -> list[float]:
    """`count` centres evenly over the drawing height, top first (at most a line apart
    more than the largest font needs)."""
    if not count:
        return []
    pitch = min((TOP - BOTTOM) / count, MAX_SIZE * (LINE + GAP) * 1.6 / 72)
    top = (TOP + BOTTOM) / 2 + pitch * (count - 1) / 2
    return [top - i * pitch for i in range(count)]
