"""The master workbook carries every name of the public template contract."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core import contract
from schoolnet_xl.template import write_card
from tests.support.template_cards import effective_style, formulas, sheet_xml

COMMITTED = Path(__file__).resolve().parent.parent / "workbook" / "netwerkkaart.xlsx"
CONTRACT_COLUMNS = [
    "Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg", "Armoedebestrijding",
    "Categorie", "Contactpersoon", "E-mail", "Telefoon", "Intensiteit", "Interne trekker",
    "Antennefunctie", "Status", "Sinds", "Volgende stap",
]
HEADER_NAMES = ["Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Scholengemeenschap",
                "Gemeente", "Schooljaar", "IngevuldDoor", "Datum"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, vocabulary) -> Path:
    return write_card(tmp_path_factory.mktemp("tpl") / "netwerkkaart.xlsx", vocabulary)


@pytest.fixture(scope="module")
def book(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def test_sheets_are_named_by_the_contract_and_only_schoolnet_is_hidden(book) -> None:
    assert book.sheetnames == ["Netwerkkaart", "Overzicht", "Categorieën", "Handleiding",
                               "_schoolnet"]
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states.pop("_schoolnet") == "hidden"
    assert set(states.values()) == {"visible"}
    assert book.active.title == "Netwerkkaart"


def test_header_names_point_at_unlocked_input_cells_on_netwerkkaart(book) -> None:
    for name in HEADER_NAMES:
        (sheet_name, ref), = book.defined_names[name].destinations
        assert sheet_name == "Netwerkkaart", name
        cell = book[sheet_name][ref.replace("$", "")]
        assert cell.protection.locked is False, name
        label = cell.offset(column=-1).value
        assert label and cell.offset(column=-1).protection.locked, name
    (_, ref), = book.defined_names["Instellingsnummer"].destinations
    assert book["Netwerkkaart"][ref.replace("$", "")].number_format == "@"


def test_partners_table_has_the_contract_columns_and_sixty_empty_unlocked_rows(book) -> None:
    sheet = book["Netwerkkaart"]
    table = sheet.tables["Partners"]
    assert [c.name for c in table.tableColumns] == CONTRACT_COLUMNS
    first, last = table.ref.split(":")
    header_row, last_row = sheet[first].row, sheet[last].row
    assert [sheet.cell(header_row, c).value for c in range(1, 16)] == CONTRACT_COLUMNS
    assert last_row - header_row >= 60
    data_cells = [sheet.cell(r, c) for r in range(header_row + 1, last_row + 1)
                  for c in range(1, 16)]
    assert all(cell.value is None for cell in data_cells)
    assert all(effective_style(cell).protection.locked is False for cell in data_cells)
    assert all(effective_style(sheet.cell(r, 1)).number_format == "@"
               for r in range(header_row + 1, last_row + 1))
    assert sheet.freeze_panes == f"B{header_row + 1}"


def test_dropdowns_point_at_defined_names_never_at_a_sheet(template: Path, book) -> None:
    xml = sheet_xml(template, "Netwerkkaart")
    lists = re.findall(r'<dataValidation type="list"[^>]*sqref="([^"]+)"[^>]*>'
                       r"<formula1>([^<]+)</formula1>", xml)
    sources = {sqref: formula for sqref, formula in lists}
    assert all("!" not in formula for formula in sources.values())
    sheet = book["Netwerkkaart"]
    header_row = sheet[sheet.tables["Partners"].ref.split(":")[0]].row
    by_header = {sheet.cell(header_row, c).value: c for c in range(1, 16)}
    expected = {
        "Categorie": "Categorielijst", "Kansenbevordering": "Xlijst", "Zorg": "Xlijst",
        "Armoedebestrijding": "Xlijst", "Intensiteit": "Intensiteitlijst",
        "Antennefunctie": "Antennelijst", "Status": "Statuslijst",
    }
    for header, name in expected.items():
        letter = openpyxl.utils.get_column_letter(by_header[header])
        top = f"{letter}{header_row + 1}:"
        matching = [f for sqref, f in sources.items() if sqref.startswith(top)]
        assert matching == [name], header
    (_, level_ref), = book.defined_names["Onderwijsniveau"].destinations
    assert sources[level_ref.replace("$", "")] == "Niveaulijst"


def test_list_names_hold_the_vocabulary_values(book, vocabulary) -> None:
    expected = {
        "Categorielijst": [c.label for c in vocabulary.categories],
        "Xlijst": ["X"],
        "Intensiteitlijst": ["1 Informeren", "2 Afstemmen", "3 Samenwerken",
                             "4 Structureel samenwerken"],
        "Antennelijst": ["Ja", "Nee"],
        "Statuslijst": ["Actief", "Te verdiepen", "Gewenst", "Beëindigd"],
        "Niveaulijst": ["Basisonderwijs", "Secundair onderwijs", "Buitengewoon basisonderwijs",
                        "Buitengewoon secundair onderwijs"],
    }
    for name, values in expected.items():
        (sheet_name, ref), = book.defined_names[name].destinations
        assert sheet_name == "_schoolnet", name
        cells = book[sheet_name][ref.replace("$", "")]
        assert [row[0].value for row in cells] == values, name


def test_every_grid_column_and_header_cell_explains_itself_in_dutch(book) -> None:
    validations = book["Netwerkkaart"].data_validations.dataValidation
    prompts = {str(v.sqref): (v.promptTitle, v.prompt) for v in validations}
    assert len(prompts) == 15 + 8
    assert all(title and message and v.showInputMessage
               for v, (title, message) in zip(validations, prompts.values(), strict=True))
    assert "persoonsgegevens" in " ".join(m for _, m in prompts.values())


def test_live_hints_are_plain_relative_formula_conditional_formats(template: Path) -> None:
    xml = sheet_xml(template, "Netwerkkaart")
    rules = dict(re.findall(r'<conditionalFormatting sqref="([^"]+)">'
                            r'<cfRule type="expression"[^>]*><formula>([^<]+)</formula>', xml))
    assert "<extLst" not in xml
    assert all("[" not in formula for formula in rules.values())
    assert set(rules) == {"B5", "A10:A69", "C10:E69", "H10:H69", "F10:F69"}
    assert "COUNTIF(Categorielijst" in rules["F10:F69"]
    assert rules["A10:A69"].startswith("AND(COUNTA($A10:$O10)&gt;0")
    assert 'FIND("@",$H10)' in rules["H10:H69"]
    assert "LEN(B5)&lt;&gt;6" in rules["B5"]


def test_print_setup_and_password_free_protection(template: Path, book) -> None:
    sheet = book["Netwerkkaart"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth is omitted when it has its OOXML default, 1.
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$9:$9"
    xml = sheet_xml(template, "Netwerkkaart")
    protection = re.search(r"<sheetProtection [^>]*/>", xml)[0]
    assert "password" not in protection.lower() and 'sheet="1"' in protection
    for allowed in ("sort", "autoFilter", "formatColumns", "insertRows"):
        assert f'{allowed}="0"' in protection


def test_schoolnet_sheet_records_template_and_vocabulary(book, vocabulary) -> None:
    sheet = book["_schoolnet"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("sleutel", "waarde")
    rows = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(2, 7)]
    assert [key for key, _ in rows] == list(contract.META_KEYS)
    meta = dict(rows)
    assert meta["template_version"] == contract.TEMPLATE_VERSION
    assert meta["vocabulary_version"] == vocabulary.version
    assert meta["vocabulary_name"] == vocabulary.name
    assert meta["vocabulary_json"] == vocabulary.to_json()
    assert meta["validation_marks"] == "[]"


def test_overzicht_uses_only_table_column_references_and_has_a_bar_chart(template: Path) -> None:
    cells = formulas(template, "Overzicht")
    text = " ".join(cells.values())
    assert "COUNTIF(Partners[Categorie],A10)" in text
    assert "COUNTA(Partners[Organisatie])" in text
    assert 'COUNTIF(Partners[Kansenbevordering],"X")' in text
    for unsupported in ("#Data", "#All", "#Headers", "ROWS("):
        assert unsupported not in text
    with zipfile.ZipFile(template) as zf:
        chart = zf.read("xl/charts/chart1.xml").decode()
        assert "<c:barChart>" in chart and "Overzicht!$C$10:$C$30" in chart
        assert not any("vbaProject" in name for name in zf.namelist())


def test_reference_sheets_explain_categories_privacy_and_the_button(book, vocabulary) -> None:
    categories = book["Categorieën"]
    table = {row[0]: row for row in categories.iter_rows(min_row=5, values_only=True)}
    assert set(table) == {c.code for c in vocabulary.categories}
    assert table["KGH"][4:8] == ("kern", "aanbevolen", "kern", "aanbevolen")
    assert table["CLB"][4:8] == ("kern",) * 4
    assert table["WERK"][4:8] == ("—", "aanbevolen", "—", "aanbevolen")
    manual = " ".join(str(c) for row in book["Handleiding"].iter_rows(values_only=True)
                      for c in row if c)
    for phrase in ("Antennefunctie", "Verbreed en verdiep", "Wie beheert en kent",
                   "functionele", "NOOIT gegevens over individuele leerlingen of gezinnen",
                   "jeugdhulp", "brugfiguren", "Valideer", "Ontbrekende categorieën",
                   "Overzicht vernieuwen", "Netwerkkaart"):
        assert phrase in manual, phrase


def test_committed_workbook_is_what_the_code_builds(template: Path) -> None:
    with zipfile.ZipFile(COMMITTED) as committed, zipfile.ZipFile(template) as fresh:
        assert sorted(committed.namelist()) == sorted(fresh.namelist())
        for name in committed.namelist():
            assert committed.read(name) == fresh.read(name), (
                f"{name} differs: run `schoolnet-xl template -o workbook/netwerkkaart.xlsx "
                "--force`"
            )
