"""The guard: locked and read-only inputs, part-level writing, verification, backups.

Real workbooks throughout; the verification failure is a real corrupted
temporary file, tampered with between writing and verifying.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from schoolnet_xl.edit.atomic import GuardError, backup_path
from schoolnet_xl.edit.guard import GuardedWrite, run_guarded
from schoolnet_xl.edit.preflight import Risk, scan
from schoolnet_xl.edit.sheets import same_values, sheet_values
from schoolnet_xl.edit.transplant import TransplantError, transplant
from tests.support.workbooks import part_bytes, png, sheet_part


def make_card_like(path: Path, picture: Path) -> Path:
    """A workbook shaped like a card: grid table, old Overzicht with a chart, a notes sheet
    with a text box, an image and a sparkline, a defined name local to that sheet."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    grid = wb.add_worksheet("Netwerkkaart")
    overview = wb.add_worksheet("Overzicht")
    notes = wb.add_worksheet("Notities")
    grid.write_row("A1", ["Organisatie", "Categorie"])
    grid.write_row("A2", ["Vrij CLB Gent", "CLB"])
    grid.write_row("A3", ["OCMW Gent", "OCMW"])
    grid.add_table("A1:B3", {"name": "Partners", "columns": [{"header": "Organisatie"},
                                                             {"header": "Categorie"}]})
    grid.data_validation("B2:B3", {"validate": "list", "source": ["CLB", "OCMW"]})
    grid.set_column(0, 0, 31)
    overview.write("A1", "oud overzicht")
    chart = wb.add_chart({"type": "pie"})
    chart.add_series({"values": "=Overzicht!$A$1:$A$1"})
    overview.insert_chart("C3", chart)
    notes.write_row("A1", [3, 4])
    notes.write_formula("C1", "=A1*B1", None, 12)
    notes.insert_textbox("B4", "Afspraken met het CLB")
    notes.insert_image("F4", str(picture))
    notes.add_sparkline("D1", {"range": "Notities!A1:B1"})
    wb.define_name("Notities!Totaal", "=Notities!$C$1")
    wb.close()
    return path


