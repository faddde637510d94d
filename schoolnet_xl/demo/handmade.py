"""Hand-made cards as staff type them: a title, a few info lines, then a plain grid.

Shape: row 1 a merged title, rows 2-3 `School: …`, `Gemeente: …`,
`Onderwijsniveau: …`, `Instellingsnummer: …`, `Schooljaar …`, and the header
row on row 4: `Partner | Omschrijving | Kansen | Zorg | Armoede`, with `x`
marks and no category column (the reader guesses it from keywords).

The .ods is written directly (a zip with `mimetype` stored first,
`META-INF/manifest.xml`, `content.xml` and `styles.xml`): it is a few lines of
XML, so no LibreOffice at runtime and no extra dependency such as odfpy.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from schoolnet_xl.core.model import Card

CREATED = datetime(2026, 1, 1)  # fixed: the same seed gives the same bytes
HANDMADE_HEADER = ("Partner", "Omschrijving", "Kansen", "Zorg", "Armoede")
_FOCUS_ORDER = ("KANS", "ZORG", "ARMOEDE")


def handmade_rows(card: Card) -> list[list[str]]:
    """The grid as rows of text: title, info lines, header, one row per partner."""
    header = card.header
    title = f"Netwerkkaart {header.schoolnaam.text}"
    rows = [
        [title, "", "", "", ""],
        [f"School: {header.schoolnaam.text}", "", f"Gemeente: {header.gemeente.text}", "",
         f"Onderwijsniveau: {header.onderwijsniveau.text}"],
        [f"Instellingsnummer: {header.instellingsnummer.text}", "",
         f"Schooljaar {header.schooljaar.text}", "", ""],
        list(HANDMADE_HEADER),
    ]
    for partner in card.partners:
        marks = ["x" if code in partner.focus else "" for code in _FOCUS_ORDER]
        rows.append([partner.organisatie.text, partner.aard.text, *marks])
    return rows


def write_handmade_xlsx(path: Path, card: Card) -> Path:
    """The card as a hand-made .xlsx grid (XlsxWriter, all text as text)."""
    import xlsxwriter

    rows = handmade_rows(card)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                               "strings_to_numbers": False})
    workbook.set_properties({"author": "Secretariaat", "created": CREATED})
    sheet = workbook.add_worksheet("Blad1")
    bold = workbook.add_format({"bold": True, "bottom": 1})
    title = workbook.add_format({"bold": True, "font_size": 14})
    sheet.merge_range(0, 0, 0, 4, rows[0][0], title)
    for index, row in enumerate(rows[1:], start=1):
        sheet.write_row(index, 0, row, bold if index == 3 else None)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, 4, 10)
    workbook.close()
    return path


def write_handmade_ods(path: Path, card: Card) -> Path:
    """The card as a hand-made .ods grid (OpenDocument spreadsheet, written by hand)."""
    body = "".join(_ods_row(row) for row in handmade_rows(card))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_ODS_NS} office:version=\"1.2\"><office:body>"
        '<office:spreadsheet><table:table table:name="Blad1">'
        '<table:table-column table:number-columns-repeated="5"/>'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", (2026, 1, 1, 0, 0, 0)),
                         "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        for name, text in (("META-INF/manifest.xml", _ODS_MANIFEST),
                           ("styles.xml", _ODS_STYLES), ("content.xml", content)):
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text,
                             compress_type=zipfile.ZIP_DEFLATED)
    return path


def _ods_row(row: list[str]) -> str:
    cells = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
        "</table:table-cell>" if value else "<table:table-cell/>"
        for value in row
    )
    return f"<table:table-row>{cells}</table:table-row>"


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<office:document-styles {_ODS_NS} office:version="1.2"/>'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
