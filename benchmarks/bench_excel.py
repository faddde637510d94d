"""Speed of the Valideer button through xlwings Server (in-process), and its request size.

Run: .venv/bin/python benchmarks/bench_excel.py [--runs 15] [--rows 200]

Writes a 200-row template card (every 20th e-mail address broken, so cells get
marked), builds the JSON the Office.js client would send for it, and POSTs it
to the real xlwings Server app with our scripts (FastAPI TestClient, no network).
Prints the median time of one `valideer` call (target <= 150 ms on 2 cores),
the request size in KB and the number of actions returned.
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import argparse
import dataclasses
import json
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_validate import median_seconds, sample_card  # noqa: E402

from schoolnet_xl.core.model import Sourced  # noqa: E402
from schoolnet_xl.core.vocabulary import default_vocabulary  # noqa: E402
from schoolnet_xl.template import write_card  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from schoolnet_xl.excel.server import create_app
    from tests.support.xlwings_payload import payload_from_file, payload_json

    vocabulary = default_vocabulary()
    card = sample_card(vocabulary, args.rows)
    for index in range(0, len(card.partners), 20):
        card.partners[index] = dataclasses.replace(
            card.partners[index], email=Sourced(f"onthaal{index}@@partner"))
    with tempfile.TemporaryDirectory() as folder:
        path = write_card(Path(folder) / "kaart.xlsx", vocabulary, card)
        body = payload_json(payload_from_file(path)).encode("utf-8")
    client = TestClient(create_app())
    logging.disable(logging.INFO)  # xlwings Server logs every call at INFO
    headers = {"Content-Type": "application/json"}

    def call() -> dict:
        response = client.post("/xlwings/custom-scripts-call/valideer", content=body,
                               headers=headers)
        response.raise_for_status()
        return response.json()

    returned = call()
    seconds = median_seconds(call, args.runs)
    print(f"valideer via xlwings Server ({args.rows} rijen), mediaan: {seconds * 1000:.1f} ms "
          f"(doel <= 150 ms)")
    print(f"verzoek: {len(body) / 1024:.1f} KB; antwoord: "
          f"{len(json.dumps(returned)) / 1024:.1f} KB met {len(returned['actions'])} acties")


if __name__ == "__main__":
    main()
