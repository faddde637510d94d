"""Scripts xlwings Server registers: the three Netwerkkaart buttons."""

from schoolnet_xl.excel.scripts import (
    ontbrekende_categorieen,
    overzicht_vernieuwen,
    valideer,
)

__all__ = ["ontbrekende_categorieen", "overzicht_vernieuwen", "valideer"]
