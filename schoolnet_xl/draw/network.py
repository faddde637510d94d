"""Draw one school's network map (`plan_network` decides where everything goes)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle, Wedge
from matplotlib.text import Text

from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.layout import (
    MARGIN,
    RADIUS,
    SCHOOL_RADIUS,
    Label,
    Plan,
    mark_step,
    plan_network,
)
from schoolnet_xl.draw.measure import FAMILY, fit, text_width, wrap
from schoolnet_xl.draw.model import NetworkMap
from schoolnet_xl.draw.output import Format, figure_bytes, new_page
from schoolnet_xl.draw.style import (
    DPI,
    LEADER_COLOUR,
    MARK_COLOURS,
    MARK_SHAPES,
    MISSING_CORE_FILL,
    MISSING_CORE_TEXT,
    MISSING_RECOMMENDED_FILL,
    MISSING_RECOMMENDED_TEXT,
    NO_INTENSITY_WIDTH,
    PAGE_H,
    PAGE_W,
    SCHOOL_COLOUR,
    SECONDARY_TEXT,
    category_colour,
    intensity_width,
)

BAND = 0.3  # width of a sector's band around the ring, inches
NODE = 7.5  # node diameter, points
LEGEND_SIZE = 7.5


@dataclass
class MapFigure:
    """A drawn map: the figure and each label's Text (tests measure their extents)."""

    figure: Figure
    plan: Plan
    texts: list[tuple[Label, Text]]
    titles: dict[str, str]  # SVG group id -> full text of a shortened or wrapped label


def draw_network_map(network: NetworkMap, vocabulary: Vocabulary, fmt: Format = "png",
                     lang: Lang = "nl", *, dpi: int = DPI) -> bytes:
    """The map of one school as PNG, SVG or PDF bytes (A4 landscape; a PNG at `dpi`:
    100 is half the pixels of the default 150, enough for a sheet on screen)."""
    drawn = network_figure(network, vocabulary, lang)
    return figure_bytes(drawn.figure, fmt, drawn.titles, dpi)


def network_figure(network: NetworkMap, vocabulary: Vocabulary, lang: Lang = "nl") -> MapFigure:
    """The map as a matplotlib figure (Agg canvas), not yet rendered."""
    plan = plan_network(network, vocabulary, lang)
    figure, axes = new_page()
    _title(axes, network, lang)
    _sectors(axes, plan)
    _edges(axes, plan)
    _school(axes, plan, network.school)
    texts, titles = _labels(axes, plan, [f.code for f in vocabulary.focus])
    _legend(axes, plan, vocabulary, lang)
    return MapFigure(figure, plan, texts, titles)


def _title(axes: Axes, network: NetworkMap, lang: Lang) -> None:
    title = say(f"Netwerkkaart {network.school}", f"Network map {network.school}", lang)
    axes.text(MARGIN, PAGE_H - 0.32, fit(title, PAGE_W - 2 * MARGIN, 15, "bold"), fontsize=15,
              fontweight="bold", family=FAMILY, va="center", color=SCHOOL_COLOUR)
    facts = [say(f"Schooljaar {network.schooljaar}", f"School year {network.schooljaar}", lang)
             if network.schooljaar else "",
             say(f"datum {network.datum}", f"date {network.datum}", lang) if network.datum else "",
             count(len(network.partners), "partner", "partners")]
    axes.text(MARGIN, PAGE_H - 0.62, " · ".join(f for f in facts if f), fontsize=10,
              family=FAMILY, va="center", color=SECONDARY_TEXT)


def _sectors(axes: Axes, plan: Plan) -> None:
    patches, faces, edges = [], [], []
    for sector in plan.sectors:
        patches.append(Wedge(plan.centre, RADIUS + BAND / 2, sector.end, sector.start,
                             width=BAND))
        if sector.status == "missing_core":
            faces.append(MISSING_CORE_FILL)
            edges.append(MISSING_CORE_TEXT)
        elif sector.status == "missing_recommended":
            faces.append(MISSING_RECOMMENDED_FILL)
            edges.append(MISSING_RECOMMENDED_TEXT)
        else:
            faces.append(category_colour(sector.index) + "2e")
            edges.append("none")
    axes.add_collection(PatchCollection(patches, facecolors=faces, edgecolors=edges,
                                        linewidths=0.6, zorder=1))


