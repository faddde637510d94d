"""The `schoolnet-xl` command: a thin click layer over the library.

Commands live in one module per capability and are imported only when called,
so `schoolnet-xl validate` does not pay for pandas or XlsxWriter.
"""

from __future__ import annotations

import importlib

import click

from schoolnet_xl import __version__

# command name -> "module:function", imported on first use.
COMMANDS: dict[str, str] = {
    "new": "schoolnet_xl.cli.card_cmds:new",
    "template": "schoolnet_xl.cli.card_cmds:template",
    "validate": "schoolnet_xl.cli.check_cmds:validate",
    "gaps": "schoolnet_xl.cli.check_cmds:gaps",
    "rules": "schoolnet_xl.cli.check_cmds:rules",
    "merge": "schoolnet_xl.cli.merge_cmds:merge",
    "demo": "schoolnet_xl.cli.merge_cmds:demo",
    "serve": "schoolnet_xl.cli.serve_cmd:serve",
    "summary": "schoolnet_xl.cli.edit_cmds:summary",
    "import": "schoolnet_xl.cli.edit_cmds:import_card",
    "upgrade": "schoolnet_xl.cli.edit_cmds:upgrade",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schoolnet-xl")
def main() -> None:
    """schoolnet-xl: de netwerkkaart van je school als levend Excel-werkboek.

    \b
    Exit codes (elke opdracht beschrijft de hare in --help):
      0  alles in orde
      1  problemen gevonden (validate: fouten in een kaart; merge: sommige
         bestanden onleesbaar; summary/import/upgrade: geweigerd of
         verificatie mislukt)
      2  verkeerd gebruik, ongeldige configuratie of onleesbare invoer
    """
