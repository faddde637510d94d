"""Read a card and judge it: the library call behind `validate`, `gaps`, `merge` and the
Excel button. A `FileReport` is plain data; its renderers live in `report/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.core.findings import SEVERITIES, Finding
from schoolnet_xl.core.model import Card
from schoolnet_xl.core.overview import missing_categories
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.read import ReadResult, read_card
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


def check_file(path: str | Path, vocabulary: Vocabulary) -> FileReport:
    """Read one card file and validate it; an unreadable file gives its read findings only."""
    result = read_card(path, vocabulary=vocabulary)
    if result.status != "ok" or result.card is None:
        return FileReport(result, sort_findings(list(result.findings)), {}, vocabulary)
    rule_findings, missing = check_card(result.card, vocabulary)
    findings = sort_findings([*result.findings, *rule_findings])
    return FileReport(result, findings, missing, vocabulary)


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
