"""Preflight: which parts of a workbook a rewrite would drop or alter.

A zip-level scan (no spreadsheet library): text boxes and shapes, sparklines,
x14 dropdown and conditional-format extensions, form controls, comments,
images, charts, protected ranges, VBA, slicers, pivot tables, external links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.read.package import Package, SheetPart, list_sheets, relations

# kind -> (Dutch noun phrase, English noun phrase)
KINDS: dict[str, tuple[str, str]] = {
    "textbox": ("een tekstvak", "a text box"),
    "shape": ("een vorm", "a shape"),
    "image": ("een afbeelding", "an image"),
    "chart": ("een grafiek", "a chart"),
    "sparkline": ("sparklines", "sparklines"),
    "x14_validation": ("keuzelijsten die naar een ander blad verwijzen",
                       "dropdowns pointing at another sheet"),
    "x14_conditional": ("uitgebreide voorwaardelijke opmaak (bv. gegevensbalken)",
                        "extended conditional formats (e.g. data bars)"),
    "form_control": ("een formulierknop of -besturingselement", "a form control"),
    "comment": ("een opmerking", "a comment"),
    "threaded_comment": ("een opmerking met antwoorden (threaded comment)",
                         "a threaded comment"),
    "protected_range": ("beveiligde bereiken", "protected ranges"),
    "pivot": ("een draaitabel", "a pivot table"),
    "slicer": ("een slicer", "a slicer"),
    "vba": ("macro's (VBA)", "macros (VBA)"),
    "external_link": ("koppelingen naar andere werkmappen", "links to other workbooks"),
    "connection": ("gegevensverbindingen", "data connections"),
    "ignored_errors": ("onderdrukte foutmarkeringen (groene driehoekjes)",
                       "suppressed error markers (green triangles)"),
    "extra_sheet": ("een eigen blad", "a sheet of your own"),
}

_SP = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>]")
_TEXTBOX = re.compile(rb"txBox=\"1\"|<(?:\w+:)?txBody[\s>]")
_PIC = re.compile(rb"<(?:\w+:)?pic[\s>]")
_SHEET_PATTERNS: dict[str, re.Pattern[bytes]] = {
    "sparkline": re.compile(rb"sparklineGroup[\s>]"),
    # Excel 2010 extensions, by their extension URI (any namespace prefix) or element
    "x14_validation": re.compile(
        rb"\{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF\}|<x14:dataValidations?[\s>]", re.I),
    "x14_conditional": re.compile(
        rb"\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}|<x14:conditionalFormattings?[\s>]", re.I),
    "protected_range": re.compile(rb"<(?:\w+:)?protectedRanges?[\s>]"),
    "form_control": re.compile(rb"<(?:\w+:)?controls[\s>]"),
    "ignored_errors": re.compile(rb"<(?:\w+:)?ignoredErrors[\s>]"),
}
_VML_CONTROL = re.compile(rb'ObjectType="(?!Note")')
_REL_KINDS = {
    "comments": "comment",
    "threadedComment": "threaded_comment",
    "ctrlProp": "form_control",
    "pivotTable": "pivot",
    "slicer": "slicer",
    "image": "image",
}
_PACKAGE_PREFIXES = {
    "xl/vbaProject.bin": "vba",
    "xl/externalLinks/": "external_link",
    "xl/slicerCaches/": "slicer",
    "xl/pivotCache/": "pivot",
    "xl/connections.xml": "connection",
}


@dataclass(frozen=True, order=True)
class Risk:
    """One thing a rewrite would lose: its kind and the sheet it sits on ("" = workbook)."""

    kind: str
    sheet: str = ""

    def describe(self, lang: Lang = "nl") -> str:
        """`een tekstvak op blad 'Notities'`."""
        nl, en = KINDS[self.kind]
        if self.kind == "extra_sheet":
            return say(f"het eigen blad '{self.sheet}'", f"your own sheet '{self.sheet}'", lang)
        if not self.sheet:
            return say(nl, en, lang)
        return say(f"{nl} op blad '{self.sheet}'", f"{en} on sheet '{self.sheet}'", lang)


def scan(path: Path) -> list[Risk]:
    """Every risky part of the workbook at `path`, sorted, without duplicates.

    Raises PackageError for a package part with a DTD (see `read.package`).
    """
    with Package.open(path) as package:
        found: set[Risk] = set()
        for sheet in list_sheets(package):
            found.update(_sheet_risks(package, sheet))
        for name in package.infos:
            for prefix, kind in _PACKAGE_PREFIXES.items():
                if name.startswith(prefix):
                    found.add(Risk(kind))
    return sorted(found)


def _sheet_risks(package: Package, sheet: SheetPart) -> Iterable[Risk]:
    data = package.read(sheet.part) if sheet.part else None
    if data is None:
        return
    for kind, pattern in _SHEET_PATTERNS.items():
        if pattern.search(data):
            yield Risk(kind, sheet.name)
    for rel in sheet.relations:
        if rel.kind in _REL_KINDS:
            yield Risk(_REL_KINDS[rel.kind], sheet.name)
        elif rel.kind == "vmlDrawing" and not rel.external:
            if _VML_CONTROL.search(package.read(rel.target) or b""):
                yield Risk("form_control", sheet.name)
        elif rel.kind == "drawing" and not rel.external:
            yield from (Risk(k, sheet.name) for k in _drawing_kinds(package, rel.target))


def _drawing_kinds(package: Package, part: str) -> set[str]:
    data = package.read(part)
    if data is None:
        return set()
    kinds = set()
    if _SP.search(data):
        kinds.add("textbox" if _TEXTBOX.search(data) else "shape")
    if _PIC.search(data):
        kinds.add("image")
    if any(r.kind == "chart" for r in relations(package, part)):
        kinds.add("chart")
    return kinds


def at_risk(risks: Iterable[Risk], sheets: set[str] | None) -> list[Risk]:
    """The risks on the given sheets (None = on every sheet and workbook-wide)."""
    return [r for r in risks if sheets is None or r.sheet in sheets]


def loss_message(path: Path, risks: list[Risk], lang: Lang = "nl") -> str:
    """The Dutch refusal: what would be lost, and the ways out."""
    parts = [r.describe(lang) for r in risks]
    joined = parts[-1]
    if len(parts) > 1:
        joined = ", ".join(parts[:-1]) + say(" en ", " and ", lang) + parts[-1]
    return say(
        f"{path}: dit bestand bevat {joined}; die zouden verloren gaan. Er is niets "
        "gewijzigd. Schrijf naar een nieuw bestand met -o NIEUW.xlsx, gebruik de "
        "Valideer-knop in Excel, of gebruik --force als je dit verlies aanvaardt.",
        f"{path}: this file contains {joined}; they would be lost. Nothing was changed. "
        "Write a new file with -o NEW.xlsx, use the Valideer button in Excel, or use "
        "--force if you accept the loss.",
        lang,
    )
