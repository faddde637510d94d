"""`schoolnet-xl validate`, `gaps` and `rules` as a user runs them: real files, real subprocess.

Cards are written with the template writer, then edited with openpyxl into
copies holding known mistakes; expected cells are looked up in the edited
workbook (defined names, the Partners table), never taken from the code under test.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.catalogue import REGISTRY  # imports every rule, so all registered

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))
DOCUMENTED_FILE_KEYS = {"path", "status", "reason", "kind", "school", "partners",
                        "missing_categories", "findings"}
FINDING_KEYS = {"code", "severity", "file", "sheet", "cell", "field", "value", "message",
                "hint"}


# -- helpers ------------------------------------------------------------------

def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          check=False)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def complete_card(vocabulary: Vocabulary, level: str = "Basisonderwijs",
                  categories: list[str] | None = None) -> Card:
    """A valid card: full header, one complete partner per category (or those given)."""
    header = Header(
        schoolnaam=Sourced("Sint-Jozefsschool"), instellingsnummer=Sourced("030569"),
        onderwijsniveau=Sourced(level), gemeente=Sourced("Brugge"),
        schooljaar=Sourced("2025-2026"), ingevuld_door=Sourced("zorgcoördinator"),
        datum=Sourced(date(2025, 9, 15)),
    )
    chosen = categories or [c.code for c in vocabulary.categories]
    partners = []
    for row, code in enumerate(chosen, start=1):
        category = vocabulary.category(code)
        assert category is not None
        partners.append(Partner(
            row=row, sheet="Netwerkkaart",
            organisatie=Sourced(f"Partner {row} ({code})"),
            aard=Sourced("Afspraken over samenwerking"),
            focus={f.code: Sourced("X" if n == row % 3 else None)
                   for n, f in enumerate(vocabulary.focus)},
            categorie=Sourced(category.label), category_code=code,
            email=Sourced(f"onthaal{row}@partner.be"), telefoon=Sourced("050 12 34 56"),
            intensiteit=Sourced("3 Samenwerken"), interne_trekker=Sourced("directie"),
            antennefunctie=Sourced("Ja"), status=Sourced("Actief"), sinds=Sourced(2019),
        ))
    return Card(path="", kind="template", header=header, partners=partners)


def write_template_card(path: Path, vocabulary: Vocabulary, **kwargs: object) -> Path:
    write_card(path, vocabulary, card=complete_card(vocabulary, **kwargs))
    return path


class CardCells:
    """Where things are in a template card, found by defined name and table column."""

    def __init__(self, path: Path) -> None:
        workbook = openpyxl.load_workbook(path)
        self.sheet_name = "Netwerkkaart"
        sheet = workbook[self.sheet_name]
        self.header = {}
        for name, defined in workbook.defined_names.items():
            for sheet_title, ref in defined.destinations:
                if sheet_title == self.sheet_name and ":" not in ref:
                    self.header[name] = ref.replace("$", "")
        table = sheet.tables["Partners"]
        first, _ = table.ref.split(":")
        header_cells = next(iter(sheet[table.ref]))
        self.columns = {c.value: c.column_letter for c in header_cells}
        self.first_row = int("".join(ch for ch in first if ch.isdigit())) + 1

    def grid(self, index: int, column: str) -> str:
        """A1 address of partner `index` (0-based) in the column with this header."""
        return f"{self.columns[column]}{self.first_row + index}"


def edited_copy(source: Path, target: Path, header: dict[str, object] | None = None,
                grid: dict[tuple[int, str], object] | None = None) -> CardCells:
    """Copy a card with openpyxl, changing header fields and grid cells."""
    cells = CardCells(source)
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[cells.sheet_name]
    for name, value in (header or {}).items():
        sheet[cells.header[name]] = value
    for (index, column), value in (grid or {}).items():
        sheet[cells.grid(index, column)] = value
    workbook.save(target)
    return cells


def json_of(result: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(result.stdout)


@pytest.fixture
def clean_card(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    return write_template_card(tmp_path / "schone-kaart.xlsx", vocabulary)


@pytest.fixture
def faulty_card(tmp_path: Path, clean_card: Path) -> tuple[Path, CardCells]:
    path = tmp_path / "kaart-met-fouten.xlsx"
    cells = edited_copy(clean_card, path, header={"Instellingsnummer": "30569",
                                                  "Schooljaar": "2025-2027"},
                        grid={(0, "E-mail"): "onthaal(at)clb.be",
                              (1, "Categorie"): "Bibliotheeek",
                              (2, "Zorg"): "soms",
                              (3, "Telefoon"): "12345"})
    return path, cells


# -- validate -----------------------------------------------------------------

def test_a_complete_template_card_has_no_findings_and_exits_0(clean_card: Path) -> None:
    result = run("validate", str(clean_card), "--format", "json")
    assert result.returncode == 0, result.stderr
    [entry] = json_of(result)["files"]
    assert entry["status"] == "ok" and entry["kind"] == "template"
    assert entry["findings"] == []
    assert entry["missing_categories"] == {"core": [], "recommended": []}


def test_known_mistakes_give_exact_codes_and_cells(
    faulty_card: tuple[Path, CardCells], vocabulary: Vocabulary
) -> None:
    path, cells = faulty_card
    result = run("validate", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    [entry] = json_of(result)["files"]
    found = {(f["code"], f["severity"], f["sheet"], f["cell"]) for f in entry["findings"]}
    sheet = cells.sheet_name
    zorg = next(f.header for f in vocabulary.focus if f.code == "ZORG")
    assert found == {
        ("SN103", "fout", sheet, cells.header["Instellingsnummer"]),
        ("SN105", "fout", sheet, cells.header["Schooljaar"]),
        ("SN206", "fout", sheet, cells.grid(0, "E-mail")),
        ("SN202", "fout", sheet, cells.grid(1, "Categorie")),
        ("SN205", "waarschuwing", sheet, cells.grid(2, zorg)),
        ("SN207", "waarschuwing", sheet, cells.grid(3, "Telefoon")),
        # row 1 held the only partner of the second (core) category: now it is missing
        ("SN302", "waarschuwing", sheet, ""),
    }
    assert entry["missing_categories"]["core"] == [vocabulary.categories[1].code]
    unknown = next(f for f in entry["findings"] if f["code"] == "SN202")
    assert unknown["value"] == "Bibliotheeek" and "'Bibliotheek'" in unknown["hint"]
    assert all(f["file"] == str(path) for f in entry["findings"])


def test_json_is_one_document_with_the_documented_keys(
    faulty_card: tuple[Path, CardCells], clean_card: Path, tmp_path: Path
) -> None:
    path, _ = faulty_card
    missing = tmp_path / "bestaat-niet.xlsx"
    result = run("validate", str(clean_card), str(missing), str(path), "--format", "json")
    assert result.returncode == 2
    document = json_of(result)
    assert set(document) == {"files", "summary"}
    assert [f["path"] for f in document["files"]] == [str(clean_card), str(missing), str(path)]
    for entry in document["files"]:
        assert set(entry) == DOCUMENTED_FILE_KEYS
        assert set(entry["school"]) == {"naam", "instellingsnummer", "schooljaar",
                                        "onderwijsniveau", "gemeente"}
        assert set(entry["missing_categories"]) == {"core", "recommended"}
        for finding in entry["findings"]:
            assert set(finding) == FINDING_KEYS
    assert document["files"][1]["status"] == "unreadable"
    assert document["files"][1]["reason"]
    faulty = document["files"][2]
    assert faulty["school"]["instellingsnummer"] == "30569"
    assert faulty["school"]["onderwijsniveau"] == "BAO"
    summary = document["summary"]
    assert summary["files"] == 3 and summary["unreadable"] == 1
    all_findings = [f for entry in document["files"] for f in entry["findings"]]
    for severity in ("fout", "waarschuwing", "info"):
        assert summary[severity] == sum(f["severity"] == severity for f in all_findings)
    assert "bestaat-niet.xlsx" in result.stderr and "niet gevonden" in result.stderr


def test_partners_carry_category_and_focus_codes(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    path = write_template_card(tmp_path / "kaart.xlsx", vocabulary, level="Secundair onderwijs",
                               categories=["CLB", "BIB", "WERK"])
    [entry] = json_of(run("validate", str(path), "--format", "json"))["files"]
    focus_codes = [f.code for f in vocabulary.focus]
    assert [(p["organisatie"], p["categorie"], p["categorie_guessed"], p["focus"])
            for p in entry["partners"]] == [
        ("Partner 1 (CLB)", "CLB", False, [focus_codes[1]]),
        ("Partner 2 (BIB)", "BIB", False, [focus_codes[2]]),
        ("Partner 3 (WERK)", "WERK", False, [focus_codes[0]]),
    ]
    cells = CardCells(path)
    assert [p["cell"] for p in entry["partners"]] == [cells.grid(i, "Organisatie")
                                                      for i in range(3)]
    expected = {"core": [], "recommended": []}
    for category in vocabulary.categories:
        expectation = category.expectation("SO")
        if expectation and category.code not in {"CLB", "BIB", "WERK"}:
            expected[expectation].append(category.code)
    assert entry["missing_categories"] == expected
    assert entry["school"]["onderwijsniveau"] == "SO"


def test_lang_en_gives_english_messages(faulty_card: tuple[Path, CardCells]) -> None:
    path, _ = faulty_card
    dutch = json_of(run("validate", str(path), "--format", "json"))["files"][0]["findings"]
    english = json_of(run("validate", str(path), "--format", "json", "--lang", "en"))
    by_code = {f["code"]: f for f in english["files"][0]["findings"]}
    assert by_code["SN103"]["message"] == REGISTRY["SN103"].message.en.format(value="30569")
    assert by_code["SN202"]["hint"].startswith("Did you mean 'Bibliotheek'?")
    assert {f["code"] for f in dutch} == set(by_code)
    text = run("validate", str(path), "--lang", "en")
    assert "error" in text.stdout and "1 file: " in text.stdout  # singular, as in Dutch


def test_text_output_is_a_readable_table_with_a_summary(
    faulty_card: tuple[Path, CardCells]
) -> None:
    path, cells = faulty_card
    result = run("validate", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert str(path) in out and "Sint-Jozefsschool" in out
    assert f"SN103  {cells.sheet_name}!{cells.header['Instellingsnummer']}" in out
    assert "→ Typ het nummer als tekst" in out
    last_line = out.strip().splitlines()[-1]
    assert last_line == "1 bestand: 4 fouten, 3 waarschuwingen, 0 info; 0 onleesbaar."
    assert "\x1b[" not in out  # plain text when stdout is not a terminal


def test_exit_codes(clean_card: Path, faulty_card: tuple[Path, CardCells],
                    tmp_path: Path) -> None:
    path, _ = faulty_card
    not_a_card = tmp_path / "notities.xlsx"
    not_a_card.write_text("dit is geen werkboek", encoding="utf-8")
    assert run("validate", str(clean_card)).returncode == 0
    assert run("validate", str(clean_card), str(path)).returncode == 1
    unreadable = run("validate", str(not_a_card), str(path))
    assert unreadable.returncode == 2
    assert str(path) in unreadable.stdout  # the other file is still reported
    assert run("validate").returncode == 2
    assert run("validate", str(clean_card), "--format", "yaml").returncode == 2
    bad_config = tmp_path / "regio.toml"
    bad_config.write_text("onbekend = 1\n", encoding="utf-8")
    config_result = run("validate", str(clean_card), "--config", str(bad_config))
    assert config_result.returncode == 2 and "regio.toml" in config_result.stderr
    assert "Traceback" not in config_result.stderr + unreadable.stderr


def test_input_files_are_never_modified(faulty_card: tuple[Path, CardCells],
                                        tmp_path: Path) -> None:
    path, _ = faulty_card
    before = sha256(path)
    run("validate", str(path))
    run("validate", str(path), "--format", "json", "--report", str(tmp_path / "r.xlsx"))
    run("gaps", str(path), "--format", "json")
    assert sha256(path) == before


# -- gaps ---------------------------------------------------------------------

def test_gaps_lists_missing_categories_with_whom_to_look_for(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    path = write_template_card(tmp_path / "kaart.xlsx", vocabulary,
                               categories=["CLB", "LSC", "BIB"])
    result = run("gaps", str(path))
    assert result.returncode == 0, result.stderr
    kgh = vocabulary.category("KGH")
    ocmw = vocabulary.category("OCMW")
    assert kgh is not None and ocmw is not None
    core_part, _ = result.stdout.split("Ontbrekende aanbevolen categorieën")
    assert "Ontbrekende kerncategorieën: 3" in core_part  # LOK, OCMW, KGH for basisonderwijs
    for category in (kgh, ocmw):
        assert category.label in core_part and category.definition in core_part
        assert category.examples in core_part
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert not listed & {"CLB", "LSC", "BIB"}

    document = json_of(run("gaps", str(path), "--format", "json"))
    [entry] = document["files"]
    assert entry["school"]["naam"] == "Sint-Jozefsschool"
    assert [c["code"] for c in entry["missing_categories"]["core"]] == ["LOK", "OCMW", "KGH"]
    first = entry["missing_categories"]["core"][1]
    assert first == {"code": "OCMW", "label": ocmw.label, "definition": ocmw.definition,
                     "examples": ocmw.examples}
    assert "BIB" not in [c["code"] for c in entry["missing_categories"]["recommended"]]


def test_gaps_of_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = run("gaps", str(tmp_path / "weg.xlsx"), "--format", "json")
    assert result.returncode == 2
    assert json_of(result)["files"][0]["status"] == "unreadable"


# -- rules --------------------------------------------------------------------

def test_rules_lists_every_registered_code() -> None:
    import schoolnet_xl.validate.catalogue  # noqa: F401  (registers every rule)

    text = run("rules")
    assert text.returncode == 0
    listed = [line.split()[0] for line in text.stdout.splitlines() if line.startswith("SN")]
    assert listed == sorted(REGISTRY)
    assert any(code.startswith("SN0") for code in listed)  # the file rules too
    english = json_of(run("rules", "--format", "json", "--lang", "en"))
    assert [e["code"] for e in english] == sorted(REGISTRY)
    assert english[0]["checks"] == REGISTRY[english[0]["code"]].checks.en
    assert {"code", "severity", "checks", "example"} <= set(english[0])


def test_docs_rules_md_is_the_generated_catalogue() -> None:
    docs = Path(__file__).parent.parent / "docs" / "rules.md"
    generated = run("rules", "--format", "markdown", "--lang", "en").stdout
    assert docs.read_text(encoding="utf-8") == generated, (
        "docs/rules.md is stale: schoolnet-xl rules --format markdown --lang en > docs/rules.md")


def test_help_texts_have_an_example() -> None:
    for command in ("validate", "gaps", "rules"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Voorbeeld" in result.stdout
        assert f"schoolnet-xl {command}" in result.stdout


def test_a_hand_made_grid_is_judged_by_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "eigen-raster.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Netwerk"
    sheet["A1"] = "Netwerk van onze school"
    sheet["A2"] = "Schooljaar 2025-2026"
    sheet.append([])
    sheet.append(["Organisatie", "Aard en specificaties", "Kansen", "Zorg", "Armoede"])
    sheet.append(["CLB Brugge", "Draaischijf welzijn en onderwijs", None, "x", None])
    sheet.append(["Stedelijke bibliotheek", "Leesproject verteltassen", "X", None, None])
    sheet.append(["Vzw De Toekomst", "Huiswerkklas", None, None, None])
    workbook.save(path)

    result = run("validate", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    [entry] = json_of(result)["files"]
    assert entry["kind"] == "handmade"
    assert entry["school"]["schooljaar"] == "2025-2026"
    assert [(p["organisatie"], p["categorie"], p["categorie_guessed"], p["focus"], p["cell"])
            for p in entry["partners"]] == [
        ("CLB Brugge", "CLB", True, ["ZORG"], "A5"),
        ("Stedelijke bibliotheek", "BIB", True, ["KANS"], "A6"),
        ("Vzw De Toekomst", None, False, [], "A7"),
    ]
    by_code = {(f["code"], f["cell"]) for f in entry["findings"]}
    assert ("SN101", "") in by_code  # no school name anywhere above the grid
    assert ("SN204", "A7") in by_code  # no X on the last row
    assert any(code == "SN203" and cell.endswith("7") for code, cell in by_code)
    assert "CLB" not in entry["missing_categories"]["core"]
