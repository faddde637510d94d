"""`summary`: regenerate a card's Overzicht, Validatie and Netwerk sheets from its grid.

The three sheets (Netwerk: the drawn network map as an image) are written fresh
(XlsxWriter, the template's own Overzicht writer, so there is one definition)
into a scratch workbook, then put into
the card's package part by part: every other part is copied byte for byte.
The guard verifies the result before the card is replaced.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from schoolnet_xl.core.contract import SHEET_OVERVIEW, SHEET_VALIDATION
from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import Card
from schoolnet_xl.core.overview import Overview, compute_overview
from schoolnet_xl.core.sheet_words import page_footer
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from schoolnet_xl.draw.model import network_map_from_card
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.guard import GuardedWrite, Outcome, refuse_unwritable, run_guarded
from schoolnet_xl.edit.rewrite import kept_kinds, without_sheets
from schoolnet_xl.edit.sheets import card_vocabulary, same_values, sheet_order
from schoolnet_xl.edit.styles import StyleMergeError, styles_kept
from schoolnet_xl.edit.transplant import TransplantError, transplant
from schoolnet_xl.report.validation_sheet import write_validation_sheet
from schoolnet_xl.template.overview_sheet import write_overview_sheet
from schoolnet_xl.template.styles import make_styles
from schoolnet_xl.validate.check import check_file

SHEET_NETWORK = "Netwerk"
OWNED = (SHEET_OVERVIEW, SHEET_VALIDATION, SHEET_NETWORK)
OWN_KINDS = frozenset({"chart", "image"})  # our Overzicht chart and Netwerk map are rebuilt
# "parts": only the owned parts replaced; "openpyxl": the fallback load+save route.
Route = Literal["parts", "openpyxl"]


@dataclass
class SummaryResult:
    """What `summary` wrote: the overview, the findings, and where it went."""

    overview: Overview
    findings: list[Finding]
    outcome: Outcome
    route: Route = "parts"


def summarize(
    path: Path,
    vocabulary: Vocabulary | None = None,
    *,
    output: Path | None = None,
    force: bool = False,
    backup: bool = True,
    lang: Lang = "nl",
    before_verify: Callable[[Path], None] | None = None,
) -> SummaryResult:
    """Rewrite Overzicht, Validatie and Netwerk of the template card at `path`.

    `vocabulary` None = the one stored in the card (else the default).
    """
    if not path.is_file():
        raise GuardError(say(f"{path}: bestand niet gevonden", f"{path}: file not found", lang),
                         exit_code=2)
    refuse_unwritable(path, "summary", lang)
    vocabulary = vocabulary or card_vocabulary(path) or default_vocabulary()
    report = check_file(path, vocabulary)
    card = report.read.card
    if report.read.status != "ok" or card is None:
        raise GuardError(say(f"{path}: onleesbaar: {report.read.reason('nl')}",
                             f"{path}: unreadable: {report.read.reason('en')}", lang), exit_code=2)
    if report.read.kind != "template":
        raise GuardError(say(
            f"{path}: geen netwerkkaart van het sjabloon (het blad {SHEET_OVERVIEW} en de tabel "
            "Partners ontbreken). Zet een eigen rooster eerst om met 'schoolnet-xl import'.",
            f"{path}: not a template card. Convert a grid of your own first with "
            "'schoolnet-xl import'.", lang), exit_code=2)
    overview = compute_overview(card, vocabulary)
    with tempfile.TemporaryDirectory(prefix="schoolnet_summary_") as scratch:
        donor = Path(scratch, "donor.xlsx")
        write_summary_sheets(donor, card, vocabulary, report.findings, lang)
        options = Options(output=output, force=force, backup=backup,
                          before_verify=before_verify)
        job = (_parts_job(path, donor, Path(scratch), options)
               or _openpyxl_job(path, donor, Path(scratch), options))
        outcome = run_guarded(job, lang)
    route: Route = "openpyxl" if job.loses_everywhere else "parts"
    return SummaryResult(overview, report.findings, outcome, route)


@dataclass(frozen=True)
class Options:
    """The user's choices, the same on either route."""

    output: Path | None
    force: bool
    backup: bool
    before_verify: Callable[[Path], None] | None


