"""The regional view: every file result turned into the tables of the workbook and CSV.

Pure data (lists of rows), no spreadsheet library: the workbook writer and the
CSV export render the same tables. Only cards that are read and not superseded
or duplicated count as the region's schools.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import ALL_LEVELS, Vocabulary
from schoolnet_xl.merge.compact import CONTACT_HEADERS, partner_headers
from schoolnet_xl.merge.organisations import Mention, SharedPartner, shared_partners
from schoolnet_xl.merge.records import Cell, FileResult, SchoolInfo


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
    findings: Table
    sources: Table
    categories: list[CategoryStat]  # weakest first, categories without expectation last
    focus_counts: list[tuple[str, int]]  # (X column header, partnerships)
    _shared: list[SharedPartner] | None = field(default=None, init=False, repr=False)

    @property
    def shared(self) -> list[SharedPartner]:
        """Organisations named by several schools, worked out on first use (the workbook
        writer asks once a second process is busy with the Partners rows)."""
        if self._shared is None:
            self._shared = shared_partners(_mentions([r for r in self.results if r.used]))
        return self._shared

    def count(self, what: str) -> int:
        """Number of files: all of them, or per outcome (read, unreadable, duplicate,
        skipped); the four outcomes add up to the number of files."""
        if what == "files":
            return len(self.results)
        return sum(r.outcome == what for r in self.results)


SCHOOL_KEYS = ["Schoolnaam", "Instellingsnummer", "Schooljaar", "Gemeente"]


def build_region(results: list[FileResult], vocabulary: Vocabulary, with_contacts: bool = False,
                 lang: Lang = "nl") -> Region:
    """The regional tables from the file results (in path order, duplicates resolved)."""
    used = [r for r in results if r.used]
    coverage, status = _coverage(used, vocabulary)
    return Region(
        results=results,
        vocabulary=vocabulary,
        with_contacts=with_contacts,
        schools=_schools(used, vocabulary),
        coverage=coverage,
        coverage_status=status,
        partners=_partners(used, vocabulary, with_contacts),
        findings=_findings(results, with_contacts),
        sources=_sources(results, lang),
        categories=_category_stats(used, vocabulary),
        focus_counts=_focus_counts(used, vocabulary),
    )


def category_label(code: str | None, vocabulary: Vocabulary) -> str:
    category = vocabulary.category(code) if code else None
    return category.label if category else ""


def _school(result: FileResult) -> SchoolInfo:
    assert result.school is not None
    return result.school


def _schools(used: list[FileResult], vocabulary: Vocabulary) -> Table:
    table = Table(["Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Gemeente",
                   "Scholengemeenschap", "Schooljaar", "Partners", "Fouten", "Waarschuwingen",
                   "Ontbrekende kerncategorieën", "Bronbestand"])
    for result in used:
        school = _school(result)
        missing_core = ", ".join(category_label(c, vocabulary)
                                 for c in result.missing.get("core", []))
        table.rows.append([
            school.label, school.instellingsnummer, school.onderwijsniveau, school.gemeente,
            school.scholengemeenschap, school.schooljaar, len(result.partners),
            result.counts.get("fout", 0), result.counts.get("waarschuwing", 0), missing_core,
            result.path,
        ])
    return table


def _coverage(used: list[FileResult], vocabulary: Vocabulary) -> tuple[Table, list[list[str]]]:
    codes = [c.code for c in vocabulary.categories]
    table = Table(["Schoolnaam", "Instellingsnummer", "Onderwijsniveau",
                   *(c.label for c in vocabulary.categories)])
    status: list[list[str]] = []
    for result in used:
        school = _school(result)
        counts = Counter(p.category for p in result.partners if p.category)
        core = set(result.missing.get("core", []))
        recommended = set(result.missing.get("recommended", []))
        table.rows.append([school.label, school.instellingsnummer, school.onderwijsniveau,
                           *(counts[c] for c in codes)])
        status.append(["core" if c in core else "recommended" if c in recommended
                       else "ok" if counts[c] else "" for c in codes])
    return table, status


def _partners(used: list[FileResult], vocabulary: Vocabulary, with_contacts: bool) -> Table:
    """School keys, the card's columns (contacts only when asked), source file, cell."""
    headers = partner_headers(vocabulary)
    keep = [i for i, h in enumerate(headers[:-1]) if with_contacts or h not in CONTACT_HEADERS]
    table = Table([*SCHOOL_KEYS, *(headers[i] for i in keep), "Bronbestand", headers[-1]])
    pick = itemgetter(*keep)  # the card's columns to show (keep has more than one)
    rows = table.rows
    for result in used:
        school = _school(result)
        keys = (school.label, school.instellingsnummer, school.schooljaar, school.gemeente)
        path = result.path
        rows.extend([*keys, *pick(p.values), path, p.values[-1]] for p in result.partners)
    return table


