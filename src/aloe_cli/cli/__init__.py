"""aloe's command line: `app` is the Typer application, `main` the console script."""

from __future__ import annotations

import os

from . import catalogue, dataset_commands, explore, listings, publish  # noqa: F401 - importing registers the commands
from .app import app


def main() -> None:
    """Run the `aloe` command (named so in usage lines and completion, also under `python -m`)."""
    # aloe uses no Pydantic plugin; looking for them reads every installed package's metadata
    # (about 13 ms at each start). A library user of aloe_cli keeps the default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="aloe")
