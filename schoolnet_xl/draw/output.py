"""A figure as the bytes of a PNG, SVG or PDF file (Agg, no pyplot, reproducible)."""

from __future__ import annotations

import html
import io
from typing import Any, Literal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from schoolnet_xl.draw.style import DPI, PAGE_H, PAGE_W

Format = Literal["png", "svg", "pdf"]
FORMATS: tuple[Format, ...] = ("png", "svg", "pdf")
# SVG text as text (searchable, titled), PDF fonts embedded as TrueType, stable ids;
# glyphs unhinted, as `measure` reads them: Agg draws a label in 60 % of the time.
RC: dict[str, Any] = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "schoolnet-xl",
                      "text.hinting": "no_hinting"}
METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def new_page() -> tuple[Figure, Axes]:
    """An A4 landscape figure with one frameless axes whose units are inches."""
    figure = Figure(figsize=(PAGE_W, PAGE_H), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, PAGE_W)
    axes.set_ylim(0, PAGE_H)
    axes.set_axis_off()
    return figure, axes


def figure_bytes(figure: Figure, fmt: Format, titles: dict[str, str] | None = None,
                 dpi: int = DPI) -> bytes:
    """The figure in `fmt` (a PNG at `dpi`); in an SVG, each group whose id is a key of
    `titles` gets that text as its <title> (shown on hover: the full name of a short label)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):  # type: ignore[arg-type]
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=METADATA[fmt])
    data = buffer.getvalue()
    if fmt == "svg" and titles:
        text = data.decode("utf-8")
        for gid, title in titles.items():
            opening = f'<g id="{html.escape(gid)}">'
            text = text.replace(opening, f"{opening}\n   <title>{html.escape(title)}</title>", 1)
        data = text.encode("utf-8")
    return data
