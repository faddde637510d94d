"""Speed of validating one card: whole process and library, against a floor.

Run: .venv/bin/python benchmarks/bench_validate.py [--runs 15]

Prints
- the median wall time of the subprocess `schoolnet-xl validate card.xlsx` on a
  200-row template card (target <= 0.35 s on 2 cores);
- the library's read_card + validate median (ms) and its ratio to the floor of
  opening the zip and reading the sheet XML bytes (target <= 5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary


def sample_card(vocabulary: Vocabulary, rows: int, variant: int = 0) -> Card:
    """A filled card with `rows` partners cycling through the categories.

    `variant` changes every organisation name and e-mail address (another school).
    """
    header = Header(
        schoolnaam=Sourced("Sint-Jozefsschool"), instellingsnummer=Sourced("030569"),
        onderwijsniveau=Sourced("Basisonderwijs"), gemeente=Sourced("Brugge"),
        schooljaar=Sourced("2025-2026"), ingevuld_door=Sourced("zorgcoördinator"),
        datum=Sourced(date(2025, 9, 15)),
    )
    partners = []
    for i in range(rows):
        category = vocabulary.categories[i % len(vocabulary.categories)]
        partners.append(Partner(
            row=i + 1, sheet="Netwerkkaart",
            organisatie=Sourced(f"{category.label} partner {i}.{variant}"),
            aard=Sourced("Overleg en samenwerking rond leerlingen en ouders"),
            focus={f.code: Sourced("X" if (i + n) % 2 else None)
                   for n, f in enumerate(vocabulary.focus)},
            categorie=Sourced(category.label), category_code=category.code,
            email=Sourced(f"onthaal{i}.{variant}@partner.be"), telefoon=Sourced("050 12 34 56"),
            intensiteit=Sourced("3 Samenwerken"), interne_trekker=Sourced("directie"),
            antennefunctie=Sourced("Ja"), status=Sourced("Actief"), sinds=Sourced(2019),
        ))
    return Card(path="", kind="template", header=header, partners=partners)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` over `runs` runs, after one warm-up."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_sheet_xml(path: Path) -> int:
    """The floor: open the zip and read every worksheet's XML and the shared strings."""
    with zipfile.ZipFile(path) as archive:
        return sum(len(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml")


def _heavy_imports(command: list[str]) -> list[str]:
    """Which of pandas, openpyxl, xlsxwriter, rapidfuzz the validate process imports."""
    traced = subprocess.run([sys.executable, "-X", "importtime", "-c",
                             "import sys; from schoolnet_xl.cli import main; "
                             "sys.argv = ['schoolnet-xl', *sys.argv[1:]]; main()",
                             *command[1:]], capture_output=True, text=True, check=False)
    modules = {line.split("|")[-1].strip() for line in traced.stderr.splitlines()
               if line.startswith("import time:")}
    return sorted(m for m in ("pandas", "openpyxl", "xlsxwriter", "rapidfuzz") if m in modules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()

    from schoolnet_xl.read import read_card
    from schoolnet_xl.template import write_card
    from schoolnet_xl.validate.engine import validate

    vocabulary = default_vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        card_path = Path(folder) / "card.xlsx"
        write_card(card_path, vocabulary, card=sample_card(vocabulary, args.rows))
        command = [str(Path(sys.executable).with_name("schoolnet-xl")), "validate",
                   str(card_path)]

        process = median_seconds(
            lambda: subprocess.run(command, capture_output=True, check=False), args.runs)

        def library() -> None:
            result = read_card(card_path, vocabulary=vocabulary)
            assert result.card is not None, result.reason()
            validate(result.card, vocabulary)

        library_s = median_seconds(library, args.runs * 4)
        read_s = median_seconds(lambda: read_card(card_path, vocabulary=vocabulary),
                                args.runs * 4)
        card = read_card(card_path, vocabulary=vocabulary).card
        assert card is not None
        validate_s = median_seconds(lambda: validate(card, vocabulary), args.runs * 4)
        heavy = _heavy_imports(command)
        floor_s = median_seconds(lambda: read_sheet_xml(card_path), args.runs * 4)

    print(f"card: {args.rows} rows, {args.runs} runs, {os.cpu_count()} cores")
    print(f"schoolnet-xl validate card.xlsx (whole process), median: {process:.3f} s "
          f"(target <= 0.35 s)")
    print(f"library read_card + validate, median: {library_s * 1000:.1f} ms")
    print(f"  of which read_card: {read_s * 1000:.1f} ms, validate (rules only): "
          f"{validate_s * 1000:.1f} ms")
    print(f"heavy modules imported by the validate process: {', '.join(heavy) or 'none'}")
    print(f"floor: open zip + read sheet XML bytes, median: {floor_s * 1000:.2f} ms")
    print(f"ratio library / floor: {library_s / floor_s:.1f}x (target <= 5x)")


if __name__ == "__main__":
    main()
