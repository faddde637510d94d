"""Rules of the school header (SN1xx), each declared beside its check."""

from __future__ import annotations

import re
from collections.abc import Callable

from schoolnet_xl.core.findings import ParamValue, Rule, rule
from schoolnet_xl.core.model import HEADER_FIELDS, HEADER_LABELS, Sourced
from schoolnet_xl.core.values import parse_date
from schoolnet_xl.validate.checks import NONE, Context, Findings, header_check

_NUMBER_RE = re.compile(r"\d{6}")
_YEAR_RE = re.compile(r"(\d{4})\s*-\s*(\d{4})")
_RECOMMENDED = ("gemeente", "ingevuld_door", "datum")


def _required(ctx: Context, attribute: str, missing: Rule, invalid: Rule | None = None,
              valid: Callable[[str], bool] | None = None, **params: ParamValue) -> Findings:
    """A header field that must be filled in (and, with `valid`, be well-formed)."""
    value: Sourced = getattr(ctx.card.header, attribute)
    if value.is_empty:
        return [ctx.emit(missing, value, HEADER_FIELDS[attribute], **params)]
    if invalid is not None and valid is not None and not valid(value.text):
        return [ctx.emit(invalid, value, HEADER_FIELDS[attribute], **params)]
    return NONE


SCHOOL_NAME_MISSING = rule("SN101", "fout", "header", nl="""
    checks:  De schoolnaam is ingevuld.
    message: De schoolnaam ontbreekt.
    hint:    Vul de officiële naam van de school in bij Schoolnaam.
    example: Schoolnaam leeg
""", en="""
    checks:  The school name is filled in.
    message: The school name is missing.
    hint:    Fill in the school's official name under Schoolnaam.
    example: Schoolnaam empty
""")


@header_check(SCHOOL_NAME_MISSING)
def school_name(ctx: Context) -> Findings:
    return _required(ctx, "schoolnaam", SCHOOL_NAME_MISSING)


NUMBER_MISSING = rule("SN102", "fout", "header", nl="""
    checks:  Het instellingsnummer is ingevuld.
    message: Het instellingsnummer ontbreekt.
    hint:    Vul het instellingsnummer van 6 cijfers in (bv. 030569).
    example: Instellingsnummer leeg
""", en="""
    checks:  The institution number (instellingsnummer) is filled in.
    message: The institution number is missing.
    hint:    Fill in the 6-digit instellingsnummer (e.g. 030569).
    example: Instellingsnummer empty
""")


NUMBER_INVALID = rule("SN103", "fout", "header", nl="""
    checks:  Het instellingsnummer bestaat uit precies 6 cijfers.
    message: Instellingsnummer '{value}' is geen nummer van precies 6 cijfers.
    hint:    Typ het nummer als tekst met de voorloopnul (030569, niet 30569).
    example: 30569 of 03-0569
""", en="""
    checks:  The institution number is exactly 6 digits.
    message: Institution number '{value}' is not exactly 6 digits.
    hint:    Type the number as text with its leading zero (030569, not 30569).
    example: 30569 or 03-0569
""")


@header_check(NUMBER_MISSING, NUMBER_INVALID)
def institution_number(ctx: Context) -> Findings:
    return _required(ctx, "instellingsnummer", NUMBER_MISSING, NUMBER_INVALID,
                     lambda text: _NUMBER_RE.fullmatch(text) is not None)


YEAR_MISSING = rule("SN104", "fout", "header", nl="""
    checks:  Het schooljaar is ingevuld.
    message: Het schooljaar ontbreekt.
    hint:    Vul het schooljaar in als JJJJ-JJJJ, bv. 2026-2027.
    example: Schooljaar leeg
""", en="""
    checks:  The school year is filled in.
    message: The school year is missing.
    hint:    Fill in the school year as YYYY-YYYY, e.g. 2026-2027.
    example: Schooljaar empty
""")


YEAR_INVALID = rule("SN105", "fout", "header", nl="""
    checks:  Het schooljaar heeft de vorm JJJJ-JJJJ met twee opeenvolgende jaren.
    message: Schooljaar '{value}' heeft niet de vorm JJJJ-JJJJ met opeenvolgende jaren.
    hint:    Schrijf het schooljaar als bv. 2026-2027.
    example: 2026-2028 of 26-27
""", en="""
    checks:  The school year has the form YYYY-YYYY with two consecutive years.
    message: School year '{value}' is not YYYY-YYYY with consecutive years.
    hint:    Write the school year as e.g. 2026-2027.
    example: 2026-2028 or 26-27
""")


