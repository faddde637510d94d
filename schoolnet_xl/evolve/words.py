"""The words of a comparison: kinds, matches and reasons in Dutch or English."""

from __future__ import annotations

from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import Change, Kind, Reason

KIND_WORDS: dict[Kind, tuple[str, str]] = {
    "new": ("nieuw (verbreed)", "new (broadened)"),
    "deepened": ("verdiept", "deepened"),
    "loosened": ("minder intens (afgebouwd)", "less intense (loosened)"),
    "ended": ("beëindigd of weg (afgebouwd)", "ended or gone (loosened)"),
    "unchanged": ("ongewijzigd", "unchanged"),
}
NO_PREVIOUS = ("geen vorig schooljaar", "no previous school year")
# The other reasons' words (the X-column and category changes name their codes).
REASON_WORDS: dict[str, tuple[str, str]] = {
    "new": ("nieuw op de kaart", "new on the card"),
    "gone": ("niet meer op de kaart", "no longer on the card"),
    "intensity_up": ("intensiteit", "intensity"),
    "intensity_down": ("intensiteit", "intensity"),
    "status_up": ("status", "status"),
    "status_down": ("status", "status"),
    "status_ended": ("status", "status"),
    "antenna_gained": ("antennefunctie", "antenna role"),
    "antenna_lost": ("antennefunctie", "antenna role"),
}


def kind_text(kind: Kind, lang: Lang) -> str:
    """'verdiept', 'deepened', …"""
    return say(*KIND_WORDS[kind], lang)


def match_text(change: Change, lang: Lang) -> str:
    """How the names of the two years were matched, '' for a partner on one card only."""
    if change.match == "same":
        return say("zelfde naam", "same name", lang)
    if change.match == "normalised":
        return say("zelfde naam na normalisatie", "same name after normalisation", lang)
    if change.match == "near":
        score = f"{change.score:.0f}"
        return say(f"bijna gelijk (score {score})", f"near match (score {score})", lang)
    return ""


def category_text(code: str, vocabulary: Vocabulary) -> str:
    """A category code as its label (the code itself when unknown, '-' for none)."""
    category = vocabulary.category(code) if code else None
    return category.label if category else (code or "-")


def focus_text(code: str, vocabulary: Vocabulary) -> str:
    """An X-column code as its header."""
    return next((f.header for f in vocabulary.focus if f.code == code), code)


def reason_text(reason: Reason, vocabulary: Vocabulary, lang: Lang) -> str:
    """One change of a partnership as a short phrase."""
    before, after = reason.before or "-", reason.after or "-"
    code = reason.code
    if code == "focus_gained":
        return say(f"X {focus_text(after, vocabulary)} erbij",
                   f"X {focus_text(after, vocabulary)} added", lang)
    if code == "focus_lost":
        return say(f"X {focus_text(before, vocabulary)} weg",
                   f"X {focus_text(before, vocabulary)} removed", lang)
    if code == "category_changed":
        return say("categorie", "category", lang) + (
            f" {category_text(reason.before, vocabulary)} → "
            f"{category_text(reason.after, vocabulary)}")
    nl, en = REASON_WORDS[code]
    if code in ("new", "gone"):
        return say(nl, en, lang)
    return f"{say(nl, en, lang)} {before} → {after}"


def reasons_text(change: Change, vocabulary: Vocabulary, lang: Lang) -> str:
    """All changes of a partnership, separated by '; '."""
    return "; ".join(reason_text(r, vocabulary, lang) for r in change.reasons)
