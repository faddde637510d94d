"""Run LibreOffice Calc headless, the real spreadsheet engine of the tests.

One fresh profile per call, forced recalculation on load, its own process
group with a timeout, and a missing output file treated as failure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

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


def _missing(required: str, absent: str) -> NoReturn:
    """Fail under scripts/test (SCHOOLNET_XL_REQUIRE_LIBREOFFICE=1), else skip."""
    if os.environ.get("SCHOOLNET_XL_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(required)
    pytest.skip(absent)


def require_soffice() -> str:
    """The soffice binary; skip the test when absent, fail under scripts/test."""
    binary = soffice()
    if binary is None:
        _missing("LibreOffice is required under scripts/test but soffice is missing",
                 "LibreOffice (soffice) not installed")
    return binary


def convert(source: Path, fmt: str, outdir: Path, timeout: float = 180) -> Path:
    """Convert (and so recalculate) `source` into `outdir` as `fmt`; return the new file.

    `outdir` must not be the source's folder (LibreOffice would overwrite a
    same-named file there).
    """
    return convert_many([source], fmt, outdir, timeout)[0]


def recalculate(source: Path, outdir: Path) -> Path:
    """A copy of an xlsx recalculated by LibreOffice (formulas computed anew)."""
    return convert(source, "xlsx", outdir)


# ---------------------------------------------------------------------------
# Rendering workbooks the way Excel users see them, and checking the pages.
#
# The workbooks use Calibri; LibreOffice renders them with Carlito (metric-compatible,
# Debian's fonts-crosextra-carlito, installed by scripts/test), so widths and page
# breaks come out as in Excel. Text widths are measured with the same font files.

CARLITO_DIR = Path("/usr/share/fonts/truetype/crosextra")
MM = 72 / 25.4  # points per millimetre


def carlito() -> Path | None:
    """The folder of the Carlito fonts, or None when they are not installed."""
    return CARLITO_DIR if (CARLITO_DIR / "Carlito-Regular.ttf").is_file() else None


def require_carlito() -> Path:
    """The folder of the Carlito fonts; skip the test when absent, fail under scripts/test."""
    folder = carlito()
    if folder is None:
        _missing("Carlito (fonts-crosextra-carlito) is required under scripts/test",
                 "Carlito (fonts-crosextra-carlito) not installed")
    return folder


def convert_many(sources: list[Path], fmt: str, outdir: Path, timeout: float = 300) -> list[Path]:
    """Convert several files in one LibreOffice run (one start-up, a few seconds in all):
    a fresh profile that recalculates on load, its own process group killed on timeout, and
    a missing output file counted as a failure (LibreOffice can fail without saying so)."""
    binary = soffice()
    if binary is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed")
    sources = [Path(s).resolve() for s in sources]
    outdir = Path(outdir).resolve()
    if any(outdir == s.parent for s in sources):
        raise LibreOfficeError("refusing to convert into a source folder")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, "utf-8")
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        cmd = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", FILTERS.get(fmt, fmt), "--outdir", str(outdir),
               *map(str, sources)]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice timed out after {timeout}s on {sources}") from None
    results = [outdir / f"{s.stem}.{fmt}" for s in sources]
    missing = [r for r in results if not r.exists()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError(
            f"LibreOffice wrote no {fmt} for {missing} (exit {proc.returncode}): "
            f"{out.decode(errors='replace')} {err.decode(errors='replace')}")
    return results


@dataclass(frozen=True)
class Word:
    """One word of a PDF page and its box, in points from the page's top left."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    """One printed page: its number (1-based), size in points, words, and the sheet."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    sheet: str | None

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def band(self, top: float, bottom: float) -> str:
        """The words between two heights (fractions of the page), in reading order."""
        return " ".join(w.text for w in self.words
                        if top * self.height <= w.y_min and w.y_max <= bottom * self.height)


