"""The hidden `_schoolnet` sheet: template metadata and the dropdown lists."""

from __future__ import annotations

from typing import Any

from schoolnet_xl import layout
from schoolnet_xl.vocabulary import Vocabulary

LIST_FIRST_COLUMN = 3  # column D; columns A/B hold the metadata keys and values


def dropdown_lists(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Defined name -> the values of that dropdown list."""
    return {
        layout.NAME_CATEGORY_LIST: [cat.label for cat in vocabulary.categories],
        layout.NAME_MARK_LIST: ["X"],
        layout.NAME_INTENSITY_LIST: list(vocabulary.scales["Intensiteit"]),
        layout.NAME_ANTENNA_LIST: list(vocabulary.scales["Antennefunctie"]),
        layout.NAME_STATUS_LIST: list(vocabulary.scales["Status"]),
        layout.NAME_LEVEL_LIST: list(vocabulary.levels.values()),
    }


def meta_values(vocabulary: Vocabulary) -> dict[str, str]:
    """The `_schoolnet` keys and values of a freshly written card, in contract order."""
    values = {
        layout.META_TEMPLATE_VERSION: layout.TEMPLATE_VERSION,
        layout.META_VOCABULARY_VERSION: vocabulary.version,
        layout.META_VOCABULARY_NAME: vocabulary.name,
        layout.META_VOCABULARY_JSON: vocabulary.to_json(),
        layout.META_VALIDATION_MARKS: "[]",
    }
    return {key: values[key] for key in layout.META_KEYS}


def write_meta_sheet(workbook: Any, vocabulary: Vocabulary, styles: Any) -> None:
    """Add the hidden `_schoolnet` sheet and define the dropdown list names."""
    sheet = workbook.add_worksheet(layout.SHEET_META)
    sheet.write_string(0, 0, "sleutel", styles.body_bold)
    sheet.write_string(0, 1, "waarde", styles.body_bold)
    for row, (key, value) in enumerate(meta_values(vocabulary).items(), start=1):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 40)
    for offset, (name, values) in enumerate(dropdown_lists(vocabulary).items()):
        col = LIST_FIRST_COLUMN + offset
        sheet.write_string(0, col, name, styles.body_bold)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, value)
        sheet.set_column(col, col, 24)
        letter = _column_letter(col)
        workbook.define_name(
            name, f"='{layout.SHEET_META}'!${letter}$2:${letter}${len(values) + 1}"
        )
    sheet.hide()


def _column_letter(col: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(col)
