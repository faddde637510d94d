"""Partners pasted right of a template card's Partners table, with their header row: read
as partners (SN060 names the rows and how to move them into the table), counted by
summary and merge; in an .xlsx and an .ods saved by LibreOffice, and as Excel saves a
paste against the table (the table grown over the pasted columns, headers renamed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.summary import summarize
from schoolnet_xl.merge.pipeline import _init_worker, read_one
from schoolnet_xl.read import read_card
from schoolnet_xl.read.accounting import named_cells
from tests.corpus.make_corpus import BESIDE_ROWS, _edit, make_corpus, template_ok

# (row, organisatie, its cell column, category code, marked X columns), from BESIDE_ROWS
PASTED = [
    (10, "Huis van het Kind Gent", "KGH", ("ZORG",)),
    (11, "Academie Gent", "CULT", ("KANS",)),
    (12, "Welzijnsschakel Gent", "ARM", ("ARMOEDE",)),
]
TABLE = [(10, "CLB Gent", "CLB", ("ZORG",)), (11, "OCMW Gent", "OCMW", ("ARMOEDE",))]
# where each file has the block: (first column, last column)
WHERE = {"template_beside": ("Q", "V"), "template_beside_lo.xlsx": ("Q", "V"),
         "template_beside.ods": ("Q", "V"), "template_beside_grown": ("P", "U")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("beside_corpus"))


def _rows(partners, vocabulary: Vocabulary) -> list[tuple]:
    return [(p.row, p.organisatie.text, p.category_code,
             tuple(k for k, v in p.focus.items() if vocabulary.is_mark(v.value)))
            for p in partners]


def test_the_block_is_the_corpus_rows() -> None:
    assert [(org, code) for _, org, code, _ in PASTED] == [
        (org, code) for (org, *_), code in zip(BESIDE_ROWS, ("KGH", "CULT", "ARM"),
                                                strict=True)]


@pytest.mark.parametrize("name", sorted(WHERE))
def test_partners_pasted_beside_the_table_are_read_and_reported(corpus, vocabulary, name):
    first, last = WHERE[name]
    result = read_card(corpus[name])
    assert result.status == "ok" and result.kind == "template"
    card = result.card
    assert _rows(card.partners, vocabulary) == TABLE + PASTED
    assert [p.organisatie.cell for p in card.partners[2:]] == [f"{first}10", f"{first}11",
                                                             f"{first}12"]
    assert [f.code for f in result.findings] == ["SN060"]
    [beside] = result.findings
    assert (beside.severity, beside.sheet, beside.cell) == ("info", "Netwerkkaart",
                                                            f"{first}10")
    assert f"Rij(en) 10, 11, 12 in de kolommen {first}:{last} (kopregel in {first}9)" in (
        beside.message())
    assert f"knip de cellen {first}10:{last}12" in beside.hint()
    assert "dezelfde kopnaam" in beside.hint() and "Tabelgrootte" in beside.hint()
    assert len(named_cells([beside])["Netwerkkaart"]) == 3 * 6


def test_summary_and_merge_count_the_partners_beside_the_table(corpus, tmp_path, vocabulary):
    card = Path(shutil.copy(corpus["template_beside"], tmp_path / "kaart.xlsx"))
    done = summarize(card, vocabulary, backup=False)
    assert done.overview.total_partners == 5
    assert card.exists() and read_card(card).card is not None
    _init_worker(None, "nl")
    merged = read_one(str(corpus["template_beside"]))
    assert merged.status == "ok"
    assert [(r.category, r.marked, r.values[0]) for r in merged.partners] == [
        (code, marks, org) for _, org, code, marks in TABLE + PASTED]


def test_cells_beside_the_table_without_a_header_are_named_not_guessed(tmp_path, vocabulary):
    """A note typed right of a partner row is no partner: SN055 names it."""
    path = tmp_path / "kaart.xlsx"
    template_ok(path)
    _edit(path, lambda wb: wb["Netwerkkaart"].cell(row=10, column=17, value="zie map CLB"))
    result = read_card(path)
    assert _rows(result.card.partners, vocabulary) == TABLE
    [column] = [f for f in result.findings if f.code == "SN055"]
    assert (column.cell, dict(column.params)["cells"]) == ("Q10", "Q10")
    assert "SN060" not in {f.code for f in result.findings}
