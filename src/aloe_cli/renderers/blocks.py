"""What aloe prints for people, described once, laid out once, painted two ways.

A renderer builds blocks (a paragraph, a table, a grid of fields, a tree); `Blocks.lines` lays them out
for a width as lines of styled runs. `Blocks.plain` joins the runs' text, for pipes and files;
`Blocks.painted` writes the same runs with their styles as terminal codes (and, on a terminal that shows
them, sources' titles as hyperlinks). Neither imports Rich: aloe lays out every line itself, so painting
is only a code per style word, and a terminal run does not pay for Rich's import (13 ms) and drawing.
So a terminal and a pipe show the same words at the same places.

The layout's promises: words are wrapped at spaces, never broken inside where the width allows it
(a table whose columns can't each hold their longest word is shown record by record instead); a web
address is never broken at all, even where it is wider than the screen, so that it can be copied.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

Piece = tuple[str, str]  # a run of text and its style ("" for none, "bold", "dim", "cyan"...)
Pieces = tuple[Piece, ...]

# Two style words of aloe's own, beside the colours': "link=URL" makes a run a hyperlink on a terminal that
# shows them; ADDRESS marks a run (" <https://...>") that such a terminal need not show, the link
# saying it. A pipe shows every run and no link.
LINK_PREFIX = "link="
ADDRESS = "address"
TITLE = "title"  # a run shown only where the terminal shows links (a linked title in place of ADDRESS)
SAFE_URL = re.compile(r"https?://[!-~]+")  # printable ASCII only: nothing that could end the escape


def linked(title: str, url: str | None) -> str:
    """The style that makes `title` a hyperlink to `url` (none where the URL is not plain http(s))."""
    return f"{LINK_PREFIX}{url}" if url and SAFE_URL.fullmatch(url) else ""


class Paragraph(NamedTuple):
    """Text wrapped to the width; its lines kept."""

    pieces: Pieces


class Column(NamedTuple):
    """One column of a table: a fixed width, or what its text needs, never less than its longest word."""

    header: str
    no_wrap: bool = False  # ids: never broken
    style: str = ""
    width: int | None = None
    ratio: int | None = None  # how much of any room left over the column takes, beside the others


class TableBlock(NamedTuple):
    """A titled table: a header, a rule, rows of cells (each cell a run of pieces, lines kept)."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Pieces, ...]]  # a row: one run of pieces a cell
    expand: bool = False  # kept for callers; the layout gives each column what its text needs
    stacked: bool = False  # record by record even where it fits (a listing keeps one layout)


class FieldGrid(NamedTuple):
    """Two columns without rules: names on the left (bold, whole), values on the right (wrapped)."""

    rows: Sequence[tuple[str, Pieces]]


@dataclass
class TreeNode:
    """A tree: a label and the nodes under it."""

    label: Pieces
    children: list[TreeNode] = field(default_factory=list)

    def add(self, label: Pieces) -> TreeNode:
        """A new child, returned so that children can be added under it."""
        child = TreeNode(label)
        self.children.append(child)
        return child


Block = Paragraph | TableBlock | FieldGrid | TreeNode


class Blocks(NamedTuple):
    """A document for people: blocks one under another, each laid out for the width it is given.

    `make(width)` builds the blocks: what fits depends on the width (on a narrow screen the ids of a
    listing go under the titles). `hyperlinks`: the terminal shows OSC 8 links (set by the CLI).
    """

    make: Callable[[int], list[Block]]
    hyperlinks: bool = False

    def lines(self, width: int) -> Iterator[Pieces]:
        """The document as lines of styled runs, no trailing spaces."""
        for made in self.make(width):
            # A linked title or its address: only one of them is laid out.
            block = Paragraph(_shown(made.pieces, self.hyperlinks)) if isinstance(made, Paragraph) else made
            for line in _block_lines(block, width):
                yield _rstrip(line)

    def plain(self, width: int) -> str:
        """The document as plain text, every address in full; lines at most `width` but for addresses."""
        return "".join(_text(line) + "\n" for line in self.lines(width))

    def painted(self, width: int) -> str:
        """The document for a colour terminal: the plain layout, each run's style as an SGR code."""
        return "".join(
            "".join(_in_colour(text, style, self.hyperlinks) for text, style in line) + "\n"
            for line in self.lines(width)
        )


