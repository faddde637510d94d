"""Facts about the files the tool writes."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schoolnet_xl.core.findings import Words


def cache_folder(name: str, env: str) -> Path:
    """The folder of one of the program's caches: the environment variable `env` when
    set, else ~/.cache/schoolnet-xl/`name` (XDG_CACHE_HOME honoured)."""
    given = os.environ.get(env, "").strip()
    if given:
        return Path(given)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "schoolnet-xl" / name


def new_file_mode() -> int:
    """The mode `open()` would give a new file: 0o666 less the process's umask.

    Every output is written to a `tempfile.mkstemp` file (owner-only 0600) and renamed
    into place; given this mode first, colleagues on a shared drive can open it.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def replaced_atomically(target: Path, prefix: str = ".~schoolnet-") -> Iterator[Path]:
    """A temporary file beside `target` for the block to write; renamed into place when
    the block ends, with the mode a new file gets: a reader never sees half a file, and
    a failure leaves no temporary file behind. An OS error about the temporary file is
    raised naming `target`, the file the user asked for."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    os.close(handle)
    try:
        yield Path(name)
        os.chmod(name, new_file_mode())  # not mkstemp's owner-only 0600
        os.replace(name, target)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        if exc.filename == name:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def write_bytes_atomically(target: Path, data: bytes, prefix: str = ".~schoolnet-") -> None:
    """`data` into `target` through `replaced_atomically`."""
    with replaced_atomically(target, prefix) as temporary:
        temporary.write_bytes(data)


# What an operating-system error means for the user, per errno (Dutch, English).
OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("bestaat niet", "does not exist"),
    errno.EACCES: ("je hebt geen toegang tot dit bestand of deze map",
                   "you have no access to this file or folder"),
    errno.EPERM: ("het besturingssysteem staat dit niet toe", "the system does not allow this"),
    errno.EEXIST: ("bestaat al (als bestand waar een map nodig is, of omgekeerd)",
                   "already exists (as a file where a folder is needed, or the reverse)"),
    errno.ENOTDIR: ("een deel van dit pad is een bestand, geen map",
                    "part of this path is a file, not a folder"),
    errno.EISDIR: ("is een map, geen bestand", "is a folder, not a file"),
    errno.ENOSPC: ("de schijf is vol", "the disk is full"),
    errno.EROFS: ("staat op een alleen-lezen schijf", "is on a read-only disk"),
    errno.EBUSY: ("is in gebruik door een ander programma", "is in use by another program"),
    errno.ENAMETOOLONG: ("de naam is te lang", "the name is too long"),
    errno.EINVAL: ("de naam is ongeldig", "the name is invalid"),
}


def os_error_words(exc: OSError) -> Words:
    """An operating-system error as words a user reads (not the system's English)."""
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    nl, en = OS_ERRORS.get(exc.errno or 0, (
        f"het besturingssysteem weigerde dit (foutcode {code})",
        f"the system refused this (error code {code})"))
    return Words(nl, en)
