"""core.fastzlib: zlib-ng where it is installed, the standard zlib where it is not,
and a card reads the same either way."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib as standard_zlib
from pathlib import Path

from schoolnet_xl.core.fastzlib import ZlibError, zlib
from schoolnet_xl.core.vocabulary import load_vocabulary
from schoolnet_xl.demo.cards import numbered_card
from schoolnet_xl.template.builder import write_card

ROOT = Path(__file__).resolve().parents[1]

# Reads a written card with the project's reader and prints what it found, as JSON.
_READ_CARD = """
import json, sys
if sys.argv[2] == "blocked":
    sys.modules["zlib_ng"] = None  # an import of it now raises ImportError
from schoolnet_xl.core.fastzlib import zlib
from schoolnet_xl.read import read_card
read = read_card(sys.argv[1])
card = read.card
print(json.dumps({"zlib": zlib.__name__, "status": read.status,
                  "partners": [p.organisatie.text for p in card.partners],
                  "findings": sorted(f.code for f in read.findings)}))
"""


def test_the_installed_zlib_ng_is_used_and_agrees_with_the_standard_zlib() -> None:
    assert zlib.__name__ == "zlib_ng.zlib_ng"
    text = b"<row r='1'><c t='inlineStr'><is><t>CLB</t></is></c></row>" * 500
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed = packer.compress(text) + packer.flush()
    assert standard_zlib.decompress(packed, -15) == text
    assert zlib.decompress(standard_zlib.compress(text)[2:-4], -15) == text
    assert zlib.crc32(text) == standard_zlib.crc32(text)
    try:
        zlib.decompress(b"not deflate at all", -15)
    except ZlibError as exc:
        assert "invalid" in str(exc) or "incorrect" in str(exc)
    else:
        raise AssertionError("damaged deflate data raised nothing")


def test_without_zlib_ng_the_standard_zlib_reads_the_same_card(tmp_path: Path) -> None:
    card = write_card(tmp_path / "kaart.xlsx", load_vocabulary(), numbered_card(7))
    runs = {}
    for mode in ("installed", "blocked"):
        done = subprocess.run([sys.executable, "-c", _READ_CARD, str(card), mode],
                              capture_output=True, text=True, cwd=ROOT, check=True)
        runs[mode] = json.loads(done.stdout)
    assert runs["installed"]["zlib"] == "zlib_ng.zlib_ng"
    assert runs["blocked"]["zlib"] == "zlib"
    assert runs["installed"]["partners"]
    assert runs["blocked"] == {**runs["installed"], "zlib": "zlib"}
