"""Records turned into listings: the JSON contract of each row, and the cells people read in a table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from aloe_cli.presentation.views import CitedSource

if TYPE_CHECKING:
    from aloe_cli.model.models import Event, Happening, Workshop
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.payloads import JSONRecord
    from aloe_cli.presentation.views import HappeningView

HAPPENING_FIELDS = (
    "id", "kind", "title", "date", "date_label", "date_words", "start", "end", "uncertain", "disputed",
    "claims",
    "era", "era_title", "summary", "places", "people", "organisations", "sources", "note", "inferred",
)  # fmt: skip
EVENT_FIELDS = (*HAPPENING_FIELDS, "series", "series_title", "role", "role_note")
WORKSHOP_FIELDS = ("id", "kind", "title", "category", "phases", "other_names", "probably_same_as", "note",
                   "inferred", "sources")  # fmt: skip


class ClaimNote(NamedTuple):
    """One claim of a disputed date, with its own sources: '22–26 November 2005', [ripess-dakar]."""

    words: str
    sources: tuple[CitedSource, ...]
    inferred: bool

    def named(self) -> str:
        """'22–26 November 2005 (ripess-dakar)', and '(our reading)' where it is."""
        cited = ", ".join(source.short() for source in self.sources) or "its record's sources"
        return f"{self.words} ({cited})" + (" (our reading)" if self.inferred else "")


class ClaimsNote(NamedTuple):
    """Under a table: a record dated by several claims, each with its own sources; disputed or not."""

    record_id: str
    claims: tuple[ClaimNote, ...]
    disputed: bool


@dataclass(frozen=True)
class Listing:
    """What a listing command shows: one JSON-ready record and one row of display cells per item."""

    title: str
    columns: tuple[str, ...]  # the table's headers
    fields: tuple[str, ...]  # the records' keys, in order (a CSV header even when nothing matched)
    widths: tuple[int, ...] = ()  # relative widths of the table's columns, the ID column aside
    title_column: int = 1  # where a narrow table puts each row's id, under the title
    cells: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[ClaimsNote] = field(default_factory=list)  # under a table: records dated by several claims
    citations: list[tuple[CitedSource, ...]] = field(default_factory=list)  # per row: its sources
    show_sources: bool = True  # the numbered sources under a table, as a scholarly apparatus
    legend: str = ""  # shown under a table: how to read its cells
    id_columns: tuple[int, ...] = ()  # columns that list ids: never broken inside an id
    marks: list[dict[int, list[tuple[int, int]]]] = field(default_factory=list)  # per row: column -> spans
    groups: list[str | None] = field(default_factory=list)  # per row: the heading it falls under
    records: list[JSONRecord] = field(default_factory=list)
    # A listing may build its rows (for people) and its records (for programs) only when a renderer
    # asks: on a large dataset each costs time, and no format needs both.
    fill_rows: Callable[[Listing], None] | None = None
    fill_records: Callable[[Listing], None] | None = None
    # Or the records one at a time, kept nowhere: CSV streams 100,000 of them without holding them all.
    stream_records: Callable[[], Iterator[JSONRecord]] | None = None

    def for_people(self) -> Listing:
        """The listing with its table rows built (what the table and Markdown renderers read)."""
        if self.fill_rows is not None and not self.cells:
            self.fill_rows(self)
        return self

    def for_programs(self) -> Listing:
        """The listing with its JSON records built (what JSON, CSV and YAML read)."""
        if not self.records:
            if self.fill_records is not None:
                self.fill_records(self)
            elif self.stream_records is not None:
                self.records.extend(self.stream_records())
        return self

    def each_record(self) -> Iterator[JSONRecord]:
        """The JSON records one by one: streamed where the listing can, else built first."""
        if not self.records and self.stream_records is not None:
            yield from self.stream_records()
        else:
            yield from self.for_programs().records


DATE_LEGEND = (
    "Dates: the source's own words, then in brackets the exact days another source gives; "
    "aloe show ID gives every claim with its source."
)


def claims_note(record_id: str, dating: Dating) -> ClaimsNote:
    """The claims of a record, each with its own sources."""
    return ClaimsNote(
        record_id,
        tuple(
            ClaimNote(claim.words, tuple(c.cited for c in claim.citations), bool(claim.inferred))
            for claim in dating.claims
        ),
        dating.disputed,
    )


def date_cell(dating: Dating | None, disputed_mark: str = "(disputed: see below)") -> str:
    """A date cell of a table: the words, the doubt, the dispute; 'undated' where there is no date."""
    return dating.cell(disputed_mark) if dating else "undated"


def _happening_row(listing: Listing, view: HappeningView, cells: tuple[str, ...], group: str | None) -> None:
    listing.groups.append(group)
    listing.cells.append(cells)
    listing.citations.append(view.every_citation())
    if view.dating and len(view.dating.claims) > 1:
        listing.notes.append(claims_note(view.id, view.dating))


def timeline_listing(records: Sequence[Happening], presentation: Presentation) -> Listing:
    """The chronology, grouped by era in the dataset's order of eras."""
    era_order = {era_id: position for position, era_id in enumerate(presentation.eras)}
    ordered = sorted(records, key=lambda r: era_order.get(r.era or "", len(era_order)))  # stable: keeps dates

    def rows(listing: Listing) -> None:
        for record in ordered:
            view = presentation.happening(record)
            cells = (date_cell(view.dating), view.title.value, view.where(), view.who(), view.id)
            _happening_row(listing, view, cells, view.era.title.value if view.era else "Other")

    return Listing(
        title=presentation.title,
        columns=("Date", "What", "Where", "Who", "ID"),
        fields=EVENT_FIELDS,
        widths=(2, 4, 2, 2),
        legend=DATE_LEGEND,
        fill_rows=rows,
        stream_records=lambda: (presentation.happening(r).json() for r in ordered),
    )


def events_listing(records: Sequence[Event], presentation: Presentation) -> Listing:
    """The events the WSSE took part in, with its role."""

    def rows(listing: Listing) -> None:
        for record in records:
            view = presentation.happening(record)
            role = view.role_note or view.role_words or ""  # the sources' words for the part, where given
            cells = (date_cell(view.dating), view.title.value, role, view.where(), view.id)
            _happening_row(listing, view, cells, None)

    return Listing(
        title="Events",
        columns=("Date", "Event", "Role", "Where", "ID"),
        fields=EVENT_FIELDS,
        widths=(2, 4, 2, 2),
        legend=DATE_LEGEND,
        fill_rows=rows,
        stream_records=lambda: (presentation.happening(r).json() for r in records),
    )


def workshops_listing(records: Sequence[Workshop], presentation: Presentation) -> Listing:
    """The workshops with their categories and phases."""
    listing = Listing(
        title="Workshops",
        columns=("Workshop", "Category", "Phases", "ID"),
        fields=WORKSHOP_FIELDS,
        widths=(3, 3, 3),
        title_column=0,
    )
    for workshop in presentation.workshop_views(list(records)):
        categories = ", ".join(category.label for category in workshop.categories)
        phases = ", ".join(phase.label for phase in workshop.phases)
        title = workshop.title.value
        if workshop.probably_same_as:
            title += f"\nprobably the same as {', '.join(workshop.probably_same_as)} (our reading)"
        listing.groups.append(None)
        listing.cells.append((title, categories or "(none in the sources)", phases, workshop.id))
        listing.citations.append(workshop.every_citation())
        listing.records.append(workshop.json())
    return listing
