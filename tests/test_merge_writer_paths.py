"""The fast writer and the plain XlsxWriter path write the same regional workbook.

One region, built by `merge` from real cards whose text holds what Excel treats
specially, is written by both paths (the fast one also with forked Partners
writers); every sheet is read back with calamine and openpyxl and compared
cell for cell: values, formats, row heights, the Partners table, the document
properties. `SCHOOLNET_XL_PLAIN_WRITER=1` makes `merge` take the plain path.
"""

from __future__ import annotations

import random
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from schoolnet_xl.core.model import Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card, make_demo_region, write_demo_school_list
from schoolnet_xl.merge import merge_files
from schoolnet_xl.merge.fast_write import alongside as forked
from schoolnet_xl.merge.fast_write.bulk_rows import EXCEL_MAX_TEXT
from schoolnet_xl.merge.region import Region
from schoolnet_xl.merge.regional_workbook import (
    PARTNERS_TABLE,
    PLAIN_WRITER_ENV,
    write_regional_workbook,
)
from schoolnet_xl.merge.run import is_merge_output
from schoolnet_xl.merge.sheets import sheet_names, sheet_part
from schoolnet_xl.template import write_card
from tests.support.regional import sheet_rows
from tests.support.template_cards import fill_card

ESCAPED = "Bib _x000D_ Gent"  # Excel's own escape for a carriage return, as literal text
CONTROLS = "regel\x01een\x1fmet\ttab\nen\r\nCRLF"
FORMULAS = ("=1+1", "+32 50", "-x", "@sum")
LONG = "woord " * 7_000  # 42,000 characters (openpyxl keeps 32,767 of them in the card)
LONG_WIDE = "é" + "😀" * 20_000  # 40,001 UTF-16 units in 20,001 characters
# Two schools with long names sharing a partner: Gedeelde partners joins them past the limit.
LONG_NAMES = ("Basisschool Een " + "lang " * 4_000, "Basisschool Twee " + "lang " * 4_000)


def _special_cards(folder: Path, vocabulary: Vocabulary) -> None:
    """A card named with a literal _x000D_, with control characters and formula-looking
    text; and one filled by openpyxl (no cut at Excel's limit) with overlong texts."""
    folder.mkdir(parents=True)
    card = make_card(random.Random(7), 7, partners=6)
    texts = [(ESCAPED, CONTROLS), *((text, f"aard {text}") for text in FORMULAS)]
    for index, (organisatie, aard) in enumerate(texts):
        card.partners[index] = replace(card.partners[index], organisatie=Sourced(organisatie),
                                       aard=Sourced(aard), volgende_stap=Sourced(CONTROLS))
    card = replace(card, header=replace(card.header, gemeente=Sourced(ESCAPED)))
    write_card(folder / "has_x000D_.xlsx", vocabulary, card)
    template = write_card(folder.parent / "leeg.xlsx", vocabulary)
    for index, name in enumerate(LONG_NAMES):
        fill_card(template, folder / f"lang{index}.xlsx",
                  {"Schoolnaam": name, "Instellingsnummer": f"03057{index}",
                   "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2026-2027"},
                  [{"Organisatie": "Bibliotheek Gent", "Aard en specificaties": LONG,
                    "Categorie": "Bibliotheek", "Kansenbevordering": "X"},
                   {"Organisatie": "Vrij CLB Gent", "Aard en specificaties": LONG_WIDE,
                    "Categorie": "CLB", "Zorg": "X"}])
    (folder.parent / "leeg.xlsx").unlink()


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    """The demo region plus the special cards, merged from relative paths: a folder
    named " spaties" and a file named "kaart.xlsx " give texts that start and end
    with a space (a card's own text is stripped when read)."""
    from schoolnet_xl.core.vocabulary import default_vocabulary

    base = tmp_path_factory.mktemp("paths")
    make_demo_region(base / "demo")
    _special_cards(base / "bijzonder", default_vocabulary())
    (base / " spaties").mkdir()
    (base / "bijzonder" / "has_x000D_.xlsx").replace(base / " spaties" / "has_x000D_.xlsx")
    (base / "bijzonder" / "kaart.xlsx ").write_bytes(b"geen werkboek")
    write_demo_school_list(base / "scholen.csv")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(base)
        outcome = merge_files(["demo", "bijzonder", " spaties"], base / "merged.xlsx", jobs=1,
                              school_list="scholen.csv")
    assert outcome.region.not_sent is not None and outcome.region.not_sent.rows
    return outcome.region


