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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

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
    key = _fold(name)
    for pattern, replacement in _SYNONYMS:
        key = pattern.sub(replacement, key)
    key = _strip_words(_LEGAL_FORMS.sub(" ", key))
    if key in _GENERIC and gemeente:
        key = f"{key} {_fold(gemeente)}"
    return key


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold().replace("_", " ")).split())


def _strip_words(text: str) -> str:
    return " ".join(w for w in text.split() if w not in _STOPWORDS)


_GENERIC = frozenset(_strip_words(name) for name in _GENERIC_NAMES)


def _typo_apart(a: str, b: str) -> bool:
    """True when the token-sorted names differ by at most a typo's worth of edits."""
    from rapidfuzz.distance import Levenshtein

    left, right = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    longest = max(len(left), len(right))
    allowed = 1 if longest < 20 else 2 if longest < 40 else 3
    return Levenshtein.distance(left, right, score_cutoff=allowed) <= allowed


def shared_partners(mentions: Iterable[Mention], min_schools: int = 2) -> list[SharedPartner]:
    """Organisations named by at least `min_schools` schools, most schools first."""
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    keys: dict[tuple[str, str], str] = {}  # names repeat across schools: normalise once
    for mention in mentions:
        if not mention.name.strip() or mention.category in OWN_SCHOOL_CATEGORIES:
            continue
        spelling = (mention.name, mention.gemeente)
        key = keys.get(spelling)
        if key is None:
            key = keys[spelling] = normalise(*spelling)
        by_key[(mention.category, key)].append(mention)
    clusters = _near_clusters(list(by_key))
    shared: list[SharedPartner] = []
    for keys in clusters:
        group = [m for key in keys for m in by_key[key]]
        schools = {m.school: m.school_label for m in group}
        if len(schools) < min_schools:
            continue
        spellings = Counter(m.name.strip() for m in group)
        variants = tuple(sorted(spellings, key=lambda s: (-spellings[s], s)))
        shared.append(SharedPartner(
            name=variants[0],
            category=group[0].category,
            schools=tuple(sorted(schools.values(), key=str.casefold)),
            variants=variants,
            mentions=len(group),
        ))
    shared.sort(key=lambda s: (-len(s.schools), s.name.casefold(), s.category))
    return shared


def _near_clusters(keys: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Group keys of one category whose names nearly match (union-find over rapidfuzz)."""
    from rapidfuzz import fuzz, process

    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (category, name) in enumerate(keys):
        blocks[(category, name[:1])].append(index)
    for members in blocks.values():
        if len(members) < 2:
            continue
        names = [keys[i][1] for i in members]
        scores = process.cdist(names, names, scorer=fuzz.token_sort_ratio,
                               score_cutoff=NEAR_MATCH, workers=-1)
        rows, cols = scores.nonzero()
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
            if (a < b and _DIGITS.findall(names[a]) == _DIGITS.findall(names[b])
                    and _typo_apart(names[a], names[b])):
                parent[find(members[a])] = find(members[b])
    clusters: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for index, key in enumerate(keys):
        clusters[find(index)].append(key)
    return list(clusters.values())
