"""The one module that knows an OOXML package: its zip directory and its layout.

Like XlsxWriter's packager: the zip (directory read once, parts inflated from
memory), the relationships of a part (where they live, parsing, resolving
targets, writing), the workbook part, the sheet list and [Content_Types].xml.
Reading cards, the probe and the edit commands all use it.

The whole file is read from disk once: the probe, the package-XML reader and
calamine work from the same bytes. The zip directory of a plain archive is
read from them with `struct` (`plain_directory`: the entries zipfile would
list, each with where its stored bytes start), and parts are inflated straight
from those bytes (local header checked, CRC verified); anything unusual (a
comment, zip64, encryption, another compression method, a header that does
not add up) goes through `zipfile`, which raises the usual errors for a
damaged archive.
"""

from __future__ import annotations

import html
import io
import os
import posixpath
import re
import struct
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import NamedTuple, Protocol

from schoolnet_xl.core.fastzlib import ZlibError, zlib

IN_MEMORY_BYTES = 16 * 1024 * 1024  # archives up to this size are read once into memory
LOCAL_HEADER = struct.Struct("<4s22xHH")  # magic, …, file name length, extra length
LOCAL_HEADER_SIZE = LOCAL_HEADER.size
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # the ones read from memory
ZIP_MAGIC = b"PK\x03\x04"
KEPT_BYTES = 16 * 1024 * 1024  # inflated parts a package keeps (for `stored_copy`)


