"""`validate`, `gaps` and `rules`: judge cards and list the rule catalogue."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click

from schoolnet_xl.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    FILE,
    Lang,
    UserError,
    config_option,
    lang_option,
    os_error_message,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.findings import SEVERITIES, Severity
from schoolnet_xl.core.lang import count, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.read.archive import is_card_archive
from schoolnet_xl.read.inbox import InboxError, discover, junk_reason
from schoolnet_xl.report.json import gaps_document, validate_document
from schoolnet_xl.report.text import (
    render_gaps,
    render_plain,
    render_rich,
    severity_label,
    summary_line,
)
from schoolnet_xl.validate.catalogue import catalogue, catalogue_markdown
from schoolnet_xl.validate.check import FileReport, check_file, check_workbook, summary

FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help=bilingual("Uitvoer als leesbare tekst of als één JSON-document "
                   "(zie docs/json-format.md).",
                   "Output as readable text or as one JSON document (see docs/json-format.md)."),
)
FILES_ARGUMENT = click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=str),
    metavar=bilingual("BESTAND|MAP|PATROON...", "FILE|FOLDER|PATTERN..."),
)
QUIET_OPTION = click.option(
    "-q", "--quiet", is_flag=True,
    help=bilingual("Toon alleen de fouten en de slotregel.",
                   "Show only the errors and the closing summary line."),
)
SEVERITY_WORDS: dict[str, Severity] = {"fout": "fout", "waarschuwing": "waarschuwing",
                                       "info": "info", "error": "fout", "warning": "waarschuwing"}


class SeverityType(click.ParamType):
    """A severity in Dutch (fout, waarschuwing, info) or English (error, warning, info)."""

    name = "ernst"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return say("[fout|waarschuwing|info]", "[error|warning|info]")

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Severity:
        severity = SEVERITY_WORDS.get(str(value).strip().lower())
        if severity is None:
            self.fail(say(f"'{value}' is geen ernst; kies fout, waarschuwing of info.",
                          f"'{value}' is not a severity; choose error, warning or info."),
                      param, ctx)
        return severity


@english("""Check network cards and show errors, warnings and info.

    FILE|FOLDER|PATTERN: cards, folders (with sub-folders) and patterns such as
    'inbox/**/*.xlsx', as for merge. Lock files (~$…) are listed as skipped;
    hidden files are ignored.

    \b
    Example:
      schoolnet-xl validate card.xlsx
      schoolnet-xl validate inbox/ --format json > findings.json
      schoolnet-xl validate card.xlsx --report findings.xlsx
      schoolnet-xl validate inbox/ -q --severity error

    \b
    Exit codes: 0 = no errors; 1 = at least one error (severity 'fout');
    2 = a file could not be read, or wrong usage.
    Input files are never modified.
    """)
@click.command()
@FILES_ARGUMENT
@FORMAT_OPTION
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar=FILE,
              help=bilingual("Schrijf ook een rapport (.xlsx) met één rij per bevinding en "
                             "een link naar de cel in de kaart.",
                             "Also write a report (.xlsx) with one row per finding and a link "
                             "to its cell in the card."))
@click.option("--ernst", "--severity", "lowest", type=SeverityType(), default="info",
              help=bilingual("De laagste ernst die getoond wordt (standaard info: alles).",
                             "The lowest severity shown (default info: everything)."))
@QUIET_OPTION
@lang_option
@config_option
def validate(files: tuple[str, ...], fmt: str, report_path: Path | None, lowest: Severity,
             quiet: bool, lang: Lang, config: Path | None) -> None:
    """Controleer netwerkkaarten en toon fouten, waarschuwingen en info.

    BESTAND|MAP|PATROON: kaarten, mappen (met submappen) en patronen zoals
    'inbox/**/*.xlsx', zoals bij merge. Vergrendelingsbestanden (~$…) worden
    als overgeslagen vermeld; verborgen bestanden worden genegeerd.

    \b
    Voorbeeld:
      schoolnet-xl validate kaart.xlsx
      schoolnet-xl validate inbox/ --format json > bevindingen.json
      schoolnet-xl validate kaart.xlsx --report bevindingen.xlsx
      schoolnet-xl validate inbox/ -q --ernst fout

    \b
    Afsluitcodes: 0 = geen fouten; 1 = minstens één fout (ernst 'fout');
    2 = een bestand kon niet gelezen worden, of verkeerd gebruik.
    Invoerbestanden worden nooit gewijzigd.
    """
    vocabulary = vocabulary_from_option(config)
    reports, skipped = _check_all(files, vocabulary, lang)
    if report_path is not None:
        _write_report(reports, report_path, lang)
    totals = summary(reports)
    shown = shown_findings(reports, "fout" if quiet else lowest)
    if fmt == "json":
        document = validate_document(shown, lang)
        document["summary"] = {**totals, "skipped": len(skipped)}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        if quiet:
            shown = [r for r in shown if r.findings or r.read.status != "ok"]
        if sys.stdout.isatty():
            render_rich(shown, lang)
        else:
            render_plain(shown, lang, click.echo)
        click.echo(summary_line(totals, lang) + _skipped_part(skipped, lang))
    sys.exit(_exit_code(totals))


def shown_findings(reports: list[FileReport], lowest: Severity) -> list[FileReport]:
    """The reports with the findings of `lowest` severity or higher, errors first."""
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    limit = rank[lowest]
    return [dataclasses.replace(report, findings=sorted(
        (f for f in report.findings if rank[f.severity] <= limit),
        key=lambda f: rank[f.severity])) for report in reports]


@english("""Show per school which core and recommended categories are still missing.

    Each category comes with its description and examples, so that you know
    which partners to look for. FILE|FOLDER|PATTERN as for validate.

    \b
    Example:
      schoolnet-xl gaps card.xlsx
      schoolnet-xl gaps inbox/ --format json

    \b
    Exit codes: 0 = every file read; 2 = a file could not be read, or wrong
    usage. Missing categories are not errors.
    """)
@click.command()
@FILES_ARGUMENT
@FORMAT_OPTION
@QUIET_OPTION
@lang_option
@config_option
def gaps(files: tuple[str, ...], fmt: str, quiet: bool, lang: Lang,
         config: Path | None) -> None:
    """Toon per school welke kern- en aanbevolen categorieën nog ontbreken.

    Bij elke categorie staan de omschrijving en voorbeelden, zodat je weet naar
    welke partners je kunt zoeken. BESTAND|MAP|PATROON zoals bij validate.

    \b
    Voorbeeld:
      schoolnet-xl gaps kaart.xlsx
      schoolnet-xl gaps inbox/ --format json

    \b
    Afsluitcodes: 0 = alle bestanden gelezen; 2 = een bestand kon niet gelezen
    worden, of verkeerd gebruik. Ontbrekende categorieën zijn geen fout.
    """
    vocabulary = vocabulary_from_option(config)
    reports, skipped = _check_all(files, vocabulary, lang)
    if fmt == "json":
        document = gaps_document(reports, vocabulary, lang)
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        if not quiet:
            render_gaps(reports, vocabulary, lang, click.echo)
        click.echo(gaps_summary_line(reports, lang) + _skipped_part(skipped, lang))
    unreadable = any(r.read.status != "ok" for r in reports)
    sys.exit(EXIT_USAGE if unreadable else EXIT_OK)


def gaps_summary_line(reports: list[FileReport], lang: Lang) -> str:
    """'3 bestanden: 2 scholen missen een kerncategorie; 0 onleesbaar.'"""
    read = [r for r in reports if r.read.status == "ok"]
    lacking = sum(bool(r.missing.get("core")) for r in read)
    unreadable = len(reports) - len(read)
    return say(
        f"{count(len(reports), 'bestand', 'bestanden')}: "
        f"{count(lacking, 'school mist', 'scholen missen')} een kerncategorie; "
        f"{unreadable} onleesbaar.",
        f"{count(len(reports), 'file', 'files')}: "
        f"{count(lacking, 'school lacks', 'schools lack')} a core category; "
        f"{unreadable} unreadable.", lang)


@english("""Show every rule: code, severity, what it checks and an example.

    \b
    Example:
      schoolnet-xl rules
      schoolnet-xl rules --lang en --format json
    """)
@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help=bilingual("Tekst, JSON, of Markdown (zo wordt docs/rules.md gemaakt).",
                             "Text, JSON, or Markdown (how docs/rules.md is made)."))
@lang_option
def rules(fmt: str, lang: Lang) -> None:
    """Toon alle regels: code, ernst, wat ze controleren en een voorbeeld.

    \b
    Voorbeeld:
      schoolnet-xl rules
      schoolnet-xl rules --lang en --format json
    """
    entries = catalogue(lang)
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(catalogue_markdown(lang), nl=False)
    else:
        for entry in entries:
            severity = severity_label(entry["severity"], lang)
            click.echo(f"{entry['code']}  {severity:<12} {entry['checks']}")
            click.echo(f"{'':<6} {'':<12} {'bv.' if lang == 'nl' else 'e.g.'} {entry['example']}")


Skipped = tuple[str, str]  # (path, reason)


def _check_all(names: tuple[str, ...], vocabulary: Vocabulary,
               lang: Lang) -> tuple[list[FileReport], list[Skipped]]:
    """Check every file the arguments name, in argument order (a folder's or pattern's
    files in merge's order); a missing or unreadable one never stops the others. Lock
    and system files are skipped and listed on stderr, as merge lists them."""
    reports: list[FileReport] = []
    skipped: list[Skipped] = []
    for name in names:
        if Path(name).is_file() and not is_card_archive(name):  # a .zip: its cards, as merge
            sheets = check_workbook(name, vocabulary)  # one report per school-year sheet
            reason = _junk_reason(name, lang) if sheets[0].read.status != "ok" else None
            if reason is not None:  # a lock or system file that is no card: as merge skips it
                skipped.append((name, reason))
            else:
                reports += sheets
            continue
        found = _expand(name, lang)
        if found is None:  # named nothing: an unreadable entry of its own
            reports.append(check_file(name, vocabulary))
            continue
        reports += [r for path in found[0] for r in check_workbook(path, vocabulary)]
        skipped += found[1]
    for path, reason in skipped:
        click.echo(f"{path}: {say('overgeslagen', 'skipped', lang)} — {reason}", err=True)
    return reports, skipped


def _junk_reason(name: str, lang: Lang) -> str | None:
    """Why merge would skip a file of this name (lock file, system file), or None."""
    return junk_reason(Path(name).name, lang)


def _expand(name: str, lang: Lang) -> tuple[list[str], list[Skipped]] | None:
    """The files and skipped files of a folder or pattern, as merge finds them; None
    (after saying why on stderr) when it names nothing."""
    if not Path(name).exists() and not set("*?[") & set(name):
        click.echo(say(f"Fout: {name}: bestand niet gevonden",
                       f"Error: {name}: file not found", lang), err=True)
        return None
    try:
        inbox = discover([name], lang)
    except InboxError as exc:
        click.echo(f"{say('Fout', 'Error', lang)}: {exc}", err=True)
        return None
    return inbox.files, [(s.path, s.reason) for s in inbox.skipped]


def _skipped_part(skipped: list[Skipped], lang: Lang) -> str:
    return say(f" {len(skipped)} overgeslagen.", f" {len(skipped)} skipped.",
               lang) if skipped else ""


def _write_report(reports: list[FileReport], out: Path, lang: Lang) -> None:
    # lazy: the findings workbook needs XlsxWriter (about 40 ms to import), only for --report
    from schoolnet_xl.report.workbook import ReportError, write_findings_workbook

    try:
        write_findings_workbook(reports, out, lang)
    except ReportError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(os_error_message(exc, lang)) from None


def _exit_code(totals: dict[str, int]) -> int:
    if totals["unreadable"]:
        return EXIT_USAGE
    return EXIT_PROBLEMS if totals["fout"] else EXIT_OK
