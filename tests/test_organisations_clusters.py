"""Shared partners: how mentions across spellings are counted and how far a match reaches."""

from __future__ import annotations

from schoolnet_xl.evolve.names import normalise
from schoolnet_xl.merge.organisations import Mention, SharedPartner, shared_partners


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
