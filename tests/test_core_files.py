"""Atomic replacement of an output (core.files): all or nothing, never a stray temp file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from schoolnet_xl.core.files import (
    cache_folder,
    new_file_mode,
    replaced_atomically,
    write_bytes_atomically,
)


def test_the_target_appears_whole_with_a_new_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "uit.xlsx"
    target.write_bytes(b"oud")
    write_bytes_atomically(target, b"nieuw")
    assert target.read_bytes() == b"nieuw"
    assert stat.S_IMODE(target.stat().st_mode) == new_file_mode()
    assert [p.name for p in tmp_path.iterdir()] == ["uit.xlsx"]


def test_a_failure_inside_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "uit.csv"
    target.write_bytes(b"oud")
    with pytest.raises(ValueError), replaced_atomically(target) as temporary:
        temporary.write_bytes(b"half")
        raise ValueError("schrijver faalt")
    assert target.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.csv"]


def test_a_folder_that_cannot_take_the_file_is_reported_with_the_target_name(
        tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "regio.xlsx"
    with pytest.raises(OSError) as caught, replaced_atomically(target):
        pass
    assert caught.value.filename == str(target)


def test_an_os_error_about_the_temporary_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "regio.xlsx"
    with pytest.raises(OSError) as caught, replaced_atomically(target) as temporary:
        temporary.unlink()
        os.replace(temporary, tmp_path / "elders.xlsx")  # the temporary is gone: ENOENT
    assert caught.value.filename == str(target)
    assert not target.exists()


def test_a_cache_folder_is_the_environments_else_under_xdg_cache_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SCHOOLNET_XL_TEST_CACHE", "  ")
    assert cache_folder("kaarten", "SCHOOLNET_XL_TEST_CACHE") == (
        tmp_path / "xdg" / "schoolnet-xl" / "kaarten")
    monkeypatch.setenv("SCHOOLNET_XL_TEST_CACHE", str(tmp_path / "eigen"))
    assert cache_folder("kaarten", "SCHOOLNET_XL_TEST_CACHE") == tmp_path / "eigen"
