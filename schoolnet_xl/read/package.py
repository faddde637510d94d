"""A zip package (xlsx, xlsm, ods) opened once: its directory and its parts.

The probe, the package-XML reader and calamine all work from the same bytes,
so a card file is read from disk once. Parts are inflated straight from those
bytes (local header checked, CRC verified); anything unusual (encryption,
another compression method, a header that does not add up) goes through
`zipfile`, which raises the usual errors for a damaged archive.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

IN_MEMORY_BYTES = 16 * 1024 * 1024  # archives up to this size are read once into memory
LOCAL_HEADER = struct.Struct("<4s22xHH")  # magic, …, file name length, extra length
ZIP_MAGIC = b"PK\x03\x04"


def read_small(path: str | Path) -> bytes | None:
    """The whole file when it is small enough to keep in memory, else None."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > IN_MEMORY_BYTES:
            return None
        return handle.read()


class Package:
    """An open zip archive: `infos` by part name, `read(part)` for a part's bytes.

    `data` holds the whole file for archives up to IN_MEMORY_BYTES (else b"",
    and parts are read through the file).
    """

    def __init__(self, archive: zipfile.ZipFile, data: bytes) -> None:
        self.archive = archive
        self.data = data
        self.infos = {info.filename: info for info in archive.infolist()}

    @classmethod
    def open(cls, path: str | Path, data: bytes | None = None) -> Package:
        """Open a file (or its bytes already read); raises zipfile/OS errors."""
        if data is None:
            data = read_small(path)
        if data:
            return cls(zipfile.ZipFile(io.BytesIO(data)), data)
        return cls(zipfile.ZipFile(path), b"")

    def close(self) -> None:
        """Release the archive (the bytes stay with whoever holds them)."""
        self.archive.close()

    def read(self, part: str) -> bytes | None:
        """A part's bytes, or None when the package has no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        body = self.raw_body(info)
        if body is None:
            return self.archive.read(info)
        if info.compress_type == zipfile.ZIP_STORED:
            content = bytes(body)
        else:
            try:
                content = zlib.decompress(body, -zlib.MAX_WBITS)
            except zlib.error:
                return self.archive.read(info)  # let zipfile report the damage
        if zlib.crc32(content) != info.CRC or len(content) != info.file_size:
            return self.archive.read(info)
        return content

    def identity(self, part: str) -> tuple[int, int, bytes] | None:
        """A value two parts share only when their contents are equal, cheaper than the
        contents: method, CRC and stored (compressed) bytes, which inflate one way only.
        Falls back to the contents themselves; None when there is no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        body = self.raw_body(info)
        if body is None:
            return (-1, 0, self.read(part) or b"")
        return (info.compress_type, info.CRC, bytes(body))

    def raw_body(self, info: zipfile.ZipInfo) -> memoryview | None:
        """A part's stored (compressed) bytes in memory; None to use `zipfile` instead."""
        if (not self.data or info.flag_bits & 1
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
            return None
        offset = info.header_offset
        header = self.data[offset:offset + LOCAL_HEADER.size]
        if len(header) < LOCAL_HEADER.size:
            return None
        magic, name_length, extra_length = LOCAL_HEADER.unpack(header)
        if magic != ZIP_MAGIC:
            return None
        start = offset + LOCAL_HEADER.size + name_length + extra_length
        body = memoryview(self.data)[start:start + info.compress_size]
        return body if len(body) == info.compress_size else None

    def bytes_io(self) -> io.BytesIO | None:
        """The whole file as a fresh in-memory stream (None for large files)."""
        return io.BytesIO(self.data) if self.data else None