def read_small(path: str | Path) -> bytes | None:
    """The whole file when it is small enough to keep in memory, else None."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > IN_MEMORY_BYTES:
            return None
        return handle.read()


class Entry(NamedTuple):
    """One entry of the zip directory: the fields of `zipfile.ZipInfo` this package reads."""

    filename: str
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int
    body_start: int  # where the stored bytes start in the package's data; -1: use zipfile


ZipEntry = Entry | zipfile.ZipInfo

# The end-of-directory record and a directory entry, as zipfile lays them out.
END_RECORD = struct.Struct("<4s4H2LH")  # magic, disks, entries (2x), size, offset, comment
END_MAGIC = b"PK\x05\x06"
ZIP64_LOCATOR_MAGIC = b"PK\x06\x07"
ZIP64_LOCATOR_SIZE = 20
# zipfile.structCentralDir ("<4s4B4HL2L5H2L") with only the fields read here: magic,
# extract version, flags, method, CRC, sizes, name length, extra + comment lengths (one
# number: both must be 0), local header offset
CENTRAL = struct.Struct("<4s2xBx2H4x3LHL8xL")
CENTRAL_MAGIC = b"PK\x01\x02"
MAX_EXTRACT_VERSION = 63  # zipfile refuses later versions (NotImplementedError)


def plain_directory(data: bytes) -> dict[str, ZipEntry] | None:
    """The zip directory of a plain archive, as zipfile would read it; None for anything
    else (a comment, zip64, bytes before the archive, several disks, extra fields, entry
    comments, a name zipfile would change or decode otherwise (not ASCII, a NUL, a
    backslash), a repeated name, a field that does not add up), which `zipfile` then
    reads (or refuses) as it always does."""
    end = len(data) - END_RECORD.size
    if end < ZIP64_LOCATOR_SIZE:  # zipfile would look for the zip64 locator elsewhere
        return None
    magic, disk, cd_disk, here, count, size, offset, comment = END_RECORD.unpack_from(data, end)
    if (magic != END_MAGIC or comment or disk or cd_disk or here != count
            or offset + size != end
            or data[end - ZIP64_LOCATOR_SIZE:end - ZIP64_LOCATOR_SIZE + 4]
            == ZIP64_LOCATOR_MAGIC):
        return None
    entries: dict[str, ZipEntry] = {}
    unpack, new, header_size = CENTRAL.unpack_from, tuple.__new__, CENTRAL.size
    pos = offset
    try:
        while pos < end:
            (magic, version, flags, method, crc, compressed, size, name_length, extra_comment,
             header) = unpack(data, pos)
            start = pos + header_size
            pos = start + name_length
            if magic != CENTRAL_MAGIC or extra_comment or version > MAX_EXTRACT_VERSION:
                return None
            name = data[start:pos].decode("ascii")
            body = body_start(data, flags, method, header, compressed)
            entries[name] = new(Entry, (name, flags, method, crc, compressed, size, header,
                                        body))
    except (struct.error, UnicodeDecodeError):  # a truncated directory, a non-ASCII name
        return None
    names = "".join(entries)
    if pos != end or len(entries) != count or "\0" in names or "\\" in names:
        return None
    return entries


# A local file header and a central directory entry as `_zip_archive` writes them
# (zipfile.structFileHeader and structCentralDir): no extra fields, no comments.
NEW_LOCAL = struct.Struct("<4s5H3L2H")  # magic, version, flags, method, time, date, CRC,
#                                          sizes, name length, extra length
NEW_CENTRAL = struct.Struct("<4s6H3L5H2L")
DOS_DATE_1980 = (1 << 5) | 1  # 1 January 1980, the earliest date a zip entry holds
DATA_DESCRIPTOR = 0x08  # flag bit: sizes and CRC follow the data (not written here)


def _zip_archive(data: memoryview, entries: Iterable[Entry], stored: Mapping[str, bytes]
                 ) -> bytes:
    """A zip archive of `entries` in order: those in `stored` with these contents,
    uncompressed; the others with their stored bytes from `data`, as they are."""
    pieces: list[bytes | memoryview] = []
    directory: list[bytes] = []
    offset = 0
    local, central = NEW_LOCAL.pack, NEW_CENTRAL.pack
    for entry in entries:
        name = entry.filename.encode("ascii")
        body: bytes | memoryview
        content = stored.get(entry.filename)
        if content is not None:
            method, flags, body = zipfile.ZIP_STORED, 0, content
        else:
            method, flags = entry.compress_type, entry.flag_bits & ~DATA_DESCRIPTOR
            body = data[entry.body_start:entry.body_start + entry.compress_size]
        fields = (20, flags, method, 0, DOS_DATE_1980, entry.CRC, len(body),
                  entry.file_size, len(name))
        pieces += (local(ZIP_MAGIC, *fields, 0), name, body)
        directory += (central(CENTRAL_MAGIC, 20, *fields, 0, 0, 0, 0, 0, offset), name)
        offset += NEW_LOCAL.size + len(name) + len(body)
    listing = b"".join(directory)
    end = END_RECORD.pack(END_MAGIC, 0, 0, len(directory) // 2, len(directory) // 2,
                          len(listing), offset, 0)
    return b"".join((*pieces, listing, end))


def body_start(data: bytes, flags: int, method: int, offset: int, stored: int) -> int:
    """Where a part's `stored` bytes start in `data`, from its local header at `offset`;
    -1 when they cannot be read from memory (encrypted, another method, a header or
    body that does not fit)."""
    if flags & 1 or method not in METHODS or not 0 <= offset <= len(data) - LOCAL_HEADER_SIZE:
        return -1
    magic, name_length, extra_length = LOCAL_HEADER.unpack_from(data, offset)
    if magic != ZIP_MAGIC:
        return -1
    start = offset + LOCAL_HEADER_SIZE + name_length + extra_length
    return start if stored == 0 or start + stored <= len(data) else -1


class Package:
    """An open zip archive: `infos` by part name, `read(part)` for a part's bytes.

    `data` holds the whole file for archives up to IN_MEMORY_BYTES (else b"",
    and parts are read through the file). The directory of a plain archive in
    memory is read by `plain_directory`; `archive`, the `zipfile.ZipFile`, is
    opened only when asked for (a part that needs zipfile to read it).
    """

    def __init__(self, archive: zipfile.ZipFile | None, data: bytes,
                 infos: Mapping[str, ZipEntry] | None = None) -> None:
        self._archive = archive
        self.data = data
        self._view = memoryview(data)  # parts' stored bytes are slices of it, not copies
        if infos is None:
            infos = {info.filename: info for info in self.archive.infolist()}
        self.infos = infos
        self._inflated: dict[str, bytes] = {}  # parts read from memory, for `stored_copy`
        self._inflated_bytes = 0

    @classmethod
    def open(cls, path: str | Path, data: bytes | None = None) -> Package:
        """Open a file (or its bytes already read); raises zipfile/OS errors."""
        if data is None:
            data = read_small(path)
        if data:
            infos = plain_directory(data)
            if infos is not None:
                return cls(None, data, infos)
            return cls(zipfile.ZipFile(io.BytesIO(data)), data)
        return cls(zipfile.ZipFile(path), b"")

    @property
    def archive(self) -> zipfile.ZipFile:
        """The archive as `zipfile` reads it (opened from `data` on first use)."""
        if self._archive is None:
            self._archive = zipfile.ZipFile(io.BytesIO(self.data))
        return self._archive

    def close(self) -> None:
        """Release the archive (the bytes stay with whoever holds them)."""
        if self._archive is not None:
            self._archive.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, part: str) -> bytes | None:
        """A part's bytes, or None when the package has no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        content = self._from_memory(info)
        # anything the fast path does not read cleanly: zipfile reads it or reports the damage
        return content if content is not None else self.archive.read(info.filename)

    def _from_memory(self, info: ZipEntry) -> bytes | None:
        """A part's bytes inflated from `data` (CRC and size checked), kept for
        `stored_copy` within KEPT_BYTES; None when they cannot be read that way."""
        content = self._inflated.get(info.filename)
        if content is not None:
            return content
        body = self.raw_body(info)
        if body is None:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            content = bytes(body)
        else:
            try:
                # output buffer sized as the directory says (bounded): no regrowing
                content = zlib.decompress(body, -zlib.MAX_WBITS,
                                          min(info.file_size, IN_MEMORY_BYTES))
            except ZlibError:
                return None
        if zlib.crc32(content) != info.CRC or len(content) != info.file_size:
            return None
        if self._inflated_bytes + len(content) <= KEPT_BYTES:
            self._inflated[info.filename] = content
            self._inflated_bytes += len(content)
        return content

    def stored_copy(self, parts: Iterable[str]) -> bytes | None:
        """The archive again with `parts` stored uncompressed, every other entry's
        stored bytes copied as they are: the same part names, contents and order.

        For a reader that would inflate those parts itself (calamine inflates a
        sheet twice: its values, then its merged cells), from the bytes this package
        inflated already. None (read the original) unless the directory was read by
        `plain_directory` and every part named reads cleanly from memory, together
        within KEPT_BYTES; a name the package lacks is passed over.
        """
        entries = [info for info in self.infos.values()
                   if isinstance(info, Entry) and info.body_start >= 0]
        if len(entries) != len(self.infos):
            return None
        stored: dict[str, bytes] = {}
        for part in parts:
            info = self.infos.get(part)
            if info is None:
                continue
            content = self._from_memory(info)
            if content is None:
                return None
            stored[part] = content
        if sum(map(len, stored.values())) > KEPT_BYTES:
            return None
        return _zip_archive(self._view, entries, stored)

    def identity(self, part: str) -> tuple[int, int, bytes] | None:
        """A value two parts share only when their contents are equal, cheaper than the
        contents: method, CRC and stored (compressed) bytes, which inflate one way only.
        Falls back to the contents themselves; None when there is no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        start = self.body_start(info)
        if start < 0:
            return (-1, 0, self.read(part) or b"")
        return (info.compress_type, info.CRC, self.data[start:start + info.compress_size])

    def identities(self, parts: Iterable[str]) -> tuple[object, ...]:
        """Each part's name and `identity` (a card has several parts to compare)."""
        return tuple((part, self.identity(part)) for part in parts)

    def raw_body(self, info: ZipEntry) -> memoryview | None:
        """A part's stored (compressed) bytes in memory; None to use `zipfile` instead."""
        start = self.body_start(info)
        return None if start < 0 else self._view[start:start + info.compress_size]

    def body_start(self, info: ZipEntry) -> int:
        """Where a part's stored bytes start in `data`; -1 to use `zipfile` instead."""
        if isinstance(info, Entry):  # found when the directory was read
            return info.body_start
        if not self.data:
            return -1
        return body_start(self.data, info.flag_bits, info.compress_type, info.header_offset,
                          info.compress_size)

    def bytes_io(self) -> io.BytesIO | None:
        """The whole file as a fresh in-memory stream (None for large files)."""
        return io.BytesIO(self.data) if self.data else None


