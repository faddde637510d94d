"""Feedback workbooks carry each school's drawn map (`merge --feedback DIR`): a real
merge as a subprocess, the workbooks opened as packages; `--zonder-kaarten` leaves
the maps out; the map cache reuses a drawn map and redraws a changed card's.

The inbox is tests/test_feedback_workbooks': six schools whose first partner has a
contact person, e-mail and phone (personal data no map may show).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge import merge_files
from schoolnet_xl.merge.maps import feedback_map
from tests.support import ooxml
from tests.test_feedback_workbooks import CONTACTS, SCHOOLS, inbox  # noqa: F401 (a fixture)

# A4 landscape (297 x 210 mm) at the feedback maps' 100 dpi, in whole pixels (Agg truncates).
MAP_PIXELS = (int(297 / 25.4 * 100), int(210 / 25.4 * 100))


def run_merge(*args: object, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCHOOLNET_XL_MAP_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", "merge", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env, check=False)


def sheet_images(workbook: Path, sheet: str) -> list[tuple[int, int]]:
    """(width, height) in pixels of each PNG the sheet's drawing shows, in anchor order."""
    with zipfile.ZipFile(workbook) as package:
        names = package.namelist()
        book = package.read("xl/workbook.xml").decode()
        rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+" r:id="(rId\d+)"',
                        book)
        assert rid, f"no sheet {sheet!r}"
        target = _target(package.read("xl/_rels/workbook.xml.rels").decode(), rid[1])
        sheet_part = posixpath.join("xl", target)
        rels = posixpath.join(posixpath.dirname(sheet_part), "_rels",
                              posixpath.basename(sheet_part) + ".rels")
        if rels not in names:
            return []
        drawing_rel = re.search(r'Target="([^"]*drawings/[^"]+)"', package.read(rels).decode())
        if not drawing_rel:
            return []
        drawing = posixpath.normpath(posixpath.join(posixpath.dirname(sheet_part),
                                                    drawing_rel[1]))
        drawing_rels = posixpath.join(posixpath.dirname(drawing), "_rels",
                                      posixpath.basename(drawing) + ".rels")
        rel_xml = package.read(drawing_rels).decode()
        sizes = []
        for embed in re.findall(r'r:embed="(rId\d+)"', package.read(drawing).decode()):
            media = posixpath.normpath(posixpath.join(posixpath.dirname(drawing),
                                                      _target(rel_xml, embed)))
            png = package.read(media)
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            sizes.append(struct.unpack(">II", png[16:24]))
        return sizes


def _target(rels: str, rid: str) -> str:
    found = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid}"', rels)
    assert found, rid
    return found[1]


def test_feedback_workbooks_of_a_real_merge_hold_each_schools_map(
        inbox: Path, tmp_path: Path) -> None:  # noqa: F811 (the fixture)
    out = tmp_path / "terugkoppeling"
    result = run_merge(inbox, "-o", tmp_path / "regio.xlsx", "--feedback", out,
                       cache=tmp_path / "cache")
    assert result.returncode == 1, result.stderr  # the mail is unreadable
    for _, name, number, *_ in SCHOOLS:
        workbook = out / f"{number} {name}.xlsx"
        assert openpyxl.load_workbook(workbook).sheetnames == [
            "Terugkoppeling", "Bevindingen", "Netwerkkaart"]
        assert sheet_images(workbook, "Netwerkkaart") == [MAP_PIXELS]
        assert sheet_images(workbook, "Terugkoppeling") == []
    unreadable = openpyxl.load_workbook(out / "mail (onleesbaar).xlsx")
    assert "Netwerkkaart" not in unreadable.sheetnames
    assert len(list((tmp_path / "cache").glob("*.png"))) == len(SCHOOLS)


def test_a_feedback_map_is_built_from_organisation_names_only(
        inbox: Path, tmp_path: Path, vocabulary: Vocabulary) -> None:  # noqa: F811
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", maps=False)
    for result in outcome.region.used:
        drawn = repr(feedback_map(result, vocabulary))
        assert not [c for c in CONTACTS if c in drawn]
        assert result.school is not None and result.school.label in drawn
    names = {p.name for r in outcome.region.used for p in feedback_map(r, vocabulary).partners}
    assert names == {n for *_, partners in SCHOOLS for n, _ in partners}


def test_zonder_kaarten_leaves_every_map_out(inbox: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "terugkoppeling"
    result = run_merge(inbox, "-o", tmp_path / "regio.xlsx", "--feedback", out,
                       "--zonder-kaarten", cache=tmp_path / "cache")
    assert result.returncode == 1, result.stderr
    for workbook in out.glob("*.xlsx"):
        assert "Netwerkkaart" not in openpyxl.load_workbook(workbook).sheetnames
        with zipfile.ZipFile(workbook) as package:
            assert not [n for n in package.namelist() if n.startswith("xl/media/")]
    assert "Netwerkkaart regio" not in openpyxl.load_workbook(tmp_path / "regio.xlsx").sheetnames
    assert not (tmp_path / "cache").exists()


def test_the_cache_reuses_drawn_maps_and_redraws_a_changed_card(
        inbox: Path, tmp_path: Path) -> None:  # noqa: F811
    cards = Path(shutil.copytree(inbox, tmp_path / "inbox"))
    cache = tmp_path / "cache"

    def merge() -> dict[str, int]:
        merge_files([str(cards)], tmp_path / "regio.xlsx", feedback_dir=tmp_path / "fb",
                    merged_on=date(2026, 12, 1), map_cache=cache)
        return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}

    first = merge()
    assert len(first) == len(SCHOOLS)
    assert merge() == first  # nothing redrawn: every entry as it was
    card = cards / "atheneum.xlsx"
    book = openpyxl.load_workbook(card)
    sheet = book["Netwerkkaart"]
    found = [c for row in sheet.iter_rows() for c in row if c.value == "Stad Kortrijk"]
    found[0].value = "Stad Kortrijk, dienst jeugd"
    book.save(card)
    third = merge()
    assert len(third) == len(SCHOOLS) + 1  # one new map, for the changed card
    assert {k: v for k, v in third.items() if k in first} == first


def test_a_feedback_workbook_with_a_map_and_the_regional_workbook_pass_sdkval_and_lint(
        inbox: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "terugkoppeling"
    result = run_merge(inbox, "-o", tmp_path / "regio.xlsx", "--feedback", out,
                       cache=tmp_path / "cache")
    assert result.returncode == 1, result.stderr
    files = [out / "030002 Basisschool Nummer 2.xlsx", tmp_path / "regio.xlsx"]
    checked = ooxml.sdkval(*files, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(files), checked.stdout
    for file in files:
        lint = ooxml.lint(file, timeout=120)
        assert lint.returncode == 0 and ": OK" in lint.stdout, lint.stdout + lint.stderr
