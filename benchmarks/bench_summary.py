"""Speed of `summary` (part-level write + verification) on a filled card.

Run: .venv/bin/python benchmarks/bench_summary.py [--runs 9] [--rows 60]

Writes a template card with `--rows` partners, then times, each on a fresh
copy: the whole library call `summarize` (read, validate, write the two
sheets, transplant, verify, replace with backup) and its parts: transplant
alone and the openpyxl verification snapshots. Also the CLI as a process.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_validate import median_seconds, sample_card  # noqa: E402

from schoolnet_xl.core.vocabulary import default_vocabulary  # noqa: E402
from schoolnet_xl.edit.summary import OWNED, summarize, write_summary_sheets  # noqa: E402
from schoolnet_xl.edit.transplant import transplant  # noqa: E402
from schoolnet_xl.edit.verify import snapshot  # noqa: E402
from schoolnet_xl.template import write_card  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rows", type=int, default=60)
    args = parser.parse_args()
    vocabulary = default_vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        card = sample_card(vocabulary, args.rows)
        master = write_card(work / "master.xlsx", vocabulary, card)
        target = work / "kaart.xlsx"

        def fresh() -> Path:
            shutil.copyfile(master, target)
            for old in work.glob("kaart.backup-*"):
                old.unlink()
            return target

        whole = median_seconds(lambda: summarize(fresh(), vocabulary), args.runs)
        donor = work / "donor.xlsx"
        write_summary_sheets(donor, card, vocabulary, [], "nl")
        part = median_seconds(lambda: transplant(master, donor, work / "out.xlsx"), args.runs)
        snap = median_seconds(lambda: snapshot(master, set(OWNED)), args.runs)
        cli = []
        for _ in range(max(3, args.runs // 3)):
            fresh()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "schoolnet_xl", "summary", str(target),
                            "--no-backup"], check=True, capture_output=True)
            cli.append(time.perf_counter() - start)
    cli.sort()
    print(f"card with {args.rows} partners, {args.runs} runs (median)")
    print(f"  summarize (library, whole):      {whole * 1000:7.1f} ms")
    print(f"  transplant (part-level write):   {part * 1000:7.1f} ms")
    print(f"  one openpyxl snapshot (verify):  {snap * 1000:7.1f} ms  (two per run)")
    print(f"  schoolnet-xl summary (process):  {cli[len(cli) // 2] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
