"""aloe's command line: `app` is the Typer application, `run` runs it as the `aloe` command."""

from __future__ import annotations

import importlib
import os

from aloe_cli.cli.app import app

# Every module of this package holds commands: importing it registers them, so a new module cannot be
# forgotten in a hand-written list. The folder is listed directly: `pkgutil` costs 8 ms at each start.
for _name in sorted(os.listdir(os.path.dirname(__file__))):
    if _name.endswith(".py") and not _name.startswith("_"):
        importlib.import_module(f"{__name__}.{_name[:-3]}")


def run() -> None:
    """Run the `aloe` command (named so in usage lines and completion, also under `python -m`)."""
    # aloe uses no Pydantic plugin; looking for them reads every installed package's metadata
    # (about 13 ms at each start). A library user of aloe_cli keeps the default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="aloe")
