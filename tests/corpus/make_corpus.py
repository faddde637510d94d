"""Write the reading corpus: template cards with known mistakes, hand-made grids, bad files.

`make_corpus(folder)` writes every file and returns {name: path}. Files that
need LibreOffice to make (the .ods and .xls of hand-made grids) are committed
under tests/corpus/files/ and copied; `python -m tests.corpus.make_corpus
--convert` regenerates them with LibreOffice.

Run: `python -m tests.corpus.make_corpus OUT_FOLDER`.
"""

from __future__ import annotations

import argparse
import io
import shutil
import zipfile
from pathlib import Path

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import default_vocabulary
from schoolnet_xl.template import write_card

COMMITTED = Path(__file__).parent / "files"
# the grids whose .ods and .xls (saved by LibreOffice) are committed
CONVERTED_SOURCES = ("handmade_row3", "handmade_merged")
# template cards saved by LibreOffice: as .ods, and as .xlsx (LibreOffice keeps the
# table's range, so the rows typed below it and the block pasted beside it stay outside)
TEMPLATES_CONVERTED = {
    "template_typed": {"template_typed.ods": "ods", "template_typed_lo.xlsx": "xlsx"},
    "template_beside": {"template_beside.ods": "ods", "template_beside_lo.xlsx": "xlsx"},
}

# The source text's own table (seed-netwerk-van-de-school.txt), marks per TAXONOMY.md:
# (Organisatie, Aard en specificaties, Kansenbevordering, Zorg, Armoedebestrijding).
SOURCE_ROWS = [
    ("De lokale openbare bibliotheek", "bijvoorbeeld leesproject verteltassen", "X", "", ""),
    ("Lokale geloofsgemeenschap", "bijvoorbeeld de moskeevereniging, de parochie", "X", "", ""),
    ("Stagiaires van de hogeschool", "huiswerkbegeleiding", "X", "", ""),
    ("Integrale jeugdhulp", "link fase 2, 3 Kind en Gezin, Centra voor algemeen welzijnswerk",
     "", "X", "X"),
    ("Serviceclubs en sponsors",
     "zij zorgen voor de versterking van het sociaal fonds van onze school", "", "", "X"),
    ("brugfiguren", "leggen de brug tussen thuis en school", "X", "", "X"),
]

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>
"""


def make_corpus(folder: Path) -> dict[str, Path]:
    """Write every corpus file into `folder`; {name: path}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for name, maker, suffix in MAKERS:
        path = folder / f"{name}{suffix}"
        maker(path)
        files[name] = path
    for name in CONVERTED_SOURCES:
        for suffix in (".ods", ".xls"):
            source = COMMITTED / f"{name}{suffix}"
            if source.exists():
                files[f"{name}{suffix}"] = Path(shutil.copy(source, folder))
    for converted in TEMPLATES_CONVERTED.values():
        for name in converted:
            if (COMMITTED / name).exists():
                files[name] = Path(shutil.copy(COMMITTED / name, folder))
    return files


# -- template cards -------------------------------------------------------------

def _partner(organisatie: str = "", aard: str = "", marks: str = "", categorie: str = "",
             email: str = "") -> Partner:
    return Partner(
        row=0, sheet="",
        organisatie=Sourced(organisatie or None), aard=Sourced(aard or None),
        focus={code: Sourced("X") for code in marks.split()},
        categorie=Sourced(categorie or None), email=Sourced(email or None),
    )


def _template_card(path: Path) -> Card:
    header = Header(
        schoolnaam=Sourced("Basisschool De Regenboog"),
        instellingsnummer=Sourced("030569"),
        onderwijsniveau=Sourced("Basisonderwijs"),
        gemeente=Sourced("Gent"),
        schooljaar=Sourced("2025-2026"),
    )
    partners = [
        _partner("CLB Gent", "draaischijf welzijn en onderwijs", "ZORG", "CLB",
                 "info@clbgent.be"),
        _partner("De Kleine Bib", "leesproject verteltassen", "KANS"),  # no category
        _partner("Sportclub Olympia", "naschoolse sport", "KANS", "Sportclubs"),  # unknown
        _partner("", "huiswerkklas op woensdag", "KANS"),  # no organisation
        _partner("OCMW Gent", "schoolkosten", "", "OCMW / Sociaal Huis", "ocmw.gent"),
    ]
    return Card(str(path), "template", header=header, partners=partners)


