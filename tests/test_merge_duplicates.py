"""Duplicate cards: one school and school year twice, and byte-identical copies."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from schoolnet_xl.core.model import Card, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import records, run_cli


def _card(index: int, datum: date, partners: int) -> Card:
    card = make_card(random.Random(index), index, partners=partners)
    return replace(card, header=replace(card.header, datum=Sourced(datum)))


def _write(folder: Path, name: str, card: Card, vocabulary: Vocabulary) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_card(path, vocabulary, card)


def test_the_card_with_the_latest_datum_is_kept_whatever_the_file_order(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    # School 1: the newer card comes first in path order; school 2: the older one does.
    new1 = _write(inbox, "a/school1-nieuw.xlsx", _card(1, date(2025, 11, 15), 6), vocabulary)
    old1 = _write(inbox, "b/school1-oud.xlsx", _card(1, date(2025, 10, 1), 3), vocabulary)
    old2 = _write(inbox, "a/school2-oud.xlsx", _card(2, date(2025, 9, 20), 4), vocabulary)
    new2 = _write(inbox, "b/school2-nieuw.xlsx", _card(2, date(2026, 1, 8), 7), vocabulary)
    out = tmp_path / "regio.xlsx"

    result = run_cli("merge", inbox, "-o", out)

    assert result.returncode == 0, result.stderr
    sources = {Path(r["Pad"]).name: r for r in records(out, "Bronbestanden")}
    assert sources[old1.name]["Soort"] == "dubbel"
    assert sources[old1.name]["Status"] == "vervangen"
    assert str(new1) in sources[old1.name]["Reden"]
    assert sources[old2.name]["Status"] == "vervangen"
    assert str(new2) in sources[old2.name]["Reden"]
    assert sources[new1.name]["Soort"] == sources[new2.name]["Soort"] == "sjabloon"
    schools = records(out, "Scholen")
    assert sorted(Path(s["Bronbestand"]).name for s in schools) == [new1.name, new2.name]
    assert sorted(s["Partners"] for s in schools) == [6, 7]
    partner_files = {Path(p["Bronbestand"]).name for p in records(out, "Partners")}
    assert partner_files == {new1.name, new2.name}


def test_with_equal_datum_the_newest_file_wins(tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    first = _write(inbox, "1.xlsx", _card(3, date(2025, 10, 1), 5), vocabulary)
    second = _write(inbox, "2.xlsx", _card(3, date(2025, 10, 1), 2), vocabulary)
    os.utime(first, (2_000_000_000, 2_000_000_000))  # first is the newest file
    os.utime(second, (1_900_000_000, 1_900_000_000))
    out = tmp_path / "regio.xlsx"

    assert run_cli("merge", inbox, "-o", out).returncode == 0

    sources = {Path(r["Pad"]).name: r["Status"] for r in records(out, "Bronbestanden")}
    assert sources == {"1.xlsx": "gelezen", "2.xlsx": "vervangen"}


def test_an_identical_copy_is_listed_as_duplicate_and_counted_once(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    original = _write(inbox, "mail/kaart.xlsx", _card(4, date(2025, 10, 1), 5), vocabulary)
    copy = inbox / "share/kopie van kaart.xlsx"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    out = tmp_path / "regio.xlsx"

    assert run_cli("merge", inbox, "-o", out).returncode == 0

    sources = {Path(r["Pad"]).name: r for r in records(out, "Bronbestanden")}
    assert sources["kaart.xlsx"]["Status"] == "gelezen"
    assert sources["kopie van kaart.xlsx"]["Status"] == "dubbel (identiek bestand)"
    assert sources["kopie van kaart.xlsx"]["SHA-256"] == sources["kaart.xlsx"]["SHA-256"]
    assert len(records(out, "Scholen")) == 1
    assert len(records(out, "Partners")) == 5
