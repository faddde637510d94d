"""The master workbook's public contract: sheet, table, column and name strings.

Readers, the Excel button, the card-writing commands and users' own formulas
rely on these names; positions are the builder's choice and readers must find
things by name (defined names, table columns), not by fixed cells.
"""

from __future__ import annotations

from schoolnet_xl.core.model import COLUMNS_AFTER_FOCUS, COLUMNS_BEFORE_FOCUS, HEADER_FIELDS
from schoolnet_xl.core.vocabulary import Vocabulary

TEMPLATE_VERSION = "1.0"

SHEET_CARD = "Netwerkkaart"
SHEET_OVERVIEW = "Overzicht"
SHEET_CATEGORIES = "Categorieën"
SHEET_MANUAL = "Handleiding"
SHEET_META = "_schoolnet"
SHEET_VALIDATION = "Validatie"
TABLE_PARTNERS = "Partners"

# The custom document property that marks a regional workbook written by `merge`.
REGIONAL_MARKER_PROPERTY = "schoolnet-xl"
REGIONAL_MARKER_VALUE = "regionale netwerkkaart"
# How every CSV table of `merge --csv` starts: a UTF-8 byte order mark and the school keys.
REGIONAL_CSV_START = "\ufeffSchoolnaam;Instellingsnummer;".encode()

# Defined names of the header input cells (model attribute -> name).
HEADER_NAMES = HEADER_FIELDS

# Defined names of the dropdown lists.
NAME_CATEGORY_LIST = "Categorielijst"
NAME_MARK_LIST = "Xlijst"
NAME_INTENSITY_LIST = "Intensiteitlijst"
NAME_ANTENNA_LIST = "Antennelijst"
NAME_STATUS_LIST = "Statuslijst"
NAME_LEVEL_LIST = "Niveaulijst"

# `_schoolnet` sheet: key in column A, value in column B, one key per row, in
# this order from row 2 (row 1 holds the headings "sleutel" / "waarde").
# Readers look keys up by text, never by row.
META_TEMPLATE_VERSION = "template_version"
META_VOCABULARY_VERSION = "vocabulary_version"
META_VOCABULARY_NAME = "vocabulary_name"
META_VOCABULARY_JSON = "vocabulary_json"
META_VALIDATION_MARKS = "validation_marks"  # JSON list of cells the Excel button marked
META_KEYS = (
    META_TEMPLATE_VERSION,
    META_VOCABULARY_VERSION,
    META_VOCABULARY_NAME,
    META_VOCABULARY_JSON,
    META_VALIDATION_MARKS,
)

MIN_EMPTY_ROWS = 60


def grid_columns(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """(key, header) of every column of the Partners table, in order.

    The key is the Partner attribute name, or the focus code for X columns.
    """
    return [
        *COLUMNS_BEFORE_FOCUS.items(),
        *((f.code, f.header) for f in vocabulary.focus),
        *COLUMNS_AFTER_FOCUS.items(),
    ]
