"""Shared partners: how mentions across spellings are counted and how far a match reaches."""

from __future__ import annotations

import random

from schoolnet_xl.evolve.names import near_matches, normalise, sorted_words
from schoolnet_xl.merge.organisations import (
    Mention,
    SharedPartner,
    _blocks,
    _near_pairs,
    shared_partners,
)


def _m(school: str, category: str, name: str, gemeente: str = "Aalst") -> Mention:
    return Mention(school, f"School {school}", gemeente, category, name)


def test_synonyms_apply_in_turn() -> None:
    assert normalise("Openbare Bieb", "Aalst") == normalise("Bibliotheek", "Aalst")


def test_every_mention_counts_once_and_every_school_once_across_spellings() -> None:
    shared = shared_partners([
        _m("1", "SPORT", "Sportclub Aalst"), _m("2", "SPORT", " Sportclub Aalst "),
        _m("1", "SPORT", "Sportclub Alst"), _m("3", "SPORT", "Sportclub Alst", "Lokeren"),
        _m("3", "SPORT", "   "),
    ])
    assert shared == [SharedPartner(
        name="Sportclub Aalst", category="SPORT",
        schools=("School 1", "School 2", "School 3"),
        variants=("Sportclub Aalst", "Sportclub Alst"), mentions=4)]


def test_a_long_name_takes_two_typos_but_not_three() -> None:
    two = shared_partners([_m("1", "CULT", "Muziekacademie Regio Dendermonde"),
                           _m("2", "CULT", "Muziekacadmie Regio Dendermnde")])
    three = shared_partners([_m("1", "CULT", "Muziekacademie Regio Dendermonde"),
                             _m("2", "CULT", "Muzikacadmie Regio Dendermnde")])
    assert [s.variants for s in two] == [
        ("Muziekacademie Regio Dendermonde", "Muziekacadmie Regio Dendermnde")]
    assert three == []


def test_length_window_finds_every_pair_comparing_all_would() -> None:
    """The near-pair search skips only pairs too far apart in length to be a typo apart:
    it finds exactly the pairs that comparing every two names of a block finds."""
    rng = random.Random(7)
    letters = "abcdeklmnorst"
    keys: list[tuple[str, str]] = []
    for _ in range(300):
        length = rng.choice((5, 12, 18, 19, 20, 21, 38, 39, 40, 41, 55))
        name = "s" + "".join(rng.choice(letters) for _ in range(length - 1))
        keys.append(("SPORT", name))
        for edits in (1, 2, 3):  # typo'd copies: deletions and insertions change the length
            typo = list(name)
            for _ in range(edits):
                at = rng.randrange(1, len(typo))
                if rng.random() < 0.5:
                    del typo[at]
                else:
                    typo.insert(at, rng.choice(letters))
            keys.append(("SPORT", "".join(typo)))
    keys = list(dict.fromkeys(keys))
    names = [sorted_words(name) for _, name in keys]
    every: set[tuple[int, int]] = set()
    for members in _blocks(keys, names):
        for position, a in enumerate(members):
            rest = members[position + 1:]
            every.update((min(a, rest[offset]), max(a, rest[offset]))
                         for offset, _ in near_matches(names[a], [names[b] for b in rest]))
    found = {(min(pair), max(pair)) for pair in _near_pairs(keys)}
    assert len(every) > 100  # the typo'd copies match their originals, 1 to 3 edits away
    assert found == every
