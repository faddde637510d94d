"""The fallback writer: openpyxl load + save, for packages the part-level writer refuses.

openpyxl drops what it does not understand, so this route is only taken behind
a preflight over every sheet (see `preflight`); `kept_kinds` names the risky
kinds it does keep.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path


def kept_kinds() -> frozenset[str]:
    """Kinds of `preflight.Risk` an openpyxl load+save keeps (images need Pillow)."""
    kinds = {"comment"}
    if importlib.util.find_spec("PIL") is not None:
        kinds.add("image")
    return frozenset(kinds)


def without_sheets(source: Path, dest: Path, sheets: set[str]) -> None:
    """Save `source` to `dest` through openpyxl, with the given sheets removed."""
    import openpyxl

    keep_vba = source.suffix.lower() == ".xlsm"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=True,
                                          rich_text=True)
    for name in sheets:
        if name in workbook.sheetnames:
            del workbook[name]
    workbook.save(dest)
