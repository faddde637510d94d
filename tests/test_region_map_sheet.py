"""The regional workbook's sheet Netwerkkaart regio: one region map per gemeente (or
scholengemeenschap) with organisations its schools share, from both writers.

The inbox is built so that the groups are known by construction:
- Aalst: three schools naming "Bib Aalst" and "Huis van het Kind Aalst";
- Ninove: two schools naming "Sociaal Huis Ninove";
- Zele: one school (nothing to share within Zele), naming "Bib Aalst" too.
Per scholengemeenschap: SG Noord = Aalst 1, Aalst 2, Ninove 1 (shares Bib Aalst and
Huis van het Kind Aalst); SG Zuid = Aalst 3, Ninove 2, Zele 1 (shares Bib Aalst).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge import merge_files
from schoolnet_xl.template import write_card
from tests.test_feedback_workbooks import CREATED, school_card
from tests.test_merge_maps import MAP_PIXELS, sheet_images

SHEET = "Netwerkkaart regio"
SCHOOLS = [
    ("Aalst 1", "040001", "Aalst", "SG Noord", [("Bib Aalst", "BIB"),
                                                ("Huis van het Kind Aalst", "KGH")]),
    ("Aalst 2", "040002", "Aalst", "SG Noord", [("Bib Aalst", "BIB"),
                                                ("Huis van het Kind Aalst", "KGH")]),
    ("Aalst 3", "040003", "Aalst", "SG Zuid", [("Bib Aalst", "BIB"),
                                               ("Huis van het Kind Aalst", "KGH")]),
    ("Ninove 1", "040004", "Ninove", "SG Noord", [("Sociaal Huis Ninove", "OCMW")]),
    ("Ninove 2", "040005", "Ninove", "SG Zuid", [("Sociaal Huis Ninove", "OCMW")]),
    ("Zele 1", "040006", "Zele", "SG Zuid", [("Bib Aalst", "BIB")]),
]


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> Path:
    folder = tmp_path_factory.mktemp("kaarten")
    for name, number, gemeente, community, partners in SCHOOLS:
        write_card(folder / f"{number}.xlsx", vocabulary, school_card(
            name, number, "Basisonderwijs", gemeente, community, partners, vocabulary),
            created=CREATED)
    return folder


def headings_and_anchors(workbook: Path) -> tuple[list[str], list[int]]:
    """The texts of column A of the sheet, and each image's top row (0-based)."""
    sheet = openpyxl.load_workbook(workbook)[SHEET]
    texts = [str(c.value) for c in sheet["A"] if c.value is not None]
    with zipfile.ZipFile(workbook) as package:
        drawings = [n for n in package.namelist()
                    if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
        rows = []
        for name in drawings:
            xml = package.read(name).decode()
            if "regio-" in xml:
                rows += [int(r) for r in re.findall(r"<xdr:from><xdr:col>0</xdr:col>"
                                                    r"<xdr:colOff>\d+</xdr:colOff>"
                                                    r"<xdr:row>(\d+)</xdr:row>", xml)]
    return texts, rows


@pytest.mark.parametrize("plain", [False, True], ids=["fast writer", "plain writer"])
def test_one_map_per_gemeente_with_shared_partners_in_both_writers(
        cards: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: bool) -> None:
    if plain:
        monkeypatch.setenv("SCHOOLNET_XL_PLAIN_WRITER", "1")
    output = tmp_path / "regio.xlsx"
    merge_files([str(cards)], output)
    assert openpyxl.load_workbook(output).sheetnames[-1] == SHEET
    assert sheet_images(output, SHEET) == [MAP_PIXELS, MAP_PIXELS]  # Aalst, Ninove
    texts, anchors = headings_and_anchors(output)
    assert texts[1:3] == ["Aalst", "Ninove"]
    assert texts[3].endswith("Zele")  # nothing shared within Zele: named, not drawn
    sheet = openpyxl.load_workbook(output)[SHEET]
    heading_rows = [c.row - 1 for c in sheet["A"] if c.value in ("Aalst", "Ninove")]
    assert anchors == [row + 1 for row in heading_rows]  # each image right below its name
    # An image of 827 pixels at 75 % spans 32 default rows of 20 pixels: the next heading
    # comes after it.
    assert heading_rows[1] - heading_rows[0] >= 827 * 0.75 / 20 + 1


def test_one_map_per_scholengemeenschap(cards: Path, tmp_path: Path) -> None:
    output = tmp_path / "regio.xlsx"
    merge_files([str(cards)], output, map_per="scholengemeenschap")
    assert sheet_images(output, SHEET) == [MAP_PIXELS, MAP_PIXELS]
    texts, _ = headings_and_anchors(output)
    assert texts[1:3] == ["SG Noord", "SG Zuid"]
    assert "scholengemeenschap" in texts[0]


def test_the_cli_takes_kaart_per_and_refuses_another_group(cards: Path, tmp_path: Path) -> None:
    from tests.support.regional import run_cli

    result = run_cli("merge", cards, "-o", tmp_path / "regio.xlsx", "--kaart-per", "provincie")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "regio.xlsx").exists()
    result = run_cli("merge", cards, "-o", tmp_path / "regio.xlsx", "--kaart-per",
                     "scholengemeenschap")
    assert result.returncode == 0, result.stderr
    texts, _ = headings_and_anchors(tmp_path / "regio.xlsx")
    assert texts[1:3] == ["SG Noord", "SG Zuid"]



def test_a_drawn_maps_cyclic_garbage_is_freed_while_the_merge_pauses_the_collector() -> None:
    """The merge pauses the cyclic collector until its workbook is written; a region map
    (a matplotlib Figure, a web of cycles) must still be freed right after it is drawn,
    or a region of hundreds of gemeenten would keep every figure alive."""
    import gc

    from matplotlib.figure import Figure

    from schoolnet_xl.core.collector import garbage_collected
    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.draw.region import draw_region_map

    def figures_alive() -> int:
        return sum(isinstance(o, Figure) for o in gc.get_objects())

    vocabulary = default_vocabulary()
    schools = ["School A", "School B"]
    shared = [("Bibliotheek Zele", "cultuur", schools)]
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        before = figures_alive()
        with garbage_collected():
            draw_region_map("Zele", schools, shared, vocabulary, "png", "nl")
        after_block = figures_alive()
        draw_region_map("Zele", schools, shared, vocabulary, "png", "nl")
        after_plain = figures_alive()
    finally:
        if was_enabled:
            gc.enable()
    assert after_block == before
    assert after_plain == before + 1  # without the block the paused collector keeps it
