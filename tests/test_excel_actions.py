"""The Excel button's functions on the JSON the Office.js client sends (remote engine).

Real template cards are written, edited with openpyxl, turned into the client's
payload and run through `xw.Book(json=...)` and our functions; the returned
actions are what Excel would apply. The CLI (`schoolnet-xl validate --format
json`, run as a subprocess) is the reference for what must be marked.
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from schoolnet_xl.core import contract
from schoolnet_xl.core.cells import a1
from schoolnet_xl.core.palette import AMBER_FILL, RED_FILL
from schoolnet_xl.core.sheet_words import VALIDATION_HEADER_ROW
from schoolnet_xl.excel import actions
from tests.support.xlwings_payload import apply_actions, card_with, payload_from_file

CLI = str(Path(sys.executable).parent / "schoolnet-xl")
HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "030569",
          "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2025-2026",
          "Gemeente": "Brugge", "IngevuldDoor": "zorgcoördinator"}
GOOD_ROW = {"Organisatie": "Vrij CLB Brugge", "Aard en specificaties": "begeleiding",
            "Zorg": "X", "Categorie": "CLB", "E-mail": "onthaal@vclb-brugge.be",
            "Interne trekker": "directie"}


@pytest.fixture
def bad_card(tmp_path: Path, vocabulary) -> Path:
    """A card with a 5-digit instellingsnummer, a bad e-mail and a row without Organisatie."""
    return card_with(tmp_path / "kaart.xlsx", vocabulary,
                     {**HEADER, "Instellingsnummer": "30569"},
                     [GOOD_ROW,
                      {**GOOD_ROW, "Organisatie": "Bib Brugge", "Categorie": "Bibliotheek",
                       "E-mail": "bib@@brugge"},
                      {"Aard en specificaties": "huiswerkbegeleiding", "Categorie": "Hoger "
                       "onderwijs en stagiairs"}])


def cli_findings(path: Path) -> list[dict[str, str]]:
    """The findings `schoolnet-xl validate --format json` reports for one file."""
    run = subprocess.run([CLI, "validate", str(path), "--format", "json"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)["files"][0]["findings"]


def run(function: Any, payload: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Run one button function on a copy of the payload (the remote engine edits what it
    is given); (actions, sheet names in book order, sheets it added at the end)."""
    book = xw.Book(json=copy.deepcopy(payload))
    function(book)
    return book.json()["actions"], [sheet.name for sheet in book.sheets]


def cells_of(actions_: list[dict[str, Any]], func: str, sheets: list[str],
             *, arg: Any = ..., ) -> list[tuple[str, str]]:
    """(sheet, A1 of the top-left cell) of every action `func` (optionally with args[0] == arg)."""
    return [(sheets[a["sheet_position"]], a1(a["start_row"], a["start_column"]))
            for a in actions_ if a["func"] == func and (arg is ... or _same(a["args"][0], arg))]


def _same(value: Any, wanted: Any) -> bool:
    """Colours compare case-insensitively ("#F8CBAD" == "#f8cbad")."""
    if isinstance(value, str) and isinstance(wanted, str):
        return value.lower() == wanted.lower()
    return value == wanted


def validation_rows(actions_: list[dict[str, Any]]) -> list[list[Any]]:
    """The finding rows written under the Validatie header (the row after it onwards)."""
    writes = [a for a in actions_ if a["func"] == "setValues"
              and a["start_row"] == VALIDATION_HEADER_ROW + 1
              and a["start_column"] == 0 and a["column_count"] == 5]
    assert len(writes) == 1
    return writes[0]["values"]


