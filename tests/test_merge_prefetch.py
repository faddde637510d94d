"""The read-ahead thread of a merge: bounded, harmless to the inputs, never blocking."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from schoolnet_xl.merge import prefetch
from schoolnet_xl.merge.pipeline import read_all
from schoolnet_xl.merge.prefetch import Prefetcher, announce

pytestmark = pytest.mark.skipif(not Prefetcher.available(),
                                reason="no posix_fadvise on this system")


def _until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _files(folder: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"kaart{index}.xlsx"
        path.write_bytes(b"PK\x03\x04" + bytes([index]) * 100)
        paths.append(str(path))
    return paths


def test_announces_at_most_lookahead_files_beyond_the_results(tmp_path: Path) -> None:
    paths = _files(tmp_path, 10)
    with Prefetcher(paths, lookahead=3) as ahead:
        assert _until(lambda: ahead.announced == 3)
        time.sleep(0.05)
        assert ahead.announced == 3  # waits for results before announcing more
        ahead.advance(4)
        assert _until(lambda: ahead.announced == 7)
        ahead.advance(10)
        assert _until(lambda: ahead.announced == 10)


def test_stops_when_the_reading_ends_early(tmp_path: Path) -> None:
    paths = _files(tmp_path, 50)
    with Prefetcher(paths, lookahead=2) as ahead:
        assert _until(lambda: ahead.announced == 2)
    assert ahead.announced == 2
    assert not ahead._thread.is_alive()


def test_announcing_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = _files(tmp_path, 1)[0]
    before = (Path(path).read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_mode)
    assert announce(path) is True
    assert (Path(path).read_bytes(), os.stat(path).st_mtime_ns,
            os.stat(path).st_mode) == before


def test_a_name_that_is_no_file_is_left_to_the_worker(tmp_path: Path) -> None:
    assert announce(str(tmp_path / "kaarten.zip" / "kaart.xlsx")) is False
    assert announce(str(tmp_path / "verdwenen.xlsx")) is False


def test_a_file_too_large_for_a_card_is_not_announced(tmp_path: Path, monkeypatch) -> None:
    path = _files(tmp_path, 1)[0]
    monkeypatch.setattr(prefetch, "MAX_ANNOUNCED_BYTES", 50)  # the file has 105 bytes
    assert announce(path) is False


def test_a_pipe_does_not_block_the_thread(tmp_path: Path) -> None:
    pipe = tmp_path / "pijp.xlsx"
    os.mkfifo(pipe)
    started = time.monotonic()
    announce(str(pipe))  # opened without waiting for a writer
    assert time.monotonic() - started < 2


def test_a_pooled_read_gives_every_file_its_result_in_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, 12)  # enough for the process pool, with its read-ahead
    results = read_all(paths, jobs=2)
    assert [r.path for r in results] == paths
    assert {r.status for r in results} == {"unreadable"}  # not workbooks: each says why
