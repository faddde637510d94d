"""The shape of the package, checked on its source and on a real `validate` process.

- Imports point down the layers of docs/architecture.md and never sideways to a peer
  folder of the same layer. The layer table is the first code block under "## Layers"
  in that file: the picture a reader sees is the rule this test applies.
- The project's own imports sit at the top of their file unless a comment says why.
- `schoolnet-xl validate` loads none of the heavy libraries.

Imports are found with `ast` at any depth: module level, inside functions and
classes, under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from schoolnet_xl.core.model import Card, Header, Partner, Sourced
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.template import write_card

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "schoolnet_xl"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
CLI = str(Path(sys.executable).with_name("schoolnet-xl"))

HEAVY = ("pandas", "openpyxl", "xlsxwriter", "rapidfuzz", "matplotlib", "xlwings")
# "# lazy: pandas costs 300 ms at start-up" or "# cycle: read <-> validate"
REASON = re.compile(r"#\s*(lazy|cycle):\s*\S")


# -- the layer table and the import graph ------------------------------------------

def layer_table() -> dict[str, int]:
    """Unit ("core/" for a folder, "__main__.py" for a loose file) -> its layer."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("\n## Layers\n", 1)[1]
    block = section.split("```", 2)[1]
    table: dict[str, int] = {}
    for line in block.splitlines():
        row = re.match(r"\s*(\d+)\s+(.*)", line)
        if row is None:
            continue
        for token in row.group(2).split():
            if not re.fullmatch(r"[a-z_]+/|__\w+__\.py", token):
                break  # the row's description starts
            table[token] = int(row.group(1))
    return table


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit_of(module: str) -> str:
    """The folder or loose file of schoolnet_xl that a module belongs to."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__.py"
    return f"{parts[1]}/" if (PACKAGE / parts[1]).is_dir() else f"{parts[1]}.py"


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    target: str          # the imported module, absolute
    node: ast.stmt

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def own_imports(tree: ast.Module, module: str, path: Path) -> list[Import]:
    """Every import of a schoolnet_xl module in `tree`, at any depth, in line order."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                prefix = ".".join([*base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            # `from schoolnet_xl import core` imports the subpackage, not the root
            targets = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in MODULES else prefix
                       for a in node.names]
        else:
            continue
        found += [Import(path, node.lineno, target, node) for target in dict.fromkeys(targets)
                  if target.split(".")[0] == "schoolnet_xl"]
    return sorted(found, key=lambda i: i.line)


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def all_own_imports() -> list[Import]:
    return [imp for module, path in MODULES.items()
            for imp in own_imports(parse(path), module, path)]


def layer_violations(imports: list[Import], layers: dict[str, int]) -> list[str]:
    problems = []
    for imp in imports:
        source, target = unit_of(module_name(imp.path)), unit_of(imp.target)
        if target == "__init__.py" or source == target:
            continue  # every layer may use __version__; a folder may use itself
        here, there = layers[source], layers[target]
        if there > here:
            why = f"from layer {there}, above its own layer {here}"
        elif there == here and source.endswith("/") and target.endswith("/"):
            why = f"from its peer {target} (both layer {here})"
        else:
            continue
        problems.append(f"{imp.where}: {source} imports {imp.target} {why}")
    return problems


# -- layers ---------------------------------------------------------------------------

def test_every_folder_and_loose_module_has_a_layer() -> None:
    layers = layer_table()
    units = {unit_of(module) for module in MODULES}
    assert units - layers.keys() == set(), "add them to the layer block of docs/architecture.md"
    assert layers.keys() - units == set(), "docs/architecture.md names what does not exist"


def test_imports_point_down_the_layers_never_to_a_peer() -> None:
    problems = layer_violations(all_own_imports(), layer_table())
    assert problems == [], "imports against the layers of docs/architecture.md:\n" + "\n".join(
        problems)


