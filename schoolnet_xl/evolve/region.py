"""A region's evolution over the school years in its inbox, as plain tables and chart data.

Per school its latest card against its previous one (counts per kind, categories
gained and lost; "geen vorig schooljaar" for a school with one year); per
category the share of the schools expected to cover it (core or recommended for
their onderwijsniveau) that do, in each school year; the region's count of shared
partners per year (worked out by the caller, who has the region's shared-partner
matching). No spreadsheet library: a sheet writer renders the tables and chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Literal

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.table import Cell, Table
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import Comparison, Held, card_keys, compare_states, covered
from schoolnet_xl.evolve.names import NEAR_MATCH
from schoolnet_xl.evolve.states import CardState, year_start
from schoolnet_xl.evolve.words import NO_PREVIOUS, category_text


@dataclass(slots=True)
class ChartSeries:
    """One series of a chart: its name and one value per category (None: no value)."""

    name: str
    values: list[float | None]


@dataclass(slots=True)
class ChartData:
    """What a native chart needs: its kind, titles, the categories axis, the series."""

    kind: Literal["column", "line"]
    title: str
    x_title: str
    y_title: str
    categories: list[str]
    series: list[ChartSeries]
    number_format: str  # of the values axis: "0%" for shares, "0" for counts


@dataclass(slots=True)
class RegionEvolution:
    """Everything the Evolutie sheet shows, as data."""

    years: list[str]  # the school years present, oldest first
    schools: Table  # one row per school
    categories: Table  # one row per category, a share column per year
    shared: Table  # one row per year: schools, shared partners
    category_chart: ChartData  # clustered columns: per category, a bar per year
    shared_chart: ChartData  # a line: shared partners per year
    comparisons: dict[str, Comparison]  # school -> its latest card against its previous


def region_evolution(cards: Iterable[CardState], vocabulary: Vocabulary,
                     shared_per_year: Mapping[str, int] | None = None,
                     threshold: float = NEAR_MATCH, lang: Lang = "nl",
                     held: Mapping[str, Held] | None = None,
                     keys: Mapping[str, list[str]] | None = None) -> RegionEvolution:
    """The region's evolution from every school's cards (any order, one per school year).

    `held` and `keys`: cards' `covered` codes and `card_keys` by their source, where
    worked out already (a merge does while a card's rows are at hand). With every
    card's `held`, only the `compared_cards` need their partners."""
    by_school = cards_by_school(cards)
    known = held or {}
    held_of = {school: [known[card.source] if card.source in known else covered(card)
                        for card in history] for school, history in by_school.items()}
    written = {card.schooljaar for history in by_school.values() for card in history}
    years = sorted({_normal(text) for text in written if year_start(text) is not None},
                   key=_year_key)
    known_keys = keys or {}
    comparisons = {school: compare_states(
        history[-2], history[-1], vocabulary, threshold,
        (held_of[school][-2], held_of[school][-1]),
        (_keys(history[-2], known_keys), _keys(history[-1], known_keys)))
        for school, history in by_school.items() if len(history) > 1}
    shared = shared_per_year or {}
    categories = _category_shares(by_school, held_of, years, vocabulary, lang)
    return RegionEvolution(
        years=years,
        schools=_school_rows(by_school, comparisons, vocabulary, lang),
        categories=categories,
        shared=_shared_rows(by_school, years, shared, lang),
        category_chart=_category_chart(categories, years, lang),
        shared_chart=ChartData(
            "line", say("Gedeelde partners per schooljaar", "Shared partners per school year",
                        lang), say("Schooljaar", "School year", lang),
            say("Gedeelde partners", "Shared partners", lang), list(years),
            [ChartSeries(say("Gedeelde partners", "Shared partners", lang),
                         [float(shared.get(year, 0)) for year in years])], "0"),
        comparisons=comparisons,
    )


def compared_cards(cards: Iterable[CardState]) -> set[str]:
    """The sources of the cards `region_evolution` compares: each school's two latest."""
    return {card.source for history in cards_by_school(cards).values() if len(history) > 1
            for card in history[-2:]}


def _keys(card: CardState, known: Mapping[str, list[str]]) -> list[str]:
    """The card's `card_keys`: as `known` by its source, else worked out."""
    found = known.get(card.source)
    return card_keys(card) if found is None else found


def cards_by_school(cards: Iterable[CardState]) -> dict[str, list[CardState]]:
    """Each school's cards, oldest school year first (a later card of a year replaces an
    earlier one); schools in order of first appearance."""
    years: dict[str, dict[str, CardState]] = {}
    for card in cards:
        years.setdefault(card.school, {})[_normal(card.schooljaar)] = card
    return {school: sorted(history.values(), key=lambda c: _year_key(c.schooljaar))
            for school, history in years.items()}


def _school_rows(by_school: dict[str, list[CardState]], comparisons: dict[str, Comparison],
                 vocabulary: Vocabulary, lang: Lang) -> Table:
    table = Table([
        say("Schoolnaam", "School name", lang), "Instellingsnummer",
        say("Gemeente", "Municipality", lang), say("Vorig schooljaar", "Previous school year",
                                                    lang),
        say("Schooljaar", "School year", lang), say("Nieuw", "New", lang),
        say("Beëindigd of weg", "Ended or gone", lang), say("Verdiept", "Deepened", lang),
        say("Afgebouwd", "Loosened", lang), say("Ongewijzigd", "Unchanged", lang),
        say("Categorieën erbij", "Categories gained", lang),
        say("Categorieën weg", "Categories lost", lang)])
    for school, history in by_school.items():
        latest = history[-1]
        comparison = comparisons.get(school)
        start = [latest.label, latest.instellingsnummer, latest.gemeente]
        if comparison is None:
            table.rows.append([*start, say(*NO_PREVIOUS, lang), latest.schooljaar,
                               None, None, None, None, None, None, None])
            continue
        counts = comparison.counts()
        table.rows.append([
            *start, comparison.old.schooljaar, latest.schooljaar, counts["new"],
            counts["ended"], counts["deepened"], counts["loosened"], counts["unchanged"],
            ", ".join(category_text(c, vocabulary) for c in comparison.categories_gained),
            ", ".join(category_text(c, vocabulary) for c in comparison.categories_lost)])
    return table


def _category_shares(by_school: dict[str, list[CardState]], held: dict[str, list[Held]],
                     years: list[str], vocabulary: Vocabulary, lang: Lang) -> Table:
    """Per category, per year: covering / expected schools (None when none is expected);
    `held`: per school, each card's `covered` codes."""
    # per year, per onderwijsniveau: its cards' covered categories
    held_by: dict[str, dict[str | None, list[set[str]]]] = {year: {} for year in years}
    for school, history in by_school.items():
        for card, (categories, _) in zip(history, held[school], strict=True):
            levels = held_by.get(_normal(card.schooljaar))
            if levels is not None:
                levels.setdefault(card.level, []).append(categories)
    codes = [c.code for c in vocabulary.categories]
    expected = {year: dict.fromkeys(codes, 0) for year in years}
    covering = {year: dict.fromkeys(codes, 0) for year in years}
    for year, levels in held_by.items():
        for level, cards in levels.items():
            counted = Counter(chain.from_iterable(cards))  # in C: a region has 9,000 cards
            for code in {c.code for c in vocabulary.categories if c.expectation(level)}:
                expected[year][code] += len(cards)
                covering[year][code] += counted[code]
    table = Table([say("Categorie", "Category", lang), *years])
    for category in vocabulary.categories:
        if not any(expected[year][category.code] for year in years):
            continue  # expected of no school in any year: no share to show
        table.rows.append([category.label, *(
            covering[year][category.code] / expected[year][category.code]
            if expected[year][category.code] else None for year in years)])
    return table


def _category_chart(categories: Table, years: list[str], lang: Lang) -> ChartData:
    series = [ChartSeries(year, [_share(row[1 + index]) for row in categories.rows])
              for index, year in enumerate(years)]
    return ChartData("column", say("Aandeel verwachte scholen dat de categorie dekt",
                                   "Share of expected schools covering the category", lang),
                     say("Categorie", "Category", lang),
                     say("Aandeel scholen", "Share of schools", lang),
                     [str(row[0]) for row in categories.rows], series, "0%")


def _shared_rows(by_school: dict[str, list[CardState]], years: list[str],
                 shared: Mapping[str, int], lang: Lang) -> Table:
    schools = dict.fromkeys(years, 0)
    for history in by_school.values():
        for card in history:
            if _normal(card.schooljaar) in schools:
                schools[_normal(card.schooljaar)] += 1
    table = Table([say("Schooljaar", "School year", lang),
                            say("Scholen", "Schools", lang),
                            say("Gedeelde partners", "Shared partners", lang)])
    table.rows = [[year, schools[year], shared.get(year, 0)] for year in years]
    return table


def _share(value: Cell) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


@lru_cache(maxsize=1024)  # a few school years, asked for 50,000 times a region
def _normal(schooljaar: str) -> str:
    return "".join(schooljaar.split())


@lru_cache(maxsize=1024)
def _year_key(schooljaar: str) -> tuple[int, str]:
    start = year_start(schooljaar)
    return (-1 if start is None else start), _normal(schooljaar)
