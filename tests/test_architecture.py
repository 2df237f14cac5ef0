"""The code's shape: the layers and who may import what, read from the source (imports in functions too).

The checks are functions of a package folder, so that each can also be run on a small planted tree
(`tmp_path`) and shown to fail on the fault it is there to find.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "aloe_cli"

# The layers, lowest first: a module may import its own layer and the layers below it, never above. An
# entry names a module, or a package and everything in it; the top package's `__init__` is named alone.
LAYERS = (
    (
        "aloe_cli",
        "aloe_cli.errors",
        "aloe_cli.i18n",
        "aloe_cli.message_extraction",
        "aloe_cli.sanitize",
        "aloe_cli.kinds",
        "aloe_cli.files",
    ),
    ("aloe_cli.model",),
    ("aloe_cli.loading",),
    ("aloe_cli.presentation",),
    ("aloe_cli.questions", "aloe_cli.importing"),
    ("aloe_cli.evidence",),
    ("aloe_cli.renderers", "aloe_cli.exports", "aloe_cli.session"),
    ("aloe_cli.cli",),
    ("aloe_cli.launcher", "aloe_cli.__main__"),
)

# Libraries only some layers may import (types included): where each may be imported.
CONFINED_LIBRARIES = {
    "typer": ("aloe_cli.cli",),  # the command line is the only place that parses options
    "click": ("aloe_cli.cli",),  # Typer's own engine, reached only through Typer
    "rich": ("aloe_cli.renderers", "aloe_cli.cli"),  # drawing for people, and the consoles that print it
}

# Renderers and exports read the presentation model, never the Pydantic records (types included). These
# files still do; the lead's port to `presentation/` takes them off one by one. The list may only shrink:
# a test fails on a file listed here that no longer imports `aloe_cli.model`, so no clean file hides here.
NOT_YET_ON_THE_PRESENTATION_MODEL: frozenset[str] = frozenset()
PRESENTATION_READERS = ("aloe_cli.renderers", "aloe_cli.exports")
MODEL = "aloe_cli.model"


@dataclass(frozen=True)
class Import:
    """One import statement's target, and how it runs."""

    target: str  # the module imported, absolute: `aloe_cli.evidence.views`, `typer`, `rich.table`
    line: int
    type_only: bool  # under `if TYPE_CHECKING:` (or the `else:` of `if not TYPE_CHECKING:`)
    in_function: bool


def module_name(path: Path, package: Path) -> str:
    """`aloe_cli.cli.options` for `.../aloe_cli/cli/options.py` in the package folder `.../aloe_cli`."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_of(package: Path) -> dict[str, Path]:
    """Every module of the package, by name."""
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def _names_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _type_checking_branches(node: ast.If) -> tuple[list[ast.stmt], list[ast.stmt]] | None:
    """(type-only statements, runtime statements) of an `if` on TYPE_CHECKING; None for any other `if`."""
    if _names_type_checking(node.test):
        return node.body, node.orelse
    if (
        isinstance(node.test, ast.UnaryOp)
        and isinstance(node.test.op, ast.Not)
        and _names_type_checking(node.test.operand)
    ):
        return node.orelse, node.body
    return None


def imports_in(path: Path, package: Path) -> list[Import]:
    """Every import of a module: runtime or for types only, at the top or inside a function."""
    name = module_name(path, package)
    anchor = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def targets(node: ast.Import | ast.ImportFrom) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = node.module or ""
        if node.level:
            parts = anchor.split(".")
            base = ".".join([*parts[: len(parts) - (node.level - 1)], *([base] if base else [])])
        # `from . import views` names a module; `from .views import x` names x in its module
        named = [f"{base}.{alias.name}" for alias in node.names]
        modules = [t for t in named if (package.parent / t.replace(".", "/")).with_suffix(".py").exists()]
        return modules + ([base] if len(modules) < len(named) else [])

    def visit(statements: list[ast.stmt], type_only: bool, in_function: bool) -> None:
        for statement in statements:
            if isinstance(statement, ast.Import | ast.ImportFrom):
                found.extend(Import(t, statement.lineno, type_only, in_function) for t in targets(statement))
            elif isinstance(statement, ast.If) and (branches := _type_checking_branches(statement)):
                visit(branches[0], True, in_function)
                visit(branches[1], type_only, in_function)
            else:
                inside = in_function or isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
                for child in ast.iter_child_nodes(statement):
                    if isinstance(child, ast.stmt):
                        visit([child], type_only, inside)
                    elif isinstance(child, ast.ExceptHandler | ast.match_case):
                        visit(child.body, type_only, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")).body, type_only=False, in_function=False)
    return found


def import_graph(package: Path, *, runtime_only: bool = True) -> dict[str, set[str]]:
    """Which modules of the package each module imports (at run time only, unless told otherwise)."""
    modules = modules_of(package)
    return {
        name: {
            i.target
            for i in imports_in(path, package)
            if i.target in modules and i.target != name and not (runtime_only and i.type_only)
        }
        for name, path in modules.items()
    }


def _within(module: str, prefix: str, package: Path) -> bool:
    """Whether a module is `prefix`, or inside `prefix` when that names a subpackage."""
    is_subpackage = prefix != package.name and (package.parent / prefix.replace(".", "/")).is_dir()
    return module == prefix or (is_subpackage and module.startswith(prefix + "."))


def layer_of(module: str, package: Path = PACKAGE) -> int | None:
    """The rank of the module's layer in LAYERS, or None when no layer names it."""
    ranks = [
        rank for rank, entries in enumerate(LAYERS) for entry in entries if _within(module, entry, package)
    ]
    assert len(ranks) <= 1, f"{module} is in two layers of LAYERS"
    return ranks[0] if ranks else None


