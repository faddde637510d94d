"""User-facing language: Dutch (Flemish usage) by default, English on request."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
ENV_LANG = "SCHOOLNET_XL_LANG"


def default_lang() -> Lang:
    """The language from SCHOOLNET_XL_LANG, else Dutch."""
    value = os.environ.get(ENV_LANG, "nl").lower()
    return "en" if value.startswith("en") else "nl"


def say(nl: str, en: str, lang: Lang | None = None) -> str:
    """Pick the Dutch or English text of a message."""
    return en if (lang or default_lang()) == "en" else nl
