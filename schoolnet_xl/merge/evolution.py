"""The region's evolution from a merge's file results (see `evolve.region`).

Every card that counts for its school year goes in: the region's own cards and
the older school years kept beside them; identical copies, superseded cards and
cards of years after the one asked for do not.
"""

from __future__ import annotations

from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.evolve.region import RegionEvolution, region_evolution
from schoolnet_xl.evolve.states import CardState, PartnerState
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.organisations import Mention, shared_partners
from schoolnet_xl.merge.records import FileResult

# duplicate kinds of a card that does not count for its school year
LEFT_OUT: frozenset[str] = frozenset({"superseded", "identical", "other-year"})


def evolution_of(results: list[FileResult], vocabulary: Vocabulary,
                 lang: Lang = "nl") -> RegionEvolution:
    """The Evolutie data of a merge: per school, per category, shared partners per year."""
    counted = [r for r in results if _counts(r)]
    states = [card_state_of(r, vocabulary) for r in counted]
    by_year: dict[str, list[FileResult]] = {}
    for result, state in zip(counted, states, strict=True):
        by_year.setdefault("".join(state.schooljaar.split()), []).append(result)
    shared = {year: len(shared_partners(_mentions(cards))) for year, cards in by_year.items()}
    return region_evolution(states, vocabulary, shared, lang=lang)


def card_state_of(result: FileResult, vocabulary: Vocabulary) -> CardState:
    """A read card's compact rows as the CardState the evolution compares."""
    school = result.school
    assert school is not None
    headers = partner_headers(vocabulary)
    intensity, status, antenna = (headers.index(h) for h in
                                  ("Intensiteit", "Status", "Antennefunctie"))
    partners = tuple(
        PartnerState(str(p.values[0] or ""), p.category, p.marked,
                     str(p.values[intensity] or ""), str(p.values[status] or ""),
                     str(p.values[antenna] or ""), str(p.values[-1] or ""))
        for p in result.partners if p.values[0])
    return CardState(
        source=result.path, label=school.label, instellingsnummer=school.instellingsnummer,
        schooljaar=school.schooljaar, gemeente=school.gemeente,
        level=vocabulary.level_code_for(school.onderwijsniveau) if school.onderwijsniveau
        else None, partners=partners)


def _counts(result: FileResult) -> bool:
    return (result.status == "ok" and result.school is not None
            and result.duplicate not in LEFT_OUT)


def _mentions(results: list[FileResult]) -> list[Mention]:
    """The partner rows of one year's cards as the shared-partner matching takes them."""
    mentions: list[Mention] = []
    for result in results:
        school = result.school
        assert school is not None
        identity = school.instellingsnummer or result.path
        mentions.extend(Mention(identity, school.label, school.gemeente, p.category,
                                str(p.values[0] or "")) for p in result.partners)
    return mentions
