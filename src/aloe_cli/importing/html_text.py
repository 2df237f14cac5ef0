"""HTML from a timeline's text fields as plain text: words kept, markup dropped, links' addresses kept.

TimelineJS fields hold HTML. aloe stores plain text (every output escapes it again), so tags are read
with the standard library's `html.parser`, never copied: `<script>` and `<style>` contents are dropped,
entities become characters, paragraphs and line breaks become line breaks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section"}
)
_SKIPPED = frozenset({"script", "style", "template", "iframe", "object", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Control characters mean nothing in a timeline's text (a NUL, an escape): dropped, line breaks kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _TextCollector(HTMLParser):
    """Collects the text of a fragment, with a break at each block and `<br>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.pieces.append("\n")
        elif tag in _BLOCKS:
            self.pieces.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if href.startswith(("http://", "https://")) else None)
            self.pieces.append("\0link-start\0")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.pieces.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            start = len(self.pieces) - 1 - self.pieces[::-1].index("\0link-start\0")
            words = "".join(self.pieces[start + 1 :]).strip()
            self.pieces[start:] = [words + (f" ({href})" if href and href != words else "")]

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: paragraphs apart by a blank line, spaces in a line collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _tidy("".join(piece for piece in collector.pieces if piece != "\0link-start\0"))


def _tidy(text: str) -> str:
    text = _CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return "\n\n".join(paragraphs)
