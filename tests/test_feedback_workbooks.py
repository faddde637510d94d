"""Feedback workbooks (`merge --feedback DIR`): real cards read by the merge's
readers, one workbook per school written, then read back cell by cell (openpyxl).

The region is built so that its figures are known by construction: five
primary schools in Zwevegem, four of which work with "Bib Zwevegem" and
"Huis van het Kind Zwevegem"; one secondary school in Kortrijk; a mail body
saved as .xlsx.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import Image

from schoolnet_xl.core.findings import SEVERITIES
from schoolnet_xl.core.model import Card
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge.feedback import FORK_FROM, write_feedback_workbooks
from schoolnet_xl.merge.pipeline import read_all
from schoolnet_xl.merge.records import FileResult
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.check import check_file
from tests.support.cards import SHEET, cell, good_header, partner

MERGED_ON = date(2026, 12, 1)
CREATED = datetime(2026, 1, 1)
# Personal data on the cards: none of it may appear in a workbook without contacts.
CONTACTS = ("Els Peeters", "els.peeters@clb-zw.be", "056 12 34 56", "onthaal(at)lsc.be")
# (file, name, number, level, gemeente, scholengemeenschap, partners as (name, category))
SCHOOLS: list[tuple[str, str, str, str, str, str, list[tuple[str, str]]]] = [
    ("regenboog.xlsx", "Basisschool De Regenboog", "030001", "Basisonderwijs", "Zwevegem",
     "SG Schelde-Leie", [("Vrij CLB Zuid-West", "CLB"), ("Leersteuncentrum West", "LSC")]),
    *((f"school{n}.xlsx", f"Basisschool Nummer {n}", f"03000{n}", "Basisonderwijs",
       "Zwevegem", "SG Kortrijk" if n == 5 else "SG Schelde-Leie",
       [("Vrij CLB Zuid-West", "CLB"), ("Bib Zwevegem", "BIB"),
        ("Huis van het Kind Zwevegem", "KGH"),
        *([("VDAB Kortrijk", "WERK")] if n == 2 else [])]) for n in range(2, 6)),
    ("atheneum.xlsx", "Atheneum Kortrijk", "030006", "Secundair onderwijs", "Kortrijk",
     "SG Kortrijk", [("Stad Kortrijk", "LOK"), ("Bibliotheek Kortrijk", "BIB")]),
]


def school_card(name: str, number: str, level: str, gemeente: str, community: str,
                partners: list[tuple[str, str]], vocabulary: Vocabulary) -> Card:
    """A template card; its first partner has a contact person, its second a bad e-mail."""
    header = replace(good_header(), schoolnaam=cell(name, "C3"),
                     instellingsnummer=cell(number, "C4"), onderwijsniveau=cell(level, "C5"),
                     scholengemeenschap=cell(community, "C6"), gemeente=cell(gemeente, "C7"))
    rows = []
    for index, (organisation, category) in enumerate(partners):
        label = vocabulary.category(category).label  # type: ignore[union-attr]
        extra: dict[str, Any] = {"contactpersoon": "Els Peeters",
                                 "email": "els.peeters@clb-zw.be",
                                 "telefoon": "056 12 34 56"} if index == 0 else {}
        if index == 1 and number == "030001":
            extra["email"] = "onthaal(at)lsc.be"
        row = partner(15 + index, organisation, category, **extra)
        rows.append(replace(row, categorie=cell(label, f"F{15 + index}")))
    return Card(path="", kind="template", header=header, partners=rows, grid_sheet=SHEET,
                focus_codes=("KANS", "ZORG", "ARMOEDE"))


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for file, name, number, level, gemeente, community, partners in SCHOOLS:
        write_card(folder / file, vocabulary, school_card(
            name, number, level, gemeente, community, partners, vocabulary), created=CREATED)
    (folder / "mail.xlsx").write_text("Beste coördinator,\nIn bijlage onze kaart.\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def results(inbox: Path) -> list[FileResult]:
    return read_all(sorted(str(p) for p in inbox.iterdir()), jobs=1)


def split(results: list[FileResult]) -> tuple[list[FileResult], list[FileResult]]:
    return ([r for r in results if r.used], [r for r in results if r.status == "unreadable"])


@pytest.fixture(scope="module")
def written(results: list[FileResult], vocabulary: Vocabulary,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    schools, unreadable = split(results)
    folder = tmp_path_factory.mktemp("terugkoppeling")
    paths = write_feedback_workbooks(schools, unreadable, vocabulary, folder,
                                     merged_on=MERGED_ON)
    return {path.name: path for path in paths}


def rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def texts(path: Path) -> list[str]:
    """Every cell's text, every sheet."""
    book = openpyxl.load_workbook(path)
    return [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
            for c in row if c.value is not None]


