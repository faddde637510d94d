"""The regional workbook's sheet Netwerkkaart regio: one region map per group of schools.

A group is a gemeente or a scholengemeenschap (`merge --kaart-per`). Each map
(`draw.region.draw_region_map`) links the group's schools to the organisations
that at least two of them name (the region's shared partners, `Region.shared`),
a node sized by the number of those schools. The images are stacked down the
sheet, each below its group's name; groups without a shared organisation are
named in one line at the end. Written with XlsxWriter's `insert_image`, so the
fast writer and `PlainWriter` carry it alike (the fast writer splices rows into
other sheets only and copies this one's drawing and media parts as they are).
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any, Literal

from schoolnet_xl.core.collector import garbage_collected
from schoolnet_xl.core.lang import say
from schoolnet_xl.merge.feedback.workbook import png_size
from schoolnet_xl.merge.records import FileResult
from schoolnet_xl.merge.region import Region
from schoolnet_xl.merge.sheets import print_setup

if TYPE_CHECKING:  # draw.region loads matplotlib
    from schoolnet_xl.draw.region import Shared

MapPer = Literal["gemeente", "scholengemeenschap"]
MAP_PER: tuple[MapPer, ...] = ("gemeente", "scholengemeenschap")
SHEET_REGION_MAP = "Netwerkkaart regio"
REGION_DPI = 100  # 1169 x 827 pixels
SCALE = 0.75  # on the sheet: 877 x 620 pixels, a landscape page each
ROW_PIXELS = 20  # XlsxWriter's default row: 15 points


def groups_of(region: Region, per: MapPer) -> list[tuple[str, list[str], list[Shared]]]:
    """(group name, its school labels, its shared organisations) per group, by name.

    An organisation is shared within a group when at least two of the group's
    schools name it; a school without a gemeente (scholengemeenschap) forms the
    group "" (shown as such)."""
    members: dict[str, list[str]] = {}
    for result in region.used:
        school = result.school
        assert school is not None  # `used` holds schools only
        members.setdefault(_group(result, per), []).append(school.label)
    groups = []
    for name in sorted(members, key=lambda g: (g == "", g.casefold())):
        labels = set(members[name])
        shared: list[Shared] = []
        for partner in region.shared:
            schools = [s for s in partner.schools if s in labels]
            if len(schools) >= 2:
                shared.append((partner.name, partner.category, schools))
        groups.append((name, sorted(labels, key=str.casefold), shared))
    return groups


def add_region_map_sheet(workbook: Any, region: Region, per: MapPer) -> None:
    """Add the sheet Netwerkkaart regio to `workbook` (XlsxWriter): a map per group."""
    from schoolnet_xl.draw.region import draw_region_map  # lazy: matplotlib, 0.38 s

    lang = region.lang
    sheet = workbook.add_worksheet(SHEET_REGION_MAP)
    title = workbook.add_format({"bold": True, "font_size": 14})
    heading = workbook.add_format({"bold": True, "font_size": 12})
    sheet.write_string(0, 0, say(
        f"Gedeelde partners per {per}: elke kaart toont de organisaties die minstens twee "
        "scholen van die groep noemen",
        f"Shared partners per {_english(per)}: each map shows the organisations named by at "
        "least two of that group's schools", lang), title)
    print_setup(sheet, SHEET_REGION_MAP, repeat_header=False)  # as the other sheets
    sheet.hide_gridlines(2)
    row, breaks, without = 2, [], []
    for name, schools, shared in groups_of(region, per):
        shown = name or say(f"(zonder {per})", f"(no {_english(per)})", lang)
        if not shared:
            without.append(shown)
            continue
        with garbage_collected():  # the figure's cycles, while the merge pauses gc
            png = draw_region_map(shown, schools, shared, region.vocabulary, "png", lang,
                                  dpi=REGION_DPI)
        if row > 2:
            breaks.append(row)
        sheet.write_string(row, 0, shown, heading)
        sheet.insert_image(row + 1, 0, f"regio-{len(breaks)}.png", {
            "image_data": io.BytesIO(png), "x_scale": SCALE, "y_scale": SCALE,
            "object_position": 3})
        row += 2 + math.ceil(png_size(png)[1] * SCALE / ROW_PIXELS) + 1
    if without:
        sheet.write_string(row, 0, say(
            "Zonder organisatie die twee scholen delen: ", "Without an organisation two "
            "schools share: ", lang) + ", ".join(without))
    if breaks:
        sheet.set_h_pagebreaks(breaks)


def _group(result: FileResult, per: MapPer) -> str:
    school = result.school
    assert school is not None
    return (school.gemeente if per == "gemeente" else school.scholengemeenschap).strip()


def _english(per: MapPer) -> str:
    return "municipality" if per == "gemeente" else "school community"
