"""Turn a checked card into the compact rows of `records` (runs in the workers)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, cast

from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import Card, Sourced
from schoolnet_xl.core.table import Cell
from schoolnet_xl.core.values import has_content, parse_date, row_cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.merge.records import FindingRow, PartnerRow, SchoolInfo

CONTACT_HEADERS = ("Contactpersoon", "E-mail", "Telefoon")
SECTION_HEADER = "Afdeling"
MEMO_LIMIT = 4096  # entries a look-up table of `PartnerRows` holds before it starts afresh

# The property's function, called directly once per cell (typeshed types a NamedTuple's
# property as a plain callable).
_text: Callable[[Sourced], str] = Sourced.text.fget  # type: ignore[attr-defined]


def partner_headers(vocabulary: Vocabulary) -> list[str]:
    """Headers of `PartnerRow.values`, in order (contacts included, Cel last).

    Afdeling is the section a partner was listed under on a sheet with several grids
    (kleuter and lager, a campus), empty for every other card.
    """
    return ["Organisatie", "Aard en specificaties", *(f.header for f in vocabulary.focus),
            "Categorie", "Categorie geraden", *CONTACT_HEADERS, "Intensiteit",
            "Interne trekker", "Antennefunctie", "Status", "Sinds", "Volgende stap",
            SECTION_HEADER, "Cel"]


def school_info(card: Card, vocabulary: Vocabulary) -> SchoolInfo:
    """The header as text; onderwijsniveau as its vocabulary label when recognised."""
    header = card.header
    level = header.onderwijsniveau.text
    level_code = vocabulary.level_code_for(level) if level else None
    label = header.schoolnaam.text or header.instellingsnummer.text or Path(card.path).name
    datum = header.datum.value
    return SchoolInfo(
        label=label, naam=header.schoolnaam.text,
        instellingsnummer=header.instellingsnummer.text,
        onderwijsniveau=vocabulary.levels[level_code] if level_code else level,
        gemeente=header.gemeente.text, scholengemeenschap=header.scholengemeenschap.text,
        schooljaar=header.schooljaar.text,
        datum=parse_date(datum) if datum not in (None, "") else None,
    )


class PartnerRows:
    """Builds `PartnerRow`s for one vocabulary; a worker keeps one for all its cards.

    What cards repeat is worked out once per worker: how an X cell shows, a
    Sinds value's year (keys carry the value's type: True and 1 must not share
    an answer). Texts from short lists (the scales, roles, cell addresses) become
    one object per text: pickle sends an object once per chunk of results.
    """

    def __init__(self, vocabulary: Vocabulary, guessed_text: str) -> None:
        self.vocabulary = vocabulary
        self.guessed_text = guessed_text  # the "Categorie geraden" value of a guessed row
        self._codes = tuple(f.code for f in vocabulary.focus)
        self._labels = {c.code: c.label for c in vocabulary.categories}
        self._x_texts = frozenset(t for t in vocabulary.mark_texts if t.strip())
        self._marks: dict[tuple[type, object], Cell] = {}
        self._years: dict[tuple[type, object], Cell] = {}
        self._texts = _Texts()

    def __call__(self, card: Card) -> list[PartnerRow]:
        """Every partner row of the card with content, as display values."""
        codes, labels, guessed_text = self._codes, self._labels, self.guessed_text
        x_texts = self._x_texts
        marks, years, texts = self._marks, self._years, self._texts
        for memo in (marks, years, texts):
            if len(memo) > MEMO_LIMIT:
                memo.clear()
        rows: list[PartnerRow] = []
        sections = card.sections
        for p in card.partners:
            # each cell's text (`Sourced.text`), inline for the usual str and None: a call
            # per cell would cost a third more
            v = (c := p.organisatie).value
            organisatie = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            # text means content: has_content is not needed
            if not organisatie and not has_content(p):
                continue
            v = (c := p.aard).value
            aard = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.categorie).value
            categorie = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.contactpersoon).value
            contact = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.email).value
            email = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.telefoon).value
            telefoon = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.intensiteit).value
            intensiteit = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.interne_trekker).value
            trekker = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.antennefunctie).value
            antenne = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.status).value
            status = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            v = (c := p.volgende_stap).value
            volgende = v.strip() if v.__class__ is str else "" if v is None else _text(c)
            shown: list[Cell] = []
            marked: list[str] = []
            focus = p.focus
            for code in codes:
                value = focus.get(code)
                raw = None if value is None else value.value
                if raw is None:
                    shown.append(None)
                    continue
                if raw in x_texts:  # a mark as written (no other type equals a text)
                    mark: Cell = "X"
                else:
                    key = (raw.__class__, raw)
                    mark = marks.get(key, _UNSEEN)
                    if mark is _UNSEEN:
                        mark = marks[key] = self._mark(cast(Sourced, value))
                shown.append(mark)
                if mark == "X":
                    marked.append(code)
            since = p.sinds.value
            since_key = (since.__class__, since)
            year = years.get(since_key, _UNSEEN)
            if year is _UNSEEN:
                year = years[since_key] = _year(p.sinds)
            cell = p.organisatie.cell or row_cell(p)
            address = texts[f"{p.sheet}!{cell}"] if cell else p.sheet
            section = sections.get(p.row) if sections else None  # "" or absent: None
            category = p.category_code or ""
            rows.append(_partner_row((category, tuple(marked), (
                organisatie, aard, *shown, labels.get(category, "") or categorie,
                guessed_text if p.category_guessed else None, contact, email, telefoon,
                texts[intensiteit], texts[trekker], texts[antenne], texts[status], year, volgende,
                texts[section] if section else None, address))))
        return rows

    def _mark(self, value: Sourced) -> Cell:
        """"X" for a valid mark, the text for anything else, None for a blank cell."""
        if value.is_empty:
            return None
        return "X" if self.vocabulary.is_mark(value.value) else value.text


_UNSEEN: Any = object()  # what a memo's get answers for a key it does not hold
# Row types from a plain tuple, without the NamedTuple's Python __new__.
_partner_row = partial(tuple.__new__, PartnerRow)
_finding_row = partial(tuple.__new__, FindingRow)


class _Texts(dict[str, str]):
    """Each text to the one object kept for it; looking up a new text adds it."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text


def finding_rows(findings: list[Finding], lang: Lang) -> list[FindingRow]:
    """The findings as compact rows, in the order given."""
    return [_finding_row((f.sheet, f.cell, f.code, f.severity, f.field, f.value, *f.texts(lang)))
            for f in findings]


def _year(value: Sourced) -> Cell:
    text = value.text
    return int(text) if text.isdigit() and len(text) == 4 else (text or None)
