"""`schoolnet-xl compare OLD NEW`: how one school's network changed between two years.

Voorbeeld:
  schoolnet-xl compare kaart-2024.xlsx kaart-2025.xlsx -o evolutie.xlsx
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from schoolnet_xl.cli.common import (
    FILE,
    NUMBER,
    UserError,
    config_option,
    lang_option,
    vocabulary_from_option,
)
from schoolnet_xl.cli.help_words import bilingual, english
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary, judging_vocabulary
from schoolnet_xl.evolve.classify import compare_states
from schoolnet_xl.evolve.names import NEAR_MATCH
from schoolnet_xl.evolve.pair import pair_refusal, pair_warnings
from schoolnet_xl.evolve.report import comparison_json, comparison_text
from schoolnet_xl.evolve.states import CardState, card_state
from schoolnet_xl.evolve.workbook import write_comparison
from schoolnet_xl.read import read_card

EXIT_CODES = bilingual("""\b
Afsluitcodes: 0 = vergeleken; 2 = verkeerd gebruik, een onleesbare kaart, of
schooljaren die gelijk of omgekeerd zijn (zonder --force).""", """\b
Exit codes: 0 = compared; 2 = wrong usage, an unreadable card, or school years
that are the same or reversed (without --force).""")
_card_path = click.Path(path_type=Path, dir_okay=False)


@english("""Compare two cards of one school: what was broadened, deepened, loosened.

    OLD is the card of the earlier school year, NEW the later one (any readable
    format). Partners are matched by organisation name as the merge matches
    shared partners (case, accents, 'Vrij CLB' = 'VCLB', abbreviations); names
    that only nearly match are matched when their score reaches --threshold,
    and every matched pair of differing names is shown with how it was matched.

    \b
    Example:
      schoolnet-xl compare card-2024.xlsx card-2025.xlsx -o evolution.xlsx
    """)
@click.command(epilog=EXIT_CODES)
@click.argument("old", type=_card_path, metavar=bilingual("OUD", "OLD"))
@click.argument("new", type=_card_path, metavar=bilingual("NIEUW", "NEW"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help=bilingual("Uitvoer als leesbare tekst of als één JSON-document "
                             "(zie docs/json-format.md).",
                             "Output as readable text or as one JSON document "
                             "(see docs/json-format.md)."))
@click.option("-o", "--output", type=_card_path, default=None, metavar=FILE,
              help=bilingual("Schrijf de vergelijking als werkboek (.xlsx).",
                             "Write the comparison as a workbook (.xlsx)."))
@click.option("--drempel", "--threshold", "threshold", type=click.FloatRange(50, 100),
              default=NEAR_MATCH, show_default=True, metavar=NUMBER,
              help=bilingual("Vanaf deze score (50-100) gelden twee bijna gelijke namen als "
                             "dezelfde organisatie.",
                             "From this score (50-100) two nearly equal names count as the "
                             "same organisation."))
@click.option("--force", is_flag=True,
              help=bilingual("Vergelijk ook kaarten van hetzelfde of een omgekeerd schooljaar.",
                             "Compare cards of the same or a reversed school year too."))
@config_option
@lang_option
def compare(old: Path, new: Path, fmt: str, output: Path | None, threshold: float,
            force: bool, config: Path | None, lang: Lang) -> None:
    """Vergelijk twee kaarten van één school: wat is verbreed, verdiept, afgebouwd.

    OUD is de kaart van het vroegere schooljaar, NIEUW de latere (elk leesbaar
    formaat). Partners worden op organisatienaam gekoppeld zoals merge gedeelde
    partners koppelt (hoofdletters, accenten, 'Vrij CLB' = 'VCLB', afkortingen);
    namen die maar bijna gelijk zijn, worden gekoppeld vanaf de score --drempel,
    en elk gekoppeld paar van verschillende namen staat erbij met hoe het
    gekoppeld is.

    \b
    Voorbeeld:
      schoolnet-xl compare kaart-2024.xlsx kaart-2025.xlsx -o evolutie.xlsx
    """
    vocabulary = vocabulary_from_option(config)
    if output is not None:
        _check_output(output, (old, new), lang)
    before, after = _state(old, vocabulary, lang), _state(new, vocabulary, lang)
    refusal = pair_refusal(before, after, lang)
    if refusal and not force:
        raise UserError(refusal)
    warnings = pair_warnings(before, after, lang)
    comparison = compare_states(before, after, vocabulary, threshold)
    if output is not None:
        write_comparison(comparison, vocabulary, output, lang, warnings)
        counts = comparison.counts()
        click.echo(say(f"Geschreven: {output}", f"Written: {output}", lang))
        click.echo(say(
            f"{counts['new']} nieuw, {counts['deepened']} verdiept, {counts['loosened']} "
            f"minder intens, {counts['ended']} beëindigd of weg, {counts['unchanged']} ongewijzigd",
            f"{counts['new']} new, {counts['deepened']} deepened, {counts['loosened']} "
            f"less intense, {counts['ended']} ended or gone, {counts['unchanged']} unchanged",
            lang))
    elif fmt == "json":
        document = comparison_json(comparison, vocabulary, lang, warnings)
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(comparison_text(comparison, vocabulary, lang, warnings))


def _state(path: Path, vocabulary: Vocabulary, lang: Lang) -> CardState:
    """The card at `path` as a CardState, or a clear exit-2 message naming the file."""
    if not path.exists():
        raise UserError(say(f"{path}: bestaat niet", f"{path}: does not exist", lang))
    result = read_card(path, vocabulary)
    if result.status != "ok" or result.card is None:
        raise UserError(say(f"{path}: geen leesbare netwerkkaart ({result.reason(lang)})",
                            f"{path}: not a readable network card ({result.reason(lang)})",
                            lang))
    return card_state(result.card, judging_vocabulary(result.vocabulary, vocabulary))


def _check_output(output: Path, inputs: tuple[Path, Path], lang: Lang) -> None:
    if output.suffix.lower() != ".xlsx":
        raise UserError(say(f"{output}: het werkboek moet op .xlsx eindigen",
                            f"{output}: the workbook must end in .xlsx", lang))
    if any(output.resolve() == path.resolve() for path in inputs):
        raise UserError(say(f"{output}: dit is een invoerbestand; kies een andere naam",
                            f"{output}: this is an input file; choose another name", lang))
    if not output.parent.resolve().is_dir():
        raise UserError(say(f"{output}: de map bestaat niet",
                            f"{output}: the folder does not exist", lang))
