"""`map`: the drawn network map of one card, as PNG, SVG or PDF."""

from __future__ import annotations

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
from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.draw.card_map import MapError, map_card

_path = click.Path(path_type=Path, dir_okay=False)


@english("""Draw a card's network map: the school in the centre, its partners around it.

    Partners stand in sectors by category (always in the vocabulary's order),
    lines as thick as the Intensiteit, markers for the X columns, wished-for
    partners as open circles, missing core categories red and recommended
    ones grey. Ended partners are left out. Works for template cards and
    hand-made grids; the card itself is only read.

    \b
    Example:
      schoolnet-xl map card.xlsx -o network.png
      schoolnet-xl map card.xlsx -o network.svg --lang en

    \b
    Exit codes: 0 = written; 2 = wrong usage, an unreadable card, or an
    output name that is not .png, .svg or .pdf.
    """)
@click.command()
@click.argument("card", type=_path, metavar=bilingual("KAART", "CARD"))
@click.option("-o", "--output", type=_path, required=True, metavar=FILE,
              help=bilingual("Het beeld: .png, .svg of .pdf (A4 liggend).",
                             "The image: .png, .svg or .pdf (A4 landscape)."))
@click.option("--blad", "--sheet", "sheet", default=None, metavar=TEXT,
              help=bilingual("Het schooljaarblad van een eigen rooster met meerdere jaren.",
                             "The school-year sheet of a grid of one's own with several "
                             "years."))
@lang_option
@config_option
def map_command(card: Path, output: Path, sheet: str | None, lang: Lang,
                config: Path | None) -> None:
    """Teken de netwerkkaart van een kaart: de school in het midden, de partners errond.

    Partners staan in sectoren per categorie (altijd in de volgorde van de
    woordenlijst), lijnen zo dik als de Intensiteit, tekentjes voor de
    X-kolommen, gewenste partners als open bolletjes, ontbrekende
    kerncategorieën rood en aanbevolen grijs. Beëindigde partners vallen weg.
    Werkt voor sjabloonkaarten en eigen roosters; de kaart zelf wordt alleen
    gelezen.

    \b
    Voorbeeld:
      schoolnet-xl map kaart.xlsx -o netwerk.png
      schoolnet-xl map kaart.xlsx -o netwerk.svg --lang en

    \b
    Afsluitcodes: 0 = geschreven; 2 = verkeerd gebruik, een onleesbare kaart,
    of een uitvoernaam die niet op .png, .svg of .pdf eindigt.
    """
    vocabulary = vocabulary_from_option(config)
    if not card.is_file():
        raise UserError(say(f"{card}: bestand niet gevonden", f"{card}: file not found", lang))
    try:
        result = map_card(card, output, vocabulary, lang, sheet=sheet)
    except MapError as exc:
        raise UserError(str(exc)) from None
    network = result.network
    drawn = sum(not p.ended for p in network.partners)
    click.echo(say(
        f"Netwerkkaart getekend: {result.output} ({count(drawn, 'partner', 'partners')}; "
        f"ontbrekende kerncategorieën: {len(network.missing_core)})",
        f"Network map drawn: {result.output} ({count(drawn, 'partner', 'partners')}; "
        f"missing core categories: {len(network.missing_core)})", lang))
