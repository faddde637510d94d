"""Where everything on a network map goes, in inches on an A4 landscape page.

Sectors: the vocabulary's categories in its order, clockwise from the top; the
first categories on the right half, the rest on the left, split so that both
halves hold about as many labels. Labels stand in two columns outside the ring,
each pushed down or up just enough that no two boxes overlap (`stack`); the
font is the largest at which both columns fit the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.measure import fit, text_width, wrap
from schoolnet_xl.draw.model import MapPartner, NetworkMap
from schoolnet_xl.draw.style import PAGE_H, PAGE_W

SectorStatus = Literal["present", "missing_core", "missing_recommended"]
LabelKind = Literal["partner", "header"]

MARGIN = 0.2
TOP = PAGE_H - 0.85  # below the title
BOTTOM = 1.0  # above the legend
RADIUS = 2.2  # the partners' ring
LABEL_OFFSET = 0.28  # from the ring to the nearest label
SCHOOL_RADIUS = 0.8
SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.5)
LINE = 1.22  # line height in font sizes
GAP = 0.22  # space between two labels, in font sizes
SECTOR_GAP = 0.6  # empty slots between two sectors


@dataclass
class Sector:
    """One category's slice of the ring."""

    code: str | None
    label: str
    index: int | None  # place in the vocabulary (its colour); None = not in it
    status: SectorStatus
    partners: list[MapPartner]
    side: int = 1  # 1 right half, -1 left half
    start: float = 0.0  # degrees, counter-clockwise from east; start > end (clockwise)
    end: float = 0.0
    angles: list[float] = field(default_factory=list)  # each partner's node


