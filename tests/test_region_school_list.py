"""`merge --scholen lijst.xlsx|csv`: who has not sent a card, whose card is not on the list.

The lists are written here as a region keeps them (a Flemish CSV with `;` and a
byte order mark, or a sheet with a title above the header row); bad lists are
refused with the row that holds the fault, before anything is written.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Sourced
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import records, run_cli, sheet_rows

SENT = {"300001": "Basisschool Een", "300002": "Basisschool Twee",
        "300003": "Atheneum Drie"}
NOT_ON_LIST = ("300009", "Vrije Basisschool Negen")
NOT_SENT = {"012345": "Basisschool Voorloopnul", "300004": "Instituut Vier"}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Cards of the three SENT schools and of the school not on the list."""
    from schoolnet_xl.core.vocabulary import default_vocabulary

    base = tmp_path_factory.mktemp("list")
    (base / "inbox").mkdir()
    for index, (number, name) in enumerate([*SENT.items(), NOT_ON_LIST]):
        card = make_card(random.Random(index), index, partners=4)
        card = replace(card, header=replace(card.header, instellingsnummer=Sourced(number),
                                            schoolnaam=Sourced(name)))
        write_card(base / "inbox" / f"{number}.xlsx", default_vocabulary(), card)
    return base


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    return path


def _listed() -> dict[str, str]:
    return {**SENT, **NOT_SENT}


def _check(out: Path) -> None:
    not_sent = records(out, "Nog niet ingediend")
    assert {r["Instellingsnummer"]: r["Schoolnaam"] for r in not_sent} == NOT_SENT
    schools = {r["Instellingsnummer"]: r["Op schoollijst"] for r in records(out, "Scholen")}
    assert schools == {**dict.fromkeys(SENT, "ja"), NOT_ON_LIST[0]: "nee"}
    overview = {r[0]: r[1] for r in sheet_rows(out, "Overzicht") if r and r[0]}
    assert overview["Scholen die nog geen kaart stuurden"] == len(NOT_SENT)
    assert overview["Kaarten van scholen die niet op de schoollijst staan"] == 1
    from python_calamine import CalamineWorkbook

    assert CalamineWorkbook.from_path(str(out)).sheet_names[:3] == [
        "Overzicht", "Nog niet ingediend", "Scholen"]
    import openpyxl

    sheet = openpyxl.load_workbook(out)["Overzicht"]
    links = {cell.value: cell.hyperlink.location for row in sheet.iter_rows(max_col=1)
             for cell in row if cell.hyperlink}
    assert links["Scholen die nog geen kaart stuurden"] == "'Nog niet ingediend'!A1"
    listed = openpyxl.load_workbook(out)["Scholen"]
    column = links["Kaarten van scholen die niet op de schoollijst staan"].split("!")[1]
    assert listed[column].value == "Op schoollijst"  # the column to filter on


def test_a_flemish_csv_list_gives_the_schools_not_sent_and_flags_the_unlisted(
        inbox: Path) -> None:
    school_list = _csv(inbox / "scholen.csv", ["Instellingsnummer;Schoolnaam", *(
        f"{number};{name}" for number, name in _listed().items()), ";"])
    out = inbox / "regio.xlsx"
    result = run_cli("merge", inbox / "inbox", "-o", out, "--scholen", school_list,
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    _check(out)
    import json

    assert json.loads(result.stdout)["summary"]["not_sent"] == len(NOT_SENT)


def test_a_sheet_with_a_title_and_numbers_as_numbers_is_read_as_well(inbox: Path) -> None:
    import xlsxwriter

    path = inbox / "scholen.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Scholen regio")
    sheet.write(0, 0, "Scholen van de regio, december 2026")
    sheet.write_row(2, 0, ["Nr", "Instellingsnummer", "Naam school"])
    for row, (number, name) in enumerate(_listed().items(), start=3):
        sheet.write_row(row, 0, [row - 2, int(number), name])  # Excel drops the leading 0
    workbook.close()
    out = inbox / "regio-xlsx.xlsx"
    result = run_cli("merge", inbox / "inbox", "-o", out, "--scholen", path)
    assert result.returncode == 0, result.stderr
    _check(out)
    assert "2 nog niet ingediend" in result.stdout


@pytest.mark.parametrize(("lines", "message"), [
    (["Nummer school;Naam", "300001;Een"],
     "geen kopregel met de kolommen Instellingsnummer en Schoolnaam"),
    (["Instellingsnummer;Schoolnaam", "300001;Een", "30002;Twee"],
     "rij 3: instellingsnummer '30002' heeft geen 6 cijfers"),
    (["Instellingsnummer;Schoolnaam", "300001;Een", "3000A1;Twee"],
     "rij 3: instellingsnummer '3000A1' heeft geen 6 cijfers"),
    (["Instellingsnummer;Schoolnaam", "300001;Een", "300002;Twee", "300001;Een bis"],
     "rij 4: instellingsnummer 300001 staat er al op rij 2"),
    (["Instellingsnummer;Schoolnaam"], "de schoollijst bevat geen scholen"),
])
def test_a_bad_list_is_refused_naming_the_row_and_nothing_is_written(
        inbox: Path, tmp_path: Path, lines: list[str], message: str) -> None:
    school_list = _csv(tmp_path / "lijst.csv", lines)
    out = tmp_path / "regio.xlsx"
    result = run_cli("merge", inbox / "inbox", "-o", out, "--scholen", school_list)
    assert result.returncode == 2
    assert f"{school_list}" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_list_that_is_no_sheet_or_csv_is_refused(inbox: Path, tmp_path: Path) -> None:
    school_list = tmp_path / "lijst.txt"
    school_list.write_text("300001 Een\n", "utf-8")
    result = run_cli("merge", inbox / "inbox", "-o", tmp_path / "regio.xlsx", "--scholen",
                     school_list)
    assert result.returncode == 2
    assert "een schoollijst is een .xlsx-, .ods- of .csv-bestand" in result.stderr
