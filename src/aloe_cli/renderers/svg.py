"""Text pictures saved as SVG, through Rich's console recording."""

from __future__ import annotations

import io


def text_to_svg(picture: str, title: str) -> str:
    """An SVG of monospaced text, as wide as its longest line."""
    from rich.console import Console
    from rich.text import Text

    width = max((len(line) for line in picture.splitlines()), default=1)
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None, highlight=False)
    console.print(Text(picture), end="")
    return console.export_svg(title=title)
