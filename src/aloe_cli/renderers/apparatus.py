"""The numbered sources of a listing, as a scholarly apparatus: tables and Markdown notes read it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.evidence.views import ClaimNote, ClaimsNote, Listing
    from aloe_cli.presentation.views import CitedSource


class Apparatus:
    """The numbered sources of a listing, as a scholarly apparatus; rows and claims refer to the numbers.

    Each source (and place in it) is numbered once, in the order it is first cited.
    """

    def __init__(self, listing: Listing) -> None:
        self.numbers: dict[CitedSource, int] = {}
        self.markers = [self.mark(row) for row in listing.citations] if listing.show_sources else []
        # Row by row, the sources first cited there: a table lists them under the section they open.
        self.new_in_row: list[list[CitedSource]] = [[] for _ in self.markers]
        seen: set[CitedSource] = set()
        for row_number, row in enumerate(listing.citations if self.markers else []):
            for cited in row:
                if cited not in seen:
                    seen.add(cited)
                    self.new_in_row[row_number].append(cited)

    def entries(self, rows: range) -> str:
        """'[1] story ¶6 — A story... <url>' for each source first cited in these rows, a line each."""
        first = [cited for row in rows for cited in self.new_in_row[row]]
        return "\n".join(f"[{self.numbers[cited]}] {cited.full()}" for cited in first)

    def number(self, cited: CitedSource) -> int:
        """The number of a source (a new one the first time it is cited)."""
        return self.numbers.setdefault(cited, len(self.numbers) + 1)

    def mark(self, row: tuple[CitedSource, ...]) -> str:
        """'1, 4': the numbers of a row's sources."""
        return ", ".join(str(self.number(cited)) for cited in row)

    def with_column(self, listing: Listing) -> Listing:
        """The listing with a Sources column before its ID column (or last), holding the markers."""
        if not self.markers:
            return listing
        at = len(listing.columns) - 1 if listing.columns[-1] == "ID" else len(listing.columns)
        widths = [*listing.widths, *[1] * (len(listing.columns) - len(listing.widths))]
        return replace(
            listing,
            columns=(*listing.columns[:at], "Sources", *listing.columns[at:]),
            widths=(*widths[:at], 1, *widths[at:]),
            id_columns=(*listing.id_columns, at),  # "1, 12": numbers are never broken either
            cells=[(*c[:at], marker, *c[at:]) for c, marker in zip(listing.cells, self.markers, strict=True)],
        )

    def claim(self, claim: ClaimNote, escape: Callable[[str], str] = str) -> str:
        """'22–26 November 2005 [7]', or with the sources named when there is no apparatus.

        `escape` is applied to the data's words only, never to the apparatus's own markers.
        """
        if not self.markers:
            return escape(claim.named())
        cited = ", ".join(str(self.number(c)) for c in claim.sources)
        cited = f"[{cited}]" if cited else "[its record's sources]"
        return f"{escape(claim.words)} {cited}" + (" (our reading)" if claim.inferred else "")

    def claims(self, note: ClaimsNote, escape: Callable[[str], str] = str) -> str:
        """'dakar-2005: October 2005 [3]; 22–26 November 2005 [7]' (`escape`: as for `claim`)."""
        return f"{escape(note.record_id)}: " + "; ".join(self.claim(claim, escape) for claim in note.claims)
