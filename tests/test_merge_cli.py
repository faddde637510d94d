"""`schoolnet-xl merge` as a command: inputs, exit codes, refusals, atomic output."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import fingerprints, records, run_cli, sheet_rows


def _cards(folder: Path, vocabulary: Vocabulary, count: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_card(folder / f"kaart{i}.xlsx", vocabulary,
                       make_card(random.Random(i), i, partners=4)) for i in range(count)]


def test_exit_0_when_every_file_was_read(tmp_path: Path, vocabulary: Vocabulary) -> None:
    _cards(tmp_path / "inbox", vocabulary)
    result = run_cli("merge", tmp_path / "inbox", "-o", tmp_path / "regio.xlsx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "regio.xlsx").is_file()
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("2 bestanden: 2 gelezen, 0 onleesbaar")
    assert str(tmp_path / "regio.xlsx") in last


def test_exit_1_when_some_are_unreadable_and_the_workbook_is_still_written(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    _cards(tmp_path / "inbox", vocabulary)
    (tmp_path / "inbox" / "kapot.xlsx").write_bytes(b"PK\x03\x04 afgebroken")
    result = run_cli("merge", tmp_path / "inbox", "-o", tmp_path / "regio.xlsx")
    assert result.returncode == 1
    assert "kapot.xlsx: onleesbaar" in result.stderr
    sources = {Path(r["Pad"]).name: r for r in records(tmp_path / "regio.xlsx", "Bronbestanden")}
    assert sources["kapot.xlsx"]["Soort"] == "onleesbaar"
    assert sources["kapot.xlsx"]["Reden"]
    assert len(records(tmp_path / "regio.xlsx", "Scholen")) == 2


def test_the_summary_parts_add_up_to_the_number_of_files(tmp_path: Path,
                                                         vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    first, _second = _cards(inbox, vocabulary)
    shutil.copyfile(first, inbox / "kopie.xlsx")  # a duplicate is not also "gelezen"
    (inbox / "kapot.xlsx").write_bytes(b"PK\x03\x04 afgebroken")
    (inbox / "kapot (2).xlsx").write_bytes(b"PK\x03\x04 afgebroken")  # unreadable twice
    (inbox / "~$kaart0.xlsx").write_bytes(b"lock")
    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx")

    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("6 bestanden: 2 gelezen, 2 onleesbaar, 1 dubbel of vervangen, "
                           "1 overgeslagen; 2 scholen"), last
    figures = {r[0]: r[1] for r in sheet_rows(tmp_path / "regio.xlsx", "Overzicht")
               if r[0] and isinstance(r[1], float)}
    outcomes = [figures[label] for label in ("gelezen", "onleesbaar (zie Bronbestanden)",
                                             "dubbel of vervangen",
                                             "overgeslagen (geen kaart)")]
    assert outcomes == [2, 2, 1, 1] and sum(outcomes) == figures["Invoerbestanden"] == 6


def test_exit_2_when_nothing_is_readable(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "mail.xlsx").write_text("geen werkmap", "utf-8")
    result = run_cli("merge", tmp_path / "inbox", "-o", tmp_path / "regio.xlsx")
    assert result.returncode == 2
    assert "0 gelezen, 1 onleesbaar" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["bestaat-niet/"], "bestaat niet"),
    (["leeg/*.xlsx"], "geen enkel bestand past"),
    (["leeg"], "geen bestanden gevonden"),
])
def test_exit_2_on_inputs_that_name_nothing(tmp_path: Path, args: list[str],
                                            message: str) -> None:
    (tmp_path / "leeg").mkdir()
    result = run_cli("merge", *args, "-o", "regio.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "regio.xlsx").exists()


def test_refuses_to_write_over_an_input_file(tmp_path: Path, vocabulary: Vocabulary) -> None:
    cards = _cards(tmp_path / "inbox", vocabulary)
    before = fingerprints(tmp_path / "inbox")
    result = run_cli("merge", tmp_path / "inbox", "-o", cards[0])
    assert result.returncode == 2
    assert "invoerbestand" in result.stderr
    assert fingerprints(tmp_path / "inbox") == before



@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_refuses_an_output_that_is_an_input_under_another_name(
        tmp_path: Path, vocabulary: Vocabulary, link: str) -> None:
    """-o names a link to a card in the inbox: writing there would change the card."""
    cards = _cards(tmp_path / "inbox", vocabulary)
    output = tmp_path / "regio.xlsx"
    if link == "symlink":
        output.symlink_to(cards[0])
    else:
        os.link(cards[0], output)
    before = fingerprints(tmp_path / "inbox")
    result = run_cli("merge", tmp_path / "inbox", "-o", output, "--force")
    assert result.returncode == 2
    assert "invoerbestand" in result.stderr and "Traceback" not in result.stderr
    assert fingerprints(tmp_path / "inbox") == before

def test_a_previous_regional_workbook_in_the_inbox_is_skipped_and_replaced(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    _cards(inbox, vocabulary)
    out = inbox / "regio.xlsx"
    assert run_cli("merge", inbox, "-o", out).returncode == 0
    result = run_cli("merge", inbox, "-o", out)
    assert result.returncode == 0, result.stderr
    sources = {Path(r["Pad"]).name: r["Soort"] for r in records(out, "Bronbestanden")}
    assert sources == {"kaart0.xlsx": "sjabloon", "kaart1.xlsx": "sjabloon",
                       "regio.xlsx": "overgeslagen"}
    assert not [p for p in inbox.iterdir() if p.name.startswith(".~regio-")]  # no temp left


def test_an_older_regional_workbook_anywhere_in_the_inbox_is_skipped_not_read_as_a_school(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    _cards(inbox, vocabulary)
    older = inbox / "vorig jaar" / "regio-2025.xlsx"
    older.parent.mkdir()
    assert run_cli("merge", inbox, "-o", tmp_path / "eerst.xlsx").returncode == 0
    shutil.copyfile(tmp_path / "eerst.xlsx", older)  # its Partners sheet looks like a grid
    before = fingerprints(inbox)

    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx")
    assert result.returncode == 0, result.stderr
    assert ("regio-2025.xlsx: overgeslagen — Dit is uitvoer van schoolnet-xl merge (een "
            "regionaal werkboek)") in result.stderr
    sources = {Path(r["Pad"]).name: (r["Soort"], r["Reden"])
               for r in records(tmp_path / "regio.xlsx", "Bronbestanden")}
    assert sources["regio-2025.xlsx"][0] == "overgeslagen"
    assert "uitvoer van schoolnet-xl merge" in sources["regio-2025.xlsx"][1]
    assert len(records(tmp_path / "regio.xlsx", "Scholen")) == 2
    assert len(records(tmp_path / "regio.xlsx", "Partners")) == len(
        records(tmp_path / "eerst.xlsx", "Partners"))
    assert fingerprints(inbox) == before


def test_csv_tables_of_an_earlier_merge_in_the_inbox_are_skipped_and_replaced(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    _cards(inbox, vocabulary)
    tables = inbox / "csv"
    assert run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--csv", tables
                   ).returncode == 0
    first = (tables / "partners.csv").read_bytes()

    again = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--csv", tables)
    assert again.returncode == 0, again.stderr
    sources = {Path(r["Pad"]).name: (r["Soort"], r["Reden"])
               for r in records(tmp_path / "regio.xlsx", "Bronbestanden")}
    assert {name: kind for name, (kind, _) in sources.items()} == {
        "kaart0.xlsx": "sjabloon", "kaart1.xlsx": "sjabloon", "dekking.csv": "overgeslagen",
        "partners.csv": "overgeslagen", "scholen.csv": "overgeslagen",
        "evolutie.csv": "overgeslagen"}
    assert all("eerdere merge" in reason for kind, reason in sources.values()
               if kind == "overgeslagen")
    assert (tables / "partners.csv").read_bytes() == first  # replaced by the same table

    elsewhere = inbox / "vorig jaar"
    elsewhere.mkdir()
    (elsewhere / "partners.csv").write_bytes(first)
    (elsewhere / "lijst.csv").write_text("Schoolnaam;Gemeente\r\nDe Linde;Zele\r\n",
                                         "utf-8-sig")
    third = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx")
    assert third.returncode == 1  # lijst.csv is not a card: unreadable
    kinds = {str(Path(r["Pad"]).relative_to(inbox)): r["Soort"]
             for r in records(tmp_path / "regio.xlsx", "Bronbestanden")}
    assert kinds["vorig jaar/partners.csv"] == "overgeslagen"
    assert kinds["vorig jaar/lijst.csv"] == "onleesbaar"


def test_files_folders_and_globs_lock_and_hidden_files(tmp_path: Path,
                                                       vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    _cards(inbox / "sg1" / "diep", vocabulary, 1)
    (inbox / "sg2").mkdir()
    write_card(inbox / "sg2" / "los.xlsx", vocabulary, make_card(random.Random(7), 7, 3))
    (inbox / "sg1" / "~$kaart0.xlsx").write_bytes(b"\x05owner" + b"\x00" * 50)
    (inbox / ".verborgen").mkdir()
    (inbox / ".verborgen" / "oud.xlsx").write_text("x", "utf-8")
    (inbox / ".DS_Store").write_bytes(b"\x00")
    extra = write_card(tmp_path / "extra.xlsx", vocabulary, make_card(random.Random(9), 9, 3))
    result = run_cli("merge", "inbox/sg1", "inbox/**/los.xlsx", str(extra), "--format",
                     "json", "-o", "regio.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    kinds = {Path(f["path"]).name: (f["kind"], f["status"]) for f in document["files"]}
    assert kinds == {"kaart0.xlsx": ("template", "read"), "los.xlsx": ("template", "read"),
                     "extra.xlsx": ("template", "read"), "~$kaart0.xlsx": ("skipped", "skipped")}
    assert document["summary"]["schools"] == 3
    seconds = document["seconds"]
    assert list(seconds) == ["read", "region", "evolution", "write", "total"]
    assert 0 < seconds["read"] <= seconds["total"]
    assert sum(seconds[p] for p in ("read", "region", "evolution", "write")) <= (
        seconds["total"] + 0.01)


def test_the_same_inputs_give_the_same_workbook_content(tmp_path: Path,
                                                        vocabulary: Vocabulary) -> None:
    _cards(tmp_path / "inbox", vocabulary, 3)
    for name in ("a.xlsx", "b.xlsx"):
        assert run_cli("merge", "inbox", "-o", name, "--jobs", "2", cwd=tmp_path).returncode == 0
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert _parts(first) == _parts(second)
    sources = [records(p, "Bronbestanden") for p in (first, second)]
    for row in (*sources[0], *sources[1]):
        del row["Leestijd (ms)"]  # the one column that measures this run
    assert sources[0] == sources[1]


def _parts(path: Path) -> dict[str, bytes]:
    """Every part of the zip but Bronbestanden, whose read times differ per run."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()
                if n != "xl/worksheets/sheet7.xml"}


