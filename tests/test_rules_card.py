"""The card rules, one by one, on Cards built in the test: fire on bad, silent on good."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from schoolnet_xl.core.findings import REGISTRY
from schoolnet_xl.core.model import Card, Partner
from schoolnet_xl.core.overview import missing_categories
from schoolnet_xl.core.vocabulary import Vocabulary, vocabulary_from_json
from schoolnet_xl.validate.engine import validate
from tests.support.cards import (
    SHEET,
    cell,
    full_card,
    partner,
    with_header,
    with_partner,
)


def codes(card: Card, vocabulary: Vocabulary) -> list[str]:
    return [f.code for f in validate(card, vocabulary)]


def findings_of(card: Card, vocabulary: Vocabulary, code: str) -> list:
    return [f for f in validate(card, vocabulary) if f.code == code]


def test_a_complete_card_has_no_findings(vocabulary: Vocabulary) -> None:
    assert validate(full_card(vocabulary), vocabulary) == []


# -- header -------------------------------------------------------------------

def test_SN101_school_name_missing(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), schoolnaam=cell(None, "C3"))
    [finding] = findings_of(card, vocabulary, "SN101")
    assert (finding.severity, finding.cell, finding.field) == ("fout", "C3", "Schoolnaam")
    assert finding.file == "kaart.xlsx" and finding.sheet == SHEET


def test_SN102_number_missing(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), instellingsnummer=cell("  ", "C4"))
    assert codes(card, vocabulary) == ["SN102"]


@pytest.mark.parametrize("number", ["30569", 30569.0, "0305690", "03-0569", "abcdef"])
def test_SN103_number_not_six_digits(vocabulary: Vocabulary, number: object) -> None:
    card = with_header(full_card(vocabulary), instellingsnummer=cell(number, "C4"))
    [finding] = findings_of(card, vocabulary, "SN103")
    assert finding.severity == "fout" and finding.cell == "C4"


def test_SN103_silent_on_six_digits_with_leading_zero(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), instellingsnummer=cell("000123", "C4"))
    assert codes(card, vocabulary) == []


def test_SN104_school_year_missing(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), schooljaar=cell(None, "C8"))
    assert codes(card, vocabulary) == ["SN104"]


@pytest.mark.parametrize("year", ["2025-2027", "2026-2025", "25-26", "2025/2026", "2025"])
def test_SN105_school_year_shape(vocabulary: Vocabulary, year: str) -> None:
    card = with_header(full_card(vocabulary), schooljaar=cell(year, "C8"))
    assert codes(card, vocabulary) == ["SN105"]


def test_SN105_silent_on_consecutive_years(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), schooljaar=cell("2030 - 2031", "C8"))
    assert codes(card, vocabulary) == []


def test_SN106_unknown_level_is_an_error(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), onderwijsniveau=cell("Lager onderwijs", "C5"))
    [finding] = findings_of(card, vocabulary, "SN106")
    assert finding.severity == "fout" and "Basisonderwijs" in finding.hint()


def test_SN106_silent_on_level_code_or_label(vocabulary: Vocabulary) -> None:
    for text in ("SO", "secundair onderwijs", "Buitengewoon basisonderwijs"):
        card = with_header(full_card(vocabulary), onderwijsniveau=cell(text, "C5"))
        assert "SN106" not in codes(card, vocabulary)


def test_SN107_empty_level_is_a_warning(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), onderwijsniveau=cell(None, "C5"))
    [finding] = findings_of(card, vocabulary, "SN107")
    assert finding.severity == "waarschuwing" and finding.cell == "C5"


@pytest.mark.parametrize("kind", ["date", "datetime", "text_be", "text_iso", "serial"])
def test_SN108_date_in_the_future(vocabulary: Vocabulary, kind: str) -> None:
    future = date.today() + timedelta(days=40)
    value = {
        "date": future,
        "datetime": datetime.combine(future, datetime.min.time()),
        "text_be": future.strftime("%d/%m/%Y"),
        "text_iso": future.isoformat(),
        "serial": float((future - date(1899, 12, 30)).days),
    }[kind]
    card = with_header(full_card(vocabulary), datum=cell(value, "C10"))
    [finding] = findings_of(card, vocabulary, "SN108")
    assert finding.severity == "waarschuwing"
    assert finding.value == future.strftime("%d/%m/%Y")


@pytest.mark.parametrize("value", ["15/09/2025", "2025-09-15", date.today()])
def test_SN108_silent_on_past_or_today(vocabulary: Vocabulary, value: object) -> None:
    card = with_header(full_card(vocabulary), datum=cell(value, "C10"))
    assert codes(card, vocabulary) == []


def test_SN109_unreadable_date_is_its_own_finding(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), datum=cell("half september", "C10"))
    assert codes(card, vocabulary) == ["SN109"]


def test_SN110_recommended_header_fields(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), gemeente=cell(None, "C7"),
                       ingevuld_door=cell(None, "C9"), datum=cell(None, "C10"))
    found = findings_of(card, vocabulary, "SN110")
    assert [(f.field, f.cell, f.severity) for f in found] == [
        ("Gemeente", "C7", "info"), ("IngevuldDoor", "C9", "info"), ("Datum", "C10", "info"),
    ]


# -- rows ---------------------------------------------------------------------

def test_SN201_row_with_content_but_no_organisation(vocabulary: Vocabulary) -> None:
    card = with_partner(full_card(vocabulary), partner(60, "", "BIB"))
    [finding] = findings_of(card, vocabulary, "SN201")
    assert (finding.severity, finding.cell, finding.field) == ("fout", "A60", "Organisatie")


def test_SN201_silent_on_an_entirely_empty_row(vocabulary: Vocabulary) -> None:
    empty = Partner(row=60, sheet=SHEET)
    assert codes(with_partner(full_card(vocabulary), empty), vocabulary) == []


def test_SN202_unknown_category_suggests_the_closest_label(vocabulary: Vocabulary) -> None:
    row = partner(60, "Stadsbib", "")
    row.categorie = cell("Bibliotheeek", "F60")
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN202")
    assert finding.severity == "fout" and finding.cell == "F60"
    assert "'Bibliotheek'" in finding.hint()


def test_SN202_accepts_code_or_label(vocabulary: Vocabulary) -> None:
    row = partner(60, "Stadsbib", "BIB")
    row.categorie = cell("bibliotheek", "F60")
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


def test_SN203_category_missing_and_not_guessed(vocabulary: Vocabulary) -> None:
    [finding] = findings_of(with_partner(full_card(vocabulary), partner(60, "Vzw De Brug", "")),
                            vocabulary, "SN203")
    assert (finding.severity, finding.cell) == ("fout", "F60")


def test_SN203_silent_when_the_reader_guessed_a_category(vocabulary: Vocabulary) -> None:
    row = partner(60, "Stedelijke bibliotheek", "")
    row.category_code, row.category_guessed = "BIB", True
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


def test_SN204_row_without_any_mark(vocabulary: Vocabulary) -> None:
    row = partner(60, "Chiro", "JEUGD", KANS=None)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN204")
    assert (finding.severity, finding.cell) == ("waarschuwing", "A60")
    assert "Kansenbevordering, Zorg, Armoedebestrijding" in finding.message()


@pytest.mark.parametrize("mark", ["x", "✓", "ja", 1, 1.0, True])
def test_SN204_accepts_every_mark(vocabulary: Vocabulary, mark: object) -> None:
    row = partner(60, "Chiro", "JEUGD", KANS=None, ZORG=mark)
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


@pytest.mark.parametrize("marks, expected", [
    ({"KANS": "X", "ZORG": " X "}, []),  # a mark with spaces around: the general path
    ({"KANS": "X", "ZORG": "soms"}, ["SN205"]),
    ({"KANS": 0, "ZORG": False}, ["SN204", "SN205", "SN205"]),
])
def test_SN204_SN205_on_rows_mixing_marks_and_other_values(
        vocabulary: Vocabulary, marks: dict[str, object], expected: list[str]) -> None:
    row = partner(60, "Chiro", "JEUGD", **marks)
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == expected


def test_SN205_something_else_than_a_mark(vocabulary: Vocabulary) -> None:
    row = partner(60, "Chiro", "JEUGD", ZORG="soms")
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN205")
    assert (finding.severity, finding.cell, finding.value) == ("waarschuwing", "D60", "soms")
    assert finding.field == "Zorg"


def test_SN204_and_SN205_when_the_only_mark_is_not_a_mark(vocabulary: Vocabulary) -> None:
    row = partner(60, "Chiro", "JEUGD", KANS="?")
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == ["SN204", "SN205"]


@pytest.mark.parametrize("email", ["info(at)clb.be", "onthaal@clb", "Jan Peeters", "a@@b.be"])
def test_SN206_email_not_an_address(vocabulary: Vocabulary, email: str) -> None:
    row = partner(60, "CLB Brugge", "CLB", email=email)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN206")
    assert (finding.severity, finding.cell) == ("fout", "H60")


@pytest.mark.parametrize("phone", ["12345", "471123456", "+31 20 123 4567", "050-12-34-5"])
def test_SN207_phone_not_belgian(vocabulary: Vocabulary, phone: str) -> None:
    row = partner(60, "CLB Brugge", "CLB", telefoon=phone)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN207")
    assert (finding.severity, finding.cell) == ("waarschuwing", "I60")


@pytest.mark.parametrize("phone", ["050 12 34 56 789", "0 50 12 34", "0471 12 34 56 78"])
def test_SN207_plain_digits_and_spaces_still_count_nine_or_ten_digits(
        vocabulary: Vocabulary, phone: str) -> None:
    row = partner(60, "CLB Brugge", "CLB", telefoon=phone)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN207")
    assert finding.value == phone


@pytest.mark.parametrize("phone", ["+32 50 12 34 56", "0471/12.34.56", "0032 471 12 34 56",
                                   "050.12.34.56", "050 12 34 56", "0471123456", " 02  123 45 67 ",
                                   "0032 12 34 56 78", "00 12 34 56 78"])
def test_SN207_silent_on_belgian_numbers(vocabulary: Vocabulary, phone: str) -> None:
    row = partner(60, "CLB Brugge", "CLB", telefoon=phone)
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


@pytest.mark.parametrize("since", [1850, date.today().year + 1, "lang geleden", 2019.5])
def test_SN208_since_not_a_plausible_year(vocabulary: Vocabulary, since: object) -> None:
    row = partner(60, "CLB Brugge", "CLB", sinds=since)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN208")
    assert (finding.severity, finding.cell) == ("waarschuwing", "N60")


@pytest.mark.parametrize("since", [1900, "2019", 2019.0, date.today().year])
def test_SN208_silent_on_plausible_years(vocabulary: Vocabulary, since: object) -> None:
    row = partner(60, "CLB Brugge", "CLB", sinds=since)
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


def test_SN209_same_organisation_twice_folded(vocabulary: Vocabulary) -> None:
    card = with_partner(full_card(vocabulary), partner(60, "  partner  CLB ", "CLB"))
    card = with_partner(card, partner(61, "Academie Brugge", "CULT"))
    card = with_partner(card, partner(62, "ACADÉMIE brugge", "CULT"))
    found = findings_of(card, vocabulary, "SN209")
    assert [(f.severity, f.cell) for f in found] == [("waarschuwing", "A60"),
                                                     ("waarschuwing", "A62")]
    assert "A15" in found[0].message() and "A61" in found[1].message()


@pytest.mark.parametrize(("column", "value", "letter"), [
    ("intensiteit", "veel", "J"), ("antennefunctie", "misschien", "L"),
    ("status", "Gestopt", "M"), ("intensiteit", 5, "J"),
])
def test_SN210_scale_value_not_on_the_scale(
    vocabulary: Vocabulary, column: str, value: object, letter: str
) -> None:
    row = partner(60, "CLB Brugge", "CLB", **{column: value})
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN210")
    assert (finding.severity, finding.cell) == ("waarschuwing", f"{letter}60")


@pytest.mark.parametrize("value", ["3", 3.0, "samenwerken", "3 Samenwerken"])
def test_SN210_intensity_by_number_or_words(vocabulary: Vocabulary, value: object) -> None:
    row = partner(60, "CLB Brugge", "CLB", intensiteit=value)
    assert codes(with_partner(full_card(vocabulary), row), vocabulary) == []


def test_SN211_row_without_internal_owner(vocabulary: Vocabulary) -> None:
    row = partner(60, "CLB Brugge", "CLB", interne_trekker=None)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN211")
    assert (finding.severity, finding.cell) == ("info", "K60")


def test_SN212_row_without_description(vocabulary: Vocabulary) -> None:
    row = partner(60, "CLB Brugge", "CLB", aard=None)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN212")
    assert (finding.severity, finding.cell) == ("info", "B60")


@pytest.mark.parametrize("text", ["Overleg over leerling Jonas", "dossier opvolgen",
                                  "Begeleiding gezin van Ahmed"])
def test_SN213_youth_care_row_that_names_a_case(vocabulary: Vocabulary, text: str) -> None:
    row = partner(60, "CKG De Kinderkes", "JH", aard=text)
    [finding] = findings_of(with_partner(full_card(vocabulary), row), vocabulary, "SN213")
    assert (finding.severity, finding.cell, finding.value) == ("info", "B60", "")


def test_SN213_silent_on_general_descriptions_and_other_categories(
    vocabulary: Vocabulary,
) -> None:
    general = partner(60, "CKG De Kinderkes", "JH", aard="Thuisbegeleiding van gezinnen")
    other = partner(61, "Stadsbib", "BIB", aard="dossier leesbevordering")
    card = with_partner(with_partner(full_card(vocabulary), general), other)
    assert codes(card, vocabulary) == []


# -- card ---------------------------------------------------------------------

def test_SN301_empty_card(vocabulary: Vocabulary) -> None:
    card = replace(full_card(vocabulary), partners=[Partner(row=15, sheet=SHEET)])
    [finding] = findings_of(card, vocabulary, "SN301")
    assert (finding.severity, finding.cell, finding.sheet) == ("fout", "", SHEET)


def test_SN302_SN303_missing_categories_follow_the_level(vocabulary: Vocabulary) -> None:
    kept = {"CLB", "LSC", "BIB"}
    card = full_card(vocabulary)
    card = replace(card, partners=[p for p in card.partners if p.category_code in kept])
    core = [c.code for c in vocabulary.categories
            if c.expectation("BAO") == "core" and c.code not in kept]
    recommended = [c.code for c in vocabulary.categories
                   if c.expectation("BAO") == "recommended" and c.code not in kept]
    assert "KGH" in core and "WERK" not in recommended
    assert missing_categories(card, vocabulary) == {"core": core, "recommended": recommended}
    found = validate(card, vocabulary)
    assert [f.value for f in found if f.code == "SN302"] == core
    assert [f.value for f in found if f.code == "SN303"] == recommended
    assert {f.severity for f in found if f.code == "SN302"} == {"waarschuwing"}
    assert {f.severity for f in found if f.code == "SN303"} == {"info"}


def test_secondary_school_expects_work_partners_not_child_and_family(
    vocabulary: Vocabulary,
) -> None:
    card = with_header(full_card(vocabulary), onderwijsniveau=cell("Secundair onderwijs", "C5"))
    card = replace(card, partners=[])
    missing = missing_categories(card, vocabulary)
    assert "WERK" in missing["recommended"] and "KGH" in missing["recommended"]
    assert "KGH" not in missing["core"] and "CLB" in missing["core"]


def test_messages_in_english(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), schoolnaam=cell(None, "C3"))
    [finding] = validate(card, vocabulary)
    assert finding.message("en") == "The school name is missing."


def test_findings_come_in_sheet_row_column_code_order(vocabulary: Vocabulary) -> None:
    card = with_header(full_card(vocabulary), schoolnaam=cell(None, "C3"),
                       datum=cell("gisteren", "C10"))
    card = with_partner(card, partner(60, "X", "", email="nee", telefoon="1"))
    found = [(f.cell, f.code) for f in validate(card, vocabulary)]
    assert found == [("C3", "SN101"), ("C10", "SN109"), ("F60", "SN203"),
                     ("H60", "SN206"), ("I60", "SN207")]


def test_every_card_rule_has_both_languages_and_an_example() -> None:
    card_rules = [r for code, r in REGISTRY.items() if code[2] in "123"]
    assert len(card_rules) >= 20
    for rule in card_rules:
        assert rule.checks.nl and rule.checks.en and rule.message.nl and rule.message.en
        assert rule.hint and rule.hint.nl and rule.hint.en and rule.example


def test_values_remembered_as_passed_never_hide_a_finding(vocabulary: Vocabulary) -> None:
    """A vocabulary's engine remembers the texts that passed its cached checks and skips a
    check for a card whose every value passed; a new card's judgement is a fresh one's."""
    def fresh() -> Vocabulary:  # the same words, nothing remembered yet
        return vocabulary_from_json(vocabulary.to_json())

    judge = fresh()
    good = full_card(vocabulary)
    bad = with_partner(full_card(vocabulary), partner(
        60, "CLB Brugge", "Bibliotheeek", email="info(at)clb.be", intensiteit="veel"))
    assert validate(good, judge) == validate(good, fresh()) == []
    assert validate(good, judge) == []  # every cached check skipped for the whole card
    assert [f.code for f in validate(bad, judge)] == ["SN202", "SN206", "SN210"]
    assert validate(bad, judge) == validate(bad, fresh())