def _shown(pieces: Pieces, hyperlinks: bool) -> Pieces:
    """The runs shown: a linked title where the terminal shows links, its address everywhere else."""
    hidden = ADDRESS if hyperlinks else TITLE
    return tuple(piece for piece in pieces if hidden not in piece[1].split())


# The style words aloe's renderers use (and the other basic ones), as SGR parameters.
SGR_CODES = {
    "bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7",
    "black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36",
    "white": "37",
}  # fmt: skip


def _link_of(words: list[str]) -> str | None:
    """The address a run's style words link it to (set by `linked`), or None."""
    return next((word[len(LINK_PREFIX) :] for word in words if word.startswith(LINK_PREFIX)), None)


def _in_colour(text: str, style: str, hyperlinks: bool) -> str:
    """One run for a colour terminal: its style words as one SGR code, its link as an OSC 8 hyperlink."""
    words = style.split()
    codes = ";".join(SGR_CODES[word] for word in words if word in SGR_CODES)
    shown = f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text
    link = _link_of(words)
    if link and hyperlinks:  # `linked` lets only a printable http(s) address become a link
        shown = f"\x1b]8;;{link}\x1b\\{shown}\x1b]8;;\x1b\\"
    return shown


# Layout ----------------------------------------------------------------------------------------------


def cell_len(text: str) -> int:
    """How many terminal cells text takes: wide (East Asian) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    # Only the characters beyond ASCII can differ from one cell each: found in C, weighed once each.
    return len(text) + sum(_char_cells(char) - 1 for char in _NON_ASCII.findall(text))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def is_address(word: str) -> bool:
    """A web address (in <brackets> or not): never broken, whatever the width."""
    return word.lstrip("<(").startswith(("http://", "https://"))


def wrap(text: str, width: int, *, fold: bool = True) -> list[str]:
    """Text in lines of at most `width` cells: its own lines kept, words wrapped, long words folded.

    A line's indentation is kept on its first line; a wrapped line starts at its next word. A web
    address is never folded: it stands whole on a line of its own, wider than `width` if it must.
    """
    return [text[start:end] for start, end in _spans(text, width, fold)]


def longest_word(text: str) -> int:
    """The cells of the widest word in text: the narrowest a column can be without breaking one."""
    return max((cell_len(word) for word in _SPACES.split(text)), default=0)


_SPACES = re.compile(r"[ \n]+")  # not a no-break space: what it joins stays together


_WORDS = re.compile(r" *[^ ]+")


def _spans(text: str, width: int, fold: bool) -> list[tuple[int, int]]:
    """Where each wrapped line of text starts and ends."""
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    base = 0
    for line in text.split("\n"):
        if not fold or cell_len(line) <= width:
            spans.append((base, base + len(line)))
            base += len(line) + 1
            continue
        start = end = -1  # the line being filled; -1: none yet
        used = 0
        for match in _WORDS.finditer(line):
            cells = cell_len(match.group())
            if start >= 0 and used + cells <= width:
                end, used = match.end(), used + cells
                continue
            spaces = 0 if start < 0 else len(match.group()) - len(match.group().lstrip(" "))  # indent kept
            if start >= 0:
                spans.append((base + start, base + end))
            start = match.start() + spaces
            end = match.end()
            word = line[start:end]
            used = cell_len(word)
            if used > width and not is_address(word):  # wider than the column: folded, in one pass
                first = start
                cuts, used = _folds(word, width)
                for cut in cuts:  # where each full piece of the word ends
                    spans.append((base + start, base + first + cut))
                    start = first + cut
        spans.append((base + max(start, 0), base + max(end, 0)))
        base += len(line) + 1
    return spans


def _folds(word: str, width: int) -> tuple[list[int], int]:
    """Where a word wider than `width` is cut, and the cells of its last piece (one pass, however long).

    Each piece holds as many characters as fit, at least one.
    """
    cuts: list[int] = []
    used = piece_start = 0
    for position, char in enumerate(word):
        cells = 1 if char.isascii() else _char_cells(char)
        if position > piece_start and used + cells > width:
            cuts.append(position)
            used, piece_start = 0, position
        used += cells
    return cuts, used


def wrap_pieces(pieces: Pieces, width: int, *, fold: bool = True, style: str = "") -> list[Pieces]:
    """Styled text wrapped as `wrap` does, each line's runs keeping their styles (unstyled ones `style`)."""
    lines: list[Pieces] = []
    first, first_at = 0, 0  # the first run that may meet the next line, and where it starts
    for start, end in _spans(_text(pieces), width, fold):  # lines in order: the runs are walked once
        while first < len(pieces) and first_at + len(pieces[first][0]) <= start:
            first_at += len(pieces[first][0])
            first += 1
        found: list[Piece] = []
        index, at = first, first_at
        while index < len(pieces) and at < end:
            run, run_style = pieces[index]
            low, high = max(start, at), min(end, at + len(run))
            if low < high:
                found.append((run[low - at : high - at], run_style or style))
            at += len(run)
            index += 1
        lines.append(tuple(found))
    return lines


