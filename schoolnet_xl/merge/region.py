"""The regional view: every file result turned into the tables of the workbook and CSV.

Pure data (lists of rows), no spreadsheet library: the workbook writer and the
CSV export render the same tables. Only cards that are read and not superseded
or duplicated count as the region's schools.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.i18n import Lang, say
from schoolnet_xl.merge.organisations import Mention, SharedPartner, shared_partners
from schoolnet_xl.merge.records import FileResult
from schoolnet_xl.model import Card, Partner, Sourced
from schoolnet_xl.rules.engine import has_content, row_cell
from schoolnet_xl.vocabulary import ALL_LEVELS, Vocabulary

Cell = str | int | float | None


@dataclass(slots=True)
class Table:
    """A header row and data rows (cells are text, numbers or None)."""

    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(slots=True)
class CategoryStat:
    """How the region covers one category."""

    code: str
    label: str
    expectation: str
    schools_with: int
    share: float
    partners: int


@dataclass(slots=True)
class Region:
    """Everything the regional workbook shows, as data."""

    results: list[FileResult]
    vocabulary: Vocabulary
    with_contacts: bool
    schools: Table
    coverage: Table
    coverage_status: list[list[str]]  # per coverage row, per category: core/recommended/ok/""
    partners: Table
    shared: list[SharedPartner]
    findings: Table
    sources: Table
    categories: list[CategoryStat]  # weakest first
    focus_counts: list[tuple[str, int]]  # (X column header, partnerships)

    @property
    def used(self) -> list[FileResult]:
        return [r for r in self.results if r.used]

    def count(self, what: str) -> int:
        """Number of files per outcome: files, read, unreadable, duplicate, skipped."""
        return {
            "files": len(self.results),
            "read": sum(r.status == "ok" for r in self.results),
            "unreadable": sum(r.status == "unreadable" for r in self.results),
            "duplicate": sum(bool(r.duplicate) for r in self.results),
            "skipped": sum(r.status == "skipped" for r in self.results),
        }[what]


SCHOOL_KEYS = ["Schoolnaam", "Instellingsnummer", "Schooljaar", "Gemeente"]
CONTACT_HEADERS = ("Contactpersoon", "E-mail", "Telefoon")


def build_region(results: list[FileResult], vocabulary: Vocabulary, with_contacts: bool = False,
                 lang: Lang = "nl") -> Region:
    """The regional tables from the file results (in path order, duplicates resolved)."""
    used = [r for r in results if r.used]
    cards = [(r, r.card) for r in used if r.card is not None]
    partner_rows = {id(card): [p for p in card.partners if has_content(p)] for _, card in cards}
    coverage, status = _coverage(cards, partner_rows, vocabulary)
    return Region(
        results=results,
        vocabulary=vocabulary,
        with_contacts=with_contacts,
        schools=_schools(used, partner_rows, vocabulary),
        coverage=coverage,
        coverage_status=status,
        partners=_partners(cards, partner_rows, vocabulary, with_contacts, lang),
        shared=shared_partners(_mentions(cards, partner_rows)),
        findings=_findings(results, with_contacts),
        sources=_sources(results, lang),
        categories=_category_stats(cards, partner_rows, vocabulary),
        focus_counts=_focus_counts(cards, partner_rows, vocabulary),
    )


def school_label(card: Card) -> str:
    """The school's name, else its number, else the file name."""
    header = card.header
    return header.schoolnaam.text or header.instellingsnummer.text or Path(card.path).name


def level_label(card: Card, vocabulary: Vocabulary) -> str:
    """The onderwijsniveau as its vocabulary label when recognised, else as typed."""
    text = card.header.onderwijsniveau.text
    code = vocabulary.level_code_for(text) if text else None
    return vocabulary.levels[code] if code else text


def category_label(code: str | None, vocabulary: Vocabulary) -> str:
    category = vocabulary.category(code) if code else None
    return category.label if category else ""


def _school_keys(card: Card) -> list[Cell]:
    header = card.header
    return [school_label(card), header.instellingsnummer.text, header.schooljaar.text,
            header.gemeente.text]


