"""Rules of one grid row (SN2xx), each declared beside its check."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime

from schoolnet_xl.core.findings import Finding, Words, rule
from schoolnet_xl.core.model import Partner, Sourced
from schoolnet_xl.core.text import fold_name, fold_spacing, fold_words
from schoolnet_xl.core.values import row_cell
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.checks import (
    NONE,
    Context,
    Findings,
    per_vocabulary,
    row_check,
    row_name,
)

FIRST_YEAR = 1900  # the earliest plausible Sinds year
CHOOSE_CATEGORY = Words("Kies een categorie uit de keuzelijst (zie het blad Categorieën).",
                        "Pick a category from the dropdown (see the Categorieën sheet).")
_EMAIL_RE = re.compile(r"[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[A-Za-z]{2,}")
_PHONE_STRIP_RE = re.compile(r"[\s./\-()]")
_PRIVACY_CATEGORIES = ("JH", "BRUG")
_PRIVACY_RE = re.compile(
    r"\b(?:leerling|kind|zoon|dochter|broer|zus)(?:je)?\s+[A-Z]\w+"
    r"|\b(?:dossier|gezin van|familie [A-Z])",
)
_SCALE_FIELDS = {"intensiteit": "Intensiteit", "antennefunctie": "Antennefunctie",
                 "status": "Status"}


ORGANISATION_MISSING = rule("SN201", "fout", "row", nl="""
    checks:  Een rij met inhoud heeft een Organisatie.
    message: Rij {row} heeft inhoud maar geen Organisatie.
    hint:    Vul de naam van de partnerorganisatie in, of maak de rij leeg.
    example: Alleen 'Zorg' aangekruist
""", en="""
    checks:  A row with content names its Organisatie.
    message: Row {row} has content but no Organisatie.
    hint:    Fill in the partner organisation's name, or clear the row.
    example: only 'Zorg' ticked
""")


ORGANISATION_DUPLICATE = rule(
    "SN209", "waarschuwing", "row", nl="""
    checks:  Elke organisatie staat maar één keer op de kaart.
    message: '{value}' staat al op de kaart in cel {first_cell}.
    hint:    Voeg de rijen samen; zet meerdere X'en op één rij.
    example: 'CLB Brugge' en 'clb  brugge'
""", en="""
    checks:  Every organisation appears only once on the card.
    message: '{value}' is already on the card in cell {first_cell}.
    hint:    Merge the rows; put several X marks on one row.
    example: 'CLB Brugge' and 'clb  brugge'
""")


@row_check(ORGANISATION_MISSING, ORGANISATION_DUPLICATE)
def organisation(ctx: Context, partner: Partner) -> Findings:
    name = partner.organisatie.text
    if not name:
        return [ctx.at_row(ORGANISATION_MISSING, partner, "organisatie")]
    first = ctx.seen_names.setdefault(fold_name(name), partner)
    # rows under one merged Organisatie cell share its address: one organisation
    if first is not partner and first.organisatie.cell != partner.organisatie.cell:
        return [ctx.at_row(ORGANISATION_DUPLICATE, partner, "organisatie",
                           first_cell=row_cell(first))]
    return NONE


CATEGORY_UNKNOWN = rule("SN202", "fout", "row", nl="""
    checks:  De Categorie is een categorie uit de woordenlijst (code of label).
    message: Categorie '{value}' bestaat niet.
    hint:    {suggestion}
    example: Bibliotheeek
""", en="""
    checks:  The Categorie is a category of the vocabulary (code or label).
    message: Category '{value}' does not exist.
    hint:    {suggestion}
    example: Bibliotheeek
""")


CATEGORY_MISSING = rule("SN203", "fout", "row", nl="""
    checks:  Elke partner heeft een Categorie (ingevuld of af te leiden uit de naam).
    message: '{organisatie}' heeft geen categorie.
    hint:    Kies een categorie uit de keuzelijst (zie het blad Categorieën).
    example: Categorie leeg bij 'Vzw De Brug'
""", en="""
    checks:  Every partner has a Categorie (filled in or guessable from its name).
    message: '{organisatie}' has no category.
    hint:    Pick a category from the dropdown (see the Categorieën sheet).
    example: Categorie empty for 'Vzw De Brug'