SHEETS = sheet_names(with_list=True)


def _texts(region: Region) -> list[str]:
    tables = (region.partners, region.schools, region.findings, region.sources)
    return [cell for table in tables for row in table.rows for cell in row
            if isinstance(cell, str)]


def _long_schools(region: Region) -> str:
    """The Scholen cell of Gedeelde partners that joins the long-named schools."""
    return next(" | ".join(shared.schools) for shared in region.shared
                if shared.name == "Bibliotheek Gent")


def test_the_region_holds_what_excel_treats_specially(region: Region) -> None:
    texts = _texts(region)
    assert ESCAPED in texts and CONTROLS in texts
    assert any("has_x000D_.xlsx" in text for text in texts)
    assert set(FORMULAS) <= set(texts)
    assert LONG[:EXCEL_MAX_TEXT] in texts and LONG_WIDE in texts
    assert len(_long_schools(region)) > EXCEL_MAX_TEXT
    assert any(text.startswith(" ") for text in texts)
    assert any(text.endswith(" ") for text in texts)


@pytest.fixture(scope="module")
def written(region: Region, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The region written by the plain path, the fast path, and the fast path with
    forked Partners writers (Linux)."""
    base = tmp_path_factory.mktemp("written")
    paths = {"plain": write_regional_workbook(region, base / "plain.xlsx", fast=False),
             "fast": write_regional_workbook(region, base / "fast.xlsx")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forked, "ALONGSIDE_CELLS", 1)
        paths["forked"] = write_regional_workbook(region, base / "forked.xlsx")
    return paths


def _calamine(path: Path) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _as_shared(value: Any) -> Any:
    """openpyxl reads the `_x005F_` escape (an underscore) in shared strings only, by
    dropping "x005F_" (openpyxl/reader/strings.py), and leaves inline strings as they
    are; Excel and calamine read both kinds alike. So the fast path's inline text is
    read here as openpyxl reads the plain path's shared strings (a no-op on those)."""
    return value.replace("x005F_", "") if isinstance(value, str) else value


def _look(cell: Any, looks: dict[int, str]) -> str:
    """A cell's font, fill, border, alignment and number format, spelt out (once per
    style of the workbook: indices differ between workbooks, what they name must not)."""
    look = looks.get(cell.style_id)
    if look is None:
        look = looks[cell.style_id] = repr((cell.font, cell.fill, cell.border,
                                            cell.alignment, cell.number_format))
    return look


def _openpyxl(path: Path) -> dict[str, Any]:
    """What openpyxl reads of every sheet: each cell's value and look, row heights,
    column widths, panes, filters, merged cells, tables; and the properties."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheets = {}
    looks: dict[int, str] = {}
    for sheet in workbook.worksheets:
        cells = {cell.coordinate: (_as_shared(cell.value), _look(cell, looks))
                 for row in sheet.iter_rows() for cell in row}
        sheets[sheet.title] = {
            "cells": cells,
            "heights": {row: dim.height for row, dim in sheet.row_dimensions.items()
                        if dim.height is not None},
            "widths": {col: dim.width for col, dim in sheet.column_dimensions.items()},
            "panes": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "links": {cell.coordinate: (cell.hyperlink.target, cell.hyperlink.location)
                      for row in sheet.iter_rows() for cell in row if cell.hyperlink},
            "tables": {table.name: (table.ref,
                                    table.autoFilter.ref if table.autoFilter else None,
                                    [column.name for column in table.tableColumns],
                                    table.tableStyleInfo.name)
                       for table in sheet.tables.values()},
        }
    properties = workbook.properties
    return {
        "sheets": sheets,
        "custom": [(p.name, p.value) for p in workbook.custom_doc_props.props],
        "core": (properties.title, properties.subject, properties.creator,
                 properties.description, properties.created),
    }


@pytest.mark.parametrize("fast", ["fast", "forked"])
def test_every_cell_reads_back_the_same_with_calamine(written: dict[str, Path],
                                                      fast: str) -> None:
    plain, ours = _calamine(written["plain"]), _calamine(written[fast])
    assert list(plain) == list(ours) == list(SHEETS)
    assert ours["Nog niet ingediend"]
    for name in SHEETS:
        assert ours[name] == plain[name], name


@pytest.mark.parametrize("fast", ["fast", "forked"])
def test_every_cell_value_format_height_and_the_table_read_back_the_same_with_openpyxl(
        written: dict[str, Path], fast: str) -> None:
    plain, ours = _openpyxl(written["plain"]), _openpyxl(written[fast])
    assert list(plain["sheets"]) == list(ours["sheets"]) == list(SHEETS)

    for name in SHEETS:
        for what in plain["sheets"][name]:
            assert ours["sheets"][name][what] == plain["sheets"][name][what], (name, what)
    assert ours["custom"] == plain["custom"] != []
    assert ours["core"] == plain["core"]


def test_each_school_and_finding_links_to_its_file_relative_to_the_workbook(
        region: Region, written: dict[str, Path]) -> None:
    """The workbooks sit beside the inbox folders here: each row's last cell, "openen",
    links to the file's path from the workbook's folder (XlsxWriter writes it with
    Windows separators)."""
    import openpyxl

    for path in written.values():
        workbook = openpyxl.load_workbook(path)
        for name, column, table in (("Scholen", "Bronbestand", region.schools),
                                    ("Bevindingen", "Bestand", region.findings)):
            sheet = workbook[name]
            assert sheet.cell(1, len(table.columns) + 1).value == "Openen"
            cells = [sheet.cell(row, len(table.columns) + 1)
                     for row in range(2, len(table.rows) + 2)]
            for cell, row in zip(cells, table.rows, strict=True):
                given = str(row[table.columns.index(column)])
                shown = given.rpartition(" [blad ")[0] or given
                assert cell.value == "openen" and cell.hyperlink is not None, (name, cell)
                target = cell.hyperlink.target.replace("%20", " ").replace("\\", "/")
                assert target == shown.lstrip("./"), (name, cell.coordinate)


def test_the_partners_table_spans_every_row_in_both(region: Region,
                                                    written: dict[str, Path]) -> None:
    import openpyxl
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(region.partners.columns))
    for path in written.values():
        table = openpyxl.load_workbook(path)["Partners"].tables[PARTNERS_TABLE]
        assert table.ref == f"A1:{last}{len(region.partners.rows) + 1}"
        assert [c.name for c in table.tableColumns] == region.partners.columns
        assert is_merge_output(path)  # the custom property a later merge recognises


def test_text_reads_back_as_the_cards_held_it_cut_at_excels_limit(
        region: Region, written: dict[str, Path]) -> None:
    for path in written.values():
        partners = sheet_rows(path, "Partners")
        texts = {cell for row in partners for cell in row if isinstance(cell, str)}
        assert ESCAPED in texts and CONTROLS in texts  # no carriage return for _x000D_
        assert set(FORMULAS) <= texts
        assert LONG[:EXCEL_MAX_TEXT] in texts
        assert LONG_WIDE[:1 + (EXCEL_MAX_TEXT - 1) // 2] in texts  # 😀 counts two units
        shared = {cell for row in sheet_rows(path, "Gedeelde partners") for cell in row}
        assert _long_schools(region)[:EXCEL_MAX_TEXT] in shared
        sources = [row[0] for row in sheet_rows(path, "Bronbestanden")]
        assert any(path.endswith("has_x000D_.xlsx") for path in sources)
        with zipfile.ZipFile(path) as archive:
            assert b"<f>" not in archive.read(sheet_part("Partners", SHEETS))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")
def test_the_forked_writers_wrote_the_forked_workbook(written: dict[str, Path]) -> None:
    with zipfile.ZipFile(written["forked"]) as archive:
        assert archive.testzip() is None


@pytest.mark.parametrize(("value", "plain"), [("1", True), ("0", False), ("", False)])
def test_merge_takes_the_plain_path_when_the_environment_asks(
        tmp_path: Path, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch,
        value: str, plain: bool) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_card(inbox / "kaart.xlsx", vocabulary, make_card(random.Random(1), 1, partners=3))
    monkeypatch.setenv(PLAIN_WRITER_ENV, value)
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1)
    with zipfile.ZipFile(outcome.output) as archive:
        partners = archive.read(sheet_part("Partners")).decode()
    # The plain path's cells are shared strings; the fast path writes inline strings.
    assert ('t="inlineStr"' not in partners) is plain
    assert len(sheet_rows(outcome.output, "Partners")) == 1 + 3
