"""click's own words in Dutch: usage lines, option errors, `--help` headings.

click marks every text it shows for gettext (`_("Usage:")`, `ngettext(...)`), bound
in each click module at import time. This is the Dutch catalogue of those texts,
as a `gettext.NullTranslations`, and `install` binds its `gettext`/`ngettext`
into click's modules for the language of the running command (English: click's
own texts). tests/test_cli_language.py checks that every text the installed click
marks has its entry here.
"""

from __future__ import annotations

import gettext
import importlib
from types import ModuleType

import click

from schoolnet_xl.core.lang import Lang

# msgid -> Dutch; placeholders kept exactly.
DUTCH: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "Aborted!": "Afgebroken!",
    "deprecated": "verouderd",
    "Missing command.": "Geef een opdracht.",
    "Value must be an iterable.": "De waarde moet een reeks zijn.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Let op: de opdracht {name!r} is verouderd.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Let op: {param_type} {name!r} is verouderd.{extra_message}",
    "Could not determine name for option with declarations {decls!r}":
        "Geen naam gevonden voor de optie met declaraties {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an "
    "argument instead? Did you mean to pass '--{name}'?":
        "Geen opties gedeclareerd maar wel een naam ({name}). Bedoelde je een argument, "
        "of '--{name}'?",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Een argument heeft precies één declaratie, niet {length}: {decls}.",
    "(dynamic)": "(berekend)",
    "Name '{name}' defined twice": "De naam '{name}' is twee keer gedeclareerd",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "De aan/uit-optie {decl!r} kan niet dezelfde vlag gebruiken voor aan en uit.",
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "unknown error": "onbekende fout",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Could not open file {filename!r}: {message}":
        "Kon het bestand {filename!r} niet openen: {message}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Invalid start character for option ({option})":
        "Ongeldig beginteken voor een optie ({option})",
    "Option {name!r} does not take a value.": "De optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Het argument {name!r} neemt {nargs} waarden.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Kon de Bash-versie niet bepalen; aanvullen met Tab werkt niet.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Aanvullen met Tab werkt niet in Bash ouder dan 4.4.",
    "Press any key to continue...": "Druk op een toets om verder te gaan…",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee waarden verschillen.",
    "Unknown color {colour!r}": "Onbekende kleur {colour!r}",
    "Error: invalid input": "Fout: ongeldige invoer",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen geldige ja/nee-waarde. Mogelijk: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "Unknown standard stream '{name}'": "Onbekende standaardstroom '{name}'",
    "{editor}: Editing failed": "{editor}: bewerken mislukt",
    "{editor}: Editing failed: {e}": "{editor}: bewerken mislukt: {e}",
    "Windows error: {error}": "Windows-fout: {error}",
    "d": "d",  # the day in a progress bar's estimate
}

# (singular msgid, plural msgid) -> (Dutch singular, Dutch plural)
DUTCH_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Onverwacht extra argument ({args})", "Onverwachte extra argumenten ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Neemt {nargs} waarden, er werd er 1 gegeven.",
         "Neemt {nargs} waarden, er werden er {len} gegeven."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Bedoel je {possibility}?", "(Bedoel je een van: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("De optie {name!r} heeft een waarde nodig.",
         "De optie {name!r} heeft {nargs} waarden nodig."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} is niet {choice}.", "{value!r} is niet een van {choices}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."):
        ("{value!r} past niet bij het formaat {format}.",
         "{value!r} past niet bij de formaten {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} waarden zijn nodig, er werd er {len_value} gegeven.",
         "{len_type} waarden zijn nodig, er werden er {len_value} gegeven."),
}

# click's modules that bind `_` / `ngettext` from gettext (Windows' console one only there)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types",
                 "termui", "utils", "shell_completion", "_termui_impl")


class Dutch(gettext.NullTranslations):
    """click's texts in Dutch; a text without an entry stays as click wrote it."""

    def gettext(self, message: str) -> str:
        return DUTCH.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        one, many = DUTCH_PLURALS.get((msgid1, msgid2), (msgid1, msgid2))
        return one if n == 1 else many


# click names a value's type in "'x' is not a valid {number_type}." by the type's name
TYPE_NAMES: dict[type[click.ParamType], tuple[str, str]] = {
    click.types.IntParamType: ("integer", "geheel getal"),
    click.types.FloatParamType: ("float", "getal"),
    click.types.IntRange: ("integer range", "geheel getal"),
    click.types.FloatRange: ("float range", "getal"),
    click.types.BoolParamType: ("boolean", "ja/nee"),
    click.types.StringParamType: ("text", "tekst"),
}

CATALOGUES: dict[Lang, gettext.NullTranslations] = {"nl": Dutch(),
                                                    "en": gettext.NullTranslations()}


def install(lang: Lang) -> None:
    """Make click speak `lang` from now on (click's own English for "en")."""
    translations = CATALOGUES[lang]
    for name in CLICK_MODULES:
        module: ModuleType = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translations.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext  # type: ignore[attr-defined]
    for kind, (english, dutch) in TYPE_NAMES.items():
        kind.name = dutch if lang == "nl" else english
