"""`schoolnet-xl map` as a user runs it: template cards and hand-made grids, three formats,
clear refusals; the card is only read and the output appears whole or not at all."""

from __future__ import annotations

import hashlib
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo.cards import make_card
from schoolnet_xl.demo.handmade import write_handmade_xlsx
from schoolnet_xl.template import write_card

SVG = "{http://www.w3.org/2000/svg}"


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "schoolnet_xl", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return "\n".join("".join(node.itertext()) for node in root.iter()
                     if node.tag in (f"{SVG}text", f"{SVG}title"))


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_a_template_card_is_drawn_in_each_format(tmp_path: Path, vocabulary: Vocabulary,
                                                 suffix: str) -> None:
    card = write_card(tmp_path / "kaart.xlsx", vocabulary,
                      make_card(random.Random(5), 5, 5, vocabulary))
    original = digest(card)
    output = tmp_path / f"netwerk.{suffix}"
    done = run_cli("map", card, "-o", output)
    assert done.returncode == 0, done.stderr
    assert f"Netwerkkaart getekend: {output}" in done.stdout
    data = output.read_bytes()
    if suffix == "png":
        assert struct.unpack(">II", data[16:24]) == (1753, 1240)
    elif suffix == "svg":
        assert "Schooljaar 2025-2026" in svg_texts(output)
    else:
        assert data.startswith(b"%PDF")
    assert digest(card) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["kaart.xlsx", output.name])


def test_a_hand_made_grid_is_drawn_too(tmp_path: Path, vocabulary: Vocabulary) -> None:
    demo = make_card(random.Random(7), 7, 12, vocabulary)
    grid = write_handmade_xlsx(tmp_path / "eigen-rooster.xlsx", demo)
    done = run_cli("map", grid, "-o", tmp_path / "netwerk.svg", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Network map drawn" in done.stdout
    words = svg_texts(tmp_path / "netwerk.svg")
    for partner in demo.partners:
        assert partner.organisatie.text in words


def test_refusals_name_the_file_and_exit_2(tmp_path: Path, vocabulary: Vocabulary) -> None:
    card = write_card(tmp_path / "kaart.xlsx", vocabulary)
    wrong = run_cli("map", card, "-o", tmp_path / "netwerk.jpg")
    assert wrong.returncode == 2
    assert f"{tmp_path / 'netwerk.jpg'}: kies een bestandsnaam op .png, .svg of .pdf" \
        in wrong.stderr
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"dit is geen werkboek")
    unreadable = run_cli("map", broken, "-o", tmp_path / "netwerk.png")
    assert unreadable.returncode == 2
    assert f"{broken}: onleesbaar" in unreadable.stderr
    missing = run_cli("map", tmp_path / "nergens.xlsx", "-o", tmp_path / "netwerk.png")
    assert missing.returncode == 2 and "niet gevonden" in missing.stderr
    itself = run_cli("map", card, "-o", card)
    assert itself.returncode == 2
    for result in (wrong, unreadable, missing, itself):
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "netwerk.png").exists()
