"""What a reader sees (issue 24): tables and fields that read well at every width, sources told compactly."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from typer.testing import Result

from aloe_cli.renderers.blocks import Blocks, Paragraph, linked
from conftest import run_in_terminal

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


def apparatus_share(text: str) -> float:
    """The share of the lines that are not tables: the sources, the notes on dates, the legend.

    A table's lines start with a space (its edge); its title is the line before a blank line and
    a header; blank lines are neither.
    """
    lines = text.splitlines()
    titles = {n for n in range(len(lines) - 2) if not lines[n + 1] and lines[n + 2].startswith(" ")}
    told = [n for n, line in enumerate(lines) if line and not line.startswith(" ") and n not in titles]
    return len(told) / len(lines)


def test_the_timelines_apparatus_is_a_quarter_of_it_on_a_terminal_with_links(aloe: Aloe) -> None:
    """At 80 columns: each document once, its places lettered; the notes on dates beside their table.

    On a terminal that shows links the titles link to the addresses (<= 25 % of the lines); a pipe
    prints each title and its full address (<= 33 %, from 40 % before issue 24).
    """
    raw = run_in_terminal(["--no-pager", "timeline"], env={"ALOE_HYPERLINKS": "1"}).decode()
    assert "\x1b]8;id=" in raw and "\x1b]8;;\x1b\\" in raw  # OSC 8 links, each closed
    shown = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\|\x1b\[[0-9;?]*[a-zA-Z]", "", raw.replace("\r", ""))
    assert "https://aloe.socioeco.org" not in shown  # the title links there: the address unprinted
    assert "[6] A story...: 6a ¶2, 6b ¶3" in shown
    assert apparatus_share(shown) <= 0.25
    piped = aloe("timeline", env={"COLUMNS": "80"}).stdout
    assert apparatus_share(piped) <= 0.33
    assert piped.count("page63-histoire_en.html") == 1  # the story once, each place in it a letter
    assert "[6] A story... <https://aloe.socioeco.org/page63-histoire_en.html>: 6a ¶2, 6b" in piped
    assert " 1993–1995," in piped  # the span the disputed claims cover, not the first claim's year
    assert "A. alliance-founded, disputed: 1993 [2] (our reading); 1994 [3];" in piped
    assert "see below" not in piped


def test_a_link_never_carries_an_escape_from_the_data() -> None:
    """Only a plain http(s) address becomes a link: nothing in it can end the escape sequence."""
    assert linked("t", "https://example.org/a?b=1") == "link=https://example.org/a?b=1"
    for hostile in ("https://x.org/\x1b]8;;\x1b\\evil", "javascript:alert(1)", "https://x.org/a b", None):
        assert linked("t", hostile) == ""
    import io

    from rich.console import Console

    for address, links in (("https://x.org/\x07", 0), ("https://x.org/ok", 1)):
        document = Blocks(
            lambda width, a=address: [Paragraph((("title", linked("title", a)),))], hyperlinks=True
        )
        painted = io.StringIO()
        Console(file=painted, force_terminal=True, width=80).print(document, crop=False)
        assert "\x07" not in painted.getvalue() and painted.getvalue().count("\x1b]8;id=") == links
