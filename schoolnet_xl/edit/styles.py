"""Merge the cell formats of a donor workbook (XlsxWriter) into a target's styles.xml.

Only appends: every existing font, fill, border, number format, cell format
and differential format keeps its index, so the target's own sheets render
exactly as before. Returns the index maps the transplanted sheet XML needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.read.package import Package, relations, workbook_part

_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
          "cellStyles", "dxfs", "tableStyles", "colors", "extLst")
_ITEM = {
    "numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border",
    "cellXfs": "xf", "dxfs": "dxf",
}


class StyleMergeError(Exception):
    """The target's styles.xml has a shape this merger does not handle."""


@dataclass
class StyleMap:
    """Donor index -> target index for cell formats (s=) and differential formats (dxfId=)."""

    xf: dict[int, int] = field(default_factory=dict)
    dxf: dict[int, int] = field(default_factory=dict)


def _section(xml: str, tag: str) -> re.Match[str] | None:
    return re.search(rf"<{tag}\b[^>]*?(?:/>|>(.*?)</{tag}>)", xml, re.S)


def section_items(xml: str, tag: str) -> list[str]:
    """The items (fonts, fills, xf …) of one section of a styles.xml, as raw XML."""
    match = _section(xml, tag)
    if not match or match.group(1) is None:
        return []
    item = _ITEM[tag]
    return re.findall(rf"<{item}\b(?:[^>]*/>|[^>]*>.*?</{item}>)", match.group(1), re.S)


def _append(xml: str, tag: str, new_items: list[str]) -> str:
    """Append items to a section of the target (its other attributes kept), creating it
    when absent."""
    if not new_items:
        return xml
    total = len(section_items(xml, tag)) + len(new_items)
    match = _section(xml, tag)
    if match and match.group(1) is not None:
        opening = re.match(rf"<{tag}\b[^>]*>", match.group(0)).group(0)  # type: ignore[union-attr]
        if "count=" in opening:
            counted = re.sub(r'\bcount="\d+"', f'count="{total}"', opening)
        else:
            counted = opening.replace(f"<{tag}", f'<{tag} count="{total}"', 1)
        closing = match.end() - len(f"</{tag}>")
        return (xml[: match.start()] + counted + xml[match.start() + len(opening): closing]
                + "".join(new_items) + xml[closing:])
    block = f'<{tag} count="{total}">{"".join(new_items)}</{tag}>'
    if match:  # self-closing, empty section
        return xml[: match.start()] + block + xml[match.end():]
    for follower in _ORDER[_ORDER.index(tag) + 1:]:
        m = re.search(rf"<{follower}\b", xml)
        if m:
            return xml[: m.start()] + block + xml[m.start():]
    return xml.replace("</styleSheet>", block + "</styleSheet>")


def _shift(item: str, attr: str, mapping: dict[int, int] | int) -> str:
    def repl(m: re.Match[str]) -> str:
        old = int(m.group(2))
        new = mapping.get(old, old) if isinstance(mapping, dict) else old + mapping
        return f'{m.group(1)}{new}"'
    return re.sub(rf'(\b{attr}=")(\d+)"', repl, item)


def merge_styles(target: str, donor: str) -> tuple[str, StyleMap]:
    """The target styles.xml with the donor's formats appended, and the index maps."""
    if not target.lstrip().startswith("<?xml") and "<styleSheet" not in target:
        raise StyleMergeError("styles.xml zonder <styleSheet>")
    if re.search(r"<\w+:styleSheet\b", target):
        raise StyleMergeError("styles.xml met een naamruimte-voorvoegsel")
    offsets = {tag: len(section_items(target, tag))
               for tag in ("fonts", "fills", "borders", "cellXfs", "dxfs")}
    formats = _section(target, "numFmts")
    formats_xml = formats.group(0) if formats else ""
    used_ids = [int(i) for i in re.findall(r'numFmtId="(\d+)"', formats_xml)]
    next_id = max([163, *used_ids]) + 1
    fmt_map: dict[int, int] = {}
    new_fmts = []
    for item in section_items(donor, "numFmts"):
        old = int(re.search(r'numFmtId="(\d+)"', item).group(1))  # type: ignore[union-attr]
        fmt_map[old] = next_id
        new_fmts.append(_shift(item, "numFmtId", {old: next_id}))
        next_id += 1
    xfs = []
    for item in section_items(donor, "cellXfs"):
        item = _shift(item, "fontId", offsets["fonts"])
        item = _shift(item, "fillId", offsets["fills"])
        item = _shift(item, "borderId", offsets["borders"])
        item = _shift(item, "numFmtId", fmt_map)
        xfs.append(re.sub(r'\bxfId="\d+"', 'xfId="0"', item))
    dxfs = [_shift(d, "numFmtId", fmt_map) for d in section_items(donor, "dxfs")]
    merged = target
    merged = _append(merged, "numFmts", new_fmts)
    merged = _append(merged, "fonts", section_items(donor, "fonts"))
    merged = _append(merged, "fills", section_items(donor, "fills"))
    merged = _append(merged, "borders", section_items(donor, "borders"))
    merged = _append(merged, "cellXfs", xfs)
    merged = _append(merged, "dxfs", dxfs)
    mapping = StyleMap(
        xf={i: offsets["cellXfs"] + i for i in range(len(xfs))},
        dxf={i: offsets["dxfs"] + i for i in range(len(dxfs))},
    )
    return merged, mapping


def remap_sheet_styles(sheet_xml: str, mapping: StyleMap) -> str:
    """Rewrite s=/style=/dxfId= indexes of a donor sheet to the target's."""
    def cell(m: re.Match[str]) -> str:
        return _shift(m.group(0), "s", mapping.xf)

    sheet_xml = re.sub(r"<(?:c|row)\b[^>]*>", cell, sheet_xml)
    sheet_xml = re.sub(r"<col\b[^>]*>", lambda m: _shift(m.group(0), "style", mapping.xf),
                       sheet_xml)
    return re.sub(r"<cfRule\b[^>]*>", lambda m: _shift(m.group(0), "dxfId", mapping.dxf),
                  sheet_xml)


def styles_kept(original: Path, result: Path) -> list[str]:
    """Dutch descriptions of formats of the original that moved or changed in the result."""
    problems = []
    with Package.open(original) as old, Package.open(result) as new:
        part = next((r.target for r in relations(old, workbook_part(old))
                     if r.kind == "styles"), "xl/styles.xml")
        before, after = _text(old, part), _text(new, part)
    for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"):
        old_items = section_items(before, tag)
        if section_items(after, tag)[: len(old_items)] != old_items:
            problems.append(f"opmaak ({tag}) van het origineel gewijzigd")
    return problems


def _text(package: Package, part: str) -> str:
    """A part's text; a missing part raises KeyError, as zipfile does."""
    data = package.read(part)
    if data is None:
        raise KeyError(f"There is no item named {part!r} in the archive")
    return data.decode()