def _schools(used: list[FileResult], partner_rows: dict[int, list[Partner]],
             vocabulary: Vocabulary) -> Table:
    table = Table(["Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Gemeente",
                   "Scholengemeenschap", "Schooljaar", "Partners", "Fouten", "Waarschuwingen",
                   "Ontbrekende kerncategorieën", "Bronbestand"])
    for result in used:
        card = result.card
        assert card is not None
        header = card.header
        missing_core = ", ".join(category_label(c, vocabulary)
                                 for c in result.missing.get("core", []))
        table.rows.append([
            school_label(card), header.instellingsnummer.text, level_label(card, vocabulary),
            header.gemeente.text, header.scholengemeenschap.text, header.schooljaar.text,
            len(partner_rows[id(card)]), result.counts.get("fout", 0),
            result.counts.get("waarschuwing", 0), missing_core, result.path,
        ])
    return table


def _coverage(cards: list[tuple[FileResult, Card]], partner_rows: dict[int, list[Partner]],
              vocabulary: Vocabulary) -> tuple[Table, list[list[str]]]:
    codes = [c.code for c in vocabulary.categories]
    table = Table(["Schoolnaam", "Instellingsnummer", "Onderwijsniveau",
                   *(c.label for c in vocabulary.categories)])
    status: list[list[str]] = []
    for result, card in cards:
        counts = Counter(p.category_code for p in partner_rows[id(card)] if p.category_code)
        core = set(result.missing.get("core", []))
        recommended = set(result.missing.get("recommended", []))
        table.rows.append([school_label(card), card.header.instellingsnummer.text,
                           level_label(card, vocabulary), *(counts[c] for c in codes)])
        status.append(["core" if c in core else "recommended" if c in recommended
                       else "ok" if counts[c] else "" for c in codes])
    return table, status


def _focus_mark(value: Sourced | None, vocabulary: Vocabulary) -> Cell:
    if value is None or value.is_empty:
        return None
    return "X" if vocabulary.is_mark(value.value) else value.text


def _sinds(value: Sourced) -> Cell:
    text = value.text
    return int(text) if text.isdigit() and len(text) == 4 else (text or None)


def _partners(cards: list[tuple[FileResult, Card]], partner_rows: dict[int, list[Partner]],
              vocabulary: Vocabulary, with_contacts: bool, lang: Lang) -> Table:
    focus = vocabulary.focus
    contact_headers = list(CONTACT_HEADERS) if with_contacts else []
    table = Table([*SCHOOL_KEYS, "Organisatie", "Aard en specificaties",
                   *(f.header for f in focus), "Categorie", "Categorie geraden",
                   *contact_headers, "Intensiteit", "Interne trekker", "Antennefunctie",
                   "Status", "Sinds", "Volgende stap", "Bronbestand", "Cel"])
    labels = {c.code: c.label for c in vocabulary.categories}
    guessed = say("ja (uit trefwoorden)", "yes (from keywords)", lang)
    for result, card in cards:
        keys = _school_keys(card)
        for p in partner_rows[id(card)]:
            contacts = [p.contactpersoon.text, p.email.text, p.telefoon.text] \
                if with_contacts else []
            label = labels.get(p.category_code or "", "") or p.categorie.text
            table.rows.append([
                *keys, p.organisatie.text, p.aard.text,
                *(_focus_mark(p.focus.get(f.code), vocabulary) for f in focus),
                label, guessed if p.category_guessed else None, *contacts,
                p.intensiteit.text, p.interne_trekker.text, p.antennefunctie.text,
                p.status.text, _sinds(p.sinds), p.volgende_stap.text, result.path,
                f"{p.sheet}!{row_cell(p)}" if row_cell(p) else p.sheet,
            ])
    return table


def _mentions(cards: list[tuple[FileResult, Card]],
              partner_rows: dict[int, list[Partner]]) -> list[Mention]:
    mentions = []
    for result, card in cards:
        school = card.header.instellingsnummer.text or result.path
        label = school_label(card)
        gemeente = card.header.gemeente.text
        for p in partner_rows[id(card)]:
            mentions.append(Mention(school, label, gemeente, p.category_code or "",
                                    p.organisatie.text))
    return mentions


