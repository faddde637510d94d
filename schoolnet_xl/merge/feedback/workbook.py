"""One feedback workbook (XlsxWriter, in memory), laid out to print on A4.

Sheets: Terugkoppeling (portrait: the school, what the card is based on, its
place in the region, its missing categories with whom to look for), Bevindingen
(landscape: its findings, fouten first, each with its cell and what to do) and,
when a map is given, Netwerkkaart. No contact data: the school's own partner
list is on its card, and a finding about a contact cell shows its value only
with contacts. An unreadable file's workbook says why.
Card text is never interpreted (strings_to_formulas/numbers/urls off).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.core.palette import (
    AMBER_FILL,
    BLUE_DARK,
    BLUE_LIGHT,
    GREEN_FILL,
    GREY_FONT,
    RED_FILL,
    SEVERITY_FILLS,
)
from schoolnet_xl.core.text import LINE_HEIGHT, wrapped_lines
from schoolnet_xl.merge.feedback.content import SchoolPage
from schoolnet_xl.merge.records import FileResult, FindingRow
from schoolnet_xl.report.formats import page_footer
from schoolnet_xl.report.text import severity_label

# Terugkoppeling: four columns, about as wide as a portrait A4 page holds at 100%.
PAGE_WIDTHS = (26, 13, 28, 30)
# Pixels a map may take on a landscape A4 page below its title (96 dpi, margins off).
MAP_ROOM = (1000, 620)
FINDING_WIDTHS = (12, 14, 8, 18, 22, 50, 50, 8)


@dataclass(frozen=True, slots=True)
class Basis:
    """What every feedback workbook says about where it comes from."""

    merged_on: date
    with_contacts: bool
    lang: Lang


def school_workbook(result: FileResult, page: SchoolPage, basis: Basis,
                    map_png: bytes | None, book: Book | None = None) -> bytes:
    """The workbook of one of the region's schools, as the bytes of an .xlsx file:
    written into `book` (by default, and always with a map, by XlsxWriter)."""
    name = page.school.naam or page.school.label
    if book is None or map_png:
        book = XlsxBook(basis, name)
    _feedback_sheet(book, result, page)
    _findings_sheet(book, page.findings)
    if map_png:
        assert isinstance(book, XlsxBook)
        _map_sheet(book, map_png, name)
    return book.close()


def unreadable_workbook(result: FileResult, findings: Sequence[FindingRow],
                        basis: Basis, book: Book | None = None) -> bytes:
    """The workbook of a file that could not be read: why, and what to do."""
    lang = basis.lang
    book = book or XlsxBook(basis, file_name(result.path))
    sheet = book.page_sheet()
    row = book.title(sheet, say("Terugkoppeling: je netwerkkaart kon niet gelezen worden",
                                "Feedback: your network card could not be read", lang),
                     file_name(result.path))
    row = book.sentence(sheet, row, say(
        f"Het bestand ‘{file_name(result.path)}’ kon niet gelezen worden als netwerkkaart.",
        f"The file ‘{file_name(result.path)}’ could not be read as a network card.", lang),
        book.fmt.bold)
    row = book.sentence(sheet, row, say("Waarom: ", "Why: ", lang) + (result.reason or say(
        "geen netwerkkaart gevonden in dit bestand", "no network card found in this file",
        lang)))
    row = book.sentence(sheet, row, say(
        "Wat te doen: vul de netwerkkaart in het sjabloon in (vraag de coördinator een nieuw "
        "exemplaar als je het niet meer hebt), bewaar ze als .xlsx-bestand en stuur ze "
        "opnieuw. Een e-mail, pdf of foto van de kaart kan niet gelezen worden.",
        "What to do: fill in the network card in the template (ask the coordinator for a new "
        "copy if you no longer have it), save it as an .xlsx file and send it again. An "
        "e-mail, PDF or photo of the card cannot be read.", lang))
    book.sentence(sheet, row + 1, based_on(result, basis), book.fmt.note)
    if findings:
        _findings_sheet(book, findings)
    return book.close()


def file_name(path: str) -> str:
    """The card's file name as the school knows it, without the coordinator's folders
    (`kaart.xlsx [blad 2025-2026]` for a card on one sheet of several: sheet names hold
    no slash)."""
    return PurePath(path).name


def based_on(result: FileResult, basis: Basis) -> str:
    """The line with the merge's date and the card (file, Datum) the workbook is based on."""
    lang, name = basis.lang, file_name(result.path)
    merged = basis.merged_on.strftime("%d/%m/%Y")
    school = result.school
    if school is None:
        return say(f"Samengevoegd op {merged}; gebaseerd op het bestand ‘{name}’.",
                   f"Merged on {merged}; based on the file ‘{name}’.", lang)
    datum = school.datum.strftime("%d/%m/%Y") if school.datum else say(
        "niet ingevuld", "not filled in", lang)
    year = school.schooljaar or say("onbekend", "unknown", lang)
    return say(f"Samengevoegd op {merged}; gebaseerd op de kaart ‘{name}’ (Datum {datum}, "
               f"schooljaar {year}).",
               f"Merged on {merged}; based on the card ‘{name}’ (Datum {datum}, school year "
               f"{year}).", lang)


