"""`merge` and `demo`: many schools' cards into one regional workbook."""

from __future__ import annotations

import json
import os
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from schoolnet_xl.cli.common import (
    EXIT_USAGE,
    FILE,
    FOLDER,
    NUMBER,
    Lang,
    UserError,
    config_option,
    lang_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.collector import paused_gc
from schoolnet_xl.core.lang import count, say
from schoolnet_xl.core.vocabulary import ConfigError
from schoolnet_xl.merge import MergeError, merge_files
from schoolnet_xl.merge.pipeline import PROGRESS_THRESHOLD
from schoolnet_xl.merge.region import source_status
from schoolnet_xl.merge.region_map_sheet import MAP_PER, MapPer
from schoolnet_xl.read.inbox import InboxError

if TYPE_CHECKING:
    from schoolnet_xl.merge import MergeOutcome

DEMO_MARKER = ".schoolnet-demo"


@english("""Merge the network cards of many schools into one regional workbook.

    INPUTS are files, folders (with sub-folders) or patterns such as
    'inbox/**/*.xlsx'. Lock files (~$…) are skipped and listed; hidden files and
    folders are ignored; every other file is in the sheet Bronbestanden (read,
    unreadable with its reason, duplicate or superseded). An earlier regional
    workbook of merge at -o is replaced; any other existing file only with --force.

    One school, one row: of a school's cards of several school years the
    latest counts (or the year of --schooljaar); the others are listed as an
    older school year. --scholen adds a sheet of the schools that have not sent
    a card; --feedback writes a workbook per school to send back (never into an
    input folder), each with the school's drawn network map: drawn maps are kept
    in ~/.cache/schoolnet-xl/maps (or SCHOOLNET_XL_MAP_CACHE), so a re-merge draws
    only the maps of changed cards. --no-maps leaves every drawing out.

    \b
    Example:
      schoolnet-xl merge inbox/ -o region.xlsx
      schoolnet-xl merge 'inbox/**/*.xlsx' extra.ods -o region.xlsx --csv csv/
      schoolnet-xl merge inbox/ -o region.xlsx --scholen schools.csv --feedback feedback/

    \b
    Exit codes: 0 = every file read; 1 = some unreadable (the workbook is
    written all the same); 2 = wrong usage or nothing readable.
    Input files are never modified or overwritten.
    """)
@click.command()
@click.argument("inputs", nargs=-1, required=True,
                metavar=bilingual("INVOER...", "INPUTS..."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, metavar=FILE,
              help=bilingual("Het regionale werkboek (.xlsx) dat gemaakt wordt.",
                             "The regional workbook (.xlsx) to make."))
@click.option("--force", is_flag=True, default=False,
              help=bilingual("Overschrijf -o ook als het geen eerder regionaal werkboek is.",
                             "Overwrite -o even when it is not an earlier regional workbook."))
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar=NUMBER,
              help=bilingual("Aantal processen dat kaarten leest (standaard: aantal "
                             "processorkernen).",
                             "Number of processes reading cards (default: number of CPU "
                             "cores)."))
@click.option("--with-contacts", is_flag=True, default=False,
              help=bilingual("Neem Contactpersoon, E-mail en Telefoon op (persoonsgegevens!).",
                             "Include Contactpersoon, E-mail and Telefoon (personal data!)."))
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar=FOLDER,
              help=bilingual("Schrijf ook partners.csv, scholen.csv en dekking.csv in deze map.",
                             "Also write partners.csv, scholen.csv and dekking.csv into this "
                             "folder."))
@click.option("--schooljaar", "school_year", default=None, metavar="2025-2026",
              help=bilingual("Het schooljaar dat de regio toont (standaard: per school het "
                             "laatste).",
                             "The school year the region shows (default: each school's "
                             "latest)."))
@click.option("--scholen", "school_list", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar=FILE,
              help=bilingual("Lijst van de scholen van de regio (.xlsx of .csv met "
                             "Instellingsnummer en Schoolnaam): wie nog geen kaart stuurde.",
                             "List of the region's schools (.xlsx or .csv with "
                             "Instellingsnummer and Schoolnaam): who has not sent a card."))
