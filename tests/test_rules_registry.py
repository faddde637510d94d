"""Driven by the rule registry: every code has a case that fires it and one that does not.

A rule added without a case here fails `test_every_registered_code_has_a_firing_case`.
Card rules (SN1xx-SN3xx) are judged on cards built in code (tests/support/cards.py);
file rules (SN0xx, SN4xx) on real files: the read corpus, plus a few made here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from schoolnet_xl.core.contract import REGIONAL_MARKER_PROPERTY, REGIONAL_MARKER_VALUE
from schoolnet_xl.core.model import Card, Partner
from schoolnet_xl.core.vocabulary import Vocabulary, load_vocabulary
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.catalogue import all_rules
from schoolnet_xl.validate.check import check_file
from schoolnet_xl.validate.engine import validate
from tests.corpus.make_corpus import make_corpus
from tests.support.cards import SHEET, cell, full_card, partner, with_header, with_partner

CardCase = Callable[[Vocabulary], Card]


def _row(**values: object) -> CardCase:
    return lambda v: with_partner(full_card(v), partner(60, "Partner X", "CLB", **values))


def _only(*kept: str) -> CardCase:
    def card(v: Vocabulary) -> Card:
        whole = full_card(v)
        whole.partners = [p for p in whole.partners if p.category_code in kept]
        return whole
    return card


CARD_CASES: dict[str, CardCase] = {
    "SN101": lambda v: with_header(full_card(v), schoolnaam=cell(None, "C3")),
    "SN102": lambda v: with_header(full_card(v), instellingsnummer=cell(None, "C4")),
    "SN103": lambda v: with_header(full_card(v), instellingsnummer=cell("30569", "C4")),
    "SN104": lambda v: with_header(full_card(v), schooljaar=cell(None, "C8")),
    "SN105": lambda v: with_header(full_card(v), schooljaar=cell("2025-2027", "C8")),
    "SN106": lambda v: with_header(full_card(v), onderwijsniveau=cell("Lager", "C5")),
    "SN107": lambda v: with_header(full_card(v), onderwijsniveau=cell(None, "C5")),
    "SN108": lambda v: with_header(full_card(v),
                                   datum=cell(date.today() + timedelta(days=9), "C10")),
    "SN109": lambda v: with_header(full_card(v), datum=cell("ooit", "C10")),
    "SN110": lambda v: with_header(full_card(v), gemeente=cell(None, "C7")),
    "SN201": lambda v: with_partner(full_card(v), partner(60, "", "CLB")),
    "SN202": lambda v: with_partner(full_card(v), partner(60, "Stadsbib", "Bibliotheeek")),
    "SN203": lambda v: with_partner(full_card(v), partner(60, "Vzw De Brug", "")),
    "SN204": _row(KANS=None),
    "SN205": _row(ZORG="soms"),
    "SN206": _row(email="info(at)clb.be"),
    "SN207": _row(telefoon="12345"),
    "SN208": _row(sinds=1850),
    "SN209": lambda v: with_partner(full_card(v), partner(60, "partner clb", "CLB")),
    "SN210": _row(status="Gestopt"),
    "SN211": _row(interne_trekker=None),
    "SN212": _row(aard=None),
    "SN213": lambda v: with_partner(full_card(v), partner(60, "CKG De Kinderkes", "JH",
                                                         aard="dossier leerling Jonas")),
    "SN301": lambda v: Card("kaart.xlsx", "template", full_card(v).header,
                            [Partner(row=15, sheet=SHEET)], SHEET),
    "SN302": _only("LSC", "BIB"),
    "SN303": _only("CLB", "LSC", "LOK", "OCMW", "KGH"),
    "SN304": lambda v: replace(full_card(v), template_version="0.9"),
}


def _regional(corpus: dict[str, Path], folder: Path) -> Path:
    """A copy of a good card that carries the regional workbook's document property."""
    target = folder / "regio.xlsx"
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{REGIONAL_MARKER_PROPERTY}"><vt:lpwstr>{REGIONAL_MARKER_VALUE}</vt:lpwstr>'
        "</property></Properties>")
    return _rewrite(corpus["template_ok"], target, {"docProps/custom.xml": custom.encode()})


def _name_removed(corpus: dict[str, Path], folder: Path) -> Path:
    """A template card whose defined name Schoolnaam was deleted (Names Manager)."""
    with zipfile.ZipFile(corpus["template_ok"]) as source:
        workbook = source.read("xl/workbook.xml").decode()
    start = workbook.index('<definedName name="Schoolnaam"')
    end = workbook.index("</definedName>", start) + len("</definedName>")
    return _rewrite(corpus["template_ok"], folder / "zonder-naam.xlsx",
                    {"xl/workbook.xml": (workbook[:start] + workbook[end:]).encode()})


def _parse_failed(corpus: dict[str, Path], folder: Path) -> Path:
    """workbook.xml cut off mid-tag: the parser fails."""
    return _rewrite(corpus["source_table"], folder / "kapot.xlsx",
                    {"xl/workbook.xml": b"<workbook><sheets><sheet name='x'"})


