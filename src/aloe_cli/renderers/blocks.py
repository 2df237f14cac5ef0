"""What aloe prints for people, described once, drawn two ways: by Rich on a terminal, as text in a pipe.

A renderer builds blocks (a paragraph, a table, a grid of fields, a tree); `Blocks.__rich_console__` hands
them to Rich, with colour, on a terminal; `Blocks.plain` lays them out without importing Rich, for pipes
and files, where no colour is shown and Rich's import and layout would be most of a run's time. Both
lay text out the same way: columns at the width their text needs, shrunk widest first when the line is
too narrow, words wrapped, a word longer than its column folded, never cut.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Piece = tuple[str, str]  # a run of text and its style ("" for none, "bold", "dim", "cyan"...)
Pieces = tuple[Piece, ...]


class Paragraph(NamedTuple):
    """Text wrapped to the width; its lines kept."""

    pieces: Pieces


class Column(NamedTuple):
    """One column of a table: a fixed width, a share of the width (narrow screens), or what its text needs."""

    header: str
    no_wrap: bool = False  # ids: never broken
    style: str = ""
    width: int | None = None
    ratio: int | None = None


class TableBlock(NamedTuple):
    """A titled table: a header, a rule, rows of cells (each cell a run of pieces, lines kept)."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Pieces, ...]]  # a row: one run of pieces a cell
    expand: bool = False  # take the whole width, shared by the columns' ratios


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
    listing go under the titles).
    """

    make: Callable[[int], list[Block]]

    def plain(self, width: int) -> str:
        """The document as plain text, lines at most `width` cells, no trailing spaces."""
        lines: list[str] = []
        for block in self.make(width):
            lines.extend(_plain_block(block, width))
        return "".join(line.rstrip() + "\n" for line in lines)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        """The same blocks, drawn by Rich (styles shown on a terminal)."""
        for block in self.make(options.max_width):
            yield _rich_block(block)


# Plain layout ----------------------------------------------------------------------------------------


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


def wrap(text: str, width: int, *, fold: bool = True) -> list[str]:
    """Text in lines of at most `width` cells: its own lines kept, words wrapped, long words folded.

    A line's indentation is kept on its first line; a wrapped line starts at its next word.
    """
    width = max(width, 1)
    out: list[str] = []
    for line in text.split("\n"):
        if not fold or cell_len(line) <= width:
            out.append(line)
            continue
        current = ""
        for spaced_word in _WORDS.findall(line):  # each word with the spaces before it
            if cell_len(current + spaced_word) <= width:
                current += spaced_word
                continue
            if current:
                out.append(current)
            word = spaced_word.lstrip(" ") if current else spaced_word
            while cell_len(word) > width:  # a word wider than the column: folded, never cut
                head, word = _split_at(word, width)
                out.append(head)
            current = word
        out.append(current)
    return out


_WORDS = re.compile(r" *[^ ]+")


def _split_at(word: str, width: int) -> tuple[str, str]:
    used = 0
    for position, char in enumerate(word):
        used += _char_cells(char)
        if used > width:
            return word[: max(position, 1)], word[max(position, 1) :]
    return word, ""


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def _text(pieces: Pieces) -> str:
    return "".join(text for text, _ in pieces)


def _plain_block(block: Block, width: int) -> list[str]:
    if isinstance(block, Paragraph):
        return wrap(_text(block.pieces), width)
    if isinstance(block, TableBlock):
        return _plain_table(block, width)
    if isinstance(block, FieldGrid):
        return _plain_grid(block, width)
    return _plain_tree(block, width)


TABLE_EDGES = 2  # a space at each end of a line
COLUMN_GAP = 3  # between two columns: a space of padding, the (blank) rule, a space of padding


def _plain_table(table: TableBlock, width: int) -> list[str]:
    cells = [[_text(row[i]) if i < len(row) else "" for i in range(len(table.columns))] for row in table.rows]
    widths = column_widths(table, cells, width)
    total = TABLE_EDGES + sum(widths) + COLUMN_GAP * (len(widths) - 1)
    lines = [*wrap(table.title, width), ""]

    def draw(row: list[str]) -> list[str]:
        wrapped = [
            wrap(text, widths[i], fold=not column.no_wrap)
            for i, (column, text) in enumerate(zip(table.columns, row, strict=True))
        ]
        height = max(len(column) for column in wrapped)
        return [
            " "
            + (" " * COLUMN_GAP).join(
                _pad(column[line] if line < len(column) else "", widths[i])
                for i, column in enumerate(wrapped)
            )
            for line in range(height)
        ]

    lines += draw([column.header for column in table.columns])
    lines.append(" " + "─" * (total - TABLE_EDGES))
    for row in cells:
        lines += draw(row)
    return [*lines, ""]


def column_widths(table: TableBlock, cells: list[list[str]], width: int) -> list[int]:
    """Each column's width: fixed, its ratio's share (expand), or its text's, the widest shrunk first.

    Lines never grow wider than `width` unless a column that is never wrapped (ids) needs it: where
    fixed columns leave the others too little room, they give way too, widest first.
    """
    room = width - TABLE_EDGES - COLUMN_GAP * (len(table.columns) - 1)
    natural = [
        max(
            cell_len(line)
            for text in [column.header, *(row[i] for row in cells)]
            for line in text.split("\n")
        )
        for i, column in enumerate(table.columns)
    ]
    widths = [c.width if c.width is not None else natural[i] for i, c in enumerate(table.columns)]
    wrappable = [i for i, c in enumerate(table.columns) if not c.no_wrap]
    if not table.expand:
        _narrow_widest(widths, [i for i in wrappable if table.columns[i].width is None], sum(widths) - room)
        return widths
    shared = [i for i, c in enumerate(table.columns) if c.width is None and c.ratio is not None]
    fixed = [i for i in wrappable if i not in shared]
    _narrow_widest(widths, fixed, sum(widths[i] for i in range(len(widths)) if i not in shared)
                   + MIN_SHARE * len(shared) - room)  # fmt: skip
    left = room - sum(w for i, w in enumerate(widths) if i not in shared)
    ratios = sum(table.columns[i].ratio or 1 for i in shared)
    for i in shared:
        ratio = table.columns[i].ratio or 1
        share = max(left * ratio // max(ratios, 1), 1)
        widths[i], left, ratios = share, left - share, ratios - ratio
    return widths


MIN_SHARE = 6  # the least a shared column keeps before the fixed ones give way


def _narrow_widest(widths: list[int], candidates: list[int], excess: int) -> None:
    """Take `excess` cells from the candidate columns, the widest first, none below one cell."""
    while excess > 0 and candidates:
        widest = max(widths[i] for i in candidates)
        if widest <= 1:
            return
        at_top = [i for i in candidates if widths[i] == widest]
        below = max([widths[i] for i in candidates if widths[i] < widest], default=1)
        step = min(widest - below, -(-excess // len(at_top)))
        for i in at_top:
            cut = min(step, excess)
            widths[i] -= cut
            excess -= cut


GRID_GAP = 2


def _plain_grid(grid: FieldGrid, width: int) -> list[str]:
    names = max((cell_len(name) for name, _ in grid.rows), default=0)
    room = max(width - names - GRID_GAP, 1)
    lines: list[str] = []
    for name, value in grid.rows:
        for number, line in enumerate(wrap(_text(value), room)):
            lines.append(_pad(name if number == 0 else "", names) + " " * GRID_GAP + line)
    return lines


def _plain_tree(root: TreeNode, width: int) -> list[str]:
    lines = wrap(_text(root.label), width)
    # Without recursion: a lineage may be thousands of links deep.
    stack: list[tuple[TreeNode, str, bool]] = [
        (child, "", i == len(root.children) - 1) for i, child in reversed(list(enumerate(root.children)))
    ]
    while stack:
        node, indent, last = stack.pop()
        wrapped = wrap(_text(node.label), width - len(indent) - 4)
        lines.append(indent + ("└── " if last else "├── ") + wrapped[0])
        under = indent + ("    " if last else "│   ")
        lines += [under + line for line in wrapped[1:]]
        stack.extend(
            (child, under, i == len(node.children) - 1)
            for i, child in reversed(list(enumerate(node.children)))
        )
    return lines


# Rich ------------------------------------------------------------------------------------------------


def _rich_text(pieces: Pieces, style: str = "") -> Any:
    from rich.text import Text  # Rich only on a terminal: piped output never loads it

    text = Text(style=style)
    for run, run_style in pieces:
        text.append(run, style=run_style or None)
    return text


def _rich_block(block: Block) -> Any:
    # Rich only on a terminal: piped output never loads it.
    from rich import box
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    if isinstance(block, Paragraph):
        return _rich_text(block.pieces)
    if isinstance(block, TableBlock):
        table = Table(title=Text(block.title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False, expand=block.expand)  # fmt: skip
        for column in block.columns:
            table.add_column(column.header, no_wrap=column.no_wrap, style=column.style or None,
                             overflow="ellipsis" if column.no_wrap else "fold",
                             width=column.width, ratio=column.ratio)  # fmt: skip
        for row in block.rows:
            table.add_row(*(_rich_text(cell) for cell in row))
        return table
    if isinstance(block, FieldGrid):
        grid = Table.grid(padding=(0, GRID_GAP))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in block.rows:
            grid.add_row(name, _rich_text(value))
        return grid
    tree = Tree(_rich_text(block.label), guide_style="dim")
    stack: list[tuple[Any, TreeNode]] = [(tree, child) for child in reversed(block.children)]
    while stack:
        parent, node = stack.pop()
        branch = parent.add(_rich_text(node.label))
        stack.extend((branch, child) for child in reversed(node.children))
    return tree
