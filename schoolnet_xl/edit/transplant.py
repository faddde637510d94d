"""Part-level write: put a donor workbook's sheets into a target package.

The donor (written fresh by XlsxWriter) holds only the sheets a command owns.
Each owned sheet's XML (shared strings made inline, style indexes remapped),
its drawing and chart parts replace the target's old ones; every other part
of the target is copied byte for byte, except the few package parts that list
sheets and formats (workbook.xml, its rels, [Content_Types].xml, styles.xml)
and calcChain.xml, which is dropped so Excel rebuilds it.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from schoolnet_xl.edit.package import (
    NS_MAIN,
    NS_REL,
    Relation,
    list_sheets,
    parse_relations,
    read_relations,
    rels_name,
    workbook_part,
)
from schoolnet_xl.edit.styles import merge_styles, remap_sheet_styles

REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


class TransplantError(Exception):
    """The target package has a shape the part-level writer does not handle."""


@dataclass
class _Package:
    """The target's parts in order, edited in memory."""

    order: list[str]
    parts: dict[str, bytes]
    changed: set[str] = field(default_factory=set)

    def put(self, name: str, data: bytes) -> None:
        if name not in self.parts:
            self.order.append(name)
        self.parts[name] = data
        self.changed.add(name)

    def drop(self, name: str) -> None:
        if name in self.parts:
            del self.parts[name]
            self.order.remove(name)
            self.changed.add(name)

    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def free_name(self, pattern: str) -> str:
        n = 1
        while pattern.format(n) in self.parts:
            n += 1
        return pattern.format(n)


def transplant(target: Path, donor: Path, dest: Path, after: str | None = None) -> set[str]:
    """Write `dest`: `target` with every sheet of `donor` put in (replaced or added).

    New sheets go right after the sheet named `after` (else at the end).
    Returns the names of the target's parts that were changed or removed; all
    others are byte-identical in `dest`.
    """
    with zipfile.ZipFile(target) as zt:
        pkg = _Package(zt.namelist(), {n: zt.read(n) for n in zt.namelist()})
        compress = {i.filename: i.compress_type for i in zt.infolist()}
        sheets = list_sheets(zt)
        wb_part = workbook_part(zt)
    with zipfile.ZipFile(donor) as zd:
        strings = _shared_strings(zd)
        donor_sheets = list_sheets(zd)
        styles_part = next(
            (r.target for r in read_relations(zd, workbook_part(zd)) if r.kind == "styles"), ""
        )
        donor_styles = zd.read(styles_part).decode("utf-8")
        target_styles = _styles_part(pkg, wb_part)
        merged, style_map = merge_styles(pkg.text(target_styles), donor_styles)
        pkg.put(target_styles, merged.encode("utf-8"))
        content_types = pkg.text("[Content_Types].xml")
        wb_rels = rels_name(wb_part)
        existing = {s.name: s for s in sheets}
        insert_after = after
        for dsheet in donor_sheets:
            xml = zd.read(dsheet.part).decode("utf-8")
            xml = remap_sheet_styles(_inline_strings(xml, strings), style_map)
            xml = xml.replace(' tabSelected="1"', "")
            old = existing.get(dsheet.name)
            if old is not None:
                part = old.part
                content_types = _remove_parts(pkg, _owned_parts(pkg, old.relations),
                                              content_types)
            else:
                part = pkg.free_name("xl/worksheets/sheet{}.xml")
                content_types = _add_override(content_types, part, CT_SHEET)
                _add_sheet_entry(pkg, wb_part, wb_rels, dsheet.name, part, insert_after)
            insert_after = dsheet.name
            pkg.drop(rels_name(part))
            rels, content_types = _copy_relations(zd, pkg, dsheet.part, part, content_types)
            if rels:
                pkg.put(rels_name(part), _rels_xml(rels))
            pkg.put(part, xml.encode("utf-8"))
    content_types = _drop_calc_chain(pkg, wb_part, wb_rels, content_types)
    pkg.put("[Content_Types].xml", content_types.encode("utf-8"))
    with zipfile.ZipFile(dest, "w") as out:
        for name in pkg.order:
            out.writestr(name, pkg.parts[name], compress.get(name, zipfile.ZIP_DEFLATED))
    return pkg.changed


