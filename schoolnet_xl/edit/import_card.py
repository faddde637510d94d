"""`import`: turn a hand-made grid into a template card, listing what a person must decide.

Every partner row, X mark and description is carried over; categories the
reader guessed are written and listed (cell + guess) for confirmation; header
fields come from the grid unless an option gives them. The input is never
touched: the card goes to a new file, written beside it and verified first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from schoolnet_xl.core.findings import Finding
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.model import HEADER_FIELDS, Card, Sourced
from schoolnet_xl.core.values import has_content
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.edit.atomic import (
    GuardError,
    check_writable,
    discard,
    refuse_existing,
    refuse_if_open_elsewhere,
    temp_path_beside,
)
from schoolnet_xl.edit.compare import card_differences
from schoolnet_xl.edit.guard import WRITABLE_FORMATS
from schoolnet_xl.read import read_card
from schoolnet_xl.read.file_rules import COLUMN_NOT_READ
from schoolnet_xl.template import write_card
from schoolnet_xl.validate.check import check_file


@dataclass(frozen=True)
class Decision:
    """A row a person must look at: where, which organisation, what was guessed."""

    source_cell: str
    card_cell: str
    organisatie: str
    guess: str  # category label, "" when nothing could be guessed
    current: str = ""  # the category text the grid had (not in the vocabulary)


@dataclass
class ImportResult:
    """What `import` wrote and what still needs a human decision."""

    output: Path
    partners: int
    marks: int
    guesses: list[Decision] = field(default_factory=list)
    uncategorised: list[Decision] = field(default_factory=list)
    missing_header: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    source_warnings: list[Finding] = field(default_factory=list)  # e.g. which sheet was taken


def default_output(source: Path) -> Path:
    """`<stem>-netwerkkaart.xlsx` beside the input."""
    return source.with_name(f"{source.stem}-netwerkkaart.xlsx")


def import_grid(
    source: Path,
    vocabulary: Vocabulary,
    *,
    output: Path | None = None,
    header: dict[str, str] | None = None,
    force: bool = False,
    lang: Lang = "nl",
    sheet: str | None = None,
) -> ImportResult:
    """Write a template card from the hand-made grid at `source`.

    A workbook with a grid on several sheets (one per school year) gives the latest
    year's, unless `sheet` names the one to take (`import --blad`).
    """
    output = output or default_output(source)
    _refuse_bad_paths(source, output, force, lang)
    result = read_card(source, vocabulary=vocabulary, sheet=sheet)
    if result.status != "ok" or result.card is None:
        raise GuardError(say(f"{source}: onleesbaar: {result.reason('nl')}",
                             f"{source}: unreadable: {result.reason('en')}", lang), exit_code=2)
    if result.kind == "template" and result.format in WRITABLE_FORMATS:
        raise GuardError(say(
            f"{source}: dit is al een netwerkkaart van het sjabloon; gebruik "
            "'schoolnet-xl upgrade' of 'schoolnet-xl summary'.",
            f"{source}: this already is a template card; use 'schoolnet-xl upgrade' or "
            "'schoolnet-xl summary'.", lang), exit_code=2)
    # a template card saved as .ods or .xls is written anew as .xlsx, in its own words
    vocabulary = result.vocabulary or vocabulary
    _refuse_marks_left_behind(source, result.findings, force, lang)
    card = result.card
    for key, value in (header or {}).items():
        if value:
            setattr(card.header, key, Sourced(value))
    rows = [p for p in card.partners if has_content(p)]
    for partner in rows:
        if partner.category_guessed and partner.category_code:
            category = vocabulary.category(partner.category_code)
            label = category.label if category else partner.category_code
            partner.categorie = Sourced(label, partner.categorie.sheet, partner.categorie.cell)
    card.partners = rows
    _sections_into_aard(card)
    written = _write_verified(card, output, vocabulary, lang)
    report = check_file(output, vocabulary)
    new_rows = [p for p in written.partners if has_content(p)]
    out = ImportResult(output, len(rows), sum(
        vocabulary.is_mark(v.value) for p in rows for v in p.focus.values()))
    out.source_warnings = [f for f in result.findings if f.severity != "info"]
    for old, new in zip(rows, new_rows, strict=True):
        decision = Decision(f"{old.sheet}!{old.organisatie.cell or old.row}",
                            f"{new.sheet}!{new.categorie.cell}", old.organisatie.text,
                            old.categorie.text if old.category_guessed else "",
                            "" if old.category_guessed else old.categorie.text)
        if old.category_guessed:
            out.guesses.append(decision)
        elif not old.category_code:
            out.uncategorised.append(decision)
    out.missing_header = [name for key, name in HEADER_FIELDS.items()
                          if getattr(card.header, key).is_empty]
    out.findings = report.findings
    return out


def _sections_into_aard(card: Card) -> None:
    """A partner of a sheet with several grids (kleuter and lager, a campus) keeps its
    section in the card: the template has no column for it, so Aard starts with it
    ("Kleuter: consultatiebureau"), where the school and the merge read it."""
    for partner in card.partners:
        section = card.sections.get(partner.row)
        if not section:
            continue
        aard = partner.aard
        text = f"{section}: {aard.text}" if aard.text else section
        partner.aard = Sourced(text, aard.sheet or partner.sheet, aard.cell)
    card.sections = {}


def _refuse_marks_left_behind(source: Path, findings: list[Finding], force: bool,
                              lang: Lang) -> None:
    """Never report success while X marks stay behind in a column the reader did not know
    (exit 1; --force imports without them)."""
    left = [f for f in findings if f.code == COLUMN_NOT_READ.code
            and str(dict(f.params).get("marks", 0)) not in ("0", "")]
    if not left or force:
        return
    where = "; ".join(f"{dict(f.params)['header']} ({f.sheet}!{dict(f.params)['cells']})"
                      for f in left)
    raise GuardError(say(
        f"{source}: kolom(men) met X-tekens die niet herkend werden: {where}. Die tekens zouden "
        "verloren gaan. Geef de kolom de kopnaam van een X-kolom (of voeg ze toe aan de "
        "woordenlijst met --config) en probeer opnieuw; --force zet de kaart om zonder ze.",
        f"{source}: column(s) with X marks that were not recognised: {where}. Those marks "
        "would be lost. Give the column the header of an X column (or add it to the "
        "vocabulary with --config) and retry; --force converts the card without them.",
        lang), exit_code=1)


def _refuse_bad_paths(source: Path, output: Path, force: bool, lang: Lang) -> None:
    if not source.is_file():
        raise GuardError(say(f"{source}: bestand niet gevonden", f"{source}: file not found",
                             lang), exit_code=2)
    if output.resolve() == source.resolve():
        raise GuardError(say(
            f"{output}: dat is het invoerbestand zelf; kies een andere naam met -o.",
            f"{output}: that is the input file itself; choose another name with -o.", lang),
            exit_code=2)
    refuse_if_open_elsewhere(source, lang)
    check_writable(output, lang)
    refuse_existing(output, force, lang)


def _write_verified(card: Card, output: Path, vocabulary: Vocabulary, lang: Lang) -> Card:
    """Write the card to a temp file beside `output`, read it back, compare, then move it."""
    temp = temp_path_beside(output)
    try:
        write_card(temp, vocabulary, card)
        back = read_card(temp, vocabulary=vocabulary)
        problems = (card_differences(card, back.card, vocabulary) if back.card
                    else [f"onleesbaar: {back.reason()}"])
        if problems:
            raise GuardError(say(
                f"{output}: controle na het schrijven mislukt ({'; '.join(problems[:8])}); "
                "er is niets geschreven.",
                f"{output}: verification after writing failed ({'; '.join(problems[:8])}); "
                "nothing was written.", lang), exit_code=1)
        os.replace(temp, output)
        return back.card  # type: ignore[return-value]
    finally:
        discard(temp)
