"""Rules of the card as a whole (SN3xx), each declared beside its check."""

from __future__ import annotations

from schoolnet_xl.core.contract import TEMPLATE_VERSION
from schoolnet_xl.core.findings import ParamValue, Words, rule
from schoolnet_xl.core.model import Sourced
from schoolnet_xl.core.overview import missing_categories
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.checks import NONE, Context, Findings, card_check, per_vocabulary

CARD_EMPTY = rule("SN301", "fout", "card", nl="""
    checks:  De kaart bevat minstens één partner.
    message: De kaart bevat geen enkele partner.
    hint:    Vul per partnerorganisatie een rij in het raster in.
    example: Een leeg sjabloon
""", en="""
    checks:  The card lists at least one partner.
    message: The card lists no partners.
    hint:    Fill in one grid row per partner organisation.
    example: an empty template
""")


@card_check(CARD_EMPTY)
def card_empty(ctx: Context, any_content: bool) -> Findings:
    if any_content:
        return NONE
    return [ctx.emit(CARD_EMPTY, Sourced("", ctx.card.grid_sheet, ""), "")]


CORE_CATEGORY_MISSING = rule("SN302", "waarschuwing", "card", nl="""
    checks:  Elke kerncategorie voor het onderwijsniveau heeft minstens één partner.
    message: Geen partner in kerncategorie '{label}'.
    hint:    Zoek bv.: {examples}
    example: Geen CLB op de kaart
""", en="""
    checks:  Every core category for the education level has at least one partner.
    message: No partner in core category '{label}'.
    hint:    Look for e.g.: {examples}
    example: no CLB on the card
""")


RECOMMENDED_CATEGORY_MISSING = rule(
    "SN303", "info", "card", nl="""
    checks:  Elke aanbevolen categorie voor het onderwijsniveau heeft een partner.
    message: Geen partner in aanbevolen categorie '{label}'.
    hint:    Zoek bv.: {examples}
    example: Geen bibliotheek op de kaart
""", en="""
    checks:  Every recommended category for the education level has a partner.
    message: No partner in recommended category '{label}'.
    hint:    Look for e.g.: {examples}
    example: no library on the card
""")


@card_check(CORE_CATEGORY_MISSING, RECOMMENDED_CATEGORY_MISSING)
def categories_missing(ctx: Context, any_content: bool) -> Findings:
    whole = Sourced("", ctx.card.grid_sheet, "")
    params = _category_params(ctx.vocabulary)
    missing = missing_categories(ctx.card, ctx.vocabulary)
    return [ctx.emit(declared, whole, "Categorie", code, **params[code])
            for expectation, declared in (("core", CORE_CATEGORY_MISSING),
                                          ("recommended", RECOMMENDED_CATEGORY_MISSING))
            for code in missing[expectation]]


@per_vocabulary
def _category_params(vocabulary: Vocabulary) -> dict[str, dict[str, ParamValue]]:
    """Category code -> the parameters of its SN302/SN303 finding (label, examples),
    worked out once per vocabulary."""
    return {category.code: {"label": Words(category.label, category.label_en or category.label),
                            "examples": category.examples or category.definition}
            for category in reversed(vocabulary.categories)}  # the first of a code wins


OLDER_TEMPLATE = rule("SN304", "waarschuwing", "card",
                      nl="""
    checks:  De kaart is gemaakt met de huidige sjabloonversie.
    message: De kaart is gemaakt met sjabloonversie {value}; de huidige is {current}.
    hint:    Zet ze over met: schoolnet-xl upgrade {path} (elke waarde gaat mee, met een
             reservekopie).
    example: Een kaart van sjabloonversie 0.9
""", en="""
    checks:  The card was made with the current template version.
    message: The card was made with template version {value}; the current one is {current}.
    hint:    Move it over with: schoolnet-xl upgrade {path} (every value comes along, with
             a backup).
    example: a card of template version 0.9
""")


def version_key(version: str) -> tuple[int, ...] | None:
    """'0.9' -> (0, 9); None for a version that is not dotted numbers."""
    try:
        return tuple(int(part) for part in version.strip().split("."))
    except ValueError:
        return None


_CURRENT = version_key(TEMPLATE_VERSION)


@card_check(OLDER_TEMPLATE)
def older_template(ctx: Context, any_content: bool) -> Findings:
    version = ctx.card.template_version
    made, current = version_key(version or ""), _CURRENT
    if made is None or current is None or made >= current:
        return NONE
    return [ctx.emit(OLDER_TEMPLATE, Sourced(version, ctx.card.grid_sheet, ""), "",
                     current=TEMPLATE_VERSION, path=_quoted(ctx.card.path or "kaart.xlsx"))]


def _quoted(path: str) -> str:
    """A path as it can be pasted after the command (quoted when it holds a space)."""
    return f'"{path}"' if " " in path else path
