"""Turn a checked card into the compact rows of `records` (runs in the workers)."""

from __future__ import annotations

from pathlib import Path

from schoolnet_xl.merge.records import Cell, FindingRow, PartnerRow, SchoolInfo
from schoolnet_xl.model import Card, Finding, Sourced
from schoolnet_xl.rules.engine import has_content, parse_date, row_cell
from schoolnet_xl.vocabulary import Vocabulary

CONTACT_HEADERS = ("Contactpersoon", "E-mail", "Telefoon")


def partner_headers(vocabulary: Vocabulary) -> list[str]:
    """Headers of `PartnerRow.values`, in order (contacts included, Cel last)."""
    return ["Organisatie", "Aard en specificaties", *(f.header for f in vocabulary.focus),
            "Categorie", "Categorie geraden", *CONTACT_HEADERS, "Intensiteit",
            "Interne trekker", "Antennefunctie", "Status", "Sinds", "Volgende stap", "Cel"]


def school_info(card: Card, vocabulary: Vocabulary) -> SchoolInfo:
    """The header as text; onderwijsniveau as its vocabulary label when recognised."""
    header = card.header
    level = header.onderwijsniveau.text
    level_code = vocabulary.level_code_for(level) if level else None
    label = header.schoolnaam.text or header.instellingsnummer.text or Path(card.path).name
    datum = header.datum.value
    return SchoolInfo(
        label=label, naam=header.schoolnaam.text,
        instellingsnummer=header.instellingsnummer.text,
        onderwijsniveau=vocabulary.levels[level_code] if level_code else level,
        gemeente=header.gemeente.text, scholengemeenschap=header.scholengemeenschap.text,
        schooljaar=header.schooljaar.text,
        datum=parse_date(datum) if datum not in (None, "") else None,
    )


def partner_rows(card: Card, vocabulary: Vocabulary, guessed_text: str) -> list[PartnerRow]:
    """Every partner row with content, as display values."""
    labels = {c.code: c.label for c in vocabulary.categories}
    codes = [f.code for f in vocabulary.focus]
    marks: dict[tuple[type, object], Cell] = {}  # a card repeats few distinct X values
    rows = []
    for p in card.partners:
        if not has_content(p):  # Organisatie is its first check
            continue
        shown = [_mark(p.focus.get(code), vocabulary, marks) for code in codes]
        cell = row_cell(p)
        rows.append(PartnerRow(
            category=p.category_code or "",
            marked=tuple(code for code, m in zip(codes, shown, strict=True) if m == "X"),
            values=(
                p.organisatie.text, p.aard.text, *shown,
                labels.get(p.category_code or "", "") or p.categorie.text,
                guessed_text if p.category_guessed else None,
                p.contactpersoon.text, p.email.text, p.telefoon.text,
                p.intensiteit.text, p.interne_trekker.text, p.antennefunctie.text,
                p.status.text, _year(p.sinds), p.volgende_stap.text,
                f"{p.sheet}!{cell}" if cell else p.sheet,
            ),
        ))
    return rows


def finding_rows(findings: list[Finding]) -> list[FindingRow]:
    """The findings as compact rows, in the order given."""
    return [FindingRow(f.sheet, f.cell, f.code, f.severity, f.field, f.value, f.message,
                       f.hint) for f in findings]


def _mark(
    value: Sourced | None, vocabulary: Vocabulary, seen: dict[tuple[type, object], Cell]
) -> Cell:
    """"X" for a valid mark, the text for anything else, None for an empty cell."""
    if value is None or value.value is None:
        return None
    raw = value.value
    key = (raw.__class__, raw)  # True and 1 must not share an answer
    if key not in seen:
        seen[key] = None if value.is_empty else "X" if vocabulary.is_mark(raw) else value.text
    return seen[key]


def _year(value: Sourced) -> Cell:
    text = value.text
    return int(text) if text.isdigit() and len(text) == 4 else (text or None)


