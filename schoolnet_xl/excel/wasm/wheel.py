"""The installed project as a pure-Python wheel, for Pyodide's micropip.

Built from the installed package and its installed metadata (works for an
editable install and for one from PyPI alike), with fixed timestamps and sorted
entries, so the same installation gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "schoolnet-xl"
PACKAGE = Path(__file__).resolve().parents[2]  # schoolnet_xl/
EPOCH = (1980, 1, 1, 0, 0, 0)
WHEEL_FILE = ("Wheel-Version: 1.0\nGenerator: schoolnet-xl\nRoot-Is-Purelib: true\n"
              "Tag: py3-none-any\n")


def wheel_name() -> str:
    """`schoolnet_xl-<version>-py3-none-any.whl`."""
    return f"schoolnet_xl-{metadata.version(DISTRIBUTION)}-py3-none-any.whl"


def package_files() -> list[Path]:
    """The package's files that go into the wheel (no caches, no compiled files)."""
    return sorted(path for path in PACKAGE.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts
                  and path.suffix not in (".pyc", ".pyo"))


def write_wheel(folder: Path) -> Path:
    """Write the wheel into `folder`; return its path."""
    version = metadata.version(DISTRIBUTION)
    info = f"schoolnet_xl-{version}.dist-info"
    entries = [(f"{PACKAGE.name}/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
               for path in package_files()]
    entries += [(f"{info}/METADATA", metadata_text().encode()),
                (f"{info}/WHEEL", WHEEL_FILE.encode())]
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in entries]
    entries.append((f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()))
    target = folder / wheel_name()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            item = zipfile.ZipInfo(name, EPOCH)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return target


def metadata_text() -> str:
    """Core metadata of the installed distribution: name, version and its requirements
    with their markers (micropip installs the ones whose marker holds in Pyodide)."""
    found = metadata.metadata(DISTRIBUTION)
    lines = ["Metadata-Version: 2.1", f"Name: {found['Name']}", f"Version: {found['Version']}",
             f"Summary: {found['Summary']}", f"Requires-Python: {found['Requires-Python']}",
             *(f"Requires-Dist: {req}" for req in metadata.requires(DISTRIBUTION) or [])]
    return "\n".join(lines) + "\n"


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
