"""The findings workbook (`validate --report OUT.xlsx`), read back with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.findings import SEVERITIES
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


def test_report_lists_errors_first_then_warnings_then_info(
    card_with_formula_text: Path, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """A card with warnings and info only comes first in the files, its findings after
    the other card's errors; within a severity the files keep their order."""
    few = write_template_card(tmp_path / "aaa.xlsx", vocabulary, categories=["CLB"])
    reports = [check_file(few, vocabulary), check_file(card_with_formula_text, vocabulary)]
    assert {f.severity for f in reports[0].findings} == {"waarschuwing", "info"}
    assert "fout" in {f.severity for f in reports[1].findings}
    out = write_findings_workbook(reports, tmp_path / "rapport.xlsx")
    rows = list(openpyxl.load_workbook(out)["Bevindingen"].iter_rows(values_only=True))[1:]
    severities = [row[4] for row in rows]
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert severities[0] == "fout"
    expected = [(Path(report.read.path).name, f.code, f.cell) for severity in SEVERITIES
                for report in reports for f in report.findings if f.severity == severity]
    assert [(Path(r[0]).name, r[5], r[3]) for r in rows] == expected


def test_report_rows_fit_their_text_and_print_landscape_one_page_wide(
    card_with_formula_text: Path, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    out = write_findings_workbook([check_file(card_with_formula_text, vocabulary)],
                                  tmp_path / "rapport.xlsx")
    sheet = openpyxl.load_workbook(out)["Bevindingen"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert (sheet.page_setup.fitToWidth or 1) == 1  # 1 is the default, left out
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    width = sheet.column_dimensions["I"].width  # Melding
    for row in range(2, sheet.max_row + 1):
        message = str(sheet.cell(row, 9).value)
        height = sheet.row_dimensions[row].height or 15
        # A message longer than two lines of its column needs a row taller than one line.
        if len(message) > 2 * width:
            assert height > 15, (row, message)
        assert sheet.cell(row, 9).alignment.wrap_text
