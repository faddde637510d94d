"""The hidden `_schoolnet` sheet: template metadata and the dropdown lists."""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core import contract
from schoolnet_xl.core.cells import column_letters
from schoolnet_xl.core.vocabulary import Vocabulary

LIST_FIRST_COLUMN = 3  # column D; columns A/B hold the metadata keys and values


def dropdown_lists(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Defined name -> the values of that dropdown list."""
    return {
        contract.NAME_CATEGORY_LIST: [cat.label for cat in vocabulary.categories],
        contract.NAME_MARK_LIST: ["X"],
        contract.NAME_INTENSITY_LIST: list(vocabulary.scales["Intensiteit"]),
        contract.NAME_ANTENNA_LIST: list(vocabulary.scales["Antennefunctie"]),
        contract.NAME_STATUS_LIST: list(vocabulary.scales["Status"]),
        contract.NAME_LEVEL_LIST: list(vocabulary.levels.values()),
    }


def meta_values(vocabulary: Vocabulary) -> dict[str, str]:
    """The `_schoolnet` keys and values of a freshly written card, in contract order."""
    values = {
        contract.META_TEMPLATE_VERSION: contract.TEMPLATE_VERSION,
        contract.META_VOCABULARY_VERSION: vocabulary.version,
        contract.META_VOCABULARY_NAME: vocabulary.name,
        contract.META_VOCABULARY_JSON: vocabulary.to_json(),
        contract.META_VALIDATION_MARKS: "[]",
    }
    return {key: values[key] for key in contract.META_KEYS}


def write_meta_sheet(workbook: Any, vocabulary: Vocabulary, styles: Any) -> None:
    """Add the hidden `_schoolnet` sheet and define the dropdown list names."""
    sheet = workbook.add_worksheet(contract.SHEET_META)
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
        letter = column_letters(col)
        workbook.define_name(
            name, f"='{contract.SHEET_META}'!${letter}$2:${letter}${len(values) + 1}"
        )
    sheet.hide()

