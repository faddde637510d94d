"""Categories typed in one's own words: a keyword maps them (a reported guess), and the
"Bedoelde je …?" suggestion uses what each category is known by (labels, codes,
keywords, examples), not spelling alone."""

from __future__ import annotations

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.engine import validate
from schoolnet_xl.validate.rules.rows import category_suggestion, suggest_category
from tests.support.cards import cell, full_card, partner, with_partner

# typed value -> the category code the suggestion must name (None: the generic advice)
SUGGESTIONS: dict[str, str | None] = {
    "Jeugdhulp": "JH",  # not Jeugdwerk
    "integrale jeugdhulp": "JH",
    "Hoger onderwijs": "HOGER",  # not Onderwijspartners
    "Hogeschool Gent": "HOGER",
    "Stagiaires": "HOGER",
    "Universiteit": "HOGER",
    "Politie": "ANDER",
    "Rode Kruis": "ANDER",
    "Tolk": "ANDER",
    "Integratie": "ANDER",
    "Bibliotheeek": "BIB",
    "Bieb": "BIB",
    "Sportclubs": "SPORT",
    "Voetbal": "SPORT",
    "Buurtsport": "SPORT",
    "Gemeentelijke diensten": "LOK",
    "Stadsbestuur": "LOK",
    "Lokaal overlegplatform": "LOK",
    "Sociaal huis": "OCMW",
    "Leersteun": "LSC",
    "Leerlingenbegeleiding": "CLB",
    "Kind & Gezin": "KGH",
    "Opgroeien": "KGH",
    "CKG": "JH",
    "JAC": "CAW",
    "Schuldbemiddeling": "CAW",
    "Logopedie": "GEZOND",
    "Huisarts": "GEZOND",
    "Mutualiteit": "GEZOND",
    "Zorgverstrekker": "GEZOND",
    "Brugfiguur": "BRUG",
    "schoolopbouw": "BRUG",
    "Voedselbank": "ARM",
    "Armoede": "ARM",
    "Muziekschool": "CULT",
    "Museum": "CULT",
    "Scouts": "JEUGD",
    "Speelplein": "JEUGD",
    "Jeugdbeweging": "JEUGD",
    "Moskee": "GELOOF",
    "Kerk": "GELOOF",
    "Pedagogische begeleiding": "ONDERWIJS",
    "Partnerschool": "ONDERWIJS",
    "Rotary club": "SPONSOR",
    "Sponsoring": "SPONSOR",
    "Ouderraad": "EIGEN",
    "Vrijwilligers": "EIGEN",
    "Bedrijven": "WERK",
    "VDAB": "WERK",
    "qqq": None,
}


def test_the_table_is_big_enough() -> None:
    assert len(SUGGESTIONS) >= 40


@pytest.mark.parametrize("typed", sorted(SUGGESTIONS))
def test_each_typed_value_gets_its_suggestion(typed: str, vocabulary: Vocabulary) -> None:
    expected = SUGGESTIONS[typed]
    assert suggest_category(vocabulary, typed) == expected
    words = category_suggestion(vocabulary, typed)
    if expected is None:
        assert "Bedoelde je" not in words.nl
    else:
        label = vocabulary.category(expected).label
        assert words.nl.startswith(f"Bedoelde je '{label}'?")
        assert words.en.startswith(f"Did you mean '{label}'?")


def test_an_unknown_label_gets_the_suggestion_in_its_finding(vocabulary: Vocabulary) -> None:
    row = partner(60, "Wijkagent Noord", "")
    row.categorie = cell("Politie", "F60")
    findings = [f for f in validate(with_partner(full_card(vocabulary), row), vocabulary)
                if f.code == "SN202"]
    assert [f.cell for f in findings] == ["F60"]
    assert "Bedoelde je 'Andere'?" in findings[0].hint()


def test_a_keyword_guess_made_by_the_reader_is_no_unknown_label(vocabulary: Vocabulary) -> None:
    row = partner(60, "De Toren", "")
    row.categorie = cell("Parochie", "F60")
    row.category_code, row.category_guessed = "GELOOF", True
    codes = [f.code for f in validate(with_partner(full_card(vocabulary), row), vocabulary)]
    assert "SN202" not in codes and "SN203" not in codes
