"""What the evolution compares: a card reduced to its partners' comparable values.

Plain data built from a `Card` here, or from a merge's compact rows (see
`merge.evolution`), so one school and a region are compared by the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from schoolnet_xl.core.model import Card
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary


class PartnerState(NamedTuple):
    """One partnership on one card: what verbreed/verdiept/afgebouwd looks at."""

    name: str  # Organisatie as written
    category: str  # category code, "" when unknown
    marked: tuple[str, ...]  # X-column codes with a valid mark, in vocabulary order
    intensiteit: str
    status: str
    antennefunctie: str
    cell: str = ""  # where the row is (sheet!A1), "" when unknown


@dataclass(frozen=True, slots=True)
class CardState:
    """One school's card in one school year."""

    source: str  # the file (or file [blad X]) the card was read from
    label: str  # the school's name, else its number, else the file name
    instellingsnummer: str
    schooljaar: str
    gemeente: str
    level: str | None  # onderwijsniveau code, None when unknown
    partners: tuple[PartnerState, ...]

    @property
    def school(self) -> str:
        """The school's identity across years: its number, else its name."""
        return self.instellingsnummer or self.label


def card_state(card: Card, vocabulary: Vocabulary) -> CardState:
    """A read card as a CardState; rows without an Organisatie are left out (unmatchable)."""
    header = card.header
    level = header.onderwijsniveau.text
    partners = []
    for p in card.partners:
        if not p.organisatie.text or not has_content(p):
            continue
        marked = vocabulary.marked(p.focus)
        partners.append(PartnerState(
            p.organisatie.text, p.category_code or "", marked, p.intensiteit.text,
            p.status.text, p.antennefunctie.text,
            f"{p.sheet}!{p.organisatie.cell}" if p.organisatie.cell else p.sheet))
    return CardState(
        source=card.path,
        label=header.schoolnaam.text or header.instellingsnummer.text or Path(card.path).name,
        instellingsnummer=header.instellingsnummer.text,
        schooljaar=header.schooljaar.text,
        gemeente=header.gemeente.text,
        level=vocabulary.level_code_for(level) if level else None,
        partners=tuple(partners),
    )


_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_SHORT_YEARS = re.compile(r"^\s*(\d\d)\s*[-/]\s*(\d\d)\s*$")


def year_start(schooljaar: str) -> int | None:
    """The calendar year a school year starts in: '2024-2025', '2024-25', '24-25' -> 2024."""
    full = _FULL_YEAR.search(schooljaar)
    if full:
        return int(full.group(1))
    short = _SHORT_YEARS.match(schooljaar)
    return 2000 + int(short.group(1)) if short else None
