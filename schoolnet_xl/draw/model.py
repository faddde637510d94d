"""What a network map shows, as plain values: built from a Card or from merge rows.

No plotting library here: the merge's workers build a `NetworkMap` from their
compact rows, `summary` and `map` from a card.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from schoolnet_xl.core.model import Card, CellValue
from schoolnet_xl.core.overview import missing_categories
from schoolnet_xl.core.status import is_ended, is_wished
from schoolnet_xl.core.text import fold_spacing
from schoolnet_xl.core.values import has_content, parse_date
from schoolnet_xl.core.vocabulary import Vocabulary

_LEADING_DIGIT = re.compile(r"\s*([1-9])(?:\D|$)")

# A partner row as plain values: (category code or None, marked X-column codes,
# organisation name, Intensiteit as written, Status as written[, category guessed]).
MapRow = (tuple[str | None, Sequence[str], str, CellValue, str]
          | tuple[str | None, Sequence[str], str, CellValue, str, bool])


@dataclass(frozen=True, slots=True)
class MapPartner:
    """One partner as the map draws it."""

    name: str
    category: str | None  # category code; None = unknown
    intensity: int | None  # 1..n on the Intensiteit scale; None = not given
    status: str  # as written on the card ("" = not given)
    marks: tuple[str, ...] = ()  # X-column codes holding a mark
    guessed: bool = False  # the category was guessed from the text

    @property
    def wished(self) -> bool:
        """True for a partner the school wishes for (Status Gewenst)."""
        return is_wished(self.status)

    @property
    def ended(self) -> bool:
        """True for a partnership that ended (Status Beëindigd): not drawn."""
        return is_ended(self.status)


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """One school's map: its header words, its partners and its missing categories."""

    school: str
    schooljaar: str
    datum: str
    partners: list[MapPartner] = field(default_factory=list)
    missing_core: list[str] = field(default_factory=list)
    missing_recommended: list[str] = field(default_factory=list)


def parse_intensity(value: CellValue, vocabulary: Vocabulary) -> int | None:
    """The step on the Intensiteit scale: '3 Samenwerken', 3, 3.0, 'Samenwerken' -> 3."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and 1 <= value <= 9 else None
    text = str(value)
    match = _LEADING_DIGIT.match(text)
    if match:
        return int(match.group(1))
    wanted = fold_spacing(text)
    for step, label in enumerate(vocabulary.scales.get("Intensiteit", ()), start=1):
        words = fold_spacing(label)
        if wanted and (wanted == words or wanted == words.lstrip("0123456789 ")):
            return step
    return None


def date_text(value: CellValue) -> str:
    """A header Datum as dd/mm/yyyy (text that is no date stays as written)."""
    if value in (None, ""):
        return ""
    parsed = parse_date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else str(value).strip()


def network_map_from_card(card: Card, vocabulary: Vocabulary) -> NetworkMap:
    """The map of a card as read (template card or hand-made grid alike)."""
    partners = []
    for p in card.partners:
        name = p.organisatie.text
        if not name and not has_content(p):
            continue
        marks = vocabulary.marked(p.focus)
        partners.append(MapPartner(
            name=name or p.aard.text or f"rij {p.row}", category=p.category_code,
            intensity=parse_intensity(p.intensiteit.value, vocabulary),
            status=p.status.text, marks=marks, guessed=p.category_guessed))
    missing = missing_categories(card, vocabulary)
    header = card.header
    school = (header.schoolnaam.text or header.instellingsnummer.text
              or card.path.rsplit("/", 1)[-1])
    return NetworkMap(school, header.schooljaar.text, date_text(header.datum.value), partners,
                      missing["core"], missing["recommended"])


def network_map_from_rows(
    school: str,
    schooljaar: str,
    datum: CellValue,
    rows: Iterable[MapRow],
    missing_core: Sequence[str],
    missing_recommended: Sequence[str],
    vocabulary: Vocabulary,
) -> NetworkMap:
    """The map from plain values, e.g. a merge `FileResult`: its `SchoolInfo` fields,
    each partner row as (category, marks, name, intensity, status[, guessed]) and its
    `missing["core"]` / `missing["recommended"]` codes. A category "" counts as unknown."""
    partners = []
    for row in rows:
        category, marks, name, intensity, status = row[:5]
        guessed = bool(row[5]) if len(row) > 5 else False
        partners.append(MapPartner(
            name=str(name or "").strip(), category=category or None,
            intensity=parse_intensity(intensity, vocabulary),
            status=str(status or "").strip(), marks=tuple(marks), guessed=guessed))
    return NetworkMap(school, schooljaar, date_text(datum), partners, list(missing_core),
                      list(missing_recommended))
