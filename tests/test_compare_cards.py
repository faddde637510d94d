"""compare's classification on two real cards of one school, written and read back.

The pair is built for the purpose: renamed organisations (synonyms, a generic name
tied to the municipality), a typo that nearly matches, a near-miss name that must
not match, intensity up and down, a Status to Actief and to Beëindigd, a partner
gone, X columns and an Antennefunctie gained and lost, a category gained and one
lost. The expected classification is written out by hand below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import Comparison, compare_states
from schoolnet_xl.evolve.pair import pair_refusal, pair_warnings
from schoolnet_xl.evolve.states import CardState, card_state, year_start
from schoolnet_xl.read import read_card
from schoolnet_xl.template import write_card

# (organisatie, category, X columns, intensiteit, status, antennefunctie)
Row = tuple[str, str, tuple[str, ...], str, str, str]
OLD_ROWS: list[Row] = [
    ("Vrij CLB Waasland", "CLB", ("ZORG",), "2 Afstemmen", "Actief", "Ja"),
    ("Bib Lokeren", "BIB", ("KANS",), "1 Informeren", "Actief", "Nee"),
    ("Sportclub Aalst", "SPORT", (), "2 Afstemmen", "Actief", "Nee"),
    ("Jeugdhuis De Kroon", "JEUGD", (), "3 Samenwerken", "Actief", "Nee"),
    ("OCMW", "OCMW", ("ARMOEDE",), "2 Afstemmen", "Te verdiepen", "Nee"),
    ("Parochie Sint-Pieter", "GELOOF", (), "1 Informeren", "Actief", "Nee"),
    ("Huisartsenpraktijk De Brug", "GEZOND", (), "1 Informeren", "Gewenst", "Nee"),
    ("Kinderopvang Het Ukkepuk", "KGH", ("KANS", "ZORG"), "2 Afstemmen", "Actief", "Nee"),
    ("Academie Lokeren", "CULT", (), "2 Afstemmen", "Actief", "Nee"),
]
NEW_ROWS: list[Row] = [
    ("VCLB Waasland vzw", "CLB", ("ZORG",), "3 Samenwerken", "Actief", "Ja"),
    ("Bibliotheek Lokeren", "BIB", ("KANS",), "1 Informeren", "Actief", "Nee"),
    ("Sportclub Aalter", "SPORT", (), "2 Afstemmen", "Actief", "Nee"),
    ("Jeugdhuis De Kroom", "JEUGD", (), "2 Afstemmen", "Actief", "Nee"),
    ("Sociaal Huis", "OCMW", ("ARMOEDE",), "2 Afstemmen", "Actief", "Nee"),
    ("Parochie Sint-Pieter", "GELOOF", (), "1 Informeren", "Beëindigd", "Nee"),
    ("Huisartsenpraktijk De Brug", "GEZOND", ("KANS",), "1 Informeren", "Gewenst", "Ja"),
    ("Kinderopvang Het Ukkepuk", "KGH", ("KANS",), "2 Afstemmen", "Actief", "Nee"),
    ("Academie Lokeren", "CULT", (), "2 Afstemmen", "Actief", "Nee"),
    ("Welzijnsschakel De Brug", "ARM", ("ARMOEDE",), "1 Informeren", "Actief", "Nee"),
]
# new name -> (kind, previous name or None, how matched, reason codes)
EXPECTED: dict[str, tuple[str, str | None, str, tuple[str, ...]]] = {
    "VCLB Waasland vzw": ("deepened", "Vrij CLB Waasland", "normalised", ("intensity_up",)),
    "Bibliotheek Lokeren": ("unchanged", "Bib Lokeren", "normalised", ()),
    "Sportclub Aalter": ("new", None, "", ("new",)),
    "Sportclub Aalst": ("ended", "Sportclub Aalst", "", ("gone",)),
    "Jeugdhuis De Kroom": ("loosened", "Jeugdhuis De Kroon", "near", ("intensity_down",)),
    "Sociaal Huis": ("deepened", "OCMW", "normalised", ("status_up",)),
    "Parochie Sint-Pieter": ("ended", "Parochie Sint-Pieter", "same", ("status_ended",)),
    "Huisartsenpraktijk De Brug": ("deepened", "Huisartsenpraktijk De Brug", "same",
                                   ("focus_gained", "antenna_gained")),
    "Kinderopvang Het Ukkepuk": ("loosened", "Kinderopvang Het Ukkepuk", "same",
                                 ("focus_lost",)),
    "Academie Lokeren": ("unchanged", "Academie Lokeren", "same", ()),
    "Welzijnsschakel De Brug": ("new", None, "", ("new",)),
}
SCHOOL = {"schoolnaam": "VBS De Linde", "instellingsnummer": "123456",
          "onderwijsniveau": "Basisonderwijs", "gemeente": "Lokeren"}


def template_card(path: Path, year: str, rows: list[Row], vocabulary: Vocabulary,
                  number: str = "123456", school: dict[str, str] | None = None) -> Path:
    """A real template card (the `new` writer) holding `rows`."""
    fields = {**SCHOOL, **(school or {}), "instellingsnummer": number}
    header = Header(**{k: Sourced(v) for k, v in fields.items()},
                    schooljaar=Sourced(year), datum=Sourced(date(2025, 10, 1)))
    partners = []
    for index, (name, code, marks, intensity, status, antenna) in enumerate(rows, start=1):
        category = vocabulary.category(code)
        assert category is not None
        partners.append(Partner(
            row=index, sheet="Netwerkkaart", organisatie=Sourced(name),
            aard=Sourced("samenwerking"), focus={m: Sourced("X") for m in marks},
            categorie=Sourced(category.label), category_code=code,
            intensiteit=Sourced(intensity), interne_trekker=Sourced("directie"),
            antennefunctie=Sourced(antenna), status=Sourced(status), sinds=Sourced("2020")))
    card = Card(path="", kind="template", header=header, partners=partners,
                focus_codes=tuple(f.code for f in vocabulary.focus))
    return write_card(path, vocabulary, card)


def handmade_card(path: Path, year: str, rows: list[Row], vocabulary: Vocabulary) -> Path:
    """A hand-made grid (openpyxl): a title line, info lines, its own column order."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    sheet.append([f"Netwerkkaart {SCHOOL['schoolnaam']}"])
    sheet.append([f"Instellingsnummer: {SCHOOL['instellingsnummer']}", None,
                  f"Schooljaar {year}", None, f"Gemeente: {SCHOOL['gemeente']}"])
    sheet.append(["Onderwijsniveau: Basisonderwijs"])
    sheet.append(["Organisatie", "Categorie", "Kansen", "Zorg", "Armoede", "Intensiteit",
                  "Status", "Antennefunctie"])
    for name, code, marks, intensity, status, antenna in rows:
        category = vocabulary.category(code)
        assert category is not None
        sheet.append([name, category.label, *("x" if m in marks else None
                                              for m in ("KANS", "ZORG", "ARMOEDE")),
                      intensity, status, antenna])
    book.save(path)
    return path


