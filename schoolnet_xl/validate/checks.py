"""How a card check is registered, and what every check is given.

A check is a function that declares the rules (codes) it emits and returns the
findings of one scope: the school header, one grid row, or the whole card. The
modules in `validate/rules/` declare each rule beside its check; the engine
(`validate.engine`) runs every registered check in registration order.

A row check may declare itself *cacheable* on one cell (`cache_on`): its verdict
then depends on that cell's value and the vocabulary alone, so the engine
remembers the text values that passed and skips the check for them (cards
repeat their categories, e-mail domains and scale values; a re-validated card,
as under the Excel button, repeats everything).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from schoolnet_xl.core.findings import Finding, ParamValue, Rule, Words
from schoolnet_xl.core.model import (
    COLUMNS_AFTER_FOCUS,
    COLUMNS_BEFORE_FOCUS,
    Card,
    Partner,
    Sourced,
)
from schoolnet_xl.core.values import row_cell
from schoolnet_xl.core.vocabulary import Vocabulary

Findings = Sequence[Finding]
NONE: Findings = ()
COLUMN_HEADERS = {**COLUMNS_BEFORE_FOCUS, **COLUMNS_AFTER_FOCUS}


@dataclass(eq=False)
class Context:
    """What every check is given: the card, its vocabulary, today, per-card state."""

    card: Card
    vocabulary: Vocabulary
    today: date
    seen_names: dict[str, Partner] = field(default_factory=dict)  # folded name -> first row
    has_focus_columns: bool = False

    def emit(self, rule: Rule, where: Sourced, field_name: str, value: object = None,
             **params: ParamValue) -> Finding:
        """A finding at a sourced value (or at the grid sheet when it has no cell); its
        value is the cell's text unless given."""
        return rule.finding(file=self.card.path, sheet=where.sheet or self.card.grid_sheet,
                            cell=where.cell, field=field_name,
                            value=where.text if value is None else value, **params)

    def at_row(self, rule: Rule, partner: Partner, attribute: str, value: object = None,
               **params: ParamValue) -> Finding:
        """A finding on one column of a row; the cell falls back to the row's first cell."""
        where: Sourced = getattr(partner, attribute)
        cell = where.cell or row_cell(partner)
        return self.emit(rule, Sourced(where.value, where.sheet or partner.sheet, cell),
                         COLUMN_HEADERS[attribute], value, organisatie=row_name(partner),
                         row=partner.row, **params)


def row_name(partner: Partner) -> str | Words:
    """How a finding names a row: its organisation, else 'rij 12' / 'row 12'."""
    name = partner.organisatie.text
    return name or Words(f"rij {partner.row}", f"row {partner.row}")


HeaderCheckFunction = Callable[[Context], Findings]
RowCheckFunction = Callable[[Context, Partner], Findings]
CardCheckFunction = Callable[[Context, bool], Findings]


@dataclass(frozen=True)
class HeaderCheck:
    """A registered header check and the rules it emits."""

    rules: tuple[Rule, ...]
    run: HeaderCheckFunction


@dataclass(frozen=True)
class RowCheck:
    """A registered row check, the rules it emits and the cell it may be cached on."""

    rules: tuple[Rule, ...]
    run: RowCheckFunction
    cache_on: str | None = None  # the Partner attribute whose value alone decides


@dataclass(frozen=True)
class CardCheck:
    """A registered whole-card check and the rules it emits."""

    rules: tuple[Rule, ...]
    run: CardCheckFunction


HEADER_CHECKS: list[HeaderCheck] = []
ROW_CHECKS: list[RowCheck] = []
CARD_CHECKS: list[CardCheck] = []


def header_check(*rules: Rule) -> Callable[[HeaderCheckFunction], HeaderCheckFunction]:
    """Register a check of the school header that emits `rules`."""
    def register(function: HeaderCheckFunction) -> HeaderCheckFunction:
        HEADER_CHECKS.append(HeaderCheck(rules, function))
        return function
    return register


def row_check(*rules: Rule, cache_on: str | None = None
              ) -> Callable[[RowCheckFunction], RowCheckFunction]:
    """Register a check of one grid row that emits `rules` (cacheable on one cell)."""
    def register(function: RowCheckFunction) -> RowCheckFunction:
        ROW_CHECKS.append(RowCheck(rules, function, cache_on))
        return function
    return register


def card_check(*rules: Rule) -> Callable[[CardCheckFunction], CardCheckFunction]:
    """Register a check of the whole card (given whether any row has content)."""
    def register(function: CardCheckFunction) -> CardCheckFunction:
        CARD_CHECKS.append(CardCheck(rules, function))
        return function
    return register


T = TypeVar("T")
_MEMO_MAX = 32


def per_vocabulary(build: Callable[[Vocabulary], T]) -> Callable[[Vocabulary], T]:
    """`build`'s result, made once per vocabulary object (a region's cards share one).

    Keyed by the object, which the memo keeps alive so that its id stays its own.
    """
    memo: dict[int, tuple[Vocabulary, T]] = {}

    def cached(vocabulary: Vocabulary) -> T:
        hit = memo.get(id(vocabulary))
        if hit is not None and hit[0] is vocabulary:
            return hit[1]
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        value = build(vocabulary)
        memo[id(vocabulary)] = (vocabulary, value)
        return value

    cached.__doc__ = build.__doc__
    return cached
