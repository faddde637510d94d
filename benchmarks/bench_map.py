"""Speed of the drawn network map: one 30-partner card, and many different cards on 2 cores.

Run: .venv/bin/python benchmarks/bench_map.py [--runs 9] [--partners 30] [--cards 200]

Prints the median over `--runs` of one map of a `--partners` card: the layout
alone, the whole PNG (150 and 100 dpi), SVG and PDF (layout, figure, render,
encode). Then
`--cards` different demo cards (each name new to the text-width cache, as in a
merge) drawn as PNG by 2 worker processes, with the throughput per map and what
that makes for the 3,000 maps of a 3,000-school merge.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schoolnet_xl.core.vocabulary import default_vocabulary  # noqa: E402
from schoolnet_xl.demo.cards import numbered_card  # noqa: E402
from schoolnet_xl.draw.layout import plan_network  # noqa: E402
from schoolnet_xl.draw.model import NetworkMap, network_map_from_card  # noqa: E402
from schoolnet_xl.draw.network import draw_network_map  # noqa: E402
from schoolnet_xl.draw.output import FORMATS  # noqa: E402


def median_ms(job: Callable[[], object], runs: int) -> str:
    """Median wall and CPU time of `job` in milliseconds (one warm-up call first): on a
    busy shared machine the CPU time is the steadier figure."""
    job()
    wall, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), time.process_time()
        job()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return f"{statistics.median(wall) * 1000:7.1f} ms ({statistics.median(cpu) * 1000:5.1f} CPU)"


def demo_map(index: int, partners: int) -> NetworkMap:
    vocabulary = default_vocabulary()
    return network_map_from_card(numbered_card(index, partners_per_card=partners), vocabulary)


def draw_one(index: int) -> int:
    """A worker's job: one card's PNG (its size in bytes)."""
    return len(draw_network_map(demo_map(index, 30), default_vocabulary(), "png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--partners", type=int, default=30)
    parser.add_argument("--cards", type=int, default=200)
    args = parser.parse_args()
    vocabulary = default_vocabulary()
    network = demo_map(1, args.partners)
    print(f"one map of {args.partners} partners, median of {args.runs}:")
    print(f"  layout only  {median_ms(lambda: plan_network(network, vocabulary), args.runs)}")
    for fmt in FORMATS:
        ms = median_ms(partial(draw_network_map, network, vocabulary, fmt), args.runs)
        size = len(draw_network_map(network, vocabulary, fmt)) / 1024
        print(f"  {fmt}          {ms}   {size:6.0f} KiB")
    small = partial(draw_network_map, network, vocabulary, "png", dpi=100)
    print(f"  png 100 dpi  {median_ms(small, args.runs)}   {len(small()) / 1024:6.0f} KiB")
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(draw_one, range(2)))  # start both workers, import matplotlib
        start = time.perf_counter()
        list(pool.map(draw_one, range(1000, 1000 + args.cards), chunksize=8))
        elapsed = time.perf_counter() - start
    per_map = elapsed / args.cards
    print(f"{args.cards} different 30-partner cards as PNG on 2 processes: {elapsed:.1f} s, "
          f"{per_map * 1000:.0f} ms per map; 3,000 maps: {per_map * 3000:.0f} s")


if __name__ == "__main__":
    main()
