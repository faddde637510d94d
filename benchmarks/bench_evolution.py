"""Speed and memory of a merge with several school years (the evolution), on 2 cores.

Run: .venv/bin/python benchmarks/bench_evolution.py [--folder /tmp/bench_evolution]
     [--schools 3000] [--years 3] [--partners 30] [--runs 1] [--maps]
     [--page-cache as-found|cold|warm]

Generates once (kept in --folder) `schools` schools with a card per school year
(9,000 template cards of 30 partners for the defaults): year by year a school
drops two partners, names two new ones, and moves the Intensiteit of three.
Then, in one run:
- `schoolnet-xl merge` of every year with the evolution (the sheet Evolutie;
  without the region maps of the sheet Netwerkkaart regio unless --maps), run as a
  user runs it, in a subprocess: wall time and peak
  memory of the whole process tree (main + workers + the forked row writers): the
  summed RSS sampled from /proc every 20 ms, which counts the pages a forked
  process shares with its parent once per process, and the summed PSS (each
  shared page split between its sharers: the memory really used) every 0.5 s;
  targets <= 12 s and <= 1 GB;
- the same for the latest year alone (3,000 cards), for comparison;
- the phases of each (read, region, evolution, write: the `seconds` of the
  command's --format json), what the sheet Evolutie holds, the CPU seconds of all
  processes (less sensitive than wall time to other work on a shared machine) and
  the read cost per card (the milliseconds each card took in a worker, and wall
  time per card);
- with --runs above 1, the median and range of the wall times of each kind of run.

The merges run with the package's bytecode compiled, as an installed package runs
(`bench_merge.installed_bytecode`).

--page-cache: the cards as the page cache holds them (`as-found`, the default),
dropped before each merge (`cold`: an inbox just copied or synced; needs root on
Linux, else it says so and goes on as found) or read once before each merge (`warm`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import installed_bytecode, run_sampled

FIRST_YEAR = 2023
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
    """One `schoolnet-xl merge` in a subprocess, as measured from outside."""

    wall: float  # seconds
    cpu: float  # seconds, every process of the tree
    peak: int  # bytes: the tree's peak summed RSS
    pss: int  # bytes: the tree's peak summed PSS (sampled every 0.5 s)
    report: dict[str, Any]  # the command's --format json document


def run_merge(inbox: Path, out: Path, maps: bool = False) -> Run:
    """Wall and CPU seconds, the tree's peak RSS and PSS, and the JSON document of one
    `schoolnet-xl merge` as a user runs it (exit and all)."""
    command = [sys.executable, "-m", "schoolnet_xl", "merge", str(inbox), "-o", str(out),
               "--format", "json", *(() if maps else ("--zonder-kaarten",))]
    wall, cpu, peak, _, finished, pss = run_sampled(command)
    if finished.returncode not in (0, 1):
        raise SystemExit(f"merge failed ({finished.returncode}): {finished.stderr.decode()}")
    return Run(wall, cpu, peak, pss, json.loads(finished.stdout.decode()))


def prepare_cache(folder: Path, mode: str) -> str:
    """Put the cards' pages in the state `mode` asks for; returns what was done."""
    if mode == "warm":
        for path in folder.rglob("*.xlsx"):
            path.read_bytes()
        return "warm (read once)"
    if mode == "cold":
        os.sync()
        try:
            Path("/proc/sys/vm/drop_caches").write_text("1\n")
            return "cold (dropped)"
        except OSError as exc:
            return f"as found (could not drop it: {exc.strerror})"
    return "as found"


def evolution_read_back(workbook: Path) -> tuple[int, int, list[list[object]]]:
    """From the sheet Evolutie as written: schools, schools compared with a previous
    card, and per year (schools, shared partners); read after the timing."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Evolutie").to_python()
    shared = next(i for i, row in enumerate(rows) if row[:3] == ["Schooljaar", "Scholen",
                                                                   "Gedeelde partners"])
    years = [row[:3] for row in rows[shared + 1:] if str(row[0])[:2] == "20"][:10]
    head = next((i for i, row in enumerate(rows) if row[0] == "Schoolnaam"), None)
    schools = rows[head + 1:] if head is not None else []
    compared = sum(1 for row in schools if str(row[3])[:2] == "20")
    return len(schools), compared, [[year, int(n), int(m)] for year, n, m in years]


def show(label: str, run: Run, workbook: Path, cache: str) -> None:
    wall, cpu, peak, report = run.wall, run.cpu, run.peak, run.report
    seconds: dict[str, float] = report["seconds"]
    cards = len(report["files"])
    read_ms = sorted(float(f["read_ms"]) for f in report["files"])
    phases = ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items())
    print(f"{label}: {cards} cards, {wall:.2f} s wall, {cpu:.1f} s CPU over all processes "
          f"({cpu / cards * 1000:.2f} ms per card; >= {cpu / 2:.1f} s on 2 idle cores), "
          f"process tree peak {peak / 2**20:.0f} MB RSS summed ({run.pss / 2**20:.0f} MB PSS); "
          f"load average {os.getloadavg()[0]:.2f}; page cache {cache}")
    print(f"  phases: {phases}")
    print(f"  read per card: {sum(read_ms) / cards:.1f} ms in a worker (median "
          f"{read_ms[len(read_ms) // 2]:.1f} ms), {seconds['read'] / cards * 1000:.2f} ms wall "
          f"per card over {os.cpu_count()} cores")
    schools, compared, shared = evolution_read_back(workbook)
    print(f"  Evolutie read back: {schools} schools, {compared} compared with their previous "
          f"card; per year [year, schools, shared partners] {shared}")


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
    parser.add_argument("--page-cache", choices=("as-found", "cold", "warm"),
                        default="as-found", help="the cards' pages before each merge")
    args = parser.parse_args()

    cards = generate(args.folder, args.schools, args.years, args.partners)
    print(f"{cards} cards in {args.folder}; {os.cpu_count()} CPU cores; load average "
          f"{os.getloadavg()[0]:.2f} (other work on the machine inflates wall times)")
    work = Path(tempfile.mkdtemp(prefix="bench_evolution_"))
    installed_bytecode(work / "bytecode")
    latest = args.folder / school_year(args.years - 1)
    walls: dict[str, list[float]] = {"all years": [], "one year": []}
    for index in range(args.runs):
        every = work / f"regio-jaren{index}.xlsx"
        cache = prepare_cache(args.folder, args.page_cache)
        run = run_merge(args.folder, every, args.maps)
        show(f"all {args.years} school years with evolution (targets <= 12 s, <= 1024 MB)",
             run, every, cache)
        walls["all years"].append(run.wall)
        one = work / f"regio-een-jaar{index}.xlsx"
        cache = prepare_cache(latest, args.page_cache)
        run = run_merge(latest, one, args.maps)
        show(f"one school year ({latest.name}) for comparison", run, one, cache)
        walls["one year"].append(run.wall)
    if args.runs > 1:
        for label, values in walls.items():
            print(f"{label}: wall median {statistics.median(values):.2f} s, range "
                  f"{min(values):.2f}-{max(values):.2f} s over {len(values)} runs")

if __name__ == "__main__":
    main()
