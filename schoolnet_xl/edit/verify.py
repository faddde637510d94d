"""Verification: compare a workbook before and after a write, before replacing anything.

Two checks: every package part the writer did not declare as changed is byte
for byte the same, and (through openpyxl, read only) every sheet the command
does not own has the same cells, formulas, merged cells, dropdowns,
conditional formats, tables, column widths, and the workbook the same defined
names and sheet order.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.read.package import Package


@dataclass
class SheetSnapshot:
    """What must not change on a sheet the command does not own."""

    name: str
    state: str
    cells: dict[str, Any] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    validations: list[tuple[str, ...]] = field(default_factory=list)
    conditional: list[tuple[str, ...]] = field(default_factory=list)
    tables: list[tuple[str, ...]] = field(default_factory=list)
    widths: dict[str, float | None] = field(default_factory=dict)
    layout: tuple[str, ...] = ()  # print titles and area, frozen panes, protection


@dataclass
class WorkbookSnapshot:
    """Sheet order, defined names and the snapshots of the compared sheets."""

    order: list[str]
    names: dict[str, str]
    sheets: dict[str, SheetSnapshot]


def snapshot(path: Path, skip: Collection[str] = ()) -> WorkbookSnapshot:
    """Load `path` with openpyxl (never saved) and record every sheet not in `skip`."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, rich_text=False)
    names = {f"{n}": str(d.value) for n, d in wb.defined_names.items()}
    sheets = {}
    for ws in wb.worksheets:
        for n, d in ws.defined_names.items():
            names[f"{ws.title}!{n}"] = str(d.value)
        if ws.title not in skip:
            sheets[ws.title] = _sheet_snapshot(ws)
    return WorkbookSnapshot([ws.title for ws in wb.worksheets], names, sheets)


def _sheet_snapshot(ws: Any) -> SheetSnapshot:
    snap = SheetSnapshot(ws.title, ws.sheet_state)
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                value = cell.value
                snap.cells[cell.coordinate] = getattr(value, "text", value)
    snap.merged = sorted(str(r) for r in ws.merged_cells.ranges)
    snap.validations = sorted(
        (str(dv.sqref), str(dv.type), str(dv.formula1), str(dv.formula2))
        for dv in ws.data_validations.dataValidation
    )
    snap.conditional = sorted(
        (str(rng.sqref), str(rule.type), str(rule.operator), "|".join(rule.formula or []))
        for rng in ws.conditional_formatting
        for rule in rng.rules
    )
    snap.tables = sorted(
        (t.name, t.ref, "|".join(c.name for c in t.tableColumns)) for t in ws.tables.values()
    )
    snap.widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
    snap.layout = tuple(str(v) for v in (ws.print_title_rows, ws.print_title_cols,
                                         ws.print_area, ws.freeze_panes, ws.protection.sheet))
    return snap


def differences(
    before: WorkbookSnapshot, after: WorkbookSnapshot, owned: set[str], lang: Lang = "nl"
) -> list[str]:
    """Every difference outside the owned sheets, as Dutch sentences ([] = identical)."""
    out: list[str] = []
    kept_before = [s for s in before.order if s not in owned]
    kept_after = [s for s in after.order if s not in owned]
    if kept_before != kept_after:
        out.append(say(f"bladvolgorde {kept_before} werd {kept_after}",
                       f"sheet order {kept_before} became {kept_after}", lang))
    if before.names != after.names:
        changed = sorted(set(before.names.items()) ^ set(after.names.items()))
        out.append(say(f"benoemde bereiken gewijzigd: {changed[:5]}",
                       f"defined names changed: {changed[:5]}", lang))
    for name, old in before.sheets.items():
        new = after.sheets.get(name)
        if new is None:
            out.append(say(f"blad '{name}' verdwenen", f"sheet '{name}' disappeared", lang))
            continue
        out.extend(_sheet_differences(old, new, lang))
    return out


def _sheet_differences(old: SheetSnapshot, new: SheetSnapshot, lang: Lang) -> list[str]:
    out = []
    for cell in sorted(set(old.cells) | set(new.cells)):
        was, now = old.cells.get(cell), new.cells.get(cell)
        if was != now:
            out.append(say(
                f"blad '{old.name}' cel {cell}: {was!r} werd {now!r}",
                f"sheet '{old.name}' cell {cell}: {was!r} became {now!r}",
                lang,
            ))
            if len(out) >= 10:
                return out
    for label_nl, label_en, attr in (
        ("samengevoegde cellen", "merged cells", "merged"),
        ("keuzelijsten", "data validations", "validations"),
        ("voorwaardelijke opmaak", "conditional formats", "conditional"),
        ("tabellen", "tables", "tables"),
        ("kolombreedtes", "column widths", "widths"),
        ("afdrukinstellingen, vaste rijen of beveiliging", "print setup, frozen panes or "
         "protection", "layout"),
        ("zichtbaarheid", "visibility", "state"),
    ):
        if getattr(old, attr) != getattr(new, attr):
            out.append(say(f"blad '{old.name}': {label_nl} gewijzigd",
                           f"sheet '{old.name}': {label_en} changed", lang))
    return out


def changed_parts(original: Path, result: Path, allowed: set[str], lang: Lang = "nl") -> list[str]:
    """Package parts of the original that are missing or different in the result.

    `allowed` names the parts the writer declared it changes or removes.
    """
    out = []
    with Package.open(original) as old, Package.open(result) as new:
        for name in old.infos:
            if name in allowed:
                continue
            if name not in new.infos:
                out.append(say(f"onderdeel {name} verdwenen", f"part {name} disappeared", lang))
            elif old.read(name) != new.read(name):
                out.append(say(f"onderdeel {name} gewijzigd", f"part {name} changed", lang))
    return out
