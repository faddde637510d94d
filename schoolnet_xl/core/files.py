"""Facts about the files the tool writes."""

from __future__ import annotations

import os


def new_file_mode() -> int:
    """The mode `open()` would give a new file: 0o666 less the process's umask.

    Every output is written to a `tempfile.mkstemp` file (owner-only 0600) and renamed
    into place; given this mode first, colleagues on a shared drive can open it.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
