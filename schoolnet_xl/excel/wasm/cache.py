"""What the add-in build takes from pip and npm, kept in a cache folder outside the project.

`fill` downloads once through the registries' own clients (`npm pack` of the
`pyodide` package, `pip download` of the pure-Python wheels of xlwings,
micropip and packaging); `Downloads.find` reads the cache and never touches the
network, so a build with `--offline` uses only what is already there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from schoolnet_xl.core.files import cache_folder
from schoolnet_xl.core.lang import Lang, say

PYODIDE_VERSION = "0.27.5"  # the version xlwings Server 1.20's task pane loads
LOCK_FILE = "pyodide-lock.json"
# micropip and its one dependency: the task pane loads micropip to install our wheels.
LOCK_WHEELS = ("micropip", "packaging")
ENV_CACHE = "SCHOOLNET_XL_ADDIN_CACHE"


class CacheError(Exception):
    """A download that failed or a cache that lacks a file, said in both languages."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl)
        self.nl, self.en = nl, en

    def text(self, lang: Lang) -> str:
        """The message in `lang`."""
        return say(self.nl, self.en, lang)


def default_cache() -> Path:
    """SCHOOLNET_XL_ADDIN_CACHE, else ~/.cache/schoolnet-xl/addin (XDG_CACHE_HOME honoured)."""
    return cache_folder("addin", ENV_CACHE)


@dataclass(frozen=True)
class Downloads:
    """The cached files one build uses."""

    pyodide_tgz: Path
    xlwings_wheel: Path
    lock_wheels: dict[str, Path]  # micropip, packaging: the versions pyodide's lock names

    @classmethod
    def find(cls, cache: Path) -> Downloads:
        """The cached files, or CacheError naming the first one missing."""
        tgz = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
        _need(tgz)
        lock = lock_file(tgz)
        wheels = {name: cache / "wheels" / lock["packages"][name]["file_name"]
                  for name in LOCK_WHEELS}
        xlwings = cache / "wheels" / f"xlwings-{metadata.version('xlwings')}-py3-none-any.whl"
        for path in (*wheels.values(), xlwings):
            _need(path)
        return cls(tgz, xlwings, wheels)


def fill(cache: Path) -> Downloads:
    """Download what is missing from the cache (npm, then pip), return the cached files."""
    cache.mkdir(parents=True, exist_ok=True)
    tgz = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        _run([_tool("npm"), "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination",
              str(cache), "--silent"])
    lock = lock_file(tgz)
    wanted = [f"xlwings=={metadata.version('xlwings')}",
              *(f"{name}=={lock['packages'][name]['version']}" for name in LOCK_WHEELS)]
    try:
        return Downloads.find(cache)
    except CacheError:
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
              "--only-binary=:all:", "--platform", "any", "--implementation", "py",
              "--abi", "none", "--python-version", lock["info"]["python"].rsplit(".", 1)[0],
              "--dest", str(cache / "wheels"), *wanted])
    return Downloads.find(cache)


def lock_file(tgz: Path) -> dict:
    """The pyodide-lock.json inside the npm package."""
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(f"package/{LOCK_FILE}")
        if member is None:
            raise CacheError(f"{tgz}: {LOCK_FILE} ontbreekt in het npm-pakket",
                             f"{tgz}: the npm package lacks {LOCK_FILE}")
        return json.loads(member.read())


def _need(path: Path) -> None:
    if not path.is_file():
        raise CacheError(f"{path} ontbreekt in de cache", f"{path} is not in the cache")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CacheError(f"{name} is niet geïnstalleerd (nodig om Pyodide te downloaden)",
                         f"{name} is not installed (needed to download Pyodide)")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        said = " ".join(detail)
        raise CacheError(f"'{' '.join(command[:3])} …' mislukte: {said}",
                         f"'{' '.join(command[:3])} …' failed: {said}")
