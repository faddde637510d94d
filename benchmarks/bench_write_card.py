"""Time write_card: the blank template and a 30-partner pre-filled card."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import default_vocabulary
from schoolnet_xl.template import write_card


def main() -> None:
    vocabulary = default_vocabulary()
    codes = [c.code for c in vocabulary.categories]
    partners = [
        Partner(row=0, sheet="", organisatie=Sourced(f"Partner {i}"), aard=Sourced("samen"),
                focus={"KANS": Sourced("X")}, category_code=codes[i % len(codes)],
                email=Sourced("info@partner.be"), sinds=Sourced(2020))
        for i in range(30)
    ]
    card = Card("x", "template", Header(schoolnaam=Sourced("School")), partners)
    with tempfile.TemporaryDirectory() as folder:
        write_card(Path(folder, "warm.xlsx"), vocabulary)  # import XlsxWriter once
        for label, subject in (("blank template", None), ("30-partner card", card)):
            times = []
            for i in range(20):
                start = time.perf_counter()
                write_card(Path(folder, f"{i}.xlsx"), vocabulary, subject)
                times.append((time.perf_counter() - start) * 1000)
            print(f"{label}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
