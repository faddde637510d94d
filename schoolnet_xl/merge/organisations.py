"""Recognise one organisation across schools' cards despite spelling variants.

A name is folded (case, accents, punctuation, legal forms such as vzw), known
synonyms are unified ("Vrij CLB" = "VCLB", "Bib" = "Bibliotheek", "Sociaal
Huis" = "OCMW"), a bare generic name ("OCMW", "Bibliotheek") is tied to the
school's municipality (the OCMW of Aalst is not the OCMW of Lokeren), and the
remaining names of one category are joined when rapidfuzz finds them nearly
equal: token_sort_ratio >= NEAR_MATCH, the same numbers, and only a typo's worth
of edits apart (so "Sportclub Aalst" and "Sportclub Aalter" stay two clubs). A school's own bodies
(category EIGEN: parents' council, alumni) are never shared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from schoolnet_xl.core.text import fold_words

NEAR_MATCH = 90
OWN_SCHOOL_CATEGORIES = frozenset({"EIGEN"})

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
_NON_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+")
_STOPWORDS = frozenset({"de", "het", "van", "voor", "en", "der", "den", "t", "s"})
_GENERIC_NAMES = (
    "ocmw", "bibliotheek", "gemeente", "stad", "lop", "onderwijsdienst",
    "dienst onderwijs", "cultuurcentrum", "academie", "sportdienst", "jeugddienst",
    "parochie", "clb", "vclb", "go clb", "caw", "jac", "huis van het kind", "politie",
    "speelpleinwerking", "kinderopvang", "buitenschoolse opvang", "chiro", "scouts", "ksa",
    "moskee", "kerk", "mutualiteit", "huisarts", "logopedist", "cgg", "brugfiguur",
)


class Mention(NamedTuple):
    """One partner row: which school names which organisation, in which category.

    A named tuple: a region has one per partner row (90,000 for Flanders).
    """

    school: str  # a stable school identity (e.g. instellingsnummer or file)
    school_label: str
    gemeente: str
    category: str  # category code, "" when unknown
    name: str


@dataclass(frozen=True, slots=True)
class SharedPartner:
    """An organisation named by several schools, with the spellings seen."""

    name: str  # the most frequent spelling
    category: str
    schools: tuple[str, ...]  # school labels, sorted
    variants: tuple[str, ...]  # every spelling seen, most frequent first
    mentions: int


def normalise(name: str, gemeente: str = "") -> str:
    """The comparison key of an organisation name (generic names get the municipality)."""
    return _placed(_name_key(name), gemeente)


def _name_key(name: str) -> str:
    """The key of a name on its own: folded, synonyms unified, legal forms and stopwords gone."""
    key = fold_words(name)
    if _ANY_SYNONYM.search(key):  # a later synonym can only follow an earlier one's match
        for pattern, replacement in _SYNONYMS:
            key = pattern.sub(replacement, key)
    return _strip_words(_LEGAL_FORMS.sub(" ", key))


def _placed(key: str, gemeente: str) -> str:
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


def shared_partners(mentions: Iterable[Mention], min_schools: int = 2) -> list[SharedPartner]:
    """Organisations named by at least `min_schools` schools, most schools first."""
    tallies = _tallies(mentions)
    shared: list[SharedPartner] = []
    for keys in _near_clusters(list(tallies)):
        partner = _shared_partner(keys[0][0], [tallies[key] for key in keys], min_schools)
        if partner is not None:
            shared.append(partner)
    shared.sort(key=lambda s: (-len(s.schools), s.name.casefold(), s.category))
    return shared


@dataclass(slots=True)
class _Tally:
    """The mentions of one (category, key)."""

    schools: dict[str, str] = field(default_factory=dict)  # school -> last label, first seen first
    spellings: dict[str, int] = field(default_factory=dict)  # stripped name -> mentions


@dataclass(slots=True)
class _Spelling:
    """One (category, name, gemeente) as named: the tally it counts towards, and how often."""

    tally: _Tally
    mentions: int = 0


def _tallies(mentions: Iterable[Mention]) -> dict[tuple[str, str], _Tally]:
    """Tally per (category, key) in first-seen order; blank and own-school names left out.

    Names repeat across schools, so each (category, name, gemeente) is judged once
    and each name is keyed once.
    """
    tallies: dict[tuple[str, str], _Tally] = {}
    spellings: dict[tuple[str, str, str], _Spelling] = {}
    name_keys: dict[str, str] = {}
    for school, label, gemeente, category, name in mentions:  # a Mention is a named tuple
        spelling = spellings.get((category, name, gemeente))
        if spelling is None:
            tally = _tally_of(tallies, name_keys, category, name, gemeente)
            spelling = spellings[category, name, gemeente] = _Spelling(tally)
        spelling.tally.schools[school] = label
        spelling.mentions += 1
    for (_, name, _), spelling in spellings.items():
        counts, stripped = spelling.tally.spellings, name.strip()
        counts[stripped] = counts.get(stripped, 0) + spelling.mentions
    return tallies


def _tally_of(tallies: dict[tuple[str, str], _Tally], name_keys: dict[str, str],
              category: str, name: str, gemeente: str) -> _Tally:
    """The tally a spelling counts towards (a discarded one when it is never shared)."""
    if not name.strip() or category in OWN_SCHOOL_CATEGORIES:
        return _Tally()
    name_key = name_keys.get(name)
    if name_key is None:
        name_key = name_keys[name] = _name_key(name)
    key = (category, _placed(name_key, gemeente))
    tally = tallies.get(key)
    if tally is None:
        tally = tallies[key] = _Tally()
    return tally


def _shared_partner(category: str, tallies: list[_Tally],
                    min_schools: int) -> SharedPartner | None:
    """One cluster's tallies (in key order) as a SharedPartner, if shared enough."""
    schools, spellings = tallies[0].schools, tallies[0].spellings
    if len(tallies) > 1:
        schools, spellings = {}, Counter()
        for tally in tallies:
            schools.update(tally.schools)
            spellings.update(tally.spellings)
    if len(schools) < min_schools:
        return None
    variants = tuple(sorted(spellings, key=lambda s: (-spellings[s], s)))
    return SharedPartner(
        name=variants[0],
        category=category,
        schools=tuple(sorted(schools.values(), key=str.casefold)),
        variants=variants,
        mentions=sum(spellings.values()),
    )


