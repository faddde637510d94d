"""Read a card and judge it: the library call behind `validate`, `gaps`, `merge` and the
Excel button. A `FileReport` is plain data; its renderers live in `report/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.core.findings import SEVERITIES, Finding
from schoolnet_xl.core.model import Card
from schoolnet_xl.core.overview import missing_categories
from schoolnet_xl.core.vocabulary import Vocabulary, judging_vocabulary
from schoolnet_xl.read import ReadResult, read_card
from schoolnet_xl.read.file_rules import VOCABULARY_DIFFERS
from schoolnet_xl.validate.engine import sort_findings, validate


@dataclass
class FileReport:
    """One file's outcome: how it was read, every finding, the missing categories."""

    read: ReadResult
    findings: list[Finding]
    missing: dict[str, list[str]]
    vocabulary: Vocabulary | None = field(default=None, repr=False)

    @property
    def card(self) -> Card | None:
        return self.read.card

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


def check_workbook(path: str | Path, vocabulary: Vocabulary) -> list[FileReport]:
    """Every card of one file: one report, or one per sheet when a hand-made workbook holds
    a grid on several sheets (one per school year); the latest year's comes first."""
    first = check_file(path, vocabulary)
    reports = [first]
    chosen = first.card.grid_sheet if first.card is not None else ""
    for sheet in first.read.grid_sheets:
        if sheet != chosen:
            reports.append(check_file(path, vocabulary, sheet=sheet))
    return reports


def check_file(path: str | Path, vocabulary: Vocabulary, sheet: str | None = None,
               data: bytes | None = None) -> FileReport:
    """Read one card file and validate it; an unreadable file gives its read findings only.

    A card that stores the vocabulary it was made with is judged with that one when no
    --config is given (`vocabulary` is the default), as the Valideer button judges it.
    A region's --config that differs from the card's is used, and a warning names both
    (SN021), so a different verdict never goes unexplained. `data`: the file's bytes,
    when the caller has read them already.
    """
    result = read_card(path, vocabulary=vocabulary, sheet=sheet, data=data)
    if result.status != "ok" or result.card is None:
        return FileReport(result, sort_findings(list(result.findings)), {}, vocabulary)
    stored = result.vocabulary
    judge = judging_vocabulary(stored, vocabulary)
    if (stored is not None and judge is vocabulary and stored is not vocabulary
            and not same_vocabulary(stored, vocabulary)):
        result.findings.append(VOCABULARY_DIFFERS.finding(
            file=str(path), card_vocabulary=_named(stored),
            given_vocabulary=f"{_named(vocabulary)}, {vocabulary.source}"))
    rule_findings, missing = check_card(result.card, judge)  # sorted already
    findings = (sort_findings([*result.findings, *rule_findings]) if result.findings
                else rule_findings)
    return FileReport(result, findings, missing, judge)


_SAME: dict[tuple[int, int], tuple[Vocabulary, Vocabulary, bool]] = {}
_SAME_MAX = 64


def same_vocabulary(a: Vocabulary, b: Vocabulary) -> bool:
    """True when two vocabularies say the same (compared once per pair of objects)."""
    key = (id(a), id(b))
    hit = _SAME.get(key)
    if hit is not None and hit[0] is a and hit[1] is b:
        return hit[2]
    if len(_SAME) >= _SAME_MAX:
        _SAME.clear()
    same = a.raw == b.raw
    _SAME[key] = (a, b, same)
    return same


def _named(vocabulary: Vocabulary) -> str:
    return f"{vocabulary.name} {vocabulary.version}".strip()


def check_card(card: Card, vocabulary: Vocabulary) -> tuple[list[Finding], dict[str, list[str]]]:
    """Rule findings and missing categories of a card already read (e.g. an open workbook)."""
    return validate(card, vocabulary), missing_categories(card, vocabulary)


def summary(reports: list[FileReport]) -> dict[str, int]:
    """Files, unreadable files, and findings per severity over `reports`."""
    totals = {"files": len(reports),
              "unreadable": sum(r.read.status != "ok" for r in reports)}
    for severity in SEVERITIES:
        totals[severity] = sum(r.counts()[severity] for r in reports)
    return totals
