"""The card's vocabulary as data: categories, X columns (focus areas), scales.

The default ships as ``default.toml``; a region overrides it with a file of the
same shape (``--config regio.toml``). Tables are keyed by stable codes, so an
override renames, adds or changes only what it names.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from schoolnet_xl.core.text import fold_spacing

if TYPE_CHECKING:
    from collections.abc import Mapping

    from schoolnet_xl.core.model import Sourced

Expectation = Literal["core", "recommended"]
ALL_LEVELS = "*"
MISSPELT_CUTOFF = 0.8  # similarity to a label above which a Categorie is a typo of it


def judging_vocabulary(stored: Vocabulary | None, given: Vocabulary) -> Vocabulary:
    """The vocabulary a card is read and judged with: the one it stores (was made with)
    unless a region's --config was given explicitly (then that one, with a warning where
    they differ: see validate.check)."""
    if stored is not None and given.source == "default":
        return stored
    return given


class ConfigError(Exception):
    """An invalid vocabulary/config file; the message is Dutch and names file and key."""


@dataclass(frozen=True)
class FocusArea:
    """One X column (a challenge a partnership serves)."""

    code: str
    header: str
    header_en: str = ""
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """A partner category with what is expected of it per onderwijsniveau."""

    code: str
    label: str
    label_en: str = ""
    definition: str = ""
    examples: str = ""
    keywords: tuple[str, ...] = ()
    core: tuple[str, ...] = ()
    recommended: tuple[str, ...] = ()

    def expectation(self, level_code: str | None) -> Expectation | None:
        """Core / recommended / nothing for a level code (None = level unknown).

        With the level unknown, a category counts as core only when it is core
        on every level, and as recommended when it is expected on some level.
        """
        if level_code is None:
            if ALL_LEVELS in self.core:
                return "core"
            return "recommended" if (self.core or self.recommended) else None
        if ALL_LEVELS in self.core or level_code in self.core:
            return "core"
        if ALL_LEVELS in self.recommended or level_code in self.recommended:
            return "recommended"
        return None


@dataclass(frozen=True)
class Vocabulary:
    """Everything a card's words can be: built from default.toml plus overrides."""

    name: str
    version: str
    levels: dict[str, str]
    categories: tuple[Category, ...]
    focus: tuple[FocusArea, ...]
    scales: dict[str, tuple[str, ...]]
    accepted_marks: tuple[str, ...]
    source: str = "default"
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # -- look-ups ---------------------------------------------------------
    def category(self, code: str) -> Category | None:
        """The category with this code, or None."""
        return self._by_code.get(code)

    @cached_property
    def _by_code(self) -> dict[str, Category]:
        """Code -> category; the first category wins."""
        by_code: dict[str, Category] = {}
        for category in self.categories:
            by_code.setdefault(category.code, category)
        return by_code

    def category_code_for(self, text: str) -> str | None:
        """Resolve a code or a label (case/space-insensitive) to a category code."""
        return self._category_keys.get(fold_spacing(text))

    @cached_property
    def _category_keys(self) -> dict[str, str]:
        """Folded code, label and English label -> code; the first category wins."""
        keys: dict[str, str] = {}
        for cat in self.categories:
            for name in (cat.code, cat.label, cat.label_en):
                keys.setdefault(fold_spacing(name), cat.code)
        return keys

    def level_code_for(self, text: str) -> str | None:
        """Resolve an onderwijsniveau code or label to its code."""
        return self._level_keys.get(fold_spacing(text))

    @cached_property
    def _level_keys(self) -> dict[str, str]:
        """Folded code and label -> level code; the first level wins."""
        keys: dict[str, str] = {}
        for code, label in self.levels.items():
            keys.setdefault(fold_spacing(code), code)
            keys.setdefault(fold_spacing(label), code)
        return keys

    def marked(self, focus: Mapping[str, Sourced]) -> tuple[str, ...]:
        """The X-column codes a row's X cells (`Partner.focus`) mark validly, in the
        vocabulary's order."""
        return tuple(f.code for f in self.focus
                     if (cell := focus.get(f.code)) is not None and self.is_mark(cell.value))

    def is_mark(self, value: object) -> bool:
        """True when a cell value is an accepted X mark."""
        if value.__class__ is str:
            return value in self.mark_texts or fold_spacing(value) in self.mark_texts
        if value is None or value is False:
            return False
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value == 1
        if value is True:
            return True
        return fold_spacing(str(value)) in self.mark_texts

    @cached_property
    def mark_texts(self) -> frozenset[str]:
        """The accepted marks as written in the vocabulary and folded (a set: cards hold
        thousands of marks); a text in it is a mark (`is_mark`)."""
        folded = [fold_spacing(mark) for mark in self.accepted_marks]
        return frozenset((*self.accepted_marks, *folded, *(mark.upper() for mark in folded)))

    def guess_category(self, *texts: str) -> str | None:
        """Guess a category from free text by keyword hints; first match wins.

        The match that starts earliest in the text wins, so "Integrale
        jeugdhulp: … Kind en Gezin" guesses JH.
        """
        haystack = " ".join(t for t in texts if t).lower()
        best: tuple[int, int, str] | None = None
        for order, cat in enumerate(self.categories):
            for keyword in cat.keywords:
                pos = _find_word_start(haystack, keyword.lower())
                if pos >= 0 and (best is None or (pos, order) < best[:2]):
                    best = (pos, order, cat.code)
        return best[2] if best else None

    def is_misspelt_label(self, text: str) -> bool:
        """True when `text` is a near miss of a category's code or label ('Bibliotheeek'):
        a typo to correct, not a category in one's own words to guess from keywords."""
        key = fold_spacing(text)
        known = self._near_misses.get(key)
        if known is None:
            close = difflib.get_close_matches(key, list(self._category_keys), n=1,
                                              cutoff=MISSPELT_CUTOFF)
            known = self._near_misses[key] = bool(close)
        return known

    @cached_property
    def _near_misses(self) -> dict[str, bool]:
        return {}

    def to_json(self) -> str:
        """The effective vocabulary as JSON (stored in a card's `_schoolnet` sheet)."""
        return json.dumps(self.raw, ensure_ascii=False, sort_keys=False)


