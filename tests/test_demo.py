"""`schoolnet-xl demo` and the demo region generator behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from schoolnet_xl.demo import make_demo_region, plan_demo_region
from tests.support import libreoffice
from tests.support.regional import fingerprints, records, run_cli


def test_demo_on_an_empty_folder_writes_the_cards_and_the_regional_workbook(
        tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()

    result = run_cli("demo", folder)

    assert result.returncode == 0, result.stderr
    assert f"Het regionale werkboek staat in {folder / 'regio.xlsx'}" in result.stdout
    plan = plan_demo_region()
    for item in plan:
        assert (folder / "inbox" / item.path).is_file(), item.path
    sources = {str(Path(r["Pad"]).relative_to(folder / "inbox")): r["Soort"]
               for r in records(folder / "regio.xlsx", "Bronbestanden")}
    expected = {"template": "sjabloon", "handmade": "eigen raster", "ods": "eigen raster",
                "superseded": "dubbel", "unreadable": "onleesbaar", "lock": "overgeslagen",
                "old-version": "sjabloon", "older-year": "ander schooljaar"}
    assert sources == {item.path: expected[item.kind] for item in plan}


def test_the_demo_region_is_varied_as_promised() -> None:
    plan = plan_demo_region()
    kinds = [item.kind for item in plan]
    assert kinds.count("ods") == 1 and kinds.count("unreadable") == 1
    assert kinds.count("lock") == 1 and kinds.count("handmade") >= 2
    assert {item.flaw for item in plan} >= {"e-mail", "instellingsnummer",
                                            "dubbele organisatie"}
    cards = [item.card for item in plan
             if item.card and item.kind not in ("superseded", "older-year")]
    assert len(cards) == 24
    levels = {c.header.onderwijsniveau.text for c in cards}
    assert levels == {"Basisonderwijs", "Secundair onderwijs"}
    without = {code: sum(all(p.category_code != code for p in c.partners) for c in cards)
               for code in ("CLB", "OCMW")}
    assert all(0 < n < len(cards) for n in without.values())  # some schools lack them
    emails = [p.email.text for c in cards for p in c.partners if p.email.text]
    assert emails and all(e.endswith(".example") for e in emails)  # fictitious mailboxes


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    make_demo_region(tmp_path / "a", seed=7, schools=6)
    make_demo_region(tmp_path / "b", seed=7, schools=6)
    make_demo_region(tmp_path / "c", seed=8, schools=6)
    assert fingerprints(tmp_path / "a") == fingerprints(tmp_path / "b")
    assert fingerprints(tmp_path / "a") != fingerprints(tmp_path / "c")


def test_demo_refuses_a_folder_with_other_files_and_reruns_over_its_own(
        tmp_path: Path) -> None:
    (tmp_path / "eigen").mkdir()
    (tmp_path / "eigen" / "belangrijk.xlsx").write_bytes(b"van mij")
    refused = run_cli("demo", tmp_path / "eigen")
    assert refused.returncode == 2 and "niet leeg" in refused.stderr
    assert (tmp_path / "eigen" / "belangrijk.xlsx").read_bytes() == b"van mij"

    assert run_cli("demo", tmp_path / "d", "--schools", "4").returncode == 0
    again = run_cli("demo", tmp_path / "d", "--schools", "3")
    assert again.returncode == 0, again.stderr
    assert len(records(tmp_path / "d" / "regio.xlsx", "Scholen")) == 3


@pytest.mark.libreoffice
def test_the_hand_written_ods_opens_in_libreoffice(tmp_path: Path, soffice: str) -> None:
    paths = make_demo_region(tmp_path / "inbox")
    ods = next(p for p in paths if p.suffix == ".ods")
    converted = libreoffice.convert(ods, "xlsx", tmp_path / "lo")
    from tests.support.regional import sheet_rows

    rows = sheet_rows(converted, "Blad1")
    assert rows[3][:5] == ["Partner", "Omschrijving", "Kansen", "Zorg", "Armoede"]
    assert rows[1][0].startswith("School: ")


def test_the_demo_holds_a_card_of_an_older_template_version_to_upgrade(tmp_path: Path) -> None:
    [old] = [item for item in plan_demo_region(schools=6) if item.kind == "old-version"]
    [path] = [p for p in make_demo_region(tmp_path / "inbox", schools=6)
              if p.name == Path(old.path).name]
    said = run_cli("validate", path, "--ernst", "waarschuwing")
    assert "SN304" in said.stdout and "schoolnet-xl upgrade" in said.stdout
    upgraded = run_cli("upgrade", path, "-o", tmp_path / "nieuw.xlsx")
    assert upgraded.returncode == 0, upgraded.stderr
    assert old.card is not None
    assert f"{len(old.card.partners)} partnerrijen overgenomen" in upgraded.stdout
    assert "SN304" not in run_cli("validate", tmp_path / "nieuw.xlsx").stdout
