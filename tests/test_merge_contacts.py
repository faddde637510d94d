"""Privacy: contact columns stay out of the regional workbook unless asked for."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import all_xml, records, run_cli


@pytest.fixture
def inbox(tmp_path: Path, vocabulary: Vocabulary) -> tuple[Path, list[str], list[str]]:
    """Three cards with contact data; returns the folder, every e-mail and every phone.

    One e-mail and one phone number are malformed, so findings talk about them.
    """
    folder = tmp_path / "inbox"
    folder.mkdir()
    emails, phones = [], []
    for index in range(3):
        card = make_card(random.Random(index), index, partners=6)
        if index == 0:
            flawed = replace(card.partners[0], email=Sourced("onthaal(at)clb.example"),
                             telefoon=Sourced("12-34"))
            card.partners[0] = flawed
        emails += [p.email.text for p in card.partners]
        phones += [p.telefoon.text for p in card.partners]
        write_card(folder / f"kaart{index}.xlsx", vocabulary, card)
    return folder, emails, phones


def test_contacts_are_left_out_by_default(tmp_path: Path, inbox) -> None:
    folder, emails, phones = inbox
    out = tmp_path / "regio.xlsx"

    assert run_cli("merge", folder, "-o", out, "--csv", tmp_path / "csv").returncode == 0

    xml = all_xml(out)
    assert emails and not any(e in xml for e in emails)
    assert not any(p in xml for p in phones)
    codes = {f["Code"] for f in records(out, "Bevindingen")}
    assert {"SN206", "SN207"} <= codes  # the malformed contacts are reported, values hidden
    columns = records(out, "Partners")[0].keys()
    assert not {"Contactpersoon", "E-mail", "Telefoon"} & set(columns)
    csv_text = (tmp_path / "csv" / "partners.csv").read_text("utf-8-sig")
    assert not any(e in csv_text for e in emails)
    overview = " ".join(str(c) for row in _overview(out) for c in row)
    assert "niet opgenomen" in overview


def test_contacts_are_included_with_the_option(tmp_path: Path, inbox) -> None:
    folder, emails, phones = inbox
    out = tmp_path / "regio.xlsx"

    assert run_cli("merge", folder, "-o", out, "--with-contacts").returncode == 0

    partners = records(out, "Partners")
    assert sorted(p["E-mail"] for p in partners) == sorted(emails)
    assert sorted(p["Telefoon"] for p in partners) == sorted(phones)
    overview = " ".join(str(c) for row in _overview(out) for c in row)
    assert "zijn opgenomen" in overview and "persoonsgegevens" in overview


def _overview(path: Path) -> list[list[object]]:
    from tests.support.regional import sheet_rows

    return sheet_rows(path, "Overzicht")
