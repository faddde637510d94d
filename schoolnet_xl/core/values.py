"""Facts about a cell value or a partner row that readers, rules and writers share."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from schoolnet_xl.core.model import COLUMNS_AFTER_FOCUS, COLUMNS_BEFORE_FOCUS, CellValue, Partner

ROW_FIELDS = (*COLUMNS_BEFORE_FOCUS, *COLUMNS_AFTER_FOCUS)
EXCEL_EPOCH = date(1899, 12, 30)
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def clean(value: object) -> CellValue:
    """A cell value as the model keeps it: blank text -> None, times as text."""
    if value is None:
        return None
    if value.__class__ is float:  # how a source hands most numbers over: asked first
        return value
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, time | timedelta):
        return str(value)
    return value  # type: ignore[return-value]


def is_blank(value: object) -> bool:
    """True for None and whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: object) -> date | None:
    """A date from a date/datetime, an Excel serial number or dd/mm/yyyy / yyyy-mm-dd text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return EXCEL_EPOCH + timedelta(days=int(value)) if 1 <= value < 100_000 else None
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def has_content(partner: Partner) -> bool:
    """True when any column of the row holds something."""
    return any(not getattr(partner, a).is_empty for a in ROW_FIELDS) or any(
        not v.is_empty for v in partner.focus.values()
    )


def row_cell(partner: Partner) -> str:
    """The A1 address that stands for a row: Organisatie's, else the first known cell."""
    if partner.organisatie.cell:
        return partner.organisatie.cell
    for attribute in ROW_FIELDS:
        cell = getattr(partner, attribute).cell
        if cell:
            return cell
    return next((v.cell for v in partner.focus.values() if v.cell), "")
