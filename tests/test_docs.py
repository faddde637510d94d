"""Nothing ships undocumented (after sqlite-utils' tests/test_docs.py).

Every command of `schoolnet_xl.cli.COMMANDS` has an example in its `--help`, a
row in the README's command table, and refuses a wrong option with a Dutch error
and exit 2 (a real subprocess; tests/test_cli_language.py checks every line of
help and errors in both languages); the README's layout section and
docs/architecture.md name every package folder. The rule catalogue in docs/rules.md
is checked elsewhere: tests/test_cli_validate.py compares it with the generated
`schoolnet-xl rules --format markdown` and the generated list with the registry.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import takewhile
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolnet_xl.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
FOLDERS = sorted(p.parent.name for p in (ROOT / "schoolnet_xl").glob("*/__init__.py"))


def section(text: str, heading: str) -> str:
    """The text under `heading` up to the next heading or horizontal rule."""
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    end = re.search(r"^(#{1,2} |---$)", text[start:], flags=re.MULTILINE)
    return text[start: start + end.start()] if end else text[start:]


def readme_commands() -> list[str]:
    """The first cell of each row of the README's "| command | what for |" table."""
    below = README.split("\n| command | what for |\n", 1)[1].splitlines()[1:]  # skip |---|
    rows = takewhile(lambda line: line.startswith("|"), below)
    return [row.split("|")[1].strip().strip("`") for row in rows]


def names_command(cell: str, command: str) -> bool:
    return cell == f"schoolnet-xl {command}" or cell.startswith(f"schoolnet-xl {command} ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_shows_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    examples = [lines[i + 1] for i, line in enumerate(lines[:-1]) if "Voorbeeld" in line]
    assert any(names_command(example, command) for example in examples), (
        f"`schoolnet-xl {command} --help` needs 'Voorbeeld:' followed by a line "
        f"'schoolnet-xl {command} ...'")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_wrong_option_is_a_dutch_error_with_exit_2(command: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    result = subprocess.run([str(Path(sys.executable).with_name("schoolnet-xl")), command,
                             "--verkeerde-optie"], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Gebruik: schoolnet-xl {command} [OPTIES]")
    assert f"Probeer 'schoolnet-xl {command} --help' voor hulp." in result.stderr
    assert "Fout: Onbekende optie '--verkeerde-optie'." in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_readme_command_table_names_the_command(command: str) -> None:
    assert any(names_command(cell, command) for cell in readme_commands()), (
        f"add `schoolnet-xl {command} ...` to the README's | command | what for | table")


def test_readme_command_table_names_only_real_commands() -> None:
    cells = readme_commands()
    assert cells, "the README's | command | what for | table is missing"
    unknown = [cell for cell in cells if not any(names_command(cell, c) for c in COMMANDS)]
    assert unknown == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_readme_layout_names_the_package_folder(folder: str) -> None:
    layout = section(README, "## Layout of the code")
    assert re.search(rf"(?<![\w/.]){folder}/", layout), (
        f"say in the README's 'Layout of the code' what schoolnet_xl/{folder}/ holds")


@pytest.mark.parametrize("folder", FOLDERS)
def test_architecture_says_what_the_folder_holds(folder: str) -> None:
    assert f"\n| `{folder}/` |" in ARCHITECTURE, (
        f"add a row for `{folder}/` to the folder table of docs/architecture.md")


def test_architecture_fits_one_screen() -> None:
    assert len(ARCHITECTURE.splitlines()) <= 60
    assert "docs/architecture.md" in section(README, "## Layout of the code")
