"""The cell formats of the netwerkkaart workbook, made once per XlsxWriter workbook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schoolnet_xl.core.palette import (
    AMBER_FILL,
    AMBER_FONT,
    BLUE_DARK,
    BORDER_GREY,
    GREY_FONT,
    INPUT_YELLOW,
    RED_FILL,
    RED_FONT,
    WHITE,
)

DATE_FORMAT = "dd/mm/yyyy"
RULE_GREY = "#808080"  # the grid's cell borders: visible on paper, quiet on screen


@dataclass(frozen=True)
class Styles:
    """Named XlsxWriter formats (each bound to the workbook that made them)."""

    title: Any
    subtitle: Any
    label: Any
    label_left: Any
    input_text: Any
    input_date: Any
    table_header: Any
    table_header_rotated: Any
    cell_text: Any
    cell_mark: Any
    cell_year: Any
    ruled_text: Any
    ruled_mark: Any
    ruled_year: Any
    heading: Any
    body: Any
    body_bold: Any
    count: Any
    plain: Any
    cf_red: Any
    cf_amber: Any
    cf_hint: Any


def make_styles(workbook: Any) -> Styles:
    """Create the formats in an XlsxWriter workbook."""
    add = workbook.add_format
    unlocked = {"locked": False, "valign": "top", "text_wrap": True}
    mark = {"locked": False, "align": "center", "valign": "top", "bold": True}
    year = {"locked": False, "align": "center", "valign": "top", "num_format": "0"}
    ruled = {"border": 1, "border_color": RULE_GREY}
    header = {
        "bold": True, "font_color": WHITE, "bg_color": BLUE_DARK, "text_wrap": True,
        "valign": "bottom", "border": 1, "border_color": WHITE,
    }
    return Styles(
        title=add({"bold": True, "font_size": 18, "font_color": BLUE_DARK}),
        subtitle=add({"italic": True, "font_color": GREY_FONT}),
        label=add({"bold": True, "align": "right", "valign": "vcenter"}),
        label_left=add({"bold": True}),
        input_text=add({
            "locked": False, "bg_color": INPUT_YELLOW, "border": 1, "border_color": BORDER_GREY,
            "num_format": "@", "valign": "vcenter",
        }),
        input_date=add({
            "locked": False, "bg_color": INPUT_YELLOW, "border": 1, "border_color": BORDER_GREY,
            "num_format": DATE_FORMAT, "align": "left", "valign": "vcenter",
        }),
        table_header=add(header),
        table_header_rotated=add({**header, "rotation": 90, "align": "center", "text_wrap": False}),
        cell_text=add({**unlocked, "num_format": "@"}),
        cell_mark=add(mark),
        cell_year=add(year),
        ruled_text=add({**unlocked, "num_format": "@", **ruled}),
        ruled_mark=add({**mark, **ruled}),
        ruled_year=add({**year, **ruled}),
        heading=add({"bold": True, "font_size": 13, "font_color": BLUE_DARK}),
        body=add({"text_wrap": True, "valign": "top"}),
        body_bold=add({"text_wrap": True, "valign": "top", "bold": True}),
        count=add({"align": "center"}),
        plain=add({}),
        cf_red=add({"bg_color": RED_FILL, "font_color": RED_FONT, "bold": True}),
        cf_amber=add({"bg_color": AMBER_FILL, "font_color": AMBER_FONT}),
        cf_hint=add({"bg_color": RED_FILL}),
    )
