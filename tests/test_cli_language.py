"""Every line a user reads is in one language: Dutch by default, English with --lang en
or SCHOOLNET_XL_LANG=en (real subprocesses, every command of `COMMANDS`).

The check is a word list: a Dutch line holds none of the English words below, an
English line none of the Dutch ones. Options (`--school`), paths and file names,
quoted text and choices (`[text|json]`) are code, not language, and are left out.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from schoolnet_xl.cli import COMMANDS, main
from schoolnet_xl.cli.click_words import DUTCH, DUTCH_PLURALS
from schoolnet_xl.cli.help_words import missing_english

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))
COMMAND_NAMES = sorted(COMMANDS)

ENGLISH_WORDS = {
    "the", "and", "with", "this", "that", "file", "files", "folder", "show", "usage",
    "options", "option", "error", "for", "to", "not", "write", "every", "when", "from",
    "into", "only", "without", "default", "required", "try", "help", "such", "command",
    "commands", "exit", "message", "messages", "language", "check", "missing", "card",
    "cards", "number", "school", "year", "level", "found", "exist", "does", "already",
    "are", "be", "by", "as", "an", "it", "its", "other", "which", "what", "where", "new",
}
DUTCH_WORDS = {
    "de", "het", "een", "van", "bestand", "bestanden", "niet", "geen", "wordt", "worden",
    "voor", "met", "zijn", "alle", "fout", "fouten", "kaart", "kaarten", "opties", "optie",
    "gebruik", "toon", "schrijf", "map", "naar", "als", "ook", "deze", "bij", "zonder",
    "elke", "waar", "dat", "die", "wat", "welke", "nog", "toch", "standaard", "verplicht",
    "taal", "meldingen", "anders", "onbekende", "probeer", "hulp", "opdracht", "opdrachten",
    "bestaat", "gevonden", "afsluitcodes", "voorbeeld", "tekst", "getal", "school", "er",
}
DUTCH_WORDS -= {"school"}  # the same word in both languages
ENGLISH_WORDS -= {"school"}
CODE = re.compile(r"""
    schoolnet-xl(\s+[a-z]+)?            # the program and its command names
  | ^\s+[a-z]+(?=\s{2,})                # a command's name in the list of commands
  | '[^']*' | "[^"]*" | `[^`]*`          # quoted text, names, values
  | \[[^\]]*\|[^\]]*\]                   # choices: [text|json]
  | (?<!\w)-{1,2}[\w-]+(=\S*)?           # options: -o, --school, --lang=en
  | \S*[/\\._=$@:<>]\S*                  # paths, file names, variables, URLs, e-mail