def cells(path: Path) -> dict[tuple[str, str], tuple[Any, float | None]]:
    """Every cell's value and its row's height, by sheet and address."""
    book = openpyxl.load_workbook(path)
    return {(sheet.title, c.coordinate): (c.value, sheet.row_dimensions[c.row].height)
            for sheet in book.worksheets for row in sheet.iter_rows() for c in row}


def table_after(sheet_rows: list[tuple[Any, ...]], first_header: str,
                second_header: str) -> list[tuple[Any, ...]]:
    """The rows under the header row that starts (first_header, second_header), up to
    the first empty row."""
    start = next(i for i, r in enumerate(sheet_rows) if r[:2] == (first_header,
                                                                  second_header))
    found = []
    for row in sheet_rows[start + 1:]:
        if row[0] is None:
            break
        found.append(row)
    return found


def test_one_workbook_per_school_and_per_unreadable_file(written: dict[str, Path]) -> None:
    assert list(written) == [  # the schools in the order given (by file), then unreadable
        "030006 Atheneum Kortrijk.xlsx", "030001 Basisschool De Regenboog.xlsx",
        *(f"03000{n} Basisschool Nummer {n}.xlsx" for n in range(2, 6)),
        "mail (onleesbaar).xlsx"]
    folder = next(iter(written.values())).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(written), "no temporary left"
    mode = stat.S_IMODE(os.stat(written["mail (onleesbaar).xlsx"]).st_mode)
    assert mode & 0o044, "readable by colleagues, not mkstemp's 0600"


def test_findings_errors_first_each_with_its_cell_and_what_to_do(
        written: dict[str, Path], inbox: Path, vocabulary: Vocabulary) -> None:
    found = rows(written["030001 Basisschool De Regenboog.xlsx"], "Bevindingen")
    assert found[0] == ("Ernst", "Blad", "Cel", "Veld", "Waarde", "Melding", "Wat te doen",
                        "Code")
    expected = check_file(inbox / "regenboog.xlsx", vocabulary).findings
    assert sorted((r[7], r[2] or "") for r in found[1:]) == sorted(
        (f.code, f.cell) for f in expected)
    severities = [r[0] for r in found[1:]]
    assert severities[0] == "fout"
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert {"fout", "waarschuwing", "info"} <= set(severities)
    assert all(r[6] for r in found[1:]), "every finding says what to do"
    email = next(r for r in found[1:] if r[7] == "SN206")
    [bad] = [f for f in expected if f.code == "SN206"]
    assert (email[2], email[3], email[4]) == (bad.cell, "E-mail", "…")


def test_missing_categories_with_definition_examples_and_neighbours(
        written: dict[str, Path], vocabulary: Vocabulary) -> None:
    page = rows(written["030001 Basisschool De Regenboog.xlsx"], "Terugkoppeling")
    missing = table_after(page[page.index(next(r for r in page if r[0] and str(r[0])
                                               .startswith("Ontbrekende"))):],
                          "Categorie", "Verwachting")
    expected = [c for c in vocabulary.categories if c.expectation("BAO")
                and c.code not in ("CLB", "LSC")]
    expected.sort(key=lambda c: c.expectation("BAO") != "core")
    assert [r[0] for r in missing] == [c.label for c in expected]
    assert "Werk en VDAB" not in [r[0] for r in missing], "WERK is not expected of BAO"
    for row, category in zip(missing, expected, strict=True):
        assert row[1] == ("kern" if category.expectation("BAO") == "core" else "aanbevolen")
        assert category.definition in row[2] and category.examples in row[2]
    nearby = {r[0]: r[3] for r in missing}
    library = vocabulary.category("BIB").label  # type: ignore[union-attr]
    assert nearby[library].split("\n")[0] == (
        "In jouw gemeente werken 4 scholen samen met Bib Zwevegem")
    assert "In jouw scholengemeenschap" not in nearby[library], "named once, gemeente first"
    everything = "\n".join(texts(written["030001 Basisschool De Regenboog.xlsx"]))
    assert "Bibliotheek Kortrijk" not in everything and "Stad Kortrijk" not in everything


