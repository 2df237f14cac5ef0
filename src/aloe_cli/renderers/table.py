"""A listing as tables for people: one per group, the sources first cited under each, notes at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aloe_cli.renderers.apparatus import Apparatus
from aloe_cli.renderers.blocks import Block, Blocks, Column, Paragraph, Piece, Pieces, TableBlock
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Listing

WIDE_ENOUGH_FOR_ID_COLUMN = 120


def listing_tables(listing: Listing) -> Blocks:
    """Tables, one per group, each followed by the sources first cited in it; every cell literal text."""
    people = listing.for_people()
    return Blocks(lambda width: _listing_blocks(people, width))


def _listing_blocks(listing: Listing, width: int) -> list[Block]:
    """The listing laid out for a width: on a narrow screen the ids go under the titles."""
    apparatus = Apparatus(listing)
    disputes = [apparatus.claims(n) for n in listing.notes if n.disputed]  # numbered first
    agreeing = [apparatus.claims(n) for n in listing.notes if not n.disputed]
    listing = apparatus.with_column(listing)
    separate_ids = width >= WIDE_ENOUGH_FOR_ID_COLUMN or listing.columns[-1] != "ID"
    fixed = _id_widths(listing, width, separate_ids)
    headers = listing.columns if separate_ids else listing.columns[:-1]
    columns = []
    for position, header in enumerate(headers):
        if header == "ID":  # an id is copied whole into `aloe show`: never broken
            columns.append(Column(header, no_wrap=True, style="cyan"))
        elif separate_ids:
            columns.append(Column(header))
        elif position in fixed:
            columns.append(Column(header, width=fixed[position]))  # ids fit whole
        else:
            ratio = listing.widths[position] if position < len(listing.widths) else 1
            columns.append(Column(header, ratio=ratio))
    blocks: list[Block] = []
    sections: list[tuple[str | None, int, int]] = []  # group, first row, row after the last
    for row_number, row_group in enumerate(listing.groups):
        if not sections or row_group != sections[-1][0]:
            sections.append((row_group, row_number, row_number + 1))
        else:
            sections[-1] = (row_group, sections[-1][1], row_number + 1)
    for section_number, (group, first, end) in enumerate(sections):
        if section_number:
            blocks.append(Paragraph((("", ""),)))
        # On a wide screen the columns take the width their text needs, no more; on a narrow one they
        # share it by weight, the title column never narrower than the ids it carries.
        rows = [_table_row(listing, row_number, separate_ids) for row_number in range(first, end)]
        heading = group if group is not None else listing.title
        blocks.append(TableBlock(printable(heading), tuple(columns), rows, expand=not separate_ids))
        entries = apparatus.entries(range(first, end)) if apparatus.markers else ""
        if entries:
            blocks.append(Paragraph(((printable(entries), "dim"),)))
    if listing.legend:
        blocks.append(Paragraph(((printable(listing.legend), "dim"),)))
    if disputes:
        blocks.append(Paragraph((("Disputed dates (each claim with its own sources)", "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {dispute}" for dispute in disputes)), ""),)))
    if agreeing:
        blocks.append(Paragraph((("Dates given by several sources (each with its own)", "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {claims}" for claims in agreeing)), ""),)))
    return blocks


def _table_row(listing: Listing, row_number: int, separate_ids: bool) -> tuple[Pieces, ...]:
    """One row's cells as styled runs: search matches marked, the id under the title on narrow screens."""
    cells = listing.cells[row_number]
    marks = listing.marks[row_number] if listing.marks else {}
    row = [_marked(printable(cell), marks.get(column, ())) for column, cell in enumerate(cells)]
    if not separate_ids:
        row = row[:-1]
        title = listing.title_column
        row[title] = (*row[title], (f"\n{printable(cells[-1])}", "cyan"))
    return tuple(row)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> Pieces:
    """Text cut into runs, the marked spans (search matches) in bold reverse."""
    pieces: list[Piece] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            pieces.append((text[at:start], ""))
        pieces.append((text[start:end], "bold reverse"))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], ""))
    return tuple(pieces)


def _id_widths(listing: Listing, max_width: int, separate_ids: bool) -> dict[int, int]:
    """Columns that must be fixed at some width so that no id in them is broken: position -> width.

    A column holds ids when it is the title column with the ids under the titles, or one of the
    listing's `id_columns` (lists of ids). It is fixed only where its share of the width is too narrow.
    """
    columns = len(listing.columns) - (0 if separate_ids else 1)
    weights = [listing.widths[i] if i < len(listing.widths) else 1 for i in range(columns)]
    needed: dict[int, int] = {}
    for position in range(columns):
        if position == listing.title_column and not separate_ids:
            needed[position] = max((len(cells[-1]) for cells in listing.cells), default=0)
        elif position in listing.id_columns:
            words = (word for cells in listing.cells for word in cells[position].split())
            needed[position] = max((len(word) for word in words), default=0)
            needed[position] = max(needed[position], len(listing.columns[position]))  # and its header
    fixed: dict[int, int] = {}
    changed = True
    while changed:  # fixing one column narrows the others' shares: look again
        changed = False
        free = [p for p in range(columns) if p not in fixed]
        room = max_width - 2 * columns - sum(fixed.values())  # two cells of padding a column
        for position, longest in needed.items():
            share = room * weights[position] // max(sum(weights[p] for p in free), 1)
            if position not in fixed and share < longest + 1:  # Rich's rounding may give one cell less
                fixed[position] = min(longest, max_width * 2 // 3)
                changed = True
    return fixed
