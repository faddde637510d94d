"""The merge's --format json text: the document json.dumps(indent=2) gives, with each
input file's entry on one line (written by json's C encoder)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from schoolnet_xl.cli.merge_cmds import json_text
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo import make_card
from schoolnet_xl.template import write_card
from tests.support.regional import run_cli

AWKWARD = ['map/"files": []/kaart.xlsx', "école\nnaam.xlsx", "tab\there.xlsx", "\u00e9\u0301",
           "}, {", "\\", ""]


def test_the_text_holds_what_the_indented_document_holds() -> None:
    files = [{"path": path, "status": "read", "counts": {"fout": index}, "read_ms": 1.5,
              "duplicate_of": None} for index, path in enumerate(AWKWARD)]
    document = {"output": '"files": []', "csv": ["a.csv"], "feedback": [], "files": files,
                "summary": {"files": len(files)}, "seconds": {"read": 0.5}}
    text = json_text(document)
    assert json.loads(text) == document
    lines = text.splitlines()
    assert lines[:5] == ["{", '  "output": "\\"files\\": []",', '  "csv": [', '    "a.csv"',
                         "  ],"]
    entries = [line for line in lines if line.startswith('    {"path": ')]
    assert [json.loads(line.rstrip(",")) for line in entries] == files


def test_a_document_without_files_is_indented_as_json_indents_it() -> None:
    document = {"output": "regio.xlsx", "files": [], "summary": {}}
    assert json_text(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_merge_prints_one_line_per_file(tmp_path: Path, vocabulary: Vocabulary) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rng = random.Random(5)
    for index in range(3):
        write_card(inbox / f"kaart{index}.xlsx", vocabulary, make_card(rng, index))
    (inbox / "notities.txt").write_text("geen kaart\n", encoding="utf-8")
    result = run_cli("merge", inbox, "-o", tmp_path / "regio.xlsx", "--format", "json")
    assert result.returncode == 1, result.stderr  # the text file is unreadable
    document = json.loads(result.stdout)
    lines = [line for line in result.stdout.splitlines() if line.startswith('    {"path": ')]
    assert len(lines) == len(document["files"]) == 4
    assert sorted(Path(f["path"]).name for f in document["files"]) == [
        "kaart0.xlsx", "kaart1.xlsx", "kaart2.xlsx", "notities.txt"]
