"""Template cards as people fill them: rows typed under the table, dates in Sinds, marks
typed as 1, ja or ✓, a card saved as .ods, and the vocabulary the card was made with."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.overview import compute_overview
from schoolnet_xl.core.vocabulary import Vocabulary, load_vocabulary
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.summary import summarize
from schoolnet_xl.edit.upgrade import upgrade_card
from schoolnet_xl.merge.pipeline import _init_worker, read_one
from schoolnet_xl.read import read_card
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.check import check_file
from tests.corpus.make_corpus import make_corpus

TYPED_BELOW = [
    # (row, organisatie, category code, marks as typed)
    (75, "Leersteuncentrum Gent", "LSC", {"ZORG": 1.0}),
    (76, "Stad Gent onderwijsdienst", "LOK", {"KANS": "ja"}),
    (77, "Parochie Sint-Jan", "GELOOF", {"KANS": "✓"}),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("typed_corpus"))


def _below(card: Card) -> list[tuple]:
    return [(p.row, p.organisatie.text, p.category_code,
             {k: v.value for k, v in p.focus.items() if v.value is not None})
            for p in card.partners if p.row > 74]


@pytest.mark.parametrize("name", ["template_typed", "template_typed_lo.xlsx",
                                  "template_typed.ods"])
def test_rows_typed_under_the_table_are_partners(corpus, name):
    result = read_card(corpus[name])
    assert _below(result.card) == TYPED_BELOW
    assert len(result.card.partners) == 8
    if name != "template_typed.ods":  # an .ods keeps no table to be below of
        [under] = [f for f in result.findings if f.code == "SN054"]
        assert (under.severity, under.sheet, under.cell) == ("info", "Netwerkkaart", "A75")
        assert "75, 76, 77" in under.message() and "Tabelgrootte" in under.hint()


def test_typed_rows_count_in_the_overview_and_in_merge(corpus, vocabulary):
    report = check_file(corpus["template_typed"], vocabulary)
    overview = compute_overview(report.card, vocabulary)
    assert overview.total_partners == 7  # the row without organisation is not a partner
    _init_worker(None, "nl")
    merged = read_one(str(corpus["template_typed"]))
    assert merged.status == "ok" and len(merged.partners) == 8  # + the row without name
    below = [(row.category, row.marked, row.values[0]) for row in merged.partners[-3:]]
    assert below == [("LSC", ("ZORG",), "Leersteuncentrum Gent"),
                     ("LOK", ("KANS",), "Stad Gent onderwijsdienst"),
                     ("GELOOF", ("KANS",), "Parochie Sint-Jan")]


def test_marks_typed_as_a_number_ja_or_check_count_and_raise_nothing(corpus, vocabulary):
    report = check_file(corpus["template_typed"], vocabulary)
    rows = {f.cell[1:] for f in report.findings if f.code in ("SN204", "SN205")}
    assert not rows & {"75", "76", "77"}


def test_a_date_in_sinds_is_its_year(corpus, vocabulary):
    for name in ("template_typed", "template_typed_lo.xlsx", "template_typed.ods"):
        result = read_card(corpus[name])
        clb, bib = result.card.partners[:2]
        assert (clb.sinds.value, clb.sinds.cell) == (2019, "N10"), name
        assert (bib.sinds.value, bib.sinds.cell) == (2019, "N11"), name
        [serial] = [f for f in result.findings if f.code == "SN057"]
        assert (serial.cell, serial.value) == ("N11", "2019")
        assert "43525" in serial.message() and "01/03/2019" in serial.message()
    report = check_file(corpus["template_typed"], vocabulary)
    assert "SN208" not in {f.code for f in report.findings}


def test_categories_in_own_words_are_keyword_guesses_not_unknown(corpus, vocabulary):
    report = check_file(corpus["template_typed"], vocabulary)
    guesses = {(f.cell, f.value) for f in report.findings if f.code == "SN056"}
    assert guesses == {("F12", "Sportclubs"), ("F75", "leersteun"), ("F76", "gemeente"),
                       ("F77", "Parochie")}
    assert "SN202" not in {f.code for f in report.findings}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_summary_and_upgrade_refuse_an_ods_card_with_a_dutch_reason(corpus, vocabulary):
    ods = corpus["template_typed.ods"]
    before = _sha(ods)
    for run in (lambda: summarize(ods, vocabulary),
                lambda: upgrade_card(ods, vocabulary)):
        with pytest.raises(GuardError) as refused:
            run()
        assert refused.value.exit_code == 2
        message = str(refused.value)
        assert "kan alleen een .xlsx-kaart bijwerken" in message
        assert "OpenDocument (.ods)" in message
        assert "schoolnet-xl import template_typed.ods -o template_typed.xlsx" in message
    assert _sha(ods) == before


def test_an_ods_card_is_validated_like_its_xlsx(corpus, vocabulary):
    ods = check_file(corpus["template_typed.ods"], vocabulary)
    xlsx = check_file(corpus["template_typed"], vocabulary)
    assert ods.read.status == "ok" and ods.read.format == "ods"
    rows = lambda report: sorted((f.code, f.cell) for f in report.findings  # noqa: E731
                                 if f.code.startswith(("SN2", "SN3")))
    assert rows(ods) == rows(xlsx)
    # an empty header cell has no label value to point at in an .ods: same codes
    header = lambda report: sorted(f.code for f in report.findings  # noqa: E731
                                   if f.code.startswith("SN1"))
    assert header(ods) == header(xlsx)


# -- the card's own vocabulary ---------------------------------------------------------

REGION = """name = "Regio Zuid"
[focus.KANS]
header = "Onderwijskansen"
[categories.STAD]
label = "Stadsdiensten"
keywords = ["stadsdienst"]
"""


def _region_card(folder: Path) -> tuple[Path, Vocabulary]:
    config = folder / "regio-zuid.toml"
    config.write_text(REGION, "utf-8")
    region = load_vocabulary(config)
    card = Card("", "template", header=Header(schoolnaam=Sourced("GO! De Wilg")),
                partners=[Partner(0, "", organisatie=Sourced("Jeugddienst"), aard=Sourced("x"),
                                  focus={"KANS": Sourced("X")},
                                  categorie=Sourced("Stadsdiensten"),
                                  category_code="STAD")])
    path = folder / "kaart-zuid.xlsx"
    write_card(path, region, card)
    return path, region


def test_without_config_a_card_is_judged_with_the_vocabulary_it_was_made_with(
        tmp_path, vocabulary):
    path, region = _region_card(tmp_path)
    with_default = check_file(path, vocabulary)  # validate/gaps/merge without --config
    with_region = check_file(path, region)  # as the school's own Valideer judges it
    assert with_default.card.partners[0].category_code == "STAD"
    assert "SN202" not in {f.code for f in with_default.findings}
    assert ([(f.code, f.cell) for f in with_default.findings]
            == [(f.code, f.cell) for f in with_region.findings])
    assert with_default.missing == with_region.missing
    assert with_default.vocabulary is not None and with_default.vocabulary.name == "Regio Zuid"


def test_another_config_is_used_and_named_in_a_warning(tmp_path):
    path, region = _region_card(tmp_path)
    other_config = tmp_path / "regio-noord.toml"
    other_config.write_text('name = "Regio Noord"\n', "utf-8")
    other = load_vocabulary(other_config)
    report = check_file(path, other)
    [warning] = [f for f in report.findings if f.code == "SN021"]
    assert warning.severity == "waarschuwing"
    assert "Regio Zuid" in warning.message() and "Regio Noord" in warning.message()
    assert "regio-noord.toml" in warning.message()
    # judged with the --config, which does not know Stadsdiensten (read as a keyword
    # guess, Lokaal bestuur): the difference is shown, the X column still read
    assert report.card.partners[0].category_code == "LOK"
    assert "SN055" not in {f.code for f in report.findings}
    assert report.card.partners[0].focus["KANS"].value == "X"
    assert "SN021" not in {f.code for f in check_file(path, region).findings}


def test_import_writes_an_ods_template_card_as_a_new_xlsx(corpus, tmp_path, vocabulary):
    from schoolnet_xl.edit.import_card import import_grid

    ods = corpus["template_typed.ods"]
    before = _sha(ods)
    out = tmp_path / "kaart.xlsx"
    done = import_grid(ods, vocabulary, output=out)
    assert done.partners == 8
    card = read_card(out).card
    assert card.kind == "template"
    assert [p.organisatie.text for p in card.partners][-3:] == [
        "Leersteuncentrum Gent", "Stad Gent onderwijsdienst", "Parochie Sint-Jan"]
    assert _sha(ods) == before
    # and the new .xlsx is a card summary accepts
    summarize(out, vocabulary, backup=False)
