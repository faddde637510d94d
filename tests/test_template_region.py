"""A region's config (renamed X column, SPORT made core) reaches grid, dropdowns and Overzicht."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from schoolnet_xl.core.vocabulary import load_vocabulary
from schoolnet_xl.template import write_card
from tests.support import libreoffice
from tests.support.template_cards import formulas, overview_category_rows, sheet_xml, values

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REGION = """
[focus.KANS]
header = "Gelijke kansen"

[categories.SPORT]
core = ["*"]
"""


@pytest.fixture
def region_card(tmp_path: Path) -> Path:
    config = tmp_path / "regio.toml"
    config.write_text(REGION, "utf-8")
    return write_card(tmp_path / "regio.xlsx", load_vocabulary(config))


def test_renamed_x_column_heads_the_grid_with_its_dropdown_and_hint(region_card: Path) -> None:
    sheet = openpyxl.load_workbook(region_card)["Netwerkkaart"]
    columns = [c.name for c in sheet.tables["Partners"].tableColumns]
    assert columns[2:5] == ["Gelijke kansen", "Zorg", "Armoedebestrijding"]
    root = ElementTree.fromstring(sheet_xml(region_card, "Netwerkkaart"))
    lists = {v.get("sqref"): v.find(f"{MAIN}formula1").text
             for v in root.iter(f"{MAIN}dataValidation") if v.get("type") == "list"}
    assert lists["C10:C69"] == "Xlijst"
    prompts = {v.get("sqref"): v.get("promptTitle") for v in root.iter(f"{MAIN}dataValidation")}
    assert prompts["C10:C69"] == "Gelijke kansen"
    no_mark = [cf for cf in root.iter(f"{MAIN}conditionalFormatting") if cf.get("sqref") ==
               "C10:E69"]
    assert no_mark and "$C10:$E10" in no_mark[0].find(f"{MAIN}cfRule/{MAIN}formula").text


def test_overzicht_counts_the_renamed_column_and_flags_sport_as_core(region_card: Path) -> None:
    assert "COUNTIF(Partners[Gelijke kansen],\"X\")" in " ".join(
        formulas(region_card, "Overzicht").values())
    sport = overview_category_rows(region_card)["SPORT"]
    assert (sport["count"], sport["expectation"], sport["status"]) == (0, "kern",
                                                                        "ontbreekt (kern)")
    meta = openpyxl.load_workbook(region_card)["_schoolnet"]
    assert "Gelijke kansen" in meta["B5"].value


@pytest.mark.libreoffice
def test_libreoffice_agrees_with_the_region_cards_cached_values(
    soffice, region_card: Path, tmp_path: Path
) -> None:
    cells = sorted(formulas(region_card, "Overzicht"))
    theirs = libreoffice.recalculate(region_card, tmp_path / "lo")
    assert values(theirs, "Overzicht", cells) == values(region_card, "Overzicht", cells)
    assert overview_category_rows(theirs)["SPORT"]["status"] == "ontbreekt (kern)"
