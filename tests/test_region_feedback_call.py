"""`merge --feedback DIR`: the call site of the feedback workbooks (their contents are
tested with merge/feedback): one per school of the region, based on the card the
region shows, one per unreadable file, never inside an input folder."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Sourced
from schoolnet_xl.demo import make_card
from schoolnet_xl.merge import MergeError, merge_files
from schoolnet_xl.template import write_card
from tests.support.regional import run_cli


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two schools, one of them with last year's card too, and an unreadable file."""
    from schoolnet_xl.core.vocabulary import default_vocabulary

    base = tmp_path_factory.mktemp("feedback")
    for index, year in ((0, "2025-2026"), (0, "2024-2025"), (1, "2025-2026")):
        card = make_card(random.Random(index), index, partners=4)
        header = replace(card.header, instellingsnummer=Sourced(f"50000{index}"),
                         schoolnaam=Sourced(f"School {index}"), schooljaar=Sourced(year))
        target = base / "inbox" / year / f"kaart{index}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_card(target, default_vocabulary(), replace(card, header=header))
    (base / "inbox" / "mail.xlsx").write_text("geen werkboek", "utf-8")
    return base


def _texts(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return "\n".join(str(cell) for name in workbook.sheet_names
                     for row in workbook.get_sheet_by_name(name).to_python() for cell in row)


def test_one_feedback_workbook_per_school_and_per_unreadable_file(inbox: Path) -> None:
    folder = inbox / "terugkoppeling"
    result = run_cli("merge", inbox / "inbox", "-o", inbox / "regio.xlsx", "--feedback",
                     folder, "--format", "json")
    assert result.returncode == 1, result.stderr  # one unreadable file
    written = [Path(p) for p in json.loads(result.stdout)["feedback"]]
    assert [p.name for p in written[:2]] == ["500000 School 0.xlsx", "500001 School 1.xlsx"]
    assert len(written) == 3 and all(p.parent == folder and p.is_file() for p in written)
    assert sorted(folder.iterdir()) == sorted(written)
    school = _texts(written[0])
    assert "2025-2026" in school and "kaart0.xlsx" in school  # based on the latest card
    assert "2024-2025" not in school
    assert "mail.xlsx" in _texts(written[2])


def test_the_library_call_times_the_feedback_apart(inbox: Path, tmp_path: Path) -> None:
    outcome = merge_files([str(inbox / "inbox")], tmp_path / "regio.xlsx", jobs=1,
                          feedback_dir=tmp_path / "terug", merged_on=date(2026, 12, 1))
    assert len(outcome.feedback_files) == 3
    assert outcome.seconds["feedback"] > 0
    assert outcome.seconds["total"] >= outcome.seconds["feedback"] + outcome.seconds["write"]
    assert "Samengevoegd op 01/12/2026" in _texts(outcome.feedback_files[0])


@pytest.mark.parametrize("where", ["inbox", "inbox/2025-2026/terug", "pattern"])
def test_a_feedback_folder_in_an_input_folder_is_refused_before_anything_is_written(
        inbox: Path, tmp_path: Path, where: str) -> None:
    given = str(inbox / "inbox" / "**" / "*.xlsx") if where == "pattern" else str(
        inbox / "inbox")
    folder = inbox / ("inbox/terug" if where == "pattern" else where)
    before = sorted(p for p in (inbox / "inbox").rglob("*"))
    result = run_cli("merge", given, "-o", tmp_path / "regio.xlsx", "--feedback", folder)
    assert result.returncode == 2
    assert "weigert terugkoppeling te schrijven" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "regio.xlsx").exists()
    assert sorted(p for p in (inbox / "inbox").rglob("*")) == before
    with pytest.raises(MergeError, match="outside the inputs"):
        merge_files([given], tmp_path / "regio.xlsx", feedback_dir=folder, lang="en")
