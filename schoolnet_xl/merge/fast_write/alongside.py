"""Large sheets' rows written as deflated XML by a forked process, meanwhile.

Once the rows of the list sheets are known, the main process still has the
evolution to work out, the rest of the workbook to lay out and the shared
partners to find; one forked child inherits the rows (nothing to pickle),
renders and deflates each sheet's rows to a temporary file and sends back their
sizes and CRCs. Measured on 3,000 cards: region + write median 4.3 -> 3.2 s
with a child for the Partners rows (commit 7fbe0b9); one child rather than two
once the merge paused the cyclic collector through the write (each forked child
counts the parent's whole heap in a summed RSS). On 9,000 cards the child
also writes Dekking, Scholen, Bevindingen and Bronbestanden, which the main
process rendered after the evolution (see `fast_write/__init__.py`).

Without fork (Windows, macOS), for a small region, or should the child fail,
the rows are written inline by the main process, as plain `SheetRows`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from contextlib import ExitStack, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from schoolnet_xl.merge.fast_write.bulk_rows import FileRows, SheetRows, rows_to_file
from schoolnet_xl.merge.fast_write.deflated import DeflatedFile

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

ALONGSIDE_CELLS = 200_000  # cells (all sheets together) from which a forked process writes


def rows_written_alongside(
    sheets: Mapping[str, SheetRows], stack: ExitStack
) -> Callable[[], dict[str, SheetRows | FileRows]]:
    """Start the child for `sheets` (by part name) when worth it; the callable returned
    waits for it (once) and gives each sheet's deflated rows, or the sheets themselves
    to be written inline."""
    inline: dict[str, SheetRows | FileRows] = dict(sheets)
    cells = sum(len(sheet.rows) * sheet.width for sheet in sheets.values())
    if cells < ALONGSIDE_CELLS or not sys.platform.startswith("linux"):
        return lambda: inline
    import multiprocessing
    import tempfile

    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="schoolnet-xl-")))
    targets = {part: folder / f"rows{index}.deflate" for index, part in enumerate(sheets)}
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_rows_to_files_or_exit, daemon=True,
                            args=(sheets, targets, send))
    child.start()
    send.close()
    stack.callback(child.join)
    stack.callback(receive.close)

    @cache
    def written() -> dict[str, SheetRows | FileRows]:
        pieces: dict[str, DeflatedFile] = {}
        with suppress(EOFError):  # the child ended without sending: it failed
            pieces = receive.recv()
        child.join()
        if child.exitcode or pieces.keys() != sheets.keys():
            return inline
        return {part: FileRows((pieces[part],), len(sheet.rows), sheet.width, sheet.header_row)
                for part, sheet in sheets.items()}

    return written


def _rows_to_files_or_exit(sheets: Mapping[str, SheetRows], targets: Mapping[str, Path],
                           send: Connection) -> None:
    """A forked process's work, then its end by `os._exit`: no traceback on the user's
    screen (a failure only sets exit code 1, and the parent writes the rows itself), and
    no flushing of streams whose locks another thread of the parent may have held."""
    status = 0
    try:
        send.send({part: rows_to_file(sheet, targets[part]) for part, sheet in sheets.items()})
    except Exception:  # any failure: the parent writes the rows itself
        status = 1
    os._exit(status)
