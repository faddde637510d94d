"""An inbox with things the user may not read: a card, a zip and a folder without read
permission. Each is listed with its reason, nothing disappears, no traceback.

The machine runs the tests as root, for whom `chmod 000` does not stop reading, so the
CLI runs as root without the capabilities that override file permissions (setpriv
drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH): the files' owner bits then decide, as
for any user, while the project and its venv stay reachable wherever they are cloned.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.corpus.make_corpus import handmade_row3, source_table

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))
NO_ACCESS = "je hebt geen toegang tot dit bestand of deze map"


def _without_root_rights() -> list[str]:
    """The command prefix that drops root's permission overrides ([] for a normal user)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to run the CLI without root's permission overrides")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture()
def inbox() -> Iterator[Path]:
    """/tmp/…/inbox: a readable card, and an unreadable card, zip and folder with a card."""
    top = Path(tempfile.mkdtemp(prefix="schoolnet_unreadable_", dir="/tmp"))
    folder = top / "inbox"
    (folder / "school-b").mkdir(parents=True)
    handmade_row3(folder / "leesbaar.xlsx")
    handmade_row3(folder / "geheim.xlsx")
    source_table(folder / "school-b" / "kaart.xlsx")
    with zipfile.ZipFile(folder / "kaarten.zip", "w") as archive:
        archive.write(folder / "leesbaar.xlsx", "Netwerkkaart Z.xlsx")
    (top / "out").mkdir()
    for path in (folder / "geheim.xlsx", folder / "kaarten.zip", folder / "school-b"):
        path.chmod(0)
    for path in (top, folder, top / "out"):
        path.chmod(0o777 if path.name == "out" else 0o755)
    yield folder
    (folder / "school-b").chmod(0o755)
    shutil.rmtree(top)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": "/tmp", "SCHOOLNET_XL_LANG": "nl"}
    return subprocess.run([*_without_root_rights(), CLI, *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_merge_lists_each_unreadable_input_with_its_reason(inbox: Path) -> None:
    out = inbox.parent / "out" / "regio.xlsx"
    done = _run("merge", str(inbox), "-o", str(out))
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1, done.stderr  # some files could not be read
    workbook = openpyxl.load_workbook(out, read_only=True)
    rows = list(workbook["Bronbestanden"].iter_rows(values_only=True))
    header = rows[0]
    by_path = {Path(str(r[0])).name: dict(zip(header, r, strict=True)) for r in rows[1:]}
    workbook.close()
    assert by_path["leesbaar.xlsx"]["Soort"] == "eigen raster"
    for name in ("geheim.xlsx", "kaarten.zip"):
        assert by_path[name]["Status"] == "onleesbaar"
        assert NO_ACCESS in str(by_path[name]["Reden"])
    folder = by_path["school-b"]
    assert folder["Status"] == "overgeslagen"
    assert str(folder["Reden"]).startswith(f"map kan niet gelezen worden ({NO_ACCESS})")
    assert set(by_path) == {"leesbaar.xlsx", "geheim.xlsx", "kaarten.zip", "school-b"}
    for name in ("geheim.xlsx", "kaarten.zip", "school-b"):
        assert f"{name}: " in done.stderr


def test_validate_names_each_unreadable_input(inbox: Path) -> None:
    done = _run("validate", "-q", str(inbox))
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 2  # an unreadable input (README: exit codes)
    text = done.stdout + done.stderr
    for name in ("geheim.xlsx", "kaarten.zip"):
        line = next(line for line in text.splitlines() if name in line)
        assert "onleesbaar" in line and NO_ACCESS in line
    assert "school-b" in text and "map kan niet gelezen worden" in text
