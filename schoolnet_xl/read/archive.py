"""Cards inside a .zip that a school sent: `archive.zip/inner name` reads like a file.

A path whose leading part is a .zip archive on disk (and not a workbook package
renamed .zip) names one member of it. The member is inflated only after the
zip directory says it stays under the probe's bomb limits (total size and
compression ratio), then read like any card file.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

from schoolnet_xl.core.findings import Words
from schoolnet_xl.read.package import ZIP_MAGIC

ARCHIVE_SUFFIX = ".zip"
# Parts that make a zip a workbook package, not an archive of cards.
_PACKAGE_PARTS = ("[Content_Types].xml", "mimetype", "xl/workbook.xml")


class ArchiveError(Exception):
    """A member that must not be inflated, or a broken archive; `rule` is the probe's code."""

    def __init__(self, rule: str, **params: object) -> None:
        super().__init__(rule)
        self.rule = rule
        self.params = params


def is_card_archive(path: str | Path) -> bool:
    """True for a .zip file on disk that is an archive, not a renamed workbook."""
    if not os.fspath(path).lower().endswith(ARCHIVE_SUFFIX):  # most inputs: no Path built
        return False
    path = Path(path)
    if path.suffix.lower() != ARCHIVE_SUFFIX or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            if handle.read(4) != ZIP_MAGIC:
                return False
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return not any(part in names for part in _PACKAGE_PARTS)


def members(path: str | Path) -> list[str]:
    """The file members of an archive (folders left out), in stored order."""
    with zipfile.ZipFile(path) as archive:
        return [info.filename for info in archive.infolist() if not info.is_dir()]


def member_path(archive: str | Path, inner: str) -> str:
    """The path that names a member: `archive.zip/inner name`."""
    return os.path.join(str(archive), *PurePosixPath(inner).parts)


def split_member(path: str | Path) -> tuple[Path, str] | None:
    """(archive, member name) for a path inside a card archive, else None."""
    path = Path(path)
    if path.exists():
        return None
    parts = path.parts
    for index in range(len(parts) - 1, 0, -1):
        head = Path(*parts[:index])
        if head.suffix.lower() == ARCHIVE_SUFFIX and head.is_file():
            return head, "/".join(parts[index:])
    return None


def read_member(archive: Path, inner: str, max_bytes: int, max_ratio: int,
                ratio_min_bytes: int) -> bytes:
    """A member's bytes, refused (ArchiveError) before inflating when it is a bomb."""
    try:
        with zipfile.ZipFile(archive) as opened:
            info = opened.getinfo(inner)
            if info.file_size > max_bytes:
                raise ArchiveError("SN006", size_mb=info.file_size // (1024 * 1024),
                                   limit_mb=max_bytes // (1024 * 1024))
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > ratio_min_bytes and ratio > max_ratio:
                raise ArchiveError("SN007", part=inner, ratio=int(ratio), limit=max_ratio)
            return opened.read(info)
    except KeyError:
        raise ArchiveError("SN001", detail=Words("niet in het zip-archief",
                                                 "not in the zip archive")) from None
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ArchiveError("SN005", detail=str(exc) or type(exc).__name__) from None
