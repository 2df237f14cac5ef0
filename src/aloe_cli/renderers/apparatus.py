"""The numbered sources of a listing, as a scholarly apparatus: tables and Markdown notes read it.

Each document is numbered once in a listing, in the order it is first cited; where the listing cites
several places in it, each place is a letter after the number ('6a' story ¶2, '6b' story ¶3), all told
in the document's one entry.
"""

from __future__ import annotations

from string import ascii_lowercase
from typing import TYPE_CHECKING

from aloe_cli.evidence.views import ColumnSpec, Row
from aloe_cli.i18n import _, current_language
from aloe_cli.presentation.dating import claim_named
from aloe_cli.renderers.blocks import ADDRESS, Pieces, linked
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.presentation.dating import ClaimView
    from aloe_cli.presentation.views import CitedSource


def sources_column() -> ColumnSpec:
    """The column of a row's source numbers ("1, 12": numbers are never broken either)."""
    return ColumnSpec(_("Sources"), 1, holds="ids")


def letters(position: int) -> str:
    """'a', 'b', ... 'z', 'aa', 'ab': the letter of a place in a document."""
    word = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        word = ascii_lowercase[rest] + word
    return word


class Apparatus:
    """The numbered sources of a listing, as a scholarly apparatus; rows and claims refer to the marks."""

    def __init__(self, rows: list[Row], show_sources: bool) -> None:
        self.documents: dict[str, int] = {}  # a source's id -> its number
        self.places: dict[str, list[CitedSource]] = {}  # a source's id -> the places cited in it
        self.marks: dict[CitedSource, str] = {}  # a place -> '6b', or '6' where it is the only one
        cites = show_sources and any(row.citations for row in rows)  # a listing of sources cites none
        for row in rows if cites else []:
            for cited in row.citations:
                self._place(cited)
        for source, places in self.places.items():
            for position, cited in enumerate(places):
                number = self.documents[source]
                self.marks[cited] = f"{number}{letters(position)}" if len(places) > 1 else str(number)
        self.markers = [self.mark(row.citations) for row in rows] if cites else []
        # Row by row, the documents first cited there: a table lists them under the section they open.
        self.new_in_row: list[list[str]] = [[] for _marker in self.markers]
        seen: set[str] = set()
        for row_number, row in enumerate(rows if self.markers else []):
            for cited in row.citations:
                if cited.source not in seen:
                    seen.add(cited.source)
                    self.new_in_row[row_number].append(cited.source)

    def _place(self, cited: CitedSource) -> None:
        places = self.places.setdefault(cited.source, [])
        self.documents.setdefault(cited.source, len(self.documents) + 1)
        if cited not in places:
            places.append(cited)

    def entry(self, source: str) -> Pieces:
        """'[6] A story...: a ¶2 · b ¶3 <https://...>': the document once, each place cited in it.

        A place's letter follows its document's number ('6b' in a table is the entry [6], place b).
        On a terminal that shows links, the title links to the address, which is not printed.
        `aloe sources` gives every source's id.
        """
        places = self.places[source]
        first = places[0]
        number = str(self.documents[source])
        # No-break spaces keep a letter with its place and the dot after it ('a ¶2 ·' is never parted).
        told = self.places_told(source, "\u00a0")
        where = f": {told}" if len(places) > 1 else f", {first.locator}" if first.locator else ""
        link = linked(first.title, first.url)
        pieces: list[tuple[str, str]] = [(printable(f"[{number}] "), "dim")]
        pieces.append((printable(first.title), f"dim {link}" if link else "dim"))
        pieces.append((printable(where), "dim"))
        if first.url:  # where the terminal shows links, the title links to it; else it is printed
            pieces.append((f" <{first.url}>", f"dim {ADDRESS}" if link else "dim"))
        return tuple(pieces)

    def entries(self, rows: range) -> Pieces:
        """The entries of the documents first cited in these rows, a line each."""
        found: list[tuple[str, str]] = []
        for source in (source for row in rows for source in self.new_in_row[row]):
            if found:
                found.append(("\n", ""))
            found.extend(self.entry(source))
        return tuple(found)

    def footnotes(self) -> list[tuple[str, str]]:
        """Every document as (number, 'story — A story... <url>: a ¶2 · b ¶4'), numbered (Markdown notes).

        A document cited at one place: (number, 'story ¶4 — A story... <url>').
        """
        notes = []
        for source, places in self.places.items():
            first = places[0]
            if len(places) == 1:
                notes.append((str(self.documents[source]), first.full()))
                continue
            address = f" <{first.url}>" if first.url else ""
            notes.append(
                (
                    str(self.documents[source]),
                    f"{source} — {first.title}{address}: {self.places_told(source)}",
                )
            )
        return notes

    def places_told(self, source: str, space: str = " ") -> str:
        """'a ¶2 · b ¶3': each place cited in a document by its letter (`space` after a letter, before a dot).

        ' · ' between places, as a locator may hold a comma ('p. 3, note 2').
        """
        number = str(self.documents[source])
        return f"{space}· ".join(
            f"{self.marks[cited].removeprefix(number)}{space}{cited.locator or _('(as a whole)')}"
            for cited in self.places[source]
        )

    def by_document(self, citations: tuple[CitedSource, ...]) -> list[tuple[str, str]]:
        """A row's sources as (number, its places' letters: 'd, f–i'), in number order (Markdown cells)."""
        letters: dict[str, list[str]] = {}
        for mark in sorted({self.mark_of(cited) for cited in citations}, key=_mark_order):
            number = mark.rstrip(ascii_lowercase)
            letters.setdefault(number, []).append(mark)
        # A mark is its document's number and a letter (letters hold no digit): the letters are what is left.
        return [(number, self._joined(marks).replace(number, "")) for number, marks in letters.items()]

    def mark_of(self, cited: CitedSource) -> str:
        """The mark of a place; a place cited only by a claim told under the table gets its own number."""
        if cited not in self.marks:
            self._place(cited)
            self.marks[cited] = str(self.documents[cited.source])
        return self.marks[cited]

    def mark(self, citations: tuple[CitedSource, ...]) -> str:
        """'6c, 6f–6i, 12': a row's marks in order, a run of three or more places in a document joined."""
        return self._joined(sorted({self.mark_of(cited) for cited in citations}, key=_mark_order))

    def _joined(self, marks: list[str]) -> str:
        """Marks in order as one text, a run of three or more places in a document joined ('6f–6i')."""
        joined: list[list[str]] = []
        for mark in marks:
            run = joined[-1] if joined else None
            if run and _next_letter(run[-1], mark):
                run.append(mark)
            else:
                joined.append([mark])
        return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(run) for run in joined)

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

    def cite(self, claim: ClaimView) -> str:
        """'6j' or '26, 27': the marks of a claim's own sources."""
        return self.mark(tuple(c.cited for c in claim.citations)) or _("its record's sources")

    def claim(self, claim: ClaimView, escape: Callable[[str], str] = str, *, noted: bool = False) -> str:
        """'22–26 November 2005 [7]', or with the sources named when there is no apparatus.

        `escape` is applied to the data's words only, never to the apparatus's own markers.
        """
        if not self.markers:
            return escape(claim_named(claim, current_language()))
        return self._claim_of([claim], escape, noted=noted)

    def claims(
        self, row: Row, said: str = "", escape: Callable[[str], str] = str, *, noted: bool = False
    ) -> str:
        """'dakar-2005: October 2005 [3]; 22–26 November 2005 [7]' ('dakar-2005, disputed: ...').

        `noted`: each claim with the dataset's note on it ('28 May 2003 [22], the law's date, from a
        secondary page that is weaker than the others').
        """
        lead = f"{escape(row.record_id)}, {said}" if said else escape(row.record_id)
        return f"{lead}: " + self.told(row, escape, noted=noted)

    def told(self, row: Row, escape: Callable[[str], str] = str, *, noted: bool = False) -> str:
        """'1993 [3]; 1994 [2, 4]; since 1995 [5]': a row's claims, those worded alike said once.

        Claims that say the same in the same words (and doubts, and note) are one, citing each source.
        """
        claims = row.claims.claims if row.claims else ()
        if not self.markers:
            return "; ".join(self.claim(claim, escape, noted=noted) for claim in claims)
        alike: dict[tuple[str, str, str | None], list[ClaimView]] = {}
        for claim in claims:
            said = (claim.words, claim.doubt_words(current_language()), claim.note if noted else None)
            alike.setdefault(said, []).append(claim)
        return "; ".join(self._claim_of(same, escape, noted=noted) for same in alike.values())

    def _claim_of(self, same: list[ClaimView], escape: Callable[[str], str], *, noted: bool) -> str:
        """Claims worded alike as one: their words, every source of each, the doubt and the note once."""
        first = same[0]
        cited = self.mark(tuple(c.cited for claim in same for c in claim.citations))
        cited = f"[{cited}]" if cited else _("[its record's sources]")
        note = f", {escape(first.note)}" if noted and first.note else ""  # 'a page weaker than the others'
        return f"{escape(first.words)} {cited}{first.doubt_words(current_language())}{note}"

    def notes(self, rows: list[Row], escape: Callable[[str], str] = str) -> tuple[list[str], list[str]]:
        """The claims told under a table: the disputed first, then the agreeing (`escape`: see `claim`)."""
        told = [row for row in rows if row.claims is not None]
        disputes = [self.claims(row, escape=escape) for row in told if row.claims and row.claims.disputed]
        agreeing = [self.claims(row, escape=escape) for row in told if row.claims and not row.claims.disputed]
        return disputes, agreeing


def _mark_order(mark: str) -> tuple[int, int, str]:
    digits = mark.rstrip(ascii_lowercase)
    return int(digits), len(mark), mark


def _next_letter(previous: str, mark: str) -> bool:
    """Whether mark is the place after previous in the same document ('6f' then '6g')."""
    number = previous.rstrip(ascii_lowercase)
    if not mark.startswith(number) or number in (mark, previous):
        return False
    ours, theirs = previous[len(number) :], mark[len(number) :]
    return len(ours) == len(theirs) == 1 and ord(theirs) == ord(ours) + 1
