"""Listings of every other kind of record: sources, gaps, people, places, organisations, eras, series ...

Each kind is an entry of KIND_LISTINGS, keyed by the RecordKind enum; a test walks every member, so a
kind cannot be half-added. Every listing gives the usual formats (table, JSON, CSV, YAML, Markdown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aloe_cli.evidence.views import CitedSource, Listing, Lookup, date_cell, dated_fields
from aloe_cli.kinds import RecordKind
from aloe_cli.model.models import fields_as_json

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset, SourcedRecord


def _cited_by(dataset: Dataset) -> dict[str, list[str]]:
    """Source id -> the ids of the records that cite it, in dataset order."""
    from aloe_cli.model.models import RECORD_KINDS, citations_of

    found: dict[str, list[str]] = {source.id: [] for source in dataset.sources}
    records: list[Any] = [r for list_name in RECORD_KINDS for r in getattr(dataset, list_name)]
    for record in records:
        for citation in citations_of(record):
            ids = found.setdefault(citation.source, [])
            if not ids or ids[-1] != record.id:
                ids.append(record.id)
    return found


def sources_listing(dataset: Dataset, lookup: Lookup, only: set[str] | None = None) -> Listing:
    """Every source (or those in `only`) with its kind, address, and the records that cite it."""
    cited_by = _cited_by(dataset)
    listing = Listing(
        title="Sources",
        columns=("Source", "Kind", "Address", "Cited by", "ID"),
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
        widths=(4, 1, 3, 2),
        legend="A title in [square brackets] describes a page whose own title was not read.",
    )
    for source in dataset.sources:
        if only is not None and source.id not in only:
            continue
        citing = cited_by.get(source.id, [])
        listing.groups.append(None)
        listing.cells.append(
            (source.display_title, source.kind, source.url or "", f"{len(citing)} records", source.id)
        )
        listing.records.append(
            {
                "id": source.id,
                "kind": "source",
                "title": source.display_title,
                "descriptive_title": source.descriptive_title,
                "source_kind": source.kind,
                "type": source.type,
                "author": "; ".join(a.display for a in source.author_names) or None,
                "authors": [
                    {key: value for key, value in fields_as_json(a).items() if value is not None}
                    for a in source.authors
                ],
                "issued": source.issued.text if source.issued else None,
                "container": source.container,
                "publisher": source.publisher,
                "place": source.place,
                "doi": source.doi,
                "language": source.language,
                "url": source.url,
                "copy_read": source.copy_read,
                "archived": source.archived,
                "accessed": source.accessed.text if source.accessed else None,
                "note": source.note,
                "cited_by": citing,
            }
        )
    return listing


def gaps_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """What the sources leave open: a research agenda, each gap with what it is about and its sources."""
    listing = Listing(
        title="What the sources leave open",
        columns=("Gap", "About", "ID"),
        fields=("id", "kind", "summary", "about", "sources", "note"),
        widths=(5, 2),
        title_column=0,
        id_columns=(1,),
    )
    for gap in dataset.gaps:
        listing.groups.append(None)
        listing.cells.append((gap.summary, ", ".join(gap.about), gap.id))
        listing.citations.append(lookup.cited_by(gap))
        listing.records.append(
            {
                "id": gap.id,
                "kind": "gap",
                "summary": gap.summary,
                "about": list(gap.about),
                "sources": [lookup.citation(c) for c in gap.sources],
                "note": gap.note,
            }
        )
    return listing


def _simple_listing(
    title: str,
    columns: tuple[str, ...],
    rows: list[tuple[tuple[str, ...], dict[str, object]]],
    widths: tuple[int, ...],
    id_columns: tuple[int, ...] = (),
    citations: list[tuple[CitedSource, ...]] | None = None,
) -> Listing:
    """A listing whose records share their fields, from (cells, JSON record) pairs, and their sources."""
    fields = tuple(rows[0][1]) if rows else ("id", "kind")
    listing = Listing(
        title=title, columns=columns, fields=fields, widths=widths, title_column=0, id_columns=id_columns
    )
    for cells, record in rows:
        listing.groups.append(None)
        listing.cells.append(cells)
        listing.records.append(record)
    listing.citations.extend(citations or [])
    return listing


def _common(record: SourcedRecord, kind: str) -> dict[str, object]:
    return {"id": record.id, "kind": kind}


def _tail(record: SourcedRecord, lookup: Lookup) -> dict[str, object]:
    return {
        "note": record.note,
        "inferred": record.inferred,
        "sources": [lookup.citation(c) for c in record.sources],
    }


def organisations_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The organisations, their names, acronyms and dates."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for org in dataset.organisations:
        name = localized(org.name, lookup.lang)
        acronym = localized(org.acronym, lookup.lang) if org.acronym else ""
        rows.append(
            (
                (name, acronym, date_cell(org), org.id),
                {
                    **_common(org, "organisation"),
                    "name": name,
                    "acronym": acronym or None,
                    **dated_fields(org, lookup),
                    "summary": org.summary,
                    **_tail(org, lookup),
                },
            )
        )
    return _simple_listing(
        "Organisations",
        ("Name", "Acronym", "Date", "ID"),
        rows,
        (4, 1, 3),
        citations=[lookup.cited_by(r) for r in dataset.organisations],
    )


def people_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The people the sources name, with what they did."""
    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (
            (p.name, p.role or "", p.id),
            {**_common(p, "person"), "name": p.name, "role": p.role, **_tail(p, lookup)},
        )
        for p in dataset.people
    ]
    return _simple_listing(
        "People", ("Name", "Role", "ID"), rows, (2, 5), citations=[lookup.cited_by(r) for r in dataset.people]
    )


