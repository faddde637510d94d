"""The region's evolution from a merge's file results (see `evolve.region`).

Every card that counts for its school year goes in: the region's own cards and
the older school years kept beside them; identical copies, superseded cards and
cards of years after the one asked for do not.
"""

from __future__ import annotations

from functools import partial
from operator import itemgetter

from schoolnet_xl.core.collector import paused_gc
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import Held, card_keys, covered
from schoolnet_xl.evolve.region import RegionEvolution, region_evolution
from schoolnet_xl.evolve.states import CardState, PartnerState
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.duplicates import normal_year
from schoolnet_xl.merge.organisations import SharedCounts
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
    # worked out while each card's rows are at hand: its covered codes and name keys
    held: dict[str, Held] = {}
    keys: dict[str, list[str]] = {}
    shared = SharedCounts()  # per school year, as `Region.shared` counts a region's
    for result in results:
        if _counts(result):
            state = state_of(result)
            states.append(state)
            held[state.source] = covered(state)
            keys[state.source] = names = card_keys(state)
            shared.add(normal_year(state.schooljaar), state.instellingsnummer or result.path,
                       state.partners, names)
    return region_evolution(states, vocabulary, shared.counts(), lang=lang, held=held,
                            keys=keys)


class CardStates:
    """Turns a read card's compact rows into the CardState the evolution compares."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        headers = partner_headers(vocabulary)
        self._at = tuple(headers.index(h) for h in ("Intensiteit", "Status", "Antennefunctie"))
        self._columns = itemgetter(0, *self._at, -1)
        self._levels: dict[str, str | None] = {}

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
        """The rows with an Organisatie as PartnerStates (texts, "" for a blank value);
        rows of texts (all of a template's) taken as they are, in one comprehension
        (270,000 rows a region)."""
        at_intensity, at_status, at_antenna = self._at
        return tuple([
            _partner_state((values[0], category, marked, values[at_intensity],
                            values[at_status], values[at_antenna], values[-1]))
            if str is values[0].__class__ is values[at_intensity].__class__
            is values[at_status].__class__ is values[at_antenna].__class__
            is values[-1].__class__
            else _as_texts(self._columns(values), category, marked)
            for category, marked, values in rows if values[0]])


def _as_texts(picked: tuple[Cell, ...], category: str, marked: tuple[str, ...]
              ) -> PartnerState:
    """A row with a value other than text: its Organisatie, Intensiteit, Status,
    Antennefunctie and Cel (`picked`) each as text ("" for None)."""
    name, intensity, status, antenna, cell = picked
    return PartnerState(str(name), category, marked, str(intensity or ""), str(status or ""),
                        str(antenna or ""), str(cell or ""))


# Built without the named tuple's Python constructor (what NamedTuple._make does).
_partner_state = partial(tuple.__new__, PartnerState)


def _counts(result: FileResult) -> bool:
    return (result.status == "ok" and result.school is not None
            and result.duplicate not in LEFT_OUT)
