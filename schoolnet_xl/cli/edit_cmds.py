"""Commands that change or create cards from existing files: summary, import, upgrade.

All of them go through the guard in `schoolnet_xl.edit` (lock/read-only
checks, preflight, temporary file, verification, atomic replace, backup).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from schoolnet_xl.cli.card_cmds import check_level, check_number, check_school_year
from schoolnet_xl.cli.common import (
    FILE,
    TEXT,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.core.model import HEADER_FIELDS, HEADER_LABELS
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.guard import Outcome
from schoolnet_xl.edit.import_card import import_grid
from schoolnet_xl.edit.summary import summarize
from schoolnet_xl.edit.upgrade import upgrade_card

EXIT_CODES = bilingual("""\b
Afsluitcodes: 0 = gelukt; 1 = geweigerd door de beveiliging (er zou iets
verloren gaan) of controle na het schrijven mislukt, het origineel is dan
ongewijzigd; 2 = verkeerd gebruik, onleesbaar, vergrendeld of alleen-lezen
bestand (er is niets geschreven).""", """\b
Exit codes: 0 = done; 1 = refused by the guard (something would be lost)
or the check after writing failed, the original is then untouched;
2 = wrong usage, an unreadable, locked or read-only file (nothing was
written).""")

F = TypeVar("F", bound=Callable[..., Any])
_path = click.Path(path_type=Path, dir_okay=False)
CARD = bilingual("KAART", "CARD")


def _backup_option(func: F) -> F:
    return click.option("--backup/--no-backup", default=True, show_default=True,
                        help=bilingual("Bewaar de oorspronkelijke bytes als "
                                       "kaart.backup-JJJJMMDD-UUMMSS.xlsx ernaast (alleen bij "
                                       "wijzigen ter plaatse).",
                                       "Keep the original bytes as "
                                       "card.backup-YYYYMMDD-HHMMSS.xlsx beside it (only when "
                                       "changing in place)."))(func)


def _rewrite_options(output_help: str) -> Callable[[F], F]:
    """The arguments of a command that rewrites a card: CARD, -o, --backup, --force,
    --lang, --config."""
    def apply(func: F) -> F:
        for option in (config_option, lang_option, _force_option, _backup_option,
                       click.option("-o", "--output", type=_path, default=None,
                                    metavar=FILE, help=output_help),
                       click.argument("card", type=_path, metavar=CARD)):
            func = option(func)
        return func
    return apply


def _force_option(func: F) -> F:
    return click.option("--force", is_flag=True,
                        help=bilingual("Ga toch door: aanvaard wat de beveiliging zou "
                                       "weigeren, of overschrijf een bestaand doelbestand.",
                                       "Go ahead anyway: accept what the guard would refuse, "
                                       "or overwrite an existing target file."))(func)


def _report_outcome(outcome: Outcome, lang: Lang) -> None:
    if outcome.in_place:
        click.echo(say(f"Bijgewerkt: {outcome.target}", f"Updated: {outcome.target}", lang))
    else:
        click.echo(say(f"Geschreven: {outcome.target}", f"Written: {outcome.target}", lang))
    if outcome.backup:
        click.echo(say(f"Reservekopie van het origineel: {outcome.backup}",
                       f"Backup of the original: {outcome.backup}", lang))
    if outcome.lost:
        lost = ", ".join(r.describe(lang) for r in outcome.lost)
        click.echo(say(f"Let op: niet overgenomen in het nieuwe bestand: {lost}.",
                       f"Note: not carried into the new file: {lost}.", lang))


@english("""Rebuild a card's Overzicht and Validatie sheets and its network drawing from its grid.

    Without -o the card itself is changed, with a backup beside it; every other
    sheet stays exactly as it was. When the card holds something that would be
    lost, the command refuses and says what.

    \b
    Example:
      schoolnet-xl summary card.xlsx
      schoolnet-xl summary card.xlsx -o card-with-overview.xlsx
    """)
@click.command(epilog=EXIT_CODES)
@_rewrite_options(bilingual("Schrijf naar een nieuw bestand in plaats van de kaart zelf te "
                            "wijzigen.",
                            "Write to a new file instead of changing the card itself."))
def summary(card: Path, output: Path | None, backup: bool, force: bool, lang: Lang,
            config: Path | None) -> None:
    """Maak de bladen Overzicht, Validatie en Netwerk (kaart) opnieuw uit het rooster.

    Zonder -o wordt de kaart zelf gewijzigd, met een reservekopie ernaast; alle
    andere bladen blijven exact zoals ze waren. Bevat de kaart iets dat verloren
    zou gaan, dan weigert het commando en zegt het wat.

    \b
    Voorbeeld:
      schoolnet-xl summary kaart.xlsx
      schoolnet-xl summary kaart.xlsx -o kaart-met-overzicht.xlsx
    """
    vocabulary = vocabulary_from_option(config) if config else None
    try:
        result = summarize(card, vocabulary, output=output, force=force, backup=backup,
                           lang=lang)
    except GuardError as exc:
        raise UserError(str(exc), exc.exit_code) from None
    _report_outcome(result.outcome, lang)
    if result.route == "openpyxl":
        click.echo(say(
            "De bladen konden niet los in het bestand vervangen worden; het werd via openpyxl "
            "herschreven en daarna blad per blad nagekeken.",
            "The sheets could not be replaced part by part; the file was rewritten through "
            "openpyxl and then checked sheet by sheet.", lang))
    ov = result.overview
    click.echo(say(
        f"Overzicht: {count(ov.total_partners, 'partner', 'partners')}; "
        "ontbrekende kerncategorieën: "
        f"{', '.join(ov.missing_core) or 'geen'}; ontbrekende aanbevolen: "
        f"{', '.join(ov.missing_recommended) or 'geen'}. Validatie: "
        f"{count(len(result.findings), 'melding', 'meldingen')}.",
        f"Overview: {count(ov.total_partners, 'partner', 'partners')}; missing core categories: "
        f"{', '.join(ov.missing_core) or 'none'}; missing recommended: "
        f"{', '.join(ov.missing_recommended) or 'none'}. Validation: "
        f"{count(len(result.findings), 'finding', 'findings')}.", lang))


@english("""Turn a hand-made grid (.xlsx, .xls, .ods) into a template network card.

    Every partner row, X and description is carried over; missing categories
    are guessed and listed for checking. The input file is left untouched.

    \b
    Example:
      schoolnet-xl import our-network.ods --nummer 030569 --schooljaar 2026-2027
    """)
@click.command("import", epilog=EXIT_CODES)
@click.argument("handmade", type=_path, metavar=bilingual("ROOSTER", "GRID"))
@click.option("-o", "--output", type=_path, default=None, metavar=FILE,
              help=bilingual("De nieuwe kaart (standaard <naam>-netwerkkaart.xlsx naast de "
                             "invoer).",
                             "The new card (default <name>-netwerkkaart.xlsx beside the "
                             "input)."))
@click.option("--school", default=None, metavar=TEXT,
              help=bilingual("Schoolnaam (wint van het rooster).",
                             "School name (wins over the grid)."))
@click.option("--nummer", default=None, metavar=bilingual("NUMMER", "NUMBER"),
              help=bilingual("Instellingsnummer, 6 cijfers (bv. 030569).",
                             "Institution number, 6 digits (e.g. 030569)."))
@click.option("--schooljaar", default=None, metavar=bilingual("JJJJ-JJJJ", "YYYY-YYYY"),
              help=bilingual("Schooljaar, bv. 2026-2027.", "School year, e.g. 2026-2027."))
@click.option("--niveau", default=None, metavar=bilingual("NIVEAU", "LEVEL"),
              help=bilingual("Onderwijsniveau (code of naam).", "Education level (code or name)."))
@click.option("--gemeente", default=None, metavar=TEXT,
              help=bilingual("Gemeente.", "Municipality (gemeente)."))
@click.option("--scholengemeenschap", default=None, metavar=TEXT,
              help=bilingual("Scholengemeenschap.", "School community (scholengemeenschap)."))
@click.option("--blad", "--sheet", "blad", default=None, metavar=bilingual("BLAD", "SHEET"),
              help=bilingual("Het blad met het rooster, als de werkmap er meer heeft (één per "
                             "schooljaar); anders het laatste schooljaar.",
                             "The sheet holding the grid, when the workbook has several (one "
                             "per school year); else the latest school year."))
@_force_option
@lang_option
@config_option
def import_card(handmade: Path, output: Path | None, school: str | None, nummer: str | None,
                schooljaar: str | None, niveau: str | None, gemeente: str | None,
                scholengemeenschap: str | None, blad: str | None, force: bool, lang: Lang,
                config: Path | None) -> None:
    """Zet een eigen rooster (.xlsx, .xls, .ods) om in een netwerkkaart van het sjabloon.

    Elke partnerrij, X en omschrijving gaat mee; ontbrekende categorieën worden
    gegokt en opgelijst om na te kijken. Het invoerbestand blijft onaangeroerd.

    \b
    Voorbeeld:
      schoolnet-xl import ons-netwerk.ods --nummer 030569 --schooljaar 2026-2027
    """
    vocabulary = vocabulary_from_option(config)
    nummer = check_number(nummer) if nummer is not None else None
    schooljaar = check_school_year(schooljaar) if schooljaar is not None else None
    level = check_level(niveau, vocabulary) if niveau is not None else None
    header = {"schoolnaam": school, "instellingsnummer": nummer, "schooljaar": schooljaar,
              "onderwijsniveau": level, "gemeente": gemeente,
              "scholengemeenschap": scholengemeenschap}
    try:
        result = import_grid(handmade, vocabulary, output=output,
                             header={k: v for k, v in header.items() if v}, force=force,
                             lang=lang, sheet=blad)
    except GuardError as exc:
        raise UserError(str(exc), exc.exit_code) from None
    click.echo(say(
        f"Geschreven: {result.output} met {count(result.partners, 'partner', 'partners')} "
        f"en {count(result.marks, 'X', 'X-en')}.",
        f"Written: {result.output} with {count(result.partners, 'partner', 'partners')} and "
        f"{count(result.marks, 'mark', 'marks')}.", lang))
    if result.guesses:
        click.echo(say("Gegokte categorieën, kijk ze na (cel in de nieuwe kaart):",
                       "Guessed categories, please confirm (cell in the new card):", lang))
        for d in result.guesses:
            click.echo(f"  {d.card_cell}  {d.organisatie} -> {d.guess}  ({d.source_cell})")
    if result.uncategorised:
        click.echo(say("Zonder geldige categorie, kies er zelf een:",
                       "No valid category, choose one yourself:", lang))
        for d in result.uncategorised:
            now = say(f" (nu: '{d.current}')", f" (now: '{d.current}')", lang) if d.current else ""
            click.echo(f"  {d.card_cell}  {d.organisatie}{now}  ({d.source_cell})")
    for finding in result.source_warnings:
        click.echo(say("Let op: ", "Note: ", lang) + finding.message(lang))
    if result.missing_header:
        labels = {name: HEADER_LABELS[key] for key, name in HEADER_FIELDS.items()}
        missing = ", ".join(labels.get(name, name) for name in result.missing_header)
        click.echo(say(
            f"Niet in het rooster en niet als optie gegeven: {missing}"
            " (vul ze in op het blad Netwerkkaart).",
            f"Not in the grid nor given as an option: {missing} (fill them in on the "
            "Netwerkkaart sheet).", lang))
    errors = [f for f in result.findings if f.severity == "fout"]
    others = len(result.findings) - len(errors)
    click.echo(say(f"Validatie van de nieuwe kaart: {count(len(errors), 'fout', 'fouten')}, "
                   f"{count(others, 'andere melding', 'andere meldingen')} "
                   f"(schoolnet-xl validate {result.output}).",
                   f"Validation of the new card: {count(len(errors), 'error', 'errors')}, "
                   f"{count(others, 'other finding', 'other findings')} "
                   f"(schoolnet-xl validate {result.output}).", lang))
    for finding in errors:
        where = f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
        click.echo(f"  {where}  {finding.message(lang)}")


@english("""Move a card of an older template version to the current one, with every value.

    A card of a newer version than this tool knows is refused (exit 2). Own
    sheets or objects that cannot come along are reported beforehand.

    \b
    Example:
      schoolnet-xl upgrade card-2025.xlsx
      schoolnet-xl upgrade card-2025.xlsx -o card-2026.xlsx
    """)
@click.command(epilog=EXIT_CODES)
@_rewrite_options(bilingual("Schrijf de nieuwe kaart naar dit bestand in plaats van de kaart "
                            "zelf.",
                            "Write the new card to this file instead of the card itself."))
def upgrade(card: Path, output: Path | None, backup: bool, force: bool, lang: Lang,
            config: Path | None) -> None:
    """Zet een kaart van een oudere sjabloonversie over naar de huidige, met elke waarde.

    Een kaart van een nieuwere versie dan deze tool kent, wordt geweigerd (afsluitcode 2).
    Eigen bladen of objecten die niet meekunnen, worden vooraf gemeld.

    \b
    Voorbeeld:
      schoolnet-xl upgrade kaart-2025.xlsx
      schoolnet-xl upgrade kaart-2025.xlsx -o kaart-2026.xlsx
    """
    vocabulary = vocabulary_from_option(config)
    if not card.is_file():
        raise UserError(say(f"{card}: bestand niet gevonden", f"{card}: file not found", lang))
    try:
        result = upgrade_card(card, vocabulary, output=output, force=force, backup=backup,
                              lang=lang)
    except GuardError as exc:
        raise UserError(str(exc), exc.exit_code) from None
    if result.outcome is None:
        click.echo(say(f"{card}: al op sjabloonversie {result.new_version}; niets te doen.",
                       f"{card}: already on template version {result.new_version}.", lang))
        return
    _report_outcome(result.outcome, lang)
    click.echo(say(
        f"Sjabloonversie {result.old_version} -> {result.new_version}; "
        f"{count(result.partners, 'partnerrij', 'partnerrijen')} overgenomen.",
        f"Template version {result.old_version} -> {result.new_version}; "
        f"{count(result.partners, 'partner row', 'partner rows')} carried over.", lang))
