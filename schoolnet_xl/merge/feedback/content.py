"""What a school's feedback workbook says, as plain data (no spreadsheet library).

`RegionFacts` is worked out once from the region's schools: per onderwijsniveau
the categories each school covers (for the median and the shares), and per
gemeente and scholengemeenschap which organisations schools work with in each
category (for the suggestions). `school_page` then gives one school's page.
Organisations are named, never their contact persons.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from schoolnet_xl.core.findings import SEVERITIES
from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.core.text import fold_words
from schoolnet_xl.core.vocabulary import Category, Vocabulary
from schoolnet_xl.evolve.names import normalise
from schoolnet_xl.merge.compact import CONTACT_HEADERS
from schoolnet_xl.merge.records import FileResult, FindingRow, SchoolInfo

Scope = Literal["gemeente", "scholengemeenschap"]
SUGGESTIONS = 3  # organisations named per missing category (gemeente first)
HIDDEN = "…"  # what stands for a contact value in a finding without --with-contacts


@dataclass(slots=True)
class _Organisation:
    """One organisation in one scope and category: its spellings and its schools."""

    spellings: Counter[str] = field(default_factory=Counter)
    schools: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """One expected category of a school: its partners and how its level's schools do."""

    code: str
    label: str
    expectation: Literal["core", "recommended"]
    partners: int
    share: float  # of the region's schools of this level with at least one partner


@dataclass(frozen=True, slots=True)
class MissingCategory:
    """An expected category without a partner, whom to look for, who works with whom."""

    code: str
    label: str
    expectation: Literal["core", "recommended"]
    definition: str
    examples: str
    nearby: tuple[str, ...]  # sentences: "In jouw gemeente werken 4 scholen samen met …"


@dataclass(frozen=True, slots=True)
class SchoolPage:
    """Everything one school's feedback workbook shows."""

    school: SchoolInfo
    level: str  # the onderwijsniveau's label ("" when the card gives none)
    covered: int  # expected categories with at least one partner
    expected: int
    median: float  # of `covered` over the region's schools of the same level
    peers: int  # the region's schools of the same level, this one included
    categories: tuple[CategoryLine, ...]  # core first, then recommended
    missing: tuple[MissingCategory, ...]  # core first
    findings: tuple[FindingRow, ...]  # fouten first, then waarschuwingen, then info