def layer_faults(package: Path) -> list[str]:
    """Modules in no layer, and imports that go up a layer: at run time, inside a function or for types.

    A type named from a layer above is still a dependency on it (and the next change makes it a runtime
    one), so here, unlike in the search for circles, type-only imports count too.
    """
    graph = import_graph(package, runtime_only=False)
    unplaced = [
        f"{module} is in no layer: add it to LAYERS" for module in graph if layer_of(module, package) is None
    ]
    upward = [
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in sorted(targets)
        if (layer_of(target, package) or 0) > (layer_of(module, package) or 0)
    ]
    return unplaced + upward


def confined_library_faults(package: Path) -> list[str]:
    """Imports of Typer, Click or Rich (types included) outside the layers allowed them."""
    faults = []
    for name, path in modules_of(package).items():
        for found in imports_in(path, package):
            library = found.target.split(".")[0]
            allowed = CONFINED_LIBRARIES.get(library)
            if allowed is not None and not any(_within(name, prefix, package) for prefix in allowed):
                faults.append(f"{name}:{found.line} imports {found.target}")
    return faults


def model_readers(package: Path) -> set[str]:
    """Renderers and exports that import the Pydantic model (types included)."""
    return {
        name
        for name, path in modules_of(package).items()
        if any(_within(name, prefix, package) for prefix in PRESENTATION_READERS)
        and any(_within(i.target, MODEL, package) for i in imports_in(path, package))
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, if the graph has any."""
    state: dict[str, int] = {}
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        pending = [iter(sorted(graph[start]))]
        state[start] = 1
        while pending:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(target) == 1:
                return [*path[path.index(target) :], target]
            elif target not in state:
                state[target] = 1
                path.append(target)
                pending.append(iter(sorted(graph[target])))
    return None


# The checks on aloe itself.


def test_the_import_graph_has_no_circle() -> None:
    graph = import_graph(PACKAGE)
    assert graph.get("aloe_cli.evidence.kind_listings")  # the graph was really read
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_every_module_is_in_one_layer_and_imports_only_go_down() -> None:
    assert layer_faults(PACKAGE) == []


def test_typer_only_in_the_cli_and_rich_only_in_renderers_and_the_cli() -> None:
    assert confined_library_faults(PACKAGE) == []


def test_renderers_and_exports_read_no_record_but_those_not_yet_ported() -> None:
    readers = model_readers(PACKAGE)
    assert readers - NOT_YET_ON_THE_PRESENTATION_MODEL == set()  # no new reader of the model
    assert NOT_YET_ON_THE_PRESENTATION_MODEL - readers == set()  # ported: take it off the list


def test_every_command_module_is_registered_and_mapped() -> None:
    from aloe_cli.cli import COMMAND_MODULES, NOT_COMMAND_MODULES, app

    owners = {
        command.name or command.callback.__name__: command.callback.__module__.rsplit(".", 1)[1]
        for command in app.registered_commands
        if command.callback
    }
    modules = {path.stem for path in (PACKAGE / "cli").glob("*.py")} - {"__init__"} - NOT_COMMAND_MODULES
    assert set(owners.values()) == modules  # every module of commands took part, none forgotten
    assert owners == COMMAND_MODULES  # and a run of one command finds its module
    assert {"timeline", "sources", "gaps", "list", "export", "validate"} <= set(owners)


# The checks on planted faults: each must fail on the tree made to break it.


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# The subpackages LAYERS names (a planted tree has them all, empty but for what a test plants).
SUBPACKAGES = [
    entry
    for entries in LAYERS
    for entry in entries
    if entry != "aloe_cli" and (PACKAGE.parent / entry.replace(".", "/")).is_dir()
]


def plant(root: Path, files: dict[str, str]) -> Path:
    """A package `aloe_cli` under root: LAYERS' subpackages, and these files (path in the package: source)."""
    package = root / "aloe_cli"
    for subpackage in ["aloe_cli", *SUBPACKAGES]:
        folder = root.joinpath(*subpackage.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
    for name, source in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(source, encoding="utf-8")
    return package


CLEAN = {
    "model/models.py": "from aloe_cli.errors import AloeError\n",
    "errors.py": "class AloeError(Exception): ...\n",
    "renderers/listing.py": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from aloe_cli.evidence import views\n"
        "def draw() -> None:\n    from rich.table import Table  # start-up: Rich only for people\n"
    ),
    "cli/commands.py": "import typer\nfrom aloe_cli.renderers import listing\n",
}


def test_a_clean_planted_tree_passes(tmp_path: Path) -> None:
    package = plant(tmp_path, CLEAN)
    assert layer_faults(package) == []
    assert confined_library_faults(package) == []
    assert model_readers(package) == set()


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        ("from aloe_cli.cli import commands\n", "aloe_cli.model.models -> aloe_cli.cli.commands"),
        (  # the imports that run only when mypy is not looking
            "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n    from aloe_cli.cli import commands\n",
            "aloe_cli.model.models -> aloe_cli.cli.commands",
        ),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    import aloe_cli.renderers.listing\n",
            "aloe_cli.model.models -> aloe_cli.renderers.listing",
        ),
        (
            "import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n    from ..renderers import listing\n",
            "aloe_cli.model.models -> aloe_cli.renderers.listing",
        ),
        (
            "def build() -> None:\n    try:\n        from aloe_cli.cli import commands\n    except ImportError:\n        pass\n",
            "aloe_cli.model.models -> aloe_cli.cli.commands",
        ),
    ],
    ids=["at-the-top", "if-not-type-checking", "else-of-type-checking", "typing-dot-else", "in-a-function"],
)
def test_a_planted_upward_import_fails(tmp_path: Path, source: str, reported: str) -> None:
    package = plant(tmp_path, {**CLEAN, "model/models.py": source})
    assert layer_faults(package) == [reported]