""")


@row_check(CATEGORY_UNKNOWN, CATEGORY_MISSING, cache_on="categorie")
def category(ctx: Context, partner: Partner) -> Findings:
    text = partner.categorie.text
    # a Categorie in own words that the reader mapped by a keyword is a guess, reported
    # there (SN056), not an unknown label
    if (text and not partner.category_guessed
            and fold_spacing(text) not in _category_keys(ctx.vocabulary)):
        return [ctx.at_row(CATEGORY_UNKNOWN, partner, "categorie",
                           suggestion=category_suggestion(ctx.vocabulary, text))]
    if not text and partner.category_code is None:
        return [ctx.at_row(CATEGORY_MISSING, partner, "categorie")]
    return NONE


@per_vocabulary
def _category_keys(vocabulary: Vocabulary) -> frozenset[str]:
    """The folded codes and labels a Categorie cell may hold."""
    return frozenset(fold_spacing(key) for category in vocabulary.categories
                     for key in (category.code, category.label, category.label_en) if key)


def category_suggestion(vocabulary: Vocabulary, text: str) -> Words:
    """'Did you mean …?' with the closest category, else the generic advice.

    Closest by what a category is known by: its keywords (as the reader guesses),
    then the words of its label, code, keywords and examples, then spelling.
    """
    code = suggest_category(vocabulary, text)
    category = vocabulary.category(code) if code else None
    if category is None:
        return CHOOSE_CATEGORY
    label = category.label
    return Words(f"Bedoelde je '{label}'? {CHOOSE_CATEGORY.nl}",
                 f"Did you mean '{label}'? {CHOOSE_CATEGORY.en}")


def suggest_category(vocabulary: Vocabulary, text: str) -> str | None:
    """The code of the category `text` most likely means, or None."""
    guess = vocabulary.guess_category(text)
    if guess is not None:
        return guess
    folded = fold_words(text)
    if not folded:
        return None
    names = _category_names(vocabulary)
    words = [w for w in folded.split() if len(w) >= MIN_SUGGEST_WORD]
    best: tuple[int, int, str] | None = None
    for order, (code, label_words, other_words) in enumerate(names.words):
        score = 0
        for word in words:
            if any(k.startswith(word) or word.startswith(k) for k in label_words):
                score += 2
            elif any(k.startswith(word) or word.startswith(k) for k in other_words):
                score += 1
        if score and (best is None or (score, -order) > best[:2]):
            best = (score, -order, code)
    if best is not None:
        return best[2]
    close = difflib.get_close_matches(folded, list(names.phrases), n=1, cutoff=0.6)
    return names.phrases[close[0]] if close else None


MIN_SUGGEST_WORD = 4  # shorter words (en, de, van) say nothing about a category


class _Names:
    """Per category, the words it is known by; every phrase (label, example …) -> code."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.words: list[tuple[str, frozenset[str], frozenset[str]]] = []
        self.phrases: dict[str, str] = {}
        for category in vocabulary.categories:
            labels = [category.label, category.code, category.label_en]
            others = [*category.keywords, *category.examples.split(",")]
            for phrase in (*labels, *others):
                folded = fold_words(phrase)
                if folded:
                    self.phrases.setdefault(folded, category.code)
            self.words.append((category.code, _long_words(labels), _long_words(others)))


def _long_words(phrases: list[str]) -> frozenset[str]:
    return frozenset(w for phrase in phrases for w in fold_words(phrase).split()
                     if len(w) >= MIN_SUGGEST_WORD)


@per_vocabulary
def _category_names(vocabulary: Vocabulary) -> _Names:
    return _Names(vocabulary)


NO_MARK = rule("SN204", "waarschuwing", "row", nl="""
    checks:  Een partner heeft minstens één X in de focuskolommen.
    message: '{organisatie}' heeft geen X in {columns}.
    hint:    Zet een X bij de uitdaging(en) waaraan deze partner meewerkt.
    example: Kansen, Zorg en Armoede leeg
""", en="""
    checks:  A partner has at least one X in the focus columns.
    message: '{organisatie}' has no X in {columns}.
    hint:    Put an X under the challenge(s) this partner helps with.
    example: Kansen, Zorg and Armoede empty
""")


MARK_INVALID = rule("SN205", "waarschuwing", "row", nl="""
    checks:  Een X-kolom bevat een X (of een gekend teken) of is leeg.
    message: '{value}' in {column} is geen X; de cel telt niet als aangekruist.
    hint:    Zet alleen een X in deze kolom; uitleg hoort in Aard en specificaties.
    example: 'soms' in Zorg
""", en="""
    checks:  An X column holds an X (or an accepted mark) or is empty.
    message: '{value}' in {column} is not an X; the cell does not count as marked.
    hint:    Put only an X in this column; explanations belong in Aard en specificaties.
    example: 'soms' (sometimes) in Zorg
""")


