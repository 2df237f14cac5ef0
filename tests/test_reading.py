"""What a reader sees (issue 24): tables and fields that read well at every width, sources told compactly."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from typer.testing import Result

Aloe = Callable[..., Result]

WIDTHS = (60, 80, 120, 200)
WIDEST = "500"  # nothing wraps: every word of the output whole, the vocabulary the narrow ones must keep
SCREENS = [
    ["timeline"],
    ["events"],
    ["workshops"],
    ["sources"],
    ["gaps"],
    *(
        ["list", kind]
        for kind in ("organisations", "people", "places", "eras", "series", "categories", "phases")
    ),
    ["search", "forum"],
    ["lineage"],
    *(["show", id] for id in ("findhorn-2001", "wsf-2006", "alliance-founded", "story", "wsse", "dakar")),
    *(
        ["show", id]
        for id in (
            "solidarity-finance",
            "wsse-becomes-aloe",
            "paul-singer",
            "world-social-forum",
            "gap-dakar-date",
        )
    ),
]
RULES = re.compile(r"[─│├└ ]+")


def words(text: str) -> set[str]:
    """The whitespace-separated words of text, the table rules and tree guides left out."""
    return {word for word in text.split() if not RULES.fullmatch(word)}


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_no_word_is_broken_and_no_address_split_at_any_width(aloe: Aloe, args: list[str]) -> None:
    """Every word at 60, 80, 120 and 200 columns is a word the unwrapped output has: none cut in two."""
    whole = aloe(*args, env={"COLUMNS": WIDEST})
    assert whole.exit_code == 0, whole.stderr
    vocabulary = words(whole.stdout)
    for width in WIDTHS:
        shown = aloe(*args, env={"COLUMNS": str(width)}).stdout
        broken = words(shown) - vocabulary
        assert not broken, f"{width} columns: {sorted(broken)[:5]}"
        addresses = [word for word in shown.split() if "http" in word]
        assert all(address in vocabulary for address in addresses), width
        too_wide = [line for line in shown.splitlines() if len(line) > width and "http" not in line]
        assert not too_wide, f"{width} columns: {too_wide[:2]}"