def test_a_type_only_import_counts_for_layers_but_not_for_circles(tmp_path: Path) -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from aloe_cli.cli import commands\n"
    package = plant(tmp_path, {**CLEAN, "model/models.py": source})
    assert layer_faults(package) == ["aloe_cli.model.models -> aloe_cli.cli.commands"]
    assert "aloe_cli.cli.commands" not in import_graph(package)["aloe_cli.model.models"]


def test_a_planted_module_in_no_layer_fails(tmp_path: Path) -> None:
    package = plant(tmp_path, {**CLEAN, "utils.py": "", "plugins/__init__.py": "", "plugins/extra.py": ""})
    assert layer_faults(package) == [
        f"{name} is in no layer: add it to LAYERS"
        for name in ("aloe_cli.plugins", "aloe_cli.plugins.extra", "aloe_cli.utils")
    ]


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("questions/queries.py", "import typer\n"),
        (
            "model/models.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from typer import Context\n",
        ),
        ("renderers/listing.py", "def draw() -> None:\n    import click\n"),
        ("exports/html.py", "from rich.console import Console\n"),
        ("launcher.py", "def main() -> None:\n    import typer\n"),
    ],
)
def test_a_planted_confined_library_outside_its_layers_fails(tmp_path: Path, where: str, source: str) -> None:
    package = plant(tmp_path, {**CLEAN, where: source})
    assert len(confined_library_faults(package)) == 1


