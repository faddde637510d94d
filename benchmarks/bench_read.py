"""Speed of reading one 200-row template card, stage by stage, against a floor.

Run: .venv/bin/python benchmarks/bench_read.py [--runs 40] [--rows 200]

Prints the median ms of
- the floor: open the zip and read the sheet XML bytes (+ shared strings);
- read_card, and read_card + validate (the rule engine), on one card again and
  again (the Excel button's case: values already judged are remembered) and on
  `--runs` different cards of as many schools, each read once (the CLI's case);
- the stages of read_card: probe, workbook data (calamine + package XML),
  card_from_workbook_data;
and the ratios to the floor (target: read + validate <= 5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_validate import median_seconds, sample_card  # a filled 200-row card

if TYPE_CHECKING:
    from schoolnet_xl.vocabulary import Vocabulary


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` in ms over `runs` runs, after one warm-up."""
    return median_seconds(action, runs) * 1000


def floor(path: Path) -> int:
    """Open the zip and read every worksheet's XML and the shared strings."""
    with zipfile.ZipFile(path) as archive:
        return sum(len(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml")


def once_each_ms(paths: list[Path], vocabulary: Vocabulary) -> float:
    """Median ms of read_card + validate over different cards, each read once."""
    from schoolnet_xl.read import read_card
    from schoolnet_xl.rules.engine import validate

    times = []
    for path in paths:
        started = time.perf_counter()
        validate(read_card(path, vocabulary).card, vocabulary)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()

    from schoolnet_xl.probe import probe
    from schoolnet_xl.read import card_from_workbook_data, read_card
    from schoolnet_xl.read.file import workbook_data_from_file
    from schoolnet_xl.rules.engine import validate
    from schoolnet_xl.template import write_card
    from schoolnet_xl.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.xlsx"
        write_card(path, vocabulary, card=sample_card(vocabulary, args.rows))
        result = read_card(path, vocabulary)
        assert result.card is not None and len(result.card.partners) == args.rows, result.reason

        def read_and_validate() -> None:
            validate(read_card(path, vocabulary).card, vocabulary)

        schools = []
        for variant in range(1, args.runs + 1):
            schools.append(Path(folder) / f"school{variant}.xlsx")
            write_card(schools[-1], vocabulary, card=sample_card(vocabulary, args.rows, variant))
        data = workbook_data_from_file(path, "xlsx")
        figures = {
            "floor (zip + sheet XML bytes)": median_ms(lambda: floor(path), args.runs),
            "read_card": median_ms(lambda: read_card(path, vocabulary), args.runs),
            "read_card + validate": median_ms(read_and_validate, args.runs),
            "read_card + validate, each card once": once_each_ms(schools, vocabulary),
            "  probe": median_ms(lambda: probe(path), args.runs),
            "  workbook data (calamine + package XML)": median_ms(
                lambda: workbook_data_from_file(path, "xlsx"), args.runs),
            "  card_from_workbook_data": median_ms(
                lambda: card_from_workbook_data(data, vocabulary), args.runs),
        }
    base = figures["floor (zip + sheet XML bytes)"]
    print(f"card: {args.rows} partner rows, {args.runs} runs, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")
    for label, ms in figures.items():
        print(f"{label:45} {ms:7.2f} ms  {ms / base:5.1f}x floor")
    for label in ("read_card + validate", "read_card + validate, each card once"):
        print(f"ratio {label} / floor: {figures[label] / base:.1f}x (target <= 5x)")


if __name__ == "__main__":
    main()
