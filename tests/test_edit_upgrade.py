"""`schoolnet-xl upgrade`: a card of template 0.9 moves onto the current template, value by value.

The 0.9 card is the committed fixture built by tests/fixtures/make_old_card.py;
the expected values are that builder's own data, not what our reader makes of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schoolnet_xl.core.contract import TEMPLATE_VERSION
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.sheets import read_meta, sheet_values
from schoolnet_xl.read import read_card
from tests.fixtures import make_old_card as old

FIXTURE = Path(__file__).parent / "fixtures" / "old-card-0.9.xlsx"
HEADER_FIELDS = ["schoolnaam", "instellingsnummer", "onderwijsniveau", "scholengemeenschap",
                 "gemeente", "schooljaar", "ingevuld_door", "datum"]
ROW_FIELDS = ["organisatie", "aard", "KANS", "ZORG", "ARMOEDE", "categorie", "contactpersoon",
              "email", "telefoon", "intensiteit", "interne_trekker", "antennefunctie", "status",
              "sinds", "volgende_stap"]


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def old_card(tmp_path: Path) -> Path:
    folder = tmp_path / "kaarten"
    folder.mkdir()
    return Path(shutil.copy(FIXTURE, folder / "kaart.xlsx"))


def as_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def assert_every_old_value_is_kept(card_path: Path, vocabulary: Vocabulary) -> None:
    result = read_card(card_path, vocabulary=vocabulary)
    assert result.status == "ok" and result.kind == "template"
    card = result.card
    for field, (_, value) in zip(HEADER_FIELDS, old.HEADER, strict=True):
        assert as_text(getattr(card.header, field).value) == as_text(value), field
    rows = [p for p in card.partners if has_content(p)]
    assert len(rows) == len(old.ROWS)
    for partner, expected in zip(rows, old.ROWS, strict=True):
        for field, value in zip(ROW_FIELDS, expected, strict=True):
            if field in ("KANS", "ZORG", "ARMOEDE"):
                assert vocabulary.is_mark(partner.focus[field].value) == bool(value), field
            else:
                assert as_text(getattr(partner, field).value) == as_text(value), field


def test_the_committed_fixture_is_what_its_builder_makes(tmp_path: Path) -> None:
    rebuilt = old.build(tmp_path / "rebuilt.xlsx")
    for sheet in ("Netwerkkaart", "_schoolnet"):
        assert sheet_values(rebuilt, sheet) == sheet_values(FIXTURE, sheet)
    assert read_meta(FIXTURE)["template_version"] == "0.9"


def test_upgrade_in_place_keeps_every_value_and_backs_up_the_original(
    old_card: Path, vocabulary: Vocabulary
) -> None:
    original = old_card.read_bytes()
    done = run_cli("upgrade", old_card)
    assert done.returncode == 0, done.stderr
    assert f"0.9 -> {TEMPLATE_VERSION}" in done.stdout
    assert read_meta(old_card)["template_version"] == TEMPLATE_VERSION
    assert_every_old_value_is_kept(old_card, vocabulary)
    backups = list(old_card.parent.glob("kaart.backup-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original

    again = run_cli("upgrade", old_card)
    assert again.returncode == 0 and "niets te doen" in again.stdout


def test_upgrade_to_a_new_file_leaves_the_old_card_alone(
    old_card: Path, vocabulary: Vocabulary, tmp_path: Path
) -> None:
    original = old_card.read_bytes()
    target = tmp_path / "kaart-1.0.xlsx"
    done = run_cli("upgrade", old_card, "-o", target)
    assert done.returncode == 0, done.stderr
    assert old_card.read_bytes() == original
    assert_every_old_value_is_kept(target, vocabulary)


def test_a_card_from_a_newer_template_is_refused(old_card: Path, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(old_card)
    wb["_schoolnet"]["B2"] = "2.0"
    newer = tmp_path / "kaarten" / "nieuwer.xlsx"
    wb.save(newer)
    original = newer.read_bytes()
    done = run_cli("upgrade", newer)
    assert done.returncode == 2
    assert "nieuwer dan wat deze versie van schoolnet-xl kent" in done.stderr
    assert newer.read_bytes() == original


def test_an_own_sheet_that_would_be_lost_is_named_and_refused(old_card: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(old_card)
    wb.create_sheet("Notities")["A1"] = "Onze afspraken"
    wb.save(old_card)
    original = old_card.read_bytes()
    refused = run_cli("upgrade", old_card)
    assert refused.returncode == 1
    assert "het eigen blad 'Notities'" in refused.stderr
    assert old_card.read_bytes() == original
    assert sorted(p.name for p in old_card.parent.iterdir()) == ["kaart.xlsx"]
    forced = run_cli("upgrade", old_card, "--force")
    assert forced.returncode == 0, forced.stderr


def test_a_file_without_template_version_is_not_upgraded(tmp_path: Path) -> None:
    import xlsxwriter

    grid = tmp_path / "rooster.xlsx"
    wb = xlsxwriter.Workbook(str(grid))
    wb.add_worksheet("Netwerk").write_row(0, 0, ["Organisatie", "Zorg"])
    wb.close()
    done = run_cli("upgrade", grid)
    assert done.returncode == 2
    assert "schoolnet-xl import" in done.stderr


def test_a_locked_old_card_is_refused(old_card: Path) -> None:
    original = old_card.read_bytes()
    old_card.with_name("~$kaart.xlsx").write_bytes(b"An")
    done = run_cli("upgrade", old_card)
    assert done.returncode == 2
    assert "open in een ander programma" in done.stderr
    assert old_card.read_bytes() == original


def test_an_old_card_with_an_entity_declaration_is_refused_before_anything_is_written(
    old_card: Path,
) -> None:
    """`upgrade` reads its input without the probe; calamine reads this one, the package
    reader refuses the DTD instead of reading it differently from an XML parser."""
    import zipfile

    with zipfile.ZipFile(old_card) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"<Relationships", b'<!DOCTYPE Relationships [<!ENTITY a "a">]><Relationships', 1)
    with zipfile.ZipFile(old_card, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    original = old_card.read_bytes()
    done = run_cli("upgrade", old_card)
    assert done.returncode == 2
    assert "DOCTYPE" in done.stderr
    assert old_card.read_bytes() == original
    assert sorted(p.name for p in old_card.parent.iterdir()) == ["kaart.xlsx"]


def network_image_size(path: Path) -> tuple[int, int]:
    """(width, height) of the one PNG in a card's package (the Netwerk map)."""
    import struct
    import zipfile

    with zipfile.ZipFile(path) as package:
        media = [n for n in package.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1, media
        png = package.read(media[0])
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# summary's map: A4 landscape (297 x 210 mm) at 150 dpi, in whole pixels.
SUMMARY_MAP = (int(297 / 25.4 * 150), int(210 / 25.4 * 150))


def test_a_card_that_went_through_summary_upgrades_without_force_and_keeps_its_map(
        old_card: Path, vocabulary: Vocabulary) -> None:
    summarised = run_cli("summary", old_card)
    assert summarised.returncode == 0, summarised.stderr
    assert network_image_size(old_card) == SUMMARY_MAP
    upgraded = run_cli("upgrade", old_card)
    assert upgraded.returncode == 0, upgraded.stderr
    assert read_meta(old_card)["template_version"] == TEMPLATE_VERSION
    assert_every_old_value_is_kept(old_card, vocabulary)
    from schoolnet_xl.edit.sheets import sheet_order

    assert {"Overzicht", "Validatie", "Netwerk"} <= set(sheet_order(old_card))
    assert network_image_size(old_card) == SUMMARY_MAP


def test_the_demo_regions_old_card_after_summary_upgrades_cleanly(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    from schoolnet_xl.core.model import Card
    from schoolnet_xl.demo.old_version import OLD_VERSION, write_old_version_card
    from tests.support.cards import good_header, partner

    card = Card(path="", kind="template", header=good_header(),
                partners=[partner(14, "Vrij CLB Waasland", "CLB"),
                          partner(15, "Bib Lokeren", "BIB")],
                grid_sheet="Netwerkkaart", focus_codes=("KANS", "ZORG", "ARMOEDE"))
    path = write_old_version_card(tmp_path / "oud.xlsx", card, vocabulary,
                                  dt.datetime(2024, 9, 1))
    assert read_meta(path)["template_version"] == OLD_VERSION
    assert run_cli("summary", path).returncode == 0
    upgraded = run_cli("upgrade", path, "--no-backup")
    assert upgraded.returncode == 0, upgraded.stderr
    read = read_card(path, vocabulary=vocabulary).card
    assert read is not None
    names = [p.organisatie.text for p in read.partners if has_content(p)]
    assert names == ["Vrij CLB Waasland", "Bib Lokeren"]
    assert network_image_size(path) == SUMMARY_MAP


def test_after_summary_only_a_sheet_of_the_users_own_is_named(old_card: Path) -> None:
    import openpyxl

    assert run_cli("summary", old_card).returncode == 0
    wb = openpyxl.load_workbook(old_card)
    wb.create_sheet("Notities")["A1"] = "Onze afspraken"
    wb.save(old_card)
    refused = run_cli("upgrade", old_card)
    assert refused.returncode == 1
    assert "het eigen blad 'Notities'" in refused.stderr
    assert "Netwerk'" not in refused.stderr and "Overzicht" not in refused.stderr