# -- the package layout: relationships, workbook, sheets, content types ------------
#
# One reader of the package XML for everyone: regular expressions on the few
# elements that matter, namespace prefixes allowed. They never expand an entity,
# so an entity bomb cannot explode here even in a file the probe has not seen
# (the edit commands' inputs); a part that declares a DOCTYPE or entity (which
# OPC forbids) is refused with PackageError rather than read differently from
# how an XML parser would read it. Comments are dropped first.

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "[Content_Types].xml"
DEFAULT_WORKBOOK = "xl/workbook.xml"

_ATTR = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


def start_tag(element: str) -> re.Pattern[bytes]:
    """The start tag of an element, any namespace prefix; group 1 is its attributes."""
    return re.compile(rb"<(?:\w+:)?" + element.encode() + rb"\b([^>]*)>")


_RELATIONSHIP, _SHEET, _DEFAULT, _OVERRIDE = map(
    start_tag, ("Relationship", "sheet", "Default", "Override"))
# Whole elements, for removing one from a part's text.
_RELATIONSHIP_ELEMENT = re.compile(
    r"<(?:\w+:)?Relationship\b[^>]*?(?:/>|>\s*</(?:\w+:)?Relationship>)")
_OVERRIDE_ELEMENT = re.compile(r"<(?:\w+:)?Override\b[^>]*?(?:/>|>\s*</(?:\w+:)?Override>)")