def test_a_planted_model_import_in_a_renderer_is_found(tmp_path: Path) -> None:
    type_only = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from aloe_cli.model.models import Event\n"
    )
    package = plant(
        tmp_path, {**CLEAN, "renderers/table.py": type_only, "exports/csv.py": "from ..model import models\n"}
    )
    assert model_readers(package) == {"aloe_cli.renderers.table", "aloe_cli.exports.csv"}


# Imports inside functions: each is there for start-up cost, loads something not loaded already, and
# says why in a comment (on its line, or above the run of imports it opens).


def _is_import_line(line: str) -> bool:
    return line.lstrip().startswith(("from ", "import "))


PRAGMAS = ("type:", "noqa", "fmt:", "pragma:")  # comments for tools, which say nothing to a reader


def _explains(line: str) -> bool:
    """Whether the line carries a comment for people (not only a pragma for a tool)."""
    comment = line.partition("#")[2].strip()
    return bool(comment) and not comment.startswith(PRAGMAS)


def says_why(lines: list[str], line: int) -> bool:
    """Whether the import on this line (1-based) has a comment on it or above the run of imports it is in."""
    if _explains(lines[line - 1]):
        return True
    above = line - 2
    while above >= 0 and _is_import_line(lines[above]):
        above -= 1
    return above >= 0 and lines[above].lstrip().startswith("#") and _explains(lines[above])


def loaded_with(module: str, tops: dict[str, set[str]], seen: set[str] | None = None) -> set[str]:
    """The modules loaded whenever `module` is: its packages and its top-level imports, all the way down."""
    seen = set() if seen is None else seen
    parts = module.split(".")
    for target in [".".join(parts[:k]) for k in range(1, len(parts))] + sorted(tops.get(module, ())):
        for prefix in [".".join(target.split(".")[: k + 1]) for k in range(target.count(".") + 1)]:
            if prefix not in seen:
                seen.add(prefix)
                loaded_with(prefix, tops, seen)
    return seen


def function_import_faults(package: Path, measured: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    """Per module, its imports inside functions that say nothing or load what is loaded with the module.

    `measured` gives what some modules load at run time, libraries' own imports included (Typer loads
    difflib, shutil, subprocess ...): a module that loads one of them finds all that loaded too.
    """
    modules = modules_of(package)
    found = {name: imports_in(path, package) for name, path in modules.items()}
    tops = {
        name: {i.target for i in imports if not (i.in_function or i.type_only)}
        for name, imports in found.items()
    }
    faults: dict[str, list[str]] = {}
    for name, imports in found.items():
        lines = modules[name].read_text(encoding="utf-8").splitlines()
        loaded = loaded_with(name, tops)
        loaded |= {late for module, loads in measured.items() if module in loaded for late in loads}
        for late in (i for i in imports if i.in_function and not i.type_only):
            if late.target in loaded:
                faults.setdefault(name, []).append(f"{name}:{late.line} {late.target} is loaded already")
            elif not says_why(lines, late.line):
                faults.setdefault(name, []).append(f"{name}:{late.line} {late.target}: say why it is here")
    return faults


def loaded_by_the_application() -> frozenset[str]:
    """The modules `aloe_cli.cli.application` loads, which every command module imports."""
    import subprocess
    import sys

    listing = "import sys, aloe_cli.cli.application; print(*sys.modules)"
    done = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True, check=True)
    return frozenset(done.stdout.split())


def test_imports_inside_functions_load_something_new_and_say_why() -> None:
    faults = function_import_faults(PACKAGE, {"aloe_cli.cli.application": loaded_by_the_application()})
    assert faults == {}