class Formats:
    """The cell formats of a feedback workbook, added to an XlsxWriter workbook."""

    def __init__(self, workbook: Any) -> None:
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 15, "font_color": BLUE_DARK})
        self.subtitle = add({"bold": True, "font_size": 12})
        self.heading = add({"bold": True, "font_size": 12, "font_color": BLUE_DARK,
                            "bottom": 1, "bottom_color": BLUE_DARK})
        self.bold = add({"bold": True, "text_wrap": True})
        self.wrap = add({"text_wrap": True})
        self.note = add({"italic": True, "font_color": GREY_FONT, "text_wrap": True})
        header = {"bold": True, "bg_color": BLUE_LIGHT, "text_wrap": True, "bottom": 1}
        self.header = add(header)
        self.header_centre = add({**header, "align": "center"})
        self.centre = add({"align": "center"})
        self.percent = add({"num_format": "0%", "align": "center"})
        self.looks = {look: add({"bg_color": fill, "text_wrap": True})
                      for look, fill in (("core", RED_FILL), ("recommended", AMBER_FILL),
                                         ("ok", GREEN_FILL))}
        self.severity = {s: add({"bg_color": fill}) for s, fill in SEVERITY_FILLS.items()}


class Book:
    """What the layout writes to: sheets set up for their kind, shared formats, the
    page's title and full-width sentences. `XlsxBook` writes with XlsxWriter;
    `fast.FastBook` records the cells and renders them into a prepared package."""

    basis: Basis
    fmt: Formats

    @property
    def lang(self) -> Lang:
        return self.basis.lang

    def page_sheet(self) -> Any:
        """The portrait Terugkoppeling sheet."""
        raise NotImplementedError

    def findings_sheet(self) -> Any:
        """The landscape Bevindingen sheet."""
        raise NotImplementedError

    def close(self) -> bytes:
        """The finished workbook's bytes."""
        raise NotImplementedError

    def title(self, sheet: Any, text: str, subtitle: str) -> int:
        """Title and subtitle rows; returns the next free row."""
        sheet.write_string(0, 0, text, self.fmt.title)
        sheet.set_row(0, 22)
        sheet.write_string(1, 0, subtitle, self.fmt.subtitle)
        sheet.set_row(1, 18)
        return 3

    def sentence(self, sheet: Any, row: int, text: str, fmt: Any = None) -> int:
        """A text over the page's full width, wrapped, its row high enough; next free row."""
        fmt = fmt or self.fmt.wrap
        sheet.merge_range(row, 0, row, len(PAGE_WIDTHS) - 1, "", fmt)
        sheet.write_string(row, 0, text, fmt)
        fit_row(sheet, row, [(text, int(sum(PAGE_WIDTHS)))])
        return row + 1


class XlsxBook(Book):
    """A feedback workbook written by XlsxWriter, in memory."""

    def __init__(self, basis: Basis, name: str) -> None:
        import xlsxwriter

        self.basis, self._name = basis, name
        self.buffer = io.BytesIO()
        book = self.workbook = xlsxwriter.Workbook(self.buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": "Calibri", "font_size": 11,
                                          "valign": "top"}})
        created = datetime.combine(basis.merged_on, datetime.min.time())
        book.set_properties({"title": say(f"Terugkoppeling {name}", f"Feedback {name}",
                                          self.lang), "created": created})
        self.fmt = Formats(book)

    def page_sheet(self) -> Any:
        sheet = self.workbook.add_worksheet(say("Terugkoppeling", "Feedback", self.lang))
        for column, width in enumerate(PAGE_WIDTHS):
            sheet.set_column(column, column, width)
        self.print_setup(sheet, landscape=False)
        sheet.repeat_rows(0, 1)  # title and school on every printed page
        sheet.hide_gridlines(2)
        return sheet

    def findings_sheet(self) -> Any:
        sheet = self.workbook.add_worksheet(say("Bevindingen", "Findings", self.lang))
        self.print_setup(sheet, landscape=True)
        sheet.repeat_rows(0)
        for column, width in enumerate(FINDING_WIDTHS):
            sheet.set_column(column, column, width)
        sheet.freeze_panes(1, 0)
        return sheet

    def map_sheet(self) -> Any:
        """The landscape Netwerkkaart sheet, on one page."""
        sheet = self.workbook.add_worksheet(say("Netwerkkaart", "Network map", self.lang))
        self.print_setup(sheet, landscape=True)
        sheet.fit_to_pages(1, 1)
        return sheet

    def print_setup(self, sheet: Any, *, landscape: bool) -> None:
        """A4, one page wide, the file's name and page numbers in the footer."""
        sheet.set_paper(9)
        if landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        footer = page_footer(self._name)
        if self.lang == "en":
            footer = footer.replace("Pagina &P van &N", "Page &P of &N")
        sheet.set_footer(footer, {"margin": 0.3})

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


