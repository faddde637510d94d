"""The classification's order of precedence, on plain CardStates (the pure library API)."""

from __future__ import annotations

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from schoolnet_xl.evolve.classify import Kind, compare_states
from schoolnet_xl.evolve.states import CardState, PartnerState


def card(year: str, *partners: PartnerState) -> CardState:
    return CardState("kaart.xlsx", "VBS De Linde", "123456", year, "Lokeren", "BAO", partners)


def row(intensity: str = "2 Afstemmen", status: str = "Actief", marked: tuple[str, ...] = (),
        antenna: str = "Nee", category: str = "SPORT",
        name: str = "Turnkring Lokeren") -> PartnerState:
    return PartnerState(name, category, marked, intensity, status, antenna)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return default_vocabulary()


@pytest.mark.parametrize(("before", "after", "kind", "codes"), [
    # Beëindigd wins over everything else
    (row(), row(intensity="4 Structureel samenwerken", status="Beëindigd"), "ended",
     ("intensity_up", "status_ended")),
    # intensity decides before Status and X columns
    (row(marked=("KANS", "ZORG")), row(intensity="3 Samenwerken"), "deepened",
     ("intensity_up", "focus_lost", "focus_lost")),
    (row(status="Gewenst"), row(intensity="1 Informeren", status="Actief"), "loosened",
     ("intensity_down", "status_up")),
    # then Status on the ladder Gewenst < Te verdiepen < Actief
    (row(status="Te verdiepen"), row(), "deepened", ("status_up",)),
    (row(status="Gewenst"), row(status="Te verdiepen"), "deepened", ("status_up",)),
    (row(), row(status="Gewenst", marked=("KANS",)), "loosened", ("status_down",
                                                                  "focus_gained")),
    # then X columns and Antennefunctie: gained only, lost only, or both (unchanged)
    (row(), row(antenna="Ja"), "deepened", ("antenna_gained",)),
    (row(antenna="Ja"), row(), "loosened", ("antenna_lost",)),
    (row(marked=("KANS",)), row(marked=("ZORG",)), "unchanged",
     ("focus_gained", "focus_lost")),
    # an intensity written without its number is read on the scale
    (row(intensity="Afstemmen"), row(intensity="Samenwerken"), "deepened", ("intensity_up",)),
    # a blank intensity is no change; a new category is listed but changes nothing
    (row(intensity=""), row(intensity="3 Samenwerken", category="JEUGD"), "unchanged",
     ("category_changed",)),
    (row(), row(), "unchanged", ()),
    # the Status words the network map reads as ended or wished mean the same here
    (row(), row(status="Stopgezet"), "ended", ("status_ended",)),
    (row(status="wished"), row(status="active"), "deepened", ("status_up",)),
])
def test_precedence(before: PartnerState, after: PartnerState, kind: Kind,
                    codes: tuple[str, ...], vocabulary: Vocabulary) -> None:
    comparison = compare_states(card("2024-2025", before), card("2025-2026", after), vocabulary)
    (change,) = comparison.changes
    assert change.kind == kind
    assert tuple(r.code for r in change.reasons) == codes


def test_a_partner_gone_that_had_ended_already_is_not_ended_again(
        vocabulary: Vocabulary) -> None:
    comparison = compare_states(card("2024-2025", row(status="Beëindigd"), row(name="Chiro")),
                                card("2025-2026"), vocabulary)
    assert [(c.name, c.kind) for c in comparison.changes] == [
        ("Turnkring Lokeren", "unchanged"), ("Chiro", "ended")]
    assert comparison.categories_lost == ("SPORT",)  # the Chiro's SPORT was still covered


def test_one_organisation_in_two_categories_matches_by_category(vocabulary: Vocabulary) -> None:
    old = card("2024-2025", row(category="SPORT", intensity="1 Informeren"),
               row(category="JEUGD", intensity="3 Samenwerken"))
    new = card("2025-2026", row(category="JEUGD", intensity="3 Samenwerken"),
               row(category="SPORT", intensity="2 Afstemmen"))
    comparison = compare_states(old, new, vocabulary)
    assert [(c.old.category if c.old else "", c.new.category if c.new else "", c.kind)
            for c in comparison.changes] == [("SPORT", "SPORT", "deepened"),
                                             ("JEUGD", "JEUGD", "unchanged")]


def test_near_matches_are_one_to_one_best_score_first(vocabulary: Vocabulary) -> None:
    old = card("2024-2025", row(name="Jeugdhuis De Kroon"))
    new = card("2025-2026", row(name="Jeugdhuis De Kroom"), row(name="Jeugdhuis De Kroon!"))
    comparison = compare_states(old, new, vocabulary)
    matched = [(c.old.name, c.new.name, c.match) for c in comparison.changes if c.old and c.new]
    assert matched == [("Jeugdhuis De Kroon", "Jeugdhuis De Kroon!", "normalised")]
    assert [c.name for c in comparison.of_kind("new")] == ["Jeugdhuis De Kroom"]
