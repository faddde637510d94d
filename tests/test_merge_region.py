"""A whole region through `schoolnet-xl merge`: every figure recomputed from the cards.

The demo generator says what each file holds (`plan_demo_region`), so the test
computes schools, partners, coverage and shares from those `Card` objects on
its own and compares them with what the regional workbook shows.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import DemoFile, make_demo_region, plan_demo_region
from schoolnet_xl.merge.records import sheet_label
from schoolnet_xl.validate.rules import header, rows
from tests.support.regional import fingerprints, records, run_cli, sheet_rows

EXPECTED_KIND = {"template": "sjabloon", "handmade": "eigen raster", "ods": "eigen raster",
                 "superseded": "dubbel", "unreadable": "onleesbaar", "lock": "overgeslagen",
                 "old-version": "sjabloon", "older-year": "ander schooljaar"}
NOT_COUNTED = ("superseded", "older-year")  # cards read, but not the school's row


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[DemoFile]]:
    """The demo region merged once: (inbox, regional workbook, plan)."""
    base = tmp_path_factory.mktemp("region")
    inbox = base / "inbox"
    make_demo_region(inbox)
    before = fingerprints(inbox)
    out = base / "regio.xlsx"
    result = run_cli("merge", inbox, "-o", out, "--csv", base / "csv")
    assert result.returncode == 1, result.stderr  # the demo holds one unreadable file
    assert fingerprints(inbox) == before  # inputs untouched
    return inbox, out, plan_demo_region()


def _schools(plan: list[DemoFile]) -> dict[str, Card]:
    return {item.path: item.card for item in plan
            if item.card is not None and item.kind not in NOT_COUNTED}


def _missing_core(card: Card, vocabulary: Vocabulary) -> list[str]:
    level = vocabulary.level_code_for(card.header.onderwijsniveau.text)
    present = {p.category_code for p in card.partners}
    return [c.label for c in vocabulary.categories
            if c.expectation(level) == "core" and c.code not in present]


def test_every_file_is_accounted_for(region) -> None:
    inbox, out, plan = region
    sources = {str(Path(r["Pad"]).relative_to(inbox)): (r["Soort"], r["Reden"])
               for r in records(out, "Bronbestanden")}
    assert {path: kind for path, (kind, _) in sources.items()} == {
        item.path: EXPECTED_KIND[item.kind] for item in plan}
    for item in plan:
        if item.kind in ("unreadable", "lock", *NOT_COUNTED):
            assert sources[item.path][1], f"{item.path} needs a reason"


def test_scholen_has_one_row_per_school_with_its_figures(region, vocabulary) -> None:
    inbox, out, plan = region
    expected = _schools(plan)
    rows = {str(Path(r["Bronbestand"]).relative_to(inbox)): r for r in records(out, "Scholen")}
    assert set(rows) == set(expected)
    for path, card in expected.items():
        row = rows[path]
        assert row["Schoolnaam"] == card.header.schoolnaam.text
        assert row["Instellingsnummer"] == card.header.instellingsnummer.text
        assert row["Onderwijsniveau"] == card.header.onderwijsniveau.text
        assert row["Partners"] == len(card.partners)
        missing = row["Ontbrekende kerncategorieën"]
        assert (missing.split(", ") if missing else []) == _missing_core(card, vocabulary)


def test_dekking_counts_partners_per_school_and_category(region, vocabulary) -> None:
    _inbox, out, plan = region
    expected = _schools(plan)
    rows = sheet_rows(out, "Dekking")
    header = rows[0]
    by_school = {(r[0], r[1]): r for r in rows[1:len(expected) + 1]}
    assert len(by_school) == len(expected)
    categories = _core_first(vocabulary)
    grids = {item.path for item in plan if item.kind in ("handmade", "ods")}  # no SG line
    for path, card in expected.items():
        row = by_school[(card.header.schoolnaam.text, card.header.instellingsnummer.text)]
        counts = Counter(p.category_code for p in card.partners)
        community = "" if path in grids else card.header.scholengemeenschap.text
        assert row[3:5] == [community, card.header.schooljaar.text]
        assert row[5:] == [counts[c.code] for c in categories]
    totals = rows[len(expected) + 1]
    assert header[:5] == ["Schoolnaam", "Instellingsnummer", "Onderwijsniveau",
                          "Scholengemeenschap", "Schooljaar"]
    assert header[5:] == [c.label for c in categories]
    assert totals[5:] == [sum(Counter(p.category_code for p in card.partners)[c.code]
                              for card in expected.values()) for c in categories]


def _core_first(vocabulary: Vocabulary) -> list:
    """Categories core somewhere first, then recommended only, then the rest."""
    return ([c for c in vocabulary.categories if c.core]
            + [c for c in vocabulary.categories if not c.core and c.recommended]
            + [c for c in vocabulary.categories if not (c.core or c.recommended)])


def test_dekking_colours_each_count_by_what_the_school_level_expects(region,
                                                                    vocabulary) -> None:
    import openpyxl

    _inbox, out, plan = region
    from schoolnet_xl.core.palette import AMBER_FILL, GREEN_FILL, RED_FILL

    colour = {state: "FF" + fill.lstrip("#") for state, fill in (
        ("core", RED_FILL), ("recommended", AMBER_FILL), ("present", GREEN_FILL))}
    sheet = openpyxl.load_workbook(out)["Dekking"]
    schools = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=2)}
    for card in _schools(plan).values():
        row = schools[(card.header.schoolnaam.text, card.header.instellingsnummer.text)]
        level = vocabulary.level_code_for(card.header.onderwijsniveau.text)
        present = {p.category_code for p in card.partners}
        for category, cell in zip(_core_first(vocabulary), row[5:], strict=True):
            state = ("present" if category.code in present
                     else category.expectation(level) if category.expectation(level)
                     in ("core", "recommended") else None)
            fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
            assert fill == colour.get(state), (cell.coordinate, category.code, state)
            assert cell.alignment.horizontal == "center"


def test_overzicht_figures_and_weakest_categories_first(region, vocabulary) -> None:
    _inbox, out, plan = region
    cards = list(_schools(plan).values())
    rows = sheet_rows(out, "Overzicht")
    figures = {r[0]: r[1] for r in rows if isinstance(r[1], float)}
    assert figures["Scholen in de regio (één kaart per school)"] == len(cards)
    assert figures["Partnerrijen"] == sum(len(c.partners) for c in cards)
    outcomes = ("gelezen", "onleesbaar (zie Bronbestanden)", "dubbel of vervangen",
                "ouder of ander schooljaar (zie Bronbestanden)", "overgeslagen (geen kaart)")
    older = sum(item.kind == "older-year" for item in plan)
    assert older == 3
    assert [figures[label] for label in outcomes] == [len(cards), 1, 1, older, 1]
    assert figures["Invoerbestanden"] == len(plan) == sum(figures[o] for o in outcomes)
    assert figures["Kaarten gelezen"] == len(cards)
    assert figures["Bestanden die niet gelezen konden worden"] == 1
    assert figures["Scholen zonder minstens één kerncategorie"] == sum(
        bool(_missing_core(c, vocabulary)) for c in cards)

    start = next(i for i, r in enumerate(rows) if r[0] == "Categorie") + 1
    table = rows[start:start + len(vocabulary.categories)]
    groups = {c.label: "core" if c.core else "recommended" if c.recommended else ""
              for c in vocabulary.categories}
    shares = {r[0]: (r[2], r[3], r[4] if groups[r[0]] == "core" else r[5]) for r in table}
    for category in vocabulary.categories:
        if not groups[category.label]:
            continue
        levels = [vocabulary.level_code_for(c.header.onderwijsniveau.text) for c in cards]
        expected = [c for c, level in zip(cards, levels, strict=True)
                    if category.expectation(level)]
        having = sum(any(p.category_code == category.code for p in c.partners)
                     for c in expected)
        assert shares[category.label] == (len(expected), having,
                                          pytest.approx(having / len(expected)))
    # a secondary-only category counts the secondary schools only
    secondary = sum(c.header.onderwijsniveau.text == "Secundair onderwijs" for c in cards)
    assert 0 < secondary < len(cards)
    assert shares["Werk en economie"][0] == secondary
    expected_somewhere = [bool(groups[r[0]]) for r in table]
    with_expectation = sum(expected_somewhere)
    assert not all(expected_somewhere)  # "Andere" is expected nowhere
    core = sum(groups[r[0]] == "core" for r in table)
    assert [groups[r[0]] for r in table[:with_expectation]] == (
        ["core"] * core + ["recommended"] * (with_expectation - core))
    for part in (table[:core], table[core:with_expectation]):
        weakest_first = [shares[r[0]][2] for r in part]
        assert weakest_first == sorted(weakest_first)
    unexpected = {c.label for c in vocabulary.categories if not (c.core or c.recommended)}
    assert {r[0] for r in table[with_expectation:]} == unexpected  # listed last
    expectation = {r[0]: r[1] for r in table}
    assert expectation["CLB"] == "kern"
    assert expectation["Bibliotheek"] == "aanbevolen"
    assert expectation["Werk en economie"] == "aanbevolen (secundair, buitengewoon secundair)"
    assert expectation["Kind en Gezin / Huis van het Kind"] == (
        "kern (basisonderwijs, buitengewoon basisonderwijs); elders aanbevolen")
    assert all(expectation[label] == "geen" for label in unexpected)

    focus_start = next(i for i, r in enumerate(rows) if r[0] == "X-kolom") + 1
    focus = {r[0]: r[1] for r in rows[focus_start:focus_start + len(vocabulary.focus)]}
    for area in vocabulary.focus:
        assert focus[area.header] == sum(area.code in p.focus for c in cards
                                         for p in c.partners)


def test_partners_sheet_holds_every_partner_row_of_every_school(region) -> None:
    _inbox, out, plan = region
    expected = Counter((card.header.schoolnaam.text, p.organisatie.text)
                       for card in _schools(plan).values() for p in card.partners)
    rows = records(out, "Partners")
    assert Counter((r["Schoolnaam"], r["Organisatie"]) for r in rows) == expected
    assert all(r["Cel"] for r in rows)


def test_shared_partners_span_several_schools(region) -> None:
    _, out, _plan = region
    shared = records(out, "Gedeelde partners")
    assert shared and all(r["Aantal scholen"] >= 2 for r in shared)
    clb = [r for r in shared if r["Categorie"] == "CLB"]
    assert any(" | " in r["Varianten"] for r in clb)  # "Vrij CLB x" and "VCLB x" joined


def test_flawed_cards_show_up_in_bevindingen(region) -> None:
    inbox, out, plan = region
    codes: dict[str, set[str]] = {}
    for row in records(out, "Bevindingen"):
        codes.setdefault(str(Path(row["Bestand"]).relative_to(inbox)), set()).add(row["Code"])
    flaws = {item.flaw: item.path for item in plan if item.flaw}
    assert rows.EMAIL_INVALID.code in codes[flaws["e-mail"]]
    assert header.NUMBER_INVALID.code in codes[flaws["instellingsnummer"]]
    assert rows.ORGANISATION_DUPLICATE.code in codes[flaws["dubbele organisatie"]]


def test_the_partners_table_spans_every_row_and_openpyxl_reads_the_package(region) -> None:
    import openpyxl

    _, out, plan = region
    workbook = openpyxl.load_workbook(out, read_only=False)
    assert workbook.sheetnames[:8] == ["Overzicht", "Scholen", "Dekking", "Partners",
                                       "Gedeelde partners", "Bevindingen", "Bronbestanden",
                                       "Evolutie"]
    sheet = workbook["Partners"]
    rows = sum(len(card.partners) for card in _schools(plan).values())
    table = sheet.tables["RegioPartners"]
    assert table.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{rows + 1}"
    assert sheet.max_row == rows + 1
    assert [c.value for c in sheet[1]] == [c.name for c in table.tableColumns]


# -- the demo region and the reading corpus in one nested inbox ------------------

CORPUS_UNREADABLE = {"no_grid", "empty", "truncated", "text", "encrypted", "zip_bomb_total",
                     "zip_bomb_ratio", "entity_bomb"}
CORPUS_LOCK = "~$card"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory):
    """Demo region under inbox/scholen, the whole bad-file corpus deeper down."""
    from tests.corpus.make_corpus import make_corpus

    base = tmp_path_factory.mktemp("mixed")
    inbox = base / "inbox"
    demo = make_demo_region(inbox / "scholen")
    corpus = make_corpus(inbox / "post" / "2026" / "bijlagen")
    before = fingerprints(inbox)
    out = base / "regio.xlsx"
    result = run_cli("merge", inbox, "-o", out, "--jobs", "2")
    assert result.returncode == 1, result.stderr  # some files are unreadable
    assert fingerprints(inbox) == before
    return inbox, out, demo, corpus


def test_every_demo_and_corpus_file_appears_in_bronbestanden_with_its_status(mixed) -> None:
    _inbox, out, demo, corpus = mixed
    rows = {Path(r["Pad"]): r for r in records(out, "Bronbestanden")}
    # A workbook with a grid on several school-year sheets: one row per card sheet.
    other_year = Path(sheet_label(str(corpus["handmade_years"]), "2024-2025"))
    assert set(rows) == set(demo) | set(corpus.values()) | {other_year}
    # no instellingsnummer on that grid: never taken for the other sheet's school
    assert rows[other_year]["Soort"] == "eigen raster"
    for item, path in zip(plan_demo_region(), demo, strict=True):
        assert rows[path]["Soort"] == EXPECTED_KIND[item.kind], path
    for name, path in corpus.items():
        row = rows[path]
        if name == CORPUS_LOCK:
            assert (row["Soort"], row["Status"]) == ("overgeslagen", "overgeslagen")
        elif name in CORPUS_UNREADABLE:
            assert (row["Soort"], row["Status"]) == ("onleesbaar", "onleesbaar"), name
            assert row["Reden"], name
        else:
            kind = "sjabloon" if name.startswith("template") else "eigen raster"
            if row["Soort"] == "dubbel":  # same school and year as another corpus card
                kept = rows[Path(row["Reden"].rsplit(": ", 1)[-1])]
                assert kept["Soort"] in ("sjabloon", "eigen raster"), name
            elif row["Soort"] == "ander schooljaar":  # the school's later card counts
                kept = rows[Path(row["Reden"].split("; de regio toont ", 1)[1])]
                assert kept["Soort"] in ("sjabloon", "eigen raster"), name
            else:
                assert row["Soort"] == kind, name
        assert row["SHA-256"] and row["Grootte (bytes)"] == path.stat().st_size


def test_the_corpus_does_not_disturb_the_demo_schools(mixed, vocabulary) -> None:
    _inbox, out, demo, _ = mixed
    plan = plan_demo_region()
    expected = {path: item.card for item, path in zip(plan, demo, strict=True)
                if item.card is not None and item.kind not in NOT_COUNTED}
    rows = {Path(r["Bronbestand"]): r for r in records(out, "Scholen")}
    kept = {Path(r["Pad"]) for r in records(out, "Bronbestanden")
            if r["Soort"] in ("sjabloon", "eigen raster")}
    assert set(rows) == kept
    for path, card in expected.items():
        assert rows[path]["Partners"] == len(card.partners)
        missing = rows[path]["Ontbrekende kerncategorieën"]
        assert (missing.split(", ") if missing else []) == _missing_core(card, vocabulary)
