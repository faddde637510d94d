"""The rule engine: Card -> [Finding]. Never touches a spreadsheet library.

The same engine serves the CLI, the Excel button and the regional merge. Rules
are declared in `catalogue_card.py`; this module holds the checks.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date, datetime

from schoolnet_xl.core.cells import column_index
from schoolnet_xl.core.findings import Rule
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import (
    COLUMNS_AFTER_FOCUS,
    COLUMNS_BEFORE_FOCUS,
    HEADER_FIELDS,
    Card,
    CellValue,
    Finding,
    Partner,
    Sourced,
)
from schoolnet_xl.core.text import fold_name, fold_spacing
from schoolnet_xl.core.values import has_content, parse_date, row_cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.rules import catalogue_card as R

_COLUMN_HEADERS = {**COLUMNS_BEFORE_FOCUS, **COLUMNS_AFTER_FOCUS}
_HEADER_LABELS = {"gemeente": "Gemeente", "ingevuld_door": "Ingevuld door", "datum": "Datum"}
_SCALE_FIELDS = {"intensiteit": "Intensiteit", "antennefunctie": "Antennefunctie",
                 "status": "Status"}
_PRIVACY_CATEGORIES = ("JH", "BRUG")

_NUMBER_RE = re.compile(r"\d{6}")
_YEAR_RE = re.compile(r"(\d{4})\s*-\s*(\d{4})")
_EMAIL_RE = re.compile(r"[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[A-Za-z]{2,}")
_PHONE_STRIP_RE = re.compile(r"[\s./\-()]")
_PRIVACY_RE = re.compile(
    r"\b(?:leerling|kind|zoon|dochter|broer|zus)(?:je)?\s+[A-Z]\w+"
    r"|\b(?:dossier|gezin van|familie [A-Z])",
)
_CELL_RE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_FIRST_YEAR = 1900  # the earliest plausible Sinds year


def validate(card: Card, vocabulary: Vocabulary, lang: Lang = "nl") -> list[Finding]:
    """Every card-rule finding for `card`, in stable (sheet, row, column, code) order."""
    context = _Context(card, vocabulary, lang)
    findings = list(_header_findings(context))
    any_content = _row_findings(context, findings)
    findings += _card_findings(context, any_content)
    return sort_findings(findings)


def missing_categories(card: Card, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Core and recommended category codes with no partner, in vocabulary order.

    The expectations follow the card's onderwijsniveau; with the level unknown,
    `Category.expectation(None)` decides. Guessed categories count as covered.
    """
    level = vocabulary.level_code_for(card.header.onderwijsniveau.text)
    present = {p.category_code for p in card.partners if p.category_code}
    missing: dict[str, list[str]] = {"core": [], "recommended": []}
    for category in vocabulary.categories:
        expectation = category.expectation(level)
        if expectation is not None and category.code not in present:
            missing[expectation].append(category.code)
    return missing


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable order: sheet, row, column, code (whole-card findings first in a sheet)."""
    return sorted(findings, key=_finding_key)


def _finding_key(finding: Finding) -> tuple[str, int, int, str]:
    match = _CELL_RE.fullmatch(finding.cell)
    if not match:
        return (finding.sheet, 0, 0, finding.code)
    return (finding.sheet, int(match.group(2)), column_index(match.group(1)), finding.code)


class _Context:
    """What every check needs: the card, the vocabulary and its tables, the language."""

    def __init__(self, card: Card, vocabulary: Vocabulary, lang: Lang) -> None:
        self.card = card
        self.vocabulary = vocabulary
        self.lang = lang
        self.today = date.today()
        self.tables = _vocabulary_tables(vocabulary)

    def emit(self, rule: Rule, where: Sourced, field: str, **params: object) -> Finding:
        """A finding at a sourced value (or at the grid sheet when it has no cell)."""
        return rule.finding(
            self.lang,
            file=self.card.path,
            sheet=where.sheet or self.card.grid_sheet,
            cell=where.cell,
            field=field,
            value=params.pop("value", where.text),
            **params,
        )


_PASSED_MAX = 8192


class _Tables:
    """A vocabulary's look-ups, and the cell values that already passed a row check.

    The `passed_*` sets hold `str` values only (equal strings have equal texts,
    whereas 1, 1.0 and True are one key with three texts); cards repeat their
    categories, marks and scale values, and a re-validated card everything.
    """

    __slots__ = ("category_keys", "focus_headers", "levels", "passed_categories",
                 "passed_emails", "passed_marks", "passed_phones", "scale_fields",
                 "scale_values")

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.levels = ", ".join(vocabulary.levels.values())
        self.focus_headers = {f.code: f.header for f in vocabulary.focus}  # as on the card
        self.scale_values = {name: scale_values(choices)
                             for name, choices in vocabulary.scales.items()}
        self.category_keys = {fold_spacing(key) for category in vocabulary.categories
                              for key in (category.code, category.label, category.label_en)
                              if key}
        # (attribute, scale name, passed values) for the scales that accept something
        self.scale_fields: tuple[tuple[str, str, set[str]], ...] = tuple(
            (attribute, name, set()) for attribute, name in _SCALE_FIELDS.items()
            if self.scale_values.get(name))
        self.passed_categories: set[str] = set()
        self.passed_marks: set[str] = set()
        self.passed_emails: set[str] = set()
        self.passed_phones: set[str] = set()


def _remember(passed: set[str], value: CellValue) -> None:
    """Add a value that passed a check (a `str` only); a full set starts over."""
    if value.__class__ is str:
        if len(passed) >= _PASSED_MAX:
            passed.clear()
        passed.add(value)  # type: ignore[arg-type]


_TABLES: dict[int, tuple[Vocabulary, _Tables]] = {}
_TABLES_MAX = 32


def _vocabulary_tables(vocabulary: Vocabulary) -> _Tables:
    """The vocabulary's `_Tables`, built once per vocabulary.

    Keyed by the object (kept alive by the cache, so its id stays its own).
    """
    hit = _TABLES.get(id(vocabulary))
    if hit is not None and hit[0] is vocabulary:
        return hit[1]
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.clear()
    tables = _Tables(vocabulary)
    _TABLES[id(vocabulary)] = (vocabulary, tables)
    return tables


# -- SN1xx: header ------------------------------------------------------------

def _header_findings(ctx: _Context) -> Iterator[Finding]:
    header = ctx.card.header
    if header.schoolnaam.is_empty:
        yield ctx.emit(R.SCHOOL_NAME_MISSING, header.schoolnaam, HEADER_FIELDS["schoolnaam"])
    yield from _check_number(ctx, header.instellingsnummer)
    yield from _check_school_year(ctx, header.schooljaar)
    yield from _check_level(ctx, header.onderwijsniveau)
    yield from _check_date(ctx, header.datum)
    for attribute, label in _HEADER_LABELS.items():
        value = getattr(header, attribute)
        if value.is_empty:
            yield ctx.emit(R.HEADER_RECOMMENDED_MISSING, value, HEADER_FIELDS[attribute],
                           label=label)


def _check_number(ctx: _Context, number: Sourced) -> Iterator[Finding]:
    field = HEADER_FIELDS["instellingsnummer"]
    if number.is_empty:
        yield ctx.emit(R.NUMBER_MISSING, number, field)
    elif not _NUMBER_RE.fullmatch(number.text):
        yield ctx.emit(R.NUMBER_INVALID, number, field)


def _check_school_year(ctx: _Context, year: Sourced) -> Iterator[Finding]:
    field = HEADER_FIELDS["schooljaar"]
    if year.is_empty:
        yield ctx.emit(R.YEAR_MISSING, year, field)
        return
    match = _YEAR_RE.fullmatch(year.text)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        yield ctx.emit(R.YEAR_INVALID, year, field)


def _check_level(ctx: _Context, level: Sourced) -> Iterator[Finding]:
    field = HEADER_FIELDS["onderwijsniveau"]
    if level.is_empty:
        yield ctx.emit(R.LEVEL_MISSING, level, field, levels=ctx.tables.levels)
    elif ctx.vocabulary.level_code_for(level.text) is None:
        yield ctx.emit(R.LEVEL_INVALID, level, field, levels=ctx.tables.levels)


def _check_date(ctx: _Context, value: Sourced) -> Iterator[Finding]:
    if value.is_empty:
        return
    field = HEADER_FIELDS["datum"]
    parsed = parse_date(value.value)
    if parsed is None:
        yield ctx.emit(R.DATE_UNREADABLE, value, field)
    elif parsed > ctx.today:
        yield ctx.emit(R.DATE_FUTURE, value, field, value=parsed.strftime("%d/%m/%Y"))


# -- SN2xx: grid rows ---------------------------------------------------------

def _row_findings(ctx: _Context, findings: list[Finding]) -> bool:
    """Append the findings of every row with content; True when there was such a row.

    A check's slow path (a function below) runs only for a value not yet known
    to pass it, and keeps the original order of the findings within a row.
    """
    tables = ctx.tables
    passed_categories = tables.passed_categories
    passed_emails = tables.passed_emails
    passed_phones = tables.passed_phones
    this_year = ctx.today.year
    seen: dict[str, Partner] = {}
    has_focus_columns = bool(ctx.card.focus_codes) or any(p.focus for p in ctx.card.partners)
    any_content = False
    for partner in ctx.card.partners:
        name = partner.organisatie.text
        if not name and not has_content(partner):
            continue
        any_content = True
        if not name:
            findings.append(_at_row(ctx, R.ORGANISATION_MISSING, partner, "organisatie"))
        else:
            first = seen.setdefault(fold_name(name), partner)
            if first is not partner:
                findings.append(_at_row(ctx, R.ORGANISATION_DUPLICATE, partner, "organisatie",
                                        first_cell=row_cell(first)))
        if partner.categorie.value not in passed_categories:
            _check_category(ctx, partner, findings)
        if has_focus_columns:
            _check_marks(ctx, partner, findings)
        email = partner.email.value
        if email is not None and email not in passed_emails:
            _check_email(ctx, partner, findings)
        phone = partner.telefoon.value
        if phone is not None and phone not in passed_phones:
            _check_phone(ctx, partner, findings)
        for attribute, scale_name, passed in tables.scale_fields:
            value = getattr(partner, attribute).value
            if value is not None and value not in passed:
                _check_scale(ctx, partner, attribute, scale_name, passed, findings)
        since = partner.sinds.value
        if since is not None and not _whole_year_between(since, _FIRST_YEAR, this_year):
            _check_since(ctx, partner, findings)
        if partner.interne_trekker.is_empty:
            findings.append(_at_row(ctx, R.OWNER_MISSING, partner, "interne_trekker"))
        if partner.aard.is_empty:
            findings.append(_at_row(ctx, R.DESCRIPTION_MISSING, partner, "aard"))
        elif partner.category_code in _PRIVACY_CATEGORIES and _PRIVACY_RE.search(
            partner.aard.text
        ):
            findings.append(_at_row(ctx, R.PRIVACY_CASE, partner, "aard", value=""))
    return any_content


def _at_row(
    ctx: _Context, rule: Rule, partner: Partner, attribute: str, **params: object
) -> Finding:
    """A finding on one column of a row; the cell falls back to the row's first cell."""
    where: Sourced = getattr(partner, attribute)
    cell = where.cell or row_cell(partner)
    organisatie = partner.organisatie.text or f"rij {partner.row}"
    return ctx.emit(
        rule,
        Sourced(where.value, where.sheet or partner.sheet, cell),
        _COLUMN_HEADERS[attribute],
        organisatie=organisatie,
        row=partner.row,
        **params,
    )


