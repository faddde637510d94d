"""The guard every command that changes an existing workbook goes through.

1. the input is not locked or read-only; 2. preflight: refuse an in-place
change that would lose parts (unless forced); 3. write a temporary file beside
the target; 4. verify it against the original; 5. replace atomically, keeping
the original bytes as a timestamped backup.

The input may not have passed the probe (`upgrade` reads it with calamine
only): the preflight reads its package XML with `read.package`, which never
expands an entity and refuses a part with a DTD (PackageError, exit 2 here).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.edit.atomic import (
    GuardError,
    check_writable,
    discard,
    refuse_existing,
    refuse_if_open_elsewhere,
    replace_atomically,
    temp_path_beside,
)
from schoolnet_xl.edit.preflight import Risk, at_risk, loss_message, scan
from schoolnet_xl.edit.verify import changed_parts, differences, snapshot
from schoolnet_xl.read.package import PackageError
from schoolnet_xl.read.probe import probe

# Writes the result into the given temporary path; returns the names of the
# original's package parts it changed (None = the whole file was rewritten).
Writer = Callable[[Path], set[str] | None]
# Checks the written file; returns Dutch descriptions of what is wrong ([] = right).
Checker = Callable[[Path], list[str]]


@dataclass
class GuardedWrite:
    """What a guarded command wants to do to `source`."""

    source: Path
    output: Path | None  # None = change the source in place
    owned: set[str]  # sheets the command rewrites (their old content may go)
    write: Writer
    check: Checker
    rewrites_all: bool = False
    loses_everywhere: bool = False  # the writer may lose parts on any sheet (openpyxl route)
    force: bool = False
    backup: bool = True
    extra_risks: list[Risk] = field(default_factory=list)
    own_kinds: frozenset[str] = frozenset()  # what the command itself rebuilds on owned sheets
    kept_kinds: frozenset[str] = frozenset()  # risky kinds the writer keeps on other sheets
    before_verify: Callable[[Path], None] | None = None  # test hook: tamper with the temp file


@dataclass
class Outcome:
    """Where the result went, the backup, and what the written file lacks."""

    target: Path
    in_place: bool
    backup: Path | None
    lost: list[Risk]


def is_in_place(source: Path, output: Path | None) -> bool:
    """True when the output is the source itself (or not given)."""
    return output is None or output.resolve() == source.resolve()


def run_guarded(job: GuardedWrite, lang: Lang = "nl") -> Outcome:
    """Do the write behind the guard; raise GuardError with a Dutch message when refused."""
    source = job.source
    in_place = is_in_place(source, job.output)
    target = source if in_place else job.output
    assert target is not None
    if not in_place:  # in place, check_writable names the lock file itself
        refuse_if_open_elsewhere(source, lang)
    check_writable(target, lang)
    if not in_place:
        refuse_existing(target, job.force, lang)
    try:
        found = scan(source)
    except PackageError as exc:
        raise package_refusal(source, exc, lang) from None
    risks = [r for r in at_risk(found,
                                None if job.rewrites_all or job.loses_everywhere else job.owned)
             if not _harmless(job, r)] + job.extra_risks
    if in_place and risks and not job.force:
        raise GuardError(loss_message(source, risks, lang), exit_code=1)
    temp = temp_path_beside(target)
    try:
        changed = _write(job, temp, lang)
        if job.before_verify is not None:
            job.before_verify(temp)
        problems = _verify(job, temp, changed, lang)
        if problems:
            listed = "; ".join(problems[:8])
            raise GuardError(say(
                f"{source}: controle na het schrijven mislukt ({listed}). Het origineel is "
                "niet gewijzigd.",
                f"{source}: verification after writing failed ({listed}). The original "
                "was not changed.", lang), exit_code=1)
        if in_place or target.exists():
            saved = replace_atomically(temp, target, job.backup)
        else:
            os.replace(temp, target)
            saved = None
    finally:
        discard(temp)
    return Outcome(target, in_place, saved, risks)


def package_refusal(source: Path, exc: PackageError, lang: Lang = "nl") -> GuardError:
    """The refusal (exit 2) of an input whose package XML `read.package` will not read."""
    return GuardError(say(f"{source}: onleesbaar bestand ({exc})",
                          f"{source}: unreadable file ({exc})", lang), exit_code=2)


def _write(job: GuardedWrite, temp: Path, lang: Lang) -> set[str] | None:
    """Run the writer; any failure becomes a clear refusal (the original is untouched)."""
    try:
        return job.write(temp)
    except GuardError:
        raise
    except Exception as exc:  # a writer bug or an odd package must never leave a traceback
        raise GuardError(say(
            f"{job.source}: het nieuwe bestand kon niet geschreven worden ({exc}). Het "
            "origineel is niet gewijzigd; probeer -o NIEUW.xlsx of de Valideer-knop.",
            f"{job.source}: the new file could not be written ({exc}). The original was "
            "not changed; try -o NEW.xlsx or the Valideer button.", lang), exit_code=1) from exc


def _harmless(job: GuardedWrite, risk: Risk) -> bool:
    """A part the command rebuilds on its own sheet, or one the writer keeps elsewhere."""
    if risk.sheet in job.owned:
        return risk.kind in job.own_kinds
    return risk.kind in job.kept_kinds


def _verify(job: GuardedWrite, temp: Path, changed: set[str] | None, lang: Lang) -> list[str]:
    try:
        problems = []
        if changed is not None:
            problems += changed_parts(job.source, temp, changed, lang)
        if not job.rewrites_all:
            before = snapshot(job.source, job.owned)
            after = snapshot(temp, job.owned)
            problems += differences(before, after, job.owned, lang)
        return problems + job.check(temp)
    except Exception as exc:  # a file that cannot be compared fails verification
        return [say(f"het nieuwe bestand is onleesbaar ({exc})",
                    f"the new file is unreadable ({exc})", lang)]


WRITABLE_FORMATS = ("xlsx", "xlsm")
_FORMAT_NAMES = {"ods": "OpenDocument (.ods)", "xls": "Excel 97-2003 (.xls)",
                 "xlsb": "Excel binair (.xlsb)"}


def refuse_unwritable(source: Path, command: str, lang: Lang = "nl") -> None:
    """Refuse (exit 2) a card this command cannot write back: anything but .xlsx/.xlsm,
    judged by the file's bytes, not its name. The message says how to get an .xlsx."""
    fmt = probe(source).format
    if not fmt or fmt in WRITABLE_FORMATS:
        return  # an unreadable file is refused later, with the reader's reason
    name = _FORMAT_NAMES.get(fmt, fmt)
    xlsx = source.with_suffix(".xlsx").name
    raise GuardError(say(
        f"{source}: '{command}' kan alleen een .xlsx-kaart bijwerken; dit bestand is "
        f"{name}. Maak er eerst een .xlsx van: 'schoolnet-xl import {source.name} -o {xlsx}' "
        "schrijft de kaart als een nieuwe .xlsx (het origineel blijft onaangeroerd), of "
        "bewaar ze in LibreOffice met Bestand > Opslaan als > Excel 2007-365 (.xlsx).",
        f"{source}: '{command}' can only update an .xlsx card; this file is {name}. Make an "
        f".xlsx first: 'schoolnet-xl import {source.name} -o {xlsx}' writes the card as a new "
        ".xlsx (the original stays untouched), or save it in LibreOffice with File > Save As > "
        "Excel 2007-365 (.xlsx).", lang), exit_code=2)
