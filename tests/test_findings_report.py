"""The findings workbook (`validate --report OUT.xlsx`), read back with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.report.workbook import ReportError, write_findings_workbook
from schoolnet_xl.validate.check import check_file
from tests.test_cli_validate import edited_copy, run, sha256, write_template_card


@pytest.fixture
def card_with_formula_text(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    """A card whose E-mail cell holds the text '=1+1' and whose number is wrong."""
    clean = write_template_card(tmp_path / "schoon.xlsx", vocabulary)
    path = tmp_path / "kaart.xlsx"
    edited_copy(clean, path, header={"Instellingsnummer": "12"},
                grid={(0, "E-mail"): "=1+1", (1, "Telefoon"): "+1 555 0100"})
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Netwerkkaart"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "=1+1":
                cell.data_type = "s"  # keep it text in the card itself
    workbook.save(path)
    return path


def test_report_has_one_row_per_finding_with_links_and_colours(
    card_with_formula_text: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rapport.xlsx"
    before = sha256(card_with_formula_text)
    result = run("validate", str(card_with_formula_text), "--report", str(out),
                 "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert sha256(card_with_formula_text) == before

    sheet = openpyxl.load_workbook(out)["Bevindingen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Bestand", "School", "Blad", "Cel", "Ernst", "Code", "Veld", "Waarde",
                       "Melding", "Tip")
    assert len(rows) - 1 == len(findings)
    assert [(r[3], r[5], r[8]) for r in rows[1:]] == [
        (f["cell"], f["code"], f["message"]) for f in findings]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(rows)}"

    email = next(i for i, f in enumerate(findings, start=2) if f["code"] == "SN206")
    assert sheet.cell(email, 8).value == "=1+1" and sheet.cell(email, 8).data_type == "s"
    link = sheet.cell(email, 4).hyperlink
    assert link is not None
    assert link.target == card_with_formula_text.name  # relative to the report
    assert link.location == f"'Netwerkkaart'!{findings[email - 2]['cell']}"
    fills = {sheet.cell(i, 5).value: sheet.cell(i, 5).fill.fgColor.rgb
             for i in range(2, len(rows) + 1)}
    assert fills["fout"] != fills["waarschuwing"]
    school_column = {r[1] for r in rows[1:]}
    assert school_column == {"Sint-Jozefsschool"}


def test_report_in_english(card_with_formula_text: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    run("validate", str(card_with_formula_text), "--report", str(out), "--lang", "en")
    sheet = openpyxl.load_workbook(out)["Findings"]
    assert sheet["E1"].value == "Severity"
    assert {sheet.cell(i, 5).value for i in range(2, sheet.max_row + 1)} <= {
        "error", "warning", "info"}


def test_report_never_overwrites_an_input_file(card_with_formula_text: Path) -> None:
    before = sha256(card_with_formula_text)
    result = run("validate", str(card_with_formula_text), "--report",
                 str(card_with_formula_text))
    assert result.returncode == 2
    assert "invoerbestand" in result.stderr
    assert sha256(card_with_formula_text) == before


def test_report_replaces_an_old_report_atomically(
    card_with_formula_text: Path, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    out = tmp_path / "rapport.xlsx"
    out.write_bytes(b"oud rapport")
    report = check_file(card_with_formula_text, vocabulary)
    write_findings_workbook([report], out)
    assert openpyxl.load_workbook(out)["Bevindingen"].max_row == len(report.findings) + 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".findings-")] == []
    with pytest.raises(ReportError):
        write_findings_workbook([report], tmp_path / "rapport.csv")
