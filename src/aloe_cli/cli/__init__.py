"""aloe's command line: `app` is the Typer application, `run` runs it as the `aloe` command."""

from __future__ import annotations

import importlib
import os
import pkgutil

from aloe_cli.cli.app import app

# Every module of this package holds commands: importing it registers them, so a new module cannot be
# forgotten in a hand-written list.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


def run() -> None:
    """Run the `aloe` command (named so in usage lines and completion, also under `python -m`)."""
    # aloe uses no Pydantic plugin; looking for them reads every installed package's metadata
    # (about 13 ms at each start). A library user of aloe_cli keeps the default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="aloe")