def _styles_part(pkg: _Package, wb_part: str) -> str:
    with_rels = {r.kind: r.target for r in _relations_in(pkg, wb_part)}
    if "styles" not in with_rels:
        raise TransplantError("het werkboek heeft geen opmaakdeel (styles.xml)")
    return with_rels["styles"]


def _relations_in(pkg: _Package, part: str) -> list[Relation]:
    name = rels_name(part)
    return parse_relations(part, pkg.parts[name]) if name in pkg.parts else []


def _shared_strings(zd: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in zd.namelist():
        return []
    root = ET.fromstring(zd.read("xl/sharedStrings.xml"))
    return ["".join(si.itertext()) for si in root.findall(f"{{{NS_MAIN}}}si")]


def _inline_strings(xml: str, strings: list[str]) -> str:
    """Turn shared-string cells into inline strings (the target has its own table)."""
    def repl(m: re.Match[str]) -> str:
        attrs = m.group(1).replace(' t="s"', ' t="inlineStr"')
        text = html.escape(strings[int(m.group(2))], quote=False)
        return f'<c{attrs}><is><t xml:space="preserve">{text}</t></is></c>'

    return re.sub(r'<c(\b[^>]*? t="s"[^>]*)><v>(\d+)</v></c>', repl, xml)


def _owned_parts(pkg: _Package, relations: list[Relation]) -> set[str]:
    """Internal parts reachable from a replaced sheet's relationships (drawings, charts…)."""
    found: set[str] = set()
    todo = [r.target for r in relations if not r.external]
    while todo:
        part = todo.pop()
        if part in found or part not in pkg.parts:
            continue
        found.add(part)
        todo.extend(r.target for r in _relations_in(pkg, part) if not r.external)
    return found


def _remove_parts(pkg: _Package, parts: set[str], content_types: str) -> str:
    for part in parts:
        pkg.drop(part)
        pkg.drop(rels_name(part))
        content_types = re.sub(rf'<Override PartName="/{re.escape(part)}"[^>]*/>', "",
                               content_types)
    return content_types


def _add_override(content_types: str, part: str, content_type: str) -> str:
    entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    return _append_child(content_types, "Types", entry, "[Content_Types].xml")


def _append_child(xml: str, root: str, entry: str, part: str) -> str:
    """Put `entry` last inside the unprefixed root element `root` (else refuse the package)."""
    if f"</{root}>" not in xml:
        raise TransplantError(f"{part} heeft een vorm die niet ondersteund wordt")
    return xml.replace(f"</{root}>", entry + f"</{root}>")


def _copy_relations(
    zd: zipfile.ZipFile, pkg: _Package, donor_part: str, part: str, content_types: str
) -> tuple[list[tuple[str, str, str, bool]], str]:
    """Copy the donor sheet's drawing (and its charts) under free names; return its rels."""
    rels = []
    for rel in read_relations(zd, donor_part):
        if rel.external:
            rels.append((rel.rid, rel.kind, rel.target, True))
            continue
        if rel.kind != "drawing":
            raise TransplantError(f"onverwacht onderdeel {rel.kind} in het nieuwe blad")
        drawing = pkg.free_name("xl/drawings/drawing{}.xml")
        chart_rels = []
        for crel in read_relations(zd, rel.target):
            if crel.kind != "chart":
                raise TransplantError(f"onverwacht onderdeel {crel.kind} in de tekening")
            chart = pkg.free_name("xl/charts/chart{}.xml")
            pkg.put(chart, zd.read(crel.target))
            content_types = _add_override(content_types, chart, CT_CHART)
            chart_rels.append((crel.rid, "chart", _relative(drawing, chart), False))
        pkg.put(drawing, zd.read(rel.target))
        content_types = _add_override(content_types, drawing, CT_DRAWING)
        if chart_rels:
            pkg.put(rels_name(drawing), _rels_xml(chart_rels))
        rels.append((rel.rid, "drawing", _relative(part, drawing), False))
    return rels, content_types


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source))


