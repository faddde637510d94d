"""The scripts xlwings Server offers to the add-in (task pane and ribbon buttons).

No `from __future__ import annotations` here: xlwings injects the workbook by
the real `xw.Book` annotation of each script's parameter.
"""

import xlwings as xw
from xlwings.server import script

from schoolnet_xl.core.lang import default_lang
from schoolnet_xl.excel import actions


@script
def valideer(book: xw.Book) -> None:
    """Valideer: mark the problem cells, write the Validatie sheet, alert the totals."""
    actions.valideer(book, lang=default_lang())


@script
def ontbrekende_categorieen(book: xw.Book) -> None:
    """Ontbrekende categorieën: mark and list them on the Overzicht sheet."""
    actions.ontbrekende_categorieen(book, lang=default_lang())


@script
def overzicht_vernieuwen(book: xw.Book) -> None:
    """Overzicht vernieuwen: rewrite the Overzicht counts from the grid."""
    actions.overzicht_vernieuwen(book, lang=default_lang())