def test_valideer_marks_exactly_the_cells_of_the_cli_findings(bad_card: Path) -> None:
    expected = cli_findings(bad_card)
    actions_, sheets = run(actions.valideer, payload_from_file(bad_card))

    problem_cells = {(f["sheet"], f["cell"]) for f in expected
                     if f["severity"] in ("fout", "waarschuwing") and f["cell"]}
    red = set(cells_of(actions_, "setRangeColor", sheets, arg=RED_FILL))
    amber = set(cells_of(actions_, "setRangeColor", sheets, arg=AMBER_FILL))
    assert red | amber == problem_cells
    assert red == {(f["sheet"], f["cell"]) for f in expected if f["severity"] == "fout"}
    assert set(cells_of(actions_, "addNote", sheets)) == problem_cells
    # the three planted problems are among them
    codes = {(f["code"], f["cell"]) for f in expected}
    assert {"SN103", "SN206", "SN201"} <= {code for code, _ in codes}


def test_validatie_sheet_holds_the_codes_and_cells_of_the_cli(bad_card: Path) -> None:
    expected = cli_findings(bad_card)
    actions_, _ = run(actions.valideer, payload_from_file(bad_card))

    rows = validation_rows(actions_)
    assert sorted((r[0], r[1], r[2]) for r in rows) == sorted(
        (f["severity"], f["code"], f["cell"]) for f in expected)
    assert sorted(r[3] for r in rows) == sorted(f["message"] for f in expected)
    headers = next(a["values"][0] for a in actions_ if a["func"] == "setValues"
                   and a["start_row"] == VALIDATION_HEADER_ROW and a["column_count"] == 5)
    assert headers == ["Ernst", "Code", "Cel", "Melding", "Tip"]
    links = next(a["values"] for a in actions_ if a["func"] == "setFormula")
    for row, (link,) in zip(rows, links, strict=True):
        if row[2]:
            assert link == f'=HYPERLINK("#\'{contract.SHEET_CARD}\'!{row[2]}","{row[2]}")'


def test_valideer_alerts_the_totals_in_dutch(bad_card: Path) -> None:
    expected = cli_findings(bad_card)
    fouten = sum(f["severity"] == "fout" for f in expected)
    waarschuwingen = sum(f["severity"] == "waarschuwing" for f in expected)
    actions_, _ = run(actions.valideer, payload_from_file(bad_card))

    alerts = [a["args"] for a in actions_ if a["func"] == "alert"]
    assert alerts == [[f"{plural(fouten, 'fout', 'fouten')}, "
                       f"{plural(waarschuwingen, 'waarschuwing', 'waarschuwingen')}"
                       " — zie blad Validatie", "Valideer", "ok", "", ""]]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def test_a_clean_card_says_no_problems_and_marks_nothing(tmp_path: Path, vocabulary) -> None:
    rows = [{"Organisatie": org, "Aard en specificaties": "samenwerking", "Zorg": "X",
             "Categorie": category, "Interne trekker": "directie"}
            for org, category in [("Vrij CLB Brugge", "CLB"), ("Leersteuncentrum West", "LSC"),
                                  ("Stad Brugge onderwijsdienst", "LOK"),
                                  ("OCMW Brugge", "OCMW"), ("Huis van het Kind", "KGH")]]
    card = card_with(tmp_path / "schoon.xlsx", vocabulary,
                     {**HEADER, "Datum": datetime.date(2025, 10, 1)}, rows)
    assert not [f for f in cli_findings(card) if f["severity"] != "info"]
    actions_, _ = run(actions.valideer, payload_from_file(card))

    assert not [a for a in actions_ if a["func"] in ("addNote", "setRangeColor")]
    alert = next(a["args"][0] for a in actions_ if a["func"] == "alert")
    assert alert.startswith("Geen problemen gevonden.")