def pdf_pages(pdf: Path, sheets: list[str]) -> list[Page]:
    """Every page of `pdf` with its words (`pdftotext -bbox-layout`); a page's sheet is
    the longest of `sheets` named in its header or footer band (top or bottom 9 %)."""
    import xml.etree.ElementTree as ET

    run = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         check=True)
    root = ET.fromstring(run.stdout)
    pages = []
    for number, element in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        words = tuple(
            Word(w.text or "", float(w.get("xMin", 0)), float(w.get("yMin", 0)),
                 float(w.get("xMax", 0)), float(w.get("yMax", 0)))
            for w in element.iter("{http://www.w3.org/1999/xhtml}word"))
        page = Page(number, float(element.get("width", 0)), float(element.get("height", 0)),
                    words, None)
        margins = f"{page.band(0, 0.09)} | {page.band(0.91, 1.0)}"
        named = [name for name in sheets  # a whole word: not "Scholen" in "Scholengemeenschap"
                 if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", margins)]
        pages.append(Page(page.number, page.width, page.height, words,
                          max(named, key=len) if named else None))
    return pages


def ruled_lines(pdf: Path, page: int) -> list[float]:
    """Heights (points from the top) of the horizontal lines ruled across at least half
    the width of a page: each table row border, as pdftoppm draws it at 72 dpi."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="ruled_") as folder:
        stem = Path(folder, "page")
        subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", "-singlefile",
                        "-f", str(page), "-l", str(page), str(pdf), str(stem)], check=True)
        image = Image.open(f"{stem}.png").convert("L")
        image.load()
    width, height = image.size
    data = image.tobytes()
    rows: list[int] = []
    for y in range(height):
        dark = bytes(b < 200 for b in data[y * width:(y + 1) * width])
        if max(map(len, dark.split(b"\x00")), default=0) >= width // 2:
            rows.append(y)
    lines: list[float] = []
    for y in rows:  # neighbouring pixel rows are one line
        if not lines or y - lines[-1] > 1.5:
            lines.append(float(y))
    return lines


# -- text against its cell, measured with the font ---------------------------

LINE_POINTS = 15.0  # one line of 11 pt text, as Excel lays it out
_DIGIT_PX = 7  # Excel's maximum digit width of Calibri 11 at 96 dpi: column widths count it


class Metrics:
    """Text widths in Excel's column-width unit (widths of the digit '0' of Calibri
    11), measured with Carlito's own glyphs."""

    def __init__(self, folder: Path) -> None:
        from PIL import ImageFont

        self._fonts = {
            (bold, italic): ImageFont.truetype(
                str(folder / f"Carlito-{_style(bold, italic)}.ttf"), 200)
            for bold in (False, True) for italic in (False, True)}
        self._zero = self._fonts[False, False].getlength("0")

    def width(self, text: str, size: float = 11, bold: bool = False,
              italic: bool = False) -> float:
        """Width of one line of `text` in '0' widths of 11 pt text."""
        return self._fonts[bold, italic].getlength(text) / self._zero * size / 11

    def lines(self, text: str, room: float, size: float = 11, bold: bool = False,
              italic: bool = False) -> int:
        """Lines `text` wraps into in a cell `room` '0' widths wide: breaks at spaces
        (LibreOffice does not break a path after its hyphens), a word wider than a line
        broken between its letters."""
        space = self.width(" ", size, bold, italic)
        total = 0
        for paragraph in text.split("\n"):
            total += 1
            used = 0.0
            for word in paragraph.split(" "):
                gap = space if used else 0.0
                for piece in self._pieces(word, room, size, bold, italic):
                    piece_width = self.width(piece, size, bold, italic)
                    if used and used + gap + piece_width > room:
                        total += 1
                        used = piece_width
                    else:
                        used += gap + piece_width
                    gap = 0.0
        return total

    def _pieces(self, token: str, room: float, size: float, bold: bool,
                italic: bool) -> list[str]:
        if self.width(token, size, bold, italic) <= room:
            return [token]
        pieces, current = [], ""
        for char in token:
            if current and self.width(current + char, size, bold, italic) > room:
                pieces.append(current)
                current = ""
            current += char
        return [*pieces, current] if current else pieces


def _column_widths(sheet: Any) -> dict[int, float]:
    """1-based column -> the width stored for it (Excel's unit: '0' widths + padding)."""
    widths: dict[int, float] = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.min is None:
            continue
        for column in range(dimension.min, (dimension.max or dimension.min) + 1):
            widths[column] = 0.0 if dimension.hidden else (dimension.width or 0.0)
    return widths


