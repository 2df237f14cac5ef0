"""Making dataset text safe to show: control characters can never reach the terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that can make a
# terminal show text in another order than it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """The text with every terminal control character replaced by a visible stand-in."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def printable_line(text: str) -> str:
    """Printable text that stays one line: a newline or tab in it (a file name's, say) shown as ␊ or ␉."""
    return printable(text).replace("\n", "\u240a").replace("\t", "\u2409")


def one_line(text: str) -> str:
    """Printable text folded onto one line (for Markdown table cells and messages)."""
    return " ".join(printable(text).split())


# OWASP's rule for CSV meant for spreadsheets: a cell that starts like a formula is made text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet will not run: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def escape_markup(text: str) -> str:
    """Text safe inside an HTML or XML element or quoted attribute: what `html.escape` gives.

    Not `html.escape` itself: importing `html` loads its table of 2,231 named entities for `unescape`,
    about a millisecond of every export's start (a test checks the two agree).
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


# What XML 1.0 cannot hold at all, even escaped, beyond the controls `printable` shows as symbols.
_NOT_IN_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Dataset text safe inside an XML element or quoted attribute: markup escaped, controls shown as symbols.

    An SVG file with a control character (U+0001 ...) is not well-formed, and a browser shows none of it.
    """
    return escape_markup(_NOT_IN_XML.sub("\ufffd", printable(text)))


# Every character Markdown (CommonMark, GitHub's tables, footnotes and `$` math) reads as syntax; `&` too,
# so that no text becomes an HTML entity. A backslash makes each literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~&$])")
# What opens a list or a heading at the start of a line: `- x`, `1. x`, `2) x`, `= ` (a setext underline).
_MARKDOWN_LINE_START = re.compile(r"^(?:\d{1,9}[.)]|[-=])")


def markdown_text(text: str) -> str:
    """One line of dataset text as literal Markdown: printed as written, never emphasis, a link or HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda start: start.group()[:-1] + "\\" + start.group()[-1], escaped)


# What `json` writes raw with ensure_ascii=False though a terminal acts on it: DEL, C1 controls (U+009B
# starts an escape sequence), the bidirectional overrides. C0 controls `json` escapes itself.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_without_raw_controls(document: str) -> str:
    """JSON text with those characters as JSON escapes: the same JSON to any reader, inert on a terminal."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", document)
