"""aloe's command line: `app` is the Typer application with every command; `run` runs the `aloe` command.

Every other module of this package (but `application`, `coercion`, `formats`, `options` and `output`)
holds commands and registers them by being imported. `app` has them all (for a library and the tests); a
run of `aloe COMMAND` imports only the module that holds COMMAND, which saves a tenth of its start-up.
The modules that declare commands (and `application`, for the global options) write their annotations as
objects, not `from __future__ import annotations`: Typer reads the signature of the command a run calls,
and would compile and evaluate each annotation given as text.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
from typing import Any

# The module of each command, read before any is imported. `tests/test_architecture.py` checks it
# against the commands the modules register: a new command missing here fails there.
COMMAND_MODULES = {
    "timeline": "listings", "events": "listings", "workshops": "listings",
    "sources": "catalogue", "gaps": "catalogue", "list": "catalogue",
    "lineage": "explore", "show": "explore", "search": "explore", "chart": "explore",
    "export": "publish", "validate": "dataset_commands", "schema": "dataset_commands",
    "import": "chronology", "new": "chronology",
}  # fmt: skip
NOT_COMMAND_MODULES = frozenset({"application", "coercion", "formats", "options", "output"})


def __getattr__(name: str) -> Any:
    """`app`: the application with every command module imported."""
    if name != "app":
        raise AttributeError(name)
    return with_every_command()


def with_every_command() -> Any:
    """The application, every command module imported (so registered)."""
    from aloe_cli.cli.application import app  # start-up: reading COMMAND_MODULES loads no Typer

    for module in sorted(os.listdir(os.path.dirname(__file__))):  # the folder itself: none forgotten
        stem = module[:-3]
        if module.endswith(".py") and not module.startswith("_") and stem not in NOT_COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{stem}")
    return app


def run() -> None:
    """Run the `aloe` command (named so in usage lines and completion, also under `python -m`)."""
    # aloe uses no Pydantic plugin; looking for them reads every installed package's metadata (about
    # 13 ms of a run that validates a file: reading runs never load Pydantic). A library user keeps the
    # default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from aloe_cli.cli.application import app, command_position  # after the setting above

    args = sys.argv[1:]
    position = command_position(args)
    command = args[position] if position is not None else None
    if command not in COMMAND_MODULES or "_ALOE_COMPLETE" in os.environ:
        with_every_command()(prog_name="aloe")  # help, completion, an unknown command: all of them
        return
    importlib.import_module(f"{__name__}.{COMMAND_MODULES[command]}")
    one = copy.copy(app)  # the application with this command alone: Typer builds only its options
    one.registered_commands = [c for c in app.registered_commands if _name(c) == command]
    one(prog_name="aloe")


def _name(command: Any) -> str:
    return str(command.name or command.callback.__name__)