def template_ok(path: Path) -> None:
    """A clean card: two partners with categories and marks."""
    card = _template_card(path)
    card.partners = [card.partners[0], card.partners[4]]
    card.partners[1] = _partner("OCMW Gent", "schoolkosten", "ARMOEDE", "OCMW / Sociaal Huis",
                                "ocmw@gent.be")
    write_card(path, default_vocabulary(), card)


def template_mistakes(path: Path) -> None:
    """Known mistakes; the instellingsnummer is then retyped as the number 30569."""
    write_card(path, default_vocabulary(), _template_card(path))
    _edit(path, lambda wb: _set_named(wb, "Instellingsnummer", 30569))


def template_no_table(path: Path) -> None:
    """The Partners table turned into a plain range (grid and dropdowns still there)."""
    write_card(path, default_vocabulary(), _template_card(path))
    _edit(path, lambda wb: wb["Netwerkkaart"].tables.pop("Partners"))


def template_no_dropdowns(path: Path) -> None:
    """Every data validation of the card sheet removed (e.g. a grid pasted over it)."""
    write_card(path, default_vocabulary(), _template_card(path))
    _edit(path, lambda wb: wb["Netwerkkaart"].data_validations.dataValidation.clear())


def template_renamed_column(path: Path) -> None:
    """The Categorie column renamed to 'Klasse' in the sheet and the table."""
    write_card(path, default_vocabulary(), _template_card(path))

    def rename(wb) -> None:
        table = wb["Netwerkkaart"].tables["Partners"]
        for column in table.tableColumns:
            if column.name == "Categorie":
                column.name = "Klasse"
        for row in wb["Netwerkkaart"].iter_rows():
            for cell in row:
                if cell.value == "Categorie":
                    cell.value = "Klasse"

    _edit(path, rename)


def _edit(path: Path, change) -> None:
    """Load with openpyxl, change, save in place (corpus files only, never user files)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)


def _set_named(workbook, name: str, value: object) -> None:
    sheet_name, ref = next(iter(workbook.defined_names[name].destinations))
    workbook[sheet_name][ref.replace("$", "")].value = value


def template_typed(path: Path) -> None:
    """What people type into a card: a date in Sinds (a real date, and the serial number
    Excel keeps in the template's year-formatted cell), and three partners typed in the
    rows below the Partners table (LibreOffice does not grow the table), with a number 1,
    'ja' and '✓' as marks and categories in their own words."""
    from datetime import datetime

    write_card(path, default_vocabulary(), _template_card(path))

    def type_rows(wb) -> None:
        sheet = wb["Netwerkkaart"]
        sheet["N10"].value = datetime(2019, 3, 1)
        sheet["N10"].number_format = "DD/MM/YYYY"
        sheet["N11"].value = 43525  # 01/03/2019 in a cell formatted as a whole number
        last = int(sheet.tables["Partners"].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        typed = [
            ("Leersteuncentrum Gent", "ondersteuning fase 2", "", 1, "", "leersteun"),
            ("Stad Gent onderwijsdienst", "brugfiguren", "ja", "", "", "gemeente"),
            ("Parochie Sint-Jan", "lokaal", "✓", "", "", "Parochie"),
        ]
        for offset, values in enumerate(typed, start=1):
            for col, value in enumerate(values, start=1):
                if value != "":
                    sheet.cell(row=last + offset, column=col, value=value)

    _edit(path, type_rows)


# Partners copied from another card and pasted beside the table, with their header row.
BESIDE_HEADER = ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
                 "Armoedebestrijding", "Categorie"]
BESIDE_ROWS = [
    ("Huis van het Kind Gent", "consultatiebureau", "", "X", "",
     "Kind en Gezin / Huis van het Kind"),
    ("Academie Gent", "muziek op school", "X", "", "", "Cultuur"),
    ("Welzijnsschakel Gent", "voedselpakketten", "", "", "X", "Armoede-organisaties"),
]


def template_beside(path: Path) -> None:
    """Three partners pasted with their header row right of the Partners table, one column
    apart (Q9:V12): the table does not grow (Excel needs the columns to touch it, and
    LibreOffice never grows it)."""
    template_ok(path)
    _edit(path, lambda wb: _paste_beside(wb["Netwerkkaart"], "Q", BESIDE_HEADER))


def template_beside_grown(path: Path) -> None:
    """The same block pasted against the table (P9:U12), as Excel saves it: the table grew
    over the pasted columns and renamed their headers to be unique (Organisatie2, …)."""
    from openpyxl.worksheet.table import TableColumn

    template_ok(path)

    def paste(wb) -> None:
        sheet = wb["Netwerkkaart"]
        table = sheet.tables["Partners"]
        names = [f"{name}2" for name in BESIDE_HEADER]
        _paste_beside(sheet, "P", names)
        first, last = table.ref.split(":")
        table.ref = f"{first}:U{last.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
        start = len(table.tableColumns)
        for offset, name in enumerate(names, start=1):
            table.tableColumns.append(TableColumn(id=start + offset, name=name))
        table.autoFilter = None

    _edit(path, paste)


def _paste_beside(sheet, column: str, header: list[str]) -> None:
    from openpyxl.utils import column_index_from_string

    first = column_index_from_string(column)
    for row, values in enumerate([header, *BESIDE_ROWS], start=9):
        for offset, value in enumerate(values):
            if value:
                sheet.cell(row=row, column=first + offset, value=value)


# -- hand-made grids -------------------------------------------------------------

def handmade_row3(path: Path) -> None:
    """Merged title, header fields above, header on row 3, marks x/✓, blank rows, totals."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Netwerk")
    sheet.merge_range("A1:F1", "Netwerkkaart van onze school",
                      workbook.add_format({"bold": True, "align": "center"}))
    sheet.write("A2", "School: Sint-Jozefscollege")
    sheet.write("C2", "Schooljaar 2025-2026")
    sheet.write("E2", "Instellingsnummer: 030569")
    sheet.write_row("A3", ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
                           "Armoedebestrijding", "Categorie"])
    rows = [
        ("CLB Brugge", "draaischijf", "", "x", "", "CLB"),
        ("Stedelijke bib", "verteltassen", "✓", "", "", ""),
        None,
        None,
        ("Welzijnsschakel De Brug", "voedselpakketten", "", "", "X", "Armoede-organisaties"),
        ("Chiro Sint-Jan", "speelnamiddagen", "x", "", "", "Jeugdwerk en vrije tijd"),
    ]
    row_number = 3
    for row in rows:
        if row is not None:
            sheet.write_row(row_number, 0, row)
        row_number += 1
    sheet.write_row(row_number, 0, ["Totaal", "", 2, 1, 1, ""])
    workbook.close()