def _text(pieces: Pieces) -> str:
    return "".join(text for text, _ in pieces)


def _rstrip(line: Pieces) -> Pieces:
    runs = list(line)
    while runs and not runs[-1][0].rstrip(" "):
        runs.pop()
    if runs:
        runs[-1] = (runs[-1][0].rstrip(" "), runs[-1][1])
    return tuple(runs)


def _padded(line: Pieces, width: int) -> Pieces:
    return (*line, (" " * (width - cell_len(_text(line))), ""))


def _block_lines(block: Block, width: int) -> list[Pieces]:
    if isinstance(block, Paragraph):
        return wrap_pieces(block.pieces, width)
    if isinstance(block, TableBlock):
        return _table_lines(block, width)
    if isinstance(block, FieldGrid):
        return _grid_lines(block, width)
    return _tree_lines(block, width)


TABLE_EDGES = 2  # a space at each end of a line
COLUMN_GAP = 3  # between two columns: a space of padding, the (blank) rule, a space of padding


def _table_lines(table: TableBlock, width: int) -> list[Pieces]:
    widths = None if table.stacked else column_widths(table, cell_texts(table), width)
    if widths is None:  # some column can't hold its longest word: record by record instead
        return _stacked_lines(table, width)
    total = TABLE_EDGES + sum(widths) + COLUMN_GAP * (len(widths) - 1)
    lines = [*wrap_pieces(((table.title, "bold"),), width), ()]
    gap: Piece = (" " * COLUMN_GAP, "")

    def draw(row: Sequence[Pieces], header: bool = False) -> list[Pieces]:
        wrapped = [
            wrap_pieces(cell, widths[i], fold=not column.no_wrap, style="bold" if header else column.style)
            for i, (column, cell) in enumerate(zip(table.columns, row, strict=True))
        ]
        height = max(len(column) for column in wrapped)
        drawn: list[Pieces] = []
        for number in range(height):
            line: list[Piece] = [(" ", "")]
            for i, column in enumerate(wrapped):
                if i:
                    line.append(gap)
                line.extend(_padded(column[number] if number < len(column) else (), widths[i]))
            drawn.append(tuple(line))
        return drawn

    lines += draw([((column.header, ""),) for column in table.columns], header=True)
    lines.append(((" " + "─" * (total - TABLE_EDGES), "dim"),))
    for row in table.rows:
        lines += draw([row[i] if i < len(row) else () for i in range(len(table.columns))])
    return [*lines, ()]