@row_check(NO_MARK, MARK_INVALID)
def marks(ctx: Context, partner: Partner) -> Findings:
    if not ctx.has_focus_columns:
        return NONE
    mark_texts = ctx.vocabulary.mark_texts  # marks as written: no call to is_mark for them
    is_mark = ctx.vocabulary.is_mark
    marked = False
    found: list[Finding] = []
    for code, value in partner.focus.items():
        raw = value.value
        if raw is None:
            continue
        if raw in mark_texts or is_mark(raw):
            marked = True
        elif not value.is_empty:
            header = _focus_headers(ctx.vocabulary).get(code, code)
            where = Sourced(raw, value.sheet or partner.sheet, value.cell or row_cell(partner))
            found.append(ctx.emit(MARK_INVALID, where, header, column=header))
    if not marked:
        headers = _focus_headers(ctx.vocabulary)
        codes = ctx.card.focus_codes or tuple(partner.focus) or tuple(headers)
        found.append(ctx.emit(NO_MARK, Sourced("", partner.sheet, row_cell(partner)), "X",
                              organisatie=row_name(partner),
                              columns=", ".join(headers.get(c, c) for c in codes)))
    return found


@per_vocabulary
def _focus_headers(vocabulary: Vocabulary) -> dict[str, str]:
    """X-column code -> its header as on the card."""
    return {f.code: f.header for f in vocabulary.focus}


EMAIL_INVALID = rule("SN206", "fout", "row", nl="""
    checks:  Een E-mail is een e-mailadres.
    message: '{value}' is geen e-mailadres.
    hint:    Gebruik liefst een functioneel adres, bv. onthaal@organisatie.be.
    example: info(at)clb.be
""", en="""
    checks:  An E-mail is an e-mail address.
    message: '{value}' is not an e-mail address.
    hint:    Preferably use a functional mailbox, e.g. onthaal@organisatie.be.
    example: info(at)clb.be
""")


@row_check(EMAIL_INVALID, cache_on="email")
def email(ctx: Context, partner: Partner) -> Findings:
    address = partner.email.text
    if address and not _EMAIL_RE.fullmatch(address.removeprefix("mailto:")):
        return [ctx.at_row(EMAIL_INVALID, partner, "email")]
    return NONE


PHONE_SHAPE = rule(
    "SN207", "waarschuwing", "row", nl="""
    checks:  Een Telefoon heeft de vorm van een Belgisch nummer (+32… of 0…, 9 of 10 cijfers).
    message: '{value}' lijkt geen Belgisch telefoonnummer.
    hint:    Schrijf het nummer als tekst met de 0 of +32 vooraan, bv. 050 12 34 56.
    example: 12345 of 471123456 (0 weggevallen)
""", en="""
    checks:  A Telefoon looks like a Belgian number (+32… or 0…, 9 or 10 digits).
    message: '{value}' does not look like a Belgian phone number.
    hint:    Write the number as text starting with 0 or +32, e.g. 050 12 34 56.
    example: 12345 or 471123456 (leading 0 lost)
""")


@row_check(PHONE_SHAPE)  # not cached: a card's numbers are its own
def phone(ctx: Context, partner: Partner) -> Findings:
    text = partner.telefoon.text  # "" exactly when the cell is empty
    if text and not is_belgian_phone(text):
        return [ctx.at_row(PHONE_SHAPE, partner, "telefoon")]
    return NONE


def is_belgian_phone(text: str) -> bool:
    """+32… or 0… with 9–10 digits once spaces, dots, slashes and dashes are removed."""
    number = text.replace(" ", "")
    if not (number.isascii() and number.isdigit()):  # how most are written: 050 12 34 56
        number = _PHONE_STRIP_RE.sub("", text)
    if number.startswith("+32"):
        number = "0" + number[3:]
    elif number.startswith("0032"):
        number = "0" + number[4:]
    return number.isdigit() and number.startswith("0") and 9 <= len(number) <= 10


SINCE_IMPLAUSIBLE = rule("SN208", "waarschuwing", "row", nl="""
    checks:  Sinds is een jaartal tussen 1900 en dit jaar.
    message: Sinds '{value}' is geen aannemelijk jaartal (1900–{this_year}).
    hint:    Vul het jaar in waarin de samenwerking begon, bv. 2019.
    example: 2099 of 'lang geleden'
""", en="""
    checks:  Sinds is a year between 1900 and this year.
    message: Sinds '{value}' is not a plausible year (1900–{this_year}).
    hint:    Fill in the year the partnership started, e.g. 2019.
    example: 2099 or 'lang geleden' (long ago)
""")


@row_check(SINCE_IMPLAUSIBLE)
def since(ctx: Context, partner: Partner) -> Findings:
    value = partner.sinds
    raw = value.value
    if raw is None or ((raw.__class__ is int or raw.__class__ is float)  # how most arrive
                       and FIRST_YEAR <= raw <= ctx.today.year and raw == int(raw)):
        return NONE
    if value.is_empty:
        return NONE
    year: int | None = None
    if isinstance(raw, (date, datetime)):
        year = raw.year
    elif value.text.isdigit():
        year = int(value.text)
    if year is None or not FIRST_YEAR <= year <= ctx.today.year:
        return [ctx.at_row(SINCE_IMPLAUSIBLE, partner, "sinds", this_year=ctx.today.year)]
    return NONE