def _rewrite(source: Path, target: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            out.writestr(info, parts.pop(info.filename, None) or src.read(info))
        for name, data in parts.items():
            out.writestr(name, data)
    return target


FileCase = Callable[[dict[str, Path], Path], Path]


def _region_card(_corpus: dict[str, Path], folder: Path) -> Path:
    """A card made with a region's vocabulary (Onderwijskansen), checked with another."""
    config = folder / "regio-zuid.toml"
    config.write_text('name = "Regio Zuid"\n[focus.KANS]\nheader = "Onderwijskansen"\n', "utf-8")
    path = folder / "regio-kaart.xlsx"
    write_card(path, load_vocabulary(config), full_card(load_vocabulary(config)))
    return path


def _other_region(folder: Path) -> Vocabulary:
    config = folder / "regio-noord.toml"
    config.write_text('name = "Regio Noord"\n', "utf-8")
    return load_vocabulary(config)


# Codes whose case is checked with a region's --config rather than the default vocabulary.
FILE_VOCABULARIES: dict[str, Callable[[Path], Vocabulary]] = {"SN021": _other_region}


def _corpus(name: str) -> FileCase:
    return lambda corpus, _folder: corpus[name]


FILE_CASES: dict[str, FileCase] = {
    "SN001": lambda _corpus, folder: folder / "bestaat-niet.xlsx",
    "SN002": _corpus("~$card"),
    "SN003": _corpus("text"),
    "SN004": _corpus("encrypted"),
    "SN005": _corpus("truncated"),
    "SN006": _corpus("zip_bomb_total"),
    "SN007": _corpus("zip_bomb_ratio"),
    "SN008": _corpus("entity_bomb"),
    "SN009": _parse_failed,
    "SN010": _corpus("empty"),
    "SN011": _corpus("no_grid"),
    # A path no operating system accepts (an embedded NUL): an unexpected error, reported.
    "SN012": lambda _corpus, folder: Path(f"{folder}/kaart\0.xlsx"),
    "SN013": _regional,
    "SN020": _corpus("macros"),
    "SN021": _region_card,
    "SN050": _corpus("template_mistakes"),
    "SN051": _corpus("template_mistakes"),
    "SN052": _corpus("handmade_row3"),
    "SN053": _corpus("handmade_row6"),
    "SN054": _corpus("template_typed"),
    "SN055": _corpus("handmade_row6"),
    "SN056": _corpus("template_typed"),
    "SN057": _corpus("template_typed"),
    "SN058": _corpus("handmade_words"),
    "SN059": _corpus("handmade_years"),
    "SN060": _corpus("template_beside"),
    "SN401": _corpus("template_no_table"),
    "SN402": _corpus("template_no_dropdowns"),
    "SN403": _name_removed,
    "SN404": _corpus("template_renamed_column"),
}
CODES = [rule.code for rule in all_rules()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("registry_corpus"))


def test_every_registered_code_has_a_firing_case() -> None:
    assert set(CARD_CASES).isdisjoint(FILE_CASES)
    assert sorted({*CARD_CASES, *FILE_CASES}) == CODES


def test_card_rules_are_exactly_the_engine_scopes() -> None:
    scopes = {rule.code: rule.scope for rule in all_rules()}
    assert {code for code, scope in scopes.items() if scope != "file"} == set(CARD_CASES)


@pytest.mark.parametrize("code", sorted(CARD_CASES))
def test_card_rule_fires_on_its_case(code: str, vocabulary: Vocabulary) -> None:
    assert code in [f.code for f in validate(CARD_CASES[code](vocabulary), vocabulary)]


@pytest.mark.parametrize("code", sorted(CARD_CASES))
def test_card_rule_is_silent_on_a_complete_card(code: str, vocabulary: Vocabulary) -> None:
    assert code not in [f.code for f in validate(full_card(vocabulary), vocabulary)]


@pytest.mark.parametrize("code", sorted(FILE_CASES))
def test_file_rule_fires_on_its_file(code: str, corpus: dict[str, Path], tmp_path: Path,
                                     vocabulary: Vocabulary) -> None:
    given = FILE_VOCABULARIES[code](tmp_path) if code in FILE_VOCABULARIES else vocabulary
    report = check_file(FILE_CASES[code](corpus, tmp_path), given)
    found = [f for f in report.findings if f.code == code]
    assert found, [f.code for f in report.findings]
    assert all(f.message("nl") and f.message("en") != f.message("nl") for f in found)


@pytest.mark.parametrize("code", sorted(FILE_CASES))
def test_file_rule_is_silent_on_a_clean_template_card(code: str, corpus: dict[str, Path],
                                                      vocabulary: Vocabulary) -> None:
    report = check_file(corpus["template_ok"], vocabulary)
    assert report.read.status == "ok"
    assert code not in [f.code for f in report.findings]


def test_every_rule_has_both_languages_an_example_and_fields_its_findings_fill(
    corpus: dict[str, Path], tmp_path: Path, vocabulary: Vocabulary,
) -> None:
    """Rendering never leaves a `{placeholder}` behind, in either language."""
    findings = [f for code in CARD_CASES for f in validate(CARD_CASES[code](vocabulary),
                                                             vocabulary)]
    for code, case in FILE_CASES.items():
        folder = tmp_path / code.lower()
        folder.mkdir()
        given = FILE_VOCABULARIES[code](folder) if code in FILE_VOCABULARIES else vocabulary
        findings += check_file(case(corpus, folder), given).findings
    for rule in all_rules():
        assert rule.checks.nl and rule.checks.en and rule.message.nl and rule.message.en
        assert rule.example, rule.code
    for finding in findings:
        for lang in ("nl", "en"):
            text = finding.message(lang) + finding.hint(lang)  # type: ignore[arg-type]
            assert "{" not in text and "}" not in text, (finding.code, text)