# Schools repeat texts (definitions, finding messages, sentences about their gemeente).
_lines = lru_cache(maxsize=8192)(wrapped_lines)


def fit_row(sheet: Any, row: int, texts: Sequence[tuple[str, int]]) -> None:
    """Make a row high enough for its wrapped texts, given as (text, characters per line)."""
    lines = max((_lines(text, per_line) for text, per_line in texts if text),
                default=1)
    if lines > 1:
        sheet.set_row(row, lines * LINE_HEIGHT)


def _feedback_sheet(book: Book, result: FileResult, page: SchoolPage) -> None:
    lang, school = book.lang, page.school
    sheet = book.page_sheet()
    row = book.title(sheet, say("Terugkoppeling netwerkkaart", "Network card feedback", lang),
                     school.naam or school.label)
    row = book.sentence(sheet, row, based_on(result, book.basis), book.fmt.note)
    facts = [(say("Instellingsnummer", "School number", lang), school.instellingsnummer),
             (say("Onderwijsniveau", "Level", lang), page.level),
             (say("Gemeente", "Municipality", lang), school.gemeente),
             (say("Scholengemeenschap", "School community", lang), school.scholengemeenschap),
             (say("Schooljaar", "School year", lang), school.schooljaar),
             (say("Partners op de kaart", "Partners on the card", lang),
              str(len(result.partners)))]
    row += 1
    for label, value in facts:
        sheet.write_string(row, 0, label, book.fmt.bold)
        sheet.write_string(row, 1, value or "—")
        row += 1
    row = _summary(book, sheet, row + 1, page)
    row = _place(book, sheet, row + 1, page)
    _missing(book, sheet, row + 1, page)


def _summary(book: Book, sheet: Any, row: int, page: SchoolPage) -> int:
    lang = book.lang
    sheet.write_string(row, 0, say("Bevindingen op je kaart", "Findings on your card", lang),
                       book.fmt.heading)
    row += 1
    by_severity = {s: sum(f.severity == s for f in page.findings) for s in SEVERITY_FILLS}
    if not page.findings:
        return book.sentence(sheet, row, say("Geen bevindingen: je kaart is in orde.",
                                             "No findings: your card is in order.", lang))
    text = say(
        f"{count(by_severity['fout'], 'fout', 'fouten')}, "
        f"{count(by_severity['waarschuwing'], 'waarschuwing', 'waarschuwingen')} en "
        f"{by_severity['info']} info. Op het blad Bevindingen staat elke bevinding met haar "
        "cel en wat je kunt doen; los eerst de fouten op.",
        f"{count(by_severity['fout'], 'error', 'errors')}, "
        f"{count(by_severity['waarschuwing'], 'warning', 'warnings')} and "
        f"{by_severity['info']} info. The Findings sheet lists each with its cell and what "
        "to do; fix the errors first.", lang)
    return book.sentence(sheet, row, text,
                         book.fmt.looks["core"] if by_severity["fout"] else None)


def _place(book: Book, sheet: Any, row: int, page: SchoolPage) -> int:
    lang = book.lang
    sheet.write_string(row, 0, say("Jouw plaats in de regio", "Your place in the region",
                                   lang), book.fmt.heading)
    median = f"{page.median:g}".replace(".", "," if lang == "nl" else ".")
    level = page.level.lower()
    group = f"({level})" if level else say("(zonder onderwijsniveau)", "(without a level)",
                                           lang)
    row = book.sentence(sheet, row + 1, say(
        f"Je school heeft partners in {page.covered} van de {page.expected} categorieën die "
        f"{f'voor {level}' if level else 'van elke school'} verwacht worden. De mediaan van "
        f"de {count(page.peers, 'school', 'scholen')} {group} in de regio is {median}.",
        f"Your school has partners in {page.covered} of the {page.expected} categories "
        f"expected {f'for {level}' if level else 'of every school'}. The median of the "
        f"region's {count(page.peers, 'school', 'schools')} {group} is {median}.", lang))
    headers = (say("Categorie", "Category", lang), say("Verwachting", "Expected", lang),
               say("Jouw partners", "Your partners", lang),
               say(f"Scholen {group} met een partner", f"Schools {group} with a partner",
                   lang))
    row += 1
    for column, text in enumerate(headers):
        sheet.write_string(row, column, text, book.fmt.header_centre if column >= 2
                           else book.fmt.header)
    fit_row(sheet, row, [(text, PAGE_WIDTHS[i]) for i, text in enumerate(headers)])
    for line in page.categories:
        row += 1
        look = "ok" if line.partners else line.expectation
        sheet.write_string(row, 0, line.label, book.fmt.looks[look])
        sheet.write_string(row, 1, _expectation(line.expectation, lang))
        fit_row(sheet, row, [(line.label, PAGE_WIDTHS[0])])
        sheet.write_number(row, 2, line.partners, book.fmt.centre)
        sheet.write_number(row, 3, line.share, book.fmt.percent)
    return row + 2


