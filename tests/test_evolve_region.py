"""The region's evolution from a real three-year inbox, merged: every table cell expected.

Three schools: A (basisonderwijs) with three school years, B (basisonderwijs) with
two, C (secundair) with one. The expected counts, shares and shared partners are
worked out by hand from the rows below.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from schoolnet_xl.evolve.classify import covered
from schoolnet_xl.evolve.region import RegionEvolution, compared_cards, region_evolution
from schoolnet_xl.evolve.states import PartnerState, card_state
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.evolution import LEFT_OUT, CardStates, evolution_of
from schoolnet_xl.merge.organisations import shared_partners
from schoolnet_xl.merge.pipeline import read_all
from schoolnet_xl.merge.records import FileResult, PartnerRow
from schoolnet_xl.merge.region import mentions_of
from schoolnet_xl.merge.run import merge_files
from schoolnet_xl.read import read_card
from tests.test_compare_cards import Row, template_card

A = {"schoolnaam": "VBS De Linde", "gemeente": "Lokeren", "onderwijsniveau": "Basisonderwijs"}
B = {"schoolnaam": "GBS Het Anker", "gemeente": "Aalst", "onderwijsniveau": "Basisonderwijs"}
C = {"schoolnaam": "Atheneum Aalst", "gemeente": "Aalst",
     "onderwijsniveau": "Secundair onderwijs"}
CLB: Row = ("Vrij CLB Waasland", "CLB", ("ZORG",), "2 Afstemmen", "Actief", "Nee")
CARDS: list[tuple[str, dict[str, str], str, list[Row]]] = [
    ("100001", A, "2023-2024", [CLB, ("Bib Lokeren", "BIB", (), "1 Informeren", "Actief", "Nee")]),
    ("100001", A, "2024-2025", [
        ("VCLB Waasland", "CLB", ("ZORG",), "3 Samenwerken", "Actief", "Nee"),
        ("Bibliotheek Lokeren", "BIB", (), "1 Informeren", "Actief", "Nee"),
        ("Sportclub Lokeren", "SPORT", (), "2 Afstemmen", "Actief", "Nee")]),
    ("100001", A, "2025-2026", [
        ("VCLB Waasland", "CLB", ("ZORG",), "3 Samenwerken", "Actief", "Nee"),
        ("Bibliotheek Lokeren", "BIB", (), "1 Informeren", "Beëindigd", "Nee"),
        ("Sportclub Lokeren", "SPORT", (), "1 Informeren", "Actief", "Nee"),
        ("Sociaal Huis", "OCMW", ("ARMOEDE",), "2 Afstemmen", "Actief", "Nee")]),
    ("100002", B, "2024-2025", [CLB, ("Bib Lokeren", "BIB", (), "1 Informeren", "Actief", "Nee")]),
    ("100002", B, "2025-2026", [CLB]),
    ("100003", C, "2025-2026", [
        ("GO! CLB Aalst", "CLB", (), "2 Afstemmen", "Actief", "Nee"),
        ("VDAB Aalst", "WERK", ("KANS",), "2 Afstemmen", "Actief", "Nee")]),
]
YEARS = ["2023-2024", "2024-2025", "2025-2026"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return default_vocabulary()


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory,
            vocabulary: Vocabulary) -> list[FileResult]:
    inbox = tmp_path_factory.mktemp("inbox")
    for number, school, year, rows in CARDS:
        template_card(inbox / f"{number}-{year}.xlsx", year, rows, vocabulary, number, school)
    outcome = merge_files([str(inbox)], inbox.parent / "regio.xlsx", jobs=1)
    assert len(outcome.results) == len(CARDS)
    return outcome.results


@pytest.fixture(scope="module")
def evolution(results: list[FileResult], vocabulary: Vocabulary) -> RegionEvolution:
    return evolution_of(results, vocabulary)


def test_years_present(evolution: RegionEvolution) -> None:
    assert evolution.years == YEARS


def test_per_school_latest_against_previous(evolution: RegionEvolution) -> None:
    assert evolution.schools.columns == [
        "Schoolnaam", "Instellingsnummer", "Gemeente", "Vorig schooljaar", "Schooljaar",
        "Nieuw", "Beëindigd of weg", "Verdiept", "Afgebouwd", "Ongewijzigd",
        "Categorieën erbij", "Categorieën weg"]
    rows = {row[1]: row for row in evolution.schools.rows}
    assert rows["100001"] == ["VBS De Linde", "100001", "Lokeren", "2024-2025", "2025-2026",
                              1, 1, 0, 1, 1, "OCMW / Sociaal Huis", "Bibliotheek"]
    assert rows["100002"] == ["GBS Het Anker", "100002", "Aalst", "2024-2025", "2025-2026",
                              0, 1, 0, 0, 1, "", "Bibliotheek"]
    assert rows["100003"] == ["Atheneum Aalst", "100003", "Aalst", "geen vorig schooljaar",
                              "2025-2026", None, None, None, None, None, None, None]
    assert set(evolution.comparisons) == {"100001", "100002"}


def test_share_of_expected_schools_per_category_and_year(evolution: RegionEvolution) -> None:
    assert evolution.categories.columns == ["Categorie", *YEARS]
    shares = {row[0]: row[1:] for row in evolution.categories.rows}
    assert shares["CLB"] == [1.0, 1.0, 1.0]
    assert shares["Bibliotheek"] == [1.0, 1.0, 0.0]  # A's ended in 2025-2026, B's gone
    assert shares["Sport"] == [0.0, 0.5, pytest.approx(1 / 3)]
    assert shares["OCMW / Sociaal Huis"] == [0.0, 0.0, pytest.approx(1 / 3)]
    assert shares["Werk en economie"] == [None, None, 1.0]  # expected of secundair (C) only


def test_shared_partners_per_year(evolution: RegionEvolution) -> None:
    # 2024-2025: A and B both name the Waasland CLB and the Lokeren library;
    # 2025-2026: only the CLB (B names no library any more); 2023-2024: A alone.
    assert evolution.shared.rows == [["2023-2024", 1, 0], ["2024-2025", 2, 2],
                                     ["2025-2026", 3, 1]]
    assert evolution.shared_chart.categories == YEARS
    assert evolution.shared_chart.series[0].values == [0.0, 2.0, 1.0]


def test_chart_data_matches_the_table(evolution: RegionEvolution) -> None:
    chart = evolution.category_chart
    assert chart.kind == "column" and chart.number_format == "0%"
    assert chart.categories == [row[0] for row in evolution.categories.rows]
    assert [s.name for s in chart.series] == YEARS
    sport = chart.categories.index("Sport")
    assert [s.values[sport] for s in chart.series] == [0.0, 0.5, pytest.approx(1 / 3)]
    werk = chart.categories.index("Werk en economie")
    assert [s.values[werk] for s in chart.series] == [None, None, 1.0]


def test_pure_api_takes_cards_in_any_order(tmp_path: Path, vocabulary: Vocabulary) -> None:
    states = []
    for number, school, year, rows in reversed(CARDS):
        path = template_card(tmp_path / f"{number}-{year}.xlsx", year, rows, vocabulary,
                             number, school)
        card = read_card(path, vocabulary).card
        assert card is not None
        states.append(card_state(card, vocabulary))
    evolution = region_evolution(states, vocabulary, {"2024-2025": 2})
    by_number = {row[1]: row for row in evolution.schools.rows}
    assert by_number["100001"][3:10] == ["2024-2025", "2025-2026", 1, 1, 0, 1, 1]
    assert evolution.shared.rows[1] == ["2024-2025", 2, 2]
    assert evolution.shared.rows[0] == ["2023-2024", 1, 0]


def test_card_state_of_a_file_result_keeps_the_comparable_values(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    number, school, year, rows = CARDS[2]
    path = template_card(tmp_path / "a.xlsx", year, rows, vocabulary, number, school)
    (result,) = read_all([str(path)], None, "nl", 1)
    state = CardStates(vocabulary)(result)
    assert state.level == "BAO" and state.schooljaar == "2025-2026"
    assert [(p.name, p.category, p.marked, p.intensiteit, p.status, p.antennefunctie)
            for p in state.partners] == [tuple(row) for row in rows]


def test_a_merge_s_evolution_is_the_pure_api_s_on_every_card_that_counts(
        results: list[FileResult], vocabulary: Vocabulary) -> None:
    """`evolution_of` works the covered codes and shared partners out on the way; the
    pure API on the same cards, with each year's `shared_partners`, gives the same.
    Also with a second card of a school year (the later replaces it, its partners still
    count as shared) and rows whose values are not text."""
    copies = [replace(r, partners=list(r.partners)) for r in results]
    twice = next(r for r in copies if r.path.endswith("100002-2024-2025.xlsx"))
    sport = next(r for r in copies if r.path.endswith("100001-2024-2025.xlsx")).partners[2]
    copies.append(replace(twice, path=twice.path.replace("100002", "100002b"),
                          partners=[*twice.partners, sport]))
    oddly = copies[0].partners[0]
    values = list(oddly.values)
    values[0], values[-1] = 12345, None
    copies[0].partners.append(oddly._replace(values=tuple(values)))
    expected = _plain_evolution(copies, vocabulary)
    assert evolution_of(copies, vocabulary) == expected
    assert expected.shared.rows[1] == ["2024-2025", 2, 3]  # the copy's Sportclub too


def test_card_states_take_values_other_than_text_as_text(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    number, school, year, rows = CARDS[2]
    path = template_card(tmp_path / "a.xlsx", year, rows, vocabulary, number, school)
    (result,) = read_all([str(path)], None, "nl", 1)
    headers = partner_headers(vocabulary)
    values = list(result.partners[0].values)
    for header, value in (("Organisatie", 2024), ("Intensiteit", None), ("Status", 3),
                          ("Antennefunctie", True), ("Cel", None)):
        values[headers.index(header)] = value
    blank = list(values)
    blank[0] = None  # no Organisatie: no partner
    result.partners[:1] = [result.partners[0]._replace(values=tuple(values)),
                           result.partners[0]._replace(values=tuple(blank))]
    first, *rest = CardStates(vocabulary)(result).partners
    assert first == PartnerState("2024", "CLB", ("ZORG",), "", "3", "True", "")
    assert len(rest) == len(rows) - 1


def test_cards_not_compared_read_off_their_rows_as_their_partner_states_would_be(
        results: list[FileResult], vocabulary: Vocabulary) -> None:
    """A school's oldest card is not compared: its covered codes and name keys come from
    its rows, not from PartnerStates. Sport rows (a category and X column no other row
    of that card holds) with Status Beëindigd, Stopgezet, a number or none, a blank
    category, an Organisatie that is a number or blank give what the PartnerStates give
    (the pure API), in the shares and the shared partners too."""
    headers = partner_headers(vocabulary)
    at_status = headers.index("Status")
    oldest = next(r for r in results if r.path.endswith("100001-2023-2024.xlsx"))

    def sport(status: Cell, name: Cell = "Sportclub Lokeren", category: str = "SPORT"
              ) -> PartnerRow:
        values = list(oldest.partners[0].values)
        values[0], values[at_status] = name, status
        return PartnerRow(category, ("ARMOEDE",), tuple(values))

    variants = {"ended": [sport("Beëindigd")], "stopped": [sport("Stopgezet")],
                "number": [sport(3)], "none": [sport(None), sport("Beëindigd", "Chiro")],
                "blank category": [sport("Actief", category="")],
                "odd names": [sport("Actief", 2024), sport("Actief", "  "), sport("Actief", "")]}
    sport_shares = {}
    for name, extra in variants.items():
        card = replace(oldest, partners=[*oldest.partners, *extra])
        copies = [card if r is oldest else r for r in results]
        if CardStates(vocabulary).text_names(card.partners) is not None:
            assert CardStates(vocabulary).covered(card.partners) == covered(
                CardStates(vocabulary)(card)), name
        expected = _plain_evolution(copies, vocabulary)
        evolution = evolution_of(copies, vocabulary)
        assert evolution == expected, name
        sport_shares[name] = next(row[1] for row in evolution.categories.rows
                                  if row[0] == "Sport")
    assert sport_shares == {"ended": 0.0, "stopped": 0.0, "number": 1.0, "none": 1.0,
                            "blank category": 0.0, "odd names": 1.0}


def test_the_compared_cards_are_each_school_s_two_latest(evolution: RegionEvolution,
                                                       results: list[FileResult],
                                                       vocabulary: Vocabulary) -> None:
    states = [CardStates(vocabulary)(r) for r in results]
    compared = compared_cards(states)
    assert {Path(source).name for source in compared} == {
        "100001-2024-2025.xlsx", "100001-2025-2026.xlsx", "100002-2024-2025.xlsx",
        "100002-2025-2026.xlsx"}
    assert compared == {c.source for comparison in evolution.comparisons.values()
                        for c in (comparison.old, comparison.new)}


def _plain_evolution(results: list[FileResult], vocabulary: Vocabulary) -> RegionEvolution:
    """The evolution by the plain API: every counted card's CardState, the shared
    partners of each school year counted by `shared_partners`."""
    counted = [r for r in results if r.status == "ok" and r.duplicate not in LEFT_OUT]
    years: dict[str, list[FileResult]] = {}
    for result in counted:
        assert result.school is not None
        years.setdefault(result.school.schooljaar, []).append(result)
    return region_evolution(
        [CardStates(vocabulary)(r) for r in counted], vocabulary,
        {year: len(shared_partners(mentions_of(cards))) for year, cards in years.items()})
