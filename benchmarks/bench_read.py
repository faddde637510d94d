"""Speed of reading one 200-row template card, stage by stage, against a floor.

Run: .venv/bin/python benchmarks/bench_read.py [--runs 40] [--rows 200]

Prints the median ms of
- the floor: open the zip and read the sheet XML bytes (+ shared strings);
- read_card, and read_card + validate (the rule engine), on one card again and
  again (the Excel button's case: values already judged are remembered) and on
  `--runs` different cards of as many schools, each read once (the CLI's case);
- the stages of read_card: probe, workbook data (calamine + package XML),
  card_from_workbook_data;
- a merge worker's whole job per card, `pipeline.read_cards` (fingerprint, read,
  validate, compact rows), each card once;
and the ratios to the floor (target: read + validate <= 5x); last the CPU time
(`time.process_time`, not wall) of read_cards per card over all the cards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# the floor, and a filled 200-row card
from benchmarks.bench_validate import read_sheet_xml, sample_card
from schoolnet_xl.merge import pipeline


def interleaved_medians(actions: dict[str, Callable[[int], object]], runs: int
                        ) -> dict[str, float]:
    """Median ms of each action, run in turn (run i calls every action with i).

    Interleaving spreads a machine's slow spells over all figures alike, so
    their ratios hold even when the absolute times drift.
    """
    for action in actions.values():
        action(0)  # warm-up
    times: dict[str, list[float]] = {label: [] for label in actions}
    for run in range(runs):
        for label, action in actions.items():
            started = time.perf_counter()
            action(run)
            times[label].append((time.perf_counter() - started) * 1000)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()

    from schoolnet_xl.core.vocabulary import default_vocabulary
    from schoolnet_xl.read import card_from_workbook_data, read_card
    from schoolnet_xl.read.from_file import workbook_data_from_file
    from schoolnet_xl.read.probe import probe
    from schoolnet_xl.template import write_card
    from schoolnet_xl.validate.engine import validate

    vocabulary = default_vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.xlsx"
        write_card(path, vocabulary, card=sample_card(vocabulary, args.rows))
        result = read_card(path, vocabulary)
        assert result.card is not None and len(result.card.partners) == args.rows, \
            result.reason()

        def read_and_validate(_: int) -> None:
            validate(read_card(path, vocabulary).card, vocabulary)

        def another_school(run: int) -> None:
            validate(read_card(schools[run], vocabulary).card, vocabulary)

        schools = []
        for variant in range(1, args.runs + 2):
            schools.append(Path(folder) / f"school{variant}.xlsx")
            write_card(schools[-1], vocabulary, card=sample_card(vocabulary, args.rows, variant))
        data = workbook_data_from_file(path, "xlsx")
        pipeline._init_worker(None, "nl")  # as a merge worker starts: the vocabulary loaded
        figures = interleaved_medians({
            "floor (zip + sheet XML bytes)": lambda _: read_sheet_xml(path),
            "read_card": lambda _: read_card(path, vocabulary),
            "read_card + validate": read_and_validate,
            "read_card + validate, each card once": lambda run: another_school(run + 1),
            "  probe": lambda _: probe(path),
            "  workbook data (calamine + package XML)":
                lambda _: workbook_data_from_file(path, "xlsx"),
            "  card_from_workbook_data": lambda _: card_from_workbook_data(data, vocabulary),
            "merge worker (read_cards), each card once":
                lambda run: pipeline.read_cards(str(schools[run + 1])),
        }, args.runs)
        cpu = read_cards_cpu([str(school) for school in schools])
    base = figures["floor (zip + sheet XML bytes)"]
    print(f"card: {args.rows} partner rows, {args.runs} runs, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")
    for label, ms in figures.items():
        print(f"{label:45} {ms:7.2f} ms  {ms / base:5.1f}x floor")
    for label in ("read_card + validate", "read_card + validate, each card once"):
        print(f"ratio {label} / floor: {figures[label] / base:.1f}x (target <= 5x)")
    print(f"read_cards CPU per card, {len(schools)} cards: {cpu:.2f} ms")


def read_cards_cpu(paths: list[str]) -> float:
    """CPU ms per card of a merge worker's `read_cards`, each path read once after a
    warm-up pass (the vocabulary loaded and the worker's memos filled, as in a merge)."""
    for path in paths:
        pipeline.read_cards(path)
    started = time.process_time()
    for path in paths:
        pipeline.read_cards(path)
    return (time.process_time() - started) * 1000 / len(paths)


if __name__ == "__main__":
    main()