def handmade_row6(path: Path) -> None:
    """Other header words in another order on row 6, labels with values beside them,
    a hidden helper column, a numeric instellingsnummer, a trailing count-only row."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Notities").write("A1", "Vergaderingen: zie map")
    sheet = workbook.add_worksheet("Partners school")
    sheet.write("A1", "Onze partners")
    sheet.write("A2", "Schoolnaam:")
    sheet.write("B2", "Atheneum Zuid")
    sheet.write("A3", "Instellingsnummer")
    sheet.write_number("B3", 30569)
    sheet.write("A4", "Onderwijsniveau")
    sheet.write("B4", "Secundair onderwijs")
    sheet.write("A5", "Gemeente:")
    sheet.write("B5", "Antwerpen")
    sheet.write_row("A6", ["Kansen", "Partner (oud)", "Partner", "Omschrijving", "zorg",
                           "ARMOEDE", "Soort", "Contact", "Mail"])
    sheet.set_column("B:B", None, None, {"hidden": True})
    rows = [
        ("x", "Arbeidsbemiddeling", "VDAB Antwerpen", "werkplekleren", "", "", "WERK", "", ""),
        ("", "", "Sportdienst Antwerpen", "buurtsport", "X", "", "", "Jan Peeters",
         "sport@antwerpen.be"),
        ("ja", "", "Academie Zuid", "muziek en woord", "", "", "Cultuur", "", ""),
    ]
    for index, row in enumerate(rows, start=6):
        sheet.write_row(index, 0, row)
    sheet.write_row(9, 0, [2, "", "", "", 1, 0])
    workbook.close()


def handmade_words(path: Path) -> None:
    """Header words as people write them (Organisatie/dienst, Wat?, Kansenbev., Armoedebestr.,
    Cat.), a column the card does not know that holds X marks (Mobiliteit), and the header
    fields only in a merged title line and a line 'Instellingsnummer 031245'."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Blad1")
    sheet.merge_range("A1:G1", "Netwerkkaart VBS De Krekel Zwevegem 2026-2027",
                      workbook.add_format({"bold": True}))
    sheet.write("A2", "Instellingsnummer 031245")
    sheet.write_row("A4", ["Organisatie/dienst", "Wat?", "Kansenbev.", "Zorg", "Armoedebestr.",
                           "Mobiliteit", "Cat."])
    sheet.write_row("A5", ["CLB Kortrijk", "draaischijf", "", "X", "", "", "CLB"])
    sheet.write_row("A6", ["De Fietsbieb", "fietsen lenen", "X", "", "X", "X", "Andere"])
    sheet.write_row("A7", ["Gemeente Zwevegem", "busvervoer", "", "", "", "X", "LOK"])
    workbook.close()