def _findings(results: list[FileResult], with_contacts: bool) -> Table:
    """Every finding of every file except duplicates and skipped files.

    Without contacts, a finding about a contact cell has its value blanked out
    of the message and hint (the value is personal data).
    """
    table = Table(["Bestand", "School", "Blad", "Cel", "Code", "Ernst", "Melding", "Tip"])
    for result in results:
        if result.duplicate or result.status == "skipped":
            continue
        school = school_label(result.card) if result.card else ""
        for f in result.findings:
            message, hint = f.message, f.hint
            if not with_contacts and f.field in CONTACT_HEADERS and f.value:
                message, hint = message.replace(f.value, "…"), hint.replace(f.value, "…")
            table.rows.append([result.path, school, f.sheet, f.cell, f.code, f.severity,
                               message, hint])
    return table


def source_status(result: FileResult, lang: Lang = "nl") -> tuple[str, str, str]:
    """(kind, status, reason) of an input file as Bronbestanden shows them."""
    if result.status == "skipped":
        return "skipped", say("overgeslagen", "skipped", lang), result.reason
    if result.status == "unreadable":
        return "unreadable", say("onleesbaar", "unreadable", lang), result.reason
    if result.duplicate == "identical":
        return "duplicate", say("dubbel (identiek bestand)", "duplicate (identical file)",
                                lang), say(f"zelfde inhoud als {result.duplicate_of}",
                                           f"same content as {result.duplicate_of}", lang)
    if result.duplicate == "superseded":
        return "duplicate", say("vervangen", "superseded", lang), say(
            f"zelfde school en schooljaar; nieuwere kaart: {result.duplicate_of}",
            f"same school and school year; newer card: {result.duplicate_of}", lang)
    fouten = result.counts.get("fout", 0)
    status = say("gelezen met fouten", "read with errors", lang) if fouten \
        else say("gelezen", "read", lang)
    return result.kind or "", status, result.reason


def _sources(results: list[FileResult], lang: Lang) -> Table:
    table = Table(["Pad", "Grootte (bytes)", "SHA-256", "Soort", "Status", "Reden",
                   "Formaat", "Templateversie", "Leestijd (ms)"])
    for result in results:
        kind, status, reason = source_status(result, lang)
        table.rows.append([result.path, result.size, result.sha256, kind, status, reason,
                           result.format, result.template_version, round(result.read_ms, 1)])
    return table


def expectation_text(code: str, vocabulary: Vocabulary) -> str:
    """'kern', 'kern (Basisonderwijs, …)', 'aanbevolen' or '' for a category."""
    category = vocabulary.category(code)
    if category is None:
        return ""
    if ALL_LEVELS in category.core:
        return "kern"
    if category.core:
        levels = ", ".join(vocabulary.levels.get(c, c) for c in category.core)
        return f"kern ({levels})"
    return "aanbevolen" if category.recommended else ""


def _category_stats(cards: list[tuple[FileResult, Card]],
                    partner_rows: dict[int, list[Partner]],
                    vocabulary: Vocabulary) -> list[CategoryStat]:
    schools_with: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    for _, card in cards:
        codes = [p.category_code for p in partner_rows[id(card)] if p.category_code]
        partners.update(codes)
        schools_with.update(set(codes))
    total = len(cards)
    stats = [CategoryStat(c.code, c.label, expectation_text(c.code, vocabulary),
                          schools_with[c.code], schools_with[c.code] / total if total else 0.0,
                          partners[c.code]) for c in vocabulary.categories]
    order = {c.code: i for i, c in enumerate(vocabulary.categories)}
    return sorted(stats, key=lambda s: (s.share, order[s.code]))


def _focus_counts(cards: list[tuple[FileResult, Card]], partner_rows: dict[int, list[Partner]],
                  vocabulary: Vocabulary) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for _, card in cards:
        for p in partner_rows[id(card)]:
            counts.update(code for code, v in p.focus.items() if vocabulary.is_mark(v.value))
    return [(f.header, counts[f.code]) for f in vocabulary.focus]
