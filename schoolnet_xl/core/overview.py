"""What the Overzicht sheet shows, computed in plain Python from a Card.

The template's Overzicht formulas carry these numbers as cached values; the
Excel button and the `summary` command reuse them. No spreadsheet library here.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from schoolnet_xl.core.model import Card
from schoolnet_xl.core.vocabulary import Expectation, Vocabulary

_category_code = attrgetter("category_code")
Status = Literal["present", "missing_core", "missing_recommended", "none"]


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """One category of the overview: how many partners, what is expected, the verdict."""

    code: str
    label: str
    count: int
    expectation: Expectation | None
    status: Status


@dataclass(frozen=True, slots=True)
class Overview:
    """Counts of a card: per category, per X column, in total.

    `total_partners` counts rows with an Organisatie (as the sheet's
    COUNTA(Partners[Organisatie]) does); a partner counts for a category only
    through its resolved `category_code`.
    """

    level_code: str | None
    categories: tuple[CategoryLine, ...]
    focus_counts: dict[str, int]
    total_partners: int

    @property
    def category_counts(self) -> dict[str, int]:
        """Category code -> number of partners."""
        return {line.code: line.count for line in self.categories}

    @property
    def missing_core(self) -> list[str]:
        """Codes of core categories without a partner."""
        return [line.code for line in self.categories if line.status == "missing_core"]

    @property
    def missing_recommended(self) -> list[str]:
        """Codes of recommended categories without a partner."""
        return [line.code for line in self.categories if line.status == "missing_recommended"]

    def line(self, code: str) -> CategoryLine:
        """The line of one category code (KeyError when unknown)."""
        for line in self.categories:
            if line.code == code:
                return line
        raise KeyError(code)


def status_of(count: int, expectation: Expectation | None) -> Status:
    """The verdict of a category with `count` partners and this expectation."""
    if count > 0:
        return "present"
    if expectation == "core":
        return "missing_core"
    if expectation == "recommended":
        return "missing_recommended"
    return "none"


def compute_overview(card: Card, vocabulary: Vocabulary) -> Overview:
    """Count the card's partners per category and X column; judge each category."""
    level_code = vocabulary.level_code_for(card.header.onderwijsniveau.text)
    counts = {cat.code: 0 for cat in vocabulary.categories}
    focus_counts = {area.code: 0 for area in vocabulary.focus}
    total = 0
    for partner in card.partners:
        if partner.category_code in counts:
            counts[partner.category_code] += 1
        for code in vocabulary.marked(partner.focus):
            focus_counts[code] += 1
        if not partner.organisatie.is_empty:
            total += 1
    lines = []
    for cat in vocabulary.categories:
        expectation = cat.expectation(level_code)
        count = counts[cat.code]
        lines.append(CategoryLine(cat.code, cat.label, count, expectation,
                                  status_of(count, expectation)))
    return Overview(level_code, tuple(lines), focus_counts, total)


def missing_categories(card: Card, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Core and recommended category codes with no partner, in vocabulary order.

    The same verdict as the Overzicht's (`status_of`): the expectations follow
    the card's onderwijsniveau; guessed categories count as covered. Worked out
    once per vocabulary, level and set of codes present (a region's cards share them).
    """
    level = vocabulary.level_code_for(card.header.onderwijsniveau.text)
    present = set(map(_category_code, card.partners))
    present.discard(None)  # None and "" cover nothing
    present.discard("")
    key = (id(vocabulary), level, frozenset(present))
    hit = _MISSING.get(key)
    if hit is None or hit[0] is not vocabulary:
        if len(_MISSING) >= MISSING_MEMO_MAX:
            _MISSING.clear()
        hit = _MISSING[key] = (vocabulary, *_missing(vocabulary, level, present))
    return {"core": list(hit[1]), "recommended": list(hit[2])}


# (vocabulary id, level, codes present) -> (the vocabulary, kept so that its id stays
# its own; core codes missing; recommended codes missing)
_MISSING: dict[tuple[int, str | None, frozenset[str | None]],
               tuple[Vocabulary, tuple[str, ...], tuple[str, ...]]] = {}
MISSING_MEMO_MAX = 4096


def _missing(vocabulary: Vocabulary, level: str | None,
             present: set[str | None]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    core: list[str] = []
    recommended: list[str] = []
    for category in vocabulary.categories:
        status = status_of(category.code in present, category.expectation(level))
        if status == "missing_core":
            core.append(category.code)
        elif status == "missing_recommended":
            recommended.append(category.code)
    return tuple(core), tuple(recommended)
