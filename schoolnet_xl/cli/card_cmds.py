"""`template` and `new`: write the master workbook or a card for one school."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from schoolnet_xl.cli.common import (
    FILE,
    TEXT,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import Card, Header, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import GuardError, check_writable, discard, temp_path_beside
from schoolnet_xl.template import write_card

NUMBER_PATTERN = re.compile(r"\d{6}")
YEAR_PATTERN = re.compile(r"(\d{4})-(\d{4})")

OUTPUT_OPTION = click.option(
    "-o", "--output", "output", required=True, metavar=FILE,
    type=click.Path(dir_okay=False, path_type=Path),
    help=bilingual("Het te schrijven .xlsx-bestand.", "The .xlsx file to write."),
)
FORCE_OPTION = click.option(
    "--force", is_flag=True, help=bilingual("Overschrijf het bestand als het al bestaat.",
                                            "Overwrite the file if it exists."),
)


@english("""Write the empty network card workbook (the template for every school).

    \b
    Example:
      schoolnet-xl template -o network-card.xlsx
      schoolnet-xl template -o card-region.xlsx --config region.toml
    """)
@click.command()
@OUTPUT_OPTION
@FORCE_OPTION
@lang_option
@config_option
def template(output: Path, force: bool, lang: Lang, config: Path | None) -> None:
    """Schrijf het lege netwerkkaart-werkboek (het sjabloon voor alle scholen).

    \b
    Voorbeeld:
      schoolnet-xl template -o netwerkkaart.xlsx
      schoolnet-xl template -o kaart-regio.xlsx --config regio.toml
    """
    vocabulary = vocabulary_from_option(config)
    _write(output, vocabulary, None, force, lang)
    click.echo(say(f"Sjabloon geschreven: {output}", f"Template written: {output}", lang))


@english("""Write a network card for one school, with its header filled in.

    \b
    Example:
      schoolnet-xl new -o rainbow.xlsx --school "VBS De Regenboog" \\
          --nummer 030569 --schooljaar 2026-2027 --niveau BAO --gemeente Gent

    The date stays empty: the school fills it in when it fills in the card.

    \b
    Exit code 2 on an invalid option or an existing file without --force.
    """)
@click.command()
@OUTPUT_OPTION
@click.option("--school", required=True, metavar=TEXT,
              help=bilingual("Schoolnaam, bv. \"VBS De Regenboog\".",
                             "School name, e.g. \"VBS De Regenboog\"."))
@click.option("--nummer", required=True, metavar=bilingual("NUMMER", "NUMBER"),
              help=bilingual("Instellingsnummer: 6 cijfers, ook met een nul vooraan "
                             "(bv. 030569).",
                             "Institution number (instellingsnummer): 6 digits, also with a "
                             "leading zero (e.g. 030569)."))
@click.option("--schooljaar", required=True, metavar=bilingual("JJJJ-JJJJ", "YYYY-YYYY"),
              help=bilingual("Schooljaar JJJJ-JJJJ, bv. 2026-2027.",
                             "School year YYYY-YYYY, e.g. 2026-2027."))
@click.option("--niveau", default=None, metavar=bilingual("NIVEAU", "LEVEL"),
              help=bilingual("Onderwijsniveau: code of naam, bv. BAO of "
                             "\"Secundair onderwijs\".",
                             "Education level: code or name, e.g. BAO or "
                             "\"Secundair onderwijs\"."))
@click.option("--gemeente", default=None, metavar=TEXT,
              help=bilingual("Gemeente van de school.", "The school's municipality."))
@click.option("--scholengemeenschap", default=None, metavar=TEXT,
              help=bilingual("Naam van de scholengemeenschap.",
                             "Name of the school community (scholengemeenschap)."))
@FORCE_OPTION
@lang_option
@config_option
def new(output: Path, school: str, nummer: str, schooljaar: str, niveau: str | None,
        gemeente: str | None, scholengemeenschap: str | None, force: bool, lang: Lang,
        config: Path | None) -> None:
    """Schrijf een netwerkkaart voor één school, met de hoofding al ingevuld.

    \b
    Voorbeeld:
      schoolnet-xl new -o regenboog.xlsx --school "VBS De Regenboog" \\
          --nummer 030569 --schooljaar 2026-2027 --niveau BAO --gemeente Gent

    De datum blijft leeg: de school vult hem in wanneer ze de kaart invult.

    \b
    Afsluitcode 2 bij een ongeldige optie of een bestaand bestand zonder --force.
    """
    vocabulary = vocabulary_from_option(config)
    header = Header(
        schoolnaam=Sourced(_required_text(school, "--school")),
        instellingsnummer=Sourced(check_number(nummer)),
        schooljaar=Sourced(check_school_year(schooljaar)),
        onderwijsniveau=Sourced(check_level(niveau, vocabulary) if niveau else None),
        gemeente=Sourced(gemeente.strip() if gemeente else None),
        scholengemeenschap=Sourced(scholengemeenschap.strip() if scholengemeenschap else None),
    )
    _write(output, vocabulary, Card(str(output), "template", header=header), force, lang)
    click.echo(say(f"Netwerkkaart geschreven: {output}", f"Network card written: {output}",
                   lang))


def check_number(text: str) -> str:
    """The instellingsnummer as six-digit text, or a Dutch error naming --nummer."""
    value = text.strip()
    if not NUMBER_PATTERN.fullmatch(value):
        raise UserError(say(
            f"--nummer: '{text}' is geen geldig instellingsnummer; geef precies 6 cijfers, "
            "bv. 030569.",
            f"--nummer: '{text}' is not a valid institution number; give exactly 6 digits, "
            "e.g. 030569."))
    return value


def check_school_year(text: str) -> str:
    """A 'JJJJ-JJJJ' school year of two consecutive years, or a Dutch error."""
    value = text.strip()
    match = YEAR_PATTERN.fullmatch(value)
    if match is None or int(match[2]) != int(match[1]) + 1:
        raise UserError(say(
            f"--schooljaar: '{text}' is geen geldig schooljaar; geef JJJJ-JJJJ met twee "
            "opeenvolgende jaren, bv. 2026-2027.",
            f"--schooljaar: '{text}' is not a valid school year; give YYYY-YYYY with two "
            "consecutive years, e.g. 2026-2027."))
    return value


def check_level(text: str, vocabulary: Vocabulary) -> str:
    """The label of an onderwijsniveau given by code or label (any case)."""
    code = vocabulary.level_code_for(text)
    if code is None:
        choices = ", ".join(f"{c} ({label})" for c, label in vocabulary.levels.items())
        raise UserError(say(f"--niveau: '{text}' is geen onderwijsniveau; kies uit {choices}.",
                            f"--niveau: '{text}' is not an education level; choose from "
                            f"{choices}."))
    return vocabulary.levels[code]


def _required_text(text: str, option: str) -> str:
    if not text.strip():
        raise UserError(say(f"{option}: mag niet leeg zijn.", f"{option}: must not be empty."))
    return text.strip()


def _write(output: Path, vocabulary: Vocabulary, card: Card | None, force: bool,
           lang: Lang) -> None:
    """Write atomically: a temp file in the same folder, then os.replace."""
    if output.suffix.lower() != ".xlsx":
        raise UserError(say(f"{output}: de naam moet eindigen op .xlsx.",
                            f"{output}: the name must end in .xlsx.", lang))
    if output.exists() and not force:
        raise UserError(say(
            f"{output} bestaat al; er is niets geschreven. Gebruik --force om het te "
            "overschrijven.",
            f"{output} already exists; nothing was written. Use --force to overwrite it.",
            lang))
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(say(f"{output}: de map {folder} bestaat niet.",
                            f"{output}: the folder {folder} does not exist.", lang))
    try:
        check_writable(output, lang)
    except GuardError as exc:
        raise UserError(str(exc)) from None
    temp = temp_path_beside(output)
    try:
        write_card(temp, vocabulary, card)
        os.replace(temp, output)
    finally:
        discard(temp)