def _rels_xml(rels: list[tuple[str, str, str, bool]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{REL_BASE}/{kind}" Target="{html.escape(target)}"'
        + (' TargetMode="External"' if external else "") + "/>"
        for rid, kind, target, external in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    ).encode()


def _add_sheet_entry(
    pkg: _Package, wb_part: str, wb_rels: str, name: str, part: str, after: str | None
) -> None:
    """Add a <sheet> to workbook.xml (after `after`) and its relationship."""
    rels_xml = pkg.text(wb_rels)
    used = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels_xml)}
    rid = f"rId{max(used, default=0) + 1}"
    target = _relative(wb_part, part)
    entry = f'<Relationship Id="{rid}" Type="{REL_BASE}/worksheet" Target="{target}"/>'
    pkg.put(wb_rels, _append_child(rels_xml, "Relationships", entry, wb_rels).encode())

    xml = pkg.text(wb_part)
    unsupported = TransplantError("workbook.xml heeft een vorm die niet ondersteund wordt")
    if re.search(r"<\w+:sheets\b", xml):
        raise unsupported
    entries = list(re.finditer(r"<sheet\b[^>]*/>", xml))
    if not entries:
        raise unsupported
    sheet_id = max(int(re.search(r'sheetId="(\d+)"', m.group(0)).group(1))  # type: ignore[union-attr]
                   for m in entries) + 1
    names = [html.unescape(re.search(r'name="([^"]*)"', m.group(0)).group(1))  # type: ignore[union-attr]
             for m in entries]
    position = names.index(after) + 1 if after in names else len(entries)
    # The relationships namespace is declared on the new element itself: where (and
    # under which prefix) the workbook declares it is up to whoever wrote it. Excel
    # and XlsxWriter put xmlns:r on <workbook>; openpyxl with lxml puts it on each
    # <sheet>, where it is out of scope for a sibling added here.
    new = (f'<sheet name="{html.escape(name)}" sheetId="{sheet_id}" xmlns:r="{REL_BASE}" '
           f'r:id="{rid}"/>')
    anchor = entries[position - 1].end()
    xml = xml[:anchor] + new + xml[anchor:]
    # Sheet-local names and the active tab refer to sheets by position.
    def shift(m: re.Match[str]) -> str:
        index = int(m.group(2))
        return f'{m.group(1)}{index + 1 if index >= position else index}"'

    xml = re.sub(r'(\blocalSheetId=")(\d+)"', shift, xml)
    xml = re.sub(r'(\b(?:activeTab|firstSheet)=")(\d+)"', shift, xml)
    # What a namespace-aware parser sees must be exactly the sheets before plus the new one.
    names.insert(position, name)
    seen = _sheet_entries(xml)
    if seen is None or [n for n, _ in seen] != names or seen[position][1] != rid:
        raise unsupported
    pkg.put(wb_part, xml.encode("utf-8"))


def _sheet_entries(workbook_xml: str) -> list[tuple[str, str | None]] | None:
    """(name, relationship id) of every sheet in workbook.xml as a namespace-aware parser
    reads it; None when it is not well-formed (e.g. a prefix used outside its scope)."""
    try:
        root = ET.fromstring(workbook_xml.encode("utf-8"))
    except ET.ParseError:
        return None
    return [(node.get("name", ""), node.get(f"{{{NS_REL}}}id"))
            for node in root.iterfind(f"{{{NS_MAIN}}}sheets/{{{NS_MAIN}}}sheet")]


def _drop_calc_chain(pkg: _Package, wb_part: str, wb_rels: str, content_types: str) -> str:
    chain = next((r for r in _relations_in(pkg, wb_part) if r.kind == "calcChain"), None)
    if chain is None:
        return content_types
    pkg.drop(chain.target)
    rels_xml = re.sub(rf'<Relationship\b[^>]*Id="{chain.rid}"[^>]*/>', "", pkg.text(wb_rels))
    pkg.put(wb_rels, rels_xml.encode("utf-8"))
    return re.sub(rf'<Override PartName="/{re.escape(chain.target)}"[^>]*/>', "", content_types)
