"""Recognise one organisation across schools' cards despite spelling variants.

Names are keyed and nearly matched as `evolve.names` says (the rule `compare`
uses too); keys of one category whose names nearly match are joined into one
organisation. A school's own bodies (category EIGEN: parents' council, alumni)
are never shared.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from schoolnet_xl.core.collector import paused_gc
from schoolnet_xl.evolve.names import (
    MAX_TYPO_EDITS,
    NEAR_MATCH,
    name_key,
    near_matches,
    numbers,
    placed,
    sorted_words,
)

OWN_SCHOOL_CATEGORIES = frozenset({"EIGEN"})


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


def shared_partners(mentions: Iterable[Mention], min_schools: int = 2) -> list[SharedPartner]:
    """Organisations named by at least `min_schools` schools, most schools first.

    The cyclic garbage collector pauses meanwhile: the tallies hold no cycles, and
    its full passes over a region's rows made this grow faster than the region.
    """
    with paused_gc():
        return _shared_partners_of(mentions, min_schools)


class SharedCounts:
    """How many organisations several schools name, per group of cards (a school year).

    The same count as `len(shared_partners(...))` of each group's mentions, worked out
    at once: each (category, key) indexed once for every group, the near pairs of all
    groups' keys found once (a pair nearly matches or not whatever else is named),
    then each group's keys joined along the pairs whose keys it holds. A card comes
    with its partners' keys (`evolve.classify.card_keys`): the evolution works them
    out once for this and for its comparisons.
    """

    def __init__(self, min_schools: int = 2) -> None:
        self.min_schools = min_schools
        self._index = _Indexes()  # (category, key) -> its index
        self._groups: dict[str, dict[str, set[int]]] = {}  # group -> school -> its keys

    def add(self, group: str, school: str, categories: Sequence[str], names: Sequence[str],
            keys: Sequence[str]) -> None:
        """One card: its school's identity, its partners' categories, names and name keys
        (`normalise` with the card's municipality); blank and own-school names count for
        nothing, as in `shared_partners`."""
        spellings: Iterable[tuple[str, str]] = zip(categories, keys, strict=True)
        if "" in keys:  # a blank name's key, or that of a name such as "vzw" (counted)
            spellings = [(category, key) for category, name, key
                         in zip(categories, names, keys, strict=True) if key or name.strip()]
        # in C, a new (category, key) indexed by _Indexes.__missing__: a region has
        # 270,000 rows
        found = set(map(self._index.__getitem__, spellings))
        found.discard(_NEVER_SHARED)
        schools = self._groups.get(group)
        if schools is None:
            schools = self._groups[group] = {}
        if school in schools:
            schools[school] |= found
        else:
            schools[school] = found

    def counts(self) -> dict[str, int]:
        """Per group (in the order first added), its organisations named by at least
        `min_schools` schools."""
        pairs = list(_near_pairs(list(self._index)))  # the keys in index order
        return {group: self._count(schools, pairs) for group, schools in self._groups.items()}

    def _count(self, schools: dict[str, set[int]], pairs: list[tuple[int, int]]) -> int:
        """The shared organisations of one group: its keys joined along `pairs`."""
        named_by: Counter[int] = Counter()
        for held in schools.values():
            named_by.update(held)
        parent = {i: i for pair in pairs if pair[0] in named_by and pair[1] in named_by
                  for i in pair}
        least = self.min_schools
        alone = sum(n >= least for i, n in named_by.items() if i not in parent)
        if not parent:
            return alone
        for a, b in pairs:
            if a in parent and b in parent:
                parent[_root(parent, a)] = _root(parent, b)
        joined: dict[int, set[str]] = defaultdict(set)
        linked = set(parent)
        for school, held in schools.items():
            for i in held & linked:
                joined[_root(parent, i)].add(school)
        return alone + sum(len(named) >= least for named in joined.values())


_NEVER_SHARED = -1  # the index of an own-school name


class _Indexes(dict[tuple[str, str], int]):
    """(category, key) -> its index, numbered in the order first seen; _NEVER_SHARED
    (not kept) for a category of a school's own bodies."""

    def __missing__(self, spelling: tuple[str, str]) -> int:
        if spelling[0] in OWN_SCHOOL_CATEGORIES:
            return _NEVER_SHARED
        index = self[spelling] = len(self)
        return index


def _root(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _shared_partners_of(mentions: Iterable[Mention], min_schools: int) -> list[SharedPartner]:
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
    own_key = name_keys.get(name)
    if own_key is None:
        own_key = name_keys[name] = name_key(name)
    key = (category, placed(own_key, gemeente))
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
    parent = {i: i for i in range(len(keys))}
    for a, b in _near_pairs(keys):
        parent[_root(parent, a)] = _root(parent, b)
    clusters: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for index, key in enumerate(keys):
        clusters[_root(parent, index)].append(key)
    return list(clusters.values())


def _near_pairs(keys: list[tuple[str, str]]) -> Iterator[tuple[int, int]]:
    """Index pairs of keys that nearly match (`evolve.names.near_matches`).

    Only keys of one category, first letter and numbers are compared (near names hold
    the same numbers), each with the later keys of its block whose length is within a
    typo's worth of edits of its own (the block sorted by length): no pair beyond that
    window can nearly match.
    """
    names = [sorted_words(name) for _, name in keys]
    for members in _blocks(keys, names):
        members.sort(key=lambda i: len(names[i]))
        lengths = [len(names[i]) for i in members]
        for position, a in enumerate(members[:-1]):
            name = names[a]
            stop = bisect_right(lengths, len(name) + MAX_TYPO_EDITS, lo=position + 1)
            rest = members[position + 1:stop]
            for offset, _ in near_matches(name, [names[b] for b in rest], NEAR_MATCH):
                yield a, rest[offset]


def _blocks(keys: list[tuple[str, str]], names: list[str]) -> Iterator[list[int]]:
    """Indexes of keys with the same category, first letter and numbers (of their
    `names`, the keys' sorted words), two or more."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, (category, name) in enumerate(keys):
        blocks[(category, name[:1], *numbers(names[index]))].append(index)
    return (members for members in blocks.values() if len(members) > 1)