def places_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The places, with their country."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (
            (localized(p.name, lookup.lang), p.country or "", p.id),
            {
                **_common(p, "place"),
                "name": localized(p.name, lookup.lang),
                "country": p.country,
                **_tail(p, lookup),
            },
        )
        for p in dataset.places
    ]
    return _simple_listing(
        "Places",
        ("Name", "Country", "ID"),
        rows,
        (3, 2),
        citations=[lookup.cited_by(r) for r in dataset.places],
    )


def eras_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The eras of the timeline, with their dates and organisations."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (
            (localized(e.title, lookup.lang), date_cell(e), e.organisation or "", e.id),
            {
                **_common(e, "era"),
                "title": localized(e.title, lookup.lang),
                "organisation": e.organisation,
                **dated_fields(e, lookup),
                "summary": e.summary,
                **_tail(e, lookup),
            },
        )
        for e in dataset.eras
    ]
    return _simple_listing(
        "Eras",
        ("Era", "Date", "Organisation", "ID"),
        rows,
        (4, 3, 2),
        id_columns=(2,),
        citations=[lookup.cited_by(r) for r in dataset.eras],
    )


def series_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The recurring gatherings, with their events."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for s in dataset.series:
        events = [e.id for e in dataset.events if e.series == s.id]
        acronym = localized(s.acronym, lookup.lang) if s.acronym else ""
        rows.append(
            (
                (localized(s.title, lookup.lang), acronym, ", ".join(events), s.id),
                {
                    **_common(s, "series"),
                    "title": localized(s.title, lookup.lang),
                    "acronym": acronym or None,
                    "events": events,
                    **_tail(s, lookup),
                },
            )
        )
    return _simple_listing(
        "Series",
        ("Series", "Acronym", "Events", "ID"),
        rows,
        (3, 1, 4),
        id_columns=(2,),
        citations=[lookup.cited_by(r) for r in dataset.series],
    )


def categories_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The workshop categories, with their workshops."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for c in dataset.categories:
        members = [w.id for w in dataset.workshops if c.id in w.categories]
        rows.append(
            (
                (localized(c.title, lookup.lang), c.description, ", ".join(members), c.id),
                {
                    **_common(c, "category"),
                    "title": localized(c.title, lookup.lang),
                    "description": c.description,
                    "workshops": members,
                    **_tail(c, lookup),
                },
            )
        )
    return _simple_listing(
        "Categories",
        ("Category", "Description", "Workshops", "ID"),
        rows,
        (2, 4, 3),
        id_columns=(2,),
        citations=[lookup.cited_by(r) for r in dataset.categories],
    )


def phases_listing(dataset: Dataset, lookup: Lookup) -> Listing:
    """The phases of the workshop programme: how many workshops the sources count, and which are named."""
    from aloe_cli.model.models import localized

    rows: list[tuple[tuple[str, ...], dict[str, object]]] = []
    for p in dataset.phases:
        members = [w.id for w in dataset.workshops if p.id in w.phases]
        counted = "" if p.workshops_counted is None else str(p.workshops_counted)
        rows.append(
            (
                (
                    localized(p.title, lookup.lang),
                    date_cell(p),
                    f"{counted} counted, {len(members)} named",
                    p.id,
                ),
                {
                    **_common(p, "phase"),
                    "title": localized(p.title, lookup.lang),
                    "workshops_counted": p.workshops_counted,
                    "workshops": members,
                    **dated_fields(p, lookup),
                    "summary": p.summary,
                    **_tail(p, lookup),
                },
            )
        )
    return _simple_listing(
        "Phases",
        ("Phase", "Date", "Workshops", "ID"),
        rows,
        (3, 3, 2),
        citations=[lookup.cited_by(r) for r in dataset.phases],
    )


KIND_LISTINGS: dict[RecordKind, Callable[[Dataset, Lookup], Listing]] = {
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