def _check_category(ctx: _Context, partner: Partner, findings: list[Finding]) -> None:
    text = partner.categorie.text
    if text and fold_spacing(text) not in ctx.tables.category_keys:
        findings.append(_at_row(ctx, R.CATEGORY_UNKNOWN, partner, "categorie",
                                suggestion=_category_suggestion(ctx, text)))
    elif not text:
        if partner.category_code is None:
            findings.append(_at_row(ctx, R.CATEGORY_MISSING, partner, "categorie"))
    else:  # a known category, whatever the row's category_code
        _remember(ctx.tables.passed_categories, partner.categorie.value)


def _category_suggestion(ctx: _Context, text: str) -> str:
    """'Did you mean …?' with the closest label, else the generic advice."""
    by_key: dict[str, str] = {}
    for category in ctx.vocabulary.categories:
        for key in (category.label, category.code, category.label_en):
            if key:
                by_key.setdefault(key.casefold(), category.label)
    close = difflib.get_close_matches(text.casefold(), list(by_key), n=1, cutoff=0.6)
    if close:
        label = by_key[close[0]]
        if ctx.lang == "en":
            return f"Did you mean '{label}'? {R.CHOOSE_CATEGORY_EN}"
        return f"Bedoelde je '{label}'? {R.CHOOSE_CATEGORY_NL}"
    return R.CHOOSE_CATEGORY_EN if ctx.lang == "en" else R.CHOOSE_CATEGORY_NL


