"""The zip directory read without zipfile (`plain_directory`) says exactly what zipfile
says, on real workbooks of every maker; anything unusual goes through zipfile, which
gives its own result or error."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

import pytest

from schoolnet_xl.read.package import Entry, Package, ZipEntry, plain_directory
from tests.corpus.make_corpus import make_corpus

FIELDS = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size",
          "header_offset")
FIXTURES = Path(__file__).parent / "fixtures"
# made by XlsxWriter (template cards), openpyxl (edited cards), LibreOffice (.xlsx, .ods)
PLAIN = ("template_ok", "template_mistakes", "template_typed_lo.xlsx", "template_typed.ods",
         "macros", "handmade_row3.ods")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("directory_corpus"))


def _zipfile_view(data: bytes) -> list[tuple[object, ...]]:
    """zipfile's entries by name (a repeated name: its last entry, as zipfile reads it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _view({info.filename: info for info in archive.infolist()})


def _view(infos: Mapping[str, ZipEntry]) -> list[tuple[object, ...]]:
    return [tuple(getattr(info, f) for f in FIELDS) for info in infos.values()]


def _zip_files(corpus: dict[str, Path]) -> list[Path]:
    paths = [*corpus.values(), *FIXTURES.glob("*.xlsx")]
    return [p for p in paths if p.is_file() and p.read_bytes()[:2] == b"PK"]


def test_real_workbooks_get_zipfile_s_directory_without_zipfile(corpus) -> None:
    fast = set()
    for path in _zip_files(corpus):
        data = path.read_bytes()
        try:
            expected = _zipfile_view(data)
        except zipfile.BadZipFile:
            assert plain_directory(data) is None, path
            continue
        infos = plain_directory(data)
        if infos is not None:
            fast.add(path)
            assert _view(infos) == expected, path
            _assert_bodies_inflate_to_zipfile_s_parts(data, infos)
        assert _view(Package.open(path).infos) == expected, path
    assert {corpus[name] for name in PLAIN} <= fast
    assert FIXTURES / "old-card-0.9.xlsx" in fast


def _assert_bodies_inflate_to_zipfile_s_parts(data: bytes,
                                               infos: Mapping[str, ZipEntry]) -> None:
    """Each entry's stored bytes, where the directory reading found them, are the part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name, entry in infos.items():
            assert isinstance(entry, Entry) and entry.body_start > 0, name
            stored = data[entry.body_start:entry.body_start + entry.compress_size]
            part = (stored if entry.compress_type == zipfile.ZIP_STORED
                    else zlib.decompress(stored, -15))
            assert part == archive.read(name), name


def _card(corpus: dict[str, Path]) -> bytes:
    return corpus["template_ok"].read_bytes()


def _with_comment(data: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = b"gemaakt door een ander programma"
    return out.getvalue()


def _rewritten(data: bytes, change) -> bytes:
    """The archive written again by zipfile, each entry's ZipInfo changed by `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            change(info)
            target.writestr(info, content)
    return out.getvalue()


def _zip64(data: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patched:  # zipfile writes zip64 records past its limit
        patched.setattr(zipfile, "ZIP64_LIMIT", 64)
        return _rewritten(data, lambda info: None)


def _extra_field(info: zipfile.ZipInfo) -> None:
    info.extra = struct.pack("<HH4s", 0xCAFE, 4, b"test")


def _utf8_name(info: zipfile.ZipInfo) -> None:
    if info.filename == "docProps/app.xml":
        info.filename = "docProps/app-é.xml"


def _duplicate(data: bytes) -> bytes:
    out = io.BytesIO(data)
    with warnings.catch_warnings(), zipfile.ZipFile(out, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the repeated name
        archive.writestr("docProps/app.xml", b"<Properties/>")
    return out.getvalue()


def _truncated_directory(data: bytes) -> bytes:
    """The last directory entry cut off, the end record left as it was."""
    end = len(data) - 22
    last = data.rfind(b"PK\x01\x02", 0, end)
    return data[:last + 30] + data[end:]


def _wrong_count(data: bytes) -> bytes:
    end = len(data) - 22
    count = struct.unpack_from("<H", data, end + 10)[0]
    return data[:end + 8] + struct.pack("<HH", count + 1, count + 1) + data[end + 12:]


@pytest.mark.parametrize("case", [
    "comment", "zip64", "prepended", "truncated", "truncated_directory", "wrong_count",
    "extra_field", "utf8_name", "duplicate", "empty",
])
def test_unusual_archives_take_zipfile_s_path_and_get_its_result_or_error(
        corpus, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    card = _card(corpus)
    data = {
        "comment": lambda: _with_comment(card),
        "zip64": lambda: _zip64(card, monkeypatch),
        "prepended": lambda: b"#!/bin/sh\nexit 0\n" + card,
        "truncated": lambda: card[:-7],
        "truncated_directory": lambda: _truncated_directory(card),
        "wrong_count": lambda: _wrong_count(card),
        "extra_field": lambda: _rewritten(card, _extra_field),
        "utf8_name": lambda: _rewritten(card, _utf8_name),
        "duplicate": lambda: _duplicate(card),
        "empty": lambda: b"PK\x05\x06" + bytes(18),
    }[case]()
    assert data != card
    assert plain_directory(data) is None
    try:
        expected = _zipfile_view(data)
    except zipfile.BadZipFile as exc:
        with pytest.raises(zipfile.BadZipFile, match=str(exc)):
            Package.open("kaart.xlsx", data)
        return
    with Package.open("kaart.xlsx", data) as opened, zipfile.ZipFile(io.BytesIO(data)) as ref:
        assert _view(opened.infos) == expected
        assert {n: opened.read(n) for n in opened.infos} == {n: ref.read(n) for n in ref.NameToInfo}


def test_a_plain_card_reads_its_parts_as_zipfile_does(corpus) -> None:
    data = _card(corpus)
    assert plain_directory(data) is not None
    with Package.open("kaart.xlsx", data) as opened, zipfile.ZipFile(io.BytesIO(data)) as ref:
        assert {n: opened.read(n) for n in opened.infos} == {
            i.filename: ref.read(i) for i in ref.infolist()}
        assert opened.archive.namelist() == ref.namelist()  # zipfile itself, on demand
