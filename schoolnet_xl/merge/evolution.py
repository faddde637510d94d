"""The region's evolution from a merge's file results (see `evolve.region`).

Every card that counts for its school year goes in: the region's own cards and
the older school years kept beside them; identical copies, superseded cards and
cards of years after the one asked for do not.
"""

from __future__ import annotations

from functools import partial
from itertools import chain
from operator import itemgetter

from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.region import RegionEvolution, region_evolution
from schoolnet_xl.evolve.states import CardState, PartnerState
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.duplicates import normal_year
from schoolnet_xl.merge.organisations import SharedCounts, paused_gc
from schoolnet_xl.merge.records import FileResult, PartnerRow

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
    state_of = CardStates(vocabulary)
    states = []
    shared = SharedCounts()  # per school year, as `Region.shared` counts a region's
    for result in results:
        if _counts(result):
            state = state_of(result)
            states.append(state)
            shared.add(normal_year(state.schooljaar), state.instellingsnummer or result.path,
                       state.gemeente, state.partners)
    return region_evolution(states, vocabulary, shared.counts(), lang=lang)


class CardStates:
    """Turns a read card's compact rows into the CardState the evolution compares."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        headers = partner_headers(vocabulary)
        self._columns = itemgetter(0, *(headers.index(h) for h in
                                        ("Intensiteit", "Status", "Antennefunctie")), -1)
        self._levels: dict[str, str | None] = {}
        self._names: dict[str, str] = {}  # each Organisatie to the one object kept for it

    def __call__(self, result: FileResult) -> CardState:
        school = result.school
        assert school is not None
        level = school.onderwijsniveau
        if level not in self._levels:
            self._levels[level] = self.vocabulary.level_code_for(level) if level else None
        return CardState(
            source=result.path, label=school.label, instellingsnummer=school.instellingsnummer,
            schooljaar=school.schooljaar, gemeente=school.gemeente, level=self._levels[level],
            partners=self._partners(result.partners))

    def _partners(self, rows: list[PartnerRow]) -> tuple[PartnerState, ...]:
        """The rows with an Organisatie as PartnerStates (texts, "" for a blank value).

        Built column by column in C (map, zip; 270,000 rows a region) when every
        Organisatie is text and every other value too; else row by row.
        """
        if not rows:
            return ()
        names, intensities, statuses, antennas, cells = columns = tuple(
            zip(*map(self._columns, map(_VALUES, rows)), strict=True))
        if all(names) and {*map(type, chain.from_iterable(columns))} == {str}:
            one = self._names.setdefault  # one object per name: later look-ups find it hot
            return tuple(map(_partner_state, zip(
                map(one, names, names), map(_CATEGORY, rows), map(_MARKED, rows), intensities,
                statuses, antennas, cells, strict=True)))
        columns_of = self._columns
        partners = []
        for p in rows:
            name, intensity, status, antenna, cell = columns_of(p.values)
            if name:
                partners.append(_partner_state((
                    str(name), p.category, p.marked, str(intensity or ""), str(status or ""),
                    str(antenna or ""), str(cell or ""))))
        return tuple(partners)


# Built without the named tuple's Python constructor (what NamedTuple._make does).
_partner_state = partial(tuple.__new__, PartnerState)
_CATEGORY, _MARKED, _VALUES = itemgetter(0), itemgetter(1), itemgetter(2)  # of a PartnerRow


def _counts(result: FileResult) -> bool:
    return (result.status == "ok" and result.school is not None
            and result.duplicate not in LEFT_OUT)
