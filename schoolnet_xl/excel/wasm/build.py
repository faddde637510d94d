"""`schoolnet-xl addin build`: the add-in as static files whose Python runs in Excel.

The folder holds the manifest, the task pane and ribbon, Pyodide (from the npm
package, with micropip and packaging from PyPI and the lock file's hashes made to
match them), xlwings' pure-Python wheel and the project's own wheel, and a
region's vocabulary when given. It is made from a generated xlwings Server
project folder (see `render`), never from the source tree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.excel.licence import LICENCE_ENV, NONCOMMERCIAL
from schoolnet_xl.excel.open_card import ENV_CONFIG
from schoolnet_xl.excel.server import ADDIN_DIR, DEFAULTS
from schoolnet_xl.excel.wasm import cache, wheel

HERE = Path(__file__).parent
PYODIDE_DIR = f"static/vendor/pyodide/v{cache.PYODIDE_VERSION}/full"
WHEELS_DIR = "static/vendor/wheels"
REGION_FILE = ".schoolnet-region.toml"  # a dot-file: xlwings' hasher leaves it its name
# What the browser needs of the npm package (not the type stubs, maps and demo page).
PYODIDE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
                 "python_stdlib.zip", cache.LOCK_FILE, "package.json")


class BuildError(Exception):
    """The build cannot start or did not produce an add-in (the message says why)."""


@dataclass(frozen=True)
class Built:
    """What `build_addin` made."""

    folder: Path
    url: str
    size: int  # bytes in the folder


def build_addin(url: str, output: Path, *, config: Path | None = None, lang: Lang = "nl",
                cache_dir: Path | None = None, offline: bool = False) -> Built:
    """Build the add-in for `url` (https://host/path) into `output`, replacing an earlier
    build there; `offline` uses only the cache (CacheError when it lacks a file)."""
    base = _checked_url(url, lang)
    _refuse_foreign_folder(output, lang)
    folder = cache_dir or cache.default_cache()
    downloads = cache.Downloads.find(folder) if offline else cache.fill(folder)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".addin-", dir=output.parent) as work:
        project, dist = Path(work) / "project", Path(work) / "dist"
        build_id = _project(project, downloads, config, lang, base)
        _render(project, dist, base, build_id, lang)
        _finish(dist, base)
        _swap(dist, output)
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    return Built(output, base, size)


def _checked_url(url: str, lang: Lang) -> str:
    parts = urlparse(url)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise BuildError(say(
            f"'{url}' is geen https-adres. Excel laadt een invoegtoepassing alleen via HTTPS: "
            "geef het adres waar de map komt, bv. https://netwerkkaart.scholengroep.be/knop",
            f"'{url}' is not an https address. Excel loads an add-in over HTTPS only: give "
            "the address the folder will live at, e.g. https://networkcard.school.be/button",
            lang))
    return f"https://{parts.netloc}{parts.path.rstrip('/')}"


def _refuse_foreign_folder(output: Path, lang: Lang) -> None:
    """Only an empty folder or an earlier build (with its manifest) is replaced."""
    if output.exists() and (not output.is_dir() or (
            any(output.iterdir()) and not (output / "manifest.xml").is_file())):
        raise BuildError(say(
            f"{output} bestaat al en is geen eerder gebouwde invoegtoepassing; kies een "
            "lege of nieuwe map.",
            f"{output} exists and is no earlier add-in build; choose an empty or new folder.",
            lang))


def _project(project: Path, downloads: cache.Downloads, config: Path | None, lang: Lang,
             url: str) -> str:
    """Fill the generated project folder; return the build's tag (a hash of its inputs)."""
    shutil.copytree(ADDIN_DIR, project, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(HERE / "static", project / "static", dirs_exist_ok=True)
    wheels = project / WHEELS_DIR
    wheels.mkdir(parents=True)
    ours = wheel.write_wheel(wheels)
    shutil.copy2(downloads.xlwings_wheel, wheels)
    _pyodide(project / PYODIDE_DIR, downloads)
    wasm = project / "wasm"
    wasm.mkdir()
    import xlwings_server  # lazy: only the build needs xlwings Server's files

    for name in ("config.py", "wasm_runtime.py"):  # missing from xlwings' own file list
        shutil.copy2(Path(xlwings_server.__file__).parent / "wasm" / name, wasm)
    (wasm / "requirements.txt").write_text(
        f"/{WHEELS_DIR}/{downloads.xlwings_wheel.name}\n/{WHEELS_DIR}/{ours.name}\n")
    settings: dict[str, str] = {"SCHOOLNET_XL_LANG": lang}
    region = config.read_bytes() if config is not None else b""
    if config is not None:
        (wasm / REGION_FILE).write_bytes(region)
        settings[ENV_CONFIG] = REGION_FILE
    (wasm / ".env").write_text("".join(f"{k}={v}\n" for k, v in settings.items()))
    digest = hashlib.sha256()
    for part in (ours.read_bytes(), downloads.xlwings_wheel.name.encode(), url.encode(),
                 region, lang.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:8]


def _pyodide(target: Path, downloads: cache.Downloads) -> None:
    """Pyodide's runtime from the npm package, micropip and packaging from PyPI, and the
    lock file's entries for those two made to name their bytes (a browser checks)."""
    target.mkdir(parents=True)
    with tarfile.open(downloads.pyodide_tgz) as archive:
        for name in PYODIDE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise BuildError(f"{downloads.pyodide_tgz}: package/{name} ontbreekt")
            (target / name).write_bytes(member.read())
    lock = json.loads((target / cache.LOCK_FILE).read_text(encoding="utf-8"))
    for name, path in downloads.lock_wheels.items():
        shutil.copy2(path, target / path.name)
        lock["packages"][name]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (target / cache.LOCK_FILE).write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")


def _render(project: Path, dist: Path, url: str, build_id: str, lang: Lang) -> None:
    """xlwings Server's Wasm build of `project` into `dist`, in its own process."""
    app_path = urlparse(url).path
    env = {**os.environ, **DEFAULTS, "XLWINGS_PROJECT_DIR": str(project),
           "XLWINGS_ENABLE_WASM": "true", "XLWINGS_ENABLE_SOCKETIO": "false",
           "XLWINGS_APP_PATH": app_path, "XLWINGS_STATIC_URL_PATH": f"{app_path}/static",
           "XLWINGS_PYODIDE_BASE_URL": f"{app_path}/static/vendor/pyodide",
           "XLWINGS_ENVIRONMENT": "prod", "XLWINGS_HOSTNAME": urlparse(url).netloc}
    env.setdefault(LICENCE_ENV, NONCOMMERCIAL)
    done = subprocess.run([sys.executable, "-m", "schoolnet_xl.excel.wasm.render", url,
                           str(dist), build_id], cwd=project, env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    if done.returncode != 0 or not (dist / "manifest.xml").is_file():
        detail = " ".join(done.stderr.strip().splitlines()[-2:])
        raise BuildError(say(f"xlwings Server bouwde geen invoegtoepassing. {detail}",
                             f"xlwings Server built no add-in. {detail}", lang))


def _finish(dist: Path, url: str) -> None:
    """Our own landing page (xlwings writes one with the build time), `.nojekyll`, no xlwings
    examples, the wheels by their full address (micropip refuses a bare path) and the
    file list in a stable order, by the paths the task pane asks for."""
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    (dist / ".nojekyll").write_text("")  # GitHub Pages: serve the dot-files (wasm/.env)
    for example in ("custom_functions/examples.py", "custom_scripts/examples.py"):
        (dist / example).unlink(missing_ok=True)
    for listing in (dist / "xlwings").glob("pyodide*.json"):
        data = json.loads(listing.read_text(encoding="utf-8"))
        data["packages"] = [f"{url}/{WHEELS_DIR}/{package.rsplit('/', 1)[-1]}"
                            for package in data["packages"]]
        # the task pane fetches appPath + key: the keys must not hold the app path again
        app_path = urlparse(url).path
        data["files"] = {key.removeprefix(app_path): value
                         for key, value in sorted(data["files"].items())}
        listing.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _swap(dist: Path, output: Path) -> None:
    """Put the new build at `output`; an earlier build there goes only once it is in."""
    old = output.with_name(f".{output.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.replace(output, old)
    os.replace(dist, output)
    if old.exists():
        shutil.rmtree(old)


INDEX = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Netwerkkaart</title></head>
<body><h1>Netwerkkaart-invoegtoepassing</h1>
<p>Deze map is de invoegtoepassing Netwerkkaart voor Excel. Voeg <a href="manifest.xml">
manifest.xml</a> toe in het Microsoft 365-beheercentrum (Geïntegreerde apps).
De controle draait in Excel zelf: de kaart verlaat de pc niet.</p></body></html>
"""
