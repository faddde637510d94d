"""Start-up and warm `valideer` of the serverless add-in (xlwings Wasm), Node and Chromium.

Run: .venv/bin/python benchmarks/bench_addin.py [--runs 15] [--rows 200]

Builds the add-in offline with `schoolnet-xl addin build` (the download cache is
filled first when empty), serves the folder over HTTPS on 127.0.0.1 and loads its
Python as the task pane does: under Node with the npm `pyodide` package and in
headless Chromium opening the built task pane (the runners of
tests/test_addin_wasm.py). Prints the start-up time of the Python and the median
of warm `valideer` calls on a template card of --rows rows (every 20th e-mail broken).
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schoolnet_xl.core.vocabulary import default_vocabulary  # noqa: E402
from schoolnet_xl.excel.wasm import cache  # noqa: E402
from tests.support.xlwings_payload import card_with, payload_from_file  # noqa: E402
from tests.test_addin_wasm import (  # noqa: E402
    BROWSER_RUNNER,
    CLI,
    HEADER,
    NODE_RUNNER,
    Host,
    big_rows,
    playwright_core,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()
    cache.fill(cache.default_cache())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        host = Host(work)
        subprocess.run([CLI, "addin", "build", "--url", host.url, "-o", str(host.dist),
                        "--offline"], check=True, capture_output=True, timeout=300)
        card = card_with(work / "kaart.xlsx", default_vocabulary(), HEADER,
                         big_rows(args.rows))
        jobs = work / "jobs.json"
        jobs.write_text(json.dumps([{"name": "big", "script": "valideer", "repeat": args.runs,
                                     "payload": payload_from_file(card)}]), encoding="utf-8")
        (work / "run.mjs").write_text(NODE_RUNNER, encoding="utf-8")
        (work / "browser.cjs").write_text(BROWSER_RUNNER, encoding="utf-8")
        host.thread.start()
        try:
            node = run(["node", str(work / "run.mjs"), host.url, str(host.dist), str(jobs),
                        host.config_path()], {"NODE_EXTRA_CA_CERTS": str(host.cert)})
            browser = run(["node", str(work / "browser.cjs"), str(playwright_core()),
                           f"{host.url}/taskpane.html", str(jobs)], {})
        finally:
            host.server.shutdown()
    for where, report in (("Node", node), ("Chromium", browser)):
        times = report["results"][0]["times"]
        print(f"{where}: Python start-up {report['startup'] / 1000:.2f} s; valideer "
              f"({args.rows} rijen) warm mediaan {statistics.median(times[1:]):.1f} ms, "
              f"eerste {times[0]:.1f} ms")


def run(command: list[str], extra_env: dict[str, str]) -> dict:
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600,
                          env={**os.environ, **extra_env})
    return json.loads(done.stdout)


if __name__ == "__main__":
    main()
