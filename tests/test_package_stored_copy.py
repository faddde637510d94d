"""`Package.stored_copy`: the archive again with some parts stored uncompressed, for
calamine to read without inflating them. The copy holds the same parts with the same
bytes in the same order; calamine reads from it exactly what it reads from the
original; anything the copy cannot be made from safely gives None (the original
is read)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import python_calamine as calamine

from schoolnet_xl.read import package as package_module
from schoolnet_xl.read.from_file import workbook_data_from_file
from schoolnet_xl.read.ooxml import read_extras
from schoolnet_xl.read.package import Package
from schoolnet_xl.read.probe import probe
from tests.corpus.make_corpus import make_corpus

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("stored_copy_corpus"))


def _workbooks(corpus: dict[str, Path]) -> list[Path]:
    """Every .xlsx/.xlsm of the corpus and the fixtures that the probe lets through."""
    return [path for path in [*corpus.values(), *FIXTURES.glob("*.xlsx")]
            if path.suffix in (".xlsx", ".xlsm") and probe(path).ok]


def _stored_parts(opened: Package) -> list[str]:
    """What the reader stores: the parts a workbook's opening reads, and every sheet."""
    extras = read_extras(opened)
    return [*extras.book_parts, *extras.sheet_parts.values()]


def _calamine_view(data: bytes) -> list[tuple[object, ...]]:
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    view: list[tuple[object, ...]] = []
    for meta in book.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        view.append((meta.name, meta.visible, sheet.to_python(skip_empty_area=False),
                     sheet.merged_cell_ranges))
    return view


def test_the_copy_holds_the_same_parts_and_calamine_reads_the_same(corpus) -> None:
    workbooks = _workbooks(corpus)
    assert len(workbooks) >= 6  # XlsxWriter, openpyxl and LibreOffice workbooks among them
    copied = 0
    for path in workbooks:
        data = path.read_bytes()
        opened = Package.open(path, data)
        parts = _stored_parts(opened)
        copy = opened.stored_copy(parts)
        if copy is None:  # an archive zipfile reads for us (a comment, zip64, …)
            assert package_module.plain_directory(data) is None, path
            continue
        copied += 1
        with zipfile.ZipFile(io.BytesIO(data)) as source, \
                zipfile.ZipFile(io.BytesIO(copy)) as rebuilt:
            assert rebuilt.testzip() is None, path  # every CRC holds
            assert rebuilt.namelist() == source.namelist(), path
            for info in source.infolist():
                again = rebuilt.getinfo(info.filename)
                assert rebuilt.read(again) == source.read(info), (path, info.filename)
                expected = zipfile.ZIP_STORED if info.filename in parts else info.compress_type
                assert again.compress_type == expected, (path, info.filename)
        assert _calamine_view(copy) == _calamine_view(data), path
    assert copied >= 5


def test_a_card_read_through_the_copy_equals_one_read_from_its_file(corpus) -> None:
    for name in ("template_ok", "template_mistakes", "template_typed_lo.xlsx", "macros"):
        path = corpus[name]
        checked = probe(path, keep_open=True)
        assert checked.ok and checked.package is not None, name
        with checked.package as opened:
            through_copy = workbook_data_from_file(path, checked.format, opened)
            assert opened.stored_copy(_stored_parts(opened)) is not None, name
        from_file = workbook_data_from_file(path, checked.format)
        assert through_copy == from_file, name
        assert through_copy.sheets and any(s.rows for s in through_copy.sheets), name


def _card(corpus: dict[str, Path]) -> bytes:
    return corpus["template_ok"].read_bytes()


def test_an_archive_read_by_zipfile_gives_no_copy(corpus) -> None:
    out = io.BytesIO(_card(corpus))
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = b"gemaakt door een ander programma"
    opened = Package.open("kaart.xlsx", out.getvalue())
    assert package_module.plain_directory(out.getvalue()) is None
    assert opened.stored_copy(_stored_parts(opened)) is None


def test_a_damaged_part_gives_no_copy(corpus) -> None:
    data = bytearray(_card(corpus))
    opened = Package.open("kaart.xlsx", bytes(data))
    sheet = read_extras(opened).sheet_parts["Netwerkkaart"]
    entry = opened.infos[sheet]
    middle = entry.body_start + entry.compress_size // 2
    data[middle] ^= 0xFF  # one flipped byte: the inflate fails or the CRC does not match
    damaged = Package.open("kaart.xlsx", bytes(data))
    assert damaged.stored_copy([sheet]) is None
    with pytest.raises((zipfile.BadZipFile, OSError, EOFError)):
        damaged.read(sheet)  # zipfile then reports the damage, as before


def test_parts_beyond_the_kept_size_give_no_copy(corpus, monkeypatch) -> None:
    opened = Package.open("kaart.xlsx", _card(corpus))
    parts = _stored_parts(opened)
    assert opened.stored_copy(parts) is not None
    monkeypatch.setattr(package_module, "KEPT_BYTES", 1000)
    assert Package.open("kaart.xlsx", _card(corpus)).stored_copy(parts) is None
