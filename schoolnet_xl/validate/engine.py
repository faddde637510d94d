"""The rule engine: Card -> [Finding]. Never touches a spreadsheet library.

The same engine serves the CLI, the Excel button and the regional merge. It
runs every check registered in `validate/rules/` (header, rows, card) and
applies the one speed-up checks may ask for: a row check cached on a cell is
skipped for a text value that already passed it under the same vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter

from schoolnet_xl.core.cells import parse_a1
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.model import Card, Partner
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate import rules  # noqa: F401  (importing it registers every check)
from schoolnet_xl.validate.checks import (
    CARD_CHECKS,
    HEADER_CHECKS,
    ROW_CHECKS,
    Context,
    RowCheckFunction,
    per_vocabulary,
)

PASSED_MAX = 8192  # remembered values per check; a full set starts over


def validate(card: Card, vocabulary: Vocabulary) -> list[Finding]:
    """Every card-rule finding for `card`, in stable (sheet, row, column, code) order."""
    ctx = Context(card, vocabulary, date.today(),
                  has_focus_columns=bool(card.focus_codes) or any(p.focus for p in card.partners))
    findings: list[Finding] = []
    for header_check in HEADER_CHECKS:
        findings.extend(header_check.run(ctx))
    any_content = _row_findings(ctx, findings)
    for card_check in CARD_CHECKS:
        findings.extend(card_check.run(ctx, any_content))
    return sort_findings(findings)


def _row_findings(ctx: Context, findings: list[Finding]) -> bool:
    """Append the findings of every row with content; True when there was such a row.

    A cached check keeps only `str` values that passed: equal strings have equal
    texts, whereas 1, 1.0 and True are one key with three texts.
    """
    plain, cached = _plan(ctx.vocabulary)
    partners = ctx.card.partners
    # a cached check that every value on the card passed before is skipped for the card
    # at once (it would skip row after row: its remembered values only grow on a miss)
    cached = [(run, value_of, passed) for run, value_of, passed in cached
              if not passed.issuperset(map(value_of, partners))]
    extend = findings.extend
    any_content = False
    for partner in partners:
        if not partner.organisatie.text and not has_content(partner):
            continue
        any_content = True
        for run in plain:
            found = run(ctx, partner)
            if found:
                extend(found)
        for run, value_of, passed in cached:
            value = value_of(partner)
            if value in passed:
                continue
            found = run(ctx, partner)
            if found:
                extend(found)
            elif value.__class__ is str:
                if len(passed) >= PASSED_MAX:
                    passed.clear()
                passed.add(value)
    return any_content


CachedRun = tuple[RowCheckFunction, Callable[[Partner], object], set[str]]


@per_vocabulary
def _plan(vocabulary: Vocabulary) -> tuple[list[RowCheckFunction], list[CachedRun]]:
    """The registered row checks, split: those run on every row, and the cached ones, each
    with its cell's value getter and the text values that passed it under this vocabulary."""
    plain = [check.run for check in ROW_CHECKS if check.cache_on is None]
    cached: list[CachedRun] = [(check.run, attrgetter(f"{check.cache_on}.value"), set())
                               for check in ROW_CHECKS if check.cache_on is not None]
    return plain, cached


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable order: sheet, row, column, code (whole-card findings first in a sheet)."""
    return sorted(findings, key=_finding_key)


def _finding_key(finding: Finding) -> tuple[str, int, int, str]:
    position = parse_a1(finding.cell) if finding.cell else None
    if position is None:
        return (finding.sheet, 0, 0, finding.code)
    return (finding.sheet, position[0] + 1, position[1] + 1, finding.code)
