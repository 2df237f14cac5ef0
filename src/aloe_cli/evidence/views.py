"""Records turned into listings: the JSON contract of each row, and the cells people read in a table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

from aloe_cli.i18n import N_, _

if TYPE_CHECKING:
    from aloe_cli.model.models import Event, Happening, Workshop
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.payloads import JSONRecord
    from aloe_cli.presentation.views import CitedSource, HappeningView

HAPPENING_FIELDS = (
    "id", "kind", "title", "date", "date_label", "date_words", "start", "end", "uncertain", "disputed",
    "claims",
    "era", "era_title", "summary", "places", "places_are", "people", "organisations", "sources", "note",
    "inferred",
)  # fmt: skip
EVENT_FIELDS = (*HAPPENING_FIELDS, "series", "series_title", "role", "role_note")
WORKSHOP_FIELDS = ("id", "kind", "title", "category", "phases", "other_names", "probably_same_as", "note",
                   "inferred", "sources")  # fmt: skip


class ColumnSpec(NamedTuple):
    """A column of a listing's table: its header, its share of a narrow screen, and what it holds."""

    header: str
    weight: int = 1  # relative width where the screen is too narrow for every cell's text
    holds: Literal["text", "ids", "id", "date"] = "text"  # ids: never broken; id: the row's own; date


NO_MARKS: Mapping[int, list[tuple[int, int]]] = {}


class Row(NamedTuple):
    """One record as a table row: its cells, its sources, its heading, its claims, matches to mark."""

    record_id: str
    cells: tuple[str, ...]  # one per column, the id last
    citations: tuple[CitedSource, ...] = ()
    group: str | None = None  # the heading it falls under (an era); None: the listing's title
    claims: Dating | None = None  # a dating told claim by claim under the table
    marks: Mapping[int, list[tuple[int, int]]] = NO_MARKS  # column -> spans of search matches


@dataclass(frozen=True)
class Listing:
    """What a listing command shows: rows of cells for people, or JSON records for programs.

    Each is made only when a renderer asks (a large dataset costs time, and no format needs both);
    the records come one at a time, kept nowhere, so CSV streams 100,000 of them.
    """

    title: str
    columns: tuple[ColumnSpec, ...]
    fields: tuple[str, ...]  # the records' keys, in order (a CSV header even when nothing matched)
    make_rows: Callable[[], list[Row]]
    make_records: Callable[[], Iterator[JSONRecord]]
    title_column: int = 1  # where a narrow table puts each row's id, under the title
    show_sources: bool = True  # the numbered sources under a table, as a scholarly apparatus
    legend: str = ""  # shown under a table: how to read its cells

    @cached_property
    def rows(self) -> list[Row]:
        """The rows for people, made once."""
        return self.make_rows()

    def records(self) -> Iterator[JSONRecord]:
        """The JSON records, one at a time."""
        return self.make_records()


DATE_LEGEND = N_("Dates: each source's words [its sources]; aloe show ID tells every claim.")


def date_cell(dating: Dating | None) -> str:
    """A date cell of a table: the words, the doubt, the dispute; 'undated' where there is no date."""
    return dating.cell() if dating else _("undated")


def _happening_row(view: HappeningView, cells: tuple[str, ...], group: str | None) -> Row:
    several = view.dating if view.dating and len(view.dating.claims) > 1 else None
    return Row(view.id, cells, view.every_citation(), group, several)


def timeline_listing(records: Sequence[Happening], presentation: Presentation) -> Listing:
    """The chronology, grouped by era in the dataset's order of eras."""
    era_order = {era_id: position for position, era_id in enumerate(presentation.eras)}
    ordered = sorted(records, key=lambda r: era_order.get(r.era or "", len(era_order)))  # stable: keeps dates

    def rows() -> list[Row]:
        found = []
        for view in presentation.happenings(ordered):
            cells = (date_cell(view.dating), view.title.value, view.where(), view.who(), view.id)
            found.append(_happening_row(view, cells, view.era.title.value if view.era else _("Other")))
        return found

    return Listing(
        title=presentation.title,
        columns=(
            ColumnSpec(_("Date"), 2, holds="date"),
            ColumnSpec(_("What"), 4),
            ColumnSpec(_("Where"), 2),
            ColumnSpec(_("Who"), 2),
            ColumnSpec(_("ID"), holds="id"),
        ),
        fields=EVENT_FIELDS,
        legend=_(DATE_LEGEND),
        make_rows=rows,
        make_records=lambda: (presentation.happening(r).json() for r in ordered),
    )


def events_listing(records: Sequence[Event], presentation: Presentation) -> Listing:
    """The events the WSSE took part in, with its role."""

    def rows() -> list[Row]:
        found = []
        for view in presentation.happenings(list(records)):
            role = (
                view.role_note.value if view.role_note else view.role_words
            ) or ""  # the sources' words for the part, where given
            cells = (date_cell(view.dating), view.title.value, role, view.where(), view.id)
            found.append(_happening_row(view, cells, None))
        return found

    return Listing(
        title=_("Events"),
        columns=(
            ColumnSpec(_("Date"), 2, holds="date"),
            ColumnSpec(_("Event"), 4),
            ColumnSpec(_("Role"), 2),
            ColumnSpec(_("Where"), 2),
            ColumnSpec(_("ID"), holds="id"),
        ),
        fields=EVENT_FIELDS,
        legend=_(DATE_LEGEND),
        make_rows=rows,
        make_records=lambda: (presentation.happening(r).json() for r in records),
    )


def workshops_listing(records: Sequence[Workshop], presentation: Presentation) -> Listing:
    """The workshops with their categories and phases."""
    views = presentation.workshop_views(list(records))
    rows = []
    for workshop in views:
        categories = ", ".join(category.label for category in workshop.categories)
        phases = ", ".join(phase.label for phase in workshop.phases)
        title = workshop.title.value
        if workshop.probably_same_as:
            same = ", ".join(workshop.probably_same_as)
            title += "\n" + _("probably the same as {ids} (our reading)").format(ids=same)
        cells = (title, categories or "(none in the sources)", phases, workshop.id)
        rows.append(Row(workshop.id, cells, workshop.every_citation()))
    return Listing(
        title=_("Workshops"),
        columns=(
            ColumnSpec(_("Workshop"), 3),
            ColumnSpec(_("Category"), 3),
            ColumnSpec(_("Phases"), 3),
            ColumnSpec(_("ID"), holds="id"),
        ),
        fields=WORKSHOP_FIELDS,
        title_column=0,
        make_rows=lambda: rows,
        make_records=lambda: (workshop.json() for workshop in views),
    )
