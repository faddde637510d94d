"""The vocabulary: defaults from TAXONOMY.md, region overrides, clear config errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import ConfigError, Vocabulary, load_vocabulary


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regio.toml"
    path.write_text(text, "utf-8")
    return path


def test_default_has_the_taxonomy(vocabulary: Vocabulary) -> None:
    codes = [c.code for c in vocabulary.categories]
    assert codes[:4] == ["CLB", "LSC", "LOK", "OCMW"]
    assert len(codes) == 21 and codes[-1] == "ANDER"
    assert [f.header for f in vocabulary.focus] == [
        "Kansenbevordering", "Zorg", "Armoedebestrijding",
    ]
    assert vocabulary.levels["BAO"] == "Basisonderwijs"
    assert vocabulary.scales["Status"] == ("Actief", "Te verdiepen", "Gewenst", "Beëindigd")


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        ("CLB", "BAO", "core"),
        ("CLB", None, "core"),
        ("KGH", "BAO", "core"),
        ("KGH", "BUBAO", "core"),
        ("KGH", "SO", "recommended"),
        ("KGH", None, "recommended"),
        ("WERK", "SO", "recommended"),
        ("WERK", "BAO", None),
        ("BIB", "SO", "recommended"),
        ("ANDER", "BAO", None),
    ],
)
def test_expectation_per_level(vocabulary: Vocabulary, code: str, level: str | None,
                               expected: str | None) -> None:
    assert vocabulary.category(code).expectation(level) == expected


@pytest.mark.parametrize("mark", ["x", "X", " x ", "✓", "✔", "•", "ja", "Ja", "1", 1, 1.0, True])
def test_accepted_marks(vocabulary: Vocabulary, mark: object) -> None:
    assert vocabulary.is_mark(mark)


@pytest.mark.parametrize("value", [None, "", "nee", "0", 0, 2, "xx", "?", False])
def test_non_marks(vocabulary: Vocabulary, value: object) -> None:
    assert not vocabulary.is_mark(value)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("De lokale openbare bibliotheek", "leesproject verteltassen"), "BIB"),
        (("Lokale geloofsgemeenschap: bijvoorbeeld de moskeevereniging, de parochie", ""),
         "GELOOF"),
        (("Stagiaires van de hogeschool", "huiswerkbegeleiding"), "HOGER"),
        (("Integrale jeugdhulp: link fase 2, 3",
          "Kind en Gezin, Centra voor algemeen welzijnswerk"), "JH"),
        (("Serviceclubs en sponsors", "sociaal fonds van onze school"), "SPONSOR"),
        (("brugfiguren", "leggen de brug tussen thuis en school"), "BRUG"),
        (("Vrij CLB Waasland", ""), "CLB"),
        (("Chiro Sint-Jan", ""), "JEUGD"),
        (("Wijkagent", "verkeersles"), None),
    ],
)
def test_keyword_guess(vocabulary: Vocabulary, texts: tuple[str, str], expected: str) -> None:
    assert vocabulary.guess_category(*texts) == expected


def test_code_or_label_resolves(vocabulary: Vocabulary) -> None:
    assert vocabulary.category_code_for("ocmw / sociaal huis") == "OCMW"
    assert vocabulary.category_code_for("BIB") == "BIB"
    assert vocabulary.category_code_for("Bibliotheek") == "BIB"
    assert vocabulary.category_code_for("Zwembad") is None
    assert vocabulary.level_code_for("secundair onderwijs") == "SO"


def test_region_renames_focus_makes_sport_core_and_adds_category(tmp_path: Path) -> None:
    config = write_config(tmp_path, """
name = "Regio Waasland"
[focus.KANS]
header = "Gelijke kansen"
[categories.SPORT]
core = ["*"]
[categories.MOBI]
label = "Mobiliteit"
definition = "Schoolvervoer en veilige schoolroutes."
keywords = ["mobiliteit", "de lijn"]
recommended = ["*"]
""")
    vocab = load_vocabulary(config)
    assert vocab.name == "Regio Waasland"
    assert vocab.focus[0].header == "Gelijke kansen" and vocab.focus[0].code == "KANS"
    assert vocab.category("SPORT").expectation("SO") == "core"
    assert vocab.category("MOBI").label == "Mobiliteit"
    assert vocab.guess_category("De Lijn", "") == "MOBI"
    assert load_vocabulary().category("SPORT").expectation("SO") == "recommended"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[categories.SPORT]\nkore = ['*']\n", "categories.SPORT.kore"),
        ("[focus.KANS]\nheader = 3\n", "focus.KANS.header"),
        ("[categories.SPORT]\ncore = ['LAGER']\n", "categories.SPORT.core"),
        ("[categories.NIEUW]\ndefinition = 'zonder label'\n", "categories.NIEUW.label"),
        ("kleur = 'rood'\n", "kleur"),
        ("[focus.KANS\n", "geen geldige TOML"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path: Path, text: str, names: str) -> None:
    config = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_vocabulary(config)
    assert str(config) in str(info.value)
    assert names in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="niet gevonden"):
        load_vocabulary(tmp_path / "bestaat-niet.toml")
