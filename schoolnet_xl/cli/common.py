"""Options and error handling shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from schoolnet_xl.core.lang import LANGS, Lang
from schoolnet_xl.core.vocabulary import ConfigError, Vocabulary, load_vocabulary

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class UserError(click.ClickException):
    """A clear (Dutch) message for the user; exit code 2 unless told otherwise."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        # click declares exit_code on the class; each UserError carries its own.
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


def config_option(func: F) -> F:
    """`--config regio.toml`: a region's vocabulary override."""
    return click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Regionale configuratie (TOML) die categorieën of X-kolommen aanpast.",
    )(func)


def lang_option(func: F) -> F:
    """`--lang nl|en`: the language of messages."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="nl",
        show_default=True,
        help="Taal van de meldingen (nl of en).",
    )(func)


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
    "Lang",
    "UserError",
    "config_option",
    "lang_option",
    "vocabulary_from_option",
]
