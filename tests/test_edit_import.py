"""`schoolnet-xl import`: hand-made grids become template cards, nothing lost, guesses listed.

The grids are the source text's own table (six rows) and hand-made shapes a
school would type (header lower down, header lines above, other header words,
✓ and lower-case marks, blank rows, a totals row, a hidden column, a merged
title), as .xlsx and, through LibreOffice, as .ods and .xls.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schoolnet_xl.core.model import HEADER_FIELDS
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.read import read_card
from schoolnet_xl.validate.check import check_file
from tests.support import libreoffice

# The source text's table: organisation, description, marks (Kansen, Zorg, Armoede) and
# the category TAXONOMY.md names for it (the expected guess).
SOURCE_TABLE = [
    ("De lokale openbare bibliotheek", "bijvoorbeeld leesproject verteltassen",
     ("KANS",), "BIB"),
    ("Lokale geloofsgemeenschap", "bijvoorbeeld de moskeevereniging, de parochie",
     ("KANS",), "GELOOF"),
    ("Stagiaires van de hogeschool", "huiswerkbegeleiding", ("KANS",), "HOGER"),
    ("Integrale jeugdhulp: link fase 2, 3", "Kind en Gezin, Centra voor algemeen welzijnswerk",
     ("ZORG", "ARMOEDE"), "JH"),
    ("Serviceclubs en sponsors",
     "zij zorgen voor de versterking van het sociaal fonds van onze school",
     ("ARMOEDE",), "SPONSOR"),
    ("brugfiguren", "leggen de brug tussen thuis en school", ("KANS", "ARMOEDE"), "BRUG"),
]
FOCUS_ORDER = ("KANS", "ZORG", "ARMOEDE")


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def source_table_grid(path: Path) -> Path:
    """The source text's table as a school would type it: a title, the header, six rows."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Netwerk")
    ws.write(0, 0, "Stel de netwerkkaart van je school samen")
    ws.write_row(2, 0, ["Organisatie", "Aard en specificaties", "Kansenbevordering", "Zorg",
                        "Armoedebestrijding"])
    for offset, (org, aard, marks, _) in enumerate(SOURCE_TABLE, start=3):
        ws.write_row(offset, 0, [org, aard, *("X" if c in marks else "" for c in FOCUS_ORDER)])
    wb.close()
    return path


