"""Part-level write: put a donor workbook's sheets into a target package.

The donor (written fresh by XlsxWriter) holds only the sheets a command owns.
Each owned sheet's XML (shared strings made inline, style indexes remapped),
its drawing and chart parts replace the target's old ones; every other part
of the target is copied byte for byte, except the few package parts that list
sheets and formats (workbook.xml, its rels, [Content_Types].xml, styles.xml)
and calcChain.xml, which is dropped so Excel rebuilds it. The package layout
(relationships, sheets, content types) is `read.package`'s.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# ElementTree only for what the package's regular expressions cannot answer: whether
# workbook.xml reads for a namespace-aware XML parser (as Excel reads it) the way the
# package reader read it, before the edit, and as intended after it (prefixes in scope,
# namespaces right); and the text of the rich shared strings of the donor we wrote.
# What it parses has passed `read.package`, which refuses a DTD, so there is no entity
# for it to expand.
from xml.etree import ElementTree as ET

from schoolnet_xl.edit.styles import merge_styles, remap_sheet_styles
from schoolnet_xl.read.package import (
    CONTENT_TYPES,
    NS_MAIN,
    NS_REL,
    Package,
    PackageError,
    Relation,
    SheetPart,
    add_override,
    add_relationship,
    list_sheets,
    relations,
    relationships_xml,
    rels_name,
    remove_override,
    remove_relationship,
    workbook_part,
    xml_part,
)

CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_IMAGES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}


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

    def read(self, part: str) -> bytes | None:
        """A part's current bytes (a `PartSource` for `read.package`)."""
        return self.parts.get(part)

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
    others are byte-identical in `dest`. Raises TransplantError for a package
    shape it does not handle.
    """
    try:
        return _transplant(target, donor, dest, after)
    except PackageError as exc:
        raise TransplantError(str(exc)) from exc


def _transplant(target: Path, donor: Path, dest: Path, after: str | None) -> set[str]:
    with Package.open(target) as zt:
        order = zt.archive.namelist()
        pkg = _Package(order, {n: zt.read(n) or b"" for n in order})
        compress = {name: info.compress_type for name, info in zt.infos.items()}
    wb_part = workbook_part(pkg)
    sheets = list_sheets(pkg, wb_part)
    _refuse_unread_sheets(pkg, wb_part, sheets)
    with Package.open(donor) as zd:
        strings = _shared_strings(zd)
        donor_sheets = list_sheets(zd)
        styles_part = next(
            (r.target for r in relations(zd, workbook_part(zd)) if r.kind == "styles"), ""
        )
        donor_styles = _read(zd, styles_part).decode("utf-8")
        target_styles = _styles_part(pkg, wb_part)
        merged, style_map = merge_styles(pkg.text(target_styles), donor_styles)
        pkg.put(target_styles, merged.encode("utf-8"))
        content_types = pkg.text(CONTENT_TYPES)
        wb_rels = rels_name(wb_part)
        existing = {s.name: s for s in sheets}
        insert_after = after
        for dsheet in donor_sheets:
            xml = _read(zd, dsheet.part).decode("utf-8")
            xml = remap_sheet_styles(_inline_strings(xml, strings), style_map)
            xml = xml.replace(' tabSelected="1"', "")
            old = existing.get(dsheet.name)
            if old is not None:
                part = old.part
                content_types = _remove_parts(pkg, _owned_parts(pkg, old.part, old.relations),
                                              content_types)
            else:
                part = pkg.free_name("xl/worksheets/sheet{}.xml")
                content_types = add_override(content_types, part, CT_SHEET)
                _add_sheet_entry(pkg, wb_part, wb_rels, dsheet.name, part, insert_after)
            insert_after = dsheet.name
            pkg.drop(rels_name(part))
            rels, content_types = _copy_relations(zd, pkg, dsheet.part, part, content_types)
            if rels:
                pkg.put(rels_name(part), relationships_xml(part, rels))
            pkg.put(part, xml.encode("utf-8"))
    content_types = _drop_calc_chain(pkg, wb_part, wb_rels, content_types)
    pkg.put(CONTENT_TYPES, content_types.encode("utf-8"))
    with zipfile.ZipFile(dest, "w") as out:
        for name in pkg.order:
            out.writestr(name, pkg.parts[name], compress.get(name, zipfile.ZIP_DEFLATED))
    return pkg.changed


def _read(package: Package, part: str) -> bytes:
    """A part of the donor; a missing one raises KeyError, as zipfile does."""
    data = package.read(part)
    if data is None:
        raise KeyError(f"There is no item named {part!r} in the archive")
    return data


def _refuse_unread_sheets(pkg: _Package, wb_part: str, sheets: list[SheetPart]) -> None:
    """Refuse a workbook.xml whose sheets a namespace-aware parser reads differently
    (e.g. a Strict OOXML workbook, whose sheets are not in the transitional namespace)."""
    seen = _sheet_entries(pkg.text(wb_part))
    if seen is None or [(s.name, s.rid) for s in sheets] != [(n, r or "") for n, r in seen]:
        raise TransplantError("workbook.xml heeft een vorm die niet ondersteund wordt")


def _styles_part(pkg: _Package, wb_part: str) -> str:
    with_rels = {r.kind: r.target for r in relations(pkg, wb_part)}
    if "styles" not in with_rels:
        raise TransplantError("het werkboek heeft geen opmaakdeel (styles.xml)")
    return with_rels["styles"]


def _shared_strings(zd: Package) -> list[str]:
    data = zd.read("xl/sharedStrings.xml")
    if data is None:
        return []
    root = ET.fromstring(xml_part(data, "xl/sharedStrings.xml"))
    return ["".join(si.itertext()) for si in root.findall(f"{{{NS_MAIN}}}si")]


def _inline_strings(xml: str, strings: list[str]) -> str:
    """Turn shared-string cells into inline strings (the target has its own table)."""
    def repl(m: re.Match[str]) -> str:
        attrs = m.group(1).replace(' t="s"', ' t="inlineStr"')
        text = html.escape(strings[int(m.group(2))], quote=False)
        return f'<c{attrs}><is><t xml:space="preserve">{text}</t></is></c>'

    return re.sub(r'<c(\b[^>]*? t="s"[^>]*)><v>(\d+)</v></c>', repl, xml)


def _owned_parts(pkg: _Package, sheet: str, rels: list[Relation]) -> set[str]:
    """Internal parts reachable from a replaced sheet's relationships (drawings, charts,
    images…), except those another part still refers to (an image also used elsewhere)."""
    found: set[str] = set()
    todo = [r.target for r in rels if not r.external]
    while todo:
        part = todo.pop()
        if part in found or part not in pkg.parts:
            continue
        found.add(part)
        todo.extend(r.target for r in relations(pkg, part) if not r.external)
    owners = {rels_name(part) for part in (sheet, *found)}
    elsewhere = {r.target for name in pkg.order
                 if name.endswith(".rels") and name not in owners and name != "_rels/.rels"
                 for r in relations(pkg, _source_of(name)) if not r.external}
    return found - elsewhere


def _source_of(rels_part: str) -> str:
    """The part a relationships part belongs to: xl/_rels/workbook.xml.rels -> xl/workbook.xml."""
    folder, name = rels_part.rsplit("/", 1) if "/" in rels_part else ("", rels_part)
    parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
    return f"{parent}/{name[:-5]}" if parent else name[:-5]


def _remove_parts(pkg: _Package, parts: set[str], content_types: str) -> str:
    for part in parts:
        pkg.drop(part)
        pkg.drop(rels_name(part))
        content_types = remove_override(content_types, part)
    return content_types


def _copy_relations(
    zd: Package, pkg: _Package, donor_part: str, part: str, content_types: str
) -> tuple[list[Relation], str]:
    """Copy the donor sheet's drawing (and its charts) under free names; return its rels."""
    rels = []
    for rel in relations(zd, donor_part):
        if rel.external:
            rels.append(rel)
            continue
        if rel.kind != "drawing":
            raise TransplantError(f"onverwacht onderdeel {rel.kind} in het nieuwe blad")
        drawing = pkg.free_name("xl/drawings/drawing{}.xml")
        chart_rels = []
        for crel in relations(zd, rel.target):
            extension = crel.target.rsplit(".", 1)[-1].lower()
            if crel.kind == "image" and extension in CT_IMAGES:
                image = pkg.free_name("xl/media/image{}." + extension)
                pkg.put(image, _read(zd, crel.target))
                content_types = add_override(content_types, image, CT_IMAGES[extension])
                chart_rels.append(Relation(crel.rid, "image", image))
                continue
            if crel.kind != "chart":
                raise TransplantError(f"onverwacht onderdeel {crel.kind} in de tekening")
            chart = pkg.free_name("xl/charts/chart{}.xml")
            pkg.put(chart, _read(zd, crel.target))
            content_types = add_override(content_types, chart, CT_CHART)
            chart_rels.append(Relation(crel.rid, "chart", chart))
        pkg.put(drawing, _read(zd, rel.target))
        content_types = add_override(content_types, drawing, CT_DRAWING)
        if chart_rels:
            pkg.put(rels_name(drawing), relationships_xml(drawing, chart_rels))
        rels.append(Relation(rel.rid, "drawing", drawing))
    return rels, content_types


def _add_sheet_entry(
    pkg: _Package, wb_part: str, wb_rels: str, name: str, part: str, after: str | None
) -> None:
    """Add a <sheet> to workbook.xml (after `after`) and its relationship."""
    rels_xml, rid = add_relationship(pkg.text(wb_rels), wb_part, "worksheet", part)
    pkg.put(wb_rels, rels_xml.encode("utf-8"))

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
    new = (f'<sheet name="{html.escape(name)}" sheetId="{sheet_id}" xmlns:r="{NS_REL}" '
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
    chain = next((r for r in relations(pkg, wb_part) if r.kind == "calcChain"), None)
    if chain is None:
        return content_types
    pkg.drop(chain.target)
    pkg.put(wb_rels, remove_relationship(pkg.text(wb_rels), chain.rid).encode("utf-8"))
    return remove_override(content_types, chain.target)