def test_a_second_run_first_clears_the_marks_of_the_first(bad_card: Path) -> None:
    original = load_workbook(bad_card)
    first_payload = payload_from_file(bad_card)
    first_actions, sheets = run(actions.valideer, first_payload)
    first_marks = set(cells_of(first_actions, "setRangeColor", sheets))
    first_notes = set(cells_of(first_actions, "addNote", sheets))

    second_actions, _ = run(actions.valideer, apply_actions(first_payload, first_actions))

    fills = [a for a in second_actions if a["func"] == "setRangeColor"]
    cleared = fills[:len(first_marks)]
    assert {(sheets[a["sheet_position"]], a1(a["start_row"], a["start_column"]))
            for a in cleared} == first_marks
    for action in cleared:  # each cell gets back the fill it had in the file
        cell = original[sheets[action["sheet_position"]]].cell(
            row=action["start_row"] + 1, column=action["start_column"] + 1)
        had = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
        restored = action["args"][0]
        assert (restored.lower() if restored else None) == (
            f"#{had[-6:]}".lower() if had else None)
    first_new_mark = second_actions.index(fills[len(first_marks)])
    deleted = [a for a in second_actions[:first_new_mark] if a["func"] == "deleteNote"]
    assert {(sheets[a["sheet_position"]], a1(a["start_row"], a["start_column"]))
            for a in deleted} == first_notes
    assert set(cells_of(second_actions[first_new_mark:], "setRangeColor", sheets)) == first_marks


def test_notes_are_skipped_where_the_client_has_no_notes_api(bad_card: Path) -> None:
    actions_, _ = run(actions.valideer, payload_from_file(bad_card, notes_supported=False))
    assert not [a for a in actions_ if a["func"] == "addNote"]
    assert [a for a in actions_ if a["func"] == "setRangeColor"]


def test_a_workbook_that_is_no_card_gets_a_friendly_dutch_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Budget"
    workbook.active.append(["Post", "Bedrag"])
    workbook.active.append(["Huur", 1200])
    workbook.save(tmp_path / "budget.xlsx")
    with pytest.raises(xw.XlwingsError, match="Geen netwerkkaart gevonden"):
        run(actions.valideer, payload_from_file(tmp_path / "budget.xlsx"))


def overview_payload(card: Path) -> tuple[dict[str, Any], list[list[Any]]]:
    payload = payload_from_file(card)
    sheet = next(s for s in payload["sheets"] if s["name"] == contract.SHEET_OVERVIEW)
    return payload, sheet["values"]


def row_of_code(values: list[list[Any]], code: str) -> int:
    """0-based row of a category code on Overzicht (found by text, like the button)."""
    return next(r for r, row in enumerate(values) if len(row) > 1 and row[1] == code)


def missing_per_cli(card: Path) -> dict[str, list[str]]:
    """`missing_categories` of `schoolnet-xl validate --format json`."""
    run_ = subprocess.run([CLI, "validate", str(card), "--format", "json"],
                          capture_output=True, text=True, timeout=60, check=False)
    return json.loads(run_.stdout)["files"][0]["missing_categories"]


def test_ontbrekende_categorieen_marks_missing_rows_and_lists_whom_to_look_for(
    bad_card: Path, vocabulary
) -> None:
    reference = missing_per_cli(bad_card)
    payload, values = overview_payload(bad_card)
    actions_, sheets = run(actions.ontbrekende_categorieen, payload)

    fills = [a for a in actions_ if a["func"] == "setRangeColor"]
    assert {sheets[a["sheet_position"]] for a in fills} == {contract.SHEET_OVERVIEW}
    red_rows = {a["start_row"] for a in fills if _same(a["args"][0], RED_FILL)}
    amber_rows = {a["start_row"] for a in fills if _same(a["args"][0], AMBER_FILL)}
    assert red_rows == {row_of_code(values, code) for code in reference["core"]}
    assert amber_rows == {row_of_code(values, code) for code in reference["recommended"]}
    listed = [a["values"] for a in actions_ if a["func"] == "setValues"
              and sheets[a["sheet_position"]] == contract.SHEET_OVERVIEW][-1]
    assert [line[1] for line in listed] == reference["core"] + reference["recommended"]
    for label, code, _expectation, definition, examples in listed:
        category = vocabulary.category(code)
        assert (label, definition, examples) == (category.label, category.definition,
                                                 category.examples)
    alert = next(a["args"][0] for a in actions_ if a["func"] == "alert")
    assert alert.startswith(f"{len(reference['core'])} kerncategorie")


