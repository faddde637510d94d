"""A workbook file -> `WorkbookData`: cell values by calamine, the rest from the zip.

calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods values (dates as date objects,
numbers as floats, empty cells as ""); defined names, tables, hidden columns,
dropdown presence and merged cells come from the package XML of .xlsx/.xlsm
(see `ooxml`), merged cells of an .ods from its content.xml (see `ods`), those of
an .xls/.xlsb from calamine.

For speed, a template card loads only the sheets the card lives on (the
sheets of its defined names and Partners table, and `_schoolnet`) and scans
only those for dropdowns; a hand-made workbook loads every worksheet and
scans each for hidden columns. calamine gets a template card's package with
the parts it reads whole stored uncompressed (`Package.stored_copy`): the
sheet part is inflated once, here, instead of three times (the scan, calamine's
values, calamine's merged cells).
"""

from __future__ import annotations

import io
from pathlib import Path

from schoolnet_xl.core import contract
from schoolnet_xl.read.ods import Span, merged_ranges
from schoolnet_xl.read.ooxml import PackageExtras, SheetScan, read_extras, scan_sheet
from schoolnet_xl.read.package import Package
from schoolnet_xl.read.workbook_data import SheetData, WorkbookData

OOXML_FORMATS = ("xlsx", "xlsm")
CALAMINE_MERGED = ("xls", "xlsb")  # formats whose merged cells calamine reports


def workbook_data_from_file(
    path: str | Path, fmt: str, package: Package | None = None
) -> WorkbookData:
    """The card-relevant worksheets (A1-anchored values), names and tables.

    With the probe's open `package` (zip formats) the file is not read again.
    Raises on a parse error (the caller turns it into a refusal).
    """
    # here, not at the top: python-calamine is not in Pyodide (the add-in's Python); a
    # plain `import` of the loaded module is ~5 k instructions cheaper than `from … import`
    import python_calamine as calamine

    extras = PackageExtras()
    scans: dict[str, SheetScan] = {}
    card_sheets: set[str] = set()
    copy: bytes | None = None
    if fmt in OOXML_FORMATS:
        opened = package or Package.open(path)
        try:
            extras = read_extras(opened)
            card_sheets = _card_sheets(extras)
            scans = {name: scan_sheet(opened, part) for name, part in extras.sheet_parts.items()
                     if name in (card_sheets or extras.sheet_parts)
                     and name != contract.SHEET_META}
            if card_sheets and package is not None:
                copy = package.stored_copy((*extras.book_parts, *(
                    extras.sheet_parts[name] for name in sorted(card_sheets))))
        finally:
            if package is None:
                opened.close()
    source = io.BytesIO(copy) if copy is not None else (
        package.bytes_io() if package is not None else None)
    if source is not None:
        workbook = calamine.CalamineWorkbook.from_filelike(source)
    else:
        with open(path, "rb") as handle:
            workbook = calamine.CalamineWorkbook.from_filelike(handle)
    worksheets = [m for m in workbook.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
    wanted = card_sheets or {m.name for m in worksheets}
    ods_merged = merged_ranges(package) if fmt == "ods" and package is not None else {}
    data = WorkbookData(path=str(path), sheets=[], names=extras.names,
                        tables={t.name: t for t in extras.tables})
    for meta in worksheets:
        if meta.name not in wanted:
            continue
        scan = scans.get(meta.name)
        sheet = workbook.get_sheet_by_name(meta.name)
        merged: tuple[Span, ...] = ()
        if scan is not None:
            merged = scan.merged
        elif fmt in CALAMINE_MERGED:
            merged = tuple((r1, c1, r2, c2)
                           for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or () if r2 > r1)
        else:
            merged = ods_merged.get(meta.name, ())
        data.sheets.append(SheetData(
            name=meta.name,
            rows=sheet.to_python(skip_empty_area=False),
            hidden_columns=scan.hidden_columns if scan else frozenset(),
            hidden=meta.visible != calamine.SheetVisibleEnum.Visible,
            has_validations=scan.has_validations if scan else None,
            merged=merged,
        ))
    return data


def _card_sheets(extras: PackageExtras) -> set[str]:
    """The sheets a template card lives on; empty for a workbook that is not ours."""
    is_ours = contract.SHEET_META in extras.sheet_parts or any(
        t.name == contract.TABLE_PARTNERS for t in extras.tables)
    if not is_ours:
        return set()
    sheets = {contract.SHEET_META, contract.SHEET_CARD}
    sheets.update(sheet for sheet, _ in extras.names.values())
    sheets.update(t.sheet for t in extras.tables if t.name == contract.TABLE_PARTNERS)
    return sheets & extras.sheet_parts.keys()

