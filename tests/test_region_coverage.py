"""Coverage against the schools expected to have a category, and Dekking per
scholengemeenschap.

A small region written here: secondary schools with and without a partner of
the secondary-only category "Werk en economie", a primary school that has one
anyway (it must not count), in two scholengemeenschappen. The expected shares
are counted from the cards written; the Dekking formulas are recalculated by
LibreOffice and must give the values the workbook carries; the workbook passes
Microsoft's validator and the lint (hyperlinks and their relationships included).
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support import libreoffice
from tests.support.ooxml import assert_valid_and_lint_clean
from tests.support.regional import run_cli, sheet_rows

WORK = "WERK"  # Werk en economie: recommended for secondary levels only
SCHOOLS = [  # (number, level, scholengemeenschap, has a Werk en economie partner)
    ("400001", "Secundair onderwijs", "SG Noord", True),
    ("400002", "Secundair onderwijs", "SG Noord", False),
    ("400003", "Secundair onderwijs", "SG Zuid", False),
    ("400004", "Secundair onderwijs", "SG Zuid", False),
    ("400005", "Basisonderwijs", "SG Zuid", True),
]


def _card(index: int, number: str, level: str, community: str, work: bool,
          vocabulary: Vocabulary) -> Card:
    card = make_card(random.Random(index), index, partners=5, level=level)
    partners = [p for p in card.partners if p.category_code != WORK]
    if work:
        category = vocabulary.category(WORK)
        assert category is not None
        partners.append(Partner(row=len(partners) + 1, sheet="Netwerkkaart",
                                organisatie=Sourced(f"VDAB {index}"), aard=Sourced("stages"),
                                categorie=Sourced(category.label), category_code=WORK))
    header = replace(card.header, instellingsnummer=Sourced(number),
                     schoolnaam=Sourced(f"School {number}"),
                     scholengemeenschap=Sourced(community))
    return replace(card, header=header, partners=partners)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Card]]:
    from schoolnet_xl.core.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    assert [c.code for c in vocabulary.categories].count(WORK) == 1
    base = tmp_path_factory.mktemp("coverage")
    cards = [_card(i, *school, vocabulary) for i, school in enumerate(SCHOOLS)]
    (base / "inbox").mkdir()
    for card in cards:
        write_card(base / "inbox" / f"{card.header.instellingsnummer.text}.xlsx", vocabulary,
                   card)
    out = base / "regio.xlsx"
    result = run_cli("merge", base / "inbox", "-o", out)
    assert result.returncode == 0, result.stderr
    return out, cards


def test_a_secondary_only_category_counts_the_secondary_schools_only(
        region: tuple[Path, list[Card]], vocabulary: Vocabulary) -> None:
    out, cards = region
    rows = sheet_rows(out, "Overzicht")
    start = next(i for i, r in enumerate(rows) if r[0] == "Categorie")
    table = {r[0]: r for r in rows[start + 1:start + 1 + len(vocabulary.categories)]}
    category = vocabulary.category(WORK)
    assert category is not None and not category.core
    secondary = [c for c in cards if c.header.onderwijsniveau.text == "Secundair onderwijs"]
    having = [c for c in secondary if any(p.category_code == WORK for p in c.partners)]
    assert (len(secondary), len(having)) == (4, 1)
    _label, _expectation, expected, with_partner, core_share, share, _rows = table[
        category.label][:7]
    assert (expected, with_partner, core_share) == (len(secondary), len(having), "")
    assert share == pytest.approx(len(having) / len(secondary))  # 25 %, not 2 of 5 = 40 %
    # core categories first, in their own share column
    groups = ["core" if r[4] != "" else "recommended" if r[5] != "" else ""
              for r in rows[start + 1:start + 1 + len(vocabulary.categories)]]
    core = sum(1 for c in vocabulary.categories if c.core)
    assert groups[:core] == ["core"] * core and "core" not in groups[core:]


def test_dekking_subtotals_per_scholengemeenschap_agree_with_libreoffice(
        region: tuple[Path, list[Card]], tmp_path: Path) -> None:
    libreoffice.require_soffice()  # a skip, but a failure under scripts/test
    out, cards = region
    ours = sheet_rows(out, "Dekking")
    header = ours[0]
    column = header.index("Werk en economie")
    head = next(i for i, r in enumerate(ours) if str(r[0]).startswith("Per scholengemeensch"))
    block = {r[0]: r for r in ours[head + 2:head + 4]}
    assert set(block) == {"SG Noord", "SG Zuid"}
    for name in block:
        members = [c for c in cards if c.header.scholengemeenschap.text == name]
        assert block[name][2] == len(members)
        assert block[name][column] == sum(
            any(p.category_code == WORK for p in c.partners) for c in members)
    again = sheet_rows(libreoffice.recalculate(out, tmp_path), "Dekking")
    assert again[:head + 4] == ours[:head + 4]  # every formula gives its cached value


def test_the_workbook_with_links_passes_the_validator_and_the_lint(
        region: tuple[Path, list[Card]]) -> None:
    out, _ = region
    assert_valid_and_lint_clean(out)
