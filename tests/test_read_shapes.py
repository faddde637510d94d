"""Hand-made grids in the shapes staff make them: header words as they write them, a
column the card does not know, one sheet per school year, two grids on one sheet, one
organisation over merged rows, the header fields only in a title line."""

from __future__ import annotations

from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.import_card import import_grid
from schoolnet_xl.read import read_card
from schoolnet_xl.read.words import column_words
from schoolnet_xl.validate.check import check_file
from tests.corpus.make_corpus import make_corpus

HEADER_WORDS = {
    "Kansenbev.": "KANS", "Kans.": "KANS", "Armoedebestr.": "ARMOEDE", "Zorg?": "ZORG",
    "Organisatie/dienst": "organisatie", "Org.": "organisatie", "Wat?": "aard",
    "Omschr.": "aard", "Cat.": "categorie", "Contactp.": "contactpersoon",
    "Tel.": "telefoon", "Stat.": "status", "Intens.": "intensiteit", "Sinds?": "sinds",
    "Mobiliteit": None, "Opm.": None,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("shapes_corpus"))


@pytest.mark.parametrize("header", sorted(HEADER_WORDS))
def test_header_words_as_people_write_them(header: str, vocabulary: Vocabulary) -> None:
    assert column_words(vocabulary).key_for(header) == HEADER_WORDS[header]



@pytest.mark.parametrize("first, then", [("Cat.", "Cat"), ("Cat", "Cat.")])
def test_a_header_word_does_not_depend_on_the_spelling_read_before(
        first: str, then: str, vocabulary: Vocabulary) -> None:
    """The memo is shared by every card of a merge: "Cat." abbreviates Categorie, "Cat"
    (three letters, no full stop) is too short, whichever a card showed first."""
    words = column_words(vocabulary)
    words.key_for(first)
    assert words.key_for(then) == ("categorie" if then == "Cat." else None)
    assert words.key_for(f" {then}") == words.key_for(then)  # a new text: past the text memo

def test_a_regions_renamed_x_column_is_a_header_word(tmp_path: Path) -> None:
    from schoolnet_xl.core.vocabulary import load_vocabulary

    config = tmp_path / "regio.toml"
    config.write_text('[focus.KANS]\nheader = "Onderwijskansen"\n', "utf-8")
    words = column_words(load_vocabulary(config))
    assert words.key_for("Onderwijskansen") == "KANS"
    assert words.key_for("Onderwijskans.") == "KANS"


def test_abbreviated_headers_read_every_mark_and_the_unknown_column_is_named(corpus):
    result = read_card(corpus["handmade_words"])
    card = result.card
    assert card.focus_codes == ("KANS", "ZORG", "ARMOEDE")
    assert [(p.organisatie.text, p.aard.text, p.category_code,
             sorted(k for k, v in p.focus.items() if v.value)) for p in card.partners] == [
        ("CLB Kortrijk", "draaischijf", "CLB", ["ZORG"]),
        ("De Fietsbieb", "fietsen lenen", "ANDER", ["ARMOEDE", "KANS"]),
        ("Gemeente Zwevegem", "busvervoer", "LOK", []),
    ]
    [column] = [f for f in result.findings if f.code == "SN055"]
    assert (column.cell, dict(column.params)["marks"]) == ("F4", 2)
    assert "Mobiliteit" in column.message() and "F6 'X'" in column.message()
    assert "X-teken" in column.hint()


def test_import_never_reports_success_while_marks_stay_behind(corpus, tmp_path, vocabulary):
    with pytest.raises(GuardError) as refused:
        import_grid(corpus["handmade_words"], vocabulary, output=tmp_path / "kaart.xlsx")
    assert refused.value.exit_code == 1
    assert "Mobiliteit" in str(refused.value) and "F4, F6:F7" in str(refused.value)
    assert not (tmp_path / "kaart.xlsx").exists()
    done = import_grid(corpus["handmade_words"], vocabulary, output=tmp_path / "kaart.xlsx",
                       force=True)
    assert done.partners == 3


