"""`schoolnet-xl compare` as a user runs it: text, JSON, workbook, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from tests.support.ooxml import assert_valid_and_lint_clean
from tests.support.regional import run_cli, sheet_rows
from tests.test_compare_cards import OLD_ROWS, template_card, template_pair


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> tuple[Path, Path]:
    return template_pair(tmp_path_factory.mktemp("cli"), vocabulary)


def test_text_shows_every_kind_and_every_matched_name(pair: tuple[Path, Path]) -> None:
    result = run_cli("compare", *pair)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ("nieuw (verbreed): 2, verdiept: 3, minder intens (afgebouwd): 2, "
            "beëindigd of weg (afgebouwd): 2, ongewijzigd: 2") in out
    assert "Categorieën erbij: Armoede-organisaties" in out
    assert "Categorieën weg:   Levensbeschouwelijke gemeenschap" in out
    assert "Jeugdhuis De Kroon → Jeugdhuis De Kroom  [bijna gelijk (score 93)]" in out
    assert "Vrij CLB Waasland → VCLB Waasland vzw  [zelfde naam na normalisatie]" in out
    assert "OCMW → Sociaal Huis" in out
    assert "Sportclub Aalst (Sport): niet meer op de kaart" in out
    assert "Sportclub Aalter (Sport): nieuw op de kaart" in out
    verdiept = out.split("VERDIEPT")[1].split("AFGEBOUWD")[0]
    assert "VCLB Waasland vzw (CLB): intensiteit 2 Afstemmen → 3 Samenwerken" in verdiept


def test_english_text(pair: tuple[Path, Path]) -> None:
    result = run_cli("compare", *pair, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "new (broadened): 2, deepened: 3" in result.stdout
    assert "[near match (score 93)]" in result.stdout


def test_json_document(pair: tuple[Path, Path]) -> None:
    result = run_cli("compare", *pair, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "schoolnet-xl/compare/1"
    assert document["counts"] == {"new": 2, "deepened": 3, "loosened": 2, "ended": 2,
                                  "unchanged": 2}
    assert document["categories"] == {"gained": ["ARM"], "lost": ["GELOOF"]}
    assert document["old"]["schooljaar"] == "2024-2025" and document["new"]["partners"] == 10
    near = [p for p in document["partners"] if p["match"] == "near"]
    assert [(p["old"]["organisatie"], p["new"]["organisatie"]) for p in near] == [
        ("Jeugdhuis De Kroon", "Jeugdhuis De Kroom")]
    assert near[0]["kind"] == "loosened" and 90 <= near[0]["score"] < 100
    assert near[0]["reasons"] == [{"code": "intensity_down", "before": "3 Samenwerken",
                                   "after": "2 Afstemmen"}]
    gone = [p for p in document["partners"] if p["new"] is None]
    assert [p["old"]["organisatie"] for p in gone] == ["Sportclub Aalst"]
    assert gone[0]["match"] is None and gone[0]["score"] is None


def test_threshold_option(pair: tuple[Path, Path]) -> None:
    result = run_cli("compare", *pair, "--format", "json", "--drempel", "97")
    document = json.loads(result.stdout)
    assert document["threshold"] == 97
    assert not [p for p in document["partners"] if p["match"] == "near"]
    assert document["counts"]["new"] == 3 and document["counts"]["ended"] == 3


def test_workbook_reads_back_and_validates(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    target = tmp_path / "evolutie.xlsx"
    before = {p: p.read_bytes() for p in pair}
    result = run_cli("compare", *pair, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "Geschreven:" in result.stdout
    assert {p: p.read_bytes() for p in pair} == before  # the cards are never touched
    rows = sheet_rows(target, "Evolutie")
    top = next(i for i, row in enumerate(rows) if row[0] == "Soort")
    assert rows[top] == ["Soort", "Organisatie", "Vorige naam", "Koppeling", "Categorie",
                         "Wijzigingen"]
    table = {row[1]: row for row in rows[top + 1:]}
    assert table["Jeugdhuis De Kroom"][:4] == ["minder intens (afgebouwd)", "Jeugdhuis De Kroom",
                                               "Jeugdhuis De Kroon", "bijna gelijk (score 93)"]
    assert table["Sportclub Aalst"][0] == "beëindigd of weg (afgebouwd)"
    assert table["Sportclub Aalter"][2] == ""
    assert [row[0] for row in rows[top + 1:]] == sorted(
        [row[0] for row in rows[top + 1:]],
        key=["nieuw (verbreed)", "verdiept", "minder intens (afgebouwd)",
             "beëindigd of weg (afgebouwd)", "ongewijzigd"].index)
    labels = {row[0]: row[1] for row in rows[:top]}
    assert labels["Categorieën erbij"] == "Armoede-organisaties"
    assert labels["Categorieën weg"] == "Levensbeschouwelijke gemeenschap"
    assert_valid_and_lint_clean(target)


def test_refusals_and_force(tmp_path: Path, pair: tuple[Path, Path],
                            vocabulary: Vocabulary) -> None:
    reversed_ = run_cli("compare", pair[1], pair[0])
    assert reversed_.returncode == 2
    assert "Fout: de oude kaart (2025-2026" in reversed_.stderr
    assert "Traceback" not in reversed_.stderr
    forced = run_cli("compare", pair[1], pair[0], "--force")
    assert forced.returncode == 0, forced.stderr
    same = run_cli("compare", pair[1], pair[1])
    assert same.returncode == 2 and "beide kaarten zijn van schooljaar" in same.stderr
    other = template_card(tmp_path / "ander.xlsx", "2023-2024", OLD_ROWS, vocabulary,
                          number="654321")
    warned = run_cli("compare", other, pair[1])
    assert warned.returncode == 0
    assert "Waarschuwing: het instellingsnummer verschilt (654321" in warned.stdout


def test_bad_input_names_the_file(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"dit is geen werkboek")
    result = run_cli("compare", pair[0], broken)
    assert result.returncode == 2
    assert f"{broken}: geen leesbare netwerkkaart" in result.stderr
    missing = run_cli("compare", pair[0], tmp_path / "weg.xlsx")
    assert missing.returncode == 2 and "weg.xlsx: bestaat niet" in missing.stderr
    onto_input = run_cli("compare", *pair, "-o", pair[1])
    assert onto_input.returncode == 2 and "invoerbestand" in onto_input.stderr
    assert "Traceback" not in result.stderr + missing.stderr + onto_input.stderr
