"""The regional view: every file result turned into the tables of the workbook and CSV.

Pure data (lists of rows), no spreadsheet library: the workbook writer and the
CSV export render the same tables. Only cards that are read and not superseded
or duplicated count as the region's schools.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.table import Table
from schoolnet_xl.core.vocabulary import ALL_LEVELS, Category, Vocabulary
from schoolnet_xl.evolve.region import RegionEvolution
from schoolnet_xl.merge.compact import CONTACT_HEADERS, partner_headers
from schoolnet_xl.merge.duplicates import cards_by_school
from schoolnet_xl.merge.organisations import Mention, SharedPartner, shared_partners
from schoolnet_xl.merge.records import FileResult, SchoolInfo, without_sheet
from schoolnet_xl.merge.school_list import SchoolList
from schoolnet_xl.read.archive import split_member


@dataclass(slots=True)
class CategoryStat:
    """How the region covers one category."""

    code: str
    label: str
    expectation: str
    group: str  # "core" (core on some level), "recommended" (only recommended), ""
    expected: int  # schools whose level expects it (all schools when group is "")
    schools_with: int  # of those, the schools with at least one partner of it
    share: float  # schools_with / expected (0 when none is expected)
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
    categories: list[CategoryStat]  # core first, then recommended, then none; weakest first
    focus_counts: list[tuple[str, int]]  # (X column header, partnerships)
    school_links: list[str] = field(default_factory=list)  # per Scholen row, its file
    finding_links: list[str] = field(default_factory=list)  # per Bevindingen row
    school_list: SchoolList | None = None
    not_sent: Table | None = None  # the listed schools without a card (with a list)
    lang: Lang = "nl"  # of the Evolutie sheet's texts
    evolution: RegionEvolution | None = None  # set by `merge` (merge.evolution.evolution_of)
    _shared: list[SharedPartner] | None = field(default=None, init=False, repr=False)

    @property
    def shared(self) -> list[SharedPartner]:
        """Organisations named by several schools, worked out on first use (the workbook
        writer asks once a second process is busy with the Partners rows)."""
        if self._shared is None:
            self._shared = shared_partners(mentions_of([r for r in self.results if r.used]))
        return self._shared

    def count(self, what: str) -> int:
        """Number of files: all of them, or per outcome (read, unreadable, duplicate,
        older, skipped); the outcomes add up to the number of files."""
        if what == "files":
            return len(self.results)
        return sum(r.outcome == what for r in self.results)

    @property
    def used(self) -> list[FileResult]:
        """The region's cards, one per school, in path order."""
        return [r for r in self.results if r.used]

    def total(self, severity: str) -> int:
        """Findings of one severity over the region's cards."""
        return sum(r.counts.get(severity, 0) for r in self.results if r.used)

    @property
    def missing_core(self) -> int:
        """Schools lacking at least one core category."""
        return sum(bool(r.missing.get("core")) for r in self.results if r.used)

    @property
    def unlisted(self) -> int:
        """The region's cards of schools not on the school list (0 without a list)."""
        listed = self.school_list
        if listed is None:
            return 0
        return sum(r.school is not None and r.school.instellingsnummer not in listed.schools
                   for r in self.results if r.used)


SCHOOL_KEYS = ["Schoolnaam", "Instellingsnummer", "Schooljaar", "Gemeente"]


def build_region(results: list[FileResult], vocabulary: Vocabulary, with_contacts: bool = False,
                 lang: Lang = "nl", *, school_list: SchoolList | None = None,
                 link_base: Path | None = None) -> Region:
    """The regional tables from the file results (in path order, duplicates resolved).

    `school_list`: the schools expected to send a card; `link_base`: the folder of
    the workbook, from which each school's and finding's file is linked.
    """
    used = [r for r in results if r.used]
    coverage, status = _coverage(used, vocabulary)
    findings, finding_paths = _findings(results, with_contacts)
    base = link_base or Path(".")
    return Region(
        results=results,
        vocabulary=vocabulary,
        with_contacts=with_contacts,
        schools=_schools(used, vocabulary, school_list),
        coverage=coverage,
        coverage_status=status,
        partners=_partners(used, vocabulary, with_contacts),
        findings=findings,
        sources=_sources(results, lang),
        categories=_category_stats(used, vocabulary),
        focus_counts=_focus_counts(used, vocabulary),
        school_links=_links([r.path for r in used], base),
        finding_links=_links(finding_paths, base),
        school_list=school_list,
        not_sent=None if school_list is None else _not_sent(results, school_list),
        lang=lang,
    )


