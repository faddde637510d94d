"""Installing prints no deprecation banner: the licence is an SPDX string (PEP 639), which
setuptools >= 77 reads without its "project.license as a TOML table is deprecated" warning."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))


def test_the_licence_is_an_spdx_string_and_setuptools_new_enough_to_read_it() -> None:
    assert isinstance(PYPROJECT["project"]["license"], str)
    assert not any(c.startswith("License ::") for c in PYPROJECT["project"].get(
        "classifiers", []))  # a licence classifier beside it is deprecated too
    [setuptools] = [r for r in PYPROJECT["build-system"]["requires"]
                    if r.startswith("setuptools")]
    minimum = re.fullmatch(r"setuptools>=(\d+)(\.\d+)*", setuptools)
    assert minimum is not None and int(minimum[1]) >= 77


def test_the_excel_extra_holds_what_serve_needs() -> None:
    extra = " ".join(PYPROJECT["project"]["optional-dependencies"]["excel"])
    assert all(name in extra for name in ("xlwings", "xlwings-server", "uvicorn"))
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert "pip install '.[excel]'" in readme
