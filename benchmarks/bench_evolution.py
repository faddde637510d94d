"""Speed and memory of a merge with several school years (the evolution), on 2 cores.

Run: .venv/bin/python benchmarks/bench_evolution.py [--folder /tmp/bench_evolution]
     [--schools 3000] [--years 3] [--partners 30] [--runs 1] [--maps]

Generates once (kept in --folder) `schools` schools with a card per school year
(9,000 template cards of 30 partners for the defaults): year by year a school
drops two partners, names two new ones, and moves the Intensiteit of three.
Then, in one run:
- the merge of every year with the evolution (`merge.merge_files`, which works it
  out in its region phase for the sheet Evolutie; without the region maps of the
  sheet Netwerkkaart regio unless --maps) in a subprocess: wall time and peak
  memory of the whole process tree (main + workers + the forked row writers): the
  summed RSS sampled from /proc every 20 ms, which counts the pages a forked
  process shares with its parent once per process, and the summed PSS (each
  shared page split between its sharers: the memory really used) every 0.5 s;
  targets <= 12 s and <= 1 GB;
- the same for the latest year alone (3,000 cards), for comparison;
- the phases of each (read, region, write, evolution), the CPU seconds of all
  processes (less sensitive than wall time to other work on a shared machine) and
  the read cost per card (the milliseconds each card took in a worker, and wall
  time per card).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import run_sampled

FIRST_YEAR = 2023
DRIVER = """
import json, sys
from schoolnet_xl.merge.run import merge_files
outcome = merge_files([sys.argv[1]], sys.argv[2], maps=sys.argv[3] == "1")
evolution = outcome.region.evolution
seconds = outcome.seconds
print(json.dumps({"seconds": seconds, "cards": len(outcome.results),
                  "read_ms": sorted(r.read_ms for r in outcome.results),
                  "schools": len(evolution.schools.rows),
                  "compared": len(evolution.comparisons),
                  "shared": evolution.shared.rows}))
"""


def school_year(offset: int) -> str:
    return f"{FIRST_YEAR + offset}-{FIRST_YEAR + offset + 1}"


def write_school(folder: Path, index: int, years: int, seed: int, partners: int) -> int:
    """Every school-year card of school `index` (its partners evolving year by year)."""
    from datetime import date

    from schoolnet_xl.core.model import Sourced
    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.demo import numbered_card
    from schoolnet_xl.demo.cards import INTENSITIES
    from schoolnet_xl.demo.region import CREATED
    from schoolnet_xl.template import write_card

    vocabulary = default_vocabulary()
    card = numbered_card(index, seed, partners)
    newcomers = numbered_card(index + 100_000, seed, partners).partners
    rng = random.Random(f"{seed}-evolution-{index}")
    for offset in range(years):
        target = folder / school_year(offset) / f"sg{index % 40:02d}" / f"kaart{index:05d}.xlsx"
        if offset:
            for _ in range(2):
                card.partners.pop(rng.randrange(len(card.partners)))
                card.partners.append(newcomers.pop())
            for partner in rng.sample(card.partners, 3):
                partner.intensiteit = Sourced(rng.choice(INTENSITIES))
        card.header.schooljaar = Sourced(school_year(offset))
        card.header.datum = Sourced(date(FIRST_YEAR + offset, 10, 1))
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_card(target, vocabulary, card, created=CREATED)
    return years


def write_share(folder: Path, start: int, stop: int, years: int, seed: int,
                partners: int) -> int:
    return sum(write_school(folder, i, years, seed, partners) for i in range(start, stop))


def generate(folder: Path, schools: int, years: int, partners: int, seed: int = 2026) -> int:
    cards = sum(1 for _ in folder.rglob("kaart*.xlsx")) if folder.exists() else 0
    if cards < schools * years:
        print(f"generating {schools} schools x {years} school years of {partners} partners "
              f"in {folder} ...", flush=True)
        started = time.perf_counter()
        with ProcessPoolExecutor() as pool:
            jobs = [pool.submit(write_share, folder, i, min(i + 50, schools), years, seed,
                                partners) for i in range(0, schools, 50)]
            cards = sum(job.result() for job in jobs)
        print(f"  generated in {time.perf_counter() - started:.1f} s")
    return cards


class Run(NamedTuple):
    """One merge in a subprocess, as measured from outside."""

    wall: float  # seconds
    cpu: float  # seconds, every process of the tree
    peak: int  # bytes: the tree's peak summed RSS
    pss: int  # bytes: the tree's peak summed PSS (sampled every 0.5 s)
    report: dict[str, object]  # what the driver printed


def run_driver(inbox: Path, out: Path, maps: bool = False) -> Run:
    """Wall and CPU seconds, the tree's peak RSS and PSS, and the driver's report of one
    merge."""
    command = [sys.executable, "-c", DRIVER, str(inbox), str(out), "1" if maps else "0"]
    wall, cpu, peak, _, finished, pss = run_sampled(command)
    if finished.returncode != 0:
        raise SystemExit(f"merge failed ({finished.returncode}): {finished.stderr.decode()}")
    return Run(wall, cpu, peak, pss, json.loads(finished.stdout.decode().strip().splitlines()[-1]))


def show(label: str, run: Run) -> None:
    wall, cpu, peak, report = run.wall, run.cpu, run.peak, run.report
    seconds: dict[str, float] = report["seconds"]  # type: ignore[assignment]
    cards = int(report["cards"])  # type: ignore[call-overload]
    read_ms: list[float] = report["read_ms"]  # type: ignore[assignment]
    phases = ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items())
    print(f"{label}: {cards} cards, {wall:.2f} s wall, {cpu:.1f} s CPU over all processes "
          f"({cpu / cards * 1000:.2f} ms per card; >= {cpu / 2:.1f} s on 2 idle cores), "
          f"process tree peak {peak / 2**20:.0f} MB RSS summed ({run.pss / 2**20:.0f} MB PSS); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"  phases: {phases}")
    print(f"  read per card: {sum(read_ms) / cards:.1f} ms in a worker (median "
          f"{read_ms[len(read_ms) // 2]:.1f} ms), {seconds['read'] / cards * 1000:.2f} ms wall "
          f"per card over {os.cpu_count()} cores")
    print(f"  evolution: {report['schools']} schools, {report['compared']} compared with "
          f"their previous card; shared partners per year {report['shared']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir(),
                                                            "schoolnet_bench_evolution"))
    parser.add_argument("--schools", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--partners", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--maps", action="store_true",
                        help="also draw the region maps (sheet Netwerkkaart regio)")
    args = parser.parse_args()

    cards = generate(args.folder, args.schools, args.years, args.partners)
    print(f"{cards} cards in {args.folder}; {os.cpu_count()} CPU cores; load average "
          f"{os.getloadavg()[0]:.2f} (other work on the machine inflates wall times)")
    work = Path(tempfile.mkdtemp(prefix="bench_evolution_"))
    latest = args.folder / school_year(args.years - 1)
    for index in range(args.runs):
        show(f"all {args.years} school years with evolution (targets <= 12 s, <= 1024 MB)",
             run_driver(args.folder, work / f"regio-jaren{index}.xlsx", args.maps))
        show(f"one school year ({latest.name}) for comparison",
             run_driver(latest, work / f"regio-een-jaar{index}.xlsx", args.maps))

if __name__ == "__main__":
    main()
