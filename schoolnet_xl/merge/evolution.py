"""The region's evolution from a merge's file results (see `evolve.region`).

Every card that counts for its school year goes in: the region's own cards and
the older school years kept beside them; identical copies, superseded cards and
cards of years after the one asked for do not.

Only each school's two latest cards are compared, so only theirs become
PartnerStates; the others' covered codes, name keys and shared partners are read
off their compact rows (a third of the cards of a three-year inbox).
"""

from __future__ import annotations

from functools import partial
from itertools import chain
from operator import itemgetter

from schoolnet_xl.core.collector import paused_gc
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.status import ENDED, status_step
from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.classify import Held, covered
from schoolnet_xl.evolve.names import name_keys
from schoolnet_xl.evolve.region import RegionEvolution, compared_cards, region_evolution
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
    counted = [result for result in results if _counts(result)]
    headers = [state_of.header(result) for result in counted]
    compared = compared_cards(headers)
    states = []  # with partners only where compared: region_evolution reads no others'
    # worked out while each card's rows are at hand: its covered codes and name keys
    held: dict[str, Held] = {}
    keys: dict[str, list[str]] = {}
    shared = SharedCounts()  # per school year, as `Region.shared` counts a region's
    for result, header in zip(counted, headers, strict=True):
        state, held[header.source], categories, names = state_of.read(
            header, result.partners, whole=header.source in compared)
        states.append(state)
        keys[state.source] = partner_keys = name_keys(names, state.gemeente)
        shared.add(normal_year(state.schooljaar), state.instellingsnummer or result.path,
                   categories, names, partner_keys)
    return region_evolution(states, vocabulary, shared.counts(), lang=lang, held=held,
                            keys=keys)


class CardStates:
    """Turns a read card's compact rows into the CardState the evolution compares."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        headers = partner_headers(vocabulary)
        self._at = tuple(headers.index(h) for h in ("Intensiteit", "Status", "Antennefunctie"))
        self._columns = itemgetter(0, *self._at, -1)
        self._status = itemgetter(self._at[1])  # of a row's values
        self._levels: dict[str, str | None] = {}

    def __call__(self, result: FileResult) -> CardState:
        """The card with its partners."""
        return self.with_partners(self.header(result), result.partners)

    def header(self, result: FileResult) -> CardState:
        """The card without its partners (`with_partners` adds them)."""
        school = result.school
        assert school is not None
        level = school.onderwijsniveau
        if level not in self._levels:
            self._levels[level] = self.vocabulary.level_code_for(level) if level else None
        return CardState(
            source=result.path, label=school.label, instellingsnummer=school.instellingsnummer,
            schooljaar=school.schooljaar, gemeente=school.gemeente, level=self._levels[level],
            partners=())

    def with_partners(self, header: CardState, rows: list[PartnerRow]) -> CardState:
        """A `header` with the partners of its card's rows."""
        return CardState(header.source, header.label, header.instellingsnummer,
                         header.schooljaar, header.gemeente, header.level, self._partners(rows))

    def read(self, header: CardState, rows: list[PartnerRow], whole: bool
             ) -> tuple[CardState, Held, list[str], list[str]]:
        """The card (with its partners when `whole`), its covered codes and its partners'
        categories and names; without its partners they are read off its rows, unless a
        row's Organisatie is not text (or blank): then it has its partners all the same."""
        names = None if whole else self.text_names(rows)
        if names is None:
            state = self.with_partners(header, rows)
            return (state, covered(state), list(map(_CATEGORY, state.partners)),
                    list(map(_NAME, state.partners)))
        return header, self.covered(rows), list(map(_ROW_CATEGORY, rows)), names

    def text_names(self, rows: list[PartnerRow]) -> list[str] | None:
        """The rows' Organisatie names when every row has one and all are text (as the
        PartnerStates would have them), else None."""
        names = list(map(_FIRST, map(_VALUES, rows)))
        return names if all(names) and set(map(type, names)) <= _JUST_TEXT else None

    def covered(self, rows: list[PartnerRow]) -> Held:
        """What `classify.covered` finds on the card of these rows (each with an
        Organisatie), read off the rows: the categories and X columns of those that are
        not Beëindigd."""
        status = self._status
        ended = {value for value in set(map(status, map(_VALUES, rows))) if _is_ended(value)}
        live = [row for row in rows if status(row[2]) not in ended] if ended else rows
        categories = set(map(_ROW_CATEGORY, live))
        categories.discard("")
        return categories, set(chain.from_iterable(map(_ROW_MARKED, live)))

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


def _is_ended(status: Cell) -> bool:
    """Whether a Status cell, as `_as_texts` makes it text, is Beëindigd (or the like)."""
    text = status if status.__class__ is str else str(status or "")
    return status_step(text) == ENDED


# Built without the named tuple's Python constructor (what NamedTuple._make does).
_partner_state = partial(tuple.__new__, PartnerState)
# of a PartnerState; of a PartnerRow, and of its values
_NAME, _CATEGORY = itemgetter(0), itemgetter(1)
_ROW_CATEGORY, _ROW_MARKED, _VALUES = itemgetter(0), itemgetter(1), itemgetter(2)
_FIRST = itemgetter(0)
_JUST_TEXT = {str}


def _counts(result: FileResult) -> bool:
    return (result.status == "ok" and result.school is not None
            and result.duplicate not in LEFT_OUT)
