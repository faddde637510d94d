"""Compare two cards value by value: what `upgrade` and `import` verify after writing."""

from __future__ import annotations

from datetime import date, datetime

from schoolnet_xl.core.model import (
    COLUMNS_AFTER_FOCUS,
    COLUMNS_BEFORE_FOCUS,
    HEADER_FIELDS,
    Card,
    Partner,
    Sourced,
)
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary

ROW_FIELDS = [k for k in (*COLUMNS_BEFORE_FOCUS, *COLUMNS_AFTER_FOCUS) if k != "categorie"]


def normalised(value: Sourced) -> str:
    """A value as comparable text: dates as ISO dates, whole numbers without .0."""
    v = value.value
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return value.text


def marked(partner: Partner, vocabulary: Vocabulary) -> set[str]:
    """The X-column codes marked on a row."""
    return {code for code, cell in partner.focus.items() if vocabulary.is_mark(cell.value)}


def card_differences(expected: Card, actual: Card, vocabulary: Vocabulary) -> list[str]:
    """Dutch descriptions of every header value, row value or mark that differs."""
    problems = []
    for field, name in HEADER_FIELDS.items():
        want = normalised(getattr(expected.header, field))
        got = normalised(getattr(actual.header, field))
        if want != got:
            problems.append(f"{name}: {want!r} werd {got!r}")
    rows_expected = [p for p in expected.partners if has_content(p)]
    rows_actual = [p for p in actual.partners if has_content(p)]
    if len(rows_expected) != len(rows_actual):
        problems.append(f"{len(rows_expected)} partnerrijen verwacht, {len(rows_actual)} gevonden")
    for before, after in zip(rows_expected, rows_actual, strict=False):
        label = before.organisatie.text or f"rij {before.row}"
        for field in ROW_FIELDS:
            if normalised(getattr(before, field)) != normalised(getattr(after, field)):
                problems.append(f"{label}: {field} {normalised(getattr(before, field))!r} werd "
                                f"{normalised(getattr(after, field))!r}")
        category_before = before.category_code or before.categorie.text
        category_after = after.category_code or after.categorie.text
        if category_before != category_after:
            problems.append(f"{label}: categorie {category_before!r} werd {category_after!r}")
        if marked(before, vocabulary) != marked(after, vocabulary):
            problems.append(f"{label}: X-markeringen {sorted(marked(before, vocabulary))} "
                            f"werden {sorted(marked(after, vocabulary))}")
    return problems