class RegionFacts:
    """The region's figures a school's page compares it with, worked out once."""

    def __init__(self, schools: list[FileResult], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._expected: dict[str, list[tuple[Category, Literal["core", "recommended"]]]] = {}
        self._covered: dict[str, list[int]] = defaultdict(list)
        self._with: dict[str, Counter[str]] = defaultdict(Counter)
        self._organisations: dict[tuple[Scope, str, str], dict[str, _Organisation]] = \
            defaultdict(dict)
        self._nearby: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
        for result in schools:
            school = result.school
            if school is None:
                continue
            codes = {p.category for p in result.partners if p.category}
            expected = self.expected(school.onderwijsniveau)
            self._covered[school.onderwijsniveau].append(
                sum(c.code in codes for c, _ in expected))
            self._with[school.onderwijsniveau].update(codes)
            self._add_organisations(result, school)

    def expected(self, level: str) -> list[tuple[Category, Literal["core", "recommended"]]]:
        """The categories expected of a level (its label), core ones first."""
        if level not in self._expected:
            code = self.vocabulary.level_code_for(level) if level else None
            pairs = [(c, e) for c in self.vocabulary.categories
                     if (e := c.expectation(code)) is not None]
            self._expected[level] = sorted(pairs, key=lambda pair: pair[1] != "core")
        return self._expected[level]

    def _add_organisations(self, result: FileResult, school: SchoolInfo) -> None:
        identity = school.instellingsnummer or result.path
        scopes = [(scope, fold_words(value)) for scope, value in _scopes(school)]
        for partner in result.partners:
            name = str(partner.values[0] or "").strip()
            if not partner.category or not name:
                continue
            key = normalise(name, school.gemeente)
            for scope, place in scopes:
                found = self._organisations[(scope, place, partner.category)]
                organisation = found.get(key) or found.setdefault(key, _Organisation())
                organisation.spellings[name] += 1
                organisation.schools.add(identity)

    def nearby(self, school: SchoolInfo, category: str, lang: Lang) -> tuple[str, ...]:
        """Sentences naming the organisations other schools of the school's gemeente,
        then of its scholengemeenschap, work with in `category` (most schools first).

        Asked only for a category the school lacks, so the answer is the same for
        every school of that gemeente and scholengemeenschap: worked out once.
        """
        memo = (school.gemeente, school.scholengemeenschap, category, lang)
        if memo not in self._nearby:
            self._nearby[memo] = self._sentences(school, category, lang)
        return self._nearby[memo]

    def _sentences(self, school: SchoolInfo, category: str, lang: Lang) -> tuple[str, ...]:
        sentences: list[str] = []
        named: set[str] = set()
        for scope, value in _scopes(school):
            found = self._organisations.get((scope, fold_words(value), category), {})
            ranked = sorted(((len(o.schools), _spelling(o), key) for key, o in found.items()
                             if key not in named),
                            key=lambda item: (-item[0], item[1].casefold()))
            for schools, name, key in ranked[:SUGGESTIONS - len(sentences)]:
                named.add(key)
                sentences.append(_nearby_sentence(scope, schools, name, lang))
        return tuple(sentences)

    def page(self, result: FileResult, *, with_contacts: bool, lang: Lang) -> SchoolPage:
        """The page of one of the region's schools."""
        school = result.school
        assert school is not None, "a school of the region has a header"
        level = school.onderwijsniveau
        counts = Counter(p.category for p in result.partners if p.category)
        expected = self.expected(level)
        peers = self._covered.get(level, [])
        with_category = self._with.get(level, Counter())
        lines = tuple(CategoryLine(c.code, _label(c, lang), e, counts[c.code],
                                   with_category[c.code] / len(peers) if peers else 0.0)
                      for c, e in expected)
        missing = tuple(
            MissingCategory(c.code, _label(c, lang), e, c.definition, c.examples,
                            self.nearby(school, c.code, lang))
            for c, e in expected if not counts[c.code])
        return SchoolPage(
            school=school, level=level,
            covered=sum(1 for line in lines if line.partners), expected=len(lines),
            median=statistics.median(peers) if peers else 0.0, peers=len(peers),
            categories=lines, missing=missing,
            findings=ordered_findings(result.findings, with_contacts))


def ordered_findings(findings: list[FindingRow], with_contacts: bool) -> tuple[FindingRow, ...]:
    """Fouten first, then waarschuwingen, then info (each in card order); without
    contacts, a contact cell's value is left out of the finding (personal data)."""
    rank: dict[str, int] = {severity: index for index, severity in enumerate(SEVERITIES)}
    ordered = sorted(findings, key=lambda f: rank.get(f.severity, len(rank)))
    if with_contacts:
        return tuple(ordered)
    return tuple(_without_contact(f) for f in ordered)


def _without_contact(finding: FindingRow) -> FindingRow:
    if finding.field not in CONTACT_HEADERS or not finding.value:
        return finding
    value = finding.value
    return finding._replace(value=HIDDEN, message=finding.message.replace(value, HIDDEN),
                            hint=finding.hint.replace(value, HIDDEN))


def _scopes(school: SchoolInfo) -> list[tuple[Scope, str]]:
    """The school's gemeente and scholengemeenschap, those it gives."""
    pairs: list[tuple[Scope, str]] = [("gemeente", school.gemeente),
                                      ("scholengemeenschap", school.scholengemeenschap)]
    return [(scope, value) for scope, value in pairs if value]


def _spelling(organisation: _Organisation) -> str:
    """The most frequent spelling (the first seen of equally frequent ones)."""
    return organisation.spellings.most_common(1)[0][0]


def _label(category: Category, lang: Lang) -> str:
    return category.label_en if lang == "en" and category.label_en else category.label


def _nearby_sentence(scope: Scope, schools: int, name: str, lang: Lang) -> str:
    where = say("gemeente" if scope == "gemeente" else "scholengemeenschap",
                "municipality" if scope == "gemeente" else "school community", lang)
    if lang == "en":
        verb = "works" if schools == 1 else "work"
        return f"In your {where} {count(schools, 'school', 'schools')} {verb} with {name}"
    verb = "werkt" if schools == 1 else "werken"
    return f"In jouw {where} {verb} {count(schools, 'school', 'scholen')} samen met {name}"
