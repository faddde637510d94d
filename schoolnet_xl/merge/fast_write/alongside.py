"""A large sheet's rows written as deflated XML by forked processes, meanwhile.

When the region is worked out, the main process still has the rest of the
workbook to lay out (and the shared partners to find, on first use); forked
children inherit the rows (nothing to pickle), each renders and deflates its
consecutive share of them to a temporary file and sends back that piece's size
and CRC. Measured on 3,000 cards: region + write median 4.3 -> 3.2 s with one
child (commit 7fbe0b9); two children, since one was then the longest path of
the write phase (9e2137d); one again once the merge paused the cyclic collector
through the write (9,000 cards: write 1.12 s with two, 1.15 s with one, in the
same run): each forked child counts the parent's whole heap in a summed RSS.

Without fork (Windows, macOS), for a small region, or should a child fail, the
rows are written inline by the main process, as plain `SheetRows`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from schoolnet_xl.merge.fast_write.bulk_rows import FileRows, SheetRows, rows_to_file

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

ALONGSIDE_CELLS = 200_000  # cells from which forked processes write a sheet's XML
ALONGSIDE_PROCESSES = 1  # with this process, two cores busy


def rows_written_alongside(
    sheet: SheetRows, stack: ExitStack
) -> Callable[[], SheetRows | FileRows]:
    """Start the children (when worth it); the callable returned waits for them and
    gives their pieces, or `sheet` itself to be written inline."""
    if len(sheet.rows) * sheet.width < ALONGSIDE_CELLS or not sys.platform.startswith("linux"):
        return lambda: sheet
    import multiprocessing
    import tempfile

    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="schoolnet-xl-")))
    context = multiprocessing.get_context("fork")
    share = -(-len(sheet.rows) // ALONGSIDE_PROCESSES)
    children = []
    for index in range(ALONGSIDE_PROCESSES):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_rows_to_file_or_exit, daemon=True, args=(
            sheet, folder / f"rows{index}.deflate", index * share, (index + 1) * share,
            send))
        child.start()
        send.close()
        stack.callback(child.join)
        stack.callback(receive.close)
        children.append((child, receive))

    def written() -> SheetRows | FileRows:
        pieces = []
        for child, receive in children:
            with suppress(EOFError):  # the child ended without sending: it failed
                pieces.append(receive.recv())
            child.join()
        if len(pieces) < len(children) or any(child.exitcode for child, _ in children):
            return sheet
        return FileRows(tuple(pieces), len(sheet.rows), sheet.width, sheet.header_row)

    return written


def _rows_to_file_or_exit(sheet: SheetRows, target: Path, start: int, stop: int,
                          send: Connection) -> None:
    """A forked process's work, then its end by `os._exit`: no traceback on the user's
    screen (a failure only sets exit code 1, and the parent writes the rows itself), and
    no flushing of streams whose locks another thread of the parent may have held."""
    status = 0
    try:
        send.send(rows_to_file(sheet, target, start, stop))
    except Exception:  # any failure: the parent writes the rows itself
        status = 1
    os._exit(status)
