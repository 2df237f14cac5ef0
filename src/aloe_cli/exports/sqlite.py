"""A SQLite database: a table per kind of record, foreign keys, and a full-text index, for datasette."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, DatedRecord

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE sources (id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, publisher TEXT, language TEXT,
                      kind TEXT NOT NULL, note TEXT);
CREATE TABLE organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL, acronym TEXT, summary TEXT, note TEXT);
CREATE TABLE names (record_id TEXT NOT NULL, name TEXT NOT NULL, lang TEXT, note TEXT);
CREATE TABLE eras (id TEXT PRIMARY KEY, title TEXT NOT NULL,
                   organisation_id TEXT REFERENCES organisations(id), summary TEXT);
CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT);
CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT);
CREATE TABLE series (id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE lineage (id TEXT PRIMARY KEY, relation TEXT NOT NULL,
                      from_id TEXT NOT NULL REFERENCES organisations(id),
                      to_id TEXT NOT NULL REFERENCES organisations(id), summary TEXT);
CREATE TABLE happenings (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, summary TEXT,
                         era_id TEXT REFERENCES eras(id), series_id TEXT REFERENCES series(id), role TEXT,
                         role_note TEXT, note TEXT, date_words TEXT, start TEXT, end TEXT,
                         disputed INTEGER NOT NULL, inferred TEXT);
CREATE TABLE dates (record_id TEXT NOT NULL, position INTEGER NOT NULL, edtf TEXT NOT NULL,
                    label TEXT NOT NULL, start TEXT, end TEXT, approximate INTEGER NOT NULL,
                    uncertain INTEGER NOT NULL, note TEXT, end_kind TEXT NOT NULL, inferred TEXT,
                    PRIMARY KEY (record_id, position));
CREATE TABLE happening_places (happening_id TEXT NOT NULL REFERENCES happenings(id),
                               place_id TEXT NOT NULL REFERENCES places(id));
CREATE TABLE happening_people (happening_id TEXT NOT NULL REFERENCES happenings(id),
                               person_id TEXT NOT NULL REFERENCES people(id));
CREATE TABLE happening_organisations (happening_id TEXT NOT NULL REFERENCES happenings(id),
                                      organisation_id TEXT NOT NULL REFERENCES organisations(id));
CREATE TABLE categories (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE phases (id TEXT PRIMARY KEY, title TEXT NOT NULL, workshops_counted INTEGER, summary TEXT);
CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, note TEXT);
CREATE TABLE workshop_categories (workshop_id TEXT NOT NULL REFERENCES workshops(id),
                                  category_id TEXT NOT NULL REFERENCES categories(id));
CREATE TABLE workshop_phases (workshop_id TEXT NOT NULL REFERENCES workshops(id),
                              phase_id TEXT NOT NULL REFERENCES phases(id));
CREATE TABLE gaps (id TEXT PRIMARY KEY, summary TEXT NOT NULL);
CREATE TABLE gap_about (gap_id TEXT NOT NULL REFERENCES gaps(id), record_id TEXT NOT NULL);
CREATE TABLE citations (record_id TEXT NOT NULL, date_position INTEGER,
                        source_id TEXT NOT NULL REFERENCES sources(id), locator TEXT, quote TEXT);
CREATE VIRTUAL TABLE search USING fts5(id UNINDEXED, kind UNINDEXED, title, body,
                                      tokenize = 'unicode61 remove_diacritics 2');
"""


