"""Merging new cell formats into a card's styles.xml only appends: old indexes keep meaning."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from schoolnet_xl.edit.styles import merge_styles, remap_sheet_styles, section_items

EXCEL_LIKE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>'
)


def donor_styles(tmp_path: Path) -> str:
    import xlsxwriter

    path = tmp_path / "donor.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Overzicht")
    red = wb.add_format({"bold": True, "bg_color": "#FFC7CE", "num_format": "0.0%"})
    ws.write("A1", 0.5, red)
    ws.conditional_format("A1:A3", {"type": "cell", "criteria": "==", "value": 0, "format": red})
    wb.close()
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/styles.xml").decode()


def test_existing_formats_keep_their_index_and_attributes(tmp_path: Path) -> None:
    merged, mapping = merge_styles(EXCEL_LIKE, donor_styles(tmp_path))
    for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs"):
        old = section_items(EXCEL_LIKE, tag)
        assert section_items(merged, tag)[: len(old)] == old
        count = re.search(rf'<{tag} count="(\d+)"', merged)
        assert count and int(count.group(1)) == len(section_items(merged, tag))
    assert 'x14ac:knownFonts="1"' in merged
    assert min(mapping.xf.values()) == len(section_items(EXCEL_LIKE, "cellXfs"))
    assert mapping.dxf == {0: 0}  # the empty <dxfs/> became a real section


def test_the_new_bold_red_percentage_format_points_at_its_own_parts(tmp_path: Path) -> None:
    merged, mapping = merge_styles(EXCEL_LIKE, donor_styles(tmp_path))
    xfs = section_items(merged, "cellXfs")
    red = next(xfs[i] for i in mapping.xf.values() if 'applyFill="1"' in xfs[i])
    font = section_items(merged, "fonts")[int(re.search(r'fontId="(\d+)"', red).group(1))]
    fill = section_items(merged, "fills")[int(re.search(r'fillId="(\d+)"', red).group(1))]
    fmt_id = re.search(r'numFmtId="(\d+)"', red).group(1)
    assert "<b/>" in font and "FFC7CE" in fill
    assert fmt_id != "164"  # the card's own date format keeps 164
    assert f'numFmtId="{fmt_id}" formatCode="0.0%"' in merged


def test_sheet_indexes_are_remapped() -> None:
    from schoolnet_xl.edit.styles import StyleMap

    sheet = ('<row r="1" spans="1:2" s="1" customFormat="1"><c r="A1" s="1" t="s"><v>0</v></c>'
             '</row><cols><col min="1" max="1" width="9" style="2"/></cols>'
             '<cfRule type="cellIs" dxfId="0" priority="1"/>')
    out = remap_sheet_styles(sheet, StyleMap(xf={1: 7, 2: 8}, dxf={0: 3}))
    assert 'spans="1:2" s="7"' in out and '<c r="A1" s="7" t="s">' in out
    assert 'style="8"' in out and 'dxfId="3"' in out
