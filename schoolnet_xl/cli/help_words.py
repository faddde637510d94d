"""The English of our own `--help` texts, declared beside the Dutch ones.

Help texts are written in Dutch (the msgid, as in gettext); `bilingual(nl, en)`
and `@english(...)` record their English next to them, and `localised` gives a
command whose help, metavars and usage words are those of the language in force.
tests/test_cli_language.py checks that every help text of every command has its
English and that no line of either language holds the other's words.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from typing import TypeVar

import click

from schoolnet_xl.core.lang import Lang, say

ENGLISH: dict[str, str] = {}  # Dutch text (cleaned up as click shows it) -> English

C = TypeVar("C", bound=click.Command)


def _key(text: str) -> str:
    return inspect.cleandoc(text)


def bilingual(nl: str, en: str) -> str:
    """Record the English of a Dutch help text or metavar; returns the Dutch."""
    ENGLISH[_key(nl)] = _key(en)
    return nl


def english(help_text: str, epilog: str | None = None) -> Callable[[C], C]:
    """Above `@click.command()`: the English of the command's docstring (and epilog)."""
    def record(command: C) -> C:
        if command.help:
            ENGLISH[_key(command.help)] = _key(help_text)
        if epilog is not None and command.epilog:
            ENGLISH[_key(command.epilog)] = _key(epilog)
        return command
    return record


def translate(text: str | None, lang: Lang) -> str | None:
    """A help text in `lang` (Dutch as written; English from the record, if any)."""
    if text is None or lang == "nl":
        return text
    return ENGLISH.get(_key(text), text)


def missing_english(text: str | None) -> bool:
    """True for a help text that has no recorded English."""
    return bool(text) and _key(text or "") not in ENGLISH


def usage_words(command: click.Command, lang: Lang) -> None:
    """The [OPTIONS] and COMMAND [ARGS]... of a usage line, in `lang`."""
    command.options_metavar = say("[OPTIES]", "[OPTIONS]", lang)
    if isinstance(command, click.Group):
        command.subcommand_metavar = say("OPDRACHT [ARGUMENTEN]...", "COMMAND [ARGS]...", lang)


def localised(command: C, lang: Lang) -> C:
    """A copy of `command` whose help, metavars and usage words are in `lang`."""
    result = copy.copy(command)
    usage_words(result, lang)
    result.help = translate(command.help, lang)
    result.epilog = translate(command.epilog, lang)
    result.short_help = translate(command.short_help, lang)
    result.params = localised_params(command.params, lang)
    return result


def localised_params(params: list[click.Parameter], lang: Lang) -> list[click.Parameter]:
    """Copies of `params` whose help and metavar are in `lang`."""
    result = []
    for param in params:
        param = copy.copy(param)
        param.metavar = translate(param.metavar, lang)
        if isinstance(param, click.Option):
            param.help = translate(param.help, lang)
        result.append(param)
    return result