def _room(widths: dict[int, float], first: int, last: int) -> float:
    """Room for text in columns first..last, in '0' widths: each column's pixels
    (its width x 7) less Excel's 5 pixels of padding; an unset column is 64 pixels."""
    pixels = sum(round(widths[c] * _DIGIT_PX) if widths.get(c) else 64
                 for c in range(first, last + 1))
    return (pixels - 5) / _DIGIT_PX


def _shown(value: object, number_format: str) -> str | None:
    """The text a cell shows (None: nothing to measure)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)):
        if "%" in number_format:
            return f"{value:.0%}"
        return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
    return "00/00/0000"  # dates and times: dd/mm/yyyy


def layout_problems(path: Path, metrics: Metrics,
                    sheets: list[str] | None = None) -> dict[str, list[str]]:
    """Per visible sheet, every cell whose text does not fit the way it is shown:

    - text that does not wrap is wider than its column (or merged cells), unless it is
      the last text of its row, left-aligned, and runs into empty cells only (a title);
      a number always fits (Excel shows ### otherwise);
    - wrapped text needs more lines than its row is high (clipped);
    - upright (rotated) text is longer than its row is high;
    - a row with text is more than one line taller than its tallest text.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(path, data_only=True)
    problems: dict[str, list[str]] = {}
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible" or (sheets is not None and sheet.title not in sheets):
            continue
        found: list[str] = problems.setdefault(sheet.title, [])
        widths = _column_widths(sheet)
        default_height = sheet.sheet_format.defaultRowHeight or LINE_POINTS
        merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
        inside = {(row, col) for r in sheet.merged_cells.ranges
                  for row in range(r.min_row, r.max_row + 1)
                  for col in range(r.min_col, r.max_col + 1)} - set(merged)
        for row in sheet.iter_rows():
            filled = [c.column for c in row if _shown(c.value, c.number_format)]
            if not filled:
                continue
            number = row[0].row
            height = sheet.row_dimensions[number].height or default_height
            needed_row = 0.0
            for cell in row:
                text = _shown(cell.value, cell.number_format)
                if text is None or (number, cell.column) in inside:
                    continue
                span = merged.get((number, cell.column))
                last_col = span.max_col if span else cell.column
                cell_height = height if span is None else sum(
                    sheet.row_dimensions[r].height or default_height
                    for r in range(span.min_row, span.max_row + 1))
                font, align = cell.font, cell.alignment
                size, bold, italic = float(font.sz or 11), bool(font.b), bool(font.i)
                room = _room(widths, cell.column, last_col) - 3 * (align.indent or 0)
                line = LINE_POINTS * size / 11
                where = f"{get_column_letter(cell.column)}{number} {text[:40]!r}"
                if align.textRotation in (90, 180, 255) or (align.textRotation or 0) > 0:
                    points = metrics.width(text, size, bold, italic) * _DIGIT_PX * 0.75 + 4
                    needed_row = max(needed_row, points)
                    if points > cell_height + 1:
                        found.append(f"{where}: upright text {points:.0f} pt in a row of "
                                     f"{cell_height:.0f} pt")
                    continue
                if align.wrap_text:
                    lines = metrics.lines(text, room, size, bold, italic)
                    needed = lines * line
                    needed_row = max(needed_row, needed if span is None else line)
                    if needed > cell_height + 2:
                        found.append(f"{where}: {lines} lines ({needed:.0f} pt) in a row of "
                                     f"{cell_height:.0f} pt")
                    continue
                needed_row = max(needed_row, line)
                wide = metrics.width(text.split("\n")[0], size, bold, italic)
                if wide <= room + 0.05:
                    continue
                runs_free = (not isinstance(cell.value, (int, float))
                             and cell.column == max(filled)
                             and (align.horizontal in (None, "general", "left")))
                if not runs_free:
                    found.append(f"{where}: {wide:.1f} wide in {room:.1f}")
            if needed_row and height > needed_row + LINE_POINTS + 1:
                found.append(f"row {number}: {height:.0f} pt high for {needed_row:.0f} pt of "
                             "text")
    return problems


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "BoldItalic"}[bold, italic]
