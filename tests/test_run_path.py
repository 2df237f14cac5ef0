"""The run path imports only what it needs: no Rich for plain output, no Pydantic validator per option.

The timings themselves are BENCHMARKS.md's (never asserted here); these tests hold the design that makes
them: which modules a run loads, and that the plain layout reads like the terminal one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from enum import Enum

import pytest

from aloe_cli.cli.coercion import plain_value
from aloe_cli.renderers.blocks import (
    Blocks,
    Column,
    FieldGrid,
    Paragraph,
    TableBlock,
    TreeNode,
    cell_len,
    wrap,
)
from conftest import run_in_terminal

PROBE = """
import json, sys
sys.argv = ["aloe", *json.loads(sys.argv[1])]
from aloe_cli.launcher import main
try:
    main()
finally:
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def modules_loaded_by(*args: str) -> set[str]:
    """The modules a run of `aloe ARGS` loaded, its stdout a pipe."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.rsplit("MODULES ", 1)[1]))


PIPED_COMMANDS = [
    ("timeline",),
    ("events", "--year", "2002", "--format", "json"),
    ("workshops", "--category", "regulation", "--format", "csv"),
    ("show", "dakar-2005"),
    ("lineage",),
    ("search", "findhorn"),
    ("gaps",),
    ("chart",),
    ("--lang", "fr", "timeline", "--from", "2001", "--to", "2003", "--match", "contained"),
]


@pytest.mark.parametrize("args", PIPED_COMMANDS, ids=" ".join)
def test_piped_output_loads_no_rich_and_no_option_validator(args: tuple[str, ...]) -> None:
    loaded = modules_loaded_by(*args)
    assert not any(name == "rich" or name.startswith("rich.") for name in loaded)
    # Typer builds its Pydantic converters in typer._adapters; aloe reads its options' values itself.
    assert "typer._adapters" not in loaded


def test_a_value_that_does_not_read_plainly_gets_typers_own_message(aloe) -> None:  # type: ignore[no-untyped-def]
    result = aloe("timeline", "--from", "1_999")
    assert result.exit_code == 0  # Typer reads it (as Python does), not aloe: the same answer as before
    result = aloe("timeline", "--from", "nineteen")
    assert result.exit_code == 2 and "give a whole number" in result.stderr
    result = aloe("timeline", "--format", "TABLE")
    assert result.exit_code == 0  # Typer takes a choice in any case: so does aloe
    result = aloe("timeline", "--format", "tabel")
    # A choice is aloe's to word (issue 24): the choices and the closest, no "Value error".
    assert result.exit_code == 2 and "'tabel' is not one of table, json," in result.stderr
    assert "did you mean 'table'?" in result.stderr and "Value error" not in result.stderr


class Colour(Enum):
    red = "red"


@pytest.mark.parametrize(
    ("annotation", "value", "expected"),
    [
        (str, "x", (True, "x")),
        (str | None, "x", (True, "x")),
        (int, "-12", (True, -12)),
        (int, "1_000", (False, None)),  # Pydantic's reading, not ours: Typer decides
        (int, "١٢", (False, None)),  # digits of another script: likewise
        (int, True, (False, None)),
        (bool, False, (True, False)),
        (Colour, "red", (True, Colour.red)),
        (Colour, "RED", (True, Colour.red)),  # a choice in any case
        (Colour, Colour.red, (True, Colour.red)),
        (list[str], ("a", "b"), (True, ["a", "b"])),
        (list[int], ("1", "x"), (False, [1, None])),
        (float, "1.5", (False, None)),
    ],
)
def test_plain_values(annotation: object, value: object, expected: tuple[bool, object]) -> None:
    read, result = plain_value(annotation, value)
    assert read == expected[0]
    if read:
        assert result == expected[1] and type(result) is type(expected[1])


def test_wrap_keeps_indentation_and_addresses_folds_long_words_and_counts_wide_characters() -> None:
    assert wrap("  a source — its title", 12) == ["  a source —", "its title"]
    assert wrap("wordswordswords", 10) == ["wordswords", "words"]  # only a word wider than the line
    assert wrap("see <https://example.org/a/long/path> now", 10) == [  # an address: whole, on its own line
        "see",
        "<https://example.org/a/long/path>",
        "now",
    ]
    assert wrap("中文中文 ab", 6) == ["中文中", "文 ab"]
    assert all(cell_len(line) <= 6 for line in wrap("中文中文中文中文 and more", 6))
    assert wrap("one\n\ntwo", 10) == ["one", "", "two"]


def test_plain_blocks_fit_the_width_and_keep_every_word() -> None:
    words = ["the", "Dakar", "meeting", "where", "ALOE", "takes", "shape"]
    table = TableBlock(
        "Title",
        (Column("Date", ratio=1), Column("What", ratio=3), Column("ID", no_wrap=True)),
        [(((" ".join(words), ""),), ((" ".join(words * 3), ""),), (("dakar-2005", ""),))],
        expand=True,
    )
    tree = TreeNode((("root", ""),))
    tree.add(((" ".join(words * 2), ""),)).add((("leaf", ""),))
    document = Blocks(
        lambda width: [table, Paragraph(((" ".join(words), "dim"),)), FieldGrid([("ID", (("x", ""),))]), tree]
    )
    for width in (40, 60, 80, 200):
        text = document.plain(width)
        assert all(cell_len(line) <= width for line in text.splitlines()), width
        assert "dakar-2005" in text and text.split().count("ALOE") == 1 + 3 + 1 + 2
        assert "└── " in text and "    └── leaf" in text
        assert not any(line.endswith(" ") for line in text.splitlines())


@pytest.mark.parametrize(
    "args", [["timeline", "--to", "1998"], ["show", "dakar-2005"], ["lineage"]], ids=" ".join
)
def test_the_terminal_and_the_pipe_say_the_same(aloe, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Rich draws the blocks on a terminal, aloe's own layout in a pipe: the same text either way.

    Word by word where both lay text out the same way (fields, a tree); character by character for
    tables, whose columns the two may share out differently.
    """
    piped = aloe(*args).stdout
    shown = run_in_terminal(["--no-pager", *args]).decode().replace("\r", "")
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", shown)
    if args[0] == "timeline":
        assert Counter("".join(piped.split())) == Counter("".join(shown.split()))
    else:
        assert piped.split() == shown.split()