class PackageError(ValueError):
    """A package part this module will not read or edit (a DTD, a root it cannot find)."""


class PartSource(Protocol):
    """Anything that gives a part's bytes by name: `Package`, or a package being edited."""

    def read(self, part: str) -> bytes | None: ...


class Relation(NamedTuple):
    """One relationship of a part: id, type (last URI segment) and resolved target.

    `target` is a package part name (no leading slash) unless `external`, when
    it is the URI as stored. A tuple: cheap to make, a card has dozens.
    """

    rid: str
    kind: str
    target: str
    external: bool = False


@dataclass
class SheetPart:
    """A sheet of the workbook: its name, rel id in workbook.xml, part name ("" when the
    id resolves to nothing), state and the relationships of its part."""

    name: str
    rid: str
    part: str
    state: str = "visible"
    relations: list[Relation] = field(default_factory=list)


@dataclass
class ContentTypes:
    """[Content_Types].xml: Default by extension (lower case), Override by part name."""

    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)  # "xl/workbook.xml" -> type

    def of(self, part: str) -> str | None:
        """The content type of a part: its override, else the default of its extension."""
        override = self.overrides.get(part.lstrip("/").lower())
        if override is not None:
            return override
        return self.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower())


def attributes(text: bytes) -> dict[str, str]:
    """An element's attributes, unescaped (a prefixed name keeps its prefix)."""
    out = {}
    for name, double, single in _ATTR.findall(text):
        value = (double or single).decode("utf-8")
        out[name.decode("ascii", "replace")] = unescape(value) if "&" in value else value
    return out


def xml_part(data: bytes, part: str = "") -> bytes:
    """A part's XML ready for the regular expressions: comments dropped, a DTD refused."""
    if b"<!" not in data:  # no comment, DOCTYPE, ENTITY (or CDATA): the usual case
        return data
    if b"<!--" in data:
        data = _COMMENT.sub(b"", data)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageError(f"{part or 'een onderdeel'} bevat een DOCTYPE- of ENTITY-declaratie")
    return data


def read_xml(package: PartSource, part: str) -> bytes | None:
    """A part's XML (see `xml_part`), or None when the package has no such part."""
    data = package.read(part)
    return None if data is None else xml_part(data, part)


def rels_name(part: str) -> str:
    """The relationships part of `part` (xl/worksheets/sheet1.xml -> …/_rels/sheet1.xml.rels;
    "" -> the package's own _rels/.rels)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _resolve(folder: str, target: str) -> str:
    """A stored Target as a part name: absolute from the package root ("/xl/…"), else
    relative to the folder of the part the relationship belongs to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def relative_target(source: str, target: str) -> str:
    """The Target to store for a relationship from part `source` to part `target`."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def parse_relations(part: str, rels_xml: bytes) -> list[Relation]:
    """The relationships XML of `part`, targets resolved to package part names."""
    folder = posixpath.dirname(part)
    out = []
    if b"<!" in rels_xml:
        rels_xml = xml_part(rels_xml, rels_name(part))
    for match in _RELATIONSHIP.finditer(rels_xml):
        attrs = attributes(match.group(1))
        target = attrs.get("Target", "")
        external = attrs.get("TargetMode") == "External"
        out.append(Relation(attrs.get("Id", ""), attrs.get("Type", "").rsplit("/", 1)[-1],
                            target if external else _resolve(folder, target), external))
    return out


def relations(package: PartSource, part: str) -> list[Relation]:
    """The relationships of `part` ("" = the package's own), [] when it has none."""
    data = package.read(rels_name(part))
    return [] if data is None else parse_relations(part, data)


def relationships_xml(part: str, rels: Iterable[Relation]) -> bytes:
    """A relationships part for `part` (internal targets stored relative to it).

    The kinds are officeDocument relationship types (worksheet, drawing, chart,
    hyperlink…): the only ones the edit commands write.
    """
    items = "".join(_relationship_element(part, rel) for rel in rels)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{NS_PKG_REL}">{items}</Relationships>'
    ).encode()


