"""Listings of every other kind of record: sources, gaps, people, places, organisations, eras, series ...

Each kind is an entry of KIND_LISTINGS, keyed by the RecordKind enum; a test walks every member, so a
kind cannot be half-added. Every listing gives the usual formats (table, JSON, CSV, YAML, Markdown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from aloe_cli.evidence.views import ColumnSpec, Listing, Row, date_cell
from aloe_cli.i18n import _
from aloe_cli.kinds import RecordKind
from aloe_cli.model.models import RECORD_KINDS, citations_of
from aloe_cli.presentation.dating import UNDATED_JSON
from aloe_cli.presentation.views import CitedSource, every_cited

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.payloads import DatedJSON
    from aloe_cli.presentation.views import CitationView


def _cited_by(dataset: Dataset) -> dict[str, list[str]]:
    """Source id -> the ids of the records that cite it, in dataset order."""
    found: dict[str, list[str]] = {source.id: [] for source in dataset.sources}
    records: list[Any] = [r for list_name in RECORD_KINDS for r in getattr(dataset, list_name)]
    for record in records:
        for citation in citations_of(record):
            ids = found.setdefault(citation.source, [])
            if not ids or ids[-1] != record.id:
                ids.append(record.id)
    return found


def sources_listing(dataset: Dataset, presentation: Presentation, only: set[str] | None = None) -> Listing:
    """Every source (or those in `only`) with its kind, address, and the records that cite it."""
    cited_by = _cited_by(dataset)
    rows, records = [], []
    for source in presentation.sources:
        if only is not None and source.id not in only:
            continue
        citing = cited_by.get(source.id, [])
        cells = (source.title, source.kind, source.url or "", f"{len(citing)} records", source.id)
        rows.append(Row(source.id, cells))
        records.append(
            {
                "id": source.id,
                "kind": "source",
                "title": source.title,
                "descriptive_title": source.descriptive_title,
                "source_kind": source.kind,
                "type": source.type,
                "author": source.author,
                "authors": [author.json() for author in source.authors],
                "issued": source.issued,
                "container": source.container,
                "publisher": source.publisher,
                "place": source.place,
                "doi": source.doi,
                "language": source.language,
                "url": source.url,
                "copy_read": source.copy_read,
                "archived": source.archived,
                "accessed": source.accessed,
                "note": source.note,
                "cited_by": citing,
            }
        )
    return Listing(
        title=_("Sources"),
        columns=(
            ColumnSpec(_("Source"), 4),
            ColumnSpec(_("Kind"), 1),
            ColumnSpec(_("Address"), 3),
            ColumnSpec(_("Cited by"), 2),
            ColumnSpec(_("ID"), holds="id"),
        ),
        title_column=0,  # on a narrow screen the id goes under the source's title, not its kind
        fields=(
            "id",
            "kind",
            "title",
            "descriptive_title",
            "source_kind",
            "type",
            "author",
            "authors",
            "issued",
            "container",
            "publisher",
            "place",
            "doi",
            "language",
            "url",
            "copy_read",
            "archived",
            "accessed",
            "note",
            "cited_by",
        ),
        make_rows=lambda: rows,
        make_records=lambda: iter(records),
        legend=_("A title in [square brackets] describes a page whose own title was not read."),
    )


def gaps_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """What the sources leave open: a research agenda, each gap with what it is about and its sources."""
    gaps = presentation.gaps
    return Listing(
        title=_("What the sources leave open"),
        columns=(
            ColumnSpec(_("Gap"), 5),
            ColumnSpec(_("About"), 2, holds="ids"),
            ColumnSpec(_("ID"), holds="id"),
        ),
        fields=("id", "kind", "summary", "about", "sources", "note"),
        title_column=0,
        make_rows=lambda: [
            Row(gap.id, (gap.summary.value, ", ".join(gap.about), gap.id), every_cited(gap.citations))
            for gap in gaps
        ],
        make_records=lambda: (
            {
                "id": gap.id,
                "kind": "gap",
                "summary": gap.summary.value,
                "about": list(gap.about),
                "sources": [c.json() for c in gap.citations],
                "note": gap.note,
            }
            for gap in gaps
        ),
    )


def _simple_listing(
    title: str,
    columns: tuple[ColumnSpec, ...],
    rows: list[tuple[tuple[str, ...], dict[str, object]]],
    citations: list[tuple[CitedSource, ...]],
) -> Listing:
    """A listing whose records share their fields, from (cells, JSON record) pairs, and their sources."""
    return Listing(
        title=title,
        columns=(*columns, ColumnSpec(_("ID"), holds="id")),
        fields=tuple(rows[0][1]) if rows else ("id", "kind"),
        title_column=0,
        make_rows=lambda: [
            Row(cells[-1], cells, cited) for (cells, _), cited in zip(rows, citations, strict=True)
        ],
        make_records=lambda: (record for _, record in rows),
    )


class _Described(Protocol):
    """What every record's view has: an id, its own citations, a note, our reading."""

    @property
    def id(self) -> str: ...
    @property
    def citations(self) -> tuple[CitationView, ...]: ...
    @property
    def note(self) -> str | None: ...
    @property
    def inferred(self) -> str | None: ...


def _common(view: _Described, kind: str) -> dict[str, object]:
    return {"id": view.id, "kind": kind}


def _tail(view: _Described) -> dict[str, object]:
    return {"note": view.note, "inferred": view.inferred, "sources": [c.json() for c in view.citations]}


