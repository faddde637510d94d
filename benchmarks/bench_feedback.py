"""What `merge --feedback DIR` adds: a feedback workbook for each of 3,000 schools.

Run: .venv/bin/python benchmarks/bench_feedback.py [--folder /tmp/bench_cards]
     [--cards 3000] [--partners 30] [--runs 3] [--serial]

Uses (or generates) the cards of benchmarks/bench_merge.py. Prints, in one run:
- end-to-end `schoolnet-xl merge` wall time as a subprocess, without and with
  `--feedback`, alternated --runs times (drift hits both), medians and the
  difference (target: feedback adds at most 15 s on 2 cores);
- the feedback phase alone (`write_feedback_workbooks` on the merged region, in
  this process), its milliseconds per workbook, and with --serial the same in
  one process (no forked shares), for the speed-up.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import card_parser, generate


def merge_wall(folder: Path, out: Path, feedback: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its workers) of one `schoolnet-xl merge`
    subprocess (with `--feedback` when given)."""
    command = [sys.executable, "-m", "schoolnet_xl", "merge", str(folder), "-o", str(out),
               "--quiet"]
    if feedback is not None:
        shutil.rmtree(feedback, ignore_errors=True)
        command += ["--feedback", str(feedback)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if feedback is not None:
        written = sum(1 for _ in feedback.glob("*.xlsx"))
        print(f"    {written} feedback workbooks in {feedback}")
    return wall, cpu


def feedback_phase(folder: Path, work: Path, serial: bool) -> None:
    """Time `write_feedback_workbooks` alone on the region of one in-process merge."""
    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.merge import feedback as feedback_package
    from schoolnet_xl.merge import merge_files
    from schoolnet_xl.merge.feedback import write_feedback_workbooks

    outcome = merge_files([str(folder)], work / "regio-phase.xlsx")
    schools = [r for r in outcome.results if r.used]
    unreadable = [r for r in outcome.results if r.status == "unreadable"]
    variants = [("forked shares", feedback_package.FORK_FROM)]
    if serial:
        variants.append(("one process", len(schools) + len(unreadable) + 1))
    for label, fork_from in variants:
        feedback_package.FORK_FROM = fork_from
        target = work / f"phase-{fork_from}"
        cpu = _cpu()
        started = time.perf_counter()
        paths = write_feedback_workbooks(schools, unreadable, default_vocabulary(), target,
                                         merged_on=date.today())
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        print(f"  feedback phase, {label}: {seconds:.2f} s wall, {cpu:.2f} s CPU for "
              f"{len(paths)} workbooks ({cpu / len(paths) * 1000:.1f} ms CPU each)")
        shutil.rmtree(target)


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the forked writers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = card_parser(__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serial", action="store_true",
                        help="also time the feedback phase in one process")
    args = parser.parse_args()

    paths = generate(args.folder, args.cards, args.partners)
    print(f"{len(paths)} cards in {args.folder}; {os.cpu_count()} CPU cores; load average "
          f"{os.getloadavg()[0]:.2f} (other work on the machine inflates wall times)")
    work = Path(tempfile.mkdtemp(prefix="bench_feedback_"))
    alone, together = [], []
    for run in range(args.runs):
        alone.append(merge_wall(args.folder, work / "regio.xlsx", None))
        together.append(merge_wall(args.folder, work / "regio.xlsx", work / "terugkoppeling"))
        (wall, cpu), (wall_fb, cpu_fb) = alone[-1], together[-1]
        print(f"  run {run + 1}: merge {wall:.2f} s ({cpu:.1f} s CPU), merge --feedback "
              f"{wall_fb:.2f} s ({cpu_fb:.1f} s CPU): +{wall_fb - wall:.2f} s wall, "
              f"+{cpu_fb - cpu:.1f} s CPU; load average {os.getloadavg()[0]:.2f}")
    plain = statistics.median(wall for wall, _ in alone)
    with_feedback = statistics.median(wall for wall, _ in together)
    extra_cpu = statistics.median(b[1] - a[1] for a, b in zip(alone, together, strict=True))
    print(f"merge alone: median {plain:.2f} s; with --feedback: median {with_feedback:.2f} s; "
          f"feedback adds {with_feedback - plain:.2f} s wall (target <= 15 s), "
          f"{extra_cpu:.1f} s CPU (over 2 cores: at least {extra_cpu / 2:.1f} s wall)")
    feedback_phase(args.folder, work, args.serial)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
