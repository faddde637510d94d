"""`addin build`: the Excel add-in as static files whose checks run inside Excel."""

from __future__ import annotations

from pathlib import Path

import click

from schoolnet_xl.cli.common import (
    FOLDER,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english, localised
from schoolnet_xl.core.lang import Lang, default_lang, say
from schoolnet_xl.excel.wasm.build import BuildError, build_addin
from schoolnet_xl.excel.wasm.cache import CacheError

ADDRESS = bilingual("ADRES", "ADDRESS")


class AddinGroup(click.Group):
    """The `addin` group; its subcommands speak the language in force, as the top level's."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return None if command is None else localised(command, default_lang())


@english("""The Excel add-in without a server (xlwings Wasm): the checks run in
    Excel itself and the card never leaves the PC.

    \b
    Example:
      schoolnet-xl addin build --url https://networkcard.region.be/button -o dist
    """)
@click.group(cls=AddinGroup)
@lang_option
def addin(lang: Lang) -> None:
    """De Excel-invoegtoepassing zonder server (xlwings Wasm): de controle draait in
    Excel zelf en de kaart verlaat de pc niet.

    \b
    Voorbeeld:
      schoolnet-xl addin build --url https://netwerkkaart.regio.be/knop -o dist
    """
    del lang  # --lang here too, as before the subcommand: the line's language is set already


@english("""Build the add-in as a folder of static files for ADDRESS (https://host/path):
    manifest, task pane, ribbon, Pyodide, xlwings and this program, with a region's
    --config built in. Put the folder on any static HTTPS host so that
    ADDRESS/manifest.xml opens, then add that manifest in the Microsoft 365 admin
    center. See docs/excel-addin.md.

    Pyodide comes from npm, the wheels from PyPI; both are downloaded once into
    the cache (SCHOOLNET_XL_ADDIN_CACHE, else ~/.cache/schoolnet-xl/addin). With
    --offline the build uses the cache only. Exit codes: 0 built, 2 cannot build.

    \b
    Example:
      schoolnet-xl addin build --url https://networkcard.region.be/button -o dist
      schoolnet-xl addin build --url https://region.github.io/button -o site --config region.toml
    """)
@click.command()
@click.option("--url", required=True, metavar=ADDRESS,
              help=bilingual("Het https-adres waar de map komt te staan.",
                             "The https address the folder will be hosted at."))
@click.option("-o", "--output", "output", required=True, metavar=FOLDER,
              type=click.Path(file_okay=False, path_type=Path),
              help=bilingual("Doelmap (een eerdere build daar wordt vervangen).",
                             "Target folder (an earlier build there is replaced)."))
@click.option("--offline", is_flag=True,
              help=bilingual("Niets downloaden: alleen wat al in de cache staat.",
                             "Download nothing: use only what is already cached."))
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar=FOLDER,
              help=bilingual("Cachemap voor Pyodide en de wheels.",
                             "Cache folder for Pyodide and the wheels."))
@config_option
@lang_option
def build(url: str, output: Path, offline: bool, cache_dir: Path | None,
          config: Path | None, lang: Lang) -> None:
    """Bouw de invoegtoepassing als map met statische bestanden voor ADRES
    (https://host/pad): manifest, taakvenster, lint, Pyodide, xlwings en dit
    programma, met de --config van een regio erin. Zet de map op een statische
    HTTPS-host zodat ADRES/manifest.xml opent, en voeg dat manifest toe in het
    Microsoft 365-beheercentrum. Zie docs/excel-addin.md.

    Pyodide komt van npm, de wheels van PyPI; beide worden eenmaal gedownload naar
    de cache (SCHOOLNET_XL_ADDIN_CACHE, anders ~/.cache/schoolnet-xl/addin). Met
    --offline gebruikt de build alleen de cache. Afsluitcodes: 0 gebouwd, 2 kan
    niet bouwen.

    \b
    Voorbeeld:
      schoolnet-xl addin build --url https://netwerkkaart.regio.be/knop -o dist
      schoolnet-xl addin build --url https://regio.github.io/knop -o site --config regio.toml
    """
    if config is not None:
        vocabulary_from_option(config)  # a bad region file stops here, with its message
    try:
        built = build_addin(url, output, config=config, lang=lang,
                            cache_dir=cache_dir, offline=offline)
    except BuildError as exc:
        raise UserError(str(exc)) from None
    except CacheError as exc:
        raise UserError(say(
            f"{exc.nl}. Zonder --offline haalt de build het op bij npm en PyPI.",
            f"{exc.en}. Without --offline the build fetches it from npm and PyPI.", lang)
            if offline else exc.text(lang)) from None
    megabytes = f"{built.size / 1e6:.1f}".replace(".", "," if lang == "nl" else ".")
    click.echo(say(
        f"Invoegtoepassing gebouwd in {built.folder} ({megabytes} MB). Zet die map op een "
        f"statische HTTPS-host, zodat {built.url}/manifest.xml opent, en voeg dat manifest "
        "toe in het Microsoft 365-beheercentrum (docs/excel-addin.md).",
        f"Add-in built in {built.folder} ({megabytes} MB). Put that folder on a static "
        f"HTTPS host, so that {built.url}/manifest.xml opens, and add that manifest in "
        "the Microsoft 365 admin center (docs/excel-addin.md).", lang))


addin.add_command(build)
