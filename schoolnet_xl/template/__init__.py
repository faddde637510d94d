"""The netwerkkaart workbook built by code: the master template and pre-filled cards."""

from __future__ import annotations

from schoolnet_xl.template.builder import TEMPLATE_CREATED, write_card

__all__ = ["TEMPLATE_CREATED", "write_card"]
