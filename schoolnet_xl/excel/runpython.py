"""Entry points for classic xlwings `RunPython` (desktop Excel with Python installed).

They run the add-in's functions on the workbook that called them:

    RunPython "import schoolnet_xl.excel.runpython as n; n.valideer()"

See scripts/Netwerkkaart.bas and docs/excel-addin.md.
"""

from __future__ import annotations

from schoolnet_xl.core.lang import default_lang
from schoolnet_xl.excel import actions


def valideer() -> None:
    """Valideer the calling workbook."""
    import xlwings as xw

    actions.valideer(xw.Book.caller(), lang=default_lang())


def ontbrekende_categorieen() -> None:
    """Show the missing categories of the calling workbook on its Overzicht."""
    import xlwings as xw

    actions.ontbrekende_categorieen(xw.Book.caller(), lang=default_lang())


def overzicht_vernieuwen() -> None:
    """Rewrite the Overzicht counts of the calling workbook from its grid."""
    import xlwings as xw

    actions.overzicht_vernieuwen(xw.Book.caller(), lang=default_lang())
