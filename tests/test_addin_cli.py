"""`schoolnet-xl addin build` refuses what it cannot build, with exit 2 and one sentence,
before it downloads or writes anything (real CLI processes, an empty cache folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))


def build(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    if lang:
        env["SCHOOLNET_XL_LANG"] = lang
    return subprocess.run([CLI, "addin", "build", *args], capture_output=True, text=True,
                          env=env, timeout=60, check=False)


def test_a_plain_http_address_is_refused(tmp_path: Path) -> None:
    done = build("--url", "http://netwerkkaart.school.be/knop", "-o", str(tmp_path / "dist"),
                 "--cache", str(tmp_path / "cache"))
    assert done.returncode == 2
    assert done.stderr.startswith("Fout: 'http://netwerkkaart.school.be/knop' is geen "
                                  "https-adres. Excel laadt een invoegtoepassing alleen via "
                                  "HTTPS")
    assert not (tmp_path / "dist").exists() and not (tmp_path / "cache").exists()


def test_offline_with_an_empty_cache_names_the_missing_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for lang, words in (("nl", "ontbreekt in de cache. Zonder --offline haalt de build het "
                               "op bij npm en PyPI."),
                        ("en", "is not in the cache. Without --offline the build fetches it "
                               "from npm and PyPI.")):
        done = build("--url", "https://netwerkkaart.school.be/knop", "-o",
                     str(tmp_path / "dist"), "--offline", "--cache", str(cache), lang=lang)
        assert done.returncode == 2
        assert f"{cache / 'pyodide-0.27.5.tgz'} {words}" in done.stderr
    assert not (tmp_path / "dist").exists()


def test_a_folder_that_is_no_earlier_build_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "documenten"
    folder.mkdir()
    (folder / "verslag.docx").write_bytes(b"mine")
    done = build("--url", "https://netwerkkaart.school.be/knop", "-o", str(folder),
                 "--offline", "--cache", str(tmp_path / "cache"))
    assert done.returncode == 2
    assert "bestaat al en is geen eerder gebouwde invoegtoepassing" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["verslag.docx"]