def test_planted_imports_inside_functions_are_found(tmp_path: Path) -> None:
    package = plant(
        tmp_path,
        {
            **CLEAN,
            "model/edtf.py": "import re\n",
            "model/models.py": (
                "from aloe_cli.model import edtf\n"
                "def parse() -> None:\n    from aloe_cli.model import edtf\n"  # loaded with the module
                "def dump() -> None:\n    import json\n"  # says nothing
                "def build() -> None:\n    # start-up: only here\n    import csv\n    import zipfile\n"
                "def read() -> None:\n    import sqlite3  # start-up: only here\n"
                "def write() -> None:\n    import tomllib  # noqa: F401\n"  # a pragma says nothing
            ),
            "cli/application.py": "import typer\n",
            "cli/commands.py": (
                "from aloe_cli.cli import application\ndef run() -> None:\n    import difflib  # Click loaded it\n"
            ),
        },
    )
    assert function_import_faults(package, {"aloe_cli.cli.application": frozenset({"difflib"})}) == {
        "aloe_cli.model.models": [
            "aloe_cli.model.models:3 aloe_cli.model.edtf is loaded already",
            "aloe_cli.model.models:5 json: say why it is here",
            "aloe_cli.model.models:13 tomllib: say why it is here",
        ],
        "aloe_cli.cli.commands": ["aloe_cli.cli.commands:3 difflib is loaded already"],
    }


def modules_loaded_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by a run of `aloe ARGS` with its output piped, as a user starts it."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    script = (
        "import json, sys\n"
        "sys.argv = ['aloe', *sys.argv[2:]]\n"
        "from aloe_cli.launcher import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "with open(__import__('os').environ['LOADED_TO'], 'w') as f:\n    json.dump(sorted(sys.modules), f)\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "loaded.json"
        done = subprocess.run(
            [sys.executable, "-c", script, "-", *args],
            env={**os.environ, **(env or {}), "LOADED_TO": str(target)},
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0 and done.stdout, done.stderr
        return set(json.loads(target.read_text(encoding="utf-8")))


# Loaded by no listing command run piped: other commands' modules, other formats, drawing for people.
NOT_FOR_A_PIPED_LISTING = {
    "aloe_cli.exports",
    "aloe_cli.cli.publish",
    "aloe_cli.cli.explore",
    "aloe_cli.cli.catalogue",
    "aloe_cli.cli.dataset_commands",
    "aloe_cli.cli.formats",
    "aloe_cli.questions.search",
    "aloe_cli.questions.chart",
    "aloe_cli.questions.lineage",
    "aloe_cli.questions.record_detail",
    "aloe_cli.renderers.chart_svg",
    "aloe_cli.renderers.bibliography",
    "aloe_cli.model.schema",
    "aloe_cli.loading.validation",  # the bundled dataset is read from its snapshot, validated when built
    "aloe_cli.loading.yaml_loader",
    # Records are built from validated data without validating them again: Pydantic only validates.
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "sqlite3",
    "zipfile",
    "yaml",
    "rich",
}


def test_a_listing_loads_only_what_it_uses() -> None:
    loaded = modules_loaded_by("events", "--year", "2002")
    assert {"aloe_cli.cli.listings", "aloe_cli.renderers.table"} <= loaded  # the run really listed
    assert {name.partition(".")[0] if name.partition(".")[0] != "aloe_cli" else name for name in loaded} & (
        NOT_FOR_A_PIPED_LISTING
    ) == set()
    assert not any(name.startswith("aloe_cli.exports") for name in loaded)


def test_an_export_loads_its_own_module_only() -> None:
    loaded = modules_loaded_by("export", "--to", "markdown")
    assert "aloe_cli.exports.markdown" in loaded
    others = {
        "aloe_cli.exports.jsonld",
        "pydantic",
        "sqlite3",
        "zipfile",
    }
    assert loaded & others == set()


def test_a_dataset_read_from_its_cache_entry_is_not_validated_again(tmp_path: Path) -> None:
    """The second run on a dataset reads its cache entry: no YAML parsed, no Pydantic loaded."""
    from aloe_cli.loading.dataset import CACHE_THRESHOLD_BYTES
    from conftest import synthetic_yaml

    dataset = tmp_path / "mine.yaml"
    dataset.write_text(synthetic_yaml(1000), encoding="utf-8")
    assert dataset.stat().st_size > CACHE_THRESHOLD_BYTES  # large enough to be cached
    env = {"ALOE_CACHE_DIR": str(tmp_path / "cache")}
    arguments = ("--data", str(dataset), "events", "--year", "2002")
    first = modules_loaded_by(*arguments, env=env)
    assert {"pydantic", "aloe_cli.loading.validation"} <= first  # the first run validates, and caches
    again = modules_loaded_by(*arguments, env=env)
    assert "aloe_cli.loading.cache" in again
    assert {"pydantic", "pydantic_core", "yaml", "aloe_cli.loading.validation"} & again == set()
