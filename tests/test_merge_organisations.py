"""Shared partners: one organisation recognised across schools' spelling variants."""

from __future__ import annotations

from schoolnet_xl.evolve.names import normalise
from schoolnet_xl.merge.organisations import Mention, shared_partners


def _m(school: str, category: str, name: str, gemeente: str = "Aalst") -> Mention:
    return Mention(school, f"School {school}", gemeente, category, name)


def _groups(*mentions: Mention) -> dict[str, tuple[str, ...]]:
    return {s.name: s.variants for s in shared_partners(mentions)}


def test_case_accents_punctuation_and_legal_forms_do_not_matter() -> None:
    assert normalise("Académie voor Muziek, Woord & Dans vzw") == \
        normalise("academie voor muziek woord en dans")


def test_known_synonyms_are_one_organisation() -> None:
    groups = _groups(_m("1", "CLB", "Vrij CLB Waasland"), _m("2", "CLB", "VCLB Waasland"),
                     _m("3", "BIB", "Bib Lokeren"), _m("4", "BIB", "Bibliotheek Lokeren"))
    assert sorted(map(sorted, groups.values())) == [
        ["Bib Lokeren", "Bibliotheek Lokeren"], ["VCLB Waasland", "Vrij CLB Waasland"]]


def test_a_bare_generic_name_belongs_to_the_school_s_municipality() -> None:
    shared = shared_partners([
        _m("1", "OCMW", "OCMW", "Aalst"), _m("2", "OCMW", "Sociaal Huis", "Aalst"),
        _m("3", "OCMW", "OCMW", "Lokeren"),
    ])
    assert [(s.schools, set(s.variants)) for s in shared] == [
        (("School 1", "School 2"), {"OCMW", "Sociaal Huis"})]


def test_typos_match_but_other_places_and_numbers_do_not() -> None:
    groups = _groups(_m("1", "SPORT", "Sportclub Aalst"), _m("2", "SPORT", "Sportclub Alst"),
                     _m("3", "SPORT", "Sportclub Aalter"), _m("4", "JEUGD", "Chiro Sint-Jan 1"),
                     _m("5", "JEUGD", "Chiro Sint-Jan 2"))
    assert groups == {"Sportclub Aalst": ("Sportclub Aalst", "Sportclub Alst")}


def test_one_school_naming_a_partner_twice_is_not_sharing() -> None:
    assert shared_partners([_m("1", "CAW", "CAW Oost-Vlaanderen"),
                            _m("1", "CAW", "CAW Oost-Vlaanderen vzw")]) == []


def test_categories_are_kept_apart_and_own_school_bodies_are_never_shared() -> None:
    shared = shared_partners([
        _m("1", "CULT", "Cultuurcentrum Ter Dilft"), _m("2", "ANDER", "Cultuurcentrum Ter Dilft"),
        _m("3", "EIGEN", "Ouderraad"), _m("4", "EIGEN", "Ouderraad"),
    ])
    assert shared == []


def test_most_shared_first_with_the_most_frequent_spelling_as_name() -> None:
    shared = shared_partners([
        _m("1", "HOGER", "Hogeschool Odisee"), _m("2", "HOGER", "Hogeschool Odisee"),
        _m("3", "HOGER", "hogeschool odisee"), _m("1", "CAW", "JAC Aalst"),
        _m("2", "CAW", "JAC Aalst"),
    ])
    assert [(s.name, len(s.schools), s.mentions) for s in shared] == [
        ("Hogeschool Odisee", 3, 3), ("JAC Aalst", 2, 2)]
