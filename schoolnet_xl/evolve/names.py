"""One organisation under several spellings: the name key and the near-match rule.

Shared by `merge` (partners named by several schools) and `compare` (one school's
partners across two school years). A name is folded (case, accents, punctuation,
legal forms such as vzw), known synonyms are unified ("Vrij CLB" = "VCLB", "Bib" =
"Bibliotheek", "Sociaal Huis" = "OCMW"), and a bare generic name ("OCMW",
"Bibliotheek") is tied to the school's municipality (the OCMW of Aalst is not the
OCMW of Lokeren). Two keys nearly match when rapidfuzz's ratio on their sorted
words is at least the threshold (NEAR_MATCH), they hold the same numbers, and
they are only a typo's worth of edits apart (so "Sportclub Aalst" and "Sportclub
Aalter" stay two clubs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from schoolnet_xl.core.text import fold_words

NEAR_MATCH = 90
MAX_TYPO_EDITS = 3  # the most edits `typo_edits` allows, for any length

_SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bvrije? clb\b", "vclb"),
        (r"\bvrij centrum voor leerlingenbegeleiding\b", "vclb"),
        (r"\bcentrum voor leerlingenbegeleiding\b", "clb"),
        (r"\bbieb\b", "bibliotheek"),
        (r"\bbib\b", "bibliotheek"),
        (r"\bopenbare bibliotheek\b", "bibliotheek"),
        (r"\bsociaal huis\b", "ocmw"),
        (r"\bhuis vh kind\b", "huis van het kind"),
        (r"\bcentrum algemeen welzijnswerk\b", "caw"),
        (r"\bk en g\b", "kind en gezin"),
    )
)
_LEGAL_FORMS = re.compile(r"\b(vzw|v z w|bv|nv|cv|asbl)\b")
_DIGITS = re.compile(r"\d+")
_STOPWORDS = frozenset({"de", "het", "van", "voor", "en", "der", "den", "t", "s"})
_GENERIC_NAMES = (
    "ocmw", "bibliotheek", "gemeente", "stad", "lop", "onderwijsdienst",
    "dienst onderwijs", "cultuurcentrum", "academie", "sportdienst", "jeugddienst",
    "parochie", "clb", "vclb", "go clb", "caw", "jac", "huis van het kind", "politie",
    "speelpleinwerking", "kinderopvang", "buitenschoolse opvang", "chiro", "scouts", "ksa",
    "moskee", "kerk", "mutualiteit", "huisarts", "logopedist", "cgg", "brugfiguur",
)


@lru_cache(maxsize=1 << 16)
def normalise(name: str, gemeente: str = "") -> str:
    """The comparison key of an organisation name (generic names get the municipality;
    remembered: a region compares 180,000 names, most of them many times)."""
    return placed(name_key(name), gemeente)


def name_keys(names: Iterable[str], gemeente: str) -> list[str]:
    """`normalise` of each name with one municipality (a card's partners' keys).

    Each municipality's names are looked up in a dict of their own, in C, and
    `normalise` asked only for a name not seen there yet: a region keys 270,000
    names, a few thousand of them distinct (half the instructions of a look-up in
    `normalise`'s own memo, keyed by name and municipality).
    """
    known = _KEYS.get(gemeente)
    if known is None or len(known) > _NAMES_LIMIT:
        if len(_KEYS) > _PLACES_LIMIT:
            _KEYS.clear()
        known = _KEYS[gemeente] = _Keys(gemeente)
    return list(map(known.__getitem__, names))


class _Keys(dict[str, str]):
    """A municipality's names -> their keys (`normalise` on first look-up)."""

    def __init__(self, gemeente: str) -> None:
        super().__init__()
        self.gemeente = gemeente

    def __missing__(self, name: str) -> str:
        key = self[name] = normalise(name, self.gemeente)
        return key


# name_keys starts afresh beyond these: names per municipality, municipalities
_NAMES_LIMIT, _PLACES_LIMIT = 1 << 12, 1 << 10
_KEYS: dict[str, _Keys] = {}  # municipality -> its names' keys


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key of a name on its own: folded, synonyms unified, legal forms and stopwords gone."""
    key = fold_words(name)
    if _ANY_SYNONYM.search(key):  # a later synonym can only follow an earlier one's match
        for pattern, replacement in _SYNONYMS:
            key = pattern.sub(replacement, key)
    return _strip_words(_LEGAL_FORMS.sub(" ", key))


def placed(key: str, gemeente: str) -> str:
    """A bare generic key tied to the municipality; any other key as it is."""
    if key in _GENERIC and gemeente:
        return f"{key} {_fold_place(gemeente)}"
    return key


@cache
def _fold_place(gemeente: str) -> str:
    """A municipality folded once (a region has a few dozen)."""
    return fold_words(gemeente)


def _strip_words(text: str) -> str:
    return " ".join(w for w in text.split() if w not in _STOPWORDS)


_GENERIC = frozenset(_strip_words(name) for name in _GENERIC_NAMES)
_ANY_SYNONYM = re.compile("|".join(pattern.pattern for pattern, _ in _SYNONYMS))


def sorted_words(key: str) -> str:
    """A key's words in sorted order: what the near-match ratio compares."""
    return " ".join(sorted(key.split()))


def numbers(key: str) -> list[str]:
    """The numbers in a key, in order (two near names must hold the same)."""
    return _DIGITS.findall(key)


def near_matches(name: str, candidates: list[str],
                 threshold: float = NEAR_MATCH) -> list[tuple[int, float]]:
    """(index, score) of the candidates that nearly match `name`, best first.

    `name` and `candidates` are `sorted_words` of keys; the score is rapidfuzz's
    ratio (0-100), kept only with the same numbers and a typo's worth of edits.
    """
    extract, ratio, distance = _rapidfuzz()
    found = extract(name, candidates, scorer=ratio, score_cutoff=threshold, limit=None)
    if not found:
        return []
    digits = numbers(name)  # once for every candidate
    return [(index, score) for other, score, index in found
            if _typo_apart(name, other, digits, distance)]


@cache
def _rapidfuzz() -> tuple[Any, Any, Any]:
    """rapidfuzz's extract, ratio and Levenshtein distance, imported on first use (an
    import statement per call cost 1 µs, and a region makes 10,000 calls)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    return process.extract, fuzz.ratio, Levenshtein.distance


def _typo_apart(name: str, other: str, digits: list[str],
                distance: Callable[..., int]) -> bool:
    """The same numbers (`digits` are `name`'s) and no more than a typo's worth of edits
    apart."""
    if numbers(other) != digits:
        return False
    allowed = typo_edits(name, other)
    return bool(distance(name, other, score_cutoff=allowed) <= allowed)


def typo_edits(left: str, right: str) -> int:
    """The edits a typo's worth between two names: more for longer names."""
    longest = max(len(left), len(right))
    return 1 if longest < 20 else 2 if longest < 40 else 3
