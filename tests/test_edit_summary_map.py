"""`summary` puts the drawn map on a sheet Netwerk: replaced on every run, nothing else moves.

A filled template card (30 partners) goes through the real command twice. Every
package part outside the parts that list sheets and formats and the three
sheets summary owns (with their drawings, chart and image) must be byte for
byte what it was; the Netwerk sheet holds exactly one PNG image of the map.
"""

from __future__ import annotations

import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo.cards import make_card
from schoolnet_xl.read.package import Package, list_sheets, relations
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.check import check_file
from tests.support.ooxml import assert_valid_and_lint_clean
from tests.support.workbooks import part_bytes

SUMMARY_SHEETS = {"Overzicht", "Validatie", "Netwerk"}
PACKAGE_LISTS = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                 "xl/styles.xml", "xl/calcChain.xml"}


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)],
                          capture_output=True, text=True, timeout=180, check=False)


def sheet_parts(path: Path, names: set[str]) -> dict[str, set[str]]:
    """Each named sheet's part, its rels and every part reachable from it."""
    out = {}
    with Package.open(path) as package:
        for sheet in list_sheets(package):
            if sheet.name not in names:
                continue
            found = {sheet.part, sheet.part.replace("worksheets/", "worksheets/_rels/") + ".rels"}
            todo = [r.target for r in sheet.relations if not r.external]
            while todo:
                part = todo.pop()
                if part in found:
                    continue
                found.add(part)
                found.add(part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[1] + ".rels")
                todo.extend(r.target for r in relations(package, part) if not r.external)
            out[sheet.name] = found
    return out


@pytest.fixture
def card(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    demo = make_card(random.Random(30), 30, 30, vocabulary)
    return write_card(tmp_path / "kaart.xlsx", vocabulary, demo)


def test_summary_adds_the_map_sheet_and_keeps_every_other_part(card: Path,
                                                              vocabulary: Vocabulary) -> None:
    before = part_bytes(card)
    findings_before = [(f.code, f.cell) for f in check_file(card, vocabulary).findings]

    first = run_cli("summary", card, "--no-backup")
    assert first.returncode == 0, first.stderr
    after = part_bytes(card)
    owned = sheet_parts(card, SUMMARY_SHEETS)
    assert set(owned) == SUMMARY_SHEETS
    allowed = PACKAGE_LISTS | set().union(*owned.values())
    kept = [name for name in before if name not in allowed]
    assert "xl/worksheets/sheet1.xml" in kept and "xl/sharedStrings.xml" in kept
    assert [name for name in kept if after.get(name) != before[name]] == []

    images = [p for p in owned["Netwerk"] if p.startswith("xl/media/") and p in after]
    assert len(images) == 1 and images[0].endswith(".png")
    png = after[images[0]]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (int(297 / 25.4 * 150), int(210 / 25.4 * 150))
    with Package.open(card) as package:
        order = [s.name for s in list_sheets(package)]
    assert order.index("Netwerk") == order.index("Validatie") + 1
    assert [(f.code, f.cell) for f in check_file(card, vocabulary).findings] == findings_before

    second = run_cli("summary", card, "--no-backup")
    assert second.returncode == 0, second.stderr
    again = part_bytes(card)
    owned_again = sheet_parts(card, SUMMARY_SHEETS)
    assert [p for p in again if p.startswith("xl/media/")] == [
        p for p in owned_again["Netwerk"] if p.startswith("xl/media/") and p in again
    ], "the old map was left behind"
    allowed_again = PACKAGE_LISTS | set().union(*owned_again.values()) | allowed
    assert [n for n in after if n not in allowed_again and again.get(n) != after[n]] == []
    assert [n for n in before if n not in allowed and again.get(n) != before[n]] == []


def test_the_card_with_its_map_passes_the_validator_and_the_lint(card: Path) -> None:
    done = run_cli("summary", card, "--no-backup")
    assert done.returncode == 0, done.stderr
    assert_valid_and_lint_clean(card)