def _mentions(used: list[FileResult]) -> list[Mention]:
    """One Mention per partner row; built as tuples of its type without the named
    tuple's Python constructor (a region has 90,000)."""
    mentions: list[Mention] = []
    new = tuple.__new__
    for result in used:
        school = _school(result)
        identity = school.instellingsnummer or result.path
        mentions.extend(new(Mention, (identity, school.label, school.gemeente, p.category,
                                      str(p.values[0] or ""))) for p in result.partners)
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
        school = result.school.label if result.school else ""
        for f in result.findings:
            message, hint = f.message, f.hint
            if not with_contacts and f.field in CONTACT_HEADERS and f.value:
                message, hint = message.replace(f.value, "…"), hint.replace(f.value, "…")
            table.rows.append([result.path, school, f.sheet, f.cell, f.code, f.severity,
                               message, hint])
    return table


def source_status(result: FileResult, lang: Lang = "nl") -> tuple[str, str, str]:
    """(kind, status, reason) of an input file: the kind as a code (`template`,
    `handmade`, `duplicate`, `unreadable`, `skipped`; Bronbestanden shows `kind_label`),
    status and reason in `lang`."""
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


# the kind of an input file (source_status' first value) as the Soort column shows it
SOURCE_KINDS: dict[str, tuple[str, str]] = {
    "template": ("sjabloon", "template"),
    "handmade": ("eigen raster", "hand-made grid"),
    "duplicate": ("dubbel", "duplicate"),
    "unreadable": ("onleesbaar", "unreadable"),
    "skipped": ("overgeslagen", "skipped"),
}


def kind_label(kind: str, lang: Lang = "nl") -> str:
    """'sjabloon', 'eigen raster', 'dubbel', … for a kind code ('' stays '')."""
    nl, en = SOURCE_KINDS.get(kind, (kind, kind))
    return say(nl, en, lang)


def _sources(results: list[FileResult], lang: Lang) -> Table:
    """One row per input file; the long SHA-256 last, where cutting it off hides nothing."""
    table = Table(["Pad", "Grootte (bytes)", "Soort", "Status", "Reden", "Formaat",
                   "Templateversie", "Leestijd (ms)", "SHA-256"])
    for result in results:
        kind, status, reason = source_status(result, lang)
        table.rows.append([result.path, result.size, kind_label(kind, lang), status, reason,
                           result.format,
                           result.template_version, round(result.read_ms, 1), result.sha256])
    return table


def expectation_text(code: str, vocabulary: Vocabulary) -> str:
    """Where a category is expected, always in the same words: 'kern', 'aanbevolen',
    'kern (basisonderwijs, …)', 'aanbevolen (secundair, …)', 'kern (basisonderwijs);
    elders aanbevolen' or 'geen' (no expectation on any level).

    Levels are named by their label in lower case without a trailing 'onderwijs'
    word ('Secundair onderwijs' -> 'secundair').
    """
    category = vocabulary.category(code)
    if category is None or not (category.core or category.recommended):
        return "geen"
    parts: list[str] = []
    for name, levels in (("kern", category.core), ("aanbevolen", category.recommended)):
        if not levels:
            continue
        if ALL_LEVELS in levels:
            parts.append("elders aanbevolen" if parts else name)
            break
        parts.append(f"{name} ({', '.join(_level_name(c, vocabulary) for c in levels)})")
    return "; ".join(parts)


def _level_name(code: str, vocabulary: Vocabulary) -> str:
    label = vocabulary.levels.get(code, code).lower()
    return label.removesuffix(" onderwijs") or label


def _category_stats(used: list[FileResult], vocabulary: Vocabulary) -> list[CategoryStat]:
    schools_with: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    for result in used:
        codes = [p.category for p in result.partners if p.category]
        partners.update(codes)
        schools_with.update(set(codes))
    total = len(used)
    stats = [CategoryStat(c.code, c.label, expectation_text(c.code, vocabulary),
                          schools_with[c.code], schools_with[c.code] / total if total else 0.0,
                          partners[c.code]) for c in vocabulary.categories]
    order = {c.code: i for i, c in enumerate(vocabulary.categories)}
    expected = {c.code: bool(c.core or c.recommended) for c in vocabulary.categories}
    return sorted(stats, key=lambda s: (not expected[s.code], s.share, order[s.code]))


def _focus_counts(used: list[FileResult], vocabulary: Vocabulary) -> list[tuple[str, int]]:
    counts = Counter(code for result in used for p in result.partners for code in p.marked)
    return [(f.header, counts[f.code]) for f in vocabulary.focus]