def _dated(dating: Dating | None) -> DatedJSON:
    return dating.json() if dating else UNDATED_JSON


def organisations_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The organisations, their names, acronyms and dates."""
    views = list(presentation.organisations.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for org in views:
        acronym = org.acronym.value if org.acronym else ""
        rows.append(
            (
                (org.name.value, acronym, date_cell(org.dating), org.id),
                {
                    **_common(org, "organisation"),
                    "name": org.name.value,
                    "acronym": acronym or None,
                    **_dated(org.dating),
                    "summary": org.summary.value if org.summary else None,
                    **_tail(org),
                },
            )
        )
    return _simple_listing(
        _("Organisations"),
        (ColumnSpec(_("Name"), 4), ColumnSpec(_("Acronym"), 1), ColumnSpec(_("Date"), 3)),
        rows,
        [every_cited(o.citations, o.dating, o.other_names) for o in views],
    )


def people_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The people the sources name, with what they did."""
    views = list(presentation.people.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        ((p.name, p.role or "", p.id), {**_common(p, "person"), "name": p.name, "role": p.role, **_tail(p)})
        for p in views
    ]
    return _simple_listing(
        _("People"),
        (ColumnSpec(_("Name"), 2), ColumnSpec(_("Role"), 5)),
        rows,
        [every_cited(p.citations) for p in views],
    )


def places_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The places, with their country."""
    views = list(presentation.places.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (
            (p.name.value, p.country.value if p.country else "", p.id),
            {
                **_common(p, "place"),
                "name": p.name.value,
                "country": p.country.value if p.country else None,
                **_tail(p),
            },
        )
        for p in views
    ]
    return _simple_listing(
        _("Places"),
        (ColumnSpec(_("Name"), 3), ColumnSpec(_("Country"), 2)),
        rows,
        [every_cited(p.citations) for p in views],
    )


def eras_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The eras of the timeline, with their dates and organisations."""
    views = list(presentation.eras.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (
            (e.title.value, date_cell(e.dating), e.organisation or "", e.id),
            {
                **_common(e, "era"),
                "title": e.title.value,
                "organisation": e.organisation,
                **_dated(e.dating),
                "summary": e.summary.value if e.summary else None,
                **_tail(e),
            },
        )
        for e in views
    ]
    return _simple_listing(
        _("Eras"),
        (ColumnSpec(_("Era"), 4), ColumnSpec(_("Date"), 3), ColumnSpec(_("Organisation"), 2, holds="ids")),
        rows,
        [every_cited(e.citations, e.dating) for e in views],
    )


def series_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The recurring gatherings, with their events."""
    views = list(presentation.series.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for s in views:
        events = [e.id for e in dataset.events if e.series == s.id]
        acronym = s.acronym.value if s.acronym else ""
        rows.append(
            (
                (s.title.value, acronym, ", ".join(events), s.id),
                {
                    **_common(s, "series"),
                    "title": s.title.value,
                    "acronym": acronym or None,
                    "events": events,
                    **_tail(s),
                },
            )
        )
    return _simple_listing(
        _("Series"),
        (ColumnSpec(_("Series"), 3), ColumnSpec(_("Acronym"), 1), ColumnSpec(_("Events"), 4, holds="ids")),
        rows,
        [every_cited(s.citations) for s in views],
    )


def categories_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The workshop categories, with their workshops."""
    views = list(presentation.categories.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for c in views:
        members = [w.id for w in dataset.workshops if c.id in w.categories]
        rows.append(
            (
                (c.title.value, c.description.value, ", ".join(members), c.id),
                {
                    **_common(c, "category"),
                    "title": c.title.value,
                    "description": c.description.value,
                    "workshops": members,
                    **_tail(c),
                },
            )
        )
    return _simple_listing(
        _("Categories"),
        (
            ColumnSpec(_("Category"), 2),
            ColumnSpec(_("Description"), 4),
            ColumnSpec(_("Workshops"), 3, holds="ids"),
        ),
        rows,
        [every_cited(c.citations) for c in views],
    )


def phases_listing(dataset: Dataset, presentation: Presentation) -> Listing:
    """The phases of the workshop programme: how many workshops the sources count, and which are named."""
    views = list(presentation.phases.values())
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for p in views:
        members = [w.id for w in dataset.workshops if p.id in w.phases]
        counted = "" if p.workshops_counted is None else str(p.workshops_counted)
        rows.append(
            (
                (p.title.value, date_cell(p.dating), f"{counted} counted, {len(members)} named", p.id),
                {
                    **_common(p, "phase"),
                    "title": p.title.value,
                    "workshops_counted": p.workshops_counted,
                    "workshops": members,
                    **_dated(p.dating),
                    "summary": p.summary.value if p.summary else None,
                    **_tail(p),
                },
            )
        )
    return _simple_listing(
        _("Phases"),
        (ColumnSpec(_("Phase"), 3), ColumnSpec(_("Date"), 3), ColumnSpec(_("Workshops"), 2)),
        rows,
        [every_cited(p.citations, p.dating) for p in views],
    )


KIND_LISTINGS: dict[RecordKind, Callable[[Dataset, Presentation], Listing]] = {
    RecordKind.sources: sources_listing,
    RecordKind.gaps: gaps_listing,
    RecordKind.organisations: organisations_listing,
    RecordKind.people: people_listing,
    RecordKind.places: places_listing,
    RecordKind.eras: eras_listing,
    RecordKind.series: series_listing,
    RecordKind.categories: categories_listing,
    RecordKind.phases: phases_listing,
}
