"""Zip-level safety check of a workbook file, before any spreadsheet parser sees it.

Stdlib only. Decides the format from the file's bytes (not its name), and
refuses what must not be parsed: Excel lock files, non-spreadsheets, encrypted
files, damaged zips, decompression bombs, XML with entity declarations. Macros
are reported, never run.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from schoolnet_xl.core.contract import (
    REGIONAL_CSV_START,
    REGIONAL_MARKER_PROPERTY,
    REGIONAL_MARKER_VALUE,
)
from schoolnet_xl.core.fastzlib import ZlibError, zlib
from schoolnet_xl.core.files import os_error_words
from schoolnet_xl.core.findings import Finding, ParamValue, Rule, Words
from schoolnet_xl.read import file_rules as F
from schoolnet_xl.read.package import ZIP_MAGIC, Package, ZipEntry, read_small

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed size of all parts together
MAX_RATIO = 200  # compression ratio of one part …
RATIO_MIN_BYTES = 1024 * 1024  # … that inflates to more than this
PROLOG_SCAN_BYTES = 1024 * 1024  # how far to look for a DOCTYPE before the root element
SCAN_CHUNK = 4096
INFLATE_CHUNK = 512  # compressed bytes per step: a prolog is near the start
XML_SUFFIXES = (".xml", ".rels")  # the parts checked for entity declarations
TEXT_SAMPLE = 4096  # first bytes of a file that is no workbook, to say what it is

EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
CUSTOM_PROPERTIES = "docProps/custom.xml"
_REGIONAL_MARKER = re.compile(
    rb'name="' + re.escape(REGIONAL_MARKER_PROPERTY.encode()) + rb'"[^>]*>\s*<(?:\w+:)?lpwstr>'
    + re.escape(REGIONAL_MARKER_VALUE.encode()) + rb"</")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# OLE directory entry names (UTF-16): an encrypted OOXML package vs a legacy workbook.
OLE_ENCRYPTED = (_utf16("EncryptionInfo"), _utf16("EncryptedPackage"))
OLE_WORKBOOK = (_utf16("Workbook"), _utf16("Book"))
OLE_MACROS = _utf16("_VBA_PROJECT")


@dataclass
class Probe:
    """What the probe learnt: the real format, a refusal (or None), other findings."""

    path: str
    format: str = ""  # "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | ""
    refusal: Finding | None = None
    findings: list[Finding] = field(default_factory=list)
    package: Package | None = field(default=None, repr=False)  # with keep_open only

    @property
    def ok(self) -> bool:
        return self.refusal is None


Refuse = Callable[..., Probe]  # refuse(rule, **params) -> the refused Probe


def probe(path: str | Path, *, keep_open: bool = False, data: bytes | None = None) -> Probe:
    """Inspect a file without parsing its cells; never raises for a bad file.

    The file is read once (or not at all when the caller passes its bytes as `data`,
    e.g. after hashing them); with `keep_open` an accepted zip package stays open
    in `Probe.package` for the reader (the caller closes it).
    """
    file, name = _file_and_name(path)
    result = Probe(file)

    def refuse(rule: Rule, **params: ParamValue) -> Probe:
        # mypy cannot tell that no parameter is named file, sheet, cell, field or value
        result.refusal = rule.finding(file=file, **params)  # type: ignore[arg-type]
        return result

    if name.startswith("~$"):
        return refuse(F.LOCK_FILE)
    try:
        if data is None:
            data = read_small(file)
        head = data[:8] if data is not None else _read_head(file)
    except OSError as exc:
        return refuse(F.FILE_MISSING, detail=os_error_words(exc))
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        _probe_zip(file, data, result, refuse)
        if result.package is not None and (result.refusal is not None or not keep_open):
            result.package.close()
            result.package = None
        return result
    if head == OLE_MAGIC:
        return _probe_ole(Path(file), result, refuse)
    try:
        sample = data[:TEXT_SAMPLE] if data is not None else _read_head(file, TEXT_SAMPLE)
    except OSError as exc:
        return refuse(F.FILE_MISSING, detail=os_error_words(exc))
    if sample.startswith(REGIONAL_CSV_START):
        return refuse(F.MERGE_OUTPUT, what=Words("een CSV-tabel van een regionaal werkboek",
                                                 "a CSV table of a regional workbook"))
    return refuse(F.NOT_SPREADSHEET, detail=_describe_other(sample))


def _file_and_name(path: str | Path) -> tuple[str, str]:
    """`str(Path(path))` (the file as findings name it) and its last part: a POSIX path
    already in that form is taken as it is (a Path costs ~20 k instructions to build)."""
    if (type(path) is str and os.sep == "/" and path and path[-1] != "/" and path != "."
            and "//" not in path and "/./" not in path and not path.startswith("./")
            and not path.endswith("/.")):
        return path, path.rpartition("/")[2]
    shown = Path(path)
    return str(shown), shown.name


def _read_head(file: str, size: int = 8) -> bytes:
    with open(file, "rb") as handle:
        return handle.read(size)


def _probe_zip(path: str, data: bytes | None, result: Probe, refuse: Refuse) -> Probe:
    try:
        package = result.package = Package.open(path, data)
        infos = list(package.infos.values())
        names = package.infos.keys()
        if "xl/workbook.xml" in names:
            result.format = "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
        elif "xl/workbook.bin" in names:
            result.format = "xlsb"
        elif "mimetype" in names and (package.read("mimetype") or b"").strip() == ODS_MIMETYPE:
            result.format = "ods"
        else:
            return refuse(F.NOT_SPREADSHEET, detail=Words(
                "een zip-archief zonder werkmap", "a zip archive without a workbook"))
        refusal = _check_sizes(infos, refuse)
        if refusal is not None:
            return refusal
        entity_part = _entity_part(package, infos)
        if entity_part is not None:
            return refuse(F.XML_ENTITIES, part=entity_part)
        if is_regional_workbook(package):
            return refuse(F.MERGE_OUTPUT, what=Words("een regionaal werkboek",
                                                     "a regional workbook"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        return refuse(F.CORRUPT, detail=_zip_detail(exc))
    except OSError as exc:
        return refuse(F.FILE_MISSING, detail=os_error_words(exc))
    except NotImplementedError as exc:  # e.g. an unsupported compression method
        return refuse(F.CORRUPT, detail=str(exc))
    if "xl/vbaProject.bin" in names or "Basic/script-lc.xml" in names:  # macros
        result.findings.append(F.MACROS.finding(file=path))
    return result


def is_regional_workbook(package: Package) -> bool:
    """True for the output of `merge`: its custom document property, named and valued
    as the merge writes it (namespace prefixes as any spreadsheet program re-saves them)."""
    if CUSTOM_PROPERTIES not in package.infos:
        return False
    return _REGIONAL_MARKER.search(package.read(CUSTOM_PROPERTIES) or b"") is not None


_FILE_SIZE = attrgetter("file_size")


def _check_sizes(infos: list[ZipEntry], refuse: Refuse) -> Probe | None:
    """Refuse a decompression bomb from the zip directory alone (nothing inflated)."""
    sizes = list(map(_FILE_SIZE, infos))
    total = sum(sizes)
    if total > MAX_TOTAL_BYTES:
        return refuse(F.TOO_LARGE, size_mb=total // (1024 * 1024),
                      limit_mb=MAX_TOTAL_BYTES // (1024 * 1024))
    if max(sizes, default=0) <= RATIO_MIN_BYTES:  # no part large enough to judge its ratio
        return None
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                return refuse(F.RATIO, part=info.filename, ratio=int(ratio), limit=MAX_RATIO)
    return None


def _entity_part(package: Package, infos: list[ZipEntry]) -> str | None:
    """The first XML part with a DOCTYPE/ENTITY declaration, None when none has one."""
    for info in infos:
        if info.filename.endswith(XML_SUFFIXES) and _declares_entities(package, info):
            return info.filename
    return None


def _declares_entities(package: Package, info: ZipEntry) -> bool:
    """True when an XML part has a DOCTYPE/ENTITY declaration before its root element.

    The first stored bytes are a slice of the package's bytes: most parts get their
    verdict from `_first_chunk_verdict`'s memo without a copy or an inflate.
    """
    start = package.body_start(info)
    if start < 0:
        return _stream_declares_entities(package.archive, info)
    data, stored = package.data, info.compress_size
    try:
        verdict = _first_chunk_verdict(
            info.compress_type, data[start:start + min(stored, INFLATE_CHUNK)])
        if verdict is not None:
            return verdict
        body = memoryview(data)[start:start + stored]
        chunks: Iterator[bytes]
        if info.compress_type == zipfile.ZIP_STORED:
            chunks = (bytes(body[i:i + SCAN_CHUNK]) for i in range(0, len(body), SCAN_CHUNK))
        else:
            chunks = _inflate(body)
        return _prolog_declares_entities(chunks)
    except ZlibError:  # let zipfile judge the damaged part, as without the fast path
        return _stream_declares_entities(package.archive, info)


_FIRST_CHUNK_VERDICTS: dict[tuple[int, bytes], bool | None] = {}
_VERDICTS_MAX = 4096


def _first_chunk_verdict(method: int, head: bytes) -> bool | None:
    """The verdict from a part's first stored bytes alone, or None when they do not tell.

    Remembered by those bytes: the same compressed start inflates to the same
    prolog, and a region's cards share most parts (styles, theme, rels).
    """
    key = (method, head)
    if key in _FIRST_CHUNK_VERDICTS:
        return _FIRST_CHUNK_VERDICTS[key]
    text = head if method == zipfile.ZIP_STORED else zlib.decompressobj(
        -zlib.MAX_WBITS).decompress(head)
    verdict = _prolog_verdict(text)
    if len(_FIRST_CHUNK_VERDICTS) >= _VERDICTS_MAX:
        _FIRST_CHUNK_VERDICTS.clear()
    _FIRST_CHUNK_VERDICTS[key] = verdict
    return verdict


def _stream_declares_entities(zf: zipfile.ZipFile, info: ZipEntry) -> bool:
    with zf.open(info.filename) as stream:
        return _prolog_declares_entities(iter(lambda: stream.read(SCAN_CHUNK), b""))


def _prolog_declares_entities(chunks: Iterator[bytes]) -> bool:
    seen = b""
    for chunk in chunks:
        seen += chunk
        verdict = _prolog_verdict(seen)
        if verdict is not None:
            return verdict
        if len(seen) >= PROLOG_SCAN_BYTES:
            return False
    return False


def _prolog_verdict(start: bytes) -> bool | None:
    """From a part's first bytes: True for a DOCTYPE/ENTITY declaration, False once the
    root element has started without one, None while they do not tell yet."""
    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
        return True
    return False if _root_started(start) else None


def _inflate(body: memoryview) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for i in range(0, len(body), INFLATE_CHUNK):
        chunk = inflater.decompress(body[i:i + INFLATE_CHUNK])
        if chunk:
            yield chunk


def _root_started(data: bytes) -> bool:
    """True once the bytes contain an element start tag (`<` followed by a name)."""
    pos = data.find(b"<")
    while pos >= 0 and pos + 1 < len(data):
        following = data[pos + 1 : pos + 2]
        if following.isalpha() or following == b"_":
            return True
        pos = data.find(b"<", pos + 1)
    return False


def _probe_ole(path: Path, result: Probe, refuse: Refuse) -> Probe:
    """An OLE compound file: an encrypted OOXML package, a legacy .xls, or something else."""
    data = path.read_bytes()
    if any(name in data for name in OLE_ENCRYPTED):
        return refuse(F.ENCRYPTED)
    if not any(name in data for name in OLE_WORKBOOK):
        return refuse(F.NOT_SPREADSHEET, detail=Words(
            "een Office-bestand zonder werkmap, bv. een Word-document",
            "an Office file without a workbook, e.g. a Word document"))
    result.format = "xls"
    if OLE_MACROS in data:
        result.findings.append(F.MACROS.finding(file=str(path)))
    return result


def _describe_other(sample: bytes) -> Words:
    """What a file that is no workbook looks like, from its first bytes."""
    if not sample:
        return Words("een leeg bestand", "an empty file")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return Words("onbekend bestandsformaat", "unknown file format")
    if sample.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return Words("een webpagina (HTML)", "a web page (HTML)")
    return Words("een tekstbestand", "a text file")


def _zip_detail(exc: Exception) -> Words | str:
    if isinstance(exc, (EOFError, zipfile.BadZipFile)):
        return Words("het zip-archief is afgebroken of ongeldig",
                     "the zip archive is truncated or invalid")
    return f"{type(exc).__name__}: {exc}"
