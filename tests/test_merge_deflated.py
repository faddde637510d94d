"""A zip member joined from pieces deflated apart: zip readers see one sound member."""

from __future__ import annotations

import random
import zipfile
import zlib
from pathlib import Path

import pytest

from schoolnet_xl.merge.fast_write.deflated import crc32_combine, deflate_to_file, write_member


def _text(size: int, seed: int) -> bytes:
    words = [b"<row>", b"<c r=\"A1\">", b"Bibliotheek", b"CLB", b"</c>", b"\xc3\xa9", b"\n"]
    rng = random.Random(seed)
    data = b"".join(rng.choice(words) for _ in range(size // 4 + 1))
    return data[:size]


@pytest.mark.parametrize("sizes", [(0, 0), (5, 0), (0, 7), (1000, 3 << 20), (3, (1 << 20) + 1)])
def test_crc32_combine_equals_the_crc_of_the_joined_bytes(sizes: tuple[int, int]) -> None:
    first, second = _text(sizes[0], 1), _text(sizes[1], 2)
    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


def test_a_member_with_a_body_deflated_apart_reads_back_whole(tmp_path: Path) -> None:
    head, tail = b"<worksheet><sheetData><row r=\"1\"/>", b"</sheetData></worksheet>"
    body_bytes = _text(2_500_000, 3)
    halves = body_bytes[:1_000_001], body_bytes[1_000_001:]
    body = [deflate_to_file([half[i:i + 65_536] for i in range(0, len(half), 65_536)],
                            tmp_path / f"piece{n}.deflate") for n, half in enumerate(halves)]
    assert [(piece.size, piece.crc) for piece in body] == [
        (len(half), zlib.crc32(half)) for half in halves]

    target = tmp_path / "joined.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("before.xml", b"<a/>")
        write_member(archive, zipfile.ZipInfo("xl/worksheets/sheet1.xml"), head, body, tail)
        archive.writestr("after.xml", b"<b/>")

    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None  # every member's CRC checks out
        assert archive.namelist() == ["before.xml", "xl/worksheets/sheet1.xml", "after.xml"]
        assert archive.read("xl/worksheets/sheet1.xml") == head + body_bytes + tail
        assert archive.read("after.xml") == b"<b/>"
        member = archive.getinfo("xl/worksheets/sheet1.xml")
        assert member.compress_type == zipfile.ZIP_DEFLATED
        assert member.compress_size < member.file_size // 3


def test_an_empty_body_still_makes_a_sound_member(tmp_path: Path) -> None:
    body = deflate_to_file([], tmp_path / "empty.deflate")
    target = tmp_path / "empty.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        write_member(archive, zipfile.ZipInfo("part.xml"), b"<x>", [body], b"</x>")
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.read("part.xml") == b"<x></x>"