def handmade_years(path: Path) -> None:
    """One sheet per school year, each with a grid: the latest year is read, reported."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    for year, rows in (("2024-2025", [("CLB Gent", "X", "CLB")]),
                       ("2025-2026", [("CLB Gent", "X", "CLB"), ("Bib Gent", "X", "BIB")])):
        sheet = workbook.add_worksheet(year)
        sheet.write_row("A1", ["Organisatie", "Zorg", "Categorie"])
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
    workbook.close()


def handmade_two_blocks(path: Path) -> None:
    """Two grids on one sheet (kleuter and lager): section titles, a repeated header row."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Partners")
    header = ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
              "Armoedebestrijding", "Categorie"]
    sheet.write("A1", "Kleuter")
    sheet.write_row("A2", header)
    sheet.write_row("A3", ["Kind en Gezin", "consultatiebureau", "", "X", "", "KGH"])
    sheet.write_row("A4", ["CLB Brugge", "onthaal", "", "X", "", "CLB"])
    sheet.write("A6", "Lager")
    sheet.write_row("A7", header)
    sheet.write_row("A8", ["Bib Brugge", "leesproject", "X", "", "", "BIB"])
    sheet.write_row("A9", ["Sportdienst Brugge", "zwemmen", "X", "", "", "SPORT"])
    workbook.close()


def handmade_merged(path: Path) -> None:
    """One organisation over three rows (a merged Organisatie cell), each row its own work."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Netwerk")
    sheet.write_row("A1", ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
                           "Armoedebestrijding", "Categorie"])
    sheet.merge_range("A2:A4", "CLB Brugge", workbook.add_format({"valign": "top"}))
    sheet.merge_range("F2:F4", "CLB", workbook.add_format({"valign": "top"}))
    sheet.write_row("B2", ["onthaal", "", "X", ""])
    sheet.write_row("B3", ["schoolkosten", "", "", "X"])
    sheet.write_row("B4", ["taalscreening", "X", "", ""])
    sheet.write_row("A5", ["Bib Brugge", "leesproject", "X", "", "", "BIB"])
    workbook.close()


def source_table(path: Path) -> None:
    """The source text's own table: a title, then Organisatie | Aard | three X columns."""
    _write_source_table(path)


def macros_xlsm(path: Path) -> None:
    """The source table saved as .xlsm with a vbaProject.bin part (a placeholder, never run)."""
    plain = io.BytesIO()
    _write_source_table(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _write_source_table(target: Path | io.BytesIO) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target if isinstance(target, io.BytesIO) else str(target),
                                   {"in_memory": True})
    sheet = workbook.add_worksheet("Netwerkkaart")
    sheet.write("A1", "1. Stel de netwerkkaart van je school samen.")
    sheet.write_row("A3", ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
                           "Armoedebestrijding"])
    for index, row in enumerate(SOURCE_ROWS, start=3):
        sheet.write_row(index, 0, row)
    workbook.close()


def no_grid(path: Path) -> None:
    """A workbook with data but no netwerkkaart grid (a budget)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Begroting")
    sheet.write_row("A1", ["Post", "Bedrag"])
    sheet.write_row("A2", ["Schoolreis", 1200])
    workbook.close()


def empty_workbook(path: Path) -> None:
    """A workbook with one sheet and no cell filled."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Blad1")
    workbook.close()


# -- bad files -----------------------------------------------------------------------