def _check_marks(ctx: _Context, partner: Partner, findings: list[Finding]) -> None:
    passed = ctx.tables.passed_marks
    marked = False
    for code, value in partner.focus.items():
        raw = value.value
        if raw in passed:
            marked = True
        elif raw is None:
            continue
        elif ctx.vocabulary.is_mark(raw):
            marked = True
            _remember(passed, raw)
        elif not value.is_empty:
            header = ctx.tables.focus_headers.get(code, code)
            findings.append(ctx.emit(
                R.MARK_INVALID,
                Sourced(raw, value.sheet or partner.sheet, value.cell or row_cell(partner)),
                header, column=header))
    if not marked:
        findings.append(_no_mark(ctx, partner))


def _no_mark(ctx: _Context, partner: Partner) -> Finding:
    """SN209 for a row without any X, naming the X columns."""
    headers = ctx.tables.focus_headers
    codes = ctx.card.focus_codes or tuple(partner.focus) or tuple(headers)
    columns = ", ".join(headers.get(c, c) for c in codes)
    return ctx.emit(R.NO_MARK, Sourced("", partner.sheet, row_cell(partner)), "X",
                    organisatie=partner.organisatie.text or f"rij {partner.row}",
                    columns=columns)


def _check_email(ctx: _Context, partner: Partner, findings: list[Finding]) -> None:
    email = partner.email.text
    if email and not _EMAIL_RE.fullmatch(email.removeprefix("mailto:")):
        findings.append(_at_row(ctx, R.EMAIL_INVALID, partner, "email"))
    else:
        _remember(ctx.tables.passed_emails, partner.email.value)


