"""Readers: any workbook file or open Excel book -> `Card` (+ reading findings).

`read_card` probes a file, reads its cells and builds the card; it never
raises for a bad file: a refusal or an unexpected error becomes an
"unreadable" result whose `problem` finding says why.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from schoolnet_xl.core.findings import REGISTRY, Finding
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import Card, CardKind
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.archive import ARCHIVE_SUFFIX, ArchiveError, read_member, split_member
from schoolnet_xl.read.card import card_from_workbook_data, read_workbook_data
from schoolnet_xl.read.from_file import workbook_data_from_file
from schoolnet_xl.read.package import Package
from schoolnet_xl.read.probe import MAX_RATIO, MAX_TOTAL_BYTES, RATIO_MIN_BYTES, probe

__all__ = ["ReadResult", "card_from_workbook_data", "read_card"]


@dataclass
class ReadResult:
    """How reading one file went: the card, or the finding that says why there is none."""

    path: str
    status: Literal["ok", "unreadable"]
    kind: CardKind | None
    card: Card | None
    findings: list[Finding] = field(default_factory=list)
    problem: Finding | None = None
    format: str = ""
    read_ms: float = 0.0
    # The vocabulary a template card stores (it was made with), None for any other card.
    vocabulary: Vocabulary | None = field(default=None, repr=False)
    # Every sheet of a hand-made workbook that holds a grid; more than one: a card each.
    grid_sheets: tuple[str, ...] = ()
    sheet: str = ""  # the sheet asked for (read_card(..., sheet=)), "" for the default

    def reason(self, lang: Lang = "nl") -> str:
        """Why there is no card, in `lang` ("" for a card that was read)."""
        return self.problem.message(lang) if self.problem is not None else ""


def read_card(path: str | Path, vocabulary: Vocabulary | None = None,
              sheet: str | None = None, data: bytes | None = None) -> ReadResult:
    """Probe and read one workbook file into a card; never raises for a bad file.

    `archive.zip/inner name` reads a card inside a zip archive (see `read.archive`);
    `sheet` picks the grid of a hand-made workbook with grids on several sheets;
    `data` is the file's bytes when the caller has read them already (not read again).
    """
    if ARCHIVE_SUFFIX in str(path).lower() and not os.path.exists(path):
        member = split_member(path)
        if member is not None:
            return _read_member(str(path), *member, vocabulary, sheet)
    started = time.perf_counter()
    file = str(path)
    vocabulary = vocabulary or default_vocabulary()
    result = ReadResult(file, "unreadable", None, None)
    try:
        checked = probe(path, keep_open=True, data=data)
        result.findings.extend(checked.findings)
        result.format = checked.format
        if checked.refusal is not None:
            _refuse(result, checked.refusal)
        else:
            try:
                _read(result, checked.format, vocabulary, checked.package, sheet)
            finally:
                if checked.package is not None:
                    checked.package.close()
    except Exception as exc:  # a bad file must never raise: it is reported
        _refuse(result, F.INTERNAL_ERROR.finding(file=file, detail=_describe(exc)))
    result.read_ms = (time.perf_counter() - started) * 1000
    return result


def _read_member(shown: str, archive: Path, inner: str,
                 vocabulary: Vocabulary | None, sheet: str | None) -> ReadResult:
    """A card inside a zip: inflated (within the bomb limits) into a scratch folder, read
    there, reported under `archive.zip/inner name`."""
    started = time.perf_counter()
    try:
        data = read_member(archive, inner, MAX_TOTAL_BYTES, MAX_RATIO, RATIO_MIN_BYTES)
    except ArchiveError as exc:
        result = ReadResult(shown, "unreadable", None, None)
        rule = REGISTRY[exc.rule]
        _refuse(result, rule.finding(file=shown, **exc.params))  # type: ignore[arg-type]
        return result
    with tempfile.TemporaryDirectory(prefix="schoolnet_zip_") as scratch:
        temp = Path(scratch, PurePosixPath(inner).name or "kaart")
        temp.write_bytes(data)
        result = read_card(temp, vocabulary, sheet)
    scratch_name = str(temp)
    result.path = shown
    result.findings = [replace(f, file=shown) if f.file == scratch_name else f
                       for f in result.findings]
    if result.problem is not None and result.problem.file == scratch_name:
        result.problem = replace(result.problem, file=shown)
    if result.card is not None:
        result.card.path = shown
    result.read_ms = (time.perf_counter() - started) * 1000
    return result


def _read(result: ReadResult, fmt: str, vocabulary: Vocabulary,
          package: Package | None, sheet: str | None = None) -> None:
    try:
        data = workbook_data_from_file(result.path, fmt, package)
    except Exception as exc:  # a parser error on a bad file becomes a refusal
        rule = F.ENCRYPTED if _mentions_password(exc) else F.PARSE_FAILED
        _refuse(result, rule.finding(file=result.path, detail=_describe(exc)))
        return
    card, findings, stored, grid_sheets = read_workbook_data(data, vocabulary, sheet)
    result.findings.extend(findings)
    result.vocabulary = stored
    result.grid_sheets = grid_sheets
    result.sheet = card.grid_sheet if card is not None and sheet is not None else ""
    if card is None:
        result.problem = findings[-1]
        return
    result.status, result.kind, result.card = "ok", card.kind, card


def _refuse(result: ReadResult, finding: Finding) -> None:
    result.status, result.kind, result.card = "unreadable", None, None
    result.findings.append(finding)
    result.problem = finding


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _mentions_password(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "password" in text or "encrypt" in text
