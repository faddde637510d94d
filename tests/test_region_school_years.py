"""One school, one row: an inbox with two school years for some schools.

Cards are written with the template writer; the expected figures come from
the `Card` objects written, not from the merge: each school counts once, with
its latest school year (or the one asked for), the older card is listed in
Bronbestanden and stays reachable per school and year.
"""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.merge import merge_files
from schoolnet_xl.template import write_card
from tests.support.regional import records, run_cli, sheet_rows

NOW, BEFORE = "2025-2026", "2024-2025"


def _card(index: int, year: str, partners: int) -> Card:
    """School `index`'s card of `year` (last year's with other, fewer partners)."""
    card = make_card(random.Random(f"{index}-{year}"), index, partners=partners)
    number = f"{200000 + index:06d}"
    header = replace(card.header, instellingsnummer=Sourced(number),
                     schoolnaam=Sourced(f"School {index}"), schooljaar=Sourced(year),
                     datum=Sourced(date(int(year[:4]), 10, 1)))
    return replace(card, header=header)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Card]]]:
    """Five schools this year; schools 0 and 1 also last year (in another folder,
    a few sorting before this year's), school 2 only last year."""
    from schoolnet_xl.core.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    base = tmp_path_factory.mktemp("years")
    cards: dict[str, dict[str, Card]] = {}
    plan = [(i, NOW, 6 + i) for i in (0, 1, 3, 4)] + [(i, BEFORE, 3) for i in (0, 1, 2)]
    for index, year, partners in plan:
        card = _card(index, year, partners)
        folder = "a-archief" if year == BEFORE else "z-dit-jaar"
        target = base / "inbox" / folder / f"school{index}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_card(target, vocabulary, card)
        cards.setdefault(card.header.instellingsnummer.text, {})[year] = card
    return base, cards


def _latest(cards: dict[str, dict[str, Card]]) -> dict[str, Card]:
    return {number: years[max(years)] for number, years in cards.items()}


def test_each_school_counts_once_with_its_latest_year_and_the_older_is_listed(
        inbox: tuple[Path, dict[str, dict[str, Card]]]) -> None:
    base, cards = inbox
    out = base / "regio.xlsx"
    result = run_cli("merge", base / "inbox", "-o", out, "--csv", base / "csv")
    assert result.returncode == 0, result.stderr
    latest = _latest(cards)
    assert len(latest) == 5
    schools = records(out, "Scholen")
    assert sorted((r["Instellingsnummer"], r["Schooljaar"]) for r in schools) == sorted(
        (n, c.header.schooljaar.text) for n, c in latest.items())
    assert {r["Instellingsnummer"]: r["Partners"] for r in schools} == {
        n: len(c.partners) for n, c in latest.items()}
    dekking = sheet_rows(out, "Dekking")
    assert sorted(r[1] for r in dekking[1:6]) == sorted(latest)
    assert dekking[6][0] == "Totaal partners (zichtbare rijen)"
    partners = records(out, "Partners")
    assert len(partners) == sum(len(c.partners) for c in latest.values())
    assert {(r["Instellingsnummer"], r["Schooljaar"]) for r in partners} == {
        (n, c.header.schooljaar.text) for n, c in latest.items()}
    # no organisation is "shared" only because one school named it in two years
    for shared in records(out, "Gedeelde partners"):
        assert shared["Aantal scholen"] == len(set(shared["Scholen"].split(" | ")))
    overview = {r[0]: r[1] for r in sheet_rows(out, "Overzicht") if r and r[0]}
    assert overview["Scholen in de regio (één kaart per school)"] == 5
    assert overview["ouder of ander schooljaar (zie Bronbestanden)"] == 2
    sources = {Path(r["Pad"]).name + "/" + Path(r["Pad"]).parent.name: r
               for r in records(out, "Bronbestanden")}
    for index in (0, 1):
        older = sources[f"school{index}.xlsx/a-archief"]
        assert (older["Soort"], older["Status"]) == ("ander schooljaar", "ouder schooljaar")
        assert BEFORE in older["Reden"] and f"z-dit-jaar/school{index}.xlsx" in older["Reden"]
    assert sources["school2.xlsx/a-archief"]["Status"] == "gelezen"  # its only card
    with (base / "csv" / "scholen.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert sorted(row[1] for row in rows[1:]) == sorted(latest)
    assert "2 ouder of ander schooljaar" in result.stdout
    assert "5 scholen" in result.stdout
    # The older cards are expected (the docs say: keep last year's cards in the inbox):
    # one line on stderr, not a line per card burying the unreadable ones.
    assert "a-archief" not in result.stderr
    assert "" not in result.stderr.splitlines()  # no progress bar's leftovers in a pipe
    assert ("2 kaarten van een ouder schooljaar: tellen mee voor het blad Evolutie en "
            "staan in Bronbestanden") in result.stderr.splitlines()


def test_cards_of_a_later_year_than_asked_are_counted_in_one_line(
        inbox: tuple[Path, dict[str, dict[str, Card]]]) -> None:
    base, cards = inbox
    result = run_cli("merge", base / "inbox", "-o", base / "vorig-cli.xlsx",
                     "--schooljaar", BEFORE, "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    later = sum(NOW in years for years in cards.values())
    assert (f"{later} cards of a later school year than asked for: count nowhere and are listed "
            "in Bronbestanden") in lines
    assert "z-dit-jaar" not in result.stderr


def test_the_school_year_asked_for_is_shown_and_every_card_kept_per_school(
        inbox: tuple[Path, dict[str, dict[str, Card]]], vocabulary: Vocabulary) -> None:
    base, cards = inbox
    outcome = merge_files([str(base / "inbox")], base / "vorig.xlsx", jobs=1,
                          school_year=BEFORE)
    shown = records(outcome.output, "Scholen")
    last_year = {n for n, years in cards.items() if BEFORE in years}
    assert {r["Instellingsnummer"] for r in shown} == last_year
    assert {r["Schooljaar"] for r in shown} == {BEFORE}
    statuses = {r["Status"] for r in records(outcome.output, "Bronbestanden")
                if "z-dit-jaar" in r["Pad"]}
    assert statuses == {"ander schooljaar"}  # later than asked: not in the region
    assert outcome.summary()["older"] == 4 and outcome.summary()["schools"] == 3
    history = outcome.cards_by_school()
    assert {n: list(years) for n, years in history.items()} == {
        n: sorted(years) for n, years in cards.items()}
    for number, years in cards.items():
        for year, card in years.items():
            assert len(history[number][year].partners) == len(card.partners)


def test_a_school_year_not_written_as_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    result = run_cli("merge", tmp_path / "inbox", "-o", tmp_path / "regio.xlsx",
                     "--schooljaar", "dit jaar")
    assert result.returncode == 2
    assert "schooljaar 'dit jaar': schrijf het als 2025-2026" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "regio.xlsx").exists()