def test_a_region_config_reaches_the_worker_processes(tmp_path: Path,
                                                      vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    cards = [make_card(random.Random(i), i, partners=5) for i in range(10)]  # > pool threshold
    inbox.mkdir()
    for index, card in enumerate(cards):
        write_card(inbox / f"kaart{index}.xlsx", vocabulary, card)
    config = tmp_path / "regio.toml"
    config.write_text('[categories.SPORT]\ncore = ["*"]\n[focus.KANS]\n'
                      'header = "Gelijke kansen"\n', "utf-8")
    out = tmp_path / "regio.xlsx"

    result = run_cli("merge", inbox, "-o", out, "--jobs", "2", "--config", config)

    assert result.returncode == 0, result.stderr
    schools = {r["Bronbestand"]: r["Ontbrekende kerncategorieën"] for r in records(out, "Scholen")}
    for index, card in enumerate(cards):
        lacks_sport = all(p.category_code != "SPORT" for p in card.partners)
        assert ("Sport" in schools[str(inbox / f"kaart{index}.xlsx")]) == lacks_sport
    assert "Gelijke kansen" in records(out, "Partners")[0]


def test_an_invalid_config_is_a_usage_error(tmp_path: Path, vocabulary: Vocabulary) -> None:
    _cards(tmp_path / "inbox", vocabulary, 1)
    (tmp_path / "regio.toml").write_text("[categories.SPORT\n", "utf-8")
    result = run_cli("merge", "inbox", "-o", "regio.xlsx", "--config", "regio.toml",
                     cwd=tmp_path)
    assert result.returncode == 2
    assert "regio.toml" in result.stderr and "Traceback" not in result.stderr


def test_linked_folders_are_followed_once(tmp_path: Path, vocabulary: Vocabulary) -> None:
    _cards(tmp_path / "echt", vocabulary, 1)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "link").symlink_to(tmp_path / "echt", target_is_directory=True)
    (tmp_path / "echt" / "lus").symlink_to(inbox, target_is_directory=True)  # a loop
    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)["files"]
    files = [Path(f["path"]).name for f in listed if f["kind"] != "skipped"]
    assert files == ["kaart0.xlsx"]
    # the loop itself is listed as skipped, with its reason (inbox discovery, section 5)
    assert [(Path(f["path"]).name, bool(f["reason"])) for f in listed
            if f["kind"] == "skipped"] == [("lus", True)]
