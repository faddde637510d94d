"""What the drawn maps cost a Flanders-sized `merge --feedback` (3,000 cards).

Run: .venv/bin/python benchmarks/bench_maps.py [--folder /tmp/schoolnet_bench_cards]
     [--cards 3000] [--partners 30]

The cards are bench_merge's (generated once into --folder). Three merges with
`--feedback DIR`, one after the other, as subprocesses, with a fresh map cache:
- `--zonder-kaarten`: no map at all (neither feedback maps nor Netwerkkaart regio);
- with maps, cold cache: every school's map drawn (forked, one process per core);
- with maps, warm cache: the same inbox again, every map read from the cache.
Prints wall and CPU seconds (all processes) of each, and the machine's load.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import card_parser, generate, merge_subprocess
from schoolnet_xl.merge.maps import CACHE_ENV


def main() -> None:
    parser = card_parser(__doc__)
    args = parser.parse_args()
    paths = generate(args.folder, args.cards, args.partners)
    print(f"{len(paths)} cards in {args.folder}; load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench_maps_") as scratch:
        os.environ[CACHE_ENV] = str(Path(scratch, "cache"))
        out = Path(scratch, "regio.xlsx")
        runs = [("no maps (--zonder-kaarten)", ["--zonder-kaarten"]),
                ("maps, cold cache", []), ("maps, warm cache", [])]
        for label, extra in runs:
            wall, cpu, _, _ = merge_subprocess(args.folder, out, None, "--feedback",
                                               str(Path(scratch, "terugkoppeling")), *extra)
            cached = len(list(Path(scratch, "cache").glob("*.png")))
            print(f"{label:28s} wall {wall:6.1f} s  CPU {cpu:6.1f} s  "
                  f"({cached} maps in the cache; load {os.getloadavg()[0]:.2f})", flush=True)


if __name__ == "__main__":
    main()