def make_donor(path: Path) -> Path:
    """New Overzicht and Validatie sheets, as a command would write them."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    overview = wb.add_worksheet("Overzicht")
    validation = wb.add_worksheet("Validatie")
    red = wb.add_format({"bg_color": "#FFC7CE", "bold": True})
    overview.write_string("A1", "Overzicht", red)
    overview.write_formula("B2", '=COUNTIF(Partners[Categorie],"CLB")', None, 1)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"values": "=Overzicht!$B$2:$B$2"})
    overview.insert_chart("D2", chart)
    validation.write_row("A1", ["Ernst", "Code", "Cel", "Melding", "Tip"])
    validation.write_url("C2", "internal:'Netwerkkaart'!B3", string="Netwerkkaart!B3")
    wb.close()
    return path


@pytest.fixture
def card(tmp_path: Path) -> Path:
    folder = tmp_path / "kaarten"
    folder.mkdir()
    return make_card_like(folder / "kaart.xlsx", png(tmp_path / "logo.png"))


@pytest.fixture
def donor(tmp_path: Path) -> Path:
    return make_donor(tmp_path / "donor.xlsx")


def summary_job(card: Path, donor: Path, **kwargs) -> GuardedWrite:
    owned = {"Overzicht", "Validatie"}
    return GuardedWrite(
        source=card, output=kwargs.pop("output", None), owned=owned,
        write=lambda temp: transplant(card, donor, temp, after="Overzicht"),
        check=lambda temp: same_values(donor, temp, sorted(owned)),
        own_kinds=frozenset({"chart"}), **kwargs)


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_part_level_write_keeps_every_other_part_byte_for_byte(card: Path, donor: Path) -> None:
    before = part_bytes(card)
    assert Risk("textbox", "Notities") in scan(card)  # not on an owned sheet: no refusal
    outcome = run_guarded(summary_job(card, donor))
    after = part_bytes(card)
    notes = sheet_part(card, "Notities")
    for name in ("xl/drawings/drawing2.xml", notes, "xl/sharedStrings.xml",
                 "xl/tables/table1.xml", sheet_part(card, "Netwerkkaart")):
        assert after[name] == before[name], name
    assert outcome.backup is not None
    assert part_bytes(outcome.backup) == before
    assert sheet_values(card, "Overzicht")[1][1] == 1
    assert sheet_values(card, "Validatie")[1][2] == "Netwerkkaart!B3"
    with zipfile.ZipFile(card) as zf:
        workbook = zf.read("xl/workbook.xml").decode()
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == [
        "Netwerkkaart", "Overzicht", "Validatie", "Notities"]
    # the name local to Notities moved with its sheet (now the 4th, index 3)
    assert 'name="Totaal" localSheetId="3"' in workbook


def test_backup_is_the_original_bytes_with_a_timestamp(card: Path, donor: Path) -> None:
    original = card.read_bytes()
    outcome = run_guarded(summary_job(card, donor))
    assert outcome.backup is not None
    assert re.fullmatch(r"kaart\.backup-\d{8}-\d{6}\.xlsx", outcome.backup.name)
    assert outcome.backup.read_bytes() == original
    assert backup_path(card) != outcome.backup  # a second backup never overwrites the first


def test_no_backup_leaves_only_the_card(card: Path, donor: Path) -> None:
    run_guarded(summary_job(card, donor, backup=False))
    assert folder_listing(card.parent) == ["kaart.xlsx"]


def test_a_corrupted_temporary_file_fails_verification_and_changes_nothing(
    card: Path, donor: Path
) -> None:
    original = card.read_bytes()

    def corrupt_a_note(temp: Path) -> None:
        """Change the cached formula value on the notes sheet inside the written file."""
        parts = part_bytes(temp)
        part = sheet_part(temp, "Notities")
        parts[part] = parts[part].replace(b"<v>12</v>", b"<v>13</v>").replace(
            b"<v>3</v>", b"<v>30</v>")
        with zipfile.ZipFile(temp, "w") as zf:
            for name, data in parts.items():
                zf.writestr(name, data)

    with pytest.raises(GuardError) as refused:
        run_guarded(summary_job(card, donor, before_verify=corrupt_a_note))
    assert refused.value.exit_code == 1
    assert "controle na het schrijven mislukt" in str(refused.value)
    assert "Notities" in str(refused.value)
    assert card.read_bytes() == original
    assert folder_listing(card.parent) == ["kaart.xlsx"]


def test_a_truncated_temporary_file_fails_verification(card: Path, donor: Path) -> None:
    original = card.read_bytes()

    def truncate(temp: Path) -> None:
        temp.write_bytes(temp.read_bytes()[:500])

    with pytest.raises(GuardError) as refused:
        run_guarded(summary_job(card, donor, before_verify=truncate))
    assert refused.value.exit_code == 1
    assert card.read_bytes() == original
    assert folder_listing(card.parent) == ["kaart.xlsx"]


def test_a_locked_card_is_refused_and_nothing_is_written(card: Path, donor: Path) -> None:
    (card.parent / "~$kaart.xlsx").write_bytes(b"\x00" * 162)
    original = card.read_bytes()
    with pytest.raises(GuardError) as refused:
        run_guarded(summary_job(card, donor))
    assert refused.value.exit_code == 2
    assert "open in een ander programma" in str(refused.value)
    assert card.read_bytes() == original
    assert folder_listing(card.parent) == ["kaart.xlsx", "~$kaart.xlsx"]


def test_a_read_only_card_is_refused_and_nothing_is_written(card: Path, donor: Path) -> None:
    original = card.read_bytes()
    card.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        with pytest.raises(GuardError) as refused:
            run_guarded(summary_job(card, donor))
    finally:
        card.chmod(0o644)
    assert refused.value.exit_code == 2
    assert "alleen-lezen" in str(refused.value)
    assert card.read_bytes() == original
    assert folder_listing(card.parent) == ["kaart.xlsx"]


def test_a_read_only_folder_is_refused(card: Path, donor: Path) -> None:
    card.parent.chmod(0o555)
    try:
        with pytest.raises(GuardError) as refused:
            run_guarded(summary_job(card, donor))
        assert folder_listing(card.parent) == ["kaart.xlsx"]
    finally:
        card.parent.chmod(0o755)
    assert refused.value.exit_code == 2


def test_an_existing_output_needs_force(card: Path, donor: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopie.xlsx"
    target.write_bytes(b"iets anders")
    with pytest.raises(GuardError) as refused:
        run_guarded(summary_job(card, donor, output=target))
    assert refused.value.exit_code == 2
    assert target.read_bytes() == b"iets anders"
    run_guarded(summary_job(card, donor, output=target, force=True))
    assert sheet_values(target, "Validatie") is not None
    assert os.path.getsize(target) > 1000


def test_a_writer_that_loses_parts_everywhere_is_refused_for_a_chart_on_another_sheet(
    tmp_path: Path, donor: Path
) -> None:
    import xlsxwriter

    path = tmp_path / "grafieken.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for name in ("Netwerkkaart", "Overzicht", "Notities"):
        sheet = wb.add_worksheet(name)
        sheet.write_row("A1", [1, 2, 3])
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({"values": f"={name}!$A$1:$C$1"})
        sheet.insert_chart("B3", chart)
    wb.close()
    original = path.read_bytes()
    job = summary_job(path, donor, loses_everywhere=True, kept_kinds=frozenset({"image"}))
    with pytest.raises(GuardError) as refused:
        run_guarded(job)
    message = str(refused.value)
    assert "een grafiek op blad 'Netwerkkaart'" in message
    assert "een grafiek op blad 'Notities'" in message
    assert "'Overzicht'" not in message  # that chart is the command's own
    assert path.read_bytes() == original


def _with_part(path: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    parts = part_bytes(path)
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return path


def test_an_input_the_probe_has_not_seen_with_a_dtd_is_refused_before_anything_is_written(
    card: Path, donor: Path
) -> None:
    """`upgrade` reads its input with calamine only: the guard's own package reader must
    refuse entity declarations rather than expand or misread them."""
    doctype = b'<!DOCTYPE Relationships [<!ENTITY a "aaaaaaaaaa">]>'
    _with_part(card, "xl/_rels/workbook.xml.rels",
               lambda xml: xml.replace(b"<Relationships", doctype + b"<Relationships", 1))
    original = card.read_bytes()
    with pytest.raises(GuardError) as refused:
        run_guarded(summary_job(card, donor))
    assert refused.value.exit_code == 2
    assert "DOCTYPE" in str(refused.value)
    assert card.read_bytes() == original
    assert folder_listing(card.parent) == ["kaart.xlsx"]


def test_a_workbook_an_xml_parser_reads_other_than_the_package_reader_is_not_transplanted(
    card: Path, donor: Path, tmp_path: Path
) -> None:
    """A Strict OOXML workbook.xml: the package reader's regular expressions find its sheets,
    a namespace-aware reader finds none in the transitional namespace. The part writer
    refuses (summary then takes the openpyxl route) rather than mix the two."""
    strict = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    _with_part(card, "xl/workbook.xml", lambda xml: xml.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", strict))
    with pytest.raises(TransplantError):
        transplant(card, donor, tmp_path / "uit.xlsx", after="Overzicht")
    assert not (tmp_path / "uit.xlsx").exists()
