"""The cell formats of every findings sheet (the report workbook, `Validatie`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schoolnet_xl.core import sheet_words
from schoolnet_xl.core.palette import BLUE_DARK, GREY_FONT, GREY_HEADER, SEVERITY_FILLS
from schoolnet_xl.core.sheet_words import VALIDATION_TITLE_SIZE


@dataclass(frozen=True)
class FindingFormats:
    """XlsxWriter formats: header row, wrapped text, link, one fill per severity,
    the sheet's title and the note under it."""

    header: Any
    wrap: Any
    link: Any
    severity: dict[str, Any]
    title: Any
    note: Any


def page_footer(centre: str = "") -> str:
    """`core.sheet_words.page_footer` with `centre` (e.g. a file name) cut to 120
    characters."""
    return sheet_words.page_footer(centre[:120])


def finding_formats(workbook: Any) -> FindingFormats:
    """Add the findings formats to an XlsxWriter workbook."""
    return FindingFormats(
        header=workbook.add_format({"bold": True, "bg_color": GREY_HEADER, "border": 1}),
        wrap=workbook.add_format({"text_wrap": True, "valign": "top"}),
        link=workbook.add_format({"font_color": "blue", "underline": 1, "valign": "top"}),
        severity={s: workbook.add_format({"bg_color": c, "valign": "top"})
                  for s, c in SEVERITY_FILLS.items()},
        title=workbook.add_format({"bold": True, "font_size": VALIDATION_TITLE_SIZE,
                                   "font_color": BLUE_DARK}),
        note=workbook.add_format({"italic": True, "font_color": GREY_FONT}),
    )