def build_database(selection: Selection, connection: sqlite3.Connection) -> None:
    """Fill an empty database with the selection."""
    from aloe_cli.evidence.views import date_wording
    from aloe_cli.model.models import Event, localized

    dataset, lookup = selection.dataset, selection.lookup
    connection.executescript(SCHEMA)

    def insert(table: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    citation_rows: list[tuple[Any, ...]] = []
    date_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[Any, ...]] = []
    search_rows: list[tuple[Any, ...]] = []

    def cite(record_id: str, cited: list[Citation], position: int | None = None) -> None:
        citation_rows.extend((record_id, position, c.source, c.locator, c.quote) for c in cited)

    def dated(record: DatedRecord) -> None:
        for position, claim in enumerate(record.dates):
            edtf = claim.edtf
            date_rows.append(
                (
                    record.id,
                    position,
                    edtf.text,
                    claim.words,
                    edtf.earliest.isoformat() if edtf.earliest else None,
                    edtf.latest.isoformat() if edtf.latest else None,
                    int(edtf.approximate),
                    int(edtf.uncertain),
                    claim.note,
                    "open" if edtf.open_end else "unknown" if edtf.unknown_end else "known",
                    claim.inferred,
                )
            )
            cite(record.id, claim.sources, position)

    def text(value: dict[str, str] | None) -> str | None:
        return localized(value, lookup.lang) if value else None

    insert(
        "sources", [(s.id, s.title, s.url, s.publisher, s.language, s.kind, s.note) for s in dataset.sources]
    )
    for organisation in dataset.organisations:
        insert(
            "organisations",
            [
                (
                    organisation.id,
                    text(organisation.name),
                    text(organisation.acronym),
                    organisation.summary,
                    organisation.note,
                )
            ],
        )
        name_rows += [(organisation.id, value, lang, None) for lang, value in organisation.name.items()]
        name_rows += [(organisation.id, n.name, n.lang, n.note) for n in organisation.other_names]
        dated(organisation)
        cite(organisation.id, organisation.sources)
        search_rows.append(
            (
                organisation.id,
                "organisation",
                " / ".join(organisation.name.values()),
                " ".join([organisation.summary or "", *(n.name for n in organisation.other_names)]),
            )
        )
    insert("eras", [(e.id, text(e.title), e.organisation, e.summary) for e in dataset.eras])
    for era in dataset.eras:
        dated(era)
        cite(era.id, era.sources)
    insert("people", [(p.id, p.name, p.role) for p in dataset.people])
    insert("places", [(p.id, text(p.name), p.country) for p in dataset.places])
    insert("series", [(s.id, text(s.title)) for s in dataset.series])
    insert("lineage", [(k.id, k.relation, k.from_org, k.to_org, k.summary) for k in dataset.lineage])
    for link in dataset.lineage:
        dated(link)
        cite(link.id, link.sources)
    for record in selection.happenings:
        event = record if isinstance(record, Event) else None
        is_event = event is not None
        insert(
            "happenings",
            [
                (
                    record.id,
                    "event" if event else "milestone",
                    text(record.title),
                    record.summary,
                    record.era,
                    event.series if event else None,
                    event.role if event else None,
                    event.role_note if event else None,
                    record.note,
                    date_wording(record).text() if record.dates else None,
                    record.earliest.isoformat() if record.dates and record.earliest else None,
                    record.latest.isoformat() if record.dates and record.latest else None,
                    int(record.disputed),
                    record.inferred,
                )
            ],
        )
        insert("happening_places", [(record.id, p) for p in record.places])
        insert("happening_people", [(record.id, p) for p in record.people])
        insert("happening_organisations", [(record.id, o) for o in record.organisations])
        dated(record)
        cite(record.id, record.sources)
        where = " ".join(lookup.place_name(p) for p in record.places)
        who = " ".join(lookup.people[p].name for p in record.people)
        search_rows.append(
            (
                record.id,
                "event" if is_event else "milestone",
                " / ".join(record.title.values()),
                " ".join([record.summary or "", where, who]),
            )
        )
    insert("categories", [(c.id, text(c.title), c.description) for c in dataset.categories])
    insert("phases", [(p.id, text(p.title), p.workshops_counted, p.summary) for p in dataset.phases])
    for phase in dataset.phases:
        dated(phase)
        cite(phase.id, phase.sources)
    for workshop in dataset.workshops:
        insert("workshops", [(workshop.id, text(workshop.title), workshop.note)])
        insert("workshop_categories", [(workshop.id, c) for c in workshop.categories])
        insert("workshop_phases", [(workshop.id, p) for p in workshop.phases])
        name_rows += [(workshop.id, n.name, n.lang, n.note) for n in workshop.other_names]
        cite(workshop.id, workshop.sources)
        search_rows.append(
            (
                workshop.id,
                "workshop",
                " / ".join(workshop.title.values()),
                " ".join(n.name for n in workshop.other_names),
            )
        )
    insert("gaps", [(g.id, g.summary) for g in dataset.gaps])
    for gap in dataset.gaps:
        insert("gap_about", [(gap.id, r) for r in gap.about])
        cite(gap.id, gap.sources)
        search_rows.append((gap.id, "gap", gap.id, gap.summary))
    for person in dataset.people:
        cite(person.id, person.sources)
    for place in dataset.places:
        cite(place.id, place.sources)
    insert("names", name_rows)
    insert("dates", date_rows)
    insert("citations", citation_rows)
    insert("search", search_rows)
    connection.commit()


def export_sqlite(selection: Selection) -> bytes:
    """The database file's bytes, built in memory."""
    connection = sqlite3.connect(":memory:")
    try:
        build_database(selection, connection)
        return connection.serialize()
    finally:
        connection.close()
