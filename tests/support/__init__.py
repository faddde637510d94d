"""Helpers for the test suite (real LibreOffice, real files)."""
