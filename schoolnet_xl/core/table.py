"""A table as plain data: what the regional workbook, its CSV files and the Evolutie
sheet render, without a spreadsheet library."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(slots=True)
class Table:
    """A header row and data rows (cells are text, numbers or None)."""

    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
