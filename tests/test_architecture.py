"""The code's shape: no import circle in src/aloe_cli (imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "aloe_cli"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(path: Path) -> set[str]:
    """The aloe_cli modules a module imports when it runs (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    type_checking = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_checking:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("aloe_cli"):
                continue
            for (
                alias
            ) in node.names:  # `from . import views` names a module; `from .views import x` its module
                candidate = f"{base}.{alias.name}"
                found.add(
                    candidate
                    if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                    else base
                )
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("aloe_cli"))
    return found - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {m for m in runtime_imports(path) if m in modules} for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
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


def test_the_import_graph_has_no_circle() -> None:
    graph = import_graph()
    assert graph.get("aloe_cli.evidence.kind_listings")  # the graph was really read
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_every_export_format_has_its_exporter_and_no_other() -> None:
    from aloe_cli.exports import EXPORTERS, ExportFormat, exporter

    assert set(EXPORTERS) == set(ExportFormat)
    for output_format in ExportFormat:
        made = exporter(output_format)
        assert callable(made.make) and made.default_name


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


# The layers, lowest first: a module may import its own layer and the layers below it, never above.
LAYERS = (
    ("aloe_cli", "aloe_cli.errors", "aloe_cli.sanitize", "aloe_cli.kinds", "aloe_cli.files"),
    ("aloe_cli.model",),
    ("aloe_cli.loading",),
    ("aloe_cli.presentation",),
    ("aloe_cli.questions",),
    ("aloe_cli.evidence",),
    ("aloe_cli.renderers", "aloe_cli.exports", "aloe_cli.session"),
    ("aloe_cli.cli",),
    ("aloe_cli.launcher", "aloe_cli.__main__"),
)


def layer_of(module: str) -> int:
    """The layer a module belongs to: the most specific prefix listed in LAYERS."""
    best = (-1, -1)
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), rank))
    assert best[1] >= 0, f"{module} is in no layer: add it to LAYERS"
    return best[1]


def test_imports_only_go_down_the_layers() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []
