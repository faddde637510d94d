"""The words a grid's header row and the lines above it may use, per card field.

Matching is on folded text (case, accents and punctuation ignored): an exact
word first, else the longest known word that starts the header text, else an
abbreviation: the header is the start of known words that all name one column
(`Kansenbev.`, `Armoedebestr.`; at least four letters, or three with a full
stop: `Cat.`).
"""

from __future__ import annotations

from collections.abc import Iterable

from schoolnet_xl.core.model import COLUMNS_AFTER_FOCUS, COLUMNS_BEFORE_FOCUS
from schoolnet_xl.core.text import fold_words as fold
from schoolnet_xl.core.vocabulary import Vocabulary

# Partner attribute -> header words besides the template's own header.
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisatie": ("partner", "partners", "naam organisatie", "organisatie of partner",
                    "partnerorganisatie", "naam van de organisatie", "naam partner",
                    "organisaties", "organisation", "dienst", "instantie", "organisatie dienst"),
    "aard": ("aard", "omschrijving", "samenwerking", "specificaties", "beschrijving",
             "aard van de samenwerking", "aard specificaties", "inhoud", "wat",
             "wat doen we samen", "activiteit", "activiteiten", "doel"),
    "categorie": ("soort", "type", "soort partner", "categorie partner"),
    "contactpersoon": ("contact", "naam contactpersoon", "contactpersonen"),
    "email": ("email", "mail", "e mailadres", "emailadres", "mailadres"),
    "telefoon": ("tel", "telefoonnummer", "gsm", "telefoon gsm", "telefoonnr"),
    "interne_trekker": ("trekker", "verantwoordelijke", "interne verantwoordelijke"),
    "antennefunctie": ("antenne",),
    "sinds": ("sinds jaar", "vanaf", "sinds wanneer"),
    "volgende_stap": ("volgende stappen", "actie", "acties"),
}

# Header field (Header attribute) -> labels used on the lines above a hand-made grid.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "schoolnaam": ("schoolnaam", "school", "naam school", "naam van de school"),
    "instellingsnummer": ("instellingsnummer", "instellingsnr", "instelnummer",
                          "instellingsnummer school", "inst nr"),
    "onderwijsniveau": ("onderwijsniveau", "niveau"),
    "scholengemeenschap": ("scholengemeenschap",),
    "gemeente": ("gemeente", "stad", "gemeente stad"),
    "schooljaar": ("schooljaar",),
    "ingevuld_door": ("ingevuld door",),
    "datum": ("datum",),
}

ABBREVIATION_MIN = 4  # letters of a header that abbreviates a known word (3 with a ".")
MISSES_MAX = 4096

TOTAL_WORDS = ("totaal", "totalen", "aantal", "total", "som", "subtotaal")


class ColumnWords:
    """Folded header word -> partner attribute or X-column code."""

    def __init__(self, vocabularies: Iterable[Vocabulary]) -> None:
        lookup: dict[str, str] = {}
        for key, header in {**COLUMNS_BEFORE_FOCUS, **COLUMNS_AFTER_FOCUS}.items():
            lookup[fold(header)] = key
            for word in COLUMN_SYNONYMS.get(key, ()):
                lookup.setdefault(fold(word), key)
        for vocabulary in vocabularies:
            for focus in vocabulary.focus:
                for word in (focus.header, focus.header_en, focus.code, *focus.synonyms):
                    if word:
                        lookup.setdefault(fold(word), focus.code)
        self.lookup = lookup
        self._by_length = sorted(lookup, key=len, reverse=True)
        fixed = {*COLUMNS_BEFORE_FOCUS, *COLUMNS_AFTER_FOCUS}
        self._focus_codes = frozenset(key for key in lookup.values() if key not in fixed)
        self._misses: dict[tuple[str, bool], str | None] = {}  # (folded, ends in '.')
        self._texts: dict[str, str | None] = {}  # a header text as typed -> its key
        # a template table's header row (as `read.template.table_hit` keys it) -> columns
        self.tables: dict[tuple[object, ...], dict[str, int]] = {}

    def key_for(self, text: object) -> str | None:
        """The attribute or focus code a header cell names, or None.

        Remembered per text as typed (only texts: True and 1 are equal keys but fold
        differently): a region's cards repeat the same header row.
        """
        if text.__class__ is not str:
            return self._key_for(text)
        texts = self._texts
        if text in texts:
            return texts[text]
        if len(texts) >= MISSES_MAX:
            texts.clear()
        key = texts[text] = self._key_for(text)
        return key

    def _key_for(self, text: object) -> str | None:
        folded = fold(text)
        if not folded:
            return None
        hit = self.lookup.get(folded)
        if hit is not None:
            return hit
        # "Cat." may abbreviate a column where "Cat" does not: both decide the answer
        asked = (folded, str(text).rstrip().endswith("."))
        if asked in self._misses:
            return self._misses[asked]
        key = self._longer_key(*asked)
        if len(self._misses) >= MISSES_MAX:
            self._misses.clear()
        self._misses[asked] = key
        return key

    def _longer_key(self, folded: str, abbreviated: bool) -> str | None:
        for word in self._by_length:
            if folded.startswith(word + " "):
                return self.lookup[word]
        if len(folded) < (ABBREVIATION_MIN - 1 if abbreviated else ABBREVIATION_MIN):
            return None
        keys = {key for word, key in self.lookup.items() if word.startswith(folded)}
        return keys.pop() if len(keys) == 1 else None

    def focus_codes(self) -> frozenset[str]:
        """Every code this instance maps X-column headers to (built once: a card asks for
        them per sheet, per block and per stretch of rows it reads)."""
        return self._focus_codes


_SHARED: dict[tuple[int, ...], tuple[tuple[Vocabulary, ...], ColumnWords]] = {}
_SHARED_MAX = 32


def column_words(*vocabularies: Vocabulary) -> ColumnWords:
    """One shared `ColumnWords` per combination of vocabulary objects.

    A region's cards all store the same vocabulary (one cached object), so the
    look-up is built once instead of per card. The cache keeps the vocabularies
    alive, so their ids stay theirs; it is emptied when it grows past a few.
    """
    key = tuple(map(id, vocabularies))
    hit = _SHARED.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], vocabularies, strict=True)):
        return hit[1]
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    words = ColumnWords(vocabularies)
    _SHARED[key] = (vocabularies, words)
    return words


FIELD_LOOKUP: dict[str, str] = {
    fold(label): attribute for attribute, labels in FIELD_LABELS.items() for label in labels
}