@dataclass
class Label:
    """One text beside the ring: a partner's name or a sector's heading."""

    kind: LabelKind
    lines: list[str]
    full: str  # the whole text (the SVG title of a shortened one)
    sector: Sector
    side: int
    size: float
    weight: str
    style: str
    mark_slots: int  # X-column marker slots before the text
    ideal: float  # the y the label would like (its node's)
    partner: MapPartner | None = None
    node: tuple[float, float] | None = None
    y: float = 0.0  # centre
    x: float = 0.0  # the edge facing the ring

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE / 72

    @property
    def marks_width(self) -> float:
        """The marker slots and the space after them (none without slots)."""
        if not self.mark_slots:
            return 0.0
        return self.mark_slots * mark_step(self.size) + self.size * 0.3 / 72

    @property
    def text_width(self) -> float:
        return max(text_width(line, self.size, self.weight, self.style) for line in self.lines)

    @property
    def shortened(self) -> bool:
        return " ".join(self.lines) != self.full

    def box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of markers and text."""
        width = self.marks_width + self.text_width
        x0, x1 = (self.x, self.x + width) if self.side > 0 else (self.x - width, self.x)
        return x0, self.y - self.height / 2, x1, self.y + self.height / 2


@dataclass
class Plan:
    """A whole map: the sectors, the labels, the centre and the font size chosen."""

    sectors: list[Sector]
    labels: list[Label]
    centre: tuple[float, float]
    radius: float
    size: float
    ended: int  # Beëindigd partners left out


def mark_step(size: float) -> float:
    """Width of one X-column marker slot at a font size, inches."""
    return size * 1.05 / 72


def plan_network(network: NetworkMap, vocabulary: Vocabulary, lang: Lang = "nl") -> Plan:
    """Lay the map out: sectors on the ring, labels in two columns, one font size."""
    drawn = [p for p in network.partners if not p.ended]
    sectors = _sectors(network, drawn, vocabulary, lang)
    _split_and_angle(sectors)
    centre = (PAGE_W / 2, (TOP + BOTTOM) / 2)
    slots = len(vocabulary.focus)
    labels: list[Label] = []
    for size in SIZES:
        for lines in (2, 1):
            labels = _labels(sectors, centre, size, lines, slots, lang)
            if all(_fits([lb for lb in labels if lb.side == side]) for side in (1, -1)):
                return _placed(sectors, labels, centre, size, len(network.partners) - len(drawn))
    return _placed(sectors, labels, centre, SIZES[-1], len(network.partners) - len(drawn))


def _placed(sectors: list[Sector], labels: list[Label], centre: tuple[float, float],
            size: float, ended: int) -> Plan:
    for side in (1, -1):
        column = [lb for lb in labels if lb.side == side]
        stack(column, BOTTOM, TOP)
        for label in column:
            label.x = centre[0] + side * _clearance(label, centre)
            if len(label.lines) == 1 and label.shortened:  # more room than assumed?
                room = (PAGE_W - MARGIN - label.x if side > 0 else label.x - MARGIN)
                label.lines = [fit(label.full, room - label.marks_width, label.size,
                                   label.weight, label.style)]
    return Plan(sectors, labels, centre, RADIUS, size, ended)


def sector_label(code: str | None, vocabulary: Vocabulary, lang: Lang) -> str:
    """A category's name in the user's language (a code not in the vocabulary as is)."""
    if code is None:
        return say("Zonder categorie", "No category", lang)
    category = vocabulary.category(code)
    if category is None:
        return code
    return category.label_en or category.label if lang == "en" else category.label


def _sectors(network: NetworkMap, drawn: list[MapPartner], vocabulary: Vocabulary,
             lang: Lang) -> list[Sector]:
    by_code: dict[str | None, list[MapPartner]] = {}
    for partner in drawn:
        by_code.setdefault(partner.category, []).append(partner)
    core, recommended = set(network.missing_core), set(network.missing_recommended)
    sectors = []
    known = set()
    for index, category in enumerate(vocabulary.categories):
        known.add(category.code)
        members = by_code.get(category.code, [])
        status: SectorStatus | None = "present" if members else (
            "missing_core" if category.code in core
            else "missing_recommended" if category.code in recommended else None)
        if status is not None:
            sectors.append(Sector(category.code, sector_label(category.code, vocabulary, lang),
                                  index, status, members))
    others = [code for code in by_code if code is not None and code not in known]
    for code in [*others, None]:
        if code in by_code:
            sectors.append(Sector(code, sector_label(code, vocabulary, lang), None, "present",
                                  by_code[code]))
    return sectors


def _split_and_angle(sectors: list[Sector]) -> None:
    """Right half: the first sectors; left half: the rest; slots spread evenly per half."""
    weights = [1 + len(s.partners) for s in sectors]
    total = sum(weights)
    best = min(range(1, len(sectors) + 1) if sectors else [0],
               key=lambda k: (abs(2 * sum(weights[:k]) - total), k))
    for side, half, top in ((1, sectors[:best], 90.0), (-1, sectors[best:], -90.0)):
        slots = sum(max(len(s.partners), 1) for s in half) + SECTOR_GAP * len(half)
        step = 180.0 / slots if slots else 0.0
        angle = top - SECTOR_GAP / 2 * step
        for sector in half:
            sector.side = side
            sector.start = angle
            count = max(len(sector.partners), 1)
            sector.angles = [angle - (i + 0.5) * step for i in range(len(sector.partners))]
            angle -= count * step
            sector.end = angle
            angle -= SECTOR_GAP * step


def _labels(sectors: list[Sector], centre: tuple[float, float], size: float, lines: int,
            slots: int, lang: Lang) -> list[Label]:
    """Every label at one font size, with its ideal height, ordered top to bottom per side."""
    cx, cy = centre
    width = (PAGE_W / 2 - RADIUS - LABEL_OFFSET - MARGIN - slots * mark_step(size)
             - size * 0.3 / 72)
    step = size * (LINE + GAP) / 72
    out: list[Label] = []
    for side in (1, -1):
        groups = []
        for sector in (s for s in sectors if s.side == side):
            members = []
            for partner, angle in zip(sector.partners, sector.angles, strict=True):
                rad = math.radians(angle)
                node = (cx + RADIUS * math.cos(rad), cy + RADIUS * math.sin(rad))
                style = "italic" if partner.guessed else "normal"
                members.append(Label(
                    "partner", wrap(partner.name or "?", width, size, lines, style=style),
                    partner.name, sector, side, size, "normal", style, slots, node[1],
                    partner, node))
            members.sort(key=lambda lb: -lb.ideal)
            middle = math.radians((sector.start + sector.end) / 2)
            top = (members[0].ideal + step) if members else cy + RADIUS * math.sin(middle)
            text = _heading(sector, lang)
            heading = Label("header", wrap(text, width + slots * mark_step(size), size, lines,
                                           "bold"), text, sector, side, size, "bold", "normal",
                            0, top)
            groups.append([heading, *members])
        groups.sort(key=lambda group: -group[0].ideal)
        out.extend(label for group in groups for label in group)
    return out


def _heading(sector: Sector, lang: Lang) -> str:
    if sector.status != "present":  # a missing core or recommended category
        return say(f"{sector.label}: ontbreekt", f"{sector.label}: missing", lang)
    return f"{sector.label} ({len(sector.partners)})"


def _fits(column: list[Label]) -> bool:
    if not column:
        return True
    gaps = sum(lb.size * GAP / 72 for lb in column[1:])
    return sum(lb.height for lb in column) + gaps <= TOP - BOTTOM


def stack(column: list[Label], bottom: float, top: float) -> None:
    """Give each label (in top-to-bottom order) a centre as close to its ideal as the
    labels above and below it allow: boxes never overlap and stay in [bottom, top]."""
    above = top
    for label in column:
        half = label.height / 2
        label.y = min(label.ideal, above - half)
        above = label.y - half - label.size * GAP / 72
    below = bottom
    for label in reversed(column):
        half = label.height / 2
        label.y = max(label.y, below + half)
        below = label.y + half + label.size * GAP / 72


def _clearance(label: Label, centre: tuple[float, float]) -> float:
    """Horizontal distance from the centre to the label's inner edge: its box stays
    outside the circle of the ring plus the offset."""
    reach = RADIUS + LABEL_OFFSET
    half = label.height / 2
    dy = max(0.0, abs(label.y - centre[1]) - half)
    return max(0.12, math.sqrt(max(0.0, reach * reach - dy * dy)))
