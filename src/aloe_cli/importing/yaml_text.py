"""A dataset as YAML text, written by hand in aloe's block style: fast, streaming, every scalar safe.

PyYAML's pure-Python emitter takes about a minute for a 100,000-row import; this one writes the few
shapes a dataset has (mappings, lists, text) in one pass. A scalar is written plain only when no YAML
reader could take it for anything but that text; any other is double-quoted, with JSON's escapes (a
double-quoted YAML scalar reads them the same) and every character YAML may not carry raw escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

# Plain only if it starts with a letter and holds letters, digits and a few marks no YAML reader
# treats specially; and it is not one of YAML 1.1's words for true, false or nothing.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,()'/-]*")
_SPECIAL_WORDS = frozenset(["y", "yes", "n", "no", "true", "false", "on", "off", "null"])
# What YAML cannot hold raw in a double-quoted scalar, or would read as a line break (NEL, LS, PS).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def scalar(text: str, *, in_flow: bool = False) -> str:
    """One scalar, plain where that is safe, else double-quoted (in `[a, b]`, a comma is not safe)."""
    plain = _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL_WORDS and not text.endswith(" ")
    if plain and not (in_flow and "," in text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match[0]):04x}", quoted)


def _is_short_list(value: list[Any]) -> bool:
    return all(isinstance(item, str) for item in value)


def lines_of(value: dict[str, Any], indent: int = 0) -> Iterator[str]:
    """The lines of a mapping in block style (lists of text in flow style: `[a, b]`)."""
    pad = " " * indent
    for key, item in value.items():
        if item is None or item in ([], {}):
            continue
        if isinstance(item, str):
            yield f"{pad}{key}: {scalar(item)}\n"
        elif isinstance(item, list) and _is_short_list(item):
            yield f"{pad}{key}: [{', '.join(scalar(text, in_flow=True) for text in item)}]\n"
        elif isinstance(item, list):
            yield f"{pad}{key}:\n"
            yield from list_lines(item, indent + 2)
        elif isinstance(item, dict):
            yield f"{pad}{key}:\n"
            yield from lines_of(item, indent + 2)
        else:
            raise TypeError(f"{key}: {type(item).__name__} is not text, a list or a mapping")


def list_lines(items: Iterable[dict[str, Any]], indent: int) -> Iterator[str]:
    """A list of mappings: each item's first line after `- `, the rest under it."""
    pad = " " * indent
    for item in items:
        first = True
        for line in lines_of(item, indent + 2):
            yield (pad + "- " + line[indent + 2 :]) if first else line
            first = False