def test_a_school_community_elsewhere_is_a_neighbourhood_too(
        written: dict[str, Path], vocabulary: Vocabulary) -> None:
    page = rows(written["030005 Basisschool Nummer 5.xlsx"], "Terugkoppeling")
    local = vocabulary.category("LOK").label  # type: ignore[union-attr]
    line = next(r for r in page if r[0] == local and r[3] and "samen" in str(r[3]))
    assert line[3] == "In jouw scholengemeenschap werkt 1 school samen met Stad Kortrijk"


def test_place_in_the_region_against_the_median_of_its_level(
        written: dict[str, Path], vocabulary: Vocabulary) -> None:
    page = rows(written["030001 Basisschool De Regenboog.xlsx"], "Terugkoppeling")
    expected = sum(1 for c in vocabulary.categories if c.expectation("BAO"))
    # De Regenboog covers CLB and LSC; the four others CLB, BIB and KGH (WERK is not
    # expected of a primary school): median of 2, 3, 3, 3, 3 is 3.
    sentence = f"Je school heeft partners in 2 van de {expected} categorieën die voor " \
               "basisonderwijs verwacht worden. De mediaan van de 5 scholen " \
               "(basisonderwijs) in de regio is 3."
    assert (sentence,) == next(r[:1] for r in page if r[0] and str(r[0]).startswith("Je school"))
    coverage = {r[0]: r[1:] for r in table_after(page, "Categorie", "Verwachting")}
    assert len(coverage) == expected
    assert coverage["CLB"] == ("kern", 1, 1)
    library = vocabulary.category("BIB").label  # type: ignore[union-attr]
    assert coverage[library] == ("aanbevolen", 0, 0.8)
    secondary = rows(written["030006 Atheneum Kortrijk.xlsx"], "Terugkoppeling")
    werk = vocabulary.category("WERK").label  # type: ignore[union-attr]
    assert werk in {r[0] for r in table_after(secondary, "Categorie", "Verwachting")}


def test_based_on_line_names_the_merge_date_the_file_and_its_datum(
        written: dict[str, Path]) -> None:
    page = rows(written["030001 Basisschool De Regenboog.xlsx"], "Terugkoppeling")
    assert page[0][0] == "Terugkoppeling netwerkkaart"
    assert page[1][0] == "Basisschool De Regenboog"
    assert ("Samengevoegd op 01/12/2026; gebaseerd op de kaart ‘regenboog.xlsx’ (Datum "
            "15/09/2025, schooljaar 2025-2026).",) in [r[:1] for r in page]


def test_no_contact_data_unless_asked(written: dict[str, Path], results: list[FileResult],
                                      vocabulary: Vocabulary, tmp_path: Path) -> None:
    for path in written.values():
        assert not [t for t in texts(path) for c in CONTACTS if c in t], path.name
        with zipfile.ZipFile(path) as package:  # nor in a footer, a property, anywhere
            parts = " ".join(package.read(n).decode("utf-8", "replace")
                             for n in package.namelist())
        assert not [c for c in CONTACTS if c in parts], path.name
    schools = split(results)[0]
    [path] = write_feedback_workbooks(schools[1:2], [], vocabulary, tmp_path,
                                      merged_on=MERGED_ON, with_contacts=True)
    shown = "\n".join(texts(path))
    assert "onthaal(at)lsc.be" in shown, "with contacts, a finding shows the e-mail it is about"
    assert "Els Peeters" not in shown, "the partner list with its contacts is on the card"


def test_an_unreadable_file_gets_a_workbook_saying_why(
        written: dict[str, Path], results: list[FileResult]) -> None:
    [bad] = [r for r in results if r.status == "unreadable"]
    assert bad.reason
    page = rows(written["mail (onleesbaar).xlsx"], "Terugkoppeling")
    assert page[0][0] == "Terugkoppeling: je netwerkkaart kon niet gelezen worden"
    shown = [r[0] for r in page if r[0]]
    assert f"Waarom: {bad.reason}" in shown
    assert any(str(t).startswith("Wat te doen:") for t in shown)
    assert "Samengevoegd op 01/12/2026; gebaseerd op het bestand ‘mail.xlsx’." in shown