def state(path: Path, vocabulary: Vocabulary) -> CardState:
    result = read_card(path, vocabulary)
    assert result.card is not None, result.reason()
    return card_state(result.card, vocabulary)


def outcome(comparison: Comparison) -> dict[str, tuple[str, str | None, str, tuple[str, ...]]]:
    seen: dict[str, tuple[str, str | None, str, tuple[str, ...]]] = {}
    for change in comparison.changes:
        key = change.new.name if change.new else change.name
        previous = change.old.name if change.old else None
        seen[key] = (change.kind, previous, change.match,
                     tuple(r.code for r in change.reasons))
    return seen


def template_pair(folder: Path, vocabulary: Vocabulary) -> tuple[Path, Path]:
    """The school's two cards, OLD_ROWS in 2024-2025 and NEW_ROWS in 2025-2026."""
    return (template_card(folder / "kaart-2024.xlsx", "2024-2025", OLD_ROWS, vocabulary),
            template_card(folder / "kaart-2025.xlsx", "2025-2026", NEW_ROWS, vocabulary))


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> tuple[Path, Path]:
    return template_pair(tmp_path_factory.mktemp("pair"), vocabulary)


def test_template_pair_is_classified_exactly(pair: tuple[Path, Path],
                                             vocabulary: Vocabulary) -> None:
    comparison = compare_states(state(pair[0], vocabulary), state(pair[1], vocabulary),
                                vocabulary)
    assert outcome(comparison) == EXPECTED
    assert comparison.counts() == {"new": 2, "deepened": 3, "loosened": 2, "ended": 2,
                                   "unchanged": 2}
    assert comparison.categories_gained == ("ARM",)
    assert comparison.categories_lost == ("GELOOF",)
    assert comparison.focus_gained == ()  # ARMOEDE was on the OCMW row already
    assert comparison.focus_lost == ()


