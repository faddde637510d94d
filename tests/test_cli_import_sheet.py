"""`import` of a workbook with one grid per school-year sheet: the latest year unless
`--blad` says which, and never silently."""

from __future__ import annotations

import json
from pathlib import Path

from tests.corpus.make_corpus import handmade_years
from tests.support.regional import run_cli


def _school_year(card: Path) -> str:
    result = run_cli("gaps", card, "--format", "json")
    return json.loads(result.stdout)["files"][0]["school"]["schooljaar"]


def test_import_takes_the_latest_year_and_says_which_sheet(tmp_path: Path) -> None:
    source = tmp_path / "jaren.xlsx"
    handmade_years(source)
    result = run_cli("import", source, "-o", tmp_path / "kaart.xlsx", "--nummer", "030569")
    assert result.returncode == 0, result.stderr
    assert "gelezen: blad '2025-2026' (het laatste schooljaar" in result.stdout
    assert _school_year(tmp_path / "kaart.xlsx") == "2025-2026"


def test_import_blad_takes_the_sheet_asked_for(tmp_path: Path) -> None:
    source = tmp_path / "jaren.xlsx"
    handmade_years(source)
    before = source.read_bytes()
    result = run_cli("import", source, "--blad", "2024-2025", "-o", tmp_path / "oud.xlsx",
                     "--nummer", "030569")
    assert result.returncode == 0, result.stderr
    assert _school_year(tmp_path / "oud.xlsx") == "2024-2025"
    assert source.read_bytes() == before


def test_import_blad_of_a_sheet_that_is_not_there_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "jaren.xlsx"
    handmade_years(source)
    result = run_cli("import", source, "--blad", "2030-2031", "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2
    assert result.stderr.startswith("Fout: ") and "jaren.xlsx" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
