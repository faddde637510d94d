"""`upgrade`: move a card made with an older template version onto the current one.

Reads the old layout with the reader of its `template_version`, writes a
fresh current card with every value (template.write_card), reads that back and
compares every value before anything is replaced. The sheets `summary` writes
(Overzicht, Validatie, Netwerk, with its chart and map) are the program's own, not
the user's: a card that went through `summary` upgrades without --force, and
keeps its Netwerk map (drawn anew on the new card).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from schoolnet_xl.core.contract import META_TEMPLATE_VERSION, TEMPLATE_VERSION
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import Card
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import GuardError
from schoolnet_xl.edit.compare import card_differences
from schoolnet_xl.edit.guard import (
    GuardedWrite,
    Outcome,
    package_refusal,
    refuse_unwritable,
    run_guarded,
)
from schoolnet_xl.edit.legacy import READERS, LegacyLayoutError
from schoolnet_xl.edit.preflight import Risk
from schoolnet_xl.edit.sheets import read_meta, sheet_order
from schoolnet_xl.edit.summary import OWN_KINDS, OWNED, SHEET_NETWORK, rebuild_summary_sheets
from schoolnet_xl.read import read_card
from schoolnet_xl.read.package import PackageError
from schoolnet_xl.template import write_card


@dataclass
class UpgradeResult:
    """What `upgrade` did: versions, partner rows carried over, where it wrote."""

    old_version: str
    new_version: str
    partners: int
    outcome: Outcome | None  # None: already current, nothing written


def version_key(version: str) -> tuple[int, ...]:
    """`"0.9"` -> (0, 9); raises ValueError on anything else."""
    return tuple(int(part) for part in version.strip().split("."))


def template_version_of(path: Path, lang: Lang = "nl") -> str:
    """The card's template_version from `_schoolnet` (exit 2 when there is none)."""
    try:
        version = read_meta(path).get(META_TEMPLATE_VERSION, "")
    except Exception as exc:  # calamine raises several types for broken files
        raise GuardError(say(f"{path}: onleesbaar bestand ({exc})",
                             f"{path}: unreadable file ({exc})", lang), exit_code=2) from None
    if not version:
        raise GuardError(say(
            f"{path}: geen netwerkkaart van het sjabloon (geen template_version in het blad "
            "_schoolnet). Een eigen rooster zet je om met 'schoolnet-xl import'.",
            f"{path}: not a template card (no template_version in the _schoolnet sheet). "
            "Convert a grid of your own with 'schoolnet-xl import'.", lang), exit_code=2)
    return version


def upgrade_card(
    path: Path,
    vocabulary: Vocabulary,
    *,
    output: Path | None = None,
    force: bool = False,
    backup: bool = True,
    lang: Lang = "nl",
    before_verify: Callable[[Path], None] | None = None,
) -> UpgradeResult:
    """Upgrade the card at `path` (in place behind the guard, or into `output`)."""
    if path.is_file():
        refuse_unwritable(path, "upgrade", lang)
    version = template_version_of(path, lang)
    try:
        old, current = version_key(version), version_key(TEMPLATE_VERSION)
    except ValueError:
        old, current = (), ()
    if not old or old > current:
        raise GuardError(say(
            f"{path}: gemaakt met sjabloonversie {version}, nieuwer dan wat deze versie van "
            f"schoolnet-xl kent ({TEMPLATE_VERSION}). Werk schoolnet-xl bij.",
            f"{path}: made with template version {version}, newer than this schoolnet-xl "
            f"knows ({TEMPLATE_VERSION}). Update schoolnet-xl.", lang), exit_code=2)
    if old == current:
        return UpgradeResult(version, TEMPLATE_VERSION, 0, None)
    if version not in READERS:
        raise GuardError(say(
            f"{path}: sjabloonversie {version} is onbekend; er is geen omzetting voor.",
            f"{path}: template version {version} is unknown; there is no upgrade for it.",
            lang), exit_code=2)
    reader, known_sheets = READERS[version]
    try:
        card = reader(path, vocabulary)
    except LegacyLayoutError as exc:
        raise GuardError(say(
            f"{path}: geen geldige kaart van sjabloonversie {version}: {exc}",
            f"{path}: not a valid card of template version {version}: {exc}", lang),
            exit_code=2) from None
    try:
        sheets = sheet_order(path)
    except PackageError as exc:
        raise package_refusal(path, exc, lang) from None
    with_map = SHEET_NETWORK in sheets
    job = GuardedWrite(
        source=path, output=output, owned=set(OWNED), own_kinds=OWN_KINDS, rewrites_all=True,
        force=force, backup=backup, before_verify=before_verify,
        write=lambda temp: _write(temp, vocabulary, card, with_map, lang),
        check=lambda temp: _check(temp, vocabulary, card),
        extra_risks=[Risk("extra_sheet", s) for s in sheets
                     if s not in known_sheets and s not in OWNED],
    )
    outcome = run_guarded(job, lang)
    return UpgradeResult(version, TEMPLATE_VERSION, len(card.partners), outcome)


def _write(temp: Path, vocabulary: Vocabulary, card: Card, with_map: bool, lang: Lang) -> None:
    write_card(temp, vocabulary, card)
    if with_map:  # the old card's Netwerk map, drawn anew from the new card
        rebuild_summary_sheets(temp, vocabulary, lang)


def _check(temp: Path, vocabulary: Vocabulary, card: Card) -> list[str]:
    result = read_card(temp, vocabulary=vocabulary)
    if result.card is None:
        return [f"de nieuwe kaart is onleesbaar ({result.reason()})"]
    problems = card_differences(card, result.card, vocabulary)
    written = read_meta(temp).get(META_TEMPLATE_VERSION, "")
    if written != TEMPLATE_VERSION:
        problems.append(f"template_version is {written!r}, verwacht {TEMPLATE_VERSION!r}")
    return problems
