"""`validate`, `gaps` and `rules`: judge cards and list the rule catalogue."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from schoolnet_xl.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Lang,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.report.json import gaps_document, validate_document
from schoolnet_xl.report.text import render_gaps, render_plain, render_rich, summary_line
from schoolnet_xl.validate.catalogue import catalogue, catalogue_markdown
from schoolnet_xl.validate.check import FileReport, check_file, summary

FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Uitvoer als leesbare tekst of als één JSON-document (zie docs/json-format.md).",
)
FILES_ARGUMENT = click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str),
)


@click.command()
@FILES_ARGUMENT
@FORMAT_OPTION
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="Schrijf ook een rapport (.xlsx) met één rij per bevinding en een link "
                   "naar de cel in de kaart.")
@lang_option
@config_option
def validate(files: tuple[str, ...], fmt: str, report_path: Path | None, lang: Lang,
             config: Path | None) -> None:
    """Controleer netwerkkaarten en toon fouten, waarschuwingen en info.

    \b
    Voorbeeld:
      schoolnet-xl validate kaart.xlsx
      schoolnet-xl validate inbox/*.xlsx --format json > bevindingen.json
      schoolnet-xl validate kaart.xlsx --report bevindingen.xlsx

    \b
    Exit codes: 0 = geen fouten; 1 = minstens één fout (ernst 'fout');
    2 = een bestand kon niet gelezen worden, of verkeerd gebruik.
    Invoerbestanden worden nooit gewijzigd.
    """
    vocabulary = vocabulary_from_option(config)
    reports = _check_all(files, vocabulary, lang)
    if report_path is not None:
        _write_report(reports, report_path, lang)
    totals = summary(reports)
    if fmt == "json":
        click.echo(json.dumps(validate_document(reports, lang), ensure_ascii=False, indent=2))
    else:
        if sys.stdout.isatty():
            render_rich(reports, lang)
        else:
            render_plain(reports, lang, click.echo)
        click.echo(summary_line(totals, lang))
    sys.exit(_exit_code(totals))


@click.command()
@FILES_ARGUMENT
@FORMAT_OPTION
@lang_option
@config_option
def gaps(files: tuple[str, ...], fmt: str, lang: Lang, config: Path | None) -> None:
    """Toon per school welke kern- en aanbevolen categorieën nog ontbreken.

    Bij elke categorie staan de omschrijving en voorbeelden, zodat je weet naar
    welke partners je kunt zoeken.

    \b
    Voorbeeld:
      schoolnet-xl gaps kaart.xlsx
      schoolnet-xl gaps inbox/*.xlsx --format json

    \b
    Exit codes: 0 = alle bestanden gelezen; 2 = een bestand kon niet gelezen
    worden, of verkeerd gebruik. Ontbrekende categorieën zijn geen fout.
    """
    vocabulary = vocabulary_from_option(config)
    reports = _check_all(files, vocabulary, lang)
    if fmt == "json":
        document = gaps_document(reports, vocabulary, lang)
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        render_gaps(reports, vocabulary, lang, click.echo)
    unreadable = any(r.read.status != "ok" for r in reports)
    sys.exit(EXIT_USAGE if unreadable else EXIT_OK)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="Tekst, JSON, of Markdown (zo wordt docs/rules.md gemaakt).")
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
            click.echo(f"{entry['code']}  {entry['severity']:<12} {entry['checks']}")
            click.echo(f"{'':<6} {'':<12} {'bv.' if lang == 'nl' else 'e.g.'} {entry['example']}")


def _check_all(files: tuple[str, ...], vocabulary: Vocabulary, lang: Lang) -> list[FileReport]:
    """Check every file; a missing or unreadable one never stops the others."""
    reports = []
    for name in files:
        if not Path(name).is_file():
            click.echo(f"Fout: {name}: bestand niet gevonden" if lang == "nl"
                       else f"Error: {name}: file not found", err=True)
        reports.append(check_file(name, vocabulary))
    return reports


def _write_report(reports: list[FileReport], out: Path, lang: Lang) -> None:
    # lazy: the findings workbook needs XlsxWriter (about 40 ms to import), only for --report
    from schoolnet_xl.report.workbook import ReportError, write_findings_workbook

    try:
        write_findings_workbook(reports, out, lang)
    except (ReportError, OSError) as exc:
        raise UserError(str(exc)) from None


def _exit_code(totals: dict[str, int]) -> int:
    if totals["unreadable"]:
        return EXIT_USAGE
    return EXIT_PROBLEMS if totals["fout"] else EXIT_OK