def _relationship_element(part: str, rel: Relation) -> str:
    target = rel.target if rel.external else relative_target(part, rel.target)
    mode = ' TargetMode="External"' if rel.external else ""
    return (f'<Relationship Id="{html.escape(rel.rid)}" Type="{NS_REL}/{rel.kind}" '
            f'Target="{html.escape(target)}"{mode}/>')


def add_relationship(rels_xml: str, part: str, kind: str, target: str) -> tuple[str, str]:
    """`rels_xml` (the relationships of `part`) with a new one to part `target`, and
    its id: the next free rIdN."""
    ids = (attributes(m.group(0).encode()).get("Id", "")
           for m in _RELATIONSHIP_ELEMENT.finditer(rels_xml))
    used = [int(i[3:]) for i in ids if i.startswith("rId") and i[3:].isdigit()]
    rid = f"rId{max(used, default=0) + 1}"
    entry = _relationship_element(part, Relation(rid, kind, target))
    return _append_child(rels_xml, "Relationships", entry, rels_name(part)), rid


def remove_relationship(rels_xml: str, rid: str) -> str:
    """`rels_xml` without the relationship `rid`."""
    return _RELATIONSHIP_ELEMENT.sub(
        lambda m: "" if attributes(m.group(0).encode()).get("Id") == rid else m.group(0),
        rels_xml)


def workbook_part(package: PartSource) -> str:
    """The workbook part named by the package's root relationships."""
    for rel in relations(package, ""):
        if rel.kind == "officeDocument":
            return rel.target
    return DEFAULT_WORKBOOK


def list_sheets(
    package: PartSource, wb_part: str | None = None, workbook_xml: bytes | None = None,
    workbook_relations: list[Relation] | None = None,
) -> list[SheetPart]:
    """Every sheet in workbook order, with its part and that part's relationships.

    `wb_part`, its `workbook_xml` (from `read_xml`) and its `workbook_relations` when the
    caller has them already.
    """
    wb_part = wb_part or workbook_part(package)
    if workbook_relations is None:
        workbook_relations = relations(package, wb_part)
    targets = {r.rid: r.target for r in workbook_relations}
    if workbook_xml is None:
        workbook_xml = read_xml(package, wb_part) or b""
    sheets = []
    for match in _SHEET.finditer(workbook_xml):
        attrs = attributes(match.group(1))
        rid = _relation_id(attrs)
        part = targets.get(rid, "")
        sheets.append(SheetPart(attrs.get("name", ""), rid, part, attrs.get("state", "visible"),
                                relations(package, part) if part else []))
    return sheets


def _relation_id(attrs: dict[str, str]) -> str:
    """The r:id of a sheet element, whatever prefix the relationships namespace has."""
    return next((v for k, v in attrs.items() if k.endswith(":id")), "")


def read_content_types(data: bytes) -> ContentTypes:
    """The Default and Override entries of a [Content_Types].xml."""
    data = xml_part(data, CONTENT_TYPES)
    types = ContentTypes()
    for match in _DEFAULT.finditer(data):
        attrs = attributes(match.group(1))
        types.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
    for match in _OVERRIDE.finditer(data):
        attrs = attributes(match.group(1))
        types.overrides[attrs.get("PartName", "").lstrip("/").lower()] = (
            attrs.get("ContentType", ""))
    return types


def add_override(content_types: str, part: str, content_type: str) -> str:
    """The content types with exactly one Override for `part`, of `content_type`.

    Part names compare case-insensitively (as OPC says); an existing entry of
    another type is replaced, one of the same type left as it is.
    """
    if read_content_types(content_types.encode("utf-8")).overrides.get(
            part.lstrip("/").lower()) == content_type:
        return content_types
    entry = (f'<Override PartName="/{html.escape(part)}" '
             f'ContentType="{html.escape(content_type)}"/>')
    return _append_child(remove_override(content_types, part), "Types", entry, CONTENT_TYPES)


def remove_override(content_types: str, part: str) -> str:
    """The content types without an Override for `part`."""
    wanted = part.lstrip("/").lower()

    def keep(match: re.Match[str]) -> str:
        name = attributes(match.group(0).encode()).get("PartName", "")
        return "" if name.lstrip("/").lower() == wanted else match.group(0)

    return _OVERRIDE_ELEMENT.sub(keep, content_types)


def _append_child(xml: str, root: str, entry: str, part: str) -> str:
    """Put `entry` last inside the unprefixed root element `root` (else refuse the part)."""
    closing = f"</{root}>"
    if closing not in xml:
        raise PackageError(f"{part} heeft een vorm die niet ondersteund wordt")
    head, _, tail = xml.rpartition(closing)
    return head + entry + closing + tail
