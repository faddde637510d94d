"""A demo region: a folder of cards as a coordinator really receives them.

Template cards in sub-folders per school community, a few hand-made grids (one
as .ods), a few cards with deliberate mistakes, an older version of one card
(superseded), last school year's cards of a few schools (older school year), one
school's card made with an older template version (for `schoolnet-xl upgrade`), a
mail body saved as .xlsx (unreadable) and an Excel lock file; beside the inbox,
the region's school list (`write_demo_school_list`: two schools that have not
sent a card, one school that is not on it).
`plan_demo_region` says what each file holds (the cards as `Card` objects), so
tests can compute the expected regional figures independently of the merge.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from schoolnet_xl.core.model import Card, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from schoolnet_xl.demo.cards import make_card, school_number
from schoolnet_xl.demo.handmade import write_handmade_ods, write_handmade_xlsx
from schoolnet_xl.demo.old_version import write_old_version_card
from schoolnet_xl.template import write_card

DemoKind = Literal["template", "handmade", "ods", "superseded", "older-year", "old-version",
                   "unreadable", "lock"]
OLD_VERSION_SCHOOL = 1  # this school's card is in template version 0.9
CREATED = datetime(2026, 1, 1)
UNREADABLE_TEXT = (
    "Beste coördinator,\n\nIn bijlage onze netwerkkaart.\n\nMet vriendelijke groeten,\n"
    "Het secretariaat\n"
)
HANDMADE_EVERY = 5  # every 5th school keeps a hand-made grid
LAST_YEAR = "2024-2025"
LAST_YEAR_SCHOOLS = 3  # schools that also sent last school year's card
# On the school list but without a card in the inbox (numbers no demo school has).
NOT_SENT = (("099001", "Basisschool De Horizon Temse"), ("099002", "Atheneum Lebbeke"))


@dataclass(frozen=True)
class DemoFile:
    """One file of the demo inbox: where it goes, what it is, the card it holds."""

    path: str  # relative to the inbox folder
    kind: DemoKind
    card: Card | None = None
    flaw: str = ""  # the mistake made on purpose ("" for none)


def plan_demo_region(seed: int = 2026, schools: int = 24) -> list[DemoFile]:
    """The demo inbox as data: `schools` readable schools plus the awkward extras."""
    vocabulary = default_vocabulary()
    plan: list[DemoFile] = []
    for index in range(schools):
        rng = random.Random(f"{seed}-demo-{index}")
        card = make_card(rng, index, partners=rng.randrange(8, 22), vocabulary=vocabulary)
        folder = card.header.scholengemeenschap.text
        name = f"{folder}/Netwerkkaart {card.header.schoolnaam.text}"
        if index % HANDMADE_EVERY == 3:
            kind: DemoKind = "ods" if index == 8 else "handmade"
            card = _as_handmade(card, vocabulary)
            plan.append(DemoFile(f"{name}.{'ods' if kind == 'ods' else 'xlsx'}", kind, card))
            continue
        if index == OLD_VERSION_SCHOOL:
            plan.append(DemoFile(f"{name} (sjabloon 0.9).xlsx", "old-version", card,
                                 "oudere sjabloonversie"))
            continue
        card, flaw = _flawed(card, index)
        plan.append(DemoFile(f"{name}.xlsx", "template", card, flaw))
    first = next(f for f in plan if f.kind == "template" and not f.flaw)
    assert first.card is not None
    older = replace(first.card, partners=first.card.partners[:4],
                    header=replace(first.card.header, datum=Sourced(date(2025, 5, 20))))
    school = first.card.header.schoolnaam.text
    plan += [_last_year(item) for item in
             [f for f in plan if f.kind == "template" and not f.flaw][1:1 + LAST_YEAR_SCHOOLS]]
    plan += [
        DemoFile(f"mail/Netwerkkaart {school} (vorige versie).xlsx", "superseded", older),
        DemoFile("mail/Netwerkkaart VBS De Linde.xlsx", "unreadable"),
        DemoFile(f"{Path(first.path).parent}/~${Path(first.path).name}", "lock"),
    ]
    return plan


def make_demo_region(folder: Path, seed: int = 2026, schools: int = 24) -> list[Path]:
    """Write the demo inbox into `folder`; return the written paths in plan order."""
    vocabulary = default_vocabulary()
    written = []
    for item in plan_demo_region(seed, schools):
        target = Path(folder) / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.kind in ("template", "superseded", "older-year"):
            assert item.card is not None
            write_card(target, vocabulary, item.card, created=CREATED)
        elif item.kind == "old-version":
            assert item.card is not None
            write_old_version_card(target, item.card, vocabulary, CREATED)
        elif item.kind == "handmade":
            assert item.card is not None
            write_handmade_xlsx(target, item.card)
        elif item.kind == "ods":
            assert item.card is not None
            write_handmade_ods(target, item.card)
        elif item.kind == "unreadable":
            target.write_text(UNREADABLE_TEXT, "utf-8")
        else:  # an Excel lock file: the owner's name, padded, as Excel writes it
            target.write_bytes(b"\x0bSecretariaat" + b"\x20" * 40 + b"\x00" * 110)
        written.append(target)
    return written


def _last_year(item: DemoFile) -> DemoFile:
    """The same school's card of the year before, with fewer partners, in an archive
    folder of the inbox."""
    assert item.card is not None
    card = item.card
    header = replace(card.header, schooljaar=Sourced(LAST_YEAR),
                     datum=Sourced(date(2024, 10, 1)))
    older = replace(card, header=header, partners=card.partners[:max(3, len(card.partners) - 5)])
    return DemoFile(f"archief {LAST_YEAR}/{Path(item.path).name}", "older-year", older)


def demo_school_list(seed: int = 2026, schools: int = 24) -> list[tuple[str, str]]:
    """The region's list (instellingsnummer, schoolnaam): every demo school but the
    last, plus `NOT_SENT`. The school whose card has a mistyped number is on it with
    its real number, so it shows as not sent, and its card as not on the list."""
    listed: list[tuple[str, str]] = []
    for item in plan_demo_region(seed, schools):
        if item.card is None or item.kind in ("superseded", "older-year"):
            continue
        index = len(listed)
        listed.append((school_number(index), item.card.header.schoolnaam.text))
    return [*listed[:-1], *NOT_SENT]


def write_demo_school_list(path: Path, seed: int = 2026, schools: int = 24) -> Path:
    """The school list as a region keeps it: CSV for Flemish Excel (`;`, BOM, CRLF)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Instellingsnummer", "Schoolnaam"])
        writer.writerows(demo_school_list(seed, schools))
    return path


