"""A large region's list rows (Partners, Dekking, Scholen, Bevindingen, Bronbestanden)
are written by one forked process: the same workbook."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from schoolnet_xl.demo import make_demo_region
from schoolnet_xl.merge import merge_files
from schoolnet_xl.merge.fast_write import alongside as forked
from schoolnet_xl.merge.fast_write.bulk_rows import SheetRows
from schoolnet_xl.merge.sheets import sheet_part
from tests.support import libreoffice
from tests.support.regional import sheet_rows


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")
def test_partner_rows_written_by_a_forked_process_give_the_same_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    make_demo_region(inbox)
    here = merge_files([str(inbox)], tmp_path / "hier.xlsx", jobs=1)
    cells = len(here.region.partners.rows) * len(here.region.partners.columns)
    assert cells < forked.ALONGSIDE_CELLS  # the demo is written inline …
    marker = tmp_path / "child.pid"
    real_rows_to_file = forked.rows_to_file

    def in_child(sheet: SheetRows, path: Path) -> object:
        with marker.open("a") as calls:  # who wrote how many rows
            calls.write(f"{os.getpid()} {len(sheet.rows)}\n")
        return real_rows_to_file(sheet, path)

    monkeypatch.setattr(forked, "ALONGSIDE_CELLS", 1)  # … unless it is large
    monkeypatch.setattr(forked, "rows_to_file", in_child)
    alongside = merge_files([str(inbox)], tmp_path / "ernaast.xlsx", jobs=1)

    calls = [line.split() for line in marker.read_text().splitlines()]
    assert len({pid for pid, _ in calls}) == 1  # one process …
    assert int(calls[0][0]) != os.getpid()  # … not this one
    region = here.region
    assert sorted(int(rows) for _, rows in calls) == sorted(len(table.rows) for table in (
        region.partners, region.coverage, region.schools, region.findings, region.sources))
    with zipfile.ZipFile(alongside.output) as archive:
        assert archive.testzip() is None  # the part deflated in pieces has a sound CRC
    ours, theirs = _parts(here.output), _parts(alongside.output)
    assert ours.keys() == theirs.keys()
    read_times = sheet_part("Bronbestanden")  # holds each file's read ms
    assert [name for name in ours if ours[name] != theirs[name]] in ([], [read_times])
    partners = theirs[sheet_part("Partners")].decode()
    assert partners.count("<row ") == len(here.region.partners.rows) + 1
    assert len(alongside.region.shared) == len(here.region.shared) > 0


@pytest.mark.libreoffice
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")
def test_libreoffice_reads_every_partner_row_written_alongside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soffice: str
) -> None:
    inbox = tmp_path / "inbox"
    make_demo_region(inbox)
    monkeypatch.setattr(forked, "ALONGSIDE_CELLS", 1)
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1)
    reread = sheet_rows(libreoffice.recalculate(outcome.output, tmp_path / "lo"), "Partners")
    assert reread[0] == outcome.region.partners.columns
    assert [[cell or None for cell in row] for row in reread[1:]] == [
        [cell or None for cell in row] for row in outcome.region.partners.rows]


def test_a_failing_child_falls_back_to_writing_the_rows_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    make_demo_region(inbox)

    def broken(*args: object) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr(forked, "ALONGSIDE_CELLS", 1)
    monkeypatch.setattr(forked, "rows_to_file", broken)
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1)
    parts, region = _parts(outcome.output), outcome.region
    for name, table in [("Partners", region.partners), ("Scholen", region.schools),
                        ("Bevindingen", region.findings), ("Bronbestanden", region.sources)]:
        assert parts[sheet_part(name)].decode().count("<row ") == len(table.rows) + 1, name
    schools = [row[0] for row in sheet_rows(outcome.output, "Dekking")[1:]]
    assert schools[:len(region.coverage.rows)] == [row[0] for row in region.coverage.rows]
