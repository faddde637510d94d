"""Deprecated: the package layout lives in `schoolnet_xl.read.package`.

Kept only because tests/support/workbooks.py still imports `list_sheets` (on a
`zipfile.ZipFile`) and `rels_name` from here; delete this module once it
imports them from `schoolnet_xl.read.package` (`list_sheets(Package.open(path))`).
"""

from __future__ import annotations

import zipfile

from schoolnet_xl.read import package as _package
from schoolnet_xl.read.package import SheetPart, rels_name

__all__ = ["list_sheets", "rels_name"]


def list_sheets(zf: zipfile.ZipFile) -> list[SheetPart]:
    """`read.package.list_sheets` for an open `zipfile.ZipFile`."""
    return _package.list_sheets(_package.Package(zf, b""))
