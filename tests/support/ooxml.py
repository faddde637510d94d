"""The shared Open XML tools: the SDK validator (sdkval) and the package lint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SDK = Path.home() / ".cache" / "ooxml-sdk"
TOOLS = Path("/work/shared/tools/ooxml")
SDK_PYTHON = SDK / "vn" / "bin" / "python"


def sdkval(*files: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """The Open XML SDK validator run on `files` (SDK_PYTHON must exist)."""
    return subprocess.run([str(SDK_PYTHON), str(TOOLS / "sdkval.py"), *map(str, files)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "SDK_DIR": str(SDK)}, check=False)


def lint(file: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """The package lint run on `file`."""
    return subprocess.run([sys.executable, str(TOOLS / "lint.py"), str(file)],
                          capture_output=True, text=True, timeout=timeout, check=False)


def assert_valid_and_lint_clean(file: Path) -> None:
    """The validator (when the SDK is installed) and the lint both pass `file`."""
    if SDK_PYTHON.exists():
        check = sdkval(file)
        assert check.returncode == 0, check.stdout + check.stderr
    done = lint(file)
    assert done.returncode == 0, done.stdout + done.stderr