def _links(paths: list[str], base: Path) -> list[str]:
    """The link of each path (a file's findings share one: worked out once)."""
    known: dict[str, str] = {}
    folder = os.path.abspath(base)
    links = []
    for path in paths:
        link = known.get(path)
        if link is None:
            link = known[path] = file_link(path, folder)
        links.append(link)
    return links


# As XlsxWriter escapes a link (its Url._escape_url), plus "#", which it would take as
# the start of a place in the file: escaped here, XlsxWriter leaves the link as it is.
_URL_ESCAPES = str.maketrans({"%": "%25", '"': "%22", " ": "%20", "<": "%3c", ">": "%3e",
                              "[": "%5b", "]": "%5d", "^": "%5e", "`": "%60", "{": "%7b",
                              "}": "%7d", "#": "%23"})
MAX_LINK = 2079  # Excel's longest link


def file_link(path: str, base: str | Path) -> str:
    """The `external:` link (XlsxWriter's form) from the workbook's folder `base` to
    the file a result names (a sheet's file, a zip member's archive); "" when too long.

    Relative where it can be (the workbook next to the inbox, and on Linux and macOS
    always); across Windows drives the absolute path.
    """
    target = without_sheet(path)
    if ".zip" in target.casefold() and not os.path.exists(target):
        member = split_member(target)
        if member is not None:
            target = str(member[0])
    absolute = os.path.abspath(target)
    folder = os.path.abspath(base)
    if absolute.startswith(folder + os.sep):  # inside: the common case, without relpath
        link = absolute[len(folder) + 1:]
    else:
        try:
            link = os.path.relpath(absolute, folder)
        except ValueError:  # another drive (Windows)
            link = absolute
    if os.name == "nt" and link.startswith(".."):
        link = absolute
    link = link.replace(os.sep, "/").translate(_URL_ESCAPES)
    return f"external:{link}" if len(link) <= MAX_LINK else ""


def category_group(category: Category) -> str:
    """"core" when core on some level, "recommended" when only recommended, else ""."""
    return "core" if category.core else "recommended" if category.recommended else ""


def ordered_categories(vocabulary: Vocabulary) -> list[Category]:
    """The categories as the workbook shows them: core ones, then recommended, then
    the rest, each group in vocabulary order."""
    rank = {"core": 0, "recommended": 1, "": 2}
    return sorted(vocabulary.categories, key=lambda c: rank[category_group(c)])


def category_label(code: str | None, vocabulary: Vocabulary) -> str:
    category = vocabulary.category(code) if code else None
    return category.label if category else ""


def _school(result: FileResult) -> SchoolInfo:
    assert result.school is not None
    return result.school


LISTED = "Op schoollijst"


def _schools(used: list[FileResult], vocabulary: Vocabulary,
             school_list: SchoolList | None) -> Table:
    """One row per school; with a school list, whether the school is on it."""
    table = Table(["Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Gemeente",
                   "Scholengemeenschap", "Schooljaar", "Partners", "Fouten", "Waarschuwingen",
                   "Ontbrekende kerncategorieën", "Ontbrekende aanbevolen categorieën",
                   *([LISTED] if school_list else []), "Bronbestand"])
    for result in used:
        school = _school(result)
        missing = [", ".join(category_label(c, vocabulary) for c in result.missing.get(kind, []))
                   for kind in ("core", "recommended")]
        listed = ([] if school_list is None else
                  ["ja" if school.instellingsnummer in school_list.schools else "nee"])
        table.rows.append([
            school.label, school.instellingsnummer, school.onderwijsniveau, school.gemeente,
            school.scholengemeenschap, school.schooljaar, len(result.partners),
            result.counts.get("fout", 0), result.counts.get("waarschuwing", 0), *missing,
            *listed, result.path,
        ])
    return table


def _not_sent(results: list[FileResult], school_list: SchoolList) -> Table:
    """The listed schools without a card in the region; a note when the school sent a
    card of another school year only."""
    table = Table(["Instellingsnummer", "Schoolnaam", "Opmerking"])
    sent = {r.school.instellingsnummer for r in results if r.used and r.school}
    years = cards_by_school(results)
    for number, name in school_list.schools.items():
        if number in sent:
            continue
        other = ", ".join(years.get(number, {}))
        table.rows.append([number, name, f"alleen een kaart van {other}" if other else ""])
    return table


COVERAGE_KEYS = ["Schoolnaam", "Instellingsnummer", "Onderwijsniveau", "Scholengemeenschap",
                 "Schooljaar"]


