"""Outputs of a validation: terminal text and the findings workbook."""