def _missing(book: Book, sheet: Any, row: int, page: SchoolPage) -> None:
    lang = book.lang
    sheet.set_h_pagebreaks([row])  # the missing categories start a printed page
    sheet.write_string(row, 0, say("Ontbrekende categorieën: bij wie kun je aankloppen?",
                                   "Missing categories: whom to approach?", lang),
                       book.fmt.heading)
    row += 1
    if not page.missing:
        book.sentence(sheet, row, say(
            "Je school heeft een partner in elke verwachte categorie.",
            "Your school has a partner in every expected category.", lang))
        return
    headers = (say("Categorie", "Category", lang), say("Verwachting", "Expected", lang),
               say("Wat en bij wie zoeken", "What, and whom to look for", lang),
               say("In jouw buurt", "Near you", lang))
    for column, text in enumerate(headers):
        sheet.write_string(row, column, text, book.fmt.header)
    for category in page.missing:
        row += 1
        what = category.definition
        if category.examples:
            what += say("\nVoorbeelden: ", "\nExamples: ", lang) + category.examples
        nearby = "\n".join(category.nearby) or say(
            "Geen school in je gemeente of scholengemeenschap noemt hier een partner.",
            "No school in your municipality or school community names a partner here.",
            lang)
        cells = (category.label, _expectation(category.expectation, lang), what, nearby)
        look = book.fmt.looks[category.expectation]
        for column, text in enumerate(cells):
            sheet.write_string(row, column, text, look if column == 0 else book.fmt.wrap)
        fit_row(sheet, row, [(text, PAGE_WIDTHS[i]) for i, text in enumerate(cells)])


def _expectation(expectation: str, lang: Lang) -> str:
    return say("kern", "core", lang) if expectation == "core" else say(
        "aanbevolen", "recommended", lang)


def _findings_sheet(book: Book, findings: Sequence[FindingRow]) -> None:
    """The findings, in the order given (fouten first), header row on every page."""
    lang = book.lang
    sheet = book.findings_sheet()
    headers = (say("Ernst", "Severity", lang), say("Blad", "Sheet", lang),
               say("Cel", "Cell", lang), say("Veld", "Field", lang),
               say("Waarde", "Value", lang), say("Melding", "Message", lang),
               say("Wat te doen", "What to do", lang), "Code")
    for column, text in enumerate(headers):
        sheet.write_string(0, column, text, book.fmt.header)
    if not findings:
        sheet.write_string(1, 0, say("Geen bevindingen.", "No findings.", lang))
        return
    for row, finding in enumerate(findings, start=1):
        sheet.write_string(row, 0, severity_label(finding.severity, lang),
                           book.fmt.severity.get(finding.severity))
        texts = (finding.sheet, finding.cell, finding.field, finding.value, finding.message,
                 finding.hint, finding.code)
        for column, text in enumerate(texts, start=1):
            if text:
                sheet.write_string(row, column, text, book.fmt.wrap)
        fit_row(sheet, row, [(text, FINDING_WIDTHS[i]) for i, text in enumerate(texts, 1)])


def _map_sheet(book: XlsxBook, png: bytes, school: str) -> None:
    """The school's network map on a landscape page of its own, scaled to fit it."""
    sheet = book.map_sheet()
    sheet.write_string(0, 0, say(f"Netwerkkaart van {school}", f"Network map of {school}",
                                 book.lang), book.fmt.title)
    sheet.set_row(0, 22)
    width, height = png_size(png)
    scale = min(1.0, MAP_ROOM[0] / width, MAP_ROOM[1] / height) if width and height else 1.0
    sheet.insert_image(2, 0, "netwerkkaart.png", {
        "image_data": io.BytesIO(png), "x_scale": scale, "y_scale": scale,
        "object_position": 3})


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header; (0, 0) when it is no PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return 0, 0
    width, height = struct.unpack(">II", png[16:24])
    return width, height
