"""A card as template version 0.9 laid it out, so that `schoolnet-xl upgrade` can be tried.

The 0.9 layout (docs/safe-writing.md; tests/fixtures/make_old_card.py builds the test
fixture the same way): sheet `Netwerkkaart` with a title in A1, header labels in
A3:A10 ("Schoolnaam:" … "Datum:") and their values in column C, no defined names;
the grid as a plain range with its header row on row 13 and the X columns titled
`Kansen`, `Zorg`, `Armoede`; a hidden `_schoolnet` sheet with `template_version` 0.9.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from schoolnet_xl.core.model import COLUMNS_AFTER_FOCUS, HEADER_FIELDS, HEADER_LABELS, Card
from schoolnet_xl.core.vocabulary import Vocabulary

OLD_VERSION = "0.9"
GRID_HEADER_ROW = 12  # 0-based: row 13
FOCUS_TITLES = {"KANS": "Kansen", "ZORG": "Zorg", "ARMOEDE": "Armoede"}


def write_old_version_card(path: Path, card: Card, vocabulary: Vocabulary,
                           created: dt.datetime) -> Path:
    """Write `card` in the 0.9 layout (the same card gives the same bytes)."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                               "strings_to_formulas": False})
    workbook.set_properties({"created": created})
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet = workbook.add_worksheet("Netwerkkaart")
    sheet.write_string(0, 0, "Netwerkkaart van de school", bold)
    for offset, attribute in enumerate(HEADER_FIELDS):
        sheet.write_string(2 + offset, 0, f"{HEADER_LABELS[attribute]}:", bold)
        value = getattr(card.header, attribute).value
        if isinstance(value, dt.date):
            sheet.write_datetime(2 + offset, 2, dt.datetime.combine(value, dt.time()), date)
        elif value is not None:
            sheet.write_string(2 + offset, 2, str(value))
    titles = ["Organisatie", "Aard en specificaties", *FOCUS_TITLES.values(),
              *COLUMNS_AFTER_FOCUS.values()]
    for column, title in enumerate(titles):
        sheet.write_string(GRID_HEADER_ROW, column, title, bold)
    for row, partner in enumerate(card.partners, start=GRID_HEADER_ROW + 1):
        category = vocabulary.category(partner.category_code or "")
        marks = ["x" if partner.focus.get(code) and partner.focus[code].text else ""
                 for code in FOCUS_TITLES]
        values = [partner.organisatie.value, partner.aard.value, *marks,
                  category.label if category else partner.categorie.value,
                  *(getattr(partner, field).value for field in list(COLUMNS_AFTER_FOCUS)[1:])]
        for column, value in enumerate(values):
            if isinstance(value, int | float):
                sheet.write_number(row, column, value)
            elif value:
                sheet.write_string(row, column, str(value))
    meta = workbook.add_worksheet("_schoolnet")
    meta.write_row(0, 0, ["sleutel", "waarde"])
    meta.write_row(1, 0, ["template_version", OLD_VERSION])
    meta.hide()
    workbook.close()
    return path
