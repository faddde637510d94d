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
    for want, got in zip(rows_expected, rows_actual, strict=False):
        label = want.organisatie.text or f"rij {want.row}"
        for field in ROW_FIELDS:
            if normalised(getattr(want, field)) != normalised(getattr(got, field)):
                problems.append(f"{label}: {field} {normalised(getattr(want, field))!r} werd "
                                f"{normalised(getattr(got, field))!r}")
        if (want.category_code or want.categorie.text) != (got.category_code or got.categorie.text):
            problems.append(f"{label}: categorie {want.category_code or want.categorie.text!r} "
                            f"werd {got.category_code or got.categorie.text!r}")
        if marked(want, vocabulary) != marked(got, vocabulary):
            problems.append(f"{label}: X-markeringen {sorted(marked(want, vocabulary))} werden "
                            f"{sorted(marked(got, vocabulary))}")
    return problems
