"""A comparison as readable text and as the JSON document of `compare --format json`."""

from __future__ import annotations

from typing import Any

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import KINDS, Change, Comparison
from schoolnet_xl.evolve.states import CardState, PartnerState
from schoolnet_xl.evolve.words import (
    category_text,
    focus_text,
    kind_text,
    match_text,
    reasons_text,
)

JSON_SCHEMA = "schoolnet-xl/compare/1"


def card_line(card: CardState, lang: Lang) -> str:
    """'2024-2025  Basisschool De Linde (012345), 12 partners  kaart.xlsx'."""
    number = f" ({card.instellingsnummer})" if card.instellingsnummer else ""
    year = card.schooljaar or say("schooljaar onbekend", "school year unknown", lang)
    return (f"{year}  {card.label}{number}, {len(card.partners)} partners  {card.source}")


def comparison_text(comparison: Comparison, vocabulary: Vocabulary, lang: Lang,
                    warnings: list[str]) -> str:
    """The comparison as lines of text: cards, counts, broadened, deepened, loosened,
    the name matches, unchanged."""
    lines = [say("Vorige kaart: ", "Previous card: ", lang) + card_line(comparison.old, lang),
             say("Nieuwe kaart: ", "New card:      ", lang) + card_line(comparison.new, lang)]
    lines += [say("Waarschuwing: ", "Warning: ", lang) + w for w in warnings]
    counts = comparison.counts()
    lines.append("")
    lines.append(", ".join(f"{kind_text(kind, lang)}: {counts[kind]}" for kind in KINDS))
    lines += ["", say("VERBREED", "BROADENED", lang)]
    lines += _codes_lines(comparison, vocabulary, lang)
    lines += _change_lines(comparison.of_kind("new"), vocabulary, lang)
    for title, kinds in ((say("VERDIEPT", "DEEPENED", lang), ("deepened",)),
                         (say("AFGEBOUWD", "LOOSENED", lang), ("loosened", "ended"))):
        lines += ["", title]
        changes = [c for c in comparison.changes if c.kind in kinds]
        lines += _change_lines(changes, vocabulary, lang)
    lines += ["", say("GEKOPPELDE NAMEN (vorig → nieuw)", "MATCHED NAMES (previous → new)",
                      lang)]
    renamed = comparison.renamed
    lines += [f"  {c.old.name} → {c.new.name}  [{match_text(c, lang)}]"
              for c in renamed if c.old and c.new] or [say("  (geen)", "  (none)", lang)]
    unchanged = comparison.of_kind("unchanged")
    lines += ["", say("ONGEWIJZIGD", "UNCHANGED", lang)]
    lines += _change_lines(unchanged, vocabulary, lang)
    return "\n".join(lines)


def _codes_lines(comparison: Comparison, vocabulary: Vocabulary, lang: Lang) -> list[str]:
    def names(codes: tuple[str, ...], text: Any) -> str:
        return ", ".join(text(c, vocabulary) for c in codes) or "-"

    return [
        say("  Categorieën erbij: ", "  Categories gained: ", lang)
        + names(comparison.categories_gained, category_text),
        say("  Categorieën weg:   ", "  Categories lost:   ", lang)
        + names(comparison.categories_lost, category_text),
        say("  X-kolommen erbij:  ", "  X columns gained:  ", lang)
        + names(comparison.focus_gained, focus_text),
        say("  X-kolommen weg:    ", "  X columns lost:    ", lang)
        + names(comparison.focus_lost, focus_text),
    ]


def _change_lines(changes: list[Change], vocabulary: Vocabulary, lang: Lang) -> list[str]:
    if not changes:
        return [say("  (geen)", "  (none)", lang)]
    return [f"  {c.name} ({category_text(c.category, vocabulary)}): "
            f"{reasons_text(c, vocabulary, lang) or '-'}" for c in changes]


def comparison_json(comparison: Comparison, vocabulary: Vocabulary, lang: Lang,
                    warnings: list[str]) -> dict[str, Any]:
    """The JSON document of `compare --format json` (docs/json-format.md)."""
    return {
        "schema": JSON_SCHEMA,
        "old": _card_json(comparison.old),
        "new": _card_json(comparison.new),
        "threshold": comparison.threshold,
        "warnings": warnings,
        "counts": comparison.counts(),
        "categories": {"gained": list(comparison.categories_gained),
                       "lost": list(comparison.categories_lost)},
        "focus": {"gained": list(comparison.focus_gained),
                  "lost": list(comparison.focus_lost)},
        "partners": [_change_json(c, vocabulary, lang) for c in comparison.changes],
    }


def _card_json(card: CardState) -> dict[str, Any]:
    return {"path": card.source, "school": card.label,
            "instellingsnummer": card.instellingsnummer, "schooljaar": card.schooljaar,
            "partners": len(card.partners)}


def _change_json(change: Change, vocabulary: Vocabulary, lang: Lang) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old": _partner_json(change.old),
        "new": _partner_json(change.new),
        "match": change.match or None,
        "score": change.score if change.match else None,
        "reasons": [{"code": r.code, "before": r.before, "after": r.after}
                    for r in change.reasons],
        "text": reasons_text(change, vocabulary, lang),
    }


def _partner_json(partner: PartnerState | None) -> dict[str, Any] | None:
    if partner is None:
        return None
    return {"organisatie": partner.name, "categorie": partner.category,
            "focus": list(partner.marked), "intensiteit": partner.intensiteit,
            "status": partner.status, "antennefunctie": partner.antennefunctie,
            "cell": partner.cell}
