"""A listing as tables for people: one per group, the sources first cited under each, notes at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aloe_cli.i18n import _
from aloe_cli.renderers.apparatus import Apparatus
from aloe_cli.renderers.blocks import Block, Blocks, Column, Paragraph, Piece, Pieces, TableBlock
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.evidence.views import ColumnSpec, Listing, Row

WIDE_ENOUGH_FOR_ID_COLUMN = 120


def listing_tables(listing: Listing) -> Blocks:
    """Tables, one per group, each followed by the sources first cited in it; every cell literal text."""
    rows = listing.rows
    return Blocks(lambda width: _listing_blocks(listing, rows, width))


def _listing_blocks(listing: Listing, rows: list[Row], width: int) -> list[Block]:
    """The listing laid out for a width: on a narrow screen the ids go under the titles."""
    apparatus = Apparatus(rows, listing.show_sources)
    disputes, agreeing = apparatus.notes(rows)  # numbered before the table's own sources
    specs, rows = apparatus.with_column(listing.columns, rows)
    has_id_column = specs[-1].holds == "id"
    separate_ids = width >= WIDE_ENOUGH_FOR_ID_COLUMN or not has_id_column
    fixed = _id_widths(specs, rows, listing.title_column, width, separate_ids)
    columns = []
    for position, spec in enumerate(specs if separate_ids else specs[:-1]):
        if spec.holds == "id":  # an id is copied whole into `aloe show`: never broken
            columns.append(Column(spec.header, no_wrap=True, style="cyan"))
        elif separate_ids:
            columns.append(Column(spec.header))
        elif position in fixed:
            columns.append(Column(spec.header, width=fixed[position]))  # ids fit whole
        else:
            columns.append(Column(spec.header, ratio=spec.weight))
    blocks: list[Block] = []
    sections: list[tuple[str | None, int, int]] = []  # group, first row, row after the last
    for row_number, row in enumerate(rows):
        if not sections or row.group != sections[-1][0]:
            sections.append((row.group, row_number, row_number + 1))
        else:
            sections[-1] = (row.group, sections[-1][1], row_number + 1)
    for section_number, (group, first, end) in enumerate(sections):
        if section_number:
            blocks.append(Paragraph((("", ""),)))
        # On a wide screen the columns take the width their text needs, no more; on a narrow one they
        # share it by weight, the title column never narrower than the ids it carries.
        cells = [_table_row(rows[n], listing.title_column, separate_ids) for n in range(first, end)]
        heading = group if group is not None else listing.title
        blocks.append(TableBlock(printable(heading), tuple(columns), cells, expand=not separate_ids))
        entries = apparatus.entries(range(first, end)) if apparatus.markers else ""
        if entries:
            blocks.append(Paragraph(((printable(entries), "dim"),)))
    if listing.legend:
        blocks.append(Paragraph(((printable(listing.legend), "dim"),)))
    if disputes:
        blocks.append(Paragraph(((_("Disputed dates (each claim with its own sources)"), "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {dispute}" for dispute in disputes)), ""),)))
    if agreeing:
        blocks.append(Paragraph(((_("Dates given by several sources (each with its own)"), "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {claims}" for claims in agreeing)), ""),)))
    return blocks


def _table_row(row: Row, title_column: int, separate_ids: bool) -> tuple[Pieces, ...]:
    """One row's cells as styled runs: search matches marked, the id under the title on narrow screens."""
    cells = [_marked(printable(cell), row.marks.get(column, ())) for column, cell in enumerate(row.cells)]
    if not separate_ids:
        cells = cells[:-1]
        cells[title_column] = (*cells[title_column], (f"\n{printable(row.cells[-1])}", "cyan"))
    return tuple(cells)


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


def _id_widths(
    specs: tuple[ColumnSpec, ...], rows: list[Row], title_column: int, max_width: int, separate_ids: bool
) -> dict[int, int]:
    """Columns that must be fixed at some width so that no id in them is broken: position -> width.

    A column holds ids when it is the title column with the ids under the titles, or a column of
    lists of ids. It is fixed only where its share of the width is too narrow.
    """
    columns = len(specs) - (0 if separate_ids else 1)
    weights = [spec.weight for spec in specs[:columns]]
    needed: dict[int, int] = {}
    for position in range(columns):
        if position == title_column and not separate_ids:
            needed[position] = max((len(row.cells[-1]) for row in rows), default=0)
        elif specs[position].holds == "ids":
            words = (word for row in rows for word in row.cells[position].split())
            needed[position] = max((len(word) for word in words), default=0)
            needed[position] = max(needed[position], len(specs[position].header))  # and its header
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
