"""Speed and memory of `schoolnet-xl merge` on a Flanders-sized region.

Run: .venv/bin/python benchmarks/bench_merge.py [--folder /tmp/bench_cards]
     [--cards 3000] [--partners 30] [--runs 5] [--naive-subset 300]

Generates the cards once (template cards of ~30 partners, written in parallel)
into --folder and keeps them there for the next run. Prints
- end-to-end `merge` wall time as a subprocess, median of --runs (target <= 20 s
  on 2 cores), and peak memory: the largest single process (getrusage of the
  children) and the whole process tree (main + workers, sampled from /proc
  every 20 ms) (target <= 1.5 GB);
- the phases of one in-process merge (read, region, write, feedback);
- `merge` alone and `merge --feedback DIR` (a feedback workbook per school),
  back to back, as subprocesses (target: the feedback adds at most 15 s);
- the read phase per card (check_file, one process, after 50 other cards as a
  worker of a merge has) against the floor of opening each zip and reading its
  sheet XML bytes (target <= 4x);
- the naive script a coordinator would write (pandas.read_excel with openpyxl
  in a loop, concat, to_excel), run on a subset and extrapolated linearly to
  all cards, against the merge (target >= 10x faster).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_validate import read_sheet_xml  # the floor


def write_cards(folder: Path, start: int, stop: int, seed: int, partners: int) -> int:
    """Write cards start..stop-1 into folder (one process's share)."""
    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.demo import numbered_card
    from schoolnet_xl.demo.region import CREATED
    from schoolnet_xl.template import write_card

    vocabulary = default_vocabulary()
    for index in range(start, stop):
        target = folder / f"sg{index % 40:02d}" / f"kaart{index:05d}.xlsx"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_card(target, vocabulary, numbered_card(index, seed, partners), created=CREATED)
    return stop - start


def card_parser(doc: str) -> argparse.ArgumentParser:
    """A benchmark's arguments for the cards of this module (--folder, --cards, --partners),
    the same defaults everywhere, so each benchmark reuses the cards generated once."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir(),
                                                            "schoolnet_bench_cards"))
    parser.add_argument("--cards", type=int, default=3000)
    parser.add_argument("--partners", type=int, default=30)
    return parser


def generate(folder: Path, cards: int, partners: int, seed: int = 2026) -> list[Path]:
    existing = sorted(folder.rglob("kaart*.xlsx"))
    if len(existing) < cards:
        print(f"generating {cards} cards of {partners} partners in {folder} ...", flush=True)
        started = time.perf_counter()
        step = 50
        with ProcessPoolExecutor() as pool:
            jobs = [pool.submit(write_cards, folder, i, min(i + step, cards), seed, partners)
                    for i in range(0, cards, step)]
            for job in jobs:
                job.result()
        print(f"  generated in {time.perf_counter() - started:.1f} s")
    return sorted(folder.rglob("kaart*.xlsx"))[:cards]


class TreeMemory(threading.Thread):
    """Peak summed RSS of a process and its descendants, sampled from /proc every
    `interval`; and every `pss_every` samples their summed PSS (smaps_rollup: a page
    shared by n processes counts 1/n; reading it costs ~5 ms per 300 MB process, hence
    the lower rate). Forked processes share their parent's pages, which the RSS sum
    counts once per process: it overstates the memory used, PSS does not."""

    def __init__(self, pid: int, interval: float = 0.02, pss_every: int = 25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak = self.pss_peak = 0
        self.running = True

    def run(self) -> None:
        samples = 0
        while self.running:
            tree = _tree(self.pid)
            self.peak = max(self.peak, sum(_rss(p) for p in tree))
            if samples % self.pss_every == 0:
                self.pss_peak = max(self.pss_peak, sum(_pss(p) for p in tree))
            samples += 1
            time.sleep(self.interval)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    return pids


def _rss(pid: int) -> int:
    return _proc_kib(f"/proc/{pid}/status", "VmRSS:")


def _pss(pid: int) -> int:
    return _proc_kib(f"/proc/{pid}/smaps_rollup", "Pss:")


def _proc_kib(path: str, field: str) -> int:
    """Bytes of a `field:  N kB` line of a /proc file (0 once the process is gone)."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def installed_bytecode(folder: Path) -> None:
    """Have the merges this script starts run with the package's bytecode compiled, as
    after `pip install` (which compiles it): this tree is an editable install, and a
    shell may set PYTHONDONTWRITEBYTECODE. The bytecode goes to `folder` (the
    children's PYTHONPYCACHEPREFIX), compiled once here; measured without it, each
    merge compiles ~85 modules first (~0.1 s)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    package = Path(__file__).resolve().parent.parent / "schoolnet_xl"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                   stdout=subprocess.DEVNULL)


def run_sampled(command: list[str]
                ) -> tuple[float, float, int, int, subprocess.CompletedProcess[bytes], int]:
    """Run `command`: wall seconds, CPU seconds (it and its workers), peak RSS of its
    process tree (TreeMemory), largest single process RSS (ru_maxrss of the children),
    the finished process (return code, stdout, stderr) and the tree's peak PSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = TreeMemory(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.running = False
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finished = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return wall, cpu, sampler.peak, after.ru_maxrss * 1024, finished, sampler.pss_peak


def merge_subprocess(folder: Path, out: Path, jobs: int | None,
                     *extra: str) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (all processes), peak tree RSS and largest process RSS."""
    command = [sys.executable, "-m", "schoolnet_xl", "merge", str(folder), "-o", str(out),
               *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    wall, cpu, peak, largest, finished, _ = run_sampled(command)
    if finished.returncode not in (0, 1):
        raise SystemExit(f"merge failed ({finished.returncode}): {finished.stderr.decode()}")
    print("  " + finished.stdout.decode().strip().splitlines()[-1])
    return wall, cpu, peak, largest


def read_phase_ms(paths: list[Path], warm_up: list[Path]) -> tuple[float, float]:
    """Median ms per card of check_file (read + validate, this process) and of the floor
    (open the zip, read its worksheet and shared-string XML bytes), card by card in turn.

    The reader first reads the `warm_up` cards (others than `paths`), as a worker
    of a merge has read other cards before most of its 1,500: imports done and
    per-vocabulary memos filled, but no card measured is one it has seen.
    """
    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.validate.check import check_file

    vocabulary = default_vocabulary()
    for path in warm_up:
        check_file(path, vocabulary)
    checks, floors = [], []
    for path in paths:
        started = time.perf_counter()
        check_file(path, vocabulary)
        checks.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        read_sheet_xml(path)
        floors.append((time.perf_counter() - started) * 1000)
    return statistics.median(checks), statistics.median(floors)


def naive_seconds(paths: list[Path], out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the coordinator's pandas script: read each, concat, to_excel."""
    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frames = []
    for path in paths:
        frame = pd.read_excel(path, sheet_name="Netwerkkaart", engine="openpyxl", header=None)
        frame["bron"] = str(path)
        frames.append(frame)
    pd.concat(frames).to_excel(out, index=False)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = card_parser(__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--naive-subset", type=int, default=300)
    args = parser.parse_args()

    paths = generate(args.folder, args.cards, args.partners)
    print(f"{len(paths)} cards in {args.folder}; {os.cpu_count()} CPU cores; load average "
          f"{os.getloadavg()[0]:.2f} (other work on the machine inflates wall times)")
    work = Path(tempfile.mkdtemp(prefix="bench_merge_"))
    installed_bytecode(work / "bytecode")

    subset = paths[: args.naive_subset]
    scale = len(paths) / len(subset)
    walls, cpus, trees, largest, naive_walls, naive_cpus = [], [], [], [], [], []
    for run in range(args.runs):  # each merge next to a naive run: drift hits both
        wall, cpu, tree, single = merge_subprocess(args.folder, work / f"regio{run}.xlsx",
                                                   args.jobs)
        naive, naive_cpu = naive_seconds(subset, work / "naive.xlsx")
        walls.append(wall)
        cpus.append(cpu)
        trees.append(tree)
        largest.append(single)
        naive_walls.append(naive * scale)
        naive_cpus.append(naive_cpu * scale)
        print(f"  run {run + 1}: {wall:.2f} s wall, {cpu:.1f} s CPU, process tree peak "
              f"{tree / 2**20:.0f} MB; naive script on {len(subset)} cards {naive:.1f} s "
              f"-> {naive * scale:.0f} s for {len(paths)} ({naive * scale / wall:.1f}x)")
    median_wall, median_cpu = statistics.median(walls), statistics.median(cpus)
    print(f"merge end to end: median {median_wall:.2f} s (target <= 20 s); median CPU "
          f"{median_cpu:.1f} s over all processes, i.e. >= {median_cpu / 2:.1f} s on 2 idle "
          "cores")
    print(f"peak memory: process tree {max(trees) / 2**20:.0f} MB, largest single process "
          f"{max(largest) / 2**20:.0f} MB (target <= 1536 MB)")
    ratios = [naive / wall for naive, wall in zip(naive_walls, walls, strict=True)]
    cpu_ratios = [naive / cpu for naive, cpu in zip(naive_cpus, cpus, strict=True)]
    print(f"naive pandas+openpyxl (read_excel loop, concat, to_excel; {len(subset)} cards per "
          f"run, extrapolated linearly): median {statistics.median(naive_walls):.0f} s; merge "
          f"is {statistics.median(ratios):.1f}x faster in wall time (median of the per-run "
          f"ratios, target >= 10x) and needs {statistics.median(cpu_ratios):.1f}x less CPU")

    alone, alone_cpu = merge_subprocess(args.folder, work / "alone.xlsx", args.jobs)[:2]
    feedback, feedback_cpu = merge_subprocess(args.folder, work / "feedback.xlsx", args.jobs,
                                              "--feedback", str(work / "terugkoppeling"))[:2]
    written = len(list((work / "terugkoppeling").glob("*.xlsx")))
    print(f"merge alone {alone:.2f} s ({alone_cpu:.1f} s CPU), with --feedback ({written} "
          f"workbooks) {feedback:.2f} s ({feedback_cpu:.1f} s CPU): feedback adds "
          f"{feedback - alone:.2f} s wall, {feedback_cpu - alone_cpu:.1f} s CPU "
          "(target <= 15 s)")

    from schoolnet_xl.merge import merge_files

    outcome = merge_files([str(args.folder)], work / "inprocess.xlsx", jobs=args.jobs,
                          feedback_dir=work / "terugkoppeling-inprocess")
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in outcome.seconds.items())
    print(f"phases of one in-process merge (with --feedback): {phases}")
    print(f"  partner rows {len(outcome.region.partners.rows)}, findings "
          f"{len(outcome.region.findings.rows)}, shared partners {len(outcome.region.shared)}")

    sample = paths[:: max(1, len(paths) // 200)][:200]
    others = [path for path in paths[1::max(1, len(paths) // 50)] if path not in sample][:50]
    checked, floor = read_phase_ms(sample, others)
    print(f"read phase per card (200 cards, each read once, after 50 others): check_file "
          f"{checked:.2f} ms, floor (zip + sheet XML bytes) {floor:.2f} ms, ratio "
          f"{checked / floor:.1f}x (target <= 4x)")

if __name__ == "__main__":
    main()