def _find_word_start(haystack: str, keyword: str) -> int:
    """Position of keyword where it starts a word (prefix match), else -1."""
    start = 0
    while True:
        pos = haystack.find(keyword, start)
        if pos < 0:
            return -1
        if pos == 0 or not haystack[pos - 1].isalnum():
            return pos
        start = pos + 1


# -- loading --------------------------------------------------------------

_TOP_KEYS = {"name", "version", "levels", "marks", "scales", "focus", "categories"}
_FOCUS_KEYS = {"header", "header_en", "synonyms"}
_CATEGORY_KEYS = {
    "label", "label_en", "definition", "examples", "keywords", "core", "recommended",
}
_LIST_KEYS = {"synonyms", "keywords", "core", "recommended", "accepted"}


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package."""
    text = resources.files(__package__).joinpath("default.toml").read_text("utf-8")
    return _build(tomllib.loads(text), source="default")


def load_vocabulary(config: str | Path | None = None) -> Vocabulary:
    """The default vocabulary, overridden by a region's TOML file when given."""
    if config is None:
        return default_vocabulary()
    path = Path(config)
    try:
        override = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuratiebestand niet gevonden") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: geen tekstbestand in UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: geen geldige TOML ({exc})") from None
    merged = _merge(default_vocabulary().raw, override, str(path))
    return _build(merged, source=str(path))


def vocabulary_from_json(text: str) -> Vocabulary:
    """Rebuild a vocabulary stored in a card (see `Vocabulary.to_json`)."""
    return _build(json.loads(text), source="card")


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    _check_keys(override, _TOP_KEYS, where, "")
    merged = json.loads(json.dumps(base))
    for key in ("name", "version"):
        if key in override:
            merged[key] = _expect_str(override[key], where, key)
    for section in ("levels", "scales", "marks"):
        if section in override:
            table = _expect_table(override[section], where, section)
            if section == "marks":
                _check_keys(table, {"accepted"}, where, "marks.")
            merged[section].update(table)
    for section, allowed in (("focus", _FOCUS_KEYS), ("categories", _CATEGORY_KEYS)):
        for code, entry in _expect_table(override.get(section, {}), where, section).items():
            entry = _expect_table(entry, where, f"{section}.{code}")
            _check_keys(entry, allowed, where, f"{section}.{code}.")
            merged[section].setdefault(code, {}).update(entry)
    return merged


def _build(data: dict[str, Any], source: str) -> Vocabulary:
    where = source
    for section in ("focus", "categories"):
        for code, entry in data.get(section, {}).items():
            for key, value in entry.items():
                _check_value(key, value, where, f"{section}.{code}.{key}")
            required = "header" if section == "focus" else "label"
            if not entry.get(required):
                raise ConfigError(f"{where}: sleutel '{section}.{code}.{required}' ontbreekt")
    levels = {str(k): _expect_str(v, where, f"levels.{k}") for k, v in data["levels"].items()}
    for code, entry in data["categories"].items():
        for key in ("core", "recommended"):
            for level in entry.get(key, []):
                if level != ALL_LEVELS and level not in levels:
                    raise ConfigError(
                        f"{where}: sleutel 'categories.{code}.{key}' noemt onbekend "
                        f"onderwijsniveau '{level}' (kies uit {', '.join(levels)} of \"*\")"
                    )
    scales = {
        k: tuple(_expect_list(v, where, f"scales.{k}")) for k, v in data["scales"].items()
    }
    accepted = _expect_list(data["marks"]["accepted"], where, "marks.accepted")
    marks = tuple(fold_spacing(m) for m in accepted)
    return Vocabulary(
        name=_expect_str(data["name"], where, "name"),
        version=_expect_str(data["version"], where, "version"),
        levels=levels,
        categories=tuple(
            Category(code=code, **{k: _tupled(v) for k, v in entry.items()})
            for code, entry in data["categories"].items()
        ),
        focus=tuple(
            FocusArea(code=code, **{k: _tupled(v) for k, v in entry.items()})
            for code, entry in data["focus"].items()
        ),
        scales=scales,
        accepted_marks=marks,
        source=source,
        raw=data,
    )


def _tupled(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _check_keys(table: dict[str, Any], allowed: set[str], where: str, prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(
                f"{where}: onbekende sleutel '{prefix}{key}' "
                f"(toegelaten: {', '.join(sorted(allowed))})"
            )


def _check_value(key: str, value: Any, where: str, dotted: str) -> None:
    if key in _LIST_KEYS:
        _expect_list(value, where, dotted)
    else:
        _expect_str(value, where, dotted)


def _expect_str(value: Any, where: str, dotted: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: sleutel '{dotted}' moet tekst zijn, niet {value!r}")
    return value


def _expect_list(value: Any, where: str, dotted: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: sleutel '{dotted}' moet een lijst van teksten zijn")
    return value


def _expect_table(value: Any, where: str, dotted: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: sleutel '{dotted}' moet een tabel zijn")
    return value
