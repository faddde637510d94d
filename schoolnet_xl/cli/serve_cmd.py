"""`serve`: run the Excel add-in (xlwings Server with the Netwerkkaart scripts)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from schoolnet_xl.cli.common import UserError, config_option, vocabulary_from_option
from schoolnet_xl.excel.licence import LICENCE_URL
from schoolnet_xl.excel.open_card import ENV_CONFIG
from schoolnet_xl.excel.server import configure_environment, create_app


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres waarop de server luistert (achter een reverse proxy: 127.0.0.1).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Poort.")
@click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="HTTPS-certificaat (PEM), als er geen reverse proxy is.")
@click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Sleutel van het HTTPS-certificaat (PEM).")
@config_option
def serve(host: str, port: int, ssl_certfile: Path | None, ssl_keyfile: Path | None,
          config: Path | None) -> None:
    """Start de Excel-invoegtoepassing: het lint-tabblad Netwerkkaart met Valideer,
    Ontbrekende categorieën en Overzicht vernieuwen, plus een taakvenster.

    Het manifest voor Microsoft 365 staat op /manifest.xml. Excel eist HTTPS:
    zet de server achter een reverse proxy met certificaat, of geef
    --ssl-certfile en --ssl-keyfile. Zie docs/excel-addin.md.

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
        raise UserError("Geef --ssl-certfile en --ssl-keyfile samen, of geen van beide.")
    try:
        import uvicorn

    except ImportError as exc:
        raise UserError(
            f"De Excel-onderdelen zijn niet geïnstalleerd ({exc.name}). "
            "Installeer ze met: pip install 'schoolnet-xl[excel]'") from None
    if config is not None:
        vocabulary_from_option(config)  # a bad region file stops here, with its message
        os.environ[ENV_CONFIG] = str(config.resolve())
    if configure_environment():
        click.echo(
            "Let op: XLWINGS_LICENSE_KEY was niet gezet; de server gebruikt 'noncommercial' "
            "(PolyForm Noncommercial 1.0.0, gratis voor onderwijsinstellingen: "
            f"{LICENCE_URL}). Zet XLWINGS_LICENSE_KEY om dit te wijzigen.", err=True)
    scheme = "https" if ssl_certfile else "http"
    click.echo(f"Netwerkkaart-invoegtoepassing op {scheme}://{host}:{port}/ "
               f"(manifest: /manifest.xml). Stoppen met Ctrl+C.", err=True)
    uvicorn.run(create_app(), host=host, port=port, log_level="warning",
                ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
                ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None)
