"""Shared partners: how mentions across spellings are counted and how far a match reaches."""

from __future__ import annotations

import random

from schoolnet_xl.evolve.names import name_keys, near_matches, normalise, sorted_words
from schoolnet_xl.merge.organisations import (
    Mention,
    SharedCounts,
    SharedPartner,
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
    """The near-pair search skips only pairs too far apart in length to be a typo apart,
    or of other numbers: it finds exactly the pairs that comparing every two names of a
    category finds."""
    rng = random.Random(7)
    letters = "abcdeklmnorst"
    keys: list[tuple[str, str]] = []
    for _ in range(300):
        length = rng.choice((5, 12, 18, 19, 20, 21, 38, 39, 40, 41, 55))
        name = "s" + "".join(rng.choice(letters) for _ in range(length - 1))
        if rng.random() < 0.3:  # numbered: a typo'd copy keeps the number or not
            name = f"{name} {rng.choice((1, 2, 12))}"
        keys.append(("SPORT", name))
        for edits in (1, 2, 3):  # typo'd copies: deletions and insertions change the length
            typo = list(name)
            for _ in range(edits):
                at = rng.randrange(1, len(typo))
                if rng.random() < 0.5:
                    del typo[at]
                else:
                    typo.insert(at, rng.choice(letters + "123"))
            keys.append(("SPORT", "".join(typo)))
    keys = list(dict.fromkeys(keys))
    names = [sorted_words(name) for _, name in keys]
    every: set[tuple[int, int]] = set()
    for a in range(len(keys)):
        rest = list(range(a + 1, len(keys)))
        every.update((a, rest[offset])
                     for offset, _ in near_matches(names[a], [names[b] for b in rest]))
    found = {(min(pair), max(pair)) for pair in _near_pairs(keys)}
    assert len(every) > 100  # the typo'd copies match their originals, 1 to 3 edits away
    assert found == every


def _counts_both_ways(cards: list[tuple[str, str, str, list[tuple[str, str]]]]
                      ) -> tuple[dict[str, int], dict[str, int]]:
    """(SharedCounts, shared_partners of each group's mentions) of cards given as
    (group, school, gemeente, [(category, name)])."""
    counts = SharedCounts()
    mentions: dict[str, list[Mention]] = {}
    for group, school, gemeente, partners in cards:
        counts.add(group, school, [c for c, _ in partners], [n for _, n in partners],
                   [normalise(n, gemeente) for _, n in partners])
        mentions.setdefault(group, []).extend(
            Mention(school, f"School {school}", gemeente, c, n) for c, n in partners)
    return counts.counts(), {group: len(shared_partners(found))
                             for group, found in mentions.items()}


def test_shared_counts_join_a_year_s_keys_only_along_that_year_s_near_pairs() -> None:
    """A chain of spellings, each a typo from the next: a year naming only its ends has two
    organisations, though another year's spellings link them."""
    chain = ["Muziekacademie Dendermonde", "Muziekacadmie Dendermonde",
             "Muziekacadmie Dendermnde", "Muzikacadmie Dendermnde"]  # each one typo on
    cards = [
        # 2024: the two ends of the chain only (three typos apart): two organisations
        ("2024", "1", "Aalst", [("CULT", chain[0])]), ("2024", "2", "Aalst", [("CULT", chain[3])]),
        # 2025: the whole chain, one school each: one organisation of four schools
        *[("2025", str(i), "Aalst", [("CULT", name)]) for i, name in enumerate(chain)],
        # one school naming it twice, blank and own-school names, another municipality
        ("2026", "1", "Aalst", [("CULT", chain[0]), ("CULT", chain[1]), ("EIGEN", "Ouderraad"),
                                 ("CULT", "  "), ("OCMW", "OCMW")]),
        ("2026", "1", "Aalst", [("EIGEN", "Ouderraad")]),  # the same school's other card
        ("2026", "2", "Lokeren", [("EIGEN", "Ouderraad"), ("CULT", "  "), ("OCMW", "OCMW")]),
        ("2026", "3", "Aalst", [("OCMW", "Sociaal Huis"), ("CULT", chain[2])]),
    ]
    ours, theirs = _counts_both_ways(cards)
    assert ours == theirs == {"2024": 0, "2025": 1, "2026": 2}


def test_shared_counts_are_each_group_s_shared_partners_counted() -> None:
    rng = random.Random(11)
    names = ["Sportclub Aalst", "Sportclub Alst", "Sportclub Aalter", "Chiro Sint-Jan 1",
             "Chiro Sint-Jan 2", "OCMW", "Sociaal Huis", "Bib", "Bibliotheek Aalst", "vzw",
             "Ouderraad", "  ", "Jeugdhuis De Kroon", "Jeugdhuis De Kroom", "VCLB Waasland",
             "Vrij CLB Waasland", "Muziekacademie Dendermonde", "Muziekacadmie Dendermnde"]
    cards = [(rng.choice(("2023", "2024", "2025")), str(rng.randrange(40)),
              rng.choice(("Aalst", "Lokeren", "")),
              [(rng.choice(("SPORT", "JEUGD", "OCMW", "EIGEN", "")), rng.choice(names))
               for _ in range(rng.randrange(6))]) for _ in range(300)]
    ours, theirs = _counts_both_ways(cards)
    assert ours == theirs
    assert len(set(ours.values())) > 1 and min(ours.values()) > 3


def test_name_keys_are_each_name_s_normalise_with_the_municipality() -> None:
    names = ["Bib", "OCMW", "Sociaal Huis", "Vrij CLB Waasland", "  ", "vzw", "Bib"]
    for gemeente in ("Aalst", "Lokeren", ""):
        assert name_keys(names, gemeente) == [normalise(name, gemeente) for name in names]
    assert name_keys(["OCMW"], "Aalst") != name_keys(["OCMW"], "Lokeren")  # generic: placed
