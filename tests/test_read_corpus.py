"""Every corpus file read by `read_card`: the exact outcome, no crash, the input untouched.

Expected values come from what each file contains (see tests/corpus/make_corpus.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from schoolnet_xl.read import ReadResult, read_card
from tests.corpus.make_corpus import make_corpus

# name -> (status, kind, reading finding codes in order, refusal code or None)
EXPECTED: dict[str, tuple[str, str | None, list[str]]] = {
    "template_ok": ("ok", "template", []),
    # numeric 30569 padded; 'De Kleine Bib' has no category -> guessed; the category
    # 'Sportclubs' is free text with the keyword 'sport' -> read as Sport (SN056)
    "template_mistakes": ("ok", "template", ["SN051", "SN050", "SN056"]),
    "template_no_table": ("ok", "template", ["SN401", "SN050", "SN056"]),
    "template_no_dropdowns": ("ok", "template", ["SN402", "SN050", "SN056"]),
    # Categorie renamed to Klasse: column missing, so every row with a guessable
    # name gets a guess (CLB, bib, sport, OCMW); the row without organisation and
    # with 'huiswerkklas' guesses nothing.
    # ... and the Klasse column's cells are named, not dropped (SN055)
    "template_renamed_column": ("ok", "template", ["SN404", "SN050", "SN050", "SN050",
                                                   "SN050", "SN055"]),
    # three partners typed under the table (SN054); 'De Kleine Bib' guessed; four
    # categories in own words (Sportclubs, leersteun, gemeente, Parochie: SN056); a
    # Sinds date kept as a serial number read as its year (SN057)
    "template_typed": ("ok", "template", ["SN054", "SN050", *["SN056"] * 4, "SN057"]),
    # saved by LibreOffice: the .xlsx keeps the table range (rows still below it); the
    # .ods has no table, so the grid is read by its header row to the end of the sheet
    "template_typed_lo.xlsx": ("ok", "template", ["SN054", "SN050", *["SN056"] * 4,
                                                  "SN057"]),
    "template_typed.ods": ("ok", "template", ["SN050", *["SN056"] * 4, "SN057"]),
    # three partners pasted with their header row beside the table (SN060): one column
    # apart, saved by LibreOffice as .xlsx and .ods, and against the table as Excel grows it
    "template_beside": ("ok", "template", ["SN060"]),
    "template_beside_lo.xlsx": ("ok", "template", ["SN060"]),
    "template_beside.ods": ("ok", "template", ["SN060"]),
    "template_beside_grown": ("ok", "template", ["SN060"]),
    # totals row skipped; 'Stedelijke bib' guessed
    "handmade_row3": ("ok", "handmade", ["SN052", "SN050"]),
    "handmade_row3.ods": ("ok", "handmade", ["SN052", "SN050"]),
    "handmade_row3.xls": ("ok", "handmade", ["SN052", "SN050"]),
    # count-only last row skipped; 30569 padded; Sportdienst guessed; the notes sheet
    # (SN053) and the hidden helper column with a value (SN055) named
    "handmade_row6": ("ok", "handmade", ["SN052", "SN051", "SN050", "SN053", "SN055"]),
    # header words as people write them; Mobiliteit (X marks) named; the school name
    # and year from the merged title line (the number has its own labelled line)
    "handmade_words": ("ok", "handmade", ["SN058", "SN058", "SN055"]),
    # one grid per school-year sheet: the latest is read (SN059), the year taken from
    # the sheet name (SN058), the other sheet's cells named (SN053)
    "handmade_years": ("ok", "handmade", ["SN059", "SN058", "SN053"]),
    # two blocks with titles and a repeated header; one organisation over merged rows
    "handmade_two_blocks": ("ok", "handmade", []),
    "handmade_merged": ("ok", "handmade", []),
    # the same merged rows saved by LibreOffice as .ods and .xls
    "handmade_merged.ods": ("ok", "handmade", []),
    "handmade_merged.xls": ("ok", "handmade", []),
    "source_table": ("ok", "handmade", ["SN050"] * 6),
    "macros": ("ok", "handmade", ["SN020", *["SN050"] * 6]),
    "no_grid": ("unreadable", None, ["SN011"]),
    "empty": ("unreadable", None, ["SN010"]),
    "truncated": ("unreadable", None, ["SN005"]),
    "text": ("unreadable", None, ["SN003"]),
    "encrypted": ("unreadable", None, ["SN004"]),
    "zip_bomb_total": ("unreadable", None, ["SN006"]),
    "zip_bomb_ratio": ("unreadable", None, ["SN007"]),
    "entity_bomb": ("unreadable", None, ["SN008"]),
    "~$card": ("unreadable", None, ["SN002"]),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("read_corpus"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_has_every_expected_file(corpus):
    assert set(corpus) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_reads_as_expected_and_is_not_changed(corpus, name):
    status, kind, codes = EXPECTED[name]
    before = _sha256(corpus[name])
    result = read_card(corpus[name])
    assert isinstance(result, ReadResult)
    assert (result.status, result.kind) == (status, kind)
    assert [f.code for f in result.findings] == codes
    assert _sha256(corpus[name]) == before
    if status == "ok":
        assert result.card is not None and result.reason() == ""
    else:
        assert result.card is None
        assert result.reason() == result.findings[-1].message()
        assert "Traceback" not in result.reason()


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[0] != "ok"))
def test_refusals_have_an_english_reason_too(corpus, name):
    result = read_card(corpus[name])
    assert result.reason("en") and result.reason("en") != result.reason("nl")


def test_same_grid_as_xlsx_ods_and_xls_gives_the_same_partners(corpus):
    def partners(name: str) -> list[tuple]:
        card = read_card(corpus[name]).card
        return [(p.row, p.organisatie.cell, p.organisatie.text, p.aard.text, p.category_code,
                 p.category_guessed, {k: v.text for k, v in p.focus.items()})
                for p in card.partners]

    expected = partners("handmade_row3")
    assert len(expected) == 4
    assert partners("handmade_row3.ods") == expected
    assert partners("handmade_row3.xls") == expected


def test_template_mistakes_are_read_as_typed(corpus):
    card = read_card(corpus["template_mistakes"]).card
    assert card.header.schoolnaam.text == "Basisschool De Regenboog"
    assert card.header.instellingsnummer.value == "030569"
    assert [p.organisatie.text for p in card.partners] == [
        "CLB Gent", "De Kleine Bib", "Sportclub Olympia", "", "OCMW Gent"]
    sport = card.partners[2]
    assert (sport.categorie.text, sport.category_code, sport.category_guessed) == (
        "Sportclubs", "SPORT", True)
    bib = card.partners[1]
    assert (bib.category_code, bib.category_guessed) == ("BIB", True)
    assert card.partners[4].email.text == "ocmw.gent"
    assert not any(v.text for v in card.partners[4].focus.values())


def test_a_table_turned_into_a_range_is_still_read_by_its_header_row(corpus):
    result = read_card(corpus["template_no_table"])
    assert [p.organisatie.text for p in result.card.partners] == [
        "CLB Gent", "De Kleine Bib", "Sportclub Olympia", "", "OCMW Gent"]
    assert result.findings[0].severity == "fout"


def test_removed_dropdowns_are_a_warning_on_the_card_sheet(corpus):
    finding = read_card(corpus["template_no_dropdowns"]).findings[0]
    assert (finding.severity, finding.sheet) == ("waarschuwing", "Netwerkkaart")


def test_renamed_column_names_the_missing_column(corpus):
    finding = read_card(corpus["template_renamed_column"]).findings[0]
    assert "'Categorie'" in finding.message()


def test_a_parser_error_becomes_unreadable_with_the_exception_class(corpus, tmp_path):
    # workbook.xml cut off mid-tag: the parser's error is reported (its class named).
    import zipfile

    broken = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(corpus["source_table"]) as source, zipfile.ZipFile(broken, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = b"<workbook><sheets><sheet name='x'"
            out.writestr(info, data)
    result = read_card(broken)
    assert result.status == "unreadable"
    assert result.findings[-1].code == "SN009"
    assert re.search(r"\(\w+Error: .+\)", result.reason()), result.reason()
