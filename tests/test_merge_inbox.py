"""A shared folder as it really looks: what sync tools and programs leave, zips that
schools send, broken links and loops, copies of a card. Nothing disappears; junk never
makes a merge exit 1; the copy that looks like a copy is the duplicate."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from schoolnet_xl.merge.run import merge_files
from schoolnet_xl.read import read_card
from schoolnet_xl.read.inbox import discover, path_parts, path_sort_key
from tests.corpus.make_corpus import handmade_row3, source_table, template_ok


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "school-a").mkdir(parents=True)
    card = folder / "school-a" / "kaart.xlsx"
    template_ok(card)
    shutil.copy(card, folder / "school-a" / "kaart (1).xlsx")
    (folder / "post" / "bijlagen").mkdir(parents=True)
    shutil.copy(card, folder / "post" / "bijlagen" / "kaart.xlsx")
    shutil.copy(card, folder / "school-a" / "kaart.xlsx.tmp")
    for junk in ("Thumbs.db", "desktop.ini", ".DS_Store", "._kaart.xlsx", "~$kaart.xlsx",
                 ".~lock.kaart.xlsx#"):
        (folder / "school-a" / junk).write_bytes(b"\0junk")
    (folder / ".sync").mkdir()
    (folder / ".sync" / "state.db").write_bytes(b"x")
    grid, other = folder / "grid.xlsx", folder / "bron.xlsx"
    handmade_row3(grid)
    source_table(other)
    with zipfile.ZipFile(folder / "kaarten.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(grid, "school-b/Netwerkkaart B.xlsx")
        archive.write(other, "Netwerkkaart C.xlsx")
        archive.writestr("__MACOSX/._Netwerkkaart C.xlsx", b"\0")
    grid.unlink()
    other.unlink()
    with zipfile.ZipFile(folder / "foto's.zip", "w") as archive:
        archive.writestr("klasfoto.txt", "geen kaart")
    os.symlink(folder / "weg.xlsx", folder / "snelkoppeling.xlsx")
    os.symlink(folder, folder / "school-a" / "lus")
    os.mkfifo(folder / "pijp")
    return folder


def _sha(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def test_junk_is_skipped_by_its_right_name_and_nothing_disappears(inbox: Path) -> None:
    found = discover([str(inbox)])
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert "Windows-miniaturen" in reasons["Thumbs.db"]
    assert "desktop.ini" in reasons["desktop.ini"]
    assert "macOS-mapinstellingen" in reasons[".DS_Store"]
    assert "AppleDouble" in reasons["._kaart.xlsx"]
    assert reasons["~$kaart.xlsx"].startswith("Excel-vergrendelingsbestand")
    assert reasons[".~lock.kaart.xlsx#"].startswith("LibreOffice-vergrendelingsbestand")
    assert "tijdelijk bestand (.tmp)" in reasons["kaart.xlsx.tmp"]
    assert "verborgen map" in reasons[".sync"]
    assert "verbroken snelkoppeling" in reasons["snelkoppeling.xlsx"]
    assert "map-lus" in reasons["lus"]
    assert "geen gewoon bestand" in reasons["pijp"]
    assert "zip-archief zonder netwerkkaart" in reasons["foto's.zip"]
    assert "AppleDouble" in reasons["._Netwerkkaart C.xlsx"]
    zipped = str(inbox / "kaarten.zip")
    assert [f for f in found.files if f.startswith(zipped)] == [
        f"{zipped}/Netwerkkaart C.xlsx", f"{zipped}/school-b/Netwerkkaart B.xlsx"]
    # every entry of the folder (walked by hand) is a file to read or a skipped one
    listed = set(found.files) | {s.path for s in found.skipped}
    for root, dirs, names in os.walk(inbox):
        if os.path.realpath(root) != root and root.endswith("lus"):
            continue
        for name in names + [d for d in dirs if d.startswith(".") or d == "lus"]:
            path = os.path.join(root, name)
            if ".sync" in Path(path).parts[:-1]:
                continue
            assert path in listed or path.endswith("kaarten.zip"), path


def test_cards_in_a_zip_read_as_if_they_were_in_the_folder(inbox: Path) -> None:
    inner = inbox / "kaarten.zip" / "school-b" / "Netwerkkaart B.xlsx"
    result = read_card(inner)
    assert (result.status, result.kind, result.path) == ("ok", "handmade", str(inner))
    assert [p.organisatie.text for p in result.card.partners] == [
        "CLB Brugge", "Stedelijke bib", "Welzijnsschakel De Brug", "Chiro Sint-Jan"]
    assert {f.file for f in result.findings} == {str(inner)}


def test_a_zip_member_over_the_bomb_limits_is_refused(tmp_path: Path, monkeypatch) -> None:
    import importlib

    probe_module = importlib.import_module("schoolnet_xl.read.probe")
    archive = tmp_path / "groot.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr("kaart.xlsx", b"\0" * (3 * 1024 * 1024))
    monkeypatch.setattr("schoolnet_xl.read.MAX_TOTAL_BYTES", 2 * 1024 * 1024)
    result = read_card(archive / "kaart.xlsx")
    assert (result.status, result.findings[-1].code) == ("unreadable", "SN006")
    monkeypatch.setattr("schoolnet_xl.read.MAX_TOTAL_BYTES", probe_module.MAX_TOTAL_BYTES)
    assert read_card(archive / "kaart.xlsx").findings[-1].code == "SN007"


def test_unreadable_files_keep_their_size_in_bronbestanden(tmp_path: Path) -> None:
    """A zip member refused as a bomb is listed with the size the archive gives it, a
    file without read permission with its size on disk (not 0 bytes)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with zipfile.ZipFile(inbox / "groot.zip", "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr("kaart.xlsx", b"\0" * (3 * 1024 * 1024))
    closed = inbox / "dicht.xlsx"
    template_ok(closed)
    closed.chmod(0)
    try:
        outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1)
    finally:
        closed.chmod(0o644)
    sources = outcome.region.sources
    size = sources.columns.index("Grootte (bytes)")
    sizes = {Path(str(row[0])).name: row[size] for row in sources.rows}
    assert sizes["kaart.xlsx"] == 3 * 1024 * 1024
    assert sizes["dicht.xlsx"] == closed.stat().st_size > 0
    by_name = {Path(r.path).name: r for r in outcome.results}
    assert by_name["kaart.xlsx"].status == "unreadable"