def _edges(axes: Axes, plan: Plan) -> None:
    cx, cy = plan.centre
    segments, widths, styles, colours = [], [], [], []
    for sector in plan.sectors:
        colour = category_colour(sector.index)
        for partner, angle in zip(sector.partners, sector.angles, strict=True):
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            segments.append([(cx + SCHOOL_RADIUS * cos, cy + SCHOOL_RADIUS * sin),
                             (cx + RADIUS * cos, cy + RADIUS * sin)])
            widths.append(intensity_width(partner.intensity))
            styles.append((0, (3, 2)) if partner.intensity is None else "solid")
            colours.append(colour + ("66" if partner.wished else "cc"))
    axes.add_collection(LineCollection(segments, linewidths=widths, linestyles=styles,
                                       colors=colours, zorder=2, capstyle="butt"))


def _school(axes: Axes, plan: Plan, school: str) -> None:
    axes.add_patch(Circle(plan.centre, SCHOOL_RADIUS, facecolor=SCHOOL_COLOUR,
                          edgecolor="white", linewidth=1.5, zorder=4))
    width = 2 * SCHOOL_RADIUS * 0.88
    words = " ".join(school.replace("-", "- ").split())  # a long name may break after a dash
    size = 11.0
    while size > 8 and any(text_width(word, size, "bold") > width for word in words.split()):
        size -= 0.5
    lines = [line.replace("- ", "-") for line in wrap(words, width, size, 4, "bold")]
    axes.text(*plan.centre, "\n".join(lines), fontsize=size, fontweight="bold", family=FAMILY,
              ha="center", va="center", color="white", zorder=5, linespacing=1.0)


def _labels(axes: Axes, plan: Plan, focus: list[str]) -> tuple[list[tuple[Label, Text]],
                                                                 dict[str, str]]:
    texts, titles = [], {}
    leaders, node_xy, node_faces, node_edges = [], [], [], []
    marks: dict[int, list[tuple[float, float]]] = {}
    for number, label in enumerate(plan.labels):
        side, colour = label.side, category_colour(label.sector.index)
        step = mark_step(label.size)
        start = label.x + side * label.marks_width
        text_colour = {"missing_core": MISSING_CORE_TEXT,
                       "missing_recommended": MISSING_RECOMMENDED_TEXT}.get(
                           label.sector.status, "#202020" if label.kind == "partner" else colour)
        text = axes.text(start, label.y, "\n".join(label.lines), fontsize=label.size,
                         fontweight=label.weight, fontstyle=label.style, family=FAMILY,
                         ha="left" if side > 0 else "right", va="center", color=text_colour,
                         linespacing=0.95, zorder=6)
        texts.append((label, text))
        if label.shortened or len(label.lines) > 1:
            gid = f"label-{number}"
            text.set_gid(gid)
            titles[gid] = label.full
        if label.partner is not None and label.node is not None:
            leaders.append([label.node, (label.x - side * 0.03, label.y)])
            node_xy.append(label.node)
            node_faces.append("white" if label.partner.wished else colour)
            node_edges.append(colour)
            for code in label.partner.marks:
                if code not in focus:  # a column this vocabulary does not know
                    continue
                slot = focus.index(code)
                offset = (slot + 0.5) * step
                marks.setdefault(slot, []).append((label.x + side * offset, label.y))
        elif label.sector.status != "present":
            middle = math.radians((label.sector.start + label.sector.end) / 2)
            reach = RADIUS + BAND / 2
            leaders.append([(plan.centre[0] + reach * math.cos(middle),
                             plan.centre[1] + reach * math.sin(middle)),
                            (label.x - side * 0.03, label.y)])
    axes.add_collection(LineCollection(leaders, linewidths=0.4, colors=LEADER_COLOUR,
                                       zorder=1))
    if node_xy:
        xs, ys = zip(*node_xy, strict=True)
        axes.scatter(xs, ys, s=NODE ** 2, c=node_faces, edgecolors=node_edges, linewidths=1.3,
                     zorder=3)
    size = (plan.size * 0.75) ** 2
    for slot, points in marks.items():
        xs, ys = zip(*points, strict=True)
        axes.scatter(xs, ys, s=size, marker=MARK_SHAPES[slot % len(MARK_SHAPES)],
                     c=MARK_COLOURS[slot % len(MARK_COLOURS)], linewidths=0, zorder=6)
    return texts, titles