def truncated_zip(path: Path) -> None:
    """The first half of a real card (an interrupted download)."""
    whole = io.BytesIO()
    _write_source_table(whole)
    data = whole.getvalue()
    path.write_bytes(data[: len(data) // 2])


def text_named_xlsx(path: Path) -> None:
    """A text file with an .xlsx name."""
    path.write_text("Organisatie;Aard\nCLB;draaischijf\n", "utf-8")


def encrypted(path: Path) -> None:
    """A real card saved with a password (msoffcrypto-tool, a test dependency)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    _write_source_table(plain)
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("Geheim123", out)


def zip_bomb_total(path: Path) -> None:
    """A small xlsx whose sheet inflates to 210 MB (total size over the limit)."""
    _bomb(path, 210, compresslevel=1)


def zip_bomb_ratio(path: Path) -> None:
    """A small xlsx whose sheet of 20 MB compresses more than 200:1."""
    _bomb(path, 20, compresslevel=9)


def _bomb(path: Path, megabytes: int, compresslevel: int) -> None:
    plain = io.BytesIO()
    _write_source_table(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats'
                         b'.org/spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                stream.write(chunk)
            stream.write(b"</sheetData></worksheet>")


def entity_bomb(path: Path) -> None:
    """A valid xlsx whose sharedStrings.xml is a 'billion laughs' entity bomb."""
    plain = io.BytesIO()
    _write_source_table(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = BILLION_LAUGHS
            target.writestr(info.filename, data)


def lock_file(path: Path) -> None:
    """What Excel leaves beside an open card: ~$name.xlsx with the user's name."""
    name = b"Directie"
    path.write_bytes(bytes([len(name)]) + name + b" " * (54 - len(name)) + bytes(110))


MAKERS = [
    ("template_ok", template_ok, ".xlsx"),
    ("template_mistakes", template_mistakes, ".xlsx"),
    ("template_no_table", template_no_table, ".xlsx"),
    ("template_no_dropdowns", template_no_dropdowns, ".xlsx"),
    ("template_renamed_column", template_renamed_column, ".xlsx"),
    ("template_typed", template_typed, ".xlsx"),
    ("template_beside", template_beside, ".xlsx"),
    ("template_beside_grown", template_beside_grown, ".xlsx"),
    ("handmade_row3", handmade_row3, ".xlsx"),
    ("handmade_row6", handmade_row6, ".xlsx"),
    ("handmade_words", handmade_words, ".xlsx"),
    ("handmade_years", handmade_years, ".xlsx"),
    ("handmade_two_blocks", handmade_two_blocks, ".xlsx"),
    ("handmade_merged", handmade_merged, ".xlsx"),
    ("source_table", source_table, ".xlsx"),
    ("macros", macros_xlsm, ".xlsm"),
    ("no_grid", no_grid, ".xlsx"),
    ("empty", empty_workbook, ".xlsx"),
    ("truncated", truncated_zip, ".xlsx"),
    ("text", text_named_xlsx, ".xlsx"),
    ("encrypted", encrypted, ".xlsx"),
    ("zip_bomb_total", zip_bomb_total, ".xlsx"),
    ("zip_bomb_ratio", zip_bomb_ratio, ".xlsx"),
    ("entity_bomb", entity_bomb, ".xlsx"),
    ("~$card", lock_file, ".xlsx"),
]


def convert_committed() -> list[Path]:
    """Regenerate tests/corpus/files/ (.ods and .xls of the hand-made grids) with LibreOffice."""
    import tempfile

    from tests.support.libreoffice import convert

    makers = {name: maker for name, maker, _ in MAKERS}
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="corpus_") as tmp:
        for name in CONVERTED_SOURCES:
            source = Path(tmp) / f"{name}.xlsx"
            makers[name](source)
            made += [convert(source, fmt, COMMITTED) for fmt in ("ods", "xls")]
        for source_name, converted_names in TEMPLATES_CONVERTED.items():
            card = Path(tmp) / source_name / f"{source_name}.xlsx"
            card.parent.mkdir()
            makers[source_name](card)
            for name, fmt in converted_names.items():
                converted = convert(card, fmt, card.parent / fmt)
                made.append(Path(shutil.copy(converted, COMMITTED / name)))
        return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--convert", action="store_true",
                        help="regenerate the committed .ods/.xls with LibreOffice")
    args = parser.parse_args()
    if args.convert:
        for path in convert_committed():
            print(path)
    if args.folder:
        for name, path in make_corpus(args.folder).items():
            print(f"{name}: {path}")


if __name__ == "__main__":
    main()