def _parts_job(path: Path, donor: Path, scratch: Path, options: Options) -> GuardedWrite | None:
    """The part-level route, or None when this package's shape is not supported."""
    trial = scratch / "parts.xlsx"
    try:
        changed = transplant(path, donor, trial, after=SHEET_OVERVIEW)
    except (TransplantError, StyleMergeError):
        return None

    def write(temp: Path) -> set[str]:
        shutil.copyfile(trial, temp)
        return changed

    def check(temp: Path) -> list[str]:
        return same_values(donor, temp, list(OWNED)) + styles_kept(path, temp)

    return GuardedWrite(source=path, owned=set(OWNED), write=write, check=check,
                        own_kinds=OWN_KINDS,
                        **vars_of(options))


def _openpyxl_job(path: Path, donor: Path, scratch: Path, options: Options) -> GuardedWrite:
    """The fallback route: openpyxl drops the old sheets, then the new ones go in."""
    order = sheet_order(path)
    position = order.index(SHEET_OVERVIEW) if SHEET_OVERVIEW in order else len(order)
    kept_before = [s for s in order[:position] if s not in OWNED]

    def write(temp: Path) -> None:
        stripped = scratch / "openpyxl.xlsx"
        without_sheets(path, stripped, set(OWNED))
        transplant(stripped, donor, temp, after=kept_before[-1] if kept_before else None)

    return GuardedWrite(source=path, owned=set(OWNED), write=write,
                        check=lambda temp: same_values(donor, temp, list(OWNED)),
                        loses_everywhere=True, own_kinds=OWN_KINDS,
                        kept_kinds=kept_kinds(), **vars_of(options))


def vars_of(options: Options) -> dict[str, Any]:
    """The options as GuardedWrite keyword arguments."""
    return {f.name: getattr(options, f.name) for f in fields(options)}


def rebuild_summary_sheets(path: Path, vocabulary: Vocabulary, lang: Lang = "nl") -> None:
    """Put fresh Overzicht, Validatie and Netwerk sheets into the card at `path`, with no
    guard: for a file being built (e.g. `upgrade`'s new card, which its own guard checks)."""
    report = check_file(path, vocabulary)
    card = report.read.card
    if card is None:
        raise GuardError(say(f"{path}: onleesbaar: {report.read.reason('nl')}",
                             f"{path}: unreadable: {report.read.reason('en')}", lang))
    with tempfile.TemporaryDirectory(prefix="schoolnet_summary_") as scratch:
        donor, built = Path(scratch, "donor.xlsx"), Path(scratch, "built.xlsx")
        write_summary_sheets(donor, card, vocabulary, report.findings, lang)
        transplant(path, donor, built, after=SHEET_OVERVIEW)
        shutil.copyfile(built, path)


def write_summary_sheets(
    path: Path, card: Card, vocabulary: Vocabulary, findings: list[Finding], lang: Lang
) -> None:
    """A scratch workbook holding only the new Overzicht, Validatie and Netwerk sheets."""
    import xlsxwriter

    from schoolnet_xl.draw.network import draw_network_map  # lazy: matplotlib, 0.38 s

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                               "strings_to_urls": False,
                                               "strings_to_numbers": False})
    styles = make_styles(workbook)
    write_overview_sheet(workbook, vocabulary, compute_overview(card, vocabulary), styles)
    write_validation_sheet(workbook, findings, lang, card=Path(card.path).name)
    png = draw_network_map(network_map_from_card(card, vocabulary), vocabulary, "png", lang)
    write_network_sheet(workbook, png, lang)
    workbook.close()


def write_network_sheet(workbook: Any, png: bytes, lang: Lang) -> None:
    """The Netwerk sheet: one line of text and the map, printed on one A4 landscape page."""
    sheet = workbook.add_worksheet(SHEET_NETWORK)
    sheet.write_string(0, 0, say("Getekend door schoolnet-xl summary, elke keer opnieuw: de "
                                 "partners zelf pas je aan op het eerste blad.",
                                 "Drawn by schoolnet-xl summary, anew each time: change the "
                                 "partners themselves on the first sheet.", lang))
    sheet.insert_image(1, 0, "netwerk.png", {"image_data": io.BytesIO(png), "object_position": 3})
    sheet.set_footer(page_footer())
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 1)
    sheet.hide_gridlines(2)
