"""The zip-level probe: format by content, refusals before any parser, macros reported."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from schoolnet_xl.read.probe import probe
from tests.corpus.make_corpus import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("probe_corpus"))


@pytest.mark.parametrize(("name", "code"), [
    ("~$card", "SN002"),
    ("text", "SN003"),
    ("encrypted", "SN004"),
    ("truncated", "SN005"),
    ("zip_bomb_total", "SN006"),
    ("zip_bomb_ratio", "SN007"),
    ("entity_bomb", "SN008"),
])
def test_bad_files_are_refused_with_their_own_code(corpus, name, code):
    result = probe(corpus[name])
    assert result.refusal is not None
    assert result.refusal.code == code
    assert result.refusal.severity == "fout"
    assert result.refusal.file == str(corpus[name])


@pytest.mark.parametrize(("name", "fmt"), [
    ("template_ok", "xlsx"),
    ("handmade_row3", "xlsx"),
    ("handmade_row3.ods", "ods"),
    ("handmade_row3.xls", "xls"),
    ("macros", "xlsm"),
])
def test_real_workbooks_pass_and_get_their_format_from_their_bytes(corpus, name, fmt):
    result = probe(corpus[name])
    assert result.ok
    assert result.format == fmt


def test_macros_are_a_warning_not_a_refusal(corpus):
    result = probe(corpus["macros"])
    assert result.ok
    assert [(f.code, f.severity) for f in result.findings] == [("SN020", "waarschuwing")]


def test_lock_file_reason_is_clear_in_dutch_and_english(corpus):
    assert probe(corpus["~$card"]).refusal.message() == (
        "Tijdelijk vergrendelingsbestand van Excel, geen netwerkkaart.")
    assert probe(corpus["~$card"]).refusal.message("en") == (
        "Temporary Excel lock file, not a network card.")


def test_a_workbook_with_a_wrong_extension_is_recognised_by_content(corpus, tmp_path):
    renamed = tmp_path / "kaart.ods"
    renamed.write_bytes(corpus["template_ok"].read_bytes())
    assert probe(renamed).format == "xlsx"


def test_missing_file_and_folder_are_refused_not_raised(tmp_path):
    assert probe(tmp_path / "bestaat-niet.xlsx").refusal.code == "SN001"
    assert probe(tmp_path).refusal.code == "SN001"


def test_empty_file_and_html_page_say_what_they_are(tmp_path):
    empty = tmp_path / "leeg.xlsx"
    empty.write_bytes(b"")
    page = tmp_path / "download.xlsx"
    page.write_text("<!DOCTYPE html><html><body>Login</body></html>", "utf-8")
    assert "leeg bestand" in probe(empty).refusal.message()
    assert "webpagina" in probe(page).refusal.message()


def test_zip_without_a_workbook_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "foto's.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto.jpg", b"\xff\xd8\xff")
    assert probe(path).refusal.code == "SN003"


def test_entity_declaration_after_a_long_comment_is_still_found(corpus, tmp_path):
    path = tmp_path / "verstopt.xlsx"
    with zipfile.ZipFile(corpus["source_table"]) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = (b'<?xml version="1.0"?><!--' + b"x" * 10_000 + b'-->'
                        b'<!DOCTYPE w [<!ENTITY a "b">]>' + data.split(b"?>", 1)[1])
            out.writestr(info, data)
    assert probe(path).refusal.code == "SN008"


def test_bomb_refusals_name_the_size_and_the_part(corpus):
    assert "210 MB" in probe(corpus["zip_bomb_total"]).refusal.message()
    assert "xl/worksheets/sheet1.xml" in probe(corpus["zip_bomb_ratio"]).refusal.message()


def test_entity_verdicts_remembered_by_first_bytes_still_refuse(corpus, tmp_path):
    """The second probe of the same parts answers from the memo: the same verdicts."""
    for _ in range(2):
        assert probe(corpus["entity_bomb"]).refusal.code == "SN008"
        assert probe(corpus["template_ok"]).refusal is None
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(corpus["template_ok"]) as source, zipfile.ZipFile(stored, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
            out.writestr(info.filename, data, compress_type=zipfile.ZIP_STORED)
    assert probe(stored).refusal.code == "SN008"
    assert probe(stored).refusal.code == "SN008"


def _with_custom_property(source: Path, target: Path, name: str, value: str,
                          prefix: str = "vt") -> Path:
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:{prefix}="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
        f"<{prefix}:lpwstr>{value}</{prefix}:lpwstr></property></Properties>")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("docProps/custom.xml", custom)
    return target


def test_a_regional_workbook_is_refused_by_its_property_not_by_its_words(corpus, tmp_path):
    marked = _with_custom_property(corpus["template_ok"], tmp_path / "regio.xlsx",
                                   "schoolnet-xl", "regionale netwerkkaart", prefix="ns1")
    worded = _with_custom_property(corpus["template_ok"], tmp_path / "kaart.xlsx",
                                   "Opmerking", "regionale netwerkkaart")
    assert probe(marked).refusal.code == "SN013"
    assert probe(worded).ok


def test_bytes_already_read_are_probed_not_the_file_again(corpus, tmp_path):
    # the merge hashes a card and probes those same bytes (the file is read once)
    path = tmp_path / "kaart.xlsx"
    path.write_text("geen werkmap")
    given = probe(path, data=corpus["template_ok"].read_bytes(), keep_open=True)
    assert given.ok and given.format == "xlsx"
    assert given.package is not None and given.package.read("xl/workbook.xml")
    given.package.close()
    assert probe(path).refusal.code == "SN003"
    assert probe(corpus["template_ok"], data=b"geen werkmap").refusal.code == "SN003"


@pytest.mark.parametrize("path", [
    "kaart.xlsx", "map/kaart.xlsx", "/tmp/x/~$kaart.xlsx", "./kaart.xlsx", "map//kaart.xlsx",
    "map/./kaart.xlsx", "map/", "map/.", ".", "", "//server/kaart.xlsx", "///kaart.xlsx",
    "../map/kaart.xlsx", "map/../kaart.xlsx", "/", ".verborgen/.kaart",
])
def test_a_file_is_named_as_pathlib_names_it(path):
    # the probe takes a plain path as it is, and gives any other the form Path gives it
    result = probe(path)
    assert result.path == str(Path(path))
    assert result.refusal.file == str(Path(path))
    assert (result.refusal.code == "SN002") == Path(path).name.startswith("~$")
