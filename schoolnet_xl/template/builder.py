"""Write a netwerkkaart workbook (the master template or a pre-filled card) with XlsxWriter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from schoolnet_xl.core.model import Card
from schoolnet_xl.core.overview import compute_overview
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template.meta_sheet import write_meta_sheet
from schoolnet_xl.template.netwerkkaart_sheet import write_card_sheet
from schoolnet_xl.template.overview_sheet import write_overview_sheet
from schoolnet_xl.template.reference_sheets import write_categories_sheet, write_manual_sheet
from schoolnet_xl.template.styles import make_styles

# The master template's fixed creation date keeps `workbook/netwerkkaart.xlsx` reproducible.
TEMPLATE_CREATED = datetime(2026, 1, 1, 0, 0, 0)


def write_card(
    path: str | Path, vocabulary: Vocabulary, card: Card | None = None,
    *, created: datetime | None = None,
) -> Path:
    """Write a fresh template card to `path`, pre-filled from `card` when given.

    Header values and partner values are written as text (Sinds as a year
    number), the category as its label, X columns as "X". The Partners table
    holds the card's partners plus `layout.MIN_EMPTY_ROWS` empty rows. Without
    `created`, a blank template gets `TEMPLATE_CREATED` (reproducible bytes)
    and a pre-filled card the current time.
    """
    import xlsxwriter

    target = Path(path)
    overview = compute_overview(card if card is not None else Card("", "template"), vocabulary)
    workbook = xlsxwriter.Workbook(str(target), {
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    workbook.set_properties({
        "title": "Netwerkkaart",
        "subject": "Netwerkkaart van de school",
        "author": "schoolnet-xl",
        "created": created or (TEMPLATE_CREATED if card is None else datetime.now()),
    })
    styles = make_styles(workbook)
    write_card_sheet(workbook, vocabulary, styles, card)
    write_overview_sheet(workbook, vocabulary, overview, styles)
    write_categories_sheet(workbook, vocabulary, styles)
    write_manual_sheet(workbook, styles)
    write_meta_sheet(workbook, vocabulary, styles)
    workbook.close()
    return target