def test_a_merge_lists_everything_exits_0_and_keeps_the_original(inbox: Path,
                                                             tmp_path: Path) -> None:
    before = _sha(inbox)
    outcome = merge_files([str(inbox)], tmp_path / "regio.xlsx", jobs=1)
    assert outcome.exit_code == 0
    by_path = {r.path: r for r in outcome.results}
    card = str(inbox / "school-a" / "kaart.xlsx")
    # (the zip's grid is the same school and year: one of the two is superseded, fine)
    assert by_path[card].duplicate != "identical"
    for copy in ("school-a/kaart (1).xlsx", "post/bijlagen/kaart.xlsx"):
        result = by_path[str(inbox / copy)]
        assert (result.duplicate, result.duplicate_of) == ("identical", card)
    zipped = str(inbox / "kaarten.zip")
    assert by_path[f"{zipped}/school-b/Netwerkkaart B.xlsx"].status == "ok"
    assert by_path[f"{zipped}/Netwerkkaart C.xlsx"].status == "ok"
    assert by_path[str(inbox / "school-a" / "Thumbs.db")].status == "skipped"
    assert _sha(inbox) == before


@pytest.mark.skipif(os.name != "posix", reason="the fast split is POSIX only")
@pytest.mark.parametrize("path", [
    "/tmp/inbox/SG Dender/kaart.xlsx", "inbox/kaart.xlsx", "kaart.xlsx", "/", "//", "///",
    "//server/share/kaart.xlsx", "///tmp//a/./b/", "./a/../b", ".", "", "a/.hidden/./x",
    "/tmp/Ärchief/ÉÉN.XLSX", "/tmp/inbox/kaarten.zip/map/kaart.xlsx [blad 2024-2025]",
])
def test_path_parts_are_those_of_a_pure_path(path: str) -> None:
    assert path_parts(path) == PurePosixPath(path).parts
    assert path_sort_key(path) == tuple(p.casefold() for p in PurePosixPath(path).parts)
