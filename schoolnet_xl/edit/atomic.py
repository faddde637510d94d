"""Safe file replacement: lock/read-only checks, temp file beside, backup, os.replace."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from schoolnet_xl.core.files import new_file_mode
from schoolnet_xl.core.lang import Lang, say


class GuardError(Exception):
    """A write the guard refused or aborted; `exit_code` 1 (refused) or 2 (bad input)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def lock_file_of(path: Path) -> Path | None:
    """The Excel/LibreOffice lock file beside `path` when the file is open elsewhere."""
    for candidate in (
        path.with_name(f"~${path.name}"),
        path.with_name(f".~lock.{path.name}#"),
    ):
        if candidate.exists():
            return candidate
    return None


def refuse_if_open_elsewhere(source: Path, lang: Lang = "nl") -> None:
    """Refuse (exit 2) reading a source that another program has open (lock file)."""
    lock = lock_file_of(source)
    if lock is not None:
        raise GuardError(say(
            f"{source}: het bestand is open in een ander programma (vergrendelbestand "
            f"{lock.name}); sla het daar op en sluit het eerst. Er is niets geschreven.",
            f"{source}: the file is open in another program (lock file {lock.name}); "
            "save and close it there first. Nothing was written.", lang), exit_code=2)


def refuse_existing(target: Path, force: bool, lang: Lang = "nl") -> None:
    """Refuse (exit 2) to replace an existing target unless `force`."""
    if target.exists() and not force:
        raise GuardError(say(
            f"{target} bestaat al; kies een andere naam of gebruik --force.",
            f"{target} already exists; choose another name or use --force.", lang),
            exit_code=2)


def check_writable(path: Path, lang: Lang = "nl") -> None:
    """Refuse (exit 2) a target that is locked, read-only or in a read-only folder."""
    lock = lock_file_of(path)
    if lock is not None:
        raise GuardError(
            say(
                f"{path}: het bestand is open in een ander programma (vergrendelbestand "
                f"{lock.name} ernaast). Sluit het eerst; er is niets geschreven.",
                f"{path}: the file is open in another program (lock file {lock.name} "
                "beside it). Close it first; nothing was written.",
                lang,
            ),
            exit_code=2,
        )
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not _writable(path):
        raise GuardError(
            say(
                f"{path}: het bestand is alleen-lezen; er is niets geschreven. "
                "Schrijf naar een nieuw bestand met -o NIEUW.xlsx.",
                f"{path}: the file is read-only; nothing was written. "
                "Write a new file with -o NEW.xlsx.",
                lang,
            ),
            exit_code=2,
        )
    if not _writable(folder):
        raise GuardError(
            say(
                f"{path}: de map {folder} is alleen-lezen; er is niets geschreven.",
                f"{path}: the folder {folder} is read-only; nothing was written.",
                lang,
            ),
            exit_code=2,
        )


def _writable(path: Path) -> bool:
    """Writable for us, and not marked read-only (no write bit at all; root ignores bits)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def temp_path_beside(target: Path) -> Path:
    """A fresh, empty temporary file in the target's folder (same file system), with the
    permissions the user's umask gives a new file (mkstemp's own are owner-only, and the
    file is renamed into place: colleagues on a shared drive must be able to open it)."""
    handle, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent
    )
    os.close(handle)
    os.chmod(name, new_file_mode())
    return Path(name)



def backup_path(target: Path, now: datetime | None = None) -> Path:
    """`kaart.backup-20261128-153012.xlsx` beside `kaart.xlsx` (never an existing file)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
    counter = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.backup-{stamp}-{counter}{target.suffix}")
        counter += 1
    return candidate


def replace_atomically(temp: Path, target: Path, backup: bool) -> Path | None:
    """Move `temp` over `target`; first copy the target's original bytes to a backup.

    Returns the backup's path (None when there was nothing to back up or
    `backup` is False).
    """
    saved: Path | None = None
    if backup and target.exists():
        saved = backup_path(target)
        shutil.copy2(target, saved)
    if target.exists():
        shutil.copymode(target, temp)
    os.replace(temp, target)
    return saved


def discard(temp: Path) -> None:
    """Remove a temporary file if it is still there."""
    temp.unlink(missing_ok=True)