def test_near_match_has_its_score_and_the_near_miss_none(pair: tuple[Path, Path],
                                                          vocabulary: Vocabulary) -> None:
    comparison = compare_states(state(pair[0], vocabulary), state(pair[1], vocabulary),
                                vocabulary)
    near = {c.new.name: c.score for c in comparison.renamed if c.new and c.match == "near"}
    assert list(near) == ["Jeugdhuis De Kroom"]
    assert 90 <= near["Jeugdhuis De Kroom"] < 100
    assert {c.old.name for c in comparison.renamed if c.old} == {
        "Vrij CLB Waasland", "Bib Lokeren", "Jeugdhuis De Kroon", "OCMW"}


def test_a_higher_threshold_leaves_the_typo_unmatched(pair: tuple[Path, Path],
                                                      vocabulary: Vocabulary) -> None:
    comparison = compare_states(state(pair[0], vocabulary), state(pair[1], vocabulary),
                                vocabulary, threshold=97)
    found = outcome(comparison)
    assert found["Jeugdhuis De Kroom"] == ("new", None, "", ("new",))
    assert found["Jeugdhuis De Kroon"] == ("ended", "Jeugdhuis De Kroon", "", ("gone",))


def test_handmade_new_card_gives_the_same_classification(
        tmp_path: Path, pair: tuple[Path, Path], vocabulary: Vocabulary) -> None:
    new = handmade_card(tmp_path / "ons-netwerk-2025.xlsx", "2025-2026", NEW_ROWS, vocabulary)
    after = state(new, vocabulary)
    assert after.schooljaar == "2025-2026" and after.instellingsnummer == "123456"
    comparison = compare_states(state(pair[0], vocabulary), after, vocabulary)
    assert outcome(comparison) == EXPECTED


def test_years_and_numbers_are_checked(tmp_path: Path, pair: tuple[Path, Path],
                                       vocabulary: Vocabulary) -> None:
    old, new = state(pair[0], vocabulary), state(pair[1], vocabulary)
    assert pair_refusal(old, new, "nl") is None
    assert "van na de nieuwe" in (pair_refusal(new, old, "nl") or "")
    same = state(template_card(tmp_path / "zelfde.xlsx", "2025-2026", OLD_ROWS, vocabulary),
                 vocabulary)
    assert "beide kaarten zijn van schooljaar 2025-2026" in (pair_refusal(same, new, "nl") or "")
    other = state(template_card(tmp_path / "ander.xlsx", "2023-2024", OLD_ROWS, vocabulary,
                                number="654321"), vocabulary)
    assert pair_warnings(old, new, "nl") == []
    assert "654321" in pair_warnings(other, new, "nl")[0]


@pytest.mark.parametrize(("text", "start"), [("2024-2025", 2024), ("2024-25", 2024),
                                             ("24-25", 2024), ("schooljaar 2023 - 2024", 2023),
                                             ("volgend jaar", None), ("", None)])
def test_year_start(text: str, start: int | None) -> None:
    assert year_start(text) == start
