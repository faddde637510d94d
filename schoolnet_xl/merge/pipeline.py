"""Read and check every input file, in parallel, into `FileResult`s in input order.

Each worker loads the vocabulary once and runs the same `check_file` as
`validate`; one bad file never stops the batch (any unexpected error becomes
that file's "unreadable" reason).
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary, load_vocabulary
from schoolnet_xl.merge.compact import PartnerRows, finding_rows, school_info
from schoolnet_xl.merge.prefetch import Prefetcher
from schoolnet_xl.merge.records import FileResult, sheet_label
from schoolnet_xl.read.archive import ArchiveError, read_member, split_member
from schoolnet_xl.read.file_rules import MERGE_OUTPUT
from schoolnet_xl.read.inbox import Skipped
from schoolnet_xl.read.package import IN_MEMORY_BYTES
from schoolnet_xl.read.probe import MAX_RATIO, MAX_TOTAL_BYTES, RATIO_MIN_BYTES
from schoolnet_xl.validate.check import FileReport, check_file

if TYPE_CHECKING:
    from schoolnet_xl.merge.compact import PartnerRows

PROGRESS_THRESHOLD = 5
IN_PROCESS_BELOW = 8  # fewer files than this: a pool costs more than it saves

_WORKER: dict[str, Any] = {}


def read_all(
    files: list[str],
    config: str | Path | None = None,
    lang: Lang = "nl",
    jobs: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> list[FileResult]:
    """Check every file (with `jobs` processes); results come back in the order given."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: list[FileResult] = []
    for cards in _results(files, config, lang, jobs):
        results.extend(cards)
        if on_progress:
            on_progress(1)
    return results


def skipped_result(skipped: Skipped) -> FileResult:
    """A FileResult for a file listed but not read (a lock file, a pipe, a broken link…)."""
    regular = os.path.isfile(skipped.path) or split_member(skipped.path) is not None
    size, digest, mtime = fingerprint(skipped.path) if regular else (0, "", 0.0)
    return FileResult(skipped.path, size, digest, mtime, "skipped", reason=skipped.reason)


def fingerprint(path: str) -> tuple[int, str, float]:
    """Size, sha256 and mtime of a file (zeros when it vanished meanwhile; size and
    mtime without a digest when it exists but cannot be opened, e.g. no read right)."""
    return _read_whole(path)[0]


def _read_whole(path: str) -> tuple[tuple[int, str, float], bytes | None]:
    """The file's fingerprint, and its bytes when it was read whole (a card is read once:
    hashed here, then probed and parsed from these bytes); None when it was not.

    A card is read whole and hashed in one call, cheaper than `file_digest`'s
    256 KiB buffer and read loop, which only a file above IN_MEMORY_BYTES takes.
    """
    member = split_member(path) if not os.path.exists(path) else None
    if member is not None:  # a card inside a zip: the member's bytes, the archive's time
        try:
            data = read_member(*member, MAX_TOTAL_BYTES, MAX_RATIO, RATIO_MIN_BYTES)
            return (len(data), hashlib.sha256(data).hexdigest(),
                    member[0].stat().st_mtime), None
        except ArchiveError:  # refused (too large, a bomb, encrypted): its listed size
            return (_listed_size(*member), "", _mtime(member[0])), None
        except OSError:
            return (0, "", 0.0), None
    try:
        with open(path, "rb", buffering=0) as handle:
            stat = os.fstat(handle.fileno())
            if stat.st_size <= IN_MEMORY_BYTES:
                data = handle.read()
                return (stat.st_size, hashlib.sha256(data).hexdigest(), stat.st_mtime), data
            digest = hashlib.file_digest(handle, "sha256")
        return (stat.st_size, digest.hexdigest(), stat.st_mtime), None
    except OSError:
        pass
    try:
        stat = os.stat(path)
    except OSError:
        return (0, "", 0.0), None
    return (stat.st_size, "", stat.st_mtime), None


