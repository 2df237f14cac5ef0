"""Where output goes: data to stdout, messages to stderr; colour only on a terminal that wants it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from .sanitize import printable

if TYPE_CHECKING:
    from rich.console import Console


def wants_color(stream: TextIO, no_color_flag: bool) -> bool:
    """Colour only on a terminal, and never with --no-color, NO_COLOR or TERM=dumb."""
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


@dataclass
class Output:
    """The two streams of a command, and whether they may carry colour."""

    no_color: bool = False

    def console(self) -> Console:
        """A Rich console on stdout that never reads markup or emoji codes in what it prints."""
        from rich.console import Console

        color = wants_color(sys.stdout, self.no_color)
        return Console(
            file=sys.stdout,
            color_system="auto" if color else None,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=False,
        )

    def width(self) -> int:
        """Columns available on stdout: the terminal's, or $COLUMNS, or 80 when piped."""
        import shutil

        return shutil.get_terminal_size((80, 24)).columns

    def emit(self, rendered: Any) -> None:
        """Print a renderer's result: text as is (JSON, CSV ... never through Rich), else via Rich."""
        if isinstance(rendered, str):
            sys.stdout.write(rendered)
        else:
            self.console().print(rendered)
        sys.stdout.flush()

    def note(self, message: str) -> None:
        """A message for the person, not the data: on stderr, with control characters neutralised."""
        sys.stderr.write(printable(message) + "\n")

    def error(self, message: str) -> None:
        """An error line: 'aloe: error: ...' on stderr."""
        prefix = "aloe: error: "
        if wants_color(sys.stderr, self.no_color):
            prefix = "\x1b[1;31maloe: error:\x1b[0m "
        sys.stderr.write(prefix + printable(message) + "\n")