def test_ontbrekende_categorieen_again_clears_its_rows_and_rewrites_the_list_in_place(
    bad_card: Path,
) -> None:
    payload, _ = overview_payload(bad_card)
    first, _ = run(actions.ontbrekende_categorieen, payload)
    second, _ = run(actions.ontbrekende_categorieen, apply_actions(payload, first))

    first_rows = [(a["start_row"], a["column_count"]) for a in first
                  if a["func"] == "setRangeColor"]
    cleared = [a for a in second if a["func"] == "setRangeColor"][:len(first_rows)]
    assert [(a["start_row"], a["column_count"]) for a in cleared] == first_rows
    assert all(a["args"][0] is None for a in cleared)
    title_rows = [a["start_row"] for batch in (first, second) for a in batch
                  if a["func"] == "setValues" and a["values"] == [[
                      "Naar wie zoeken? Ontbrekende categorieën"]]]
    assert len(title_rows) == 2 and title_rows[0] == title_rows[1]
    assert [a["func"] for a in second].count("rangeClearContents") == 1


def test_overzicht_vernieuwen_writes_the_counts_excel_did_not_recalculate(
    bad_card: Path, vocabulary
) -> None:
    from schoolnet_xl.core.overview import compute_overview
    from schoolnet_xl.read import read_card

    overview = compute_overview(read_card(bad_card, vocabulary).card, vocabulary)
    payload, values = overview_payload(bad_card)  # openpyxl saved it: no cached results
    actions_, sheets = run(actions.overzicht_vernieuwen, payload)

    written = {(a["start_row"], a["start_column"]): a["values"][0][0] for a in actions_
               if a["func"] == "setValues"}
    assert {sheets[a["sheet_position"]] for a in actions_ if a["func"] == "setValues"} == {
        contract.SHEET_OVERVIEW}
    for line in overview.categories:
        row = row_of_code(values, line.code)
        assert written[(row, 2)] == line.count
    total_row = next(r for r, row in enumerate(values) if row[0] == "Aantal partners (met naam)")
    assert written[(total_row, 2)] == overview.total_partners


def test_overzicht_vernieuwen_leaves_a_correct_overview_alone(tmp_path: Path,
                                                              vocabulary) -> None:
    from schoolnet_xl.read import read_card
    from schoolnet_xl.template import write_card

    source = card_with(tmp_path / "bron.xlsx", vocabulary, HEADER, [GOOD_ROW])
    card = read_card(source, vocabulary).card
    fresh = write_card(tmp_path / "vers.xlsx", vocabulary, card)  # formulas with cached values
    actions_, _ = run(actions.overzicht_vernieuwen, payload_from_file(fresh))

    assert not [a for a in actions_ if a["func"] == "setValues"]
    assert [a["args"][0] for a in actions_ if a["func"] == "alert"] == [
        "Het Overzicht klopt al met de tabel."]


def test_a_grid_that_lost_its_categorie_column_gets_a_friendly_dutch_error(
    bad_card: Path,
) -> None:
    workbook = load_workbook(bad_card)
    sheet, table = next((ws, t) for ws in workbook.worksheets for t in ws.tables.values())
    column = next(c for c in table.tableColumns if c.name == "Categorie")
    header_cell = next(c for c in sheet[table.ref.split(":")[0][1:]] if c.value == "Categorie")
    column.name = header_cell.value = "Kolom6"
    workbook.save(bad_card)

    for function in (actions.valideer, actions.ontbrekende_categorieen,
                     actions.overzicht_vernieuwen):
        with pytest.raises(xw.XlwingsError, match=r"De kolom 'Categorie' ontbreekt .* Zet de "
                                                  r"kolomkop terug"):
            run(function, payload_from_file(bad_card))


