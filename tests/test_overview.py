"""compute_overview: counts per category and X column, and each category's verdict."""

from __future__ import annotations

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.overview import compute_overview, missing_categories
from schoolnet_xl.core.vocabulary import load_vocabulary


def partner(name: str | None, code: str | None, **marks: object) -> Partner:
    return Partner(row=0, sheet="", organisatie=Sourced(name), category_code=code,
                   focus={k: Sourced(v) for k, v in marks.items()})


def card(level: str, *partners: Partner) -> Card:
    return Card("kaart.xlsx", "template", Header(onderwijsniveau=Sourced(level)), list(partners))


def test_counts_partners_per_category_code_and_per_accepted_mark(vocabulary) -> None:
    overview = compute_overview(card(
        "Basisonderwijs",
        partner("Vrij CLB", "CLB", KANS="X", ZORG="x"),
        partner("CLB tweede vestiging", "CLB", ZORG="ja"),
        partner("Bib", "BIB", KANS="✓", ARMOEDE=""),
        partner("Onbekend", None, ARMOEDE="nee"),
        partner(None, "SPORT", KANS=1),
    ), vocabulary)
    assert overview.category_counts["CLB"] == 2
    assert overview.category_counts["BIB"] == 1
    assert overview.category_counts["SPORT"] == 1
    assert sum(overview.category_counts.values()) == 4  # the uncategorised row counts nowhere
    assert overview.focus_counts == {"KANS": 3, "ZORG": 2, "ARMOEDE": 0}
    assert overview.total_partners == 4  # rows with an Organisatie


def test_missing_core_and_recommended_depend_on_the_level(vocabulary) -> None:
    basis = compute_overview(card("Basisonderwijs", partner("CLB", "CLB")), vocabulary)
    assert basis.level_code == "BAO"
    assert basis.missing_core == ["LSC", "LOK", "OCMW", "KGH"]
    assert "WERK" not in basis.missing_recommended and "JH" in basis.missing_recommended
    assert basis.line("CLB").status == "present"
    assert basis.line("ANDER").status == "none"
    secundair = compute_overview(card("so", partner("CLB", "CLB")), vocabulary)
    assert secundair.missing_core == ["LSC", "LOK", "OCMW"]
    assert secundair.line("KGH").status == "missing_recommended"
    assert secundair.line("WERK").expectation == "recommended"


def test_unknown_level_counts_only_everywhere_core_as_core(vocabulary) -> None:
    overview = compute_overview(card(""), vocabulary)
    assert overview.level_code is None
    assert overview.missing_core == ["CLB", "LSC", "LOK", "OCMW"]
    assert overview.line("KGH").status == "missing_recommended"
    assert overview.total_partners == 0


def test_missing_categories_answer_each_vocabulary_and_level_afresh(vocabulary, tmp_path) -> None:
    config = tmp_path / "regio.toml"
    config.write_text('[categories.BIB]\ncore = ["*"]\n', encoding="utf-8")
    region = load_vocabulary(config)
    same = card("Basisonderwijs", partner("CLB", "CLB"), partner("Rij", ""), partner("Rij", None))
    first = missing_categories(same, vocabulary)
    assert first == {"core": ["LSC", "LOK", "OCMW", "KGH"],
                     "recommended": compute_overview(same, vocabulary).missing_recommended}
    first["core"].clear()  # a caller's change stays its own
    assert missing_categories(same, vocabulary)["core"] == ["LSC", "LOK", "OCMW", "KGH"]
    assert missing_categories(same, region)["core"] == ["LSC", "LOK", "OCMW", "KGH", "BIB"]
    assert missing_categories(card("so", partner("CLB", "CLB")), vocabulary)["core"] == [
        "LSC", "LOK", "OCMW"]
