"""Read a card and judge it: the library call behind `validate`, `gaps` and the Excel button.

A `FileReport` is plain data; `to_json` gives the documented per-file object
(docs/json-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import SEVERITIES, Card, Finding, Partner
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.engine import (
    has_content,
    missing_categories,
    row_cell,
    sort_findings,
    validate,
)

if TYPE_CHECKING:
    from schoolnet_xl.read import ReadResult


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
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """The documented per-file JSON object."""
        card = self.read.card
        return {
            "path": self.read.path,
            "status": self.read.status,
            "reason": self.read.reason or "",
            "kind": self.read.kind,
            "school": school_json(card, self.vocabulary),
            "partners": [partner_json(p, self.vocabulary) for p in card.partners
                         if has_content(p)] if card else [],
            "missing_categories": {
                "core": list(self.missing.get("core", [])),
                "recommended": list(self.missing.get("recommended", [])),
            },
            "findings": [f.as_dict() for f in self.findings],
        }


def check_file(path: str | Path, vocabulary: Vocabulary, lang: Lang = "nl") -> FileReport:
    """Read one card file and validate it; an unreadable file gives its read findings only."""
    from schoolnet_xl.read import read_card

    result = read_card(path, vocabulary=vocabulary, lang=lang)
    if result.status != "ok" or result.card is None:
        return FileReport(result, sort_findings(list(result.findings)), {}, vocabulary)
    rule_findings, missing = check_card(result.card, vocabulary, lang)
    findings = sort_findings([*result.findings, *rule_findings])
    return FileReport(result, findings, missing, vocabulary)


def check_card(
    card: Card, vocabulary: Vocabulary, lang: Lang = "nl"
) -> tuple[list[Finding], dict[str, list[str]]]:
    """Rule findings and missing categories of a card already read (e.g. an open workbook)."""
    return validate(card, vocabulary, lang), missing_categories(card, vocabulary)


def school_json(card: Card | None, vocabulary: Vocabulary | None) -> dict[str, str]:
    """The `school` object; onderwijsniveau is the level code when known, else the raw text."""
    if card is None:
        return dict.fromkeys(("naam", "instellingsnummer", "schooljaar", "onderwijsniveau",
                              "gemeente"), "")
    header = card.header
    level = header.onderwijsniveau.text
    level_code = vocabulary.level_code_for(level) if vocabulary and level else None
    return {
        "naam": header.schoolnaam.text,
        "instellingsnummer": header.instellingsnummer.text,
        "schooljaar": header.schooljaar.text,
        "onderwijsniveau": level_code or level,
        "gemeente": header.gemeente.text,
    }


def partner_json(partner: Partner, vocabulary: Vocabulary | None) -> dict[str, Any]:
    """One `partners` item: organisation, category code, guess flag, marked focus codes."""
    marked = [code for code, value in partner.focus.items()
              if (vocabulary.is_mark(value.value) if vocabulary else not value.is_empty)]
    return {
        "organisatie": partner.organisatie.text,
        "categorie": partner.category_code,
        "categorie_guessed": partner.category_guessed,
        "focus": marked,
        "cell": row_cell(partner),
    }


def summary(reports: list[FileReport]) -> dict[str, int]:
    """The `summary` object: files, unreadable, and findings per severity."""
    totals = {"files": len(reports),
              "unreadable": sum(r.read.status != "ok" for r in reports)}
    for severity in SEVERITIES:
        totals[severity] = sum(r.counts()[severity] for r in reports)
    return totals
