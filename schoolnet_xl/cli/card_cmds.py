"""`template` and `new`: write the master workbook or a card for one school."""

from __future__ import annotations

import re
from pathlib import Path

import click

from schoolnet_xl.cli.common import UserError, config_option, vocabulary_from_option
from schoolnet_xl.core.model import Card, Header, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import GuardError, check_writable, discard, temp_path_beside
from schoolnet_xl.template import write_card

NUMBER_PATTERN = re.compile(r"\d{6}")
YEAR_PATTERN = re.compile(r"(\d{4})-(\d{4})")

OUTPUT_OPTION = click.option(
    "-o", "--output", "output", required=True,
    type=click.Path(dir_okay=False, path_type=Path), help="Het te schrijven .xlsx-bestand.",
)
FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Overschrijf het bestand als het al bestaat.",
)


@click.command()
@OUTPUT_OPTION
@FORCE_OPTION
@config_option
def template(output: Path, force: bool, config: Path | None) -> None:
    """Schrijf het lege netwerkkaart-werkboek (het sjabloon voor alle scholen).

    \b
    Voorbeeld:
      schoolnet-xl template -o netwerkkaart.xlsx
      schoolnet-xl template -o kaart-regio.xlsx --config regio.toml
    """
    vocabulary = vocabulary_from_option(config)
    _write(output, vocabulary, None, force)
    click.echo(f"Sjabloon geschreven: {output}")


@click.command()
@OUTPUT_OPTION
@click.option("--school", required=True, help="Schoolnaam, bv. \"VBS De Regenboog\".")
@click.option("--nummer", required=True,
              help="Instellingsnummer: 6 cijfers, ook met een nul vooraan (bv. 030569).")
@click.option("--schooljaar", required=True, help="Schooljaar JJJJ-JJJJ, bv. 2026-2027.")
@click.option("--niveau", default=None,
              help="Onderwijsniveau: code of naam, bv. BAO of \"Secundair onderwijs\".")
@click.option("--gemeente", default=None, help="Gemeente van de school.")
@click.option("--scholengemeenschap", default=None, help="Naam van de scholengemeenschap.")
@FORCE_OPTION
@config_option
def new(output: Path, school: str, nummer: str, schooljaar: str, niveau: str | None,
        gemeente: str | None, scholengemeenschap: str | None, force: bool,
        config: Path | None) -> None:
    """Schrijf een netwerkkaart voor één school, met de hoofding al ingevuld.

    \b
    Voorbeeld:
      schoolnet-xl new -o regenboog.xlsx --school "VBS De Regenboog" \\
          --nummer 030569 --schooljaar 2026-2027 --niveau BAO --gemeente Gent

    De datum blijft leeg: de school vult hem in wanneer ze de kaart invult.

    \b
    Exit code 2 bij een ongeldige optie of een bestaand bestand zonder --force.
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
    _write(output, vocabulary, Card(str(output), "template", header=header), force)
    click.echo(f"Netwerkkaart geschreven: {output}")


def check_number(text: str) -> str:
    """The instellingsnummer as six-digit text, or a Dutch error naming --nummer."""
    value = text.strip()
    if not NUMBER_PATTERN.fullmatch(value):
        raise UserError(
            f"--nummer: '{text}' is geen geldig instellingsnummer; geef precies 6 cijfers, "
            "bv. 030569."
        )
    return value


def check_school_year(text: str) -> str:
    """A 'JJJJ-JJJJ' school year of two consecutive years, or a Dutch error."""
    value = text.strip()
    match = YEAR_PATTERN.fullmatch(value)
    if match is None or int(match[2]) != int(match[1]) + 1:
        raise UserError(
            f"--schooljaar: '{text}' is geen geldig schooljaar; geef JJJJ-JJJJ met twee "
            "opeenvolgende jaren, bv. 2026-2027."
        )
    return value


def check_level(text: str, vocabulary: Vocabulary) -> str:
    """The label of an onderwijsniveau given by code or label (any case)."""
    code = vocabulary.level_code_for(text)
    if code is None:
        choices = ", ".join(f"{c} ({label})" for c, label in vocabulary.levels.items())
        raise UserError(f"--niveau: '{text}' is geen onderwijsniveau; kies uit {choices}.")
    return vocabulary.levels[code]


def _required_text(text: str, option: str) -> str:
    if not text.strip():
        raise UserError(f"{option}: mag niet leeg zijn.")
    return text.strip()


def _write(output: Path, vocabulary: Vocabulary, card: Card | None, force: bool) -> None:
    """Write atomically: a temp file in the same folder, then os.replace."""
    import os

    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: de naam moet eindigen op .xlsx.")
    if output.exists() and not force:
        raise UserError(
            f"{output} bestaat al; er is niets geschreven. Gebruik --force om het te "
            "overschrijven."
        )
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{output}: de map {folder} bestaat niet.")
    try:
        check_writable(output)
    except GuardError as exc:
        raise UserError(str(exc)) from None
    temp = temp_path_beside(output)
    try:
        write_card(temp, vocabulary, card)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, output)
    finally:
        discard(temp)
