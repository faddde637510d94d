"""`schoolnet-xl new` and `template` run as real subprocesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


NEW = ("new", "-o", "regenboog.xlsx", "--school", "VBS De Regenboog", "--nummer", "030569",
       "--schooljaar", "2026-2027")


def header_values(path: Path) -> dict[str, object]:
    book = openpyxl.load_workbook(path)
    result = {}
    for name in ("Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Scholengemeenschap",
                 "Gemeente", "Schooljaar", "IngevuldDoor", "Datum"):
        (sheet, ref), = book.defined_names[name].destinations
        result[name] = book[sheet][ref.replace("$", "")].value
    return result


def test_new_writes_the_header_with_the_number_as_text(tmp_path: Path) -> None:
    result = run(*NEW, "--niveau", "bao", "--gemeente", "Gent", "--scholengemeenschap",
                 "SG Gent", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    card = tmp_path / "regenboog.xlsx"
    assert header_values(card) == {
        "Schoolnaam": "VBS De Regenboog", "Instellingsnummer": "030569",
        "Onderwijsniveau": "Basisonderwijs", "Scholengemeenschap": "SG Gent",
        "Gemeente": "Gent", "Schooljaar": "2026-2027", "IngevuldDoor": None, "Datum": None,
    }
    rows = CalamineWorkbook.from_path(str(card)).get_sheet_by_name("Netwerkkaart").to_python()
    assert "030569" in [cell for row in rows for cell in row]
    assert not list(tmp_path.glob(".*tmp*")), "temporary file left behind"


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    assert run(*NEW, cwd=tmp_path).returncode == 0
    card = tmp_path / "regenboog.xlsx"
    before = card.read_bytes()
    refused = run(*NEW[:4], "Andere School", *NEW[5:], cwd=tmp_path)
    assert refused.returncode == 2
    assert "bestaat al" in refused.stderr and "--force" in refused.stderr
    assert card.read_bytes() == before
    forced = run(*NEW[:4], "Andere School", *NEW[5:], "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert header_values(card)["Schoolnaam"] == "Andere School"


@pytest.mark.parametrize(("option", "bad", "words"), [
    ("--nummer", "30569", "geen geldig instellingsnummer"),
    ("--nummer", "03056A", "geen geldig instellingsnummer"),
    ("--schooljaar", "2026-2028", "geen geldig schooljaar"),
    ("--schooljaar", "2026/2027", "geen geldig schooljaar"),
    ("--niveau", "kleuter", "geen onderwijsniveau"),
])
def test_new_rejects_a_bad_option_in_dutch_with_exit_2(tmp_path, option, bad, words) -> None:
    args = list(NEW)
    if option in args:
        args[args.index(option) + 1] = bad
    else:
        args += [option, bad]
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert f"{option}: '{bad}' is {words}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "regenboog.xlsx").exists()


def test_new_accepts_a_level_label_in_any_case(tmp_path: Path) -> None:
    assert run(*NEW, "--niveau", "SECUNDAIR onderwijs", cwd=tmp_path).returncode == 0
    assert header_values(tmp_path / "regenboog.xlsx")["Onderwijsniveau"] == "Secundair onderwijs"


def test_template_writes_the_master_workbook_and_help_shows_examples(tmp_path: Path) -> None:
    result = run("template", "-o", "leeg.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(tmp_path / "leeg.xlsx").sheetnames[0] == "Netwerkkaart"
    for command in ("new", "template"):
        help_text = run(command, "--help", cwd=tmp_path).stdout
        assert "Voorbeeld:" in help_text and f"schoolnet-xl {command} -o" in help_text


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "regio.toml").write_text("[focus.KANS]\nkleur = 'rood'\n", "utf-8")
    result = run(*NEW, "--config", "regio.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "regio.toml" in result.stderr and "focus.KANS.kleur" in result.stderr
