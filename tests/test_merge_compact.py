"""The worker side of the merge: compact partner rows, file fingerprints, shipped results."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from datetime import date
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card, CellValue, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_demo_region
from schoolnet_xl.merge import compact, pipeline
from schoolnet_xl.merge.compact import PartnerRows, partner_headers
from schoolnet_xl.merge.records import FileResult, FindingRow, PartnerRow, SchoolInfo
from schoolnet_xl.read.inbox import discover

SHEET = "Netwerkkaart"


def _partner(row: int, organisatie: CellValue = None, focus: CellValue = None,
             sinds: CellValue = None, **fields: CellValue) -> Partner:
    """A grid row with the first X column set to `focus` (the others blank)."""
    return Partner(row, SHEET, organisatie=Sourced(organisatie, SHEET, f"A{row}"),
                   focus={"KANS": Sourced(focus, SHEET, f"C{row}")},
                   sinds=Sourced(sinds, SHEET, f"N{row}"),
                   **{name: Sourced(value, SHEET, f"B{row}") for name, value in fields.items()})


def _card(*partners: Partner) -> Card:
    return Card(path="kaart.xlsx", kind="template", partners=list(partners))


def _value(row: PartnerRow, header: str, vocabulary: Vocabulary) -> object:
    return row.values[partner_headers(vocabulary).index(header)]


def test_rows_keep_content_and_show_marks_sinds_and_cell(vocabulary: Vocabulary) -> None:
    rows = PartnerRows(vocabulary, "geraden")
    [clb, no_name] = rows(_card(
        _partner(10, " VCLB ", "x", 2010.0, status="Actief"),
        _partner(11),  # nothing in it: left out
        _partner(12, None, None, None, aard="alleen een omschrijving"),
    ))
    assert clb.category == "" and clb.marked == ("KANS",)
    assert [_value(clb, h, vocabulary) for h in ("Organisatie", "Kansenbevordering", "Zorg",
                                                 "Status", "Sinds", "Cel")] == [
        "VCLB", "X", None, "Actief", 2010, f"{SHEET}!A10"]
    assert _value(no_name, "Aard en specificaties", vocabulary) == "alleen een omschrijving"
    assert _value(no_name, "Organisatie", vocabulary) == "" and no_name.marked == ()


def _x_and_sinds(rows: PartnerRows, *values: CellValue) -> list[tuple[object, object]]:
    """Kansenbevordering and Sinds of one row per value (in both columns)."""
    vocabulary = rows.vocabulary
    return [(_value(r, "Kansenbevordering", vocabulary), _value(r, "Sinds", vocabulary))
            for r in rows(_card(*(_partner(10 + i, "A", v, v) for i, v in enumerate(values))))]


@pytest.mark.parametrize("first, second", [(False, 0), (0, False), (True, 1), (1, True)])
def test_remembered_answers_tell_true_from_one_and_false_from_zero(
    vocabulary: Vocabulary, first: CellValue, second: CellValue
) -> None:
    alone = [_x_and_sinds(PartnerRows(vocabulary, "g"), v)[0] for v in (first, second)]
    assert alone[0] != alone[1]  # e.g. ("False", "False") and ("0", "0")
    assert _x_and_sinds(PartnerRows(vocabulary, "g"), first, second) == alone


def test_remembered_answers_stay_bounded_and_right(
    vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compact, "MEMO_LIMIT", 3)
    rows = PartnerRows(vocabulary, "geraden")
    for year in range(2000, 2020):
        [row] = rows(_card(_partner(10, "A", f"tekst {year}", float(year), status=f"s{year}")))
        assert (_value(row, "Kansenbevordering", vocabulary), _value(row, "Sinds", vocabulary),
                _value(row, "Status", vocabulary)) == (f"tekst {year}", year, f"s{year}")
    assert all(len(memo) <= 4 for memo in (rows._marks, rows._years, rows._texts))


def test_texts_from_short_lists_are_one_object_across_cards(vocabulary: Vocabulary) -> None:
    rows = PartnerRows(vocabulary, "geraden")
    a, b = (rows(_card(_partner(10, "A", status="".join(["Act", "ief"]))))[0] for _ in "ab")
    assert a.values[-1] is b.values[-1]  # the cell address
    assert _value(a, "Status", vocabulary) is _value(b, "Status", vocabulary)


def _every_field_set() -> FileResult:
    """A FileResult whose every field differs from its default."""
    samples = {
        "path": "a/kaart.xlsx", "size": 12, "sha256": "ab" * 32, "mtime": 1.5,
        "status": "ok", "kind": "template", "reason": "r", "format": "xlsx",
        "template_version": "1.0", "read_ms": 2.5,
        "school": SchoolInfo("S", "S", "012345", "Basisonderwijs", "Gent", "SG", "2025-2026",
                             date(2025, 10, 1)),
        "partners": [PartnerRow("CLB", ("KANS",), ("VCLB", None, 2010, 1.5, "A!A10"))],
        "findings": [FindingRow("Netwerkkaart", "A10", "SN201", "fout", "E-mail", "x", "m", "h")],
        "missing": {"core": ["LSC"]}, "counts": {"fout": 1}, "duplicate": "superseded",
        "duplicate_of": "b/kaart.xlsx",
    }
    result = FileResult(**{f.name: samples[f.name] for f in dataclasses.fields(FileResult)})
    defaults = FileResult("", 0, "", 0.0, "unreadable")
    assert all(getattr(result, f.name) != getattr(defaults, f.name)
               for f in dataclasses.fields(FileResult))
    return result


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_a_file_result_pickles_whole_with_its_row_types(protocol: int) -> None:
    result = _every_field_set()
    back = pickle.loads(pickle.dumps(result, protocol))
    assert back == result
    assert type(back.school) is SchoolInfo
    assert [type(x) for x in (*back.partners, *back.findings)] == [PartnerRow, FindingRow]
    assert back.school.datum == date(2025, 10, 1) and back.partners[0].marked == ("KANS",)
    empty = FileResult("a", 0, "", 0.0, "unreadable")
    assert pickle.loads(pickle.dumps(empty, protocol)) == empty


def test_fingerprint_describes_the_file_in_one_read_or_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kaart.xlsx"
    data = os.urandom(70_000)
    path.write_bytes(data)
    stat = path.stat()
    expected = (len(data), hashlib.sha256(data).hexdigest(), stat.st_mtime)
    assert pipeline.fingerprint(str(path)) == expected
    monkeypatch.setattr(pipeline, "IN_MEMORY_BYTES", 1000)  # the streamed path
    assert pipeline.fingerprint(str(path)) == expected
    assert pipeline.fingerprint(str(tmp_path / "weg.xlsx")) == (0, "", 0.0)


def test_results_from_the_pool_equal_those_read_in_process(tmp_path: Path) -> None:
    make_demo_region(tmp_path)
    files = discover([str(tmp_path)]).files
    assert len(files) >= pipeline.IN_PROCESS_BELOW
    here = pipeline.read_all(files, jobs=1)
    pooled = pipeline.read_all(files, jobs=2)

    def comparable(result: FileResult) -> FileResult:
        return dataclasses.replace(result, read_ms=0.0)

    assert list(map(comparable, pooled)) == list(map(comparable, here))
    assert all(type(p) is PartnerRow for r in pooled for p in r.partners)
    assert any(r.partners for r in pooled) and any(r.findings for r in pooled)


def test_a_partners_section_shows_in_the_regions_partners_sheet_and_csv(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    """Two grids on one sheet (kleuter and lager): each partner row of the merge names its
    block in Afdeling, in the workbook's Partners sheet and in partners.csv."""
    import csv

    import openpyxl

    from schoolnet_xl.merge.run import merge_files
    from tests.corpus.make_corpus import handmade_two_blocks, source_table

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    handmade_two_blocks(inbox / "blokken.xlsx")
    source_table(inbox / "bron.xlsx")
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1,
                          csv_dir=tmp_path / "csv")
    assert outcome.exit_code == 0
    workbook = openpyxl.load_workbook(tmp_path / "regio.xlsx", read_only=True)
    sheet = list(workbook["Partners"].iter_rows(values_only=True))
    workbook.close()
    with (tmp_path / "csv" / "partners.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    for rows in (sheet, table):
        header = list(rows[0])
        org, section = header.index("Organisatie"), header.index("Afdeling")
        shown = {(str(r[org]), r[section] or "") for r in rows[1:]}
        assert {("Kind en Gezin", "Kleuter"), ("CLB Brugge", "Kleuter"),
                ("Bib Brugge", "Lager"), ("Sportdienst Brugge", "Lager")} <= shown
        others = {name for name, where in shown if not where}
        assert len(others) == 6 and "De lokale openbare bibliotheek" in others