def _near_clusters(keys: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Group keys of one category whose names nearly match (union-find over rapidfuzz)."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _near_pairs(keys):
        parent[find(a)] = find(b)
    clusters: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for index, key in enumerate(keys):
        clusters[find(index)].append(key)
    return list(clusters.values())


def _near_pairs(keys: list[tuple[str, str]]) -> Iterator[tuple[int, int]]:
    """Index pairs of keys that nearly match (see the module docstring).

    Only keys of one category and first letter are compared. token_sort_ratio is
    ratio on the sorted words, so each name is sorted once and rapidfuzz scores it
    against the rest of its block in one call (no numpy array, no threads).
    """
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    sorted_names = [" ".join(sorted(name.split())) for _, name in keys]
    numbers = [_DIGITS.findall(name) for _, name in keys]
    for members in _blocks(keys):
        names = [sorted_names[i] for i in members]
        for position, a in enumerate(members[:-1]):
            name, rest = names[position], names[position + 1:]
            for other, _, offset in process.extract(name, rest, scorer=fuzz.ratio,
                                                    score_cutoff=NEAR_MATCH, limit=None):
                b = members[position + 1 + offset]
                allowed = _typo_edits(name, other)
                if (numbers[a] == numbers[b]
                        and Levenshtein.distance(name, other, score_cutoff=allowed) <= allowed):
                    yield a, b


def _blocks(keys: list[tuple[str, str]]) -> Iterator[list[int]]:
    """Indexes of keys with the same category and first letter, two or more."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (category, name) in enumerate(keys):
        blocks[(category, name[:1])].append(index)
    return (members for members in blocks.values() if len(members) > 1)


def _typo_edits(left: str, right: str) -> int:
    """The edits a typo's worth between two names: more for longer names."""
    longest = max(len(left), len(right))
    return 1 if longest < 20 else 2 if longest < 40 else 3