@click.option("--feedback", "feedback_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar=FOLDER,
              help=bilingual("Schrijf ook een terugkoppelingswerkboek per school in deze map "
                             "(niet in de invoer).",
                             "Also write a feedback workbook per school into this folder "
                             "(not inside the inputs)."))
@click.option("--kaart-per", "map_per", type=click.Choice(MAP_PER), default="gemeente",
              show_default=True,
              help=bilingual("Het blad Netwerkkaart regio: één kaart van de gedeelde partners "
                             "per gemeente of per scholengemeenschap.",
                             "The sheet Netwerkkaart regio: one drawing of the shared partners per "
                             "gemeente (municipality) or scholengemeenschap (school community)."))
@click.option("--zonder-kaarten", "--no-maps", "no_maps", is_flag=True, default=False,
              help=bilingual("Geen getekende kaarten (geen Netwerkkaart regio, geen blad "
                             "Netwerkkaart in de terugkoppeling): sneller.",
                             "No drawn maps (no Netwerkkaart regio, no Netwerkkaart sheet in "
                             "the feedback): quicker."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help=bilingual("Verslag als tekst of als één JSON-document.",
                             "Report as text or as one JSON document."))
@click.option("-q", "--quiet", is_flag=True,
              help=bilingual("Toon alleen de onleesbare bestanden en de slotregel.",
                             "Show only the unreadable files and the closing summary line."))
@lang_option
@config_option
def merge(inputs: tuple[str, ...], output: Path, force: bool, jobs: int | None,
          with_contacts: bool, csv_dir: Path | None, school_year: str | None,
          school_list: Path | None, feedback_dir: Path | None, map_per: MapPer,
          no_maps: bool, fmt: str, quiet: bool, lang: Lang, config: Path | None) -> None:
    """Voeg de netwerkkaarten van veel scholen samen in één regionaal werkboek.

    INVOER zijn bestanden, mappen (met submappen) of patronen zoals 'inbox/**/*.xlsx'.
    Vergrendelingsbestanden (~$…) worden overgeslagen en vermeld; verborgen
    bestanden en mappen worden genegeerd; elk ander bestand staat in het blad
    Bronbestanden (gelezen, onleesbaar met reden, dubbel of vervangen). Een eerder
    regionaal werkboek van merge op -o wordt vervangen; elk ander bestaand bestand
    alleen met --force.

    Eén school, één rij: van de kaarten van een school uit verschillende
    schooljaren telt de laatste (of die van --schooljaar); de andere staan er
    als ouder schooljaar. --scholen voegt het blad Nog niet ingediend toe;
    --feedback schrijft per school een werkboek om terug te sturen (nooit in een
    invoermap), elk met de getekende netwerkkaart van de school: getekende kaarten
    blijven bewaard in ~/.cache/schoolnet-xl/maps (of SCHOOLNET_XL_MAP_CACHE), zodat
    een nieuwe merge alleen de kaarten van gewijzigde kaarten opnieuw tekent.
    --zonder-kaarten laat alle kaarten weg.

    \b
    Voorbeeld:
      schoolnet-xl merge inbox/ -o regio.xlsx
      schoolnet-xl merge 'inbox/**/*.xlsx' extra.ods -o regio.xlsx --csv csv/
      schoolnet-xl merge inbox/ -o regio.xlsx --scholen scholen.csv --feedback terugkoppeling/

    \b
    Afsluitcodes: 0 = alle bestanden gelezen; 1 = sommige onleesbaar (het werkboek
    wordt toch geschreven); 2 = verkeerd gebruik of niets leesbaar.
    Invoerbestanden worden nooit gewijzigd of overschreven.
    """
    outcome = _run_merge(list(inputs), output, jobs=jobs, with_contacts=with_contacts,
                         csv_dir=csv_dir, lang=lang, config=config, fmt=fmt, force=force,
                         quiet=quiet, school_year=school_year, school_list=school_list,
                         feedback_dir=feedback_dir, map_per=map_per, maps=not no_maps)
    _exit_at_once(outcome.exit_code)


def _exit_at_once(code: int) -> NoReturn:
    """End the process with `code` without freeing the merge's objects one by one
    (0.3 s for 9,000 cards: the interpreter's teardown walks every row). Everything is
    written and closed by now (pools, forked writers, temporary folders); the streams
    are flushed first. Under click's test runner (output captured in memory) it exits
    the usual way, so a test process is never ended."""
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__:
        os._exit(code)
    sys.exit(code)


def _run_merge(inputs: list[str], output: Path, *, fmt: str = "text", lang: Lang = "nl",
               quiet: bool = False, **options: Any) -> MergeOutcome:
    """Run the library merge with a progress bar; report as text or JSON."""
    progress = _Progress(lang)
    try:
        with progress:
            outcome = merge_files(inputs, output, lang=lang, on_found=progress.start,
                                  on_progress=progress.advance, **options)
    except (MergeError, InboxError, ConfigError) as exc:
        raise UserError(str(exc)) from None
    # The report builds thousands of small objects: collections meanwhile would walk
    # the whole merge again and again (a 9,000-card JSON report 0.53 s -> 0.18 s).
    with paused_gc():
        if fmt == "json":
            click.echo(json_text(_json_document(outcome, lang)))
        else:
            _print_text(outcome, lang, quiet)
    return outcome


class _Progress(AbstractContextManager["_Progress"]):
    """A rich progress bar on stderr, shown only when there are more than a few files and
    stderr is a terminal (a log file or pipe gets no bar, not even a blank line)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.bar: Any = None
        self.task: Any = None

    def start(self, total: int) -> None:
        if total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task(say("kaarten lezen", "reading cards", self.lang),
                                      total=total)
        self.bar.start()

    def advance(self, step: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, step)
            if self.bar.finished:  # every card read: no refresh thread while writing
                self.__exit__()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


# Cards of another school year than the region shows, counted in one line each kind:
# (what, verb for one, verb for several) in Dutch, then in English.
_OTHER_YEAR_LINES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "older": (("van een ouder schooljaar", "telt mee voor het blad Evolutie en staat",
               "tellen mee voor het blad Evolutie en staan"),
              ("of an older school year", "counts for the sheet Evolutie and is",
               "count for the sheet Evolutie and are")),
    "other-year": (("van een later schooljaar dan gevraagd", "telt nergens mee en staat",
                    "tellen nergens mee en staan"),
                   ("of a later school year than asked for", "counts nowhere and is",
                    "count nowhere and are")),
}


def _print_text(outcome: MergeOutcome, lang: Lang, quiet: bool = False) -> None:
    """Per file what went wrong or was left out (unreadable, duplicate, skipped; with
    `quiet` only unreadable), the cards of older school years in one line (an inbox that
    keeps last years' cards has thousands, all expected), then the summary line."""
    shown = ("unreadable",) if quiet else ("unreadable", "duplicate", "skipped")
    other_years = {kind: 0 for kind in _OTHER_YEAR_LINES}
    for result in outcome.results:
        kind, status, reason = source_status(result, lang)
        if kind in shown:
            click.echo(f"{result.path}: {status}" + (f" — {reason}" if reason else ""),
                       err=True)
        if result.duplicate in other_years:
            other_years[result.duplicate] += 1
    for kind, number in other_years.items():
        if number and not quiet:
            (what_nl, one_nl, many_nl), (what_en, one_en, many_en) = _OTHER_YEAR_LINES[kind]
            click.echo(say(
                f"{count(number, 'kaart', 'kaarten')} {what_nl}: "
                f"{one_nl if number == 1 else many_nl} in Bronbestanden",
                f"{count(number, 'card', 'cards')} {what_en}: "
                f"{one_en if number == 1 else many_en} listed in Bronbestanden", lang),
                err=True)
    if outcome.feedback_files:
        written = len(outcome.feedback_files)
        folder = outcome.feedback_files[0].parent
        click.echo(say(
            f"{count(written, 'terugkoppelingswerkboek', 'terugkoppelingswerkboeken')} "
            f"in {folder}",
            f"{count(written, 'feedback workbook', 'feedback workbooks')} in {folder}", lang))
    click.echo(summary_line(outcome.summary(), outcome.output, outcome.csv_files, lang))


def summary_line(totals: dict[str, int], output: Path, csv_files: list[Path],
                 lang: Lang = "nl") -> str:
    """The one-line summary printed at the end of a merge."""
    csv_part = say(f" (+ {count(len(csv_files), 'CSV-bestand', 'CSV-bestanden')})",
                   f" (+ {count(len(csv_files), 'CSV file', 'CSV files')})",
                   lang) if csv_files else ""
    older = totals.get("older", 0)
    older_part = say(f"{older} ouder of ander schooljaar, ",
                     f"{older} older or other school year, ", lang) if older else ""
    not_sent = say(f", {totals['not_sent']} nog niet ingediend",
                   f", {totals['not_sent']} not sent yet", lang) if "not_sent" in totals else ""
    return say(
        f"{count(totals['files'], 'bestand', 'bestanden')}: {totals['read']} gelezen, "
        f"{totals['unreadable']} onleesbaar, {totals['duplicate']} dubbel of vervangen, "
        f"{older_part}"
        f"{totals['skipped']} overgeslagen; {count(totals['schools'], 'school', 'scholen')}"
        f"{not_sent}, "
        f"{count(totals['partners'], 'partner', 'partners')}, "
        f"{count(totals['fout'], 'fout', 'fouten')}, "
        f"{count(totals['waarschuwing'], 'waarschuwing', 'waarschuwingen')} -> {output}"
        f"{csv_part}",
        f"{count(totals['files'], 'file', 'files')}: {totals['read']} read, "
        f"{totals['unreadable']} unreadable, {totals['duplicate']} duplicate or superseded, "
        f"{older_part}"
        f"{totals['skipped']} skipped; {count(totals['schools'], 'school', 'schools')}"
        f"{not_sent}, "
        f"{count(totals['partners'], 'partner', 'partners')}, "
        f"{count(totals['fout'], 'error', 'errors')}, "
        f"{count(totals['waarschuwing'], 'warning', 'warnings')} -> {output}{csv_part}",
        lang,
    )


def json_text(document: dict[str, Any]) -> str:
    """The merge's JSON document indented by two spaces, each entry of its "files" on one
    line: json's indented encoder is pure Python (0.13 s for 9,000 files), its compact
    one C (the whole text ~0.04 s), and a line per file reads as well."""
    files = document["files"]
    if not files:
        return json.dumps(document, ensure_ascii=False, indent=2)
    # the key, once, as the indented encoder writes it: a quote inside a string is \"
    head = json.dumps({**document, "files": []}, ensure_ascii=False, indent=2)
    line = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for all the lines
    entries = ",\n    ".join(map(line, files))
    return head.replace('"files": []', f'"files": [\n    {entries}\n  ]', 1)


def _json_document(outcome: MergeOutcome, lang: Lang) -> dict[str, Any]:
    """Every input file (kind and status as codes, the reason in `lang`) and the totals."""
    files = []
    for result in outcome.results:
        kind, status, _ = source_status(result, "en")
        reason = source_status(result, lang)[2]
        files.append({"path": result.path, "kind": kind, "status": status, "reason": reason,
                      "size": result.size, "sha256": result.sha256,
                      "duplicate_of": result.duplicate_of, "read_ms": round(result.read_ms, 1),
                      "counts": result.counts})
    return {"output": str(outcome.output), "csv": [str(p) for p in outcome.csv_files],
            "feedback": [str(p) for p in outcome.feedback_files],
            "files": files, "summary": outcome.summary(),
            "seconds": {phase: round(value, 3) for phase, value in outcome.seconds.items()}}


@english("""Make a demo region of cards and merge them into FOLDER/regio.xlsx.

    The cards go into FOLDER/inbox: template cards, a few hand-made grids (one
    as .ods), cards with mistakes, an older version of a card, last year's
    cards of a few schools, a card made with an older template version (try
    schoolnet-xl upgrade on it), an unreadable file and an Excel lock file; the
    region's school list into FOLDER/scholen.csv, a feedback workbook per school
    into FOLDER/terugkoppeling. Every school and contact is made up. A
    non-empty folder that is not an earlier demo is refused.

    \b
    Example:
      schoolnet-xl demo
      schoolnet-xl demo /tmp/region-demo
    """)
@click.command()
@click.argument("folder", required=False, default="demo", metavar=bilingual("[MAP]", "[FOLDER]"),
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=2026, show_default=True, metavar=NUMBER,
              help=bilingual("Startgetal van de generator (zelfde getal = zelfde demo).",
                             "Seed of the generator (same number = same demo)."))
@click.option("--schools", type=click.IntRange(min=1, max=500), default=24,
              show_default=True, metavar=NUMBER,
              help=bilingual("Aantal scholen in de demoregio.",
                             "Number of schools in the demo region."))
@lang_option
def demo(folder: Path, seed: int, schools: int, lang: Lang) -> None:
    """Maak een demoregio met kaarten en voeg ze samen tot MAP/regio.xlsx.

    De kaarten komen in MAP/inbox: sjabloonkaarten, enkele zelfgemaakte
    rasters (één als .ods), kaarten met fouten, een oudere versie van een kaart,
    kaarten van vorig schooljaar van enkele scholen, een kaart van een oudere
    sjabloonversie (probeer er schoolnet-xl upgrade op), een onleesbaar bestand
    en een Excel-vergrendelingsbestand; de schoollijst van de regio in
    MAP/scholen.csv, een terugkoppelingswerkboek per school in
    MAP/terugkoppeling. Alle scholen en contacten zijn verzonnen. Een niet-lege
    map die geen eerdere demo is, wordt geweigerd.

    \b
    Voorbeeld:
      schoolnet-xl demo
      schoolnet-xl demo /tmp/regio-demo
    """
    _prepare_demo_folder(folder, lang)
    inbox = folder / "inbox"
    # lazy: the demo generator costs every merge ~50 ms of start-up before its workers run
    from schoolnet_xl.demo import make_demo_region, write_demo_school_list

    written = make_demo_region(inbox, seed=seed, schools=schools)
    school_list = write_demo_school_list(folder / "scholen.csv", seed, schools)
    _mark_demo(folder, [*written, school_list])
    click.echo(say(f"{len(written)} demobestanden geschreven in {inbox}, de schoollijst in "
                   f"{school_list}",
                   f"{len(written)} demo files written to {inbox}, the school list to "
                   f"{school_list}", lang))
    output = folder / "regio.xlsx"
    feedback = folder / "terugkoppeling"
    try:
        outcome = _run_merge([str(inbox)], output, lang=lang, school_list=school_list,
                             feedback_dir=feedback)
    finally:  # written feedback workbooks are the demo's too, should the merge fail later
        _mark_demo(folder, [*written, school_list, *sorted(feedback.glob("*.xlsx"))])
    click.echo(say(f"Het regionale werkboek staat in {output}",
                   f"The regional workbook is at {output}", lang))
    sys.exit(0 if outcome.exit_code in (0, 1) else EXIT_USAGE)


def _mark_demo(folder: Path, written: list[Path]) -> None:
    """List the demo's files in its marker, so that a rerun replaces only those."""
    (folder / DEMO_MARKER).write_text(
        "\n".join(str(p.relative_to(folder)) for p in written) + "\n", "utf-8")


def _prepare_demo_folder(folder: Path, lang: Lang) -> None:
    """Accept a missing or empty folder, or a previous demo (its files are removed)."""
    if folder.exists() and not folder.is_dir():
        raise UserError(say(f"'{folder}' is een bestand, geen map",
                            f"'{folder}' is a file, not a folder", lang))
    marker = folder / DEMO_MARKER
    if folder.is_dir() and any(folder.iterdir()):
        if not marker.is_file():
            raise UserError(say(
                f"de map '{folder}' is niet leeg en bevat geen eerdere demo; "
                "kies een lege of nieuwe map",
                f"the folder '{folder}' is not empty and holds no earlier demo; "
                "choose an empty or new folder", lang))
        for line in marker.read_text("utf-8").splitlines():
            if line.strip():
                (folder / line.strip()).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)


__all__ = ["demo", "merge", "summary_line"]
