"""Read the open workbook into the same `Card` the file reader builds."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import COLUMNS_AFTER_FOCUS, COLUMNS_BEFORE_FOCUS, Card
from schoolnet_xl.core.vocabulary import Vocabulary, judging_vocabulary, load_vocabulary
from schoolnet_xl.read.card import read_workbook_data
from schoolnet_xl.read.file_rules import COLUMN_REMOVED
from schoolnet_xl.read.from_book import workbook_data

if TYPE_CHECKING:
    import xlwings as xw

# The region's vocabulary file the add-in uses (set by `schoolnet-xl serve --config`).
ENV_CONFIG = "SCHOOLNET_XL_CONFIG"


@lru_cache(maxsize=4)
def _load(config: str | None) -> Vocabulary:
    return load_vocabulary(config or None)


def configured_vocabulary() -> Vocabulary:
    """The vocabulary of SCHOOLNET_XL_CONFIG, else the default one (as the CLI without --config)."""
    return _load(os.environ.get(ENV_CONFIG) or None)


def read_open_card(
    book: xw.Book, vocabulary: Vocabulary, lang: Lang = "nl"
) -> tuple[Card, list[Finding], Vocabulary]:
    """The card of `book`, its reading findings and the vocabulary to judge it with (the
    one the card stores, as `validate` and `merge` judge it, unless the add-in runs with a
    region's config); a friendly XlwingsError when it is no card."""
    import xlwings as xw

    read = read_workbook_data(workbook_data(book), vocabulary)
    card, findings = read.card, read.findings
    if card is None:
        raise xw.XlwingsError(findings[-1].message(lang) if findings else say(
            "Dit werkboek is geen netwerkkaart: er is geen rooster met de kolommen "
            "Organisatie en Categorie gevonden.",
            "This workbook is not a network card: no grid with the columns Organisatie "
            "and Categorie was found.", lang))
    _refuse_without_key_columns(findings, vocabulary, lang)
    return card, findings, judging_vocabulary(read.stored, vocabulary)


def _refuse_without_key_columns(findings: list[Finding], vocabulary: Vocabulary,
                                lang: Lang) -> None:
    """A grid that lost Organisatie or Categorie cannot be judged cell by cell: say so."""
    import xlwings as xw

    key_headers = {COLUMNS_BEFORE_FOCUS["organisatie"], COLUMNS_AFTER_FOCUS["categorie"]}
    lost = [f for f in findings if f.code == COLUMN_REMOVED.code and f.field in key_headers]
    if lost:
        several = len(lost) > 1
        raise xw.XlwingsError(" ".join([*(f.message(lang) for f in lost), say(
            f"Zet de {'kolomkoppen' if several else 'kolomkop'} terug zoals in het sjabloon "
            "en klik dan opnieuw.",
            f"Restore the column {'headers' if several else 'header'} as in the template, "
            "then click again.", lang)]))
