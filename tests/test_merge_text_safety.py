"""Card text stays text: formula-looking values never become live formulas.

Also: the only formulas of the regional workbook (Dekking totals) carry cached
values that LibreOffice, recalculating, agrees with.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support import libreoffice
from tests.support.regional import records, run_cli, sheet_rows, sheet_xml

FORMULA_TEXTS = ("=1+1", '=HYPERLINK("http://example.org")', "+32 land", "@SUM(A1)")


@pytest.fixture
def merged(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    """A region of three cards, one with formula-looking text in its cells; merged with CSV."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for index in range(3):
        card = make_card(random.Random(index), index, partners=5)
        if index == 0:
            first, second = card.partners[0], card.partners[1]
            card.partners[0] = replace(first, organisatie=Sourced(FORMULA_TEXTS[0]),
                                       aard=Sourced(FORMULA_TEXTS[1]))
            card.partners[1] = replace(second, organisatie=Sourced(FORMULA_TEXTS[2]),
                                       volgende_stap=Sourced(FORMULA_TEXTS[3]))
        write_card(inbox / f"kaart{index}.xlsx", vocabulary, card)
    out = tmp_path / "regio.xlsx"
    result = run_cli("merge", inbox, "-o", out, "--csv", tmp_path / "csv")
    assert result.returncode == 0, result.stderr
    return out


def _partner_texts(path: Path) -> set[str]:
    return {str(v) for row in records(path, "Partners") for v in row.values()}


def test_formula_looking_card_text_is_written_as_text(merged: Path) -> None:
    xml = sheet_xml(merged, "Partners")
    assert "<f>" not in xml and "<f " not in xml
    assert set(FORMULA_TEXTS) <= _partner_texts(merged)


@pytest.mark.libreoffice
def test_formula_looking_text_stays_text_after_libreoffice_recalculates(
        merged: Path, tmp_path: Path, soffice: str) -> None:
    recalculated = libreoffice.recalculate(merged, tmp_path / "lo")
    assert set(FORMULA_TEXTS) <= _partner_texts(recalculated)
    assert "2" not in {str(r["Organisatie"]) for r in records(recalculated, "Partners")}


def test_csv_neutralises_formula_looking_text(merged: Path) -> None:
    text = (merged.parent / "csv" / "partners.csv").read_text("utf-8-sig")
    for value in FORMULA_TEXTS:
        quoted = "'" + value
        assert quoted in text or f'"{quoted.replace(chr(34), chr(34) * 2)}"' in text
    assert not re.search(r"(^|;)=1\+1", text, re.MULTILINE)


def test_csv_is_for_flemish_excel(merged: Path) -> None:
    folder = merged.parent / "csv"
    for name in ("partners.csv", "scholen.csv", "dekking.csv"):
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
        header = raw[3:].decode("utf-8").splitlines()[0]
        assert ";" in header and "," not in header
    scholen = (folder / "scholen.csv").read_text("utf-8-sig").splitlines()
    assert len(scholen) == 1 + 3
    # the sheet's last column is its link to each card ("openen")
    assert [*scholen[0].split(";"), "Openen"] == [
        str(c) for c in sheet_rows(merged, "Scholen")[0]]


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_coverage_totals_to_the_cached_values(
        merged: Path, tmp_path: Path, soffice: str) -> None:
    assert "<f>SUBTOTAL(109," in sheet_xml(merged, "Dekking")
    cached = sheet_rows(merged, "Dekking")
    recalculated = sheet_rows(libreoffice.recalculate(merged, tmp_path / "lo"), "Dekking")
    totals = [row for row in cached if str(row[0]).startswith(("Totaal", "Scholen met"))]
    assert len(totals) == 2
    assert all(isinstance(v, float) for v in totals[0][5:])  # after the school columns
    assert recalculated[: len(cached)] == cached
