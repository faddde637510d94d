"""The `schoolnet-xl` command: a thin click layer over the library.

Commands live in one module per capability and are imported only when called,
so `schoolnet-xl validate` does not pay for pandas or XlsxWriter.
"""

from __future__ import annotations

import errno
import importlib
import inspect
import sys
from collections.abc import Sequence
from typing import Any

import click

from schoolnet_xl import __version__
from schoolnet_xl.cli import click_words
from schoolnet_xl.cli.common import LANG_HELP, UserError, os_error_message
from schoolnet_xl.cli.help_words import (
    bilingual,
    english,
    localised,
    localised_params,
    translate,
    usage_words,
)
from schoolnet_xl.core.lang import LANGS, Lang, default_lang, lang_of, say, speaking

# command name -> "module:function", imported on first use.
COMMANDS: dict[str, str] = {
    "new": "schoolnet_xl.cli.card_cmds:new",
    "template": "schoolnet_xl.cli.card_cmds:template",
    "validate": "schoolnet_xl.cli.check_cmds:validate",
    "gaps": "schoolnet_xl.cli.check_cmds:gaps",
    "rules": "schoolnet_xl.cli.check_cmds:rules",
    "merge": "schoolnet_xl.cli.merge_cmds:merge",
    "compare": "schoolnet_xl.cli.compare_cmd:compare",
    "demo": "schoolnet_xl.cli.merge_cmds:demo",
    "serve": "schoolnet_xl.cli.serve_cmd:serve",
    "addin": "schoolnet_xl.cli.addin_cmds:addin",
    "summary": "schoolnet_xl.cli.edit_cmds:summary",
    "import": "schoolnet_xl.cli.edit_cmds:import_card",
    "upgrade": "schoolnet_xl.cli.edit_cmds:upgrade",
    "map": "schoolnet_xl.cli.map_cmd:map_command",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on demand, in the user's language.

    The language is decided before click parses anything (`--lang` anywhere on the
    line, else SCHOOLNET_XL_LANG, else Dutch), so that click's own usage lines and
    option errors, the help texts and our messages all speak it.
    """

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        line = list(sys.argv[1:] if args is None else args)
        with speaking(chosen_lang(line)) as lang:
            click_words.install(lang)
            usage_words(self, lang)
            return super().main(args, *rest, **options)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return localised_params(super().get_params(ctx), default_lang())

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        return localised(command, default_lang())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:  # a file the system refused: a sentence naming it, exit 2
            if exc.errno == errno.EPIPE:  # output piped into `head`: click ends quietly
                raise
            raise UserError(os_error_message(exc, default_lang())) from None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = translate(self.help, default_lang()) or ""
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(text))


def _show_version(ctx: click.Context, asked: bool) -> None:
    if asked and not ctx.resilient_parsing:
        click.echo(say(f"schoolnet-xl, versie {__version__}",
                       f"schoolnet-xl, version {__version__}"))
        ctx.exit()


def chosen_lang(args: list[str]) -> Lang:
    """The `--lang` value on the command line (the last one wins), else `default_lang()`."""
    chosen: Lang | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        chosen = lang_of(value) or chosen
    return chosen or default_lang()


@english("""schoolnet-xl: your school's network card as a living Excel workbook.

    \b
    Exit codes (each command describes its own in --help):
      0  all fine
      1  problems found (validate: errors in a card; merge: some files
         unreadable; summary/import/upgrade: refused or verification failed)
      2  wrong usage, invalid configuration or unreadable input

    \b
    Messages are Dutch; --lang en or SCHOOLNET_XL_LANG=en gives English.
    Shell completion (bash): eval "$(_SCHOOLNET_XL_COMPLETE=bash_source schoolnet-xl)"
    """)
@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: _show_version(ctx, value),
              help=bilingual("Toon de versie en stop.", "Show the version and exit."))
@click.option("--lang", type=click.Choice(LANGS), expose_value=False,
              help=LANG_HELP)
def main() -> None:
    """schoolnet-xl: de netwerkkaart van je school als levend Excel-werkboek.

    \b
    Afsluitcodes (elke opdracht beschrijft de hare in --help):
      0  alles in orde
      1  problemen gevonden (validate: fouten in een kaart; merge: sommige
         bestanden onleesbaar; summary/import/upgrade: geweigerd of
         verificatie mislukt)
      2  verkeerd gebruik, ongeldige configuratie of onleesbare invoer

    \b
    Meldingen zijn Nederlands; --lang en of SCHOOLNET_XL_LANG=en geeft Engels.
    Aanvullen met Tab (bash): eval "$(_SCHOOLNET_XL_COMPLETE=bash_source schoolnet-xl)"
    """