def _coverage(used: list[FileResult], vocabulary: Vocabulary) -> tuple[Table, list[list[str]]]:
    categories = ordered_categories(vocabulary)
    codes = [c.code for c in categories]
    table = Table([*COVERAGE_KEYS, *(c.label for c in categories)])
    status: list[list[str]] = []
    for result in used:
        school = _school(result)
        counts = Counter(p.category for p in result.partners if p.category)
        core = set(result.missing.get("core", []))
        recommended = set(result.missing.get("recommended", []))
        table.rows.append([school.label, school.instellingsnummer, school.onderwijsniveau,
                           school.scholengemeenschap, school.schooljaar,
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


def mentions_of(used: list[FileResult]) -> list[Mention]:
    """One Mention per partner row of the cards `used` (schools only), as the
    shared-partner matching takes them; built as tuples of its type without the named
    tuple's Python constructor (a region has 90,000)."""
    mentions: list[Mention] = []
    new = tuple.__new__
    for result in used:
        school = _school(result)
        identity = school.instellingsnummer or result.path
        mentions.extend(new(Mention, (identity, school.label, school.gemeente, p.category,
                                      str(p.values[0] or ""))) for p in result.partners)
    return mentions


def _findings(results: list[FileResult], with_contacts: bool) -> tuple[Table, list[str]]:
    """Every finding of every file except duplicates, other years' cards and skipped
    files, and the file of each (for its link).

    Without contacts, a finding about a contact cell has its value blanked out
    of the message and hint (the value is personal data).
    """
    table = Table(["Bestand", "School", "Blad", "Cel", "Code", "Ernst", "Melding", "Tip"])
    paths: list[str] = []
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
            paths.append(result.path)
    return table, paths


def source_status(result: FileResult, lang: Lang = "nl") -> tuple[str, str, str]:
    """(kind, status, reason) of an input file: the kind as a code (`template`,
    `handmade`, `duplicate`, `older`, `unreadable`, `skipped`; Bronbestanden shows
    `kind_label`),
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
    if result.duplicate == "older":
        year = result.school.schooljaar if result.school else ""
        shown = say(f"; de regio toont {result.duplicate_of}",
                    f"; the region shows {result.duplicate_of}", lang) if result.duplicate_of \
            else ""
        return "older", say("ouder schooljaar", "older school year", lang), say(
            f"kaart van {year}{shown}", f"card of {year}{shown}", lang)
    if result.duplicate == "other-year":
        year = result.school.schooljaar if result.school else ""
        return "older", say("ander schooljaar", "other school year", lang), say(
            f"kaart van {year}, niet het gekozen schooljaar",
            f"card of {year}, not the school year asked for", lang)
    fouten = result.counts.get("fout", 0)
    status = say("gelezen met fouten", "read with errors", lang) if fouten \
        else say("gelezen", "read", lang)
    return result.kind or "", status, result.reason


# the kind of an input file (source_status' first value) as the Soort column shows it
SOURCE_KINDS: dict[str, tuple[str, str]] = {
    "template": ("sjabloon", "template"),
    "handmade": ("eigen raster", "hand-made grid"),
    "duplicate": ("dubbel", "duplicate"),
    "older": ("ander schooljaar", "other school year"),
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
    """Per category the schools expected to have it and how many of those do.

    A school is expected to have a category when its level makes it core or
    recommended (with the level unknown: when it is expected somewhere, as
    `Category.expectation` says); a category expected nowhere counts every school.
    """
    categories = ordered_categories(vocabulary)
    expected: Counter[str] = Counter()
    schools_with: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    levels: dict[str, list[str]] = {}  # level text -> the codes counted for its schools
    for result in used:
        level_text = _school(result).onderwijsniveau
        counted = levels.get(level_text)
        if counted is None:
            level = vocabulary.level_code_for(level_text) if level_text else None
            counted = levels[level_text] = [
                c.code for c in categories
                if not category_group(c) or c.expectation(level) is not None]
        codes = [p.category for p in result.partners if p.category]
        partners.update(codes)
        present = set(codes)
        expected.update(counted)
        schools_with.update(code for code in counted if code in present)
    stats = [CategoryStat(c.code, c.label, expectation_text(c.code, vocabulary),
                          category_group(c), expected[c.code], schools_with[c.code],
                          schools_with[c.code] / expected[c.code] if expected[c.code] else 0.0,
                          partners[c.code]) for c in categories]
    rank = {"core": 0, "recommended": 1, "": 2}
    order = {c.code: i for i, c in enumerate(categories)}
    return sorted(stats, key=lambda s: (rank[s.group], s.share, order[s.code]))


def _focus_counts(used: list[FileResult], vocabulary: Vocabulary) -> list[tuple[str, int]]:
    counts = Counter(code for result in used for p in result.partners for code in p.marked)
    return [(f.header, counts[f.code]) for f in vocabulary.focus]