""", re.VERBOSE)


def words(line: str) -> set[str]:
    """The lower-case words of a line once code-like pieces are removed."""
    return {w.lower() for w in re.findall(r"[^\W\d_]+", CODE.sub(" ", line))}


def foreign_lines(text: str, lang: str) -> list[str]:
    """The lines of `text` holding a word of the other language."""
    other = ENGLISH_WORDS if lang == "nl" else DUTCH_WORDS
    return [line for line in text.splitlines() if words(line) & other]


def run(*args: str, env_lang: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    if env_lang is not None:
        env["SCHOOLNET_XL_LANG"] = env_lang
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=60, check=False)


def test_the_word_lists_tell_the_languages_apart() -> None:
    assert foreign_lines("Usage: schoolnet-xl validate [OPTIONS] FILE...", "nl")
    assert foreign_lines("Gebruik: schoolnet-xl validate [OPTIES] BESTAND...", "en")
    assert not foreign_lines("Fout: 'the file' bestaat niet: inbox/the.xlsx --format", "nl")


# -- the catalogues are complete ---------------------------------------------------

def click_texts() -> tuple[set[str], set[tuple[str, str]]]:
    """Every text the installed click marks with _() and ngettext()."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)
                     and isinstance(a.value, str)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) >= 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_every_text_click_marks_has_its_dutch() -> None:
    singles, plurals = click_texts()
    assert singles and plurals
    assert sorted(singles - set(DUTCH)) == []
    assert sorted(plurals - set(DUTCH_PLURALS)) == []
    for msgid, dutch in DUTCH.items():  # the same placeholders, or click's format fails
        assert re.findall(r"\{\w*[^}]*\}|%\(\w+\)s", msgid) == re.findall(
            r"\{\w*[^}]*\}|%\(\w+\)s", dutch), msgid


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_every_help_text_of_every_command_has_its_english(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    texts = [command.help, command.epilog]
    for param in command.params:
        texts.append(param.metavar if param.metavar and re.search(r"[a-z]", param.metavar,
                                                                  re.I) else None)
        if isinstance(param, click.Option):
            texts.append(param.help)
    assert [t for t in texts if missing_english(t)] == []


# -- every command, both languages, help and a failing call ------------------------

@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_help_is_dutch_by_default_and_english_on_request(name: str) -> None:
    dutch = run(name, "--help")
    assert dutch.returncode == 0, dutch.stderr
    assert dutch.stdout.startswith(f"Gebruik: schoolnet-xl {name} [OPTIES]")
    assert "Voorbeeld:" in dutch.stdout
    assert foreign_lines(dutch.stdout, "nl") == []
    for english in (run(name, "--help", "--lang", "en"), run(name, "--help", env_lang="en")):
        assert english.returncode == 0, english.stderr
        assert english.stdout.startswith(f"Usage: schoolnet-xl {name} [OPTIONS]")
        assert "Example:" in english.stdout
        assert foreign_lines(english.stdout, "en") == []


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_a_wrong_option_is_refused_in_the_chosen_language_with_exit_2(name: str) -> None:
    dutch = run(name, "--geen-optie")
    assert dutch.returncode == 2
    assert "Fout: Onbekende optie '--geen-optie'." in dutch.stderr
    assert f"Probeer 'schoolnet-xl {name} --help' voor hulp." in dutch.stderr
    assert foreign_lines(dutch.stderr, "nl") == []
    for english in (run(name, "--geen-optie", "--lang", "en"),
                    run(name, "--geen-optie", env_lang="en")):
        assert english.returncode == 2
        assert "Error: No such option '--geen-optie'." in english.stderr
        assert foreign_lines(english.stderr, "en") == []


def test_the_command_list_and_version_speak_the_language() -> None:
    dutch = run("--help")
    assert "Opdrachten:" in dutch.stdout and foreign_lines(dutch.stdout, "nl") == []
    english = run("--help", "--lang", "en")
    assert "Commands:" in english.stdout and foreign_lines(english.stdout, "en") == []
    assert run("--version").stdout.startswith("schoolnet-xl, versie ")
    assert run("-V", env_lang="en").stdout.startswith("schoolnet-xl, version ")
    assert "Onbekende opdracht 'valideer'" in run("valideer").stderr


@pytest.mark.parametrize("args", [
    ("validate", "bestaat-niet.xlsx"),
    ("gaps", "bestaat-niet/*.xlsx"),
    ("new", "-o", "k.xlsx", "--school", "X", "--nummer", "123", "--schooljaar", "2026-2027"),
    ("new", "-o", "k.xlsx", "--school", "X", "--schooljaar", "2026-2027"),
    ("merge", "bestaat-niet/", "-o", "regio.xlsx"),
    ("merge", "inbox", "-o", "regio.xlsx", "--jobs", "nul"),
    ("validate", "--ernst", "zwaar", "k.xlsx"),
    ("upgrade", "bestaat-niet.xlsx"),
    ("demo", "--schools", "0"),
])
def test_a_failing_call_speaks_one_language(args: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    dutch = run(*args, cwd=tmp_path)
    assert dutch.returncode == 2, dutch.stderr
    assert "Traceback" not in dutch.stderr and dutch.stderr.strip()
    assert "Fout: " in dutch.stderr and foreign_lines(dutch.stderr, "nl") == []
    english = run(*args, "--lang", "en", cwd=tmp_path)
    assert english.returncode == 2, english.stderr
    assert "Error: " in english.stderr and foreign_lines(english.stderr, "en") == []


def test_an_operating_system_error_is_a_sentence_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "notities.txt").write_text("geen map", "utf-8")
    from tests.support.regional import run_cli  # the CLI's own card writer is used below

    assert run_cli("demo", tmp_path / "d", "--schools", "2").returncode == 0
    result = run("merge", str(tmp_path / "d" / "inbox"), "-o",
                 str(tmp_path / "notities.txt" / "regio.xlsx"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"Fout: {tmp_path / 'notities.txt'}: ")
    assert "Errno" not in result.stderr and "Traceback" not in result.stderr
    assert foreign_lines(result.stderr, "nl") == []