def test_an_existing_validatie_sheet_is_cleared_and_rewritten_not_duplicated(
    bad_card: Path,
) -> None:
    workbook = load_workbook(bad_card)
    workbook.create_sheet(contract.SHEET_VALIDATION)["A2"] = "oude bevinding"
    workbook.save(bad_card)
    actions_, sheets = run(actions.valideer, payload_from_file(bad_card))

    assert sheets.count(contract.SHEET_VALIDATION) == 1
    assert "addSheet" not in [a["func"] for a in actions_]
    clears = [a for a in actions_ if a["func"] == "sheetClear"]
    assert [sheets[a["sheet_position"]] for a in clears] == [contract.SHEET_VALIDATION]
    assert validation_rows(actions_)


def test_the_totals_use_singular_and_plural_and_say_when_all_is_well() -> None:
    from schoolnet_xl.core.findings import Finding
    from schoolnet_xl.excel.validation import totals_message

    def finding(severity: str) -> Finding:
        return Finding("SN000", severity)  # type: ignore[arg-type]

    assert totals_message([finding("fout"), finding("waarschuwing")], "nl") == \
        "1 fout, 1 waarschuwing — zie blad Validatie"
    assert totals_message([finding("fout")] * 2 + [finding("waarschuwing")] * 3, "nl") == \
        "2 fouten, 3 waarschuwingen — zie blad Validatie"
    assert totals_message([], "nl") == "Geen problemen gevonden."
    assert totals_message([finding("info")], "nl") == \
        "Geen problemen gevonden. 1 opmerking ter info op blad Validatie."


def test_validatie_sheet_has_a_title_the_card_and_the_time_of_the_check(bad_card: Path) -> None:
    actions_, _ = run(actions.valideer, payload_from_file(bad_card))

    values = {(a["start_row"], a["start_column"]): a["values"] for a in actions_
              if a["func"] == "setValues" and a["sheet_position"] == 5}
    assert values[0, 0] == [["Validatie van de netwerkkaart"]]
    context = values[1, 0][0][0]
    assert context.startswith(f"Kaart: {bad_card.name} - gecontroleerd op "), context
    assert sorted(values) == [(0, 0), (1, 0), (3, 0), (4, 0)]  # nothing else on the sheet
    fills = [a for a in actions_ if a["func"] == "setRangeColor" and a["sheet_position"] == 5]
    assert not fills  # nothing coloured on the Validatie sheet


def test_a_card_made_with_a_regions_vocabulary_gets_the_same_verdict_as_validate(
    tmp_path: Path,
) -> None:
    """The button (no region config on the add-in) judges a card with the vocabulary it
    stores, as `validate` does: here SPORT is core and MOBI a category of the region."""
    from schoolnet_xl.core.vocabulary import default_vocabulary, load_vocabulary

    config = tmp_path / "regio.toml"
    config.write_text('name = "Regio Waasland"\n[categories.SPORT]\ncore = ["*"]\n'
                      '[categories.MOBI]\nlabel = "Mobiliteit"\n'
                      'definition = "Schoolvervoer."\nrecommended = ["*"]\n', encoding="utf-8")
    region = load_vocabulary(config)
    card = card_with(tmp_path / "regiokaart.xlsx", region, HEADER,
                     [GOOD_ROW, {**GOOD_ROW, "Organisatie": "De Lijn", "Categorie": "Mobiliteit"}])
    book = xw.Book(json=payload_from_file(card))
    button = actions.valideer(book, vocabulary=default_vocabulary())
    cli = cli_findings(card)
    assert sorted((f.code, f.cell, f.value) for f in button) == sorted(
        (f["code"], f["cell"], f["value"]) for f in cli)
    core_missing = {f.value for f in button if f.code == "SN302"}
    assert "SPORT" in core_missing  # core only in the region's vocabulary
    assert "SN202" not in {f.code for f in button}  # Mobiliteit is a category there
