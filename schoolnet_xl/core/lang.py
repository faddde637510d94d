"""User-facing language: Dutch (Flemish usage) by default, English on request.

The language is, in this order: the one a command line chose with `--lang`
(`speaking`), else SCHOOLNET_XL_LANG from the environment (`en`, `en_GB`, … give
English), else Dutch. Every command, the Excel button and `serve` ask `default_lang()`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
ENV_LANG = "SCHOOLNET_XL_LANG"

_chosen: list[Lang] = []  # the languages `speaking` put in force, innermost last


def lang_of(value: str | None) -> Lang | None:
    """'en', 'EN', 'en_GB' -> 'en'; 'nl', 'nl_BE' -> 'nl'; anything else None."""
    text = (value or "").strip().lower()
    for lang in LANGS:
        if text == lang or text.startswith((f"{lang}_", f"{lang}-", f"{lang}.")):
            return lang
    return None


def default_lang() -> Lang:
    """The language in force: `--lang` of the running command, SCHOOLNET_XL_LANG, else nl."""
    if _chosen:
        return _chosen[-1]
    return lang_of(os.environ.get(ENV_LANG)) or "nl"


@contextmanager
def speaking(lang: Lang) -> Iterator[Lang]:
    """Make `lang` the language in force for the duration of a command."""
    _chosen.append(lang)
    try:
        yield lang
    finally:
        _chosen.pop()


def say(nl: str, en: str, lang: Lang | None = None) -> str:
    """Pick the Dutch or English text of a message."""
    return en if (lang or default_lang()) == "en" else nl


def count(number: int, one: str, many: str) -> str:
    """'1 school', '3 scholen': the number with the singular or plural noun."""
    return f"{number} {one if number == 1 else many}"