def _legend(axes: Axes, plan: Plan, vocabulary: Vocabulary, lang: Lang) -> None:
    """One flowing legend under the map: lines, nodes, X columns, gaps, guesses."""
    entries: list[tuple[str, str, int]] = []  # (glyph kind, text, its parameter)
    for step, word in enumerate(vocabulary.scales.get("Intensiteit", ()), start=1):
        entries.append(("line", word, step))
    entries.append(("dash", say("geen intensiteit", "no intensity", lang), 0))
    entries.append(("node", say("partner", "partner", lang), 1))
    entries.append(("node", say("gewenst (nog geen partner)", "wished for (not yet a partner)",
                                lang), 0))
    for slot, area in enumerate(vocabulary.focus):
        entries.append(("mark", area.header_en or area.header if lang == "en" else area.header,
                        slot))
    entries.append(("box", say("kerncategorie ontbreekt", "core category missing", lang), 1))
    entries.append(("box", say("aanbevolen categorie ontbreekt",
                               "recommended category missing", lang), 0))
    entries.append(("italic", say("cursief: categorie geraden uit de tekst",
                                  "italic: category guessed from the text", lang), 0))
    if plan.ended:
        entries.append(("text", say(f"{plan.ended} beëindigde partner(s) niet getekend",
                                    f"{plan.ended} ended partner(s) not drawn", lang), 0))
    x, y, size = MARGIN, 0.72, LEGEND_SIZE
    glyph, pad = 0.34, 0.22
    segments: list[list[tuple[float, float]]] = []
    widths: list[float] = []
    styles: list[str | tuple[int, tuple[int, int]]] = []
    boxes: list[Rectangle] = []
    for kind, text, value in entries:
        style = "italic" if kind == "italic" else "normal"
        room = 0.0 if kind in ("italic", "text") else glyph + 0.06
        width = room + text_width(text, size, style=style)
        if x + width > PAGE_W - MARGIN:
            x, y = MARGIN, y - 0.24
        if kind in ("line", "dash"):
            segments.append([(x, y), (x + glyph, y)])
            widths.append(intensity_width(value) if kind == "line" else NO_INTENSITY_WIDTH)
            styles.append("solid" if kind == "line" else (0, (3, 2)))
        elif kind == "node":
            axes.scatter([x + glyph / 2], [y], s=NODE ** 2, linewidths=1.3,
                         c=SECONDARY_TEXT if value else "white", edgecolors=SECONDARY_TEXT)
        elif kind == "mark":
            axes.scatter([x + glyph / 2], [y], s=(size * 0.75) ** 2, linewidths=0,
                         marker=MARK_SHAPES[value % len(MARK_SHAPES)],
                         c=MARK_COLOURS[value % len(MARK_COLOURS)])
        elif kind == "box":
            boxes.append(Rectangle(
                (x, y - 0.06), glyph, 0.12, linewidth=0.6,
                facecolor=MISSING_CORE_FILL if value else MISSING_RECOMMENDED_FILL,
                edgecolor=MISSING_CORE_TEXT if value else MISSING_RECOMMENDED_TEXT))
        axes.text(x + room, y, text, fontsize=size, fontstyle=style, family=FAMILY,
                  va="center", color=SECONDARY_TEXT)
        x += width + pad
    axes.add_collection(LineCollection(segments, linewidths=widths, linestyles=styles,
                                       colors=SECONDARY_TEXT))
    axes.add_collection(PatchCollection(boxes, match_original=True))
