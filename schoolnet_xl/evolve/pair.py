"""Whether two cards can be compared: one school, the older school year first."""

from __future__ import annotations

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.evolve.states import CardState, year_start


def pair_warnings(old: CardState, new: CardState, lang: Lang) -> list[str]:
    """Warnings that do not stop a comparison: another instellingsnummer."""
    if old.instellingsnummer and new.instellingsnummer \
            and old.instellingsnummer != new.instellingsnummer:
        return [say(f"het instellingsnummer verschilt ({old.instellingsnummer} in "
                    f"{old.source}, {new.instellingsnummer} in {new.source}): is dit "
                    "dezelfde school?",
                    f"the instellingsnummer differs ({old.instellingsnummer} in {old.source}, "
                    f"{new.instellingsnummer} in {new.source}): is this the same school?",
                    lang)]
    return []


def pair_refusal(old: CardState, new: CardState, lang: Lang) -> str | None:
    """Why the pair is refused (same or reversed school years, unknown year), else None."""
    before, after = year_start(old.schooljaar), year_start(new.schooljaar)
    for card, year in ((old, before), (new, after)):
        if year is None:
            shown = card.schooljaar or say("leeg", "empty", lang)
            return say(f"{card.source}: schooljaar '{shown}' is geen schooljaar zoals "
                       "2024-2025; gebruik --force om toch te vergelijken",
                       f"{card.source}: school year '{shown}' is not a school year like "
                       "2024-2025; use --force to compare anyway", lang)
    assert before is not None and after is not None
    if before == after:
        return say(f"beide kaarten zijn van schooljaar {new.schooljaar}; gebruik --force om "
                   "toch te vergelijken",
                   f"both cards are of school year {new.schooljaar}; use --force to compare "
                   "anyway", lang)
    if before > after:
        return say(f"de oude kaart ({old.schooljaar}, {old.source}) is van na de nieuwe "
                   f"({new.schooljaar}, {new.source}): geef eerst de oude, dan de nieuwe "
                   "(of --force)",
                   f"the old card ({old.schooljaar}, {old.source}) is later than the new one "
                   f"({new.schooljaar}, {new.source}): give the old one first, then the new "
                   "(or --force)", lang)
    return None