def _check_phone(ctx: _Context, partner: Partner, findings: list[Finding]) -> None:
    phone = partner.telefoon
    if not phone.is_empty and not is_belgian_phone(phone.text):
        findings.append(_at_row(ctx, R.PHONE_SHAPE, partner, "telefoon"))
    else:
        _remember(ctx.tables.passed_phones, phone.value)


def is_belgian_phone(text: str) -> bool:
    """+32… or 0… with 9–10 digits once spaces, dots, slashes and dashes are removed."""
    number = _PHONE_STRIP_RE.sub("", text)
    if number.startswith("+32"):
        number = "0" + number[3:]
    elif number.startswith("0032"):
        number = "0" + number[4:]
    return number.isdigit() and number.startswith("0") and 9 <= len(number) <= 10


def _check_scale(
    ctx: _Context, partner: Partner, attribute: str, scale_name: str, passed: set[str],
    findings: list[Finding],
) -> None:
    """One scale column (Intensiteit, Antennefunctie, Status) against its choices."""
    value: Sourced = getattr(partner, attribute)
    if value.is_empty or fold_name(value.text) in ctx.tables.scale_values[scale_name]:
        _remember(passed, value.value)
        return
    findings.append(_at_row(ctx, R.SCALE_INVALID, partner, attribute, column=scale_name,
                            choices=", ".join(ctx.vocabulary.scales[scale_name])))


def scale_values(choices: tuple[str, ...]) -> frozenset[str]:
    """Folded forms a scale accepts: each choice, and its number or words alone.

    "3 Samenwerken" accepts "3 samenwerken", "3" and "samenwerken".
    """
    accepted: set[str] = set()
    for choice in choices:
        folded = fold_name(choice)
        accepted.add(folded)
        number, _, words = folded.partition(" ")
        if number.isdigit() and words:
            accepted.update((number, words))
    return frozenset(accepted)


def _whole_year_between(raw: CellValue, low: int, high: int) -> bool:
    """True for an int or whole float from low to high (how most Sinds cells arrive)."""
    return (
        (raw.__class__ is int or raw.__class__ is float)
        and low <= raw <= high  # type: ignore[operator]
        and raw == int(raw)  # type: ignore[arg-type]
    )


def _check_since(ctx: _Context, partner: Partner, findings: list[Finding]) -> None:
    value = partner.sinds
    if value.is_empty:
        return
    raw = value.value
    year: int | None = None
    if isinstance(raw, (date, datetime)):
        year = raw.year
    elif value.text.isdigit():
        year = int(value.text)
    if year is None or not _FIRST_YEAR <= year <= ctx.today.year:
        findings.append(_at_row(ctx, R.SINCE_IMPLAUSIBLE, partner, "sinds",
                                this_year=ctx.today.year))


# -- SN3xx: the card ------------------------------------------------------------

def _card_findings(ctx: _Context, any_content: bool) -> Iterator[Finding]:
    card = ctx.card
    whole = Sourced("", card.grid_sheet, "")
    if not any_content:
        yield ctx.emit(R.CARD_EMPTY, whole, "")
    missing = missing_categories(card, ctx.vocabulary)
    for expectation, rule in (("core", R.CORE_CATEGORY_MISSING),
                              ("recommended", R.RECOMMENDED_CATEGORY_MISSING)):
        for code in missing[expectation]:
            category = ctx.vocabulary.category(code)
            assert category is not None
            label = category.label_en or category.label if ctx.lang == "en" else category.label
            yield ctx.emit(rule, whole, "Categorie", value=code, label=label,
                           examples=category.examples or category.definition)
