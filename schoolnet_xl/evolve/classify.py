"""Two cards of one school compared: each partnership new, deepened, loosened, ended or
unchanged, and the categories and X columns gained and lost.

Partners are matched by organisation name (`evolve.names`): the same key first
(preferring the same category), then near matches, best score first, one to one.
A matched partnership is, in this order of precedence:

1. **ended** when its Status became *Beëindigd* (or it is gone from the new card
   and was not already *Beëindigd*);
2. **deepened** / **loosened** when its Intensiteit went up / down;
3. else when its Status moved up / down the ladder *Beëindigd* < *Gewenst* <
   *Te verdiepen* < *Actief*;
4. else when it gained an X column or Antennefunctie *Ja* and lost none (deepened),
   or lost one and gained none (loosened);
5. else **unchanged** (its other changes, such as a new category, still listed).

A category or X column is covered on a card when a partner that is not *Beëindigd*
holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from operator import itemgetter
from typing import Literal, NamedTuple

from schoolnet_xl.core.status import ENDED, status_step
from schoolnet_xl.core.text import fold_words
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.names import NEAR_MATCH, name_keys, near_matches, sorted_words
from schoolnet_xl.evolve.states import CardState, PartnerState

Kind = Literal["new", "deepened", "loosened", "ended", "unchanged"]
KINDS: tuple[Kind, ...] = ("new", "deepened", "loosened", "ended", "unchanged")
MatchHow = Literal["same", "normalised", "near", ""]
Held = tuple[set[str], set[str]]  # the category codes and X-column codes `covered` finds

_MEMO_LIMIT = 4096  # distinct texts judged once (cards repeat their scale words)
_LEADING_NUMBER = re.compile(r"^\s*(\d+)")


class Reason(NamedTuple):
    """One change of a partnership: a code and the values before and after."""

    code: str  # new, gone, intensity_up/down, status_up/down, status_ended,
    #            focus_gained/lost, antenna_gained/lost, category_changed
    before: str = ""
    after: str = ""


class Change(NamedTuple):
    """One partnership across the two years, with how its names were matched.

    A named tuple, built in C (`_change`): a region compares 90,000 partnerships.
    """

    kind: Kind
    old: PartnerState | None
    new: PartnerState | None
    match: MatchHow  # "" for a partner on one card only
    score: float  # the near-match score (100 for a same or normalised name, 0 unmatched)
    reasons: tuple[Reason, ...]

    @property
    def name(self) -> str:
        """The organisation as the newer card names it (else as the older one did)."""
        partner = self.new or self.old
        assert partner is not None
        return partner.name

    @property
    def category(self) -> str:
        partner = self.new or self.old
        assert partner is not None
        return partner.category


@dataclass(slots=True)
class Comparison:
    """What changed between an older and a newer card of one school."""

    old: CardState
    new: CardState
    threshold: float
    changes: list[Change] = field(default_factory=list)
    categories_gained: tuple[str, ...] = ()
    categories_lost: tuple[str, ...] = ()
    focus_gained: tuple[str, ...] = ()
    focus_lost: tuple[str, ...] = ()

    def of_kind(self, kind: Kind) -> list[Change]:
        """The changes of one kind, in the order of the cards."""
        return [c for c in self.changes if c.kind == kind]

    def counts(self) -> dict[Kind, int]:
        """Number of partnerships per kind (every kind present, 0 included)."""
        kinds = list(map(_KIND, self.changes))
        return {kind: kinds.count(kind) for kind in KINDS}

    @property
    def renamed(self) -> list[Change]:
        """Matched partnerships whose names differ (normalised or near): never silent."""
        return [c for c in self.changes if c.match in ("normalised", "near")]


def compare_states(old: CardState, new: CardState, vocabulary: Vocabulary,
                   threshold: float = NEAR_MATCH, held: tuple[Held, Held] | None = None,
                   keys: tuple[list[str], list[str]] | None = None) -> Comparison:
    """Classify every partnership of two cards of one school (older first); gained and
    lost codes in vocabulary order. `held`: the cards' `covered` codes, `keys`: their
    `card_keys`, when known."""
    comparison = Comparison(old, new, threshold)
    pairs = match_partners(old, new, threshold, keys)
    comparison.changes = _changes(old.partners, new.partners, pairs, _IntensityScale.of(
        tuple(vocabulary.scales.get("Intensiteit", ()))))
    (had, had_focus), (has, has_focus) = held or (covered(old), covered(new))
    if had != has:
        category_order = tuple(c.code for c in vocabulary.categories)
        comparison.categories_gained = _ordered(has - had, category_order)
        comparison.categories_lost = _ordered(had - has, category_order)
    if had_focus != has_focus:
        focus_order = tuple(f.code for f in vocabulary.focus)
        comparison.focus_gained = _ordered(has_focus - had_focus, focus_order)
        comparison.focus_lost = _ordered(had_focus - has_focus, focus_order)
    return comparison


def _changes(old_partners: tuple[PartnerState, ...], new_partners: tuple[PartnerState, ...],
             pairs: list[tuple[int, int, MatchHow, float]], scale: _IntensityScale
             ) -> list[Change]:
    """The matched partnerships in card order, then those gone, then the new ones."""
    changes = [_change(("unchanged", before, after, how, score, ()))
               if (before := old_partners[i])[1:6] == (after := new_partners[j])[1:6]
               # category, marks, intensity, status, antenna the same: nothing to weigh
               else _classified(before, after, how, score, scale)
               for i, j, how, score in pairs]
    if len(pairs) < len(old_partners):
        for i in sorted(set(range(len(old_partners))).difference(map(_FIRST, pairs))):
            partner = old_partners[i]
            kind: Kind = "unchanged" if status_step(partner.status) == ENDED else "ended"
            changes.append(_change((kind, partner, None, "", 0.0, _GONE)))
    if len(pairs) < len(new_partners):
        changes += [_change(("new", None, new_partners[j], "", 0.0, _NEW)) for j in
                    sorted(set(range(len(new_partners))).difference(map(_SECOND, pairs)))]
    return changes


def match_partners(old: CardState, new: CardState, threshold: float = NEAR_MATCH,
                   keys: tuple[list[str], list[str]] | None = None
                   ) -> list[tuple[int, int, MatchHow, float]]:
    """(old index, new index, how, score) of the partnerships found on both cards.

    Keys are the shared-partner normalisation with each card's municipality
    (`card_keys`; `keys`: the two cards', when known).
    """
    old_keys, new_keys = keys or (card_keys(old), card_keys(new))
    old_partners, new_partners = old.partners, new.partners
    free: dict[str, list[int]] = {}  # key -> the new partners of it not matched yet
    for j, key in enumerate(new_keys):
        if key in free:
            free[key].append(j)
        else:
            free[key] = [j]
    pairs: list[tuple[int, int, MatchHow, float]] = []
    left: list[int] = []
    for i, key in enumerate(old_keys):
        same_key = free.get(key)
        if not same_key:
            left.append(i)
            continue
        if len(same_key) == 1:  # the common case: one partner of that name
            j = same_key.pop()
        else:  # the first of the same category, else the first
            category = old_partners[i][1]
            at = next((at for at, k in enumerate(same_key) if new_partners[k][1] == category), 0)
            j = same_key.pop(at)
        before, after = old_partners[i][0], new_partners[j][0]
        pairs.append((i, j, "same" if before == after or before.strip() == after.strip()
                      else "normalised", 100.0))
    if left and len(pairs) < len(new_keys):
        pairs += _near_matched(old_keys, new_keys, left, set(map(_SECOND, pairs)), threshold)
        pairs.sort()
    return pairs


def _near_matched(old_keys: list[str], new_keys: list[str], left: list[int],
                  taken: set[int], threshold: float) -> list[tuple[int, int, MatchHow, float]]:
    """The old partners `left` unmatched paired with the new ones not `taken`: near
    matches, best score first, one to one (adds the new ones paired to `taken`)."""
    rest = [j for j in range(len(new_keys)) if j not in taken]
    candidates = [sorted_words(new_keys[j]) for j in rest]
    near: list[tuple[float, int, int]] = []
    for i in left:
        for offset, score in near_matches(sorted_words(old_keys[i]), candidates, threshold):
            near.append((-score, i, rest[offset]))
    pairs: list[tuple[int, int, MatchHow, float]] = []
    used_old: set[int] = set()
    for negative, i, j in sorted(near):
        if i not in used_old and j not in taken:
            used_old.add(i)
            taken.add(j)
            pairs.append((i, j, "near", round(-negative, 1)))
    return pairs


def card_keys(card: CardState) -> list[str]:
    """The card's partners' name keys: `normalise` with its municipality."""
    return name_keys(map(_NAME, card.partners), card.gemeente)


def covered(card: CardState) -> Held:
    """The category codes and X-column codes held by a partner that is not Beëindigd."""
    partners = card.partners
    ended = {status for status in set(map(_STATUS, partners)) if status_step(status) == ENDED}
    live = [p for p in partners if p[4] not in ended] if ended else partners
    categories = set(map(_CATEGORY, live))
    categories.discard("")
    return categories, set(chain.from_iterable(map(_MARKED, live)))


# fields of a PartnerState
_NAME, _CATEGORY, _MARKED, _STATUS = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(4)
_GONE, _NEW = (Reason("gone"),), (Reason("new"),)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)  # of a pair
_KIND = itemgetter(0)  # of a Change


def _classified(old: PartnerState, new: PartnerState, how: MatchHow, score: float,
                scale: _IntensityScale) -> Change:
    """A matched partnership's kind and reasons (see the module docstring); `compare_states`
    takes one whose compared values are all the same as unchanged without asking."""
    reasons: list[Reason] = []
    # each value judged only when its text changed (a few in ten matched pairs)
    intensity = 0 if old.intensiteit == new.intensiteit else _sign(
        scale.rank(old.intensiteit), scale.rank(new.intensiteit))
    if intensity:
        code = "intensity_up" if intensity > 0 else "intensity_down"
        reasons.append(Reason(code, old.intensiteit, new.intensiteit))
    ended, status = (False, 0) if old.status == new.status else _status_change(old.status,
                                                                               new.status)
    if ended:
        reasons.append(Reason("status_ended", old.status, new.status))
    elif status:
        reasons.append(Reason("status_up" if status > 0 else "status_down", old.status,
                              new.status))
    gained, lost = ([], []) if old.marked == new.marked else (
        [c for c in new.marked if c not in old.marked],
        [c for c in old.marked if c not in new.marked])
    reasons += [Reason("focus_gained", after=c) for c in gained]
    reasons += [Reason("focus_lost", before=c) for c in lost]
    antenna = 0 if old.antennefunctie == new.antennefunctie else _sign(
        int(_is_yes(old.antennefunctie)), int(_is_yes(new.antennefunctie)))
    if antenna:
        reasons.append(Reason("antenna_gained" if antenna > 0 else "antenna_lost",
                              old.antennefunctie, new.antennefunctie))
    if old.category != new.category:
        reasons.append(Reason("category_changed", old.category, new.category))
    more = len(gained) + (antenna > 0)
    fewer = len(lost) + (antenna < 0)
    kind: Kind
    if ended:
        kind = "ended"
    elif intensity or status:
        kind = "deepened" if (intensity or status) > 0 else "loosened"
    elif more and not fewer:
        kind = "deepened"
    elif fewer and not more:
        kind = "loosened"
    else:
        kind = "unchanged"
    return _change((kind, old, new, how, score, tuple(reasons)))


# A Change from a plain tuple, without the named tuple's Python constructor.
_change = partial(tuple.__new__, Change)


def _status_change(before: str, after: str) -> tuple[bool, int]:
    """Whether a Status became Beëindigd, and its move on the ladder (`_sign`)."""
    was, now = status_step(before), status_step(after)
    return now == ENDED and was != ENDED, _sign(was, now)


def _sign(before: int | None, after: int | None) -> int:
    """+1 up, -1 down, 0 same or either unknown."""
    if before is None or after is None or before == after:
        return 0
    return 1 if after > before else -1


class _IntensityScale:
    """The levels of an Intensiteit scale; each text is judged once."""

    def __init__(self, labels: tuple[str, ...]) -> None:
        self._levels: dict[str, int] = {}
        for level, label in enumerate(labels, start=1):
            folded = fold_words(label)
            self._levels[folded] = self._levels[_LEADING_NUMBER.sub("", folded).strip()] = level
        self._seen: dict[str, int | None] = {}

    @classmethod
    def of(cls, labels: tuple[str, ...]) -> _IntensityScale:
        """The scale of these labels (one per vocabulary's scale)."""
        scale = _SCALES.get(labels)
        if scale is None:
            scale = _SCALES[labels] = cls(labels)
        return scale

    def rank(self, text: str) -> int | None:
        """The level of an Intensiteit: its leading number ('3 Samenwerken' -> 3), else
        its place on the scale ('Samenwerken' -> 3), None when blank or unknown."""
        if text in self._seen:
            return self._seen[text]
        found = _LEADING_NUMBER.match(text)
        level = int(found.group(1)) if found else self._levels.get(fold_words(text))
        if len(self._seen) < _MEMO_LIMIT:
            self._seen[text] = level
        return level


_SCALES: dict[tuple[str, ...], _IntensityScale] = {}


@lru_cache(maxsize=_MEMO_LIMIT)
def _is_yes(text: str) -> bool:
    return fold_words(text) in ("ja", "yes", "x")


def _ordered(codes: set[str], order: tuple[str, ...]) -> tuple[str, ...]:
    if not codes:
        return ()
    position = {code: i for i, code in enumerate(order)}
    return tuple(sorted(codes, key=lambda c: (position.get(c, len(order)), c)))