def _listed_size(archive: Path, inner: str) -> int:
    """The uncompressed size a zip archive lists for a member (0 when it cannot say)."""
    try:
        with zipfile.ZipFile(archive) as opened:
            return opened.getinfo(inner).file_size
    except (KeyError, OSError, zipfile.BadZipFile):
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _results(files: list[str], config: str | Path | None, lang: Lang,
             jobs: int) -> Iterator[list[FileResult]]:
    if jobs == 1 or len(files) < IN_PROCESS_BELOW:
        _init_worker(config, lang)
        yield from map(read_cards, files)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, min(32, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(config, lang)) as pool, Prefetcher(files) as ahead:
        for cards in pool.map(read_cards, files, chunksize=chunksize):
            ahead.advance()
            yield cards


def _init_worker(config: str | Path | None, lang: Lang) -> None:
    vocabulary = _WORKER["vocabulary"] = load_vocabulary(config)
    _WORKER["lang"] = lang
    _WORKER["partner_rows"] = PartnerRows(
        vocabulary, say("ja (uit trefwoorden)", "yes (from keywords)", lang))


def read_one(path: str) -> FileResult:
    """Fingerprint and check one file with the worker's vocabulary and language."""
    return read_cards(path)[0]


def read_cards(path: str) -> list[FileResult]:
    """Every card of one file: one, or one per sheet of a hand-made workbook with a grid
    on several sheets (each a card of its own school year, listed as `file [blad X]`)."""
    (size, digest, mtime), data = _read_whole(path)
    first = _read_one(path, None, size, digest, mtime, data)
    results = [first[0]]
    chosen = first[1]
    for sheet in first[2]:
        if sheet != chosen:
            results.append(_read_one(path, sheet, size, digest, mtime, data)[0])
    return results


def _read_one(path: str, sheet: str | None, size: int, digest: str, mtime: float,
              data: bytes | None) -> tuple[FileResult, str, tuple[str, ...]]:
    """(result, the sheet read, the sheets with a grid) of one card of a file (`data`: its
    bytes as hashed, None to read it again)."""
    vocabulary: Vocabulary = _WORKER["vocabulary"]
    lang: Lang = _WORKER["lang"]
    shown = path if sheet is None else sheet_label(path, sheet)
    try:
        report = check_file(path, vocabulary, sheet=sheet, data=data)
    except Exception as exc:  # a safety net: one file must never stop the batch
        reason = say(f"onverwachte fout bij het lezen: {exc!r}",
                     f"unexpected error while reading: {exc!r}", lang)
        return FileResult(shown, size, digest, mtime, "unreadable", reason=reason), "", ()
    result = _file_result(shown, report, size, digest, mtime, vocabulary, lang)
    card = report.read.card
    return result, card.grid_sheet if card else "", report.read.grid_sheets


def _file_result(path: str, report: FileReport, size: int, digest: str, mtime: float,
                 vocabulary: Vocabulary, lang: Lang) -> FileResult:
    partner_rows: PartnerRows = _WORKER["partner_rows"]
    read = report.read
    card = read.card
    if any(f.code == MERGE_OUTPUT.code for f in read.findings):
        # An earlier merge's output in the inbox is not a card, nor a problem.
        return FileResult(path, size, digest, mtime, "skipped", format=read.format or "",
                          reason=read.reason(lang))
    return FileResult(
        path=path,
        size=size,
        sha256=digest,
        mtime=mtime,
        status="ok" if read.status == "ok" and card is not None else "unreadable",
        kind=read.kind,
        reason=read.reason(lang),
        format=read.format or "",
        template_version=(card.template_version or "") if card else "",
        read_ms=float(read.read_ms or 0.0),
        school=school_info(card, vocabulary) if card else None,
        partners=partner_rows(card) if card else [],
        findings=finding_rows(report.findings, lang),
        missing={k: list(v) for k, v in report.missing.items()},
        counts=report.counts(),
    )
