"""aloe's command line: `app` is the Typer application, `main` the console script."""

from __future__ import annotations

from . import dataset_commands, explore, listings, publish  # noqa: F401 - importing registers the commands
from .app import app


def main() -> None:
    """Run the `aloe` command (named so in usage lines and completion, also under `python -m`)."""
    app(prog_name="aloe")
