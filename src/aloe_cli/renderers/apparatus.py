"""The numbered sources of a listing, as a scholarly apparatus: tables and Markdown notes read it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.evidence.views import ColumnSpec, Row
from aloe_cli.i18n import _, current_language
from aloe_cli.presentation.dating import claim_named

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.presentation.dating import ClaimView
    from aloe_cli.presentation.views import CitedSource


def sources_column() -> ColumnSpec:
    """The column of a row's source numbers ("1, 12": numbers are never broken either)."""
    return ColumnSpec(_("Sources"), 1, holds="ids")


class Apparatus:
    """The numbered sources of a listing, as a scholarly apparatus; rows and claims refer to the numbers.

    Each source (and place in it) is numbered once, in the order it is first cited.
    """

    def __init__(self, rows: list[Row], show_sources: bool) -> None:
        self.numbers: dict[CitedSource, int] = {}
        cites = show_sources and any(row.citations for row in rows)  # a listing of sources cites none
        self.markers = [self.mark(row.citations) for row in rows] if cites else []
        # Row by row, the sources first cited there: a table lists them under the section they open.
        self.new_in_row: list[list[CitedSource]] = [[] for _marker in self.markers]
        seen: set[CitedSource] = set()
        for row_number, row in enumerate(rows if self.markers else []):
            for cited in row.citations:
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

    def mark(self, citations: tuple[CitedSource, ...]) -> str:
        """'1, 4': the numbers of a row's sources."""
        return ", ".join(str(self.number(cited)) for cited in citations)

    def with_column(
        self, columns: tuple[ColumnSpec, ...], rows: list[Row]
    ) -> tuple[tuple[ColumnSpec, ...], list[Row]]:
        """The columns and rows with a Sources column before the ID column (or last), holding the markers."""
        if not self.markers:
            return columns, rows
        at = len(columns) - 1 if columns[-1].holds == "id" else len(columns)
        return (
            (*columns[:at], sources_column(), *columns[at:]),
            [
                row._replace(cells=(*row.cells[:at], marker, *row.cells[at:]))
                for row, marker in zip(rows, self.markers, strict=True)
            ],
        )

    def claim(self, claim: ClaimView, escape: Callable[[str], str] = str) -> str:
        """'22–26 November 2005 [7]', or with the sources named when there is no apparatus.

        `escape` is applied to the data's words only, never to the apparatus's own markers.
        """
        if not self.markers:
            return escape(claim_named(claim, current_language()))
        cited = ", ".join(str(self.number(c.cited)) for c in claim.citations)
        cited = f"[{cited}]" if cited else _("[its record's sources]")
        return f"{escape(claim.words)} {cited}" + (_(" (our reading)") if claim.inferred else "")

    def claims(self, row: Row, escape: Callable[[str], str] = str) -> str:
        """'dakar-2005: October 2005 [3]; 22–26 November 2005 [7]' (`escape`: as for `claim`)."""
        claims = row.claims.claims if row.claims else ()
        return f"{escape(row.record_id)}: " + "; ".join(self.claim(claim, escape) for claim in claims)

    def notes(self, rows: list[Row], escape: Callable[[str], str] = str) -> tuple[list[str], list[str]]:
        """The claims told under a table: the disputed dates first (numbered first), then the agreeing."""
        told = [row for row in rows if row.claims is not None]
        disputes = [self.claims(row, escape) for row in told if row.claims and row.claims.disputed]
        agreeing = [self.claims(row, escape) for row in told if row.claims and not row.claims.disputed]
        return disputes, agreeing