SCALE_INVALID = rule("SN210", "waarschuwing", "row", nl="""
    checks:  Intensiteit, Antennefunctie en Status hebben een waarde uit hun keuzelijst.
    message: '{value}' is geen waarde voor {column}.
    hint:    Kies uit: {choices}.
    example: Intensiteit 'veel'
""", en="""
    checks:  Intensiteit, Antennefunctie and Status hold a value from their dropdown.
    message: '{value}' is not a value for {column}.
    hint:    Choose from: {choices}.
    example: Intensiteit 'veel' (a lot)
""")


def _scale_check(attribute: str, scale: str) -> None:
    """Register the check of one scale column (Intensiteit, Antennefunctie, Status)."""

    @row_check(SCALE_INVALID, cache_on=attribute)
    def scale_value(ctx: Context, partner: Partner) -> Findings:
        value: Sourced = getattr(partner, attribute)
        accepted = _scale_values(ctx.vocabulary).get(scale)
        if not accepted or value.is_empty or fold_name(value.text) in accepted:
            return NONE
        return [ctx.at_row(SCALE_INVALID, partner, attribute, column=scale,
                           choices=", ".join(ctx.vocabulary.scales[scale]))]


for _attribute, _scale in _SCALE_FIELDS.items():
    _scale_check(_attribute, _scale)


@per_vocabulary
def _scale_values(vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """Per scale, the folded forms it accepts: each choice, and its number or words alone.

    "3 Samenwerken" accepts "3 samenwerken", "3" and "samenwerken".
    """
    accepted: dict[str, frozenset[str]] = {}
    for name, choices in vocabulary.scales.items():
        forms: set[str] = set()
        for choice in choices:
            folded = fold_name(choice)
            forms.add(folded)
            number, _, words = folded.partition(" ")
            if number.isdigit() and words:
                forms.update((number, words))
        accepted[name] = frozenset(forms)
    return accepted


OWNER_MISSING = rule("SN211", "info", "row", nl="""
    checks:  Elke partner heeft een Interne trekker (wie beheert het contact?).
    message: '{organisatie}' heeft geen interne trekker.
    hint:    Aanbevolen: noteer wie in de school dit contact beheert (naam of rol).
    example: Interne trekker leeg
""", en="""
    checks:  Every partner has an Interne trekker (who in the school owns the contact?).
    message: '{organisatie}' has no internal owner.
    hint:    Recommended: note who in the school owns this contact (name or role).
    example: Interne trekker empty
""")


@row_check(OWNER_MISSING, cache_on="interne_trekker")
def owner(ctx: Context, partner: Partner) -> Findings:
    if partner.interne_trekker.is_empty:
        return [ctx.at_row(OWNER_MISSING, partner, "interne_trekker")]
    return NONE


DESCRIPTION_MISSING = rule("SN212", "info", "row", nl="""
    checks:  Elke partner heeft Aard en specificaties.
    message: '{organisatie}' heeft geen aard en specificaties.
    hint:    Aanbevolen: beschrijf kort waarvoor jullie samenwerken.
    example: Aard en specificaties leeg
""", en="""
    checks:  Every partner has Aard en specificaties (what the partnership is).
    message: '{organisatie}' has no description.
    hint:    Recommended: describe briefly what you work on together.
    example: Aard en specificaties empty
""")


@row_check(DESCRIPTION_MISSING, cache_on="aard")
def description(ctx: Context, partner: Partner) -> Findings:
    if partner.aard.is_empty:
        return [ctx.at_row(DESCRIPTION_MISSING, partner, "aard")]
    return NONE


PRIVACY_CASE = rule(
    "SN213", "info", "row", nl="""
    checks:  Aard en specificaties bij jeugdhulp of brugfiguren noemt geen leerling of gezin.
    message: '{organisatie}': de omschrijving lijkt een leerling of gezin te noemen.
    hint:    Noteer geen leerling- of gezinsgegevens op de netwerkkaart (privacy, AVG).
    example: 'dossier leerling Jonas, gezin van Ahmed'
""", en="""
    checks:  Aard en specificaties of youth care or bridge rows names no pupil or family.
    message: '{organisatie}': the description seems to name a pupil or family.
    hint:    Do not note pupil or family case details on the card (privacy, GDPR).
    example: 'dossier leerling Jonas, gezin van Ahmed' (pupil's file, family)
""")


@row_check(PRIVACY_CASE)
def privacy(ctx: Context, partner: Partner) -> Findings:
    if partner.category_code not in _PRIVACY_CATEGORIES or partner.aard.is_empty:
        return NONE
    if _PRIVACY_RE.search(partner.aard.text):
        return [ctx.at_row(PRIVACY_CASE, partner, "aard", "")]
    return NONE
