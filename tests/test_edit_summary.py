"""`schoolnet-xl summary`: regenerate Overzicht and Validatie without losing anything.

A card is filled by the test, changed the way a person would (comment, own
notes sheet with formulas, image, widths, colours) and saved by LibreOffice;
`summary` in place must keep all of it and write an Overzicht that LibreOffice
recalculates to the same numbers the test expects. Parts that would be lost
on the sheets `summary` replaces make it refuse; `-o` writes a copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from schoolnet_xl.core.sheet_words import STATUS_WORDS, VALIDATION_HEADER_ROW
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.summary import summarize
from schoolnet_xl.read.package import Package
from schoolnet_xl.template import write_card
from tests.support import libreoffice
from tests.support.workbooks import (
    add_sparkline,
    add_textbox,
    add_threaded_comment,
    part_bytes,
    png,
    prefix_styles,
    relationship_prefix_on_each_sheet,
    sheet_part,
)

OWNED = {"Overzicht", "Validatie", "Netwerk"}
HEADER_ROW = VALIDATION_HEADER_ROW + 1  # 1-based, as openpyxl counts
# Organisatie, Aard, Kansen, Zorg, Armoede, Categorie (label as picked in the dropdown)
PARTNERS = [
    ("Vrij CLB Gent", "Draaischijf welzijn-onderwijs", "", "X", "", "CLB"),
    ("OCMW Gent", "Tussenkomst schoolkosten", "", "X", "X", "OCMW / Sociaal Huis"),
    ("Stedelijke bibliotheek", "Leesproject verteltassen", "X", "", "", "Bibliotheek"),
    ("Leersteuncentrum Gent", "Ondersteuning fase 2 en 3", "X", "X", "", "Leersteuncentrum"),
    ("Huis van het Kind", "Opvoedingsondersteuning", "", "X", "X",
     "Kind en Gezin / Huis van het Kind"),
    ("Academie Gent", "Muziekproject", "X", "", "", "Cultuur"),
    ("Sportdienst", "Naschoolse sport", "", "", "", "Sport"),
]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


# openpyxl reads and writes XML with lxml when it is installed (the test extras install
# it, as most users' machines have it), else with the standard library. This runs the
# CLI as `python -m schoolnet_xl` would, with lxml made unimportable, so the other
# backend stays covered.
WITHOUT_LXML = """\
import sys
sys.modules["lxml"] = None
import openpyxl.xml
assert not openpyxl.xml.LXML, "openpyxl still uses lxml"
from schoolnet_xl.cli import main
main(prog_name="schoolnet-xl")
"""


def run_cli_without_lxml(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_LXML, *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def _load(path: Path, **kwargs: Any) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, **kwargs)


def filled_card(folder: Path, vocabulary: Vocabulary) -> Path:
    """The template filled in cell by cell (as staff would type), header included."""
    blank = write_card(folder / "blanco.xlsx", vocabulary)
    wb = _load(blank)
    ws = wb["Netwerkkaart"]
    for name, value in (("Schoolnaam", "Basisschool De Klimop"), ("Instellingsnummer", "030569"),
                        ("Onderwijsniveau", "Basisonderwijs"), ("Schooljaar", "2025-2026")):
        sheet, cell = next(iter(wb.defined_names[name].destinations))
        wb[sheet][cell.replace("$", "")] = value
    table = ws.tables["Partners"]
    first_row = int(table.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    first_col = 1
    for offset, partner in enumerate(PARTNERS):
        for column, value in enumerate(partner):
            if value:
                ws.cell(first_row + offset, first_col + column, value)
    path = folder / "gevuld.xlsx"
    wb.save(path)
    return path


def person_edits(path: Path, picture: Path) -> None:
    """A comment, widths, a colour, an own notes sheet with formulas and an image."""
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image
    from openpyxl.styles import PatternFill

    wb = _load(path)
    ws = wb["Netwerkkaart"]
    ws["A10"].comment = Comment("Contact loopt via An", "An")
    ws.column_dimensions["B"].width = 48
    ws["A11"].fill = PatternFill("solid", fgColor="FFFF00")
    notes = wb.create_sheet("Notities")
    notes["A1"] = "Onze eigen notities"
    notes["A2"] = 5
    notes["B2"] = "=A2*2"
    notes["C2"] = "=COUNTA(Partners[Organisatie])"
    notes["A3"] = "Volgend overleg in maart"
    notes.merge_cells("A5:C5")
    notes["A5"] = "Samengevoegd"
    notes.column_dimensions["A"].width = 30
    notes.add_image(Image(str(picture)), "E5")
    wb.save(path)


@pytest.fixture
def person_card(tmp_path: Path, vocabulary: Vocabulary, soffice: str) -> Path:
    """A filled card changed by a person and saved by LibreOffice, in its own folder."""
    work = tmp_path / "werk"
    work.mkdir()
    filled = filled_card(work, vocabulary)
    person_edits(filled, png(work / "logo.png"))
    saved = libreoffice.convert(filled, "xlsx", tmp_path / "lo")
    folder = tmp_path / "kaarten"
    folder.mkdir()
    return Path(shutil.copy(saved, folder / "kaart.xlsx"))


def content(path: Path) -> dict[str, Any]:
    """Everything a person could see outside Overzicht/Validatie, read with openpyxl."""
    wb = _load(path)
    out: dict[str, Any] = {
        "order": [s for s in wb.sheetnames if s not in OWNED],
        "names": {n: d.value for n, d in wb.defined_names.items()},
    }
    for ws in wb.worksheets:
        if ws.title in OWNED:
            continue
        out[ws.title] = {
            "cells": {c.coordinate: c.value for row in ws.iter_rows() for c in row
                      if c.value is not None},
            "fills": {c.coordinate: c.fill.fgColor.rgb for row in ws.iter_rows() for c in row
                      if c.fill.fill_type},
            "comments": {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row
                         if c.comment},
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted((str(v.sqref), v.formula1) for v in
                                  ws.data_validations.dataValidation),
            "conditional": sorted((str(r.sqref), tuple(rule.formula or ()))
                                  for r in ws.conditional_formatting for rule in r.rules),
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "tables": dict(ws.tables.items()),
            "state": ws.sheet_state,
        }
    return out


def media(path: Path) -> dict[str, bytes]:
    return {n: b for n, b in part_bytes(path).items() if n.startswith("xl/media/")}


def overview_rows(path: Path) -> dict[str, list[Any]]:
    """Overzicht rows keyed by their column-A label (values as computed, "" as empty)."""
    ws = _load(path, data_only=True)["Overzicht"]
    return {str(r[0]): [None if v == "" else v for v in r]
            for r in ws.iter_rows(values_only=True) if r[0]}


def test_summary_in_place_keeps_what_a_person_added_and_is_right_after_recalculation(
    person_card: Path, vocabulary: Vocabulary, tmp_path: Path
) -> None:
    original = person_card.read_bytes()
    before, images = content(person_card), media(person_card)
    assert images and before["Netwerkkaart"]["comments"]

    done = run_cli("summary", person_card)

    assert done.returncode == 0, done.stderr
    assert "Bijgewerkt" in done.stdout
    assert content(person_card) == before
    assert images.items() <= media(person_card).items()  # the person's, and the map
    backups = sorted(person_card.parent.glob("kaart.backup-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert sorted(p.name for p in person_card.parent.iterdir()) == [
        backups[0].name, "kaart.xlsx"]

    cached = overview_rows(person_card)
    recalculated = overview_rows(libreoffice.recalculate(person_card, tmp_path / "recalc"))
    assert recalculated == cached
    counts = Counter(p[5] for p in PARTNERS)
    for category in vocabulary.categories:
        row = recalculated[category.label]
        assert row[2] == counts[category.label], category.code
        expected = category.expectation("BAO")
        if counts[category.label]:
            assert row[4] == STATUS_WORDS["present"]
        elif expected == "core":
            assert row[4] == STATUS_WORDS["missing_core"]
        elif expected == "recommended":
            assert row[4] == STATUS_WORDS["missing_recommended"]
    for column, area in zip((2, 3, 4), vocabulary.focus, strict=True):
        assert recalculated[area.header][2] == sum(1 for p in PARTNERS if p[column])
    validation = _load(person_card)["Validatie"]
    header = [c.value for c in validation[HEADER_ROW]]
    assert header == ["Ernst", "Code", "Cel", "Melding", "Tip"]
    codes = [row[1] for row in validation.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert codes, "the card misses core categories, so Validatie lists findings"
    linked = [c for c in validation["C"][HEADER_ROW:] if c.hyperlink]
    for cell in linked:
        assert cell.hyperlink.location.startswith("'Netwerkkaart'!")


def test_summary_twice_gives_the_same_sheets(person_card: Path) -> None:
    assert run_cli("summary", person_card, "--no-backup").returncode == 0
    first = overview_rows(person_card)
    assert run_cli("summary", person_card, "--no-backup").returncode == 0
    assert overview_rows(person_card) == first
    assert _load(person_card).sheetnames.count("Validatie") == 1


@pytest.fixture
def template_card(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    work, folder = tmp_path / "werk", tmp_path / "kaarten"
    work.mkdir()
    folder.mkdir()
    return Path(shutil.move(filled_card(work, vocabulary), folder / "kaart.xlsx"))


@pytest.mark.parametrize("addition, named", [
    (lambda p: add_textbox(p, "Overzicht", "Onze toelichting"), "een tekstvak op blad 'Overzicht'"),
    (lambda p: add_sparkline(p, "Overzicht", "Overzicht!C10:C12", "F10"),
     "sparklines op blad 'Overzicht'"),
    (lambda p: add_threaded_comment(p, "Overzicht"), "(threaded comment) op blad 'Overzicht'"),
])
def test_summary_refuses_what_it_would_lose_and_writes_a_copy_with_o(
    template_card: Path, tmp_path: Path, addition: Any, named: str
) -> None:
    addition(template_card)
    original = template_card.read_bytes()

    refused = run_cli("summary", template_card)

    assert refused.returncode == 1
    assert named in refused.stderr
    assert "zouden verloren gaan" in refused.stderr and "-o NIEUW.xlsx" in refused.stderr
    assert template_card.read_bytes() == original
    assert sorted(p.name for p in template_card.parent.iterdir()) == ["kaart.xlsx"]

    copy = tmp_path / "kopie.xlsx"
    written = run_cli("summary", template_card, "-o", copy)
    assert written.returncode == 0, written.stderr
    assert "niet overgenomen" in written.stdout
    assert template_card.read_bytes() == original
    assert overview_rows(copy)["Aantal partners (met naam)"][2] == len(PARTNERS)


def test_risky_parts_on_sheets_summary_does_not_own_are_kept_byte_for_byte(
    template_card: Path,
) -> None:
    add_threaded_comment(template_card, "Netwerkkaart")
    add_sparkline(template_card, "Categorieën", "Categorieën!A2:A4", "H2")
    before = part_bytes(template_card)

    done = run_cli("summary", template_card, "--no-backup")

    assert done.returncode == 0, done.stderr
    after = part_bytes(template_card)
    for name in ("xl/threadedComments/threadedComment1.xml",
                 sheet_part(template_card, "Netwerkkaart"),
                 sheet_part(template_card, "Categorieën")):
        assert after[name] == before[name], name


def test_force_rewrites_the_overview_despite_its_text_box(template_card: Path) -> None:
    add_textbox(template_card, "Overzicht", "Onze toelichting")
    done = run_cli("summary", template_card, "--force")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(template_card) as zf:
        assert not any(b"Onze toelichting" in zf.read(n) for n in zf.namelist())


def test_a_verification_failure_leaves_the_card_untouched(
    template_card: Path, vocabulary: Vocabulary
) -> None:
    original = template_card.read_bytes()

    def change_the_school_name(temp: Path) -> None:
        parts = {name: data.replace(b"De Klimop", b"De Klimrank")
                 for name, data in part_bytes(temp).items()}
        with zipfile.ZipFile(temp, "w") as zf:
            for name, data in parts.items():
                zf.writestr(name, data)

    with pytest.raises(GuardError) as failed:
        summarize(template_card, vocabulary, before_verify=change_the_school_name)
    assert failed.value.exit_code == 1
    assert "De Klimrank" in str(failed.value)
    assert template_card.read_bytes() == original
    assert sorted(p.name for p in template_card.parent.iterdir()) == ["kaart.xlsx"]


def test_locked_and_read_only_cards_are_refused(template_card: Path) -> None:
    original = template_card.read_bytes()
    lock = template_card.with_name("~$kaart.xlsx")
    lock.write_bytes(b"An")
    locked = run_cli("summary", template_card)
    assert locked.returncode == 2
    assert "open in een ander programma" in locked.stderr
    lock.unlink()
    template_card.chmod(0o444)
    try:
        read_only = run_cli("summary", template_card)
    finally:
        template_card.chmod(0o644)
    assert read_only.returncode == 2
    assert "alleen-lezen" in read_only.stderr
    assert template_card.read_bytes() == original
    assert sorted(p.name for p in template_card.parent.iterdir()) == ["kaart.xlsx"]


def test_a_hand_made_grid_is_not_a_template_card(tmp_path: Path) -> None:
    import xlsxwriter

    grid = tmp_path / "rooster.xlsx"
    wb = xlsxwriter.Workbook(str(grid))
    ws = wb.add_worksheet("Netwerk")
    ws.write_row(0, 0, ["Organisatie", "Aard en specificaties", "Zorg"])
    ws.write_row(1, 0, ["Vrij CLB", "Begeleiding", "x"])
    wb.close()
    original = grid.read_bytes()
    done = run_cli("summary", grid)
    assert done.returncode == 2
    assert "schoolnet-xl import" in done.stderr
    assert grid.read_bytes() == original


def test_on_the_openpyxl_route_parts_on_any_sheet_are_protected(template_card: Path) -> None:
    add_threaded_comment(template_card, "Netwerkkaart")
    prefix_styles(template_card)
    original = template_card.read_bytes()
    refused = run_cli("summary", template_card)
    assert refused.returncode == 1
    assert "(threaded comment) op blad 'Netwerkkaart'" in refused.stderr
    assert template_card.read_bytes() == original


def sheet_entries(path: Path) -> list[tuple[str, str]]:
    """(name, part) of every sheet, as a namespace-aware parser resolves workbook.xml
    (ElementTree, as Excel reads it, not the package module's regular expressions)."""
    from xml.etree import ElementTree as ET

    from schoolnet_xl.read.package import NS_MAIN, NS_REL, relations, workbook_part

    with Package.open(path) as package:
        wb_part = workbook_part(package)
        targets = {r.rid: r.target for r in relations(package, wb_part)}
        root = ET.fromstring(package.read(wb_part) or b"")
    return [(node.get("name", ""), targets.get(node.get(f"{{{NS_REL}}}id", ""), ""))
            for node in root.iterfind(f"{{{NS_MAIN}}}sheets/{{{NS_MAIN}}}sheet")]


@pytest.mark.parametrize("cli", [run_cli, run_cli_without_lxml], ids=["as-installed", "no-lxml"])
def test_summary_o_of_a_card_with_a_text_box_with_either_xml_backend(
    template_card: Path, tmp_path: Path, cli: Any
) -> None:
    add_textbox(template_card, "Overzicht", "Onze toelichting")
    original = template_card.read_bytes()
    copy = tmp_path / "kopie.xlsx"

    written = cli("summary", template_card, "-o", copy)

    assert written.returncode == 0, written.stderr
    assert "een tekstvak op blad 'Overzicht'" in written.stdout
    assert template_card.read_bytes() == original
    assert [n for n, _ in sheet_entries(copy)] == [
        "Netwerkkaart", "Overzicht", "Validatie", "Netwerk", "Categorieën", "Handleiding",
        "_schoolnet"]
    assert all(part for _, part in sheet_entries(copy))
    rows = overview_rows(copy)
    assert rows["Aantal partners (met naam)"][2] == len(PARTNERS)
    assert rows["CLB"][2] == 1 and rows["CLB"][4] == STATUS_WORDS["present"]
    assert content(copy) == content(template_card)


def _unchanged(card: Path) -> Path:
    return card


@pytest.mark.parametrize("cli", [run_cli, run_cli_without_lxml], ids=["as-installed", "no-lxml"])
@pytest.mark.parametrize(("prepare", "route"), [
    (_unchanged, "Bijgewerkt"),
    (prefix_styles, "via openpyxl herschreven"),  # a package the part writer refuses
], ids=["part-writer", "openpyxl-route"])
def test_plain_summary_of_a_template_card_on_either_route_with_either_xml_backend(
    template_card: Path, cli: Any, prepare: Callable[[Path], Path], route: str
) -> None:
    prepare(template_card)
    before = content(template_card)

    done = cli("summary", template_card, "--no-backup")

    assert done.returncode == 0, done.stderr
    assert route in done.stdout
    assert content(template_card) == before
    assert overview_rows(template_card)["Aantal partners (met naam)"][2] == len(PARTNERS)
    validation = _load(template_card)["Validatie"]
    assert [c.value for c in validation[HEADER_ROW]] == ["Ernst", "Code", "Cel", "Melding", "Tip"]
    assert validation["A1"].value == "Validatie van de netwerkkaart"
    assert validation["A2"].value.startswith(f"Kaart: {template_card.name} - gecontroleerd op ")


def test_the_relationships_namespace_may_be_declared_on_each_sheet_under_any_prefix(
    template_card: Path,
) -> None:
    """Where workbook.xml declares xmlns:r (and the prefix) is up to its writer."""
    relationship_prefix_on_each_sheet(template_card, "rel")
    before = sheet_entries(template_card)

    done = run_cli("summary", template_card, "--no-backup")

    assert done.returncode == 0, done.stderr
    after = sheet_entries(template_card)
    assert [e for e in after if e[0] not in ("Validatie", "Netwerk")] == before
    assert [n for n, _ in after].index("Validatie") == 2
    assert overview_rows(template_card)["Aantal partners (met naam)"][2] == len(PARTNERS)
