"""The JSON documents of `validate --format json` and `gaps --format json`
(docs/json-format.md), rendered in the language asked for."""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import Card, Partner
from schoolnet_xl.core.values import has_content, row_cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.check import FileReport, summary


def validate_document(reports: list[FileReport], lang: Lang) -> dict[str, Any]:
    """`{"files": [...], "summary": {...}}` for `validate`."""
    return {"files": [file_json(r, lang) for r in reports], "summary": summary(reports)}


def gaps_document(reports: list[FileReport], vocabulary: Vocabulary, lang: Lang
                  ) -> dict[str, Any]:
    """`{"files": [...]}` for `gaps`: per file the school and each missing category with
    its label, definition and examples."""
    def describe(code: str) -> dict[str, str]:
        category = vocabulary.category(code)
        return {"code": code, "label": category.label if category else code,
                "definition": category.definition if category else "",
                "examples": category.examples if category else ""}

    files = []
    for report in reports:
        full = file_json(report, lang)
        files.append({
            "path": full["path"], "status": full["status"], "reason": full["reason"],
            "school": full["school"],
            "missing_categories": {key: [describe(code) for code in codes]
                                   for key, codes in full["missing_categories"].items()},
        })
    return {"files": files}


def file_json(report: FileReport, lang: Lang) -> dict[str, Any]:
    """The documented per-file object."""
    read, card, vocabulary = report.read, report.read.card, report.vocabulary
    return {
        "path": read.path,
        "status": read.status,
        "reason": read.reason(lang),
        "kind": read.kind,
        "school": school_json(card, vocabulary),
        "partners": [partner_json(p, vocabulary) for p in card.partners
                     if has_content(p)] if card else [],
        "missing_categories": {
            "core": list(report.missing.get("core", [])),
            "recommended": list(report.missing.get("recommended", [])),
        },
        "findings": [finding_json(f, lang) for f in report.findings],
    }


def finding_json(finding: Finding, lang: Lang) -> dict[str, str]:
    """One `findings` item, its message and hint in `lang`."""
    return {
        "code": finding.code,
        "severity": finding.severity,
        "file": finding.file,
        "sheet": finding.sheet,
        "cell": finding.cell,
        "field": finding.field,
        "value": finding.value,
        "message": finding.message(lang),
        "hint": finding.hint(lang),
    }


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
