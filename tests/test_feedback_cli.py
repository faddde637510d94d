"""`schoolnet-xl merge INBOX -o regio.xlsx --feedback DIR` as a real subprocess: the
feedback workbooks of the built region of tests/test_feedback_workbooks, in Dutch
and English, beside the regional workbook and never in the inbox."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.support.regional import run_cli
from tests.test_feedback_workbooks import SCHOOLS, inbox  # noqa: F401 (a fixture)


def test_merge_writes_a_feedback_workbook_per_school_and_unreadable_file(
        inbox: Path, tmp_path: Path) -> None:  # noqa: F811 (the fixture)
    before = sorted(p.name for p in inbox.iterdir())
    out = tmp_path / "terugkoppeling"
    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--feedback", out)
    assert result.returncode == 1, result.stderr  # the mail is unreadable
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{number} {name}.xlsx" for _, name, number, *_ in SCHOOLS]
                           + ["mail (onleesbaar).xlsx"])
    assert f"{len(names)} terugkoppelingswerkboeken in {out}" in result.stdout
    assert sorted(p.name for p in inbox.iterdir()) == before, "nothing lands in the inbox"
    page = openpyxl.load_workbook(out / "030001 Basisschool De Regenboog.xlsx")["Terugkoppeling"]
    assert page["A1"].value == "Terugkoppeling netwerkkaart"


def test_merge_feedback_in_english(inbox: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "feedback"
    result = run_cli("merge", inbox, "-o", tmp_path / "region.xlsx", "--feedback", out,
                     "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert (out / "mail (unreadable).xlsx").exists()
    book = openpyxl.load_workbook(out / "030001 Basisschool De Regenboog.xlsx")
    assert book.sheetnames == ["Feedback", "Findings", "Network map"]
    found = list(book["Findings"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in found} <= {"error", "warning", "info"}
    assert "No partner in core category 'Local government and consultation'." in [
        row[5] for row in found]


def test_a_feedback_folder_inside_the_inbox_is_refused(inbox: Path,  # noqa: F811
                                                        tmp_path: Path) -> None:
    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--feedback",
                     inbox / "terugkoppeling")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "invoer" in result.stderr
    assert not (inbox / "terugkoppeling").exists()