@header_check(YEAR_MISSING, YEAR_INVALID)
def school_year(ctx: Context) -> Findings:
    return _required(ctx, "schooljaar", YEAR_MISSING, YEAR_INVALID, _consecutive_years)


def _consecutive_years(text: str) -> bool:
    match = _YEAR_RE.fullmatch(text)
    return match is not None and int(match.group(2)) == int(match.group(1)) + 1


LEVEL_INVALID = rule("SN106", "fout", "header", nl="""
    checks:  Het onderwijsniveau is een van de niveaus uit de keuzelijst.
    message: Onderwijsniveau '{value}' is geen gekend niveau.
    hint:    Kies uit: {levels}.
    example: Lager onderwijs
""", en="""
    checks:  The education level is one of the levels in the dropdown.
    message: Education level '{value}' is not a known level.
    hint:    Choose from: {levels}.
    example: Lager onderwijs
""")


LEVEL_MISSING = rule("SN107", "waarschuwing", "header", nl="""
    checks:  Het onderwijsniveau is ingevuld (het bepaalt welke categorieën verwacht worden).
    message: Het onderwijsniveau ontbreekt; de verwachte categorieën zijn daardoor onzeker.
    hint:    Kies het onderwijsniveau uit de keuzelijst: {levels}.
    example: Onderwijsniveau leeg
""", en="""
    checks:  The education level is filled in (it decides which categories are expected).
    message: The education level is missing, so the expected categories are uncertain.
    hint:    Pick the education level from the dropdown: {levels}.
    example: Onderwijsniveau empty
""")


@header_check(LEVEL_INVALID, LEVEL_MISSING)
def education_level(ctx: Context) -> Findings:
    return _required(ctx, "onderwijsniveau", LEVEL_MISSING, LEVEL_INVALID,
                     lambda text: ctx.vocabulary.level_code_for(text) is not None,
                     levels=", ".join(ctx.vocabulary.levels.values()))


DATE_FUTURE = rule("SN108", "waarschuwing", "header", nl="""
    checks:  De datum ligt niet in de toekomst.
    message: Datum {value} ligt in de toekomst.
    hint:    Vul de datum in waarop de kaart werd ingevuld of bijgewerkt.
    example: 31/12/2099
""", en="""
    checks:  The date is not in the future.
    message: Date {value} is in the future.
    hint:    Fill in the date the card was filled in or updated.
    example: 31/12/2099
""")


DATE_UNREADABLE = rule("SN109", "waarschuwing", "header", nl="""
    checks:  De datum is een datum (dd/mm/jjjj of jjjj-mm-dd).
    message: '{value}' is geen leesbare datum.
    hint:    Schrijf de datum als dd/mm/jjjj, bv. 15/09/2026.
    example: half september
""", en="""
    checks:  The date is a date (dd/mm/yyyy or yyyy-mm-dd).
    message: '{value}' is not a readable date.
    hint:    Write the date as dd/mm/yyyy, e.g. 15/09/2026.
    example: half september (mid-September)
""")


@header_check(DATE_FUTURE, DATE_UNREADABLE)
def filled_in_date(ctx: Context) -> Findings:
    value = ctx.card.header.datum
    if value.is_empty:
        return NONE
    field = HEADER_FIELDS["datum"]
    parsed = parse_date(value.value)
    if parsed is None:
        return [ctx.emit(DATE_UNREADABLE, value, field)]
    if parsed > ctx.today:
        return [ctx.emit(DATE_FUTURE, value, field, parsed.strftime("%d/%m/%Y"))]
    return NONE


HEADER_RECOMMENDED_MISSING = rule("SN110", "info", "header", nl="""
    checks:  Aanbevolen kopvelden zijn ingevuld: Gemeente, Ingevuld door, Datum.
    message: {label} is niet ingevuld.
    hint:    Aanbevolen: vul {label} in.
    example: Gemeente leeg
""", en="""
    checks:  Recommended header fields are filled in: Gemeente, Ingevuld door, Datum.
    message: {label} is not filled in.
    hint:    Recommended: fill in {label}.
    example: Gemeente empty
""")


@header_check(HEADER_RECOMMENDED_MISSING)
def recommended_fields(ctx: Context) -> Findings:
    header = ctx.card.header
    found = []
    for attribute in _RECOMMENDED:
        value: Sourced = getattr(header, attribute)
        if value.is_empty:
            found.append(ctx.emit(HEADER_RECOMMENDED_MISSING, value, HEADER_FIELDS[attribute],
                                  label=HEADER_LABELS[attribute]))
    return found