def _as_handmade(card: Card, vocabulary: Vocabulary) -> Card:
    """The card as a hand-made grid holds it: no category column, guessed categories."""
    partners: list[Partner] = []
    for partner in card.partners:
        guess = vocabulary.guess_category(partner.organisatie.text, partner.aard.text)
        if guess != partner.category_code:
            continue  # keep only rows whose keywords point at the intended category
        partners.append(Partner(
            row=len(partners) + 5, sheet="Blad1", organisatie=partner.organisatie,
            aard=partner.aard, focus=dict(partner.focus), category_code=guess,
            category_guessed=True))
    return replace(card, kind="handmade", partners=partners)


def _flawed(card: Card, index: int) -> tuple[Card, str]:
    """Some cards get one deliberate mistake; the others are returned as they are."""
    if index == 5:
        bad = replace(card.partners[0], email=Sourced("onthaal(at)clb.example"))
        return replace(card, partners=[bad, *card.partners[1:]]), "e-mail"
    if index == 10:
        header = replace(card.header, instellingsnummer=Sourced("12345"))
        return replace(card, header=header), "instellingsnummer"
    if index == 16:
        twin = replace(card.partners[0], row=len(card.partners) + 1)
        return replace(card, partners=[*card.partners, twin]), "dubbele organisatie"
    return card, ""
