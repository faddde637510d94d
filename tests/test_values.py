"""core.values.clean: how a cell value is kept in the model, for every type a source hands over."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from schoolnet_xl.core.values import clean


@pytest.mark.parametrize(("value", "kept"), [
    (None, None), ("", None), ("   ", None), ("\u00a0\t\n", None), (" a ", " a "),
    ("X", "X"), (2009.0, 2009.0), (0.0, 0.0), (0, 0), (7, 7), (False, False), (True, True),
    (date(2025, 9, 1), date(2025, 9, 1)),
    (datetime(2025, 9, 1, 8, 30), datetime(2025, 9, 1, 8, 30)),
    (time(8, 30), "08:30:00"), (timedelta(hours=1, minutes=5), "1:05:00"),
])
def test_clean_keeps_values_and_their_types_blanks_become_none(value, kept):
    result = clean(value)
    assert result == kept
    assert type(result) is type(kept)
