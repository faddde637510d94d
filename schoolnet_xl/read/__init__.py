"""Readers: any workbook file or open Excel book -> `Card` (+ reading findings)."""