def test_the_layer_check_sees_imports_at_any_depth() -> None:
    """The checker itself, on a report module that reaches up and sideways."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from schoolnet_xl import __version__\n"             # 2 allowed: the root
        "from schoolnet_xl.core.model import Card\n"          # 3 allowed: below
        "if TYPE_CHECKING:\n"
        "    from schoolnet_xl.template import write_card\n"  # 5 peer
        "def f():\n"
        "    import schoolnet_xl.edit.guard\n"                # 7 above
        "class C:\n"
        "    def g(self):\n"
        "        from schoolnet_xl import merge\n"            # 10 above
        "        from . import text\n"                        # 11 allowed: itself
    )
    path = PACKAGE / "report" / "example.py"
    imports = own_imports(ast.parse(source), "schoolnet_xl.report.example", path)
    problems = layer_violations(imports, layer_table())
    assert [p.split(":")[1] for p in problems] == ["5", "7", "10"]
    assert "peer template/" in problems[0] and "from layer 4" in problems[1]


# -- imports at the top ------------------------------------------------------------------

def top_level_statements(tree: ast.Module) -> set[ast.stmt]:
    """Module-level statements, the bodies of module-level `if TYPE_CHECKING:` included."""
    top = set(tree.body)
    for statement in tree.body:
        if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
            top.update(statement.body)
    return top


def buried_imports() -> list[str]:
    """file:line of every own import below module level that gives no reason."""
    places = []
    for module, path in MODULES.items():
        tree = parse(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        top = top_level_statements(tree)
        for imp in own_imports(tree, module, path):
            if imp.node in top:
                continue
            span = lines[max(imp.line - 2, 0): imp.node.end_lineno or imp.line]
            if not any(REASON.search(line) for line in span):
                places.append(f"{imp.where}: {lines[imp.line - 1].strip()}")
    return list(dict.fromkeys(places))


def test_own_imports_sit_at_the_top_unless_a_comment_says_why() -> None:
    places = buried_imports()
    assert places == [], (
        "move these imports to the top of the file, or say why on the line or the line "
        "above ('# lazy: <measured start-up cost>' / '# cycle: <which modules>'):\n"
        + "\n".join(places))


# -- the whole validate process ----------------------------------------------------------

def small_card(vocabulary: Vocabulary) -> Card:
    """Three partners, one with a broken e-mail address, so the rules have work to do."""
    header = Header(schoolnaam=Sourced("Sint-Jozefsschool"),
                    instellingsnummer=Sourced("030569"),
                    onderwijsniveau=Sourced("Basisonderwijs"), schooljaar=Sourced("2025-2026"))
    partners = []
    for row, category in enumerate(vocabulary.categories[:3], start=1):
        partners.append(Partner(
            row=row, sheet="Netwerkkaart", organisatie=Sourced(f"{category.label} {row}"),
            aard=Sourced("Overleg over leerlingen"),
            focus={f.code: Sourced("X") for f in vocabulary.focus},
            categorie=Sourced(category.label), category_code=category.code,
            email=Sourced("onthaal(at)partner.be" if row == 2 else f"onthaal{row}@partner.be"),
        ))
    return Card(path="", kind="template", header=header, partners=partners)


@pytest.mark.parametrize("output", [[], ["--format", "json"]], ids=["text", "json"])
def test_validate_loads_no_heavy_library(tmp_path: Path, vocabulary: Vocabulary,
                                         output: list[str]) -> None:
    card = write_card(tmp_path / "kaart.xlsx", vocabulary, card=small_card(vocabulary))
    result = subprocess.run([CLI, "validate", str(card), *output], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60, check=False,
                            env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})
    traced = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    errors = "\n".join(line for line in result.stderr.splitlines() if line not in traced)
    assert "Traceback" not in errors, errors
    assert result.returncode == 1, errors  # the broken e-mail address is a fout
    assert "kaart.xlsx" in result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in traced}
    assert "schoolnet_xl.validate.engine" in imported  # the trace covers the real work
    heavy = sorted({name.split(".")[0] for name in imported} & set(HEAVY))
    assert heavy == [], f"schoolnet-xl validate imported {heavy}"