def test_colliding_and_unsafe_names(results: list[FileResult], vocabulary: Vocabulary,
                                    tmp_path: Path) -> None:
    first = split(results)[0][1]
    assert first.school is not None
    odd = replace(first, school=first.school._replace(
        naam='De "Ster": A/B*? <1>|  ', instellingsnummer=""))
    device = replace(first, school=first.school._replace(naam="con", instellingsnummer=""))
    long = replace(first, school=first.school._replace(naam="Zeer " * 40))
    names = [p.name for p in write_feedback_workbooks(
        [first, first, odd, device, long, replace(first, school=first.school._replace(
            naam="basisschool de regenboog"))], [], vocabulary, tmp_path,
        merged_on=MERGED_ON)]
    assert names[:4] == ["030001 Basisschool De Regenboog.xlsx",
                         "030001 Basisschool De Regenboog (2).xlsx",
                         "De Ster A B 1.xlsx", "_con.xlsx"]
    assert len(names[4]) <= 85 and names[4].startswith("030001 Zeer Zeer")
    assert names[5] == "030001 basisschool de regenboog (3).xlsx", "Windows ignores case"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_english(results: list[FileResult], vocabulary: Vocabulary, tmp_path: Path) -> None:
    schools, unreadable = split(results)
    paths = write_feedback_workbooks(schools[1:2], unreadable, vocabulary, tmp_path,
                                     merged_on=MERGED_ON, lang="en")
    assert [p.name for p in paths] == ["030001 Basisschool De Regenboog.xlsx",
                                       "mail (unreadable).xlsx"]
    book = openpyxl.load_workbook(paths[0])
    assert book.sheetnames == ["Feedback", "Findings"]
    assert book["Findings"]["G1"].value == "What to do"
    assert book["Feedback"]["A1"].value == "Network card feedback"


def test_a_large_region_is_written_by_forked_processes_alike(
        results: list[FileResult], vocabulary: Vocabulary, tmp_path: Path) -> None:
    first = split(results)[0][1]
    assert first.school is not None
    many = [replace(first, school=first.school._replace(instellingsnummer=f"{n:06d}"))
            for n in range(FORK_FROM + 10)]
    paths = write_feedback_workbooks(many, [], vocabulary, tmp_path / "all",
                                     merged_on=MERGED_ON)
    assert [p.name for p in paths] == [f"{n:06d} Basisschool De Regenboog.xlsx"
                                       for n in range(FORK_FROM + 10)]
    # the same school but for its number: the parent's first workbook, a child's last
    parent, child = cells(paths[0]), cells(paths[-1])
    number = ("Terugkoppeling", "B6")
    assert (parent.pop(number)[0], child.pop(number)[0]) == ("000000", f"{FORK_FROM + 9:06d}")
    assert parent == child
    assert rows(paths[-1], "Terugkoppeling")[5][:2] == ("Instellingsnummer",
                                                        f"{FORK_FROM + 9:06d}")


def test_a_map_goes_on_a_sheet_of_its_own_scaled_to_the_page(
        results: list[FileResult], vocabulary: Vocabulary, tmp_path: Path) -> None:
    Image.new("RGB", (3000, 1500), (20, 60, 140)).save(tmp_path / "kaart.png")
    picture = (tmp_path / "kaart.png").read_bytes()
    schools = split(results)[0][1:3]
    paths = write_feedback_workbooks(
        schools, [], vocabulary, tmp_path / "out", merged_on=MERGED_ON,
        maps=lambda r: picture if r is schools[0] else None)
    with_map = openpyxl.load_workbook(paths[0])
    assert with_map.sheetnames == ["Terugkoppeling", "Bevindingen", "Netwerkkaart"]
    assert with_map["Netwerkkaart"]["A1"].value == "Netwerkkaart van Basisschool De Regenboog"
    assert len(with_map["Netwerkkaart"]._images) == 1
    with zipfile.ZipFile(paths[0]) as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode()
        assert package.read("xl/media/image1.png") == picture
    width_emu = int(drawing.split('<a:ext cx="')[1].split('"')[0])
    assert width_emu <= 1000 * 9525, "scaled to a landscape A4 page (1000 px of 9525 EMU)"
    assert "Netwerkkaart" not in openpyxl.load_workbook(paths[1]).sheetnames


def test_a_school_without_a_level_is_compared_with_the_others_without_one(
        results: list[FileResult], vocabulary: Vocabulary, tmp_path: Path) -> None:
    first = split(results)[0][1]
    assert first.school is not None
    unknown = replace(first, school=first.school._replace(onderwijsniveau=""))
    [path] = write_feedback_workbooks([unknown], [], vocabulary, tmp_path,
                                      merged_on=MERGED_ON)
    page = rows(path, "Terugkoppeling")
    expected = sum(1 for c in vocabulary.categories if c.expectation(None))
    assert (f"Je school heeft partners in 2 van de {expected} categorieën die van elke school "
            "verwacht worden. De mediaan van de 1 school (zonder onderwijsniveau) in de regio "
            "is 2.",) in [r[:1] for r in page]
    assert ("Onderwijsniveau", "—") in [r[:2] for r in page]
