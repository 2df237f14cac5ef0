"""Text pictures as standalone SVG: every run of characters placed at its own column."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

CHAR_WIDTH, LINE_HEIGHT, FONT_SIZE, MARGIN = 8.4, 18, 14, 12
# Runs of characters between spaces are placed one by one, with their width fixed by textLength, so
# columns line up whatever monospace font (or fallback font for ━ ◀ ●) the viewer has.
_RUN = re.compile(r"\S+(?: \S+)*")


def text_to_svg(picture: str, title: str) -> str:
    """An SVG of monospaced text, dark on light, readable without colour."""
    lines = picture.rstrip("\n").splitlines()
    columns = max((len(line) for line in lines), default=1)
    width = 2 * MARGIN + columns * CHAR_WIDTH
    height = 2 * MARGIN + (len(lines) + 1) * LINE_HEIGHT
    label = escape(title, {'"': "&quot;"})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{label}">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" '
        f'font-size="{FONT_SIZE}" fill="#1a1a1a" xml:space="preserve">',
    ]
    for number, line in enumerate(lines):
        y = MARGIN + (number + 1) * LINE_HEIGHT
        for run in _RUN.finditer(line):
            x = MARGIN + run.start() * CHAR_WIDTH
            length = len(run.group()) * CHAR_WIDTH
            parts.append(
                f'<text x="{x:.1f}" y="{y}" textLength="{length:.1f}" lengthAdjust="spacingAndGlyphs">'
                f"{escape(run.group())}</text>"
            )
    parts += ["</g>", "</svg>"]
    return "\n".join(parts) + "\n"
