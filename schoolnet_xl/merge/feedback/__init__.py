"""A feedback workbook for every school of a merge (`merge --feedback DIR`).

`write_feedback_workbooks` works out the region's figures once (`content`),
names each school's file (`names`), lays out each workbook (`workbook`),
renders it into a package prepared once (`fast`) and writes it atomically: a
temporary file in the folder, renamed into place. For a large region, forked
processes write shares of the schools (they inherit the data: nothing to
pickle); without fork, or should one fail, this process writes that share
itself. With `maps` (a school's map drawn for its Netwerkkaart sheet, see
`merge.maps`) the drawing dominates: shares from a few workbooks on, one per core.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from schoolnet_xl.core.files import write_bytes_atomically
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge.feedback.content import RegionFacts, ordered_findings
from schoolnet_xl.merge.feedback.fast import FastBook, Skeletons
from schoolnet_xl.merge.feedback.names import UniqueNames, school_stem, unreadable_stem
from schoolnet_xl.merge.feedback.workbook import (
    Basis,
    file_name,
    school_workbook,
    unreadable_workbook,
)
from schoolnet_xl.merge.records import FileResult

FORK_FROM = 200  # workbooks from which forked processes share the writing
PROCESSES = 2  # with this one: enough to keep two cores busy
# With maps (~0.2 s of drawing each): shares from a few workbooks on, one per core.
MAP_FORK_FROM = 8
TEMP_PREFIX = ".~terugkoppeling-"  # a workbook being written, before its rename

MapMaker = Callable[[FileResult], bytes | None]


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything the writers need, inherited by forked processes as it is."""

    targets: list[tuple[Path, FileResult]]
    school_count: int  # the first targets are schools, the others unreadable files
    facts: RegionFacts
    basis: Basis
    maps: MapMaker | None
    skeletons: Skeletons


def write_feedback_workbooks(
    schools: list[FileResult],
    unreadable: list[FileResult],
    vocabulary: Vocabulary,
    folder: Path,
    *,
    merged_on: date,
    with_contacts: bool = False,
    lang: Lang = "nl",
    maps: MapMaker | None = None,
) -> list[Path]:
    """One workbook per school of `schools`, one per file of `unreadable`, in `folder`.

    Returns the files written: the schools' in the order given, then the
    unreadable files'. Names are `<instellingsnummer> <schoolnaam>.xlsx` (unique,
    safe on Windows); an existing file of the same name is replaced.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = UniqueNames()
    targets = [(folder / names(school_stem(r.school)), r) for r in schools if r.school]
    school_count = len(targets)
    targets += [(folder / names(unreadable_stem(r.path, lang)), r) for r in unreadable]
    skeletons = Skeletons(merged_on)
    skeletons.get(lang, ("page", "findings"))  # before any fork: the children inherit it
    job = _Job(targets, school_count, RegionFacts(schools, vocabulary),
               Basis(merged_on, with_contacts, lang), maps, skeletons)
    _write_shares(job)
    return [path for path, _ in targets]


def _write_shares(job: _Job) -> None:
    """Write every target: shares in forked processes when worth it, the rest here."""
    total = len(job.targets)
    processes = max(PROCESSES, os.cpu_count() or 1) if job.maps else PROCESSES
    if total < (MAP_FORK_FROM if job.maps else FORK_FROM) or not sys.platform.startswith("linux"):
        _write_range(job, 0, total)
        return
    share = -(-total // processes)
    children = []
    for index in range(1, processes):
        start, stop = index * share, min(total, (index + 1) * share)
        pid = os.fork()
        if pid == 0:  # the child: its share, then out without running the parent's code
            status = 0
            try:
                _write_range(job, start, stop)
            except BaseException:
                status = 1
            os._exit(status)
        children.append((pid, start, stop))
    try:
        _write_range(job, 0, min(total, share))
    except BaseException:  # an error or Ctrl+C here: the children stop too
        for pid, _, _ in children:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        for leftover in job.targets[0][0].parent.glob(f"{TEMP_PREFIX}*"):
            leftover.unlink(missing_ok=True)  # a stopped child's half-written file
        raise
    for pid, start, stop in children:
        _, status = os.waitpid(pid, 0)
        if status != 0:  # the child failed: write its share here (errors now surface)
            _write_range(job, start, stop)


def _write_range(job: _Job, start: int, stop: int) -> None:
    basis = job.basis
    for index in range(start, stop):
        path, result = job.targets[index]
        if index < job.school_count:
            page = job.facts.page(result, with_contacts=basis.with_contacts, lang=basis.lang)
            book = FastBook(job.skeletons, basis, page.school.naam or page.school.label)
            data = school_workbook(result, page, basis, job.maps(result) if job.maps else None,
                                   book)
        else:
            findings = ordered_findings(result.findings, basis.with_contacts)
            book = FastBook(job.skeletons, basis, file_name(result.path))
            data = unreadable_workbook(result, findings, basis, book)
        write_bytes_atomically(path, data, prefix=TEMP_PREFIX)