def cell_texts(table: TableBlock) -> list[list[str]]:
    """Each row's cells as plain text, one a column."""
    return [[_text(row[i]) if i < len(row) else "" for i in range(len(table.columns))] for row in table.rows]


def fits(table: TableBlock, width: int) -> bool:
    """Whether the table's columns can each hold their longest word in this width."""
    return column_widths(table, cell_texts(table), width) is not None


def _stacked_lines(table: TableBlock, width: int) -> list[Pieces]:
    """A table too wide for the screen, record by record: each cell under its column's name."""
    lines = [*wrap_pieces(((table.title, "bold"),), width), ()]
    for row in table.rows:
        fields = [
            (column.header, tuple((text, style or column.style) for text, style in cell))
            for column, cell in zip(table.columns, row, strict=False)
            if _text(cell).strip()
        ]
        lines += [*_grid_lines(FieldGrid(fields), width, indent=1), ()]
    return lines


def column_widths(table: TableBlock, cells: list[list[str]], width: int) -> list[int] | None:
    """Each column's width, or None where the columns can't each hold their longest word.

    A column takes what its text needs where all fit; else each keeps its longest word and the room
    left is shared by what each lacks (the long titles take most), as a web browser lays out a table.
    """
    room = width - TABLE_EDGES - COLUMN_GAP * (len(table.columns) - 1)
    texts = [[column.header, *(row[i] for row in cells)] for i, column in enumerate(table.columns)]
    natural = [max(cell_len(line) for text in column for line in text.split("\n")) for column in texts]
    least = [
        natural[i] if column.no_wrap else max(longest_word(text) for text in texts[i])
        for i, column in enumerate(table.columns)
    ]
    for i, column in enumerate(table.columns):
        if column.width is not None:
            natural[i] = least[i] = max(column.width, least[i])
    if sum(natural) <= room:
        return natural
    if sum(least) > room:
        return None
    widths = list(least)
    lacking = [natural[i] - least[i] for i in range(len(widths))]
    share = [lack * (table.columns[i].ratio or 1) for i, lack in enumerate(lacking)]
    left = room - sum(least)
    total = sum(share) or 1
    for i in range(len(widths)):
        widths[i] += min(lacking[i], left * share[i] // total)
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i], reverse=True):
        extra = min(spare, natural[i] - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


GRID_GAP = 2


def _grid_lines(grid: FieldGrid, width: int, indent: int = 0) -> list[Pieces]:
    names = max((cell_len(name) for name, _ in grid.rows), default=0)
    room = max(width - indent - names - GRID_GAP, 1)
    lines: list[Pieces] = []
    for name, value in grid.rows:
        for number, line in enumerate(wrap_pieces(value, room)):
            label = (" " * indent + (name if number == 0 else "")).ljust(indent + names)
            lines.append(((label, "bold"), (" " * GRID_GAP, ""), *line))
    return lines


def _tree_lines(root: TreeNode, width: int) -> list[Pieces]:
    lines = wrap_pieces(root.label, width)
    # Without recursion: a lineage may be thousands of links deep.
    stack: list[tuple[TreeNode, str, bool]] = [
        (child, "", i == len(root.children) - 1) for i, child in reversed(list(enumerate(root.children)))
    ]
    while stack:
        node, indent, last = stack.pop()
        wrapped = wrap_pieces(node.label, width - len(indent) - 4)
        lines.append(((indent + ("└── " if last else "├── "), "dim"), *wrapped[0]))
        under = indent + ("    " if last else "│   ")
        lines += [((under, "dim"), *line) for line in wrapped[1:]]
        stack.extend(
            (child, under, i == len(node.children) - 1)
            for i, child in reversed(list(enumerate(node.children)))
        )
    return lines
