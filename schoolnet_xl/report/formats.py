"""The cell formats of every findings sheet (the report workbook, `Validatie`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schoolnet_xl.core.palette import GREY_HEADER, SEVERITY_FILLS


@dataclass(frozen=True)
class FindingFormats:
    """XlsxWriter formats: header row, wrapped text, link, one fill per severity."""

    header: Any
    wrap: Any
    link: Any
    severity: dict[str, Any]


def finding_formats(workbook: Any) -> FindingFormats:
    """Add the findings formats to an XlsxWriter workbook."""
    return FindingFormats(
        header=workbook.add_format({"bold": True, "bg_color": GREY_HEADER, "border": 1}),
        wrap=workbook.add_format({"text_wrap": True, "valign": "top"}),
        link=workbook.add_format({"font_color": "blue", "underline": 1, "valign": "top"}),
        severity={s: workbook.add_format({"bg_color": c, "valign": "top"})
                  for s, c in SEVERITY_FILLS.items()},
    )
