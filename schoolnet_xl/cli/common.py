"""Options and error handling shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from schoolnet_xl.cli.help_words import bilingual
from schoolnet_xl.core.files import os_error_words
from schoolnet_xl.core.lang import LANGS, Lang, default_lang, say
from schoolnet_xl.core.vocabulary import ConfigError, Vocabulary, load_vocabulary

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# metavars of the usage lines, Dutch with their English
FILE = bilingual("BESTAND", "FILE")
FOLDER = bilingual("MAP", "FOLDER")
NUMBER = bilingual("GETAL", "NUMBER")
TEXT = bilingual("TEKST", "TEXT")
# --lang of every command and of the group itself
LANG_HELP = bilingual("Taal van de meldingen: nl of en (standaard SCHOOLNET_XL_LANG, anders nl).",
                      "Language of the messages: nl or en (default SCHOOLNET_XL_LANG, else nl).")


class UserError(click.ClickException):
    """A clear message for the user, 'Fout: …' / 'Error: …'; exit code 2 unless told
    otherwise."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        # click declares exit_code on the class; each UserError carries its own.
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(f"{say('Fout', 'Error')}: {self.format_message()}", err=True)


def os_error_message(exc: OSError, lang: Lang | None = None) -> str:
    """An operating-system error as a sentence naming the file, in `lang`."""
    where = exc.filename if exc.filename is not None else exc.filename2
    name = str(where) if where is not None else say("een bestand", "a file", lang)
    return f"{name}: {os_error_words(exc).render(lang or default_lang())}."


def config_option(func: F) -> F:
    """`--config regio.toml`: a region's vocabulary override."""
    return click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        metavar=FILE,
        help=bilingual("Regionale configuratie (TOML) die categorieën of X-kolommen aanpast.",
                       "A region's configuration (TOML) that changes categories or X columns."),
    )(func)


def lang_option(func: F) -> F:
    """`--lang nl|en`: the language of messages."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        callback=_lang_or_default,
        help=LANG_HELP,
    )(func)


def _lang_or_default(ctx: click.Context, param: click.Parameter, value: Lang | None) -> Lang:
    return value or default_lang()


def vocabulary_from_option(config: Path | None) -> Vocabulary:
    """Load the vocabulary, turning a bad config into a clear exit-2 message."""
    try:
        return load_vocabulary(config)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "FILE",
    "FOLDER",
    "LANG_HELP",
    "NUMBER",
    "TEXT",
    "Lang",
    "UserError",
    "config_option",
    "lang_option",
    "os_error_message",
    "vocabulary_from_option",
]
