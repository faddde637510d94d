"""`serve`: run the Excel add-in (xlwings Server with the Netwerkkaart scripts)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from schoolnet_xl.cli.common import (
    FILE,
    NUMBER,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.lang import ENV_LANG, Lang, say
from schoolnet_xl.excel.licence import LICENCE_URL
from schoolnet_xl.excel.open_card import ENV_CONFIG
from schoolnet_xl.excel.server import configure_environment, create_app


@english("""Start the Excel add-in: the ribbon tab Netwerkkaart with Valideer,
    Ontbrekende categorieën and Overzicht vernieuwen, plus a task pane.

    The manifest for Microsoft 365 is at /manifest.xml. Excel requires HTTPS:
    put the server behind a reverse proxy with a certificate, or give
    --ssl-certfile and --ssl-keyfile. See docs/excel-addin.md. The button's
    messages follow --lang (or SCHOOLNET_XL_LANG). A request above 5 MB gets
    413, incomplete or invalid workbook data 400. Without a server: 'schoolnet-xl
    addin build'.

    \b
    Example:
      schoolnet-xl serve
      XLWINGS_HOSTNAME=networkcard.school.be schoolnet-xl serve --port 8000 --lang en

    \b
    Licence: xlwings Server is under the PolyForm Noncommercial licence (free
    for educational institutions). Without XLWINGS_LICENSE_KEY this command
    uses 'noncommercial' and says so.
    """)
@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              metavar=bilingual("ADRES", "ADDRESS"),
              help=bilingual("Adres waarop de server luistert (achter een reverse proxy: "
                             "127.0.0.1).",
                             "Address the server listens on (behind a reverse proxy: "
                             "127.0.0.1)."))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              metavar=NUMBER, help=bilingual("Poort.", "Port."))
@click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, metavar=FILE,
              help=bilingual("HTTPS-certificaat (PEM), als er geen reverse proxy is.",
                             "HTTPS certificate (PEM), when there is no reverse proxy."))
@click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, metavar=FILE,
              help=bilingual("Sleutel van het HTTPS-certificaat (PEM).",
                             "Key of the HTTPS certificate (PEM)."))
@lang_option
@config_option
def serve(host: str, port: int, ssl_certfile: Path | None, ssl_keyfile: Path | None,
          lang: Lang, config: Path | None) -> None:
    """Start de Excel-invoegtoepassing: het lint-tabblad Netwerkkaart met Valideer,
    Ontbrekende categorieën en Overzicht vernieuwen, plus een taakvenster.

    Het manifest voor Microsoft 365 staat op /manifest.xml. Excel eist HTTPS:
    zet de server achter een reverse proxy met certificaat, of geef
    --ssl-certfile en --ssl-keyfile. Zie docs/excel-addin.md. De meldingen van
    de knop volgen --lang (of SCHOOLNET_XL_LANG). Een aanvraag boven 5 MB krijgt
    413, onvolledige of ongeldige werkmapgegevens 400. Zonder server: 'schoolnet-xl
    addin build'.

    \b
    Voorbeeld:
      schoolnet-xl serve
      XLWINGS_HOSTNAME=netwerkkaart.school.be schoolnet-xl serve --port 8000

    \b
    Licentie: xlwings Server valt onder de PolyForm Noncommercial-licentie
    (gratis voor onderwijsinstellingen). Zonder XLWINGS_LICENSE_KEY gebruikt
    deze opdracht 'noncommercial' en meldt dat.
    """
    if (ssl_certfile is None) != (ssl_keyfile is None):
        raise UserError(say("Geef --ssl-certfile en --ssl-keyfile samen, of geen van beide.",
                            "Give --ssl-certfile and --ssl-keyfile together, or neither.",
                            lang))
    try:
        import uvicorn

    except ImportError as exc:
        raise UserError(say(
            f"De Excel-onderdelen zijn niet geïnstalleerd ({exc.name}). "
            "Installeer ze met: pip install 'schoolnet-xl[excel]'",
            f"The Excel parts are not installed ({exc.name}). "
            "Install them with: pip install 'schoolnet-xl[excel]'", lang)) from None
    os.environ[ENV_LANG] = lang  # the button's messages: the scripts ask default_lang()
    if config is not None:
        vocabulary_from_option(config)  # a bad region file stops here, with its message
        os.environ[ENV_CONFIG] = str(config.resolve())
    if configure_environment():
        click.echo(say(
            "Let op: XLWINGS_LICENSE_KEY was niet gezet; de server gebruikt 'noncommercial' "
            "(PolyForm Noncommercial 1.0.0, gratis voor onderwijsinstellingen: "
            f"{LICENCE_URL}). Zet XLWINGS_LICENSE_KEY om dit te wijzigen.",
            "Note: XLWINGS_LICENSE_KEY was not set; the server uses 'noncommercial' "
            "(PolyForm Noncommercial 1.0.0, free for educational institutions: "
            f"{LICENCE_URL}). Set XLWINGS_LICENSE_KEY to change this.", lang), err=True)
    scheme = "https" if ssl_certfile else "http"
    click.echo(say(f"Netwerkkaart-invoegtoepassing op {scheme}://{host}:{port}/ "
                   f"(manifest: /manifest.xml). Stoppen met Ctrl+C.",
                   f"Netwerkkaart add-in at {scheme}://{host}:{port}/ "
                   f"(manifest: /manifest.xml). Stop with Ctrl+C.", lang), err=True)
    uvicorn.run(create_app(), host=host, port=port, log_level="warning",
                ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
                ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None)
