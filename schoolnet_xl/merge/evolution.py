"""The region's evolution from a merge's file results (see `evolve.region`).

Every card that counts for its school year goes in: the region's own cards and
the older school years kept beside them; identical copies, superseded cards and
cards of years after the one asked for do not.
"""

from __future__ import annotations

from operator import itemgetter

from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.region import RegionEvolution, region_evolution
from schoolnet_xl.evolve.states import CardState, PartnerState
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.duplicates import normal_year
from schoolnet_xl.merge.organisations import paused_gc, shared_partners
from schoolnet_xl.merge.records import FileResult
from schoolnet_xl.merge.region import mentions_of

# duplicate kinds of a card that does not count for its school year
LEFT_OUT: frozenset[str] = frozenset({"superseded", "identical", "other-year"})


def evolution_of(results: list[FileResult], vocabulary: Vocabulary,
                 lang: Lang = "nl") -> RegionEvolution:
    """The Evolutie data of a merge: per school, per category, shared partners per year.

    The cyclic garbage collector pauses meanwhile (`paused_gc`): the data holds no
    cycles, and its full passes over a region's rows would grow with their square.
    """
    with paused_gc():
        return _evolution_of(results, vocabulary, lang)


def _evolution_of(results: list[FileResult], vocabulary: Vocabulary,
                  lang: Lang) -> RegionEvolution:
    counted = [r for r in results if _counts(r)]
    state_of = CardStates(vocabulary)
    states = [state_of(r) for r in counted]
    by_year: dict[str, list[FileResult]] = {}
    for result, state in zip(counted, states, strict=True):
        by_year.setdefault(normal_year(state.schooljaar), []).append(result)
    shared = {year: len(shared_partners(mentions_of(cards))) for year, cards in by_year.items()}
    return region_evolution(states, vocabulary, shared, lang=lang)


class CardStates:
    """Turns a read card's compact rows into the CardState the evolution compares."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        headers = partner_headers(vocabulary)
        self._columns = itemgetter(0, *(headers.index(h) for h in
                                        ("Intensiteit", "Status", "Antennefunctie")), -1)
        self._levels: dict[str, str | None] = {}

    def __call__(self, result: FileResult) -> CardState:
        school = result.school
        assert school is not None
        columns, new = self._columns, tuple.__new__
        partners = []
        for p in result.partners:
            name, intensity, status, antenna, cell = columns(p.values)
            if name:  # built without the named tuple's Python constructor (270,000 a region)
                partners.append(new(PartnerState, (
                    str(name), p.category, p.marked, str(intensity or ""), str(status or ""),
                    str(antenna or ""), str(cell or ""))))
        level = school.onderwijsniveau
        if level not in self._levels:
            self._levels[level] = self.vocabulary.level_code_for(level) if level else None
        return CardState(
            source=result.path, label=school.label, instellingsnummer=school.instellingsnummer,
            schooljaar=school.schooljaar, gemeente=school.gemeente, level=self._levels[level],
            partners=tuple(partners))


def _counts(result: FileResult) -> bool:
    return (result.status == "ok" and result.school is not None
            and result.duplicate not in LEFT_OUT)
