"""The command line behaves as people expect of a good CLI (real subprocesses):

validate and gaps take what merge takes (files, folders, patterns; lock and hidden
files skipped), -q and --ernst, errors first, --version, files written with the
umask's permissions, merge -o replaces only its own earlier output without --force,
a card of an older template version points to upgrade, words instead of internal names.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from schoolnet_xl.core.contract import TEMPLATE_VERSION
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import records
from tests.test_cli_validate import edited_copy, write_template_card

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))
FIXTURES = Path(__file__).parent / "fixtures"
SEVERITY_ORDER = {"fout": 0, "waarschuwing": 1, "info": 2}


def run(*args: str | Path, cwd: Path | None = None, umask: int | None = None,
        lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    if lang:
        env["SCHOOLNET_XL_LANG"] = lang
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120, check=False, preexec_fn=preexec)


def _inbox(root: Path, vocabulary: Vocabulary) -> Path:
    """Two cards in sub-folders, a lock file, a hidden file and a hidden folder."""
    inbox = root / "inbox"
    for index, folder in enumerate(("sg1", "sg2/diep")):
        (inbox / folder).mkdir(parents=True)
        write_card(inbox / folder / f"kaart{index}.xlsx", vocabulary,
                   make_card(random.Random(index), index, partners=4))
    (inbox / "sg1" / "~$kaart0.xlsx").write_bytes(b"\x05owner" + b"\x00" * 50)
    (inbox / ".DS_Store").write_bytes(b"\x00")
    (inbox / ".oud").mkdir()
    (inbox / ".oud" / "x.xlsx").write_text("x", "utf-8")
    return inbox


@pytest.fixture
def faulty(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    clean = write_template_card(tmp_path / "schoon.xlsx", vocabulary)
    path = tmp_path / "fouten.xlsx"
    edited_copy(clean, path, header={"Instellingsnummer": "30569", "Gemeente": None},
                grid={(0, "E-mail"): "onthaal(at)clb.be", (3, "Telefoon"): "12345"})
    return path


# -- inputs as merge takes them ------------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "gaps"])
def test_validate_and_gaps_take_folders_and_patterns_as_merge_does(
        command: str, tmp_path: Path, vocabulary: Vocabulary) -> None:
    _inbox(tmp_path, vocabulary)
    merged = json.loads(run("merge", "inbox", "-o", "regio.xlsx", "--format", "json",
                            cwd=tmp_path).stdout)
    read_by_merge = sorted(f["path"] for f in merged["files"] if f["kind"] != "skipped")
    skipped_by_merge = sorted(f["path"] for f in merged["files"] if f["kind"] == "skipped")
    assert "inbox/sg1/~$kaart0.xlsx" in skipped_by_merge
    for inputs in (["inbox"], ["inbox/sg1", "inbox/sg2"]):
        result = run(command, *inputs, "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == read_by_merge
        skipped = sorted(line.split(": overgeslagen")[0] for line in result.stderr.splitlines()
                         if ": overgeslagen — " in line)  # listed, not an error
        assert skipped == [p for p in skipped_by_merge if p.startswith(tuple(inputs))]
    pattern = run(command, "inbox/**/*.xlsx", "--format", "json", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(pattern.stdout)["files"]) == read_by_merge
    assert "~$kaart0.xlsx: overgeslagen" in pattern.stderr


def test_a_lock_or_system_file_named_on_the_line_is_skipped_not_an_error(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = _inbox(tmp_path, vocabulary)
    card, lock = inbox / "sg1" / "kaart0.xlsx", inbox / "sg1" / "~$kaart0.xlsx"
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    result = run("validate", card, lock, inbox / "Thumbs.db", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [f["path"] for f in document["files"]] == [str(card)]
    assert document["summary"]["skipped"] == 2 and document["summary"]["unreadable"] == 0
    text = run("validate", card, lock, inbox / "Thumbs.db")
    assert text.stdout.strip().splitlines()[-1].endswith("2 overgeslagen.")
    assert f"{lock}: overgeslagen — " in text.stderr
    assert f"{inbox / 'Thumbs.db'}: overgeslagen — Windows" in text.stderr


def test_a_pattern_that_matches_nothing_is_an_unreadable_input(tmp_path: Path) -> None:
    result = run("validate", "leeg/*.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "Fout: 'leeg/*.xlsx': geen enkel bestand past bij dit patroon" in result.stderr


# -- -q, --ernst, errors first --------------------------------------------------------

def _finding_lines(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines()
            if line.startswith("  ") and line.split()[0] in SEVERITY_ORDER]


def test_findings_are_shown_errors_first(faulty: Path) -> None:
    shown = _finding_lines(run("validate", faulty).stdout)
    assert set(shown) == {"fout", "waarschuwing", "info"}
    assert shown == sorted(shown, key=SEVERITY_ORDER.__getitem__)
    findings = json.loads(run("validate", faulty, "--format", "json").stdout
                          )["files"][0]["findings"]
    ranks = [SEVERITY_ORDER[f["severity"]] for f in findings]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(("option", "shown"), [
    ("fout", {"fout"}), ("waarschuwing", {"fout", "waarschuwing"}),
    ("info", {"fout", "waarschuwing", "info"}), ("error", {"fout"}),
    ("warning", {"fout", "waarschuwing"}),
])
def test_ernst_is_the_lowest_severity_shown(faulty: Path, option: str, shown: set[str]) -> None:
    everything = run("validate", faulty)
    result = run("validate", faulty, "--ernst", option)
    assert result.returncode == everything.returncode == 1
    assert set(_finding_lines(result.stdout)) == shown
    # the summary line counts every finding, shown or not
    assert result.stdout.splitlines()[-1] == everything.stdout.splitlines()[-1]
    document = json.loads(run("validate", faulty, "--ernst", option, "--format", "json").stdout)
    assert {f["severity"] for f in document["files"][0]["findings"]} == shown


def test_quiet_shows_only_the_errors_and_the_summary_line(
        faulty: Path, tmp_path: Path, vocabulary: Vocabulary) -> None:
    clean = write_template_card(tmp_path / "goed.xlsx", vocabulary)
    result = run("validate", "-q", clean, faulty)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith(f"{faulty} — ")  # the clean card has nothing to say
    assert set(_finding_lines(result.stdout)) == {"fout"}
    assert lines[-1].startswith("2 bestanden: ")
    assert str(clean) not in result.stdout
    gaps = run("gaps", "--quiet", clean, faulty)
    assert gaps.stdout.splitlines() == [
        "2 bestanden: 0 scholen missen een kerncategorie; 0 onleesbaar."]


def test_merge_quiet_lists_only_unreadable_files(tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = _inbox(tmp_path, vocabulary)
    (inbox / "kapot.xlsx").write_bytes(b"PK\x03\x04 afgebroken")
    result = run("merge", inbox, "-o", tmp_path / "regio.xlsx", "-q")
    assert result.returncode == 1
    assert "kapot.xlsx: onleesbaar" in result.stderr and "overgeslagen" not in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_version() -> None:
    from schoolnet_xl import __version__

    assert run("--version").stdout == f"schoolnet-xl, versie {__version__}\n"
    assert run("-V", "--lang", "en").stdout == f"schoolnet-xl, version {__version__}\n"


# -- permissions ---------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


WRITERS = {
    "template": lambda d: (["template", "-o", d / "leeg.xlsx"], [d / "leeg.xlsx"]),
    "new": lambda d: (["new", "-o", d / "k.xlsx", "--school", "X", "--nummer", "030569",
                       "--schooljaar", "2026-2027"], [d / "k.xlsx"]),
    "merge": lambda d: (["merge", d / "inbox", "-o", d / "regio.xlsx", "--csv", d / "csv"],
                        [d / "regio.xlsx", d / "csv" / "partners.csv",
                         d / "csv" / "scholen.csv", d / "csv" / "dekking.csv"]),
    "summary": lambda d: (["summary", d / "inbox" / "sg2" / "diep" / "kaart1.xlsx", "-o",
                           d / "s.xlsx"], [d / "s.xlsx"]),
    "upgrade": lambda d: (["upgrade", d / "oud.xlsx", "-o", d / "nieuw.xlsx"],
                          [d / "nieuw.xlsx"]),
    "validate --report": lambda d: (["validate", d / "inbox", "--report", d / "r.xlsx"],
                                    [d / "r.xlsx"]),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize("umask", [0o002, 0o022])
def test_written_files_get_the_permissions_of_the_umask(
        name: str, umask: int, tmp_path: Path, vocabulary: Vocabulary) -> None:
    _inbox(tmp_path, vocabulary)
    shutil.copyfile(FIXTURES / "old-card-0.9.xlsx", tmp_path / "oud.xlsx")
    args, outputs = WRITERS[name](tmp_path)
    result = run(*args, umask=umask)
    assert result.returncode in (0, 1), result.stderr
    assert {p.name: oct(_mode(p)) for p in outputs} == {
        p.name: oct(0o666 & ~umask) for p in outputs}


# -- merge -o --------------------------------------------------------------------------

def test_merge_replaces_its_own_output_but_no_other_file_without_force(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = _inbox(tmp_path, vocabulary)
    out = tmp_path / "regio.xlsx"
    assert run("merge", inbox, "-o", out).returncode == 0
    again = run("merge", inbox, "-o", out)  # its own earlier output: replaced, no question
    assert again.returncode == 0, again.stderr

    other = tmp_path / "begroting.xlsx"
    shutil.copyfile(inbox / "sg1" / "kaart0.xlsx", other)
    before = other.read_bytes()
    refused = run("merge", inbox, "-o", other)
    assert refused.returncode == 2
    assert "bestaat al" in refused.stderr and "--force" in refused.stderr
    assert other.read_bytes() == before
    assert not list(tmp_path.glob(".~regio-*"))
    english = run("merge", inbox, "-o", other, "--lang", "en")
    assert "Error: " in english.stderr and "already exists" in english.stderr
    forced = run("merge", inbox, "-o", other, "--force")
    assert forced.returncode == 0, forced.stderr
    assert records(other, "Scholen") and other.read_bytes() != before


# -- words, not internal names ----------------------------------------------------------

def test_merge_json_reasons_follow_the_language(tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = _inbox(tmp_path, vocabulary)
    for lang, words in (("nl", "vergrendelingsbestand"), ("en", "lock file")):
        result = run("merge", inbox, "-o", tmp_path / "regio.xlsx", "--format", "json",
                     "--lang", lang)
        lock = next(f for f in json.loads(result.stdout)["files"] if "~$" in f["path"])
        assert lock["status"] == "skipped"  # codes stay codes
        assert words in lock["reason"]


def test_bronbestanden_says_the_kind_in_words(tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = _inbox(tmp_path, vocabulary)
    shutil.copyfile(inbox / "sg1" / "kaart0.xlsx", inbox / "kopie.xlsx")
    assert run("merge", inbox, "-o", tmp_path / "regio.xlsx").returncode == 0
    kinds = {Path(r["Pad"]).name: r["Soort"]
             for r in records(tmp_path / "regio.xlsx", "Bronbestanden")}
    assert {kinds[name] for name in ("kaart0.xlsx", "kaart1.xlsx")} == {"sjabloon"}
    assert kinds["~$kaart0.xlsx"] == "overgeslagen"
    assert {kinds["kopie.xlsx"], kinds["kaart0.xlsx"]} == {"dubbel", "sjabloon"}
    assert not set(kinds.values()) & {"template", "handmade", "duplicate", "skipped"}


def test_one_of_a_thing_is_singular(tmp_path: Path, vocabulary: Vocabulary) -> None:
    (tmp_path / "inbox").mkdir()
    write_card(tmp_path / "inbox" / "k.xlsx", vocabulary, make_card(random.Random(1), 1, 1))
    result = run("merge", tmp_path / "inbox", "-o", tmp_path / "regio.xlsx")
    assert result.stdout.startswith("1 bestand: 1 gelezen, 0 onleesbaar")
    assert "; 1 school, 1 partner, " in result.stdout


def test_import_names_header_fields_as_people_read_them(tmp_path: Path) -> None:
    grid = tmp_path / "eigen.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Netwerk van VBS De Linde"])
    sheet.append([])
    sheet.append(["Organisatie", "Aard en specificaties", "Kansen", "Zorg", "Armoede"])
    sheet.append(["CLB Gent", "Draaischijf", None, "x", None])
    book.save(grid)
    result = run("import", grid, "--nummer", "030569", "--schooljaar", "2026-2027")
    assert result.returncode in (0, 1), result.stderr
    assert "Ingevuld door" in result.stdout and "IngevuldDoor" not in result.stdout


# -- an older template version -------------------------------------------------------

def test_validate_says_a_card_is_of_an_older_template_and_points_to_upgrade(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    old = tmp_path / "oude kaart.xlsx"
    shutil.copyfile(FIXTURES / "old-card-0.9.xlsx", old)
    result = run("validate", old, "--format", "json")
    [finding] = [f for f in json.loads(result.stdout)["files"][0]["findings"]
                 if f["code"] == "SN304"]
    assert finding["value"] == "0.9" and TEMPLATE_VERSION in finding["message"]
    assert f'schoolnet-xl upgrade "{old}"' in finding["hint"]
    english = run("validate", old, "--lang", "en").stdout
    assert "template version 0.9" in english and "schoolnet-xl upgrade" in english
    assert run("upgrade", old, "-o", tmp_path / "nieuw.xlsx").returncode == 0
    current = json.loads(run("validate", tmp_path / "nieuw.xlsx", "--format", "json").stdout)
    assert "SN304" not in {f["code"] for f in current["files"][0]["findings"]}


def test_shell_completion_as_the_readme_documents_it() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_SCHOOLNET_XL_COMPLETE=bash_source schoolnet-xl)"' in readme
    env = {**os.environ, "_SCHOOLNET_XL_COMPLETE": "bash_source"}
    script = subprocess.run([CLI], capture_output=True, text=True, env=env, timeout=60,
                            check=False)
    assert "_schoolnet_xl_completion()" in script.stdout
    env.update(_SCHOOLNET_XL_COMPLETE="bash_complete", COMP_WORDS="schoolnet-xl validate --er",
               COMP_CWORD="2")
    completed = subprocess.run([CLI], capture_output=True, text=True, env=env, timeout=60,
                               check=False)
    assert completed.stdout.split() == ["plain,--ernst"]