def shaped_grid(path: Path) -> Path:
    """A hand-made grid: merged title, header lines, header on row 6 with other words,
    a hidden helper column, ✓ and lower-case marks, a blank row and a totals row."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Ons netwerk")
    ws.merge_range("A1:E1", "Netwerk van onze school", wb.add_format({"bold": True}))
    ws.write(1, 0, "School: Basisschool De Linde")
    ws.write(2, 0, "Instellingsnummer: 030569")
    ws.write(3, 0, "Schooljaar 2025-2026")
    ws.write_row(5, 0, ["Partner", "Omschrijving", "hulpkolom", "kansen", "zorg", "armoede"])
    ws.set_column(2, 2, None, None, {"hidden": True})
    rows = [
        ("Vrij CLB Gent", "Draaischijf welzijn-onderwijs", "a", "", "✓", ""),
        ("OCMW Gent", "Tussenkomst schoolkosten", "b", "", "x", "x"),
        None,
        ("Stedelijke bibliotheek", "Leesproject", "c", "x", "", ""),
    ]
    row = 6
    for values in rows:
        if values:
            ws.write_row(row, 0, values)
        row += 1
    ws.write_row(row, 0, ["Totaal", "", "", 1, 2, 1])
    wb.close()
    return path


SHAPED_ROWS = [("Vrij CLB Gent", ("ZORG",)), ("OCMW Gent", ("ZORG", "ARMOEDE")),
               ("Stedelijke bibliotheek", ("KANS",))]


def partner_rows(card_path: Path, vocabulary: Vocabulary) -> list[tuple[str, str, tuple, str]]:
    result = read_card(card_path, vocabulary=vocabulary)
    assert result.status == "ok" and result.kind == "template"
    return [(p.organisatie.text, p.aard.text,
             tuple(c for c in FOCUS_ORDER if vocabulary.is_mark(p.focus[c].value)),
             p.category_code or "")
            for p in result.card.partners if has_content(p)]


def fout_fields(card_path: Path, vocabulary: Vocabulary) -> set[str]:
    report = check_file(card_path, vocabulary)
    return {f.field for f in report.findings if f.severity == "fout"}


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_the_source_texts_table_becomes_a_card_with_every_row_mark_and_guess(
    tmp_path: Path, vocabulary: Vocabulary, soffice: str, fmt: str
) -> None:
    grid = source_table_grid(tmp_path / "bron.xlsx")
    if fmt != "xlsx":
        converted = libreoffice.convert(grid, fmt, tmp_path / "lo")
        grid = Path(shutil.copy(converted, tmp_path / f"bron.{fmt}"))
    original = grid.read_bytes()

    done = run_cli("import", grid)

    assert done.returncode == 0, done.stderr
    card = tmp_path / "bron-netwerkkaart.xlsx"
    assert grid.read_bytes() == original
    rows = partner_rows(card, vocabulary)
    assert rows == [(org, aard, marks, code) for org, aard, marks, code in SOURCE_TABLE]
    for org, _, _, code in SOURCE_TABLE:
        label = vocabulary.category(code).label
        assert any(org in line and label in line and "Netwerkkaart!F" in line
                   for line in done.stdout.splitlines()), org
    # the grid gave no header fields: only their absence may be a `fout`
    assert fout_fields(card, vocabulary) <= set(HEADER_FIELDS.values())
    assert "Schoolnaam" in done.stdout and "Instellingsnummer" in done.stdout


def test_options_fill_the_header_and_leave_no_fout(tmp_path: Path, vocabulary: Vocabulary) -> None:
    grid = source_table_grid(tmp_path / "bron.xlsx")
    card = tmp_path / "klimop.xlsx"
    done = run_cli("import", grid, "-o", card, "--school", "Basisschool De Klimop",
                   "--nummer", "030569", "--schooljaar", "2025-2026", "--niveau", "BAO",
                   "--gemeente", "Gent")
    assert done.returncode == 0, done.stderr
    header = read_card(card, vocabulary=vocabulary).card.header
    assert header.instellingsnummer.text == "030569"
    assert header.onderwijsniveau.text == "Basisonderwijs"
    assert header.gemeente.text == "Gent"
    assert fout_fields(card, vocabulary) == set()


def test_a_hand_made_shape_keeps_its_rows_marks_and_header_lines(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    grid = shaped_grid(tmp_path / "ons-netwerk.xlsx")
    done = run_cli("import", grid, "--schooljaar", "2026-2027")
    assert done.returncode == 0, done.stderr
    card = tmp_path / "ons-netwerk-netwerkkaart.xlsx"
    rows = partner_rows(card, vocabulary)
    assert [(org, marks) for org, _, marks, _ in rows] == SHAPED_ROWS
    header = read_card(card, vocabulary=vocabulary).card.header
    assert header.schoolnaam.text == "Basisschool De Linde"
    assert header.instellingsnummer.text == "030569"
    assert header.schooljaar.text == "2026-2027"  # the option wins over the grid's line
    assert fout_fields(card, vocabulary) <= set(HEADER_FIELDS.values())


def test_import_never_overwrites_without_force_nor_the_input(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    grid = source_table_grid(tmp_path / "bron.xlsx")
    existing = tmp_path / "bron-netwerkkaart.xlsx"
    existing.write_bytes(b"al iets")
    refused = run_cli("import", grid)
    assert refused.returncode == 2
    assert "bestaat al" in refused.stderr and existing.read_bytes() == b"al iets"
    same = run_cli("import", grid, "-o", grid, "--force")
    assert same.returncode == 2 and "invoerbestand zelf" in same.stderr
    forced = run_cli("import", grid, "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(partner_rows(existing, vocabulary)) == len(SOURCE_TABLE)


def test_a_locked_grid_and_a_template_card_are_refused(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    from schoolnet_xl.template import write_card

    grid = source_table_grid(tmp_path / "bron.xlsx")
    lock = tmp_path / "~$bron.xlsx"
    lock.write_bytes(b"An")
    locked = run_cli("import", grid)
    assert locked.returncode == 2 and "open in een ander programma" in locked.stderr
    lock.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bron.xlsx"]
    card = write_card(tmp_path / "kaart.xlsx", vocabulary)
    again = run_cli("import", card)
    assert again.returncode == 2 and "al een netwerkkaart" in again.stderr


def test_a_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    grid = source_table_grid(folder / "bron.xlsx")
    folder.chmod(0o555)
    try:
        done = run_cli("import", grid)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2 and "alleen-lezen" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["bron.xlsx"]


def test_a_bad_option_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    grid = source_table_grid(tmp_path / "bron.xlsx")
    for option, value in (("--nummer", "30569"), ("--schooljaar", "2026-2028"),
                          ("--niveau", "kleuter")):
        done = run_cli("import", grid, option, value)
        assert done.returncode == 2, option
        assert option in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bron.xlsx"]


def test_rows_needing_a_decision_are_carried_over_and_listed(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    import xlsxwriter

    grid = tmp_path / "eigen.xlsx"
    wb = xlsxwriter.Workbook(str(grid))
    ws = wb.add_worksheet("Netwerk")
    ws.write_row(0, 0, ["Organisatie", "Aard", "Zorg", "Categorie", "E-mail"])
    ws.write_row(1, 0, ["Welzijnshuis", "Onthaal", "x", "Welzijn", "info@welzijn.be"])
    ws.write_row(2, 0, ["", "rij zonder naam", "x", "CLB"])
    wb.close()

    done = run_cli("import", grid)

    assert done.returncode == 0, done.stderr
    card = tmp_path / "eigen-netwerkkaart.xlsx"
    rows = read_card(card, vocabulary=vocabulary).card.partners
    named = [p for p in rows if has_content(p)]
    assert [(p.organisatie.text, p.aard.text, p.categorie.text, p.email.text) for p in named] == [
        ("Welzijnshuis", "Onthaal", "Welzijn", "info@welzijn.be"),
        ("", "rij zonder naam", "CLB", ""),
    ]
    assert "Welzijnshuis (nu: 'Welzijn')" in done.stdout
    assert "heeft inhoud maar geen Organisatie" in done.stdout


CORPUS_GRIDS = ["source_table", "handmade_row3", "handmade_row6", "handmade_row3.ods",
                "handmade_row3.xls", "handmade_merged.ods", "handmade_merged.xls"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.corpus.make_corpus import make_corpus

    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("name", CORPUS_GRIDS)
def test_every_hand_made_grid_of_the_reading_corpus_imports_completely(
    corpus: dict[str, Path], tmp_path: Path, vocabulary: Vocabulary, name: str
) -> None:
    grid = Path(shutil.copy(corpus[name], tmp_path))
    source = read_card(grid, vocabulary=vocabulary)
    assert (source.status, source.kind) == ("ok", "handmade"), source.reason
    original = grid.read_bytes()

    done = run_cli("import", grid)

    assert done.returncode == 0, done.stderr
    assert grid.read_bytes() == original
    card = grid.with_name(f"{grid.stem}-netwerkkaart.xlsx")
    wanted = [(p.organisatie.text, p.aard.text,
               tuple(c for c in FOCUS_ORDER if vocabulary.is_mark(p.focus[c].value))
               if p.focus else (), p.category_code or "")
              for p in source.card.partners if has_content(p)]
    got = partner_rows(card, vocabulary)
    assert [(o, a, m) for o, a, m, _ in got] == [(o, a, tuple(
        c for c in FOCUS_ORDER if c in m)) for o, a, m, _ in wanted]
    assert [c for *_, c in got] == [c for *_, c in wanted]
    not_given = {HEADER_FIELDS[key] for key in HEADER_FIELDS
                 if getattr(source.card.header, key).is_empty}
    assert fout_fields(card, vocabulary) <= not_given


def test_two_grids_on_one_sheet_keep_their_section_in_aard(
    corpus: dict[str, Path], tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """Kleuter and lager on one sheet: the template has no section column, so each row's
    Aard starts with its block's title; the titles and repeated header are no partners."""
    grid = Path(shutil.copy(corpus["handmade_two_blocks"], tmp_path))
    done = run_cli("import", grid, "--schooljaar", "2026-2027")
    assert done.returncode == 0, done.stderr
    rows = partner_rows(grid.with_name(f"{grid.stem}-netwerkkaart.xlsx"), vocabulary)
    assert rows == [
        ("Kind en Gezin", "Kleuter: consultatiebureau", ("ZORG",), "KGH"),
        ("CLB Brugge", "Kleuter: onthaal", ("ZORG",), "CLB"),
        ("Bib Brugge", "Lager: leesproject", ("KANS",), "BIB"),
        ("Sportdienst Brugge", "Lager: zwemmen", ("KANS",), "SPORT"),
    ]
