"""What the merge knows about each input file: plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from schoolnet_xl.model import Card, Finding

FileStatus = Literal["ok", "unreadable", "skipped"]
DuplicateKind = Literal["", "superseded", "identical"]


@dataclass(slots=True)
class FileResult:
    """One input file: identity (size, sha256, mtime), how it was read, what it holds."""

    path: str
    size: int
    sha256: str
    mtime: float
    status: FileStatus
    kind: str | None = None
    reason: str = ""
    format: str = ""
    template_version: str = ""
    read_ms: float = 0.0
    card: Card | None = None
    findings: list[Finding] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    duplicate: DuplicateKind = ""
    duplicate_of: str = ""

    @property
    def used(self) -> bool:
        """True when this file's card goes into the region (read, not a duplicate)."""
        return self.status == "ok" and self.card is not None and not self.duplicate