def test_header_fields_from_the_title_line_are_reported_with_their_source(corpus):
    result = read_card(corpus["handmade_words"])
    header = result.card.header
    assert (header.schoolnaam.text, header.schoolnaam.cell) == ("VBS De Krekel Zwevegem", "A1")
    assert (header.schooljaar.text, header.schooljaar.cell) == ("2026-2027", "A1")
    assert (header.instellingsnummer.text, header.instellingsnummer.cell) == ("031245", "A2")
    sources = sorted((f.field, f.value, f.message()) for f in result.findings
                     if f.code == "SN058")
    assert sources == [
        ("Schooljaar", "2026-2027", "Schooljaar '2026-2027' gelezen uit de titelregel in A1."),
        ("Schoolnaam", "VBS De Krekel Zwevegem",
         "Schoolnaam 'VBS De Krekel Zwevegem' gelezen uit de titelregel in A1."),
    ]


def test_one_sheet_per_school_year_reads_the_latest_and_says_so(corpus, tmp_path, vocabulary):
    result = read_card(corpus["handmade_years"])
    assert result.card.grid_sheet == "2025-2026"
    assert result.card.header.schooljaar.text == "2025-2026"
    assert [p.organisatie.text for p in result.card.partners] == ["CLB Gent", "Bib Gent"]
    [several] = [f for f in result.findings if f.code == "SN059"]
    assert "'2024-2025', '2025-2026'" in several.message() and "--blad" in several.hint()
    [other] = [f for f in result.findings if f.code == "SN053"]
    assert other.sheet == "2024-2025"
    older = read_card(corpus["handmade_years"], sheet="2024-2025")
    assert older.card.grid_sheet == "2024-2025"
    assert [p.organisatie.text for p in older.card.partners] == ["CLB Gent"]
    done = import_grid(corpus["handmade_years"], vocabulary, output=tmp_path / "oud.xlsx",
                       sheet="2024-2025", header={"schooljaar": "2024-2025"})
    assert done.partners == 1


def test_two_grids_on_one_sheet_keep_their_section_and_no_header_is_a_partner(corpus,
                                                                             vocabulary):
    report = check_file(corpus["handmade_two_blocks"], vocabulary)
    card = report.card
    assert [(p.row, p.organisatie.text, card.sections[p.row]) for p in card.partners] == [
        (3, "Kind en Gezin", "Kleuter"), (4, "CLB Brugge", "Kleuter"),
        (8, "Bib Brugge", "Lager"), (9, "Sportdienst Brugge", "Lager")]
    assert not {"SN201", "SN204", "SN202", "SN203"} & {f.code for f in report.findings}


@pytest.mark.parametrize("name", ["handmade_merged", "handmade_merged.ods",
                                  "handmade_merged.xls"])
def test_rows_under_one_merged_organisation_belong_to_it(corpus, vocabulary, name):
    report = check_file(corpus[name], vocabulary)
    clb = [p for p in report.card.partners if p.organisatie.text == "CLB Brugge"]
    assert [(p.row, p.organisatie.cell, p.category_code, p.aard.text) for p in clb] == [
        (2, "A2", "CLB", "onthaal"), (3, "A2", "CLB", "schoolkosten"),
        (4, "A2", "CLB", "taalscreening")]
    codes = {f.code for f in report.findings}
    assert not {"SN201", "SN203", "SN209"} & codes


def test_each_school_year_sheet_is_a_card_of_its_own_for_validate_and_merge(corpus, tmp_path,
                                                                           vocabulary):
    from schoolnet_xl.merge.run import merge_files
    from schoolnet_xl.validate.check import check_workbook

    path = corpus["handmade_years"]
    reports = check_workbook(path, vocabulary)
    assert [(r.card.grid_sheet, r.card.header.schooljaar.text, len(r.card.partners))
            for r in reports] == [("2025-2026", "2025-2026", 2), ("2024-2025", "2024-2025", 1)]
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "kaart.xlsx").write_bytes(path.read_bytes())
    outcome = merge_files([str(folder)], tmp_path / "regio.xlsx", jobs=1)
    cards = sorted((Path(r.path).name, r.status, r.duplicate, r.school.schooljaar)
                   for r in outcome.results)
    assert cards == [("kaart.xlsx", "ok", "", "2025-2026"),
                     ("kaart.xlsx [blad 2024-2025]", "ok", "", "2024-2025")]
