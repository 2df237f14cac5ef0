"""A listing as tables for people: one per group, the sources first cited under each, notes at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aloe_cli.i18n import _
from aloe_cli.renderers.apparatus import Apparatus, letters
from aloe_cli.renderers.blocks import Block, Blocks, Column, Paragraph, Piece, Pieces, TableBlock, fits
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Listing, Row

WIDE_ENOUGH_FOR_ID_COLUMN = 120


def listing_tables(listing: Listing) -> Blocks:
    """Tables, one per group, each followed by the sources first cited in it; every cell literal text."""
    rows = listing.rows
    return Blocks(lambda width: _listing_blocks(listing, rows, width))


def _listing_blocks(listing: Listing, rows: list[Row], width: int) -> list[Block]:
    """The listing laid out for a width: on a narrow screen the ids go under the titles.

    Under each group's table: its disputed dates, lettered (the date cell says 'note A'), then the
    dates several sources give, then the documents first cited in it.
    """
    apparatus = Apparatus(rows, listing.show_sources)
    specs, rows = apparatus.with_column(listing.columns, rows)
    separate_ids = width >= WIDE_ENOUGH_FOR_ID_COLUMN or specs[-1].holds != "id"
    columns = tuple(
        Column(spec.header, no_wrap=True, style="cyan") if spec.holds == "id" else Column(spec.header)
        for spec in (specs if separate_ids else specs[:-1])
    )
    dates = next((position for position, spec in enumerate(specs) if spec.holds == "date"), None)
    blocks: list[Block] = []
    sections: list[tuple[str | None, int, int]] = []  # group, first row, row after the last
    for row_number, row in enumerate(rows):
        if not sections or row.group != sections[-1][0]:
            sections.append((row.group, row_number, row_number + 1))
        else:
            sections[-1] = (row.group, sections[-1][1], row_number + 1)
    notes = 0
    for section_number, (group, first, end) in enumerate(sections):
        if section_number:
            blocks.append(Paragraph((("", ""),)))
        section = rows[first:end]
        # A note a letter: a disputed date, and a date one of whose claims the dataset notes on (a day
        # from a page it calls weaker): the cell says 'note A', the note under the table says why.
        noted_rows = [n for n in range(first, end) if _disputed(rows[n]) or _noted(rows[n])]
        disputed = {n: _note_letter(notes + i) for i, n in enumerate(noted_rows)}
        notes += len(disputed)
        cells = [
            _table_row(rows[n], listing.title_column, separate_ids, dates, disputed.get(n), apparatus)
            for n in range(first, end)
        ]
        heading = group if group is not None else listing.title
        blocks.append(TableBlock(printable(heading), columns, cells))
        told = [row for row in section if row.claims is not None]
        if disputed:  # 'A. 1993 [2] (our reading); 1994 [3, 4]': the cell says 'disputed (note A)'
            lines = [  # a dispute's claims (aloe show gives their notes); a noted date's with its note
                f"{disputed[n]}. {apparatus.told(rows[n], noted=not _disputed(rows[n]))}"
                for n in sorted(disputed)
            ]
            blocks.append(Paragraph(((printable("\n".join(lines)), ""),)))
        # Where the date cell cites each claim (with an apparatus), the claims need no list of their own.
        agreeing = [
            apparatus.claims(row)
            for row in told
            if not _disputed(row) and not _noted(row) and not (apparatus.markers and dates is not None)
        ]
        if agreeing:
            blocks.append(Paragraph(((_("Dates given by several sources (each with its own)"), "bold"),)))
            blocks.append(Paragraph(((printable("\n".join(f"- {claims}" for claims in agreeing)), ""),)))
        entries = apparatus.entries(range(first, end)) if apparatus.markers else ()
        if entries:
            blocks.append(Paragraph(entries))
    # One layout for the whole listing: if one group's table can't fit, every group is record by record.
    tables = [block for block in blocks if isinstance(block, TableBlock)]
    if not all(fits(table, width) for table in tables):
        blocks = [
            block._replace(stacked=True) if isinstance(block, TableBlock) else block for block in blocks
        ]
    if listing.legend:
        blocks.append(Paragraph((("", ""),)))
        blocks.append(Paragraph(((printable(listing.legend), "dim"),)))
    return blocks


def _disputed(row: Row) -> bool:
    return row.claims is not None and row.claims.disputed


def _noted(row: Row) -> bool:
    """A claim the dataset notes on (our readings note how they were read: the cell says that)."""
    return row.claims is not None and any(claim.note and not claim.inferred for claim in row.claims.claims)


def _note_letter(position: int) -> str:
    return letters(position).upper()


def _table_row(
    row: Row, title_column: int, separate_ids: bool, dates: int | None, note: str | None, apparatus: Apparatus
) -> tuple[Pieces, ...]:
    """One row's cells as styled runs: matches marked, ids under titles, each claim's sources cited.

    A disputed date says its note's letter; a date several sources give cites each claim's own.
    """
    cells = [_marked(printable(cell), row.marks.get(column, ())) for column, cell in enumerate(row.cells)]
    if dates is not None and row.claims is not None:
        if apparatus.markers and not row.claims.disputed:
            cells[dates] = ((printable(row.claims.cell(apparatus.cite)), ""),)
        if note:  # a no-break space: 'note A' is never parted
            cells[dates] = (
                *cells[dates],
                (" " + _("(note {letter})").format(letter=note).replace(" ", "\u00a0"), "bold"),
            )
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
