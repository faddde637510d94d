"""The merge as a library call: inputs -> file results -> region -> workbook (+ CSV,
+ a feedback workbook per school).

Refuses to write over an input file, and feedback workbooks into an input
folder; writes the workbook to a temporary file in the output folder and renames
it into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from schoolnet_xl.core.collector import frozen_heap, paused_gc
from schoolnet_xl.core.files import replaced_atomically
from schoolnet_xl.core.findings import SEVERITIES
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import load_vocabulary
from schoolnet_xl.evolve.region import RegionEvolution
from schoolnet_xl.merge.csv_export import CSV_FILES, write_csv_tables
from schoolnet_xl.merge.duplicates import cards_by_school, normal_year, resolve_duplicates
from schoolnet_xl.merge.evolution import evolution_of
from schoolnet_xl.merge.feedback import write_feedback_workbooks
from schoolnet_xl.merge.maps import FeedbackMaps, default_cache_dir
from schoolnet_xl.merge.pipeline import read_all, skipped_result
from schoolnet_xl.merge.records import OUTCOMES, FileResult
from schoolnet_xl.merge.region import Region, build_region
from schoolnet_xl.merge.region_map_sheet import MapPer
from schoolnet_xl.merge.regional_workbook import PLAIN_WRITER_ENV, write_regional_workbook
from schoolnet_xl.merge.school_list import SchoolListError, read_school_list
from schoolnet_xl.read.file_rules import MERGE_OUTPUT
from schoolnet_xl.read.inbox import Inbox, Skipped, discover, path_sort_key
from schoolnet_xl.read.probe import probe


class MergeError(Exception):
    """A merge that cannot start (Dutch message): bad output, nothing to read."""


@dataclass(slots=True)
class MergeOutcome:
    """What a merge did: every file's result, the region, where the output went."""

    output: Path
    results: list[FileResult]
    region: Region
    csv_files: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    feedback_files: list[Path] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Counts of files per outcome, schools, partner rows and findings per severity;
        with a school list, the listed schools without a card."""
        region = self.region
        totals = {what: region.count(what) for what in ("files", *OUTCOMES)}
        totals["schools"] = len(region.coverage.rows)
        totals["partners"] = len(region.partners.rows)
        for severity in SEVERITIES:
            totals[severity] = sum(r.counts.get(severity, 0) for r in self.results if r.used)
        if region.not_sent is not None:
            totals["not_sent"] = len(region.not_sent.rows)
        return totals

    def cards_by_school(self) -> dict[str, dict[str, FileResult]]:
        """Per instellingsnummer, per school year (oldest first), the card of that year:
        the one the region shows and the older ones (for the year-on-year view)."""
        return cards_by_school(self.results)

    @property
    def exit_code(self) -> int:
        """0 = every file read, 1 = some unreadable, 2 = no card could be read."""
        if not self.region.coverage.rows:
            return 2
        return 1 if self.region.count("unreadable") else 0


def merge_files(
    inputs: list[str],
    output: str | Path,
    *,
    config: str | Path | None = None,
    jobs: int | None = None,
    with_contacts: bool = False,
    csv_dir: str | Path | None = None,
    lang: Lang = "nl",
    force: bool = False,
    school_year: str | None = None,
    school_list: str | Path | None = None,
    feedback_dir: str | Path | None = None,
    merged_on: date | None = None,
    maps: bool = True,
    map_per: MapPer = "gemeente",
    map_cache: Path | None = None,
    on_found: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> MergeOutcome:
    """Merge every card found in `inputs` into the regional workbook at `output`.

    `school_year` ("2025-2026"): the year the region shows (default: each school's
    latest); `school_list`: the region's list of schools (.xlsx or .csv);
    `feedback_dir`: also write a feedback workbook per school there (dated
    `merged_on`, default today), each with the school's network map (cached in
    `map_cache`, default `maps.default_cache_dir()`); `map_per`: one region map per
    gemeente or scholengemeenschap on the sheet Netwerkkaart regio; `maps=False`:
    no maps at all (a quicker run).

    Raises MergeError (or InboxError, ConfigError) before anything is written when
    the output would overwrite an input, or an existing file that is not an earlier
    merge's regional workbook (unless `force`), when the feedback folder is an input
    folder or inside one, when the school list or school year is bad, or when no
    file is found.
    """
    started = time.perf_counter()
    vocabulary = load_vocabulary(config)
    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise MergeError(say(f"'{output}': het regionale werkboek moet op .xlsx eindigen",
                             f"'{output}': the regional workbook must end in .xlsx", lang))
    if school_year is not None and not _SCHOOL_YEAR.fullmatch(normal_year(school_year)):
        raise MergeError(say(
            f"schooljaar '{school_year}': schrijf het als 2025-2026",
            f"school year '{school_year}': write it as 2025-2026", lang))
    try:
        listed = read_school_list(school_list, lang) if school_list else None
    except SchoolListError as exc:
        raise MergeError(str(exc)) from None
    inbox = _guard_output(discover(inputs, lang), output, csv_dir, lang)
    if feedback_dir is not None:
        _guard_feedback(Path(feedback_dir), inputs, lang)
    _refuse_foreign_output(output, force, lang)
    if not inbox.files and not inbox.skipped:
        raise MergeError(say("geen bestanden gevonden om samen te voegen",
                             "no files found to merge", lang))
    if on_found:
        on_found(len(inbox.files))
    # No cyclic garbage collection until the workbook is written: the results, then the
    # region's rows pile up (no cycles among them), and every full pass walks all of them
    # (measured: the write phase alone 1.66 -> 1.2 s CPU at 9,000 cards).
    with paused_gc():
        results = read_all(inbox.files, config, lang, jobs, on_progress)
        results += [skipped_result(s) for s in inbox.skipped]
        results.sort(key=lambda r: path_sort_key(r.path))
        read_done = time.perf_counter()
        resolve_duplicates(results, school_year)
        region = build_region(results, vocabulary, with_contacts, lang, school_list=listed,
                              link_base=output.parent)
        region_done = time.perf_counter()
        evolution = _Timed(lambda: evolution_of(results, vocabulary, lang))
        # worked out while a forked process writes the Partners rows (see the writer)
        write_atomically(region, output, map_per if maps else None, evolution)
        written = time.perf_counter()
        csv_files = write_csv_tables(region, Path(csv_dir)) if csv_dir else []
    seconds = {"read": read_done - started, "region": region_done - read_done,
               "evolution": evolution.seconds,
               "write": written - region_done - evolution.seconds}
    feedback_files: list[Path] = []
    if feedback_dir is not None:
        feedback_started = time.perf_counter()
        with frozen_heap():  # collections while the maps are drawn skip the region's rows
            feedback_files = write_feedback_workbooks(
                region.used, [r for r in results if r.status == "unreadable"], vocabulary,
                Path(feedback_dir), merged_on=merged_on or date.today(),
                with_contacts=with_contacts, lang=lang,
                maps=FeedbackMaps(vocabulary, lang, map_cache or default_cache_dir())
                if maps else None)
        seconds["feedback"] = time.perf_counter() - feedback_started
    seconds["total"] = time.perf_counter() - started
    return MergeOutcome(output, results, region, csv_files, seconds, feedback_files)


_SCHOOL_YEAR = re.compile(r"\d{4}-\d{4}")


class _Timed:
    """A call made later (by the writer), and how long it took."""

    def __init__(self, call: Callable[[], RegionEvolution]) -> None:
        self.call, self.seconds = call, 0.0

    def __call__(self) -> RegionEvolution:
        started = time.perf_counter()
        try:
            return self.call()
        finally:
            self.seconds = time.perf_counter() - started


def _guard_feedback(folder: Path, inputs: list[str], lang: Lang) -> None:
    """Refuse a feedback folder that is an input folder or inside one (a pattern's
    folder before its first wildcard): the next merge would read the feedback
    workbooks as cards."""
    target = Path(_real(folder))
    for given in inputs:
        parts = Path(given).parts
        fixed = next((i for i, part in enumerate(parts) if any(c in part for c in "*?[")),
                     len(parts))
        base = Path(_real(Path(*parts[:fixed]) if fixed else Path(".")))
        if base.is_dir() and (target == base or base in target.parents):
            raise MergeError(say(
                f"weigert terugkoppeling te schrijven in '{folder}': die map ligt in de "
                f"invoer '{given}', en de volgende merge zou die werkboeken als kaarten "
                "lezen. Kies een map buiten de invoer.",
                f"refusing to write feedback into '{folder}': that folder is inside the "
                f"input '{given}', and the next merge would read those workbooks as cards. "
                "Choose a folder outside the inputs.", lang))


def write_atomically(region: Region, output: Path, map_per: MapPer | None = None,
                     evolution: Callable[[], RegionEvolution] | None = None) -> Path:
    """Write the workbook to a temporary file beside `output`, then rename it into place
    (`evolution`: see `write_regional_workbook`).

    With SCHOOLNET_XL_PLAIN_WRITER=1 in the environment it is written by the plain
    XlsxWriter path instead of the fast one (the same workbook, slower).
    """
    folder = output.parent if str(output.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    with replaced_atomically(output, prefix=".~regio-") as temporary:
        write_regional_workbook(region, temporary, fast=not plain_writer_asked(),
                                map_per=map_per, evolution=evolution)
    return output


def plain_writer_asked() -> bool:
    """True when SCHOOLNET_XL_PLAIN_WRITER is set to anything but "" or "0"."""
    return os.environ.get(PLAIN_WRITER_ENV, "").strip() not in ("", "0")


def is_merge_output(path: Path) -> bool:
    """True for a regional workbook or CSV table written by a merge (see rule SN013)."""
    refusal = probe(path).refusal
    return refusal is not None and refusal.code == MERGE_OUTPUT.code


def _guard_output(inbox: Inbox, output: Path, csv_dir: str | Path | None,
                  lang: Lang) -> Inbox:
    """Refuse an output that is an input; an earlier merge's output there is skipped
    (and replaced) instead."""
    outputs = [output, *(Path(csv_dir) / name for name in CSV_FILES)] if csv_dir else [output]
    # An input is an output when it is the same file: same device and inode (through a
    # link, or a hard link, too). One stat per input, not a realpath's stat per folder.
    targets = {identity for identity in map(_file_identity, outputs) if identity is not None}
    files: list[str] = []
    skipped = list(inbox.skipped)
    for path in inbox.files:
        if not targets or _file_identity(path) not in targets:
            files.append(path)
        elif is_merge_output(Path(path)):
            skipped.append(Skipped(path, say(
                "uitvoer van een eerdere merge (wordt vervangen), geen kaart",
                "output of an earlier merge (to be replaced), not a card", lang)))
        else:
            raise MergeError(say(
                f"weigert te schrijven naar '{path}': dat is een invoerbestand. "
                "Kies met -o een ander uitvoerbestand (invoer wordt nooit overschreven).",
                f"refusing to write to '{path}': it is an input file. Choose another "
                "output with -o (inputs are never overwritten).", lang))
    return Inbox(files, skipped)


def _refuse_foreign_output(output: Path, force: bool, lang: Lang) -> None:
    """An existing output is replaced only when it is an earlier regional workbook of
    ours, or with `force`: never someone's other file by a slip of -o."""
    if force or not output.exists():
        return
    if output.is_dir():
        raise MergeError(say(f"'{output}' is een map; geef met -o een .xlsx-bestand",
                             f"'{output}' is a folder; give an .xlsx file with -o", lang))
    if not is_merge_output(output):
        raise MergeError(say(
            f"'{output}' bestaat al en is geen regionaal werkboek van schoolnet-xl merge; "
            "er is niets geschreven. Kies een andere naam of gebruik --force om het te "
            "overschrijven.",
            f"'{output}' already exists and is not a regional workbook of schoolnet-xl "
            "merge; nothing was written. Choose another name or use --force to overwrite "
            "it.", lang))


def _file_identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of an existing file, None when there is none (or it cannot be
    reached)."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))

