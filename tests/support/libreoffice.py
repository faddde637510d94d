"""Run LibreOffice Calc headless, the real spreadsheet engine of the tests.

One fresh profile per call, forced recalculation on load, its own process
group with a timeout, and a missing output file treated as failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "ods": "ods",
    "xls": "xls:MS Excel 97",
    "pdf": "pdf:calc_pdf_Export",
    "csv": "csv",
}


class LibreOfficeError(RuntimeError):
    """LibreOffice failed, timed out or wrote no output."""


def soffice() -> str | None:
    """Path of the soffice binary, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, fmt: str, outdir: Path, timeout: float = 180) -> Path:
    """Convert (and so recalculate) `source` into `outdir` as `fmt`; return the new file.

    `outdir` must not be the source's folder (LibreOffice would overwrite a
    same-named file there).
    """
    binary = soffice()
    if binary is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed")
    source, outdir = Path(source).resolve(), Path(outdir).resolve()
    if outdir == source.parent:
        raise LibreOfficeError("refusing to convert into the source folder")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, "utf-8")
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        cmd = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", FILTERS.get(fmt, fmt),
            "--outdir", str(outdir),
            str(source),
        ]
        proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice timed out after {timeout}s on {source}") from None
    result = outdir / f"{source.stem}.{fmt}"
    if proc.returncode != 0 or not result.exists():
        raise LibreOfficeError(
            f"LibreOffice wrote no {fmt} for {source} (exit {proc.returncode}): "
            f"{out.decode(errors='replace')} {err.decode(errors='replace')}"
        )
    return result


def recalculate(source: Path, outdir: Path) -> Path:
    """A copy of an xlsx recalculated by LibreOffice (formulas computed anew)."""
    return convert(source, "xlsx", outdir)
