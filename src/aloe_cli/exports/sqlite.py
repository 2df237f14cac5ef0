"""A SQLite database for SQL tools and datasette: every record in one table others link to, a chronology.

`records` holds every record of every kind (id, kind, title, date); each kind's own table, and every
table that names records (`dates`, `citations`, `names`, `gap_about`), has a foreign key to it, so that
datasette's page for a record lists its dates, citations and names. `chronology` is the milestones and
events in date order. Two full-text indexes read the very texts `aloe search` looks in: `records_fts`,
attached to `records` (datasette's search box there), matches whole words in any case and with or
without accents; `records_parts_fts`, attached to the view `records_by_part`, matches any part of a word
as `aloe search` does, but only as written or without accents (SQLite's trigram tokenizer folds no
accents before 3.45). Each table and column is described once, in `TABLES`: the schema is made from it, and so
is datasette's metadata (`aloe export --to datasette-metadata`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from aloe_cli.questions.names import fold_text
from aloe_cli.questions.search import search_corpus

if TYPE_CHECKING:
    from datetime import date

    from aloe_cli.exports import Selection
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.views import CitationView, Text

RECORD = "REFERENCES records(id)"

# Each table: what it holds, then its columns as (name, SQL type and constraints, description).
TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "records": ("Every record of every kind: the table the others link to. Its search box finds whole "
                "words in any case, with or without accents (economie, économie and Économie find the "
                "same records); records_by_part finds any part of a word.", [
        ("id", "TEXT PRIMARY KEY", "The record's id, as in the dataset and `aloe show ID`."),
        ("kind", "TEXT NOT NULL", "source, organisation, lineage, era, person, place, series, milestone, "
                                  "event, category, phase, workshop or gap."),
        ("title", "TEXT", "Its title or name, in the export's language."),
        ("date_words", "TEXT", "Its date in the sources' words, the exact days, the doubt (dated records)."),
        ("start", "TEXT", "The earliest day it may have started (ISO 8601); empty when unknown or open."),
        ("end", "TEXT", "The latest day it may have ended (ISO 8601); empty when unknown or open."),
        ("disputed", "INTEGER", "1 when its sources give dates that disagree (see dates)."),
        ("search_text", "TEXT", "What `aloe search` looks in, as written and without accents: the full-text "
                                "indexes read it."),
    ]),
    "sources": ("The documents the dataset cites.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The source's id."),
        ("title", "TEXT NOT NULL", "Its title; in [brackets] where the title is a description in our words."),
        ("url", "TEXT", "Where it can be read."),
        ("author", "TEXT", "Who wrote it."),
        ("publisher", "TEXT", "Who published it."),
        ("language", "TEXT", "Its language."),
        ("kind", "TEXT NOT NULL", "primary, secondary or notes (the dataset authors' own)."),
        ("note", "TEXT", "What it is and how far to trust it."),
    ]),
    "organisations": ("The bodies of the lineage.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The organisation's id."),
        ("name", "TEXT NOT NULL", "Its name, in the export's language."),
        ("acronym", "TEXT", "Its acronym."),
        ("summary", "TEXT", "What it is, in the dataset authors' words."),
        ("note", "TEXT", "A note for readers."),
    ]),
    "names": ("Names of organisations and workshops in every language, and their other names.", [
        ("record_id", f"TEXT NOT NULL {RECORD}", "The record named."),
        ("name", "TEXT NOT NULL", "The name."),
        ("lang", "TEXT", "Its language code."),
        ("note", "TEXT", "Who uses it, and when."),
    ]),
    "eras": ("The periods of the timeline (our periodisation).", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The era's id."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("organisation_id", "TEXT REFERENCES organisations(id)", "The body that carried the work."),
        ("summary", "TEXT", "What it is."),
    ]),
    "people": ("The people the sources name.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The person's id."),
        ("name", "TEXT NOT NULL", "Their name."),
        ("role", "TEXT", "Their part, as the sources describe it."),
    ]),
    "places": ("The places the sources name.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The place's id."),
        ("name", "TEXT NOT NULL", "Its name."),
        ("country", "TEXT", "Its country."),
    ]),
    "series": ("Recurring gatherings.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The series' id."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("acronym", "TEXT", "What the sources call it for short."),
    ]),
    "lineage": ("How the organisations came from one another.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The link's id."),
        ("relation", "TEXT NOT NULL", "emerged_within, became or supported_by."),
        ("from_id", "TEXT NOT NULL REFERENCES organisations(id)", "The organisation the link starts from."),
        ("to_id", "TEXT NOT NULL REFERENCES organisations(id)", "The organisation it goes to."),
        ("summary", "TEXT", "What happened."),
    ]),
    "happenings": ("Milestones (steps of the organisations' own history) and events (gatherings of others "
                   "they took part in); `chronology` lists them in date order.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The record's id."),
        ("kind", "TEXT NOT NULL", "milestone or event."),
        ("date_words", "TEXT", "The date in the sources' words, the exact days, and the doubt."),
        ("start", "TEXT", "The earliest day it may have begun (ISO 8601)."),
        ("end", "TEXT", "The latest day it may have ended (ISO 8601)."),
        ("disputed", "INTEGER NOT NULL", "1 when its sources give dates that disagree (see dates)."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("summary", "TEXT", "What happened."),
        ("places_are", "TEXT", "How its places (happening_places) read: all (it happened in each), one-of "
                               "(in one of them, no source says which) or unknown (an event no source "
                               "places); empty for a milestone no source places."),
        ("era_id", "TEXT REFERENCES eras(id)", "The era it belongs to."),
        ("series_id", "TEXT REFERENCES series(id)", "The series an event is one of."),
        ("role", "TEXT", "An event: the WSSE's part (theme_lead, participant, context)."),
        ("role_note", "TEXT", "That part in the sources' words."),
        ("inferred", "TEXT", "Set when the record is our reading, not a source's: why."),
        ("note", "TEXT", "A note for readers."),
    ]),
    "dates": ("Every dating of every record, one row per claim, each with its own citations.", [
        ("record_id", f"TEXT NOT NULL {RECORD}", "The record dated."),
        ("position", "INTEGER NOT NULL", "The claim's place among the record's (0 is shown first)."),
        ("edtf", "TEXT NOT NULL", "The date as EDTF, as precise as its source."),
        ("label", "TEXT NOT NULL", "The date in the source's words."),
        ("start", "TEXT", "The earliest day the claim allows."),
        ("end", "TEXT", "The latest day the claim allows."),
        ("end_kind", "TEXT NOT NULL", "known, open (a source says it goes on) or unknown (no source says)."),
        ("approximate", "INTEGER NOT NULL", "1 when the source gives it as approximate."),
        ("uncertain", "INTEGER NOT NULL", "1 when the source gives it as uncertain."),
        ("inferred", "TEXT", "Set when this dating is our reading: why."),
        ("note", "TEXT", "How the source words it, why it differs."),
    ], ),
    "citations": ("Where each fact comes from: a source and the place in it.", [
        ("record_id", f"TEXT NOT NULL {RECORD}", "The record cited for."),
        ("date_position", "INTEGER", "The claim of `dates` this citation is for; empty: the record's own."),
        ("source_id", "TEXT NOT NULL REFERENCES sources(id)", "The source."),
        ("locator", "TEXT", "Where in it: a paragraph, a section, a page."),
        ("quote", "TEXT", "A short quoted phrase, where the exact wording matters."),
        ("supports", "TEXT", "The record's statements it gives, space-separated: 'summary name.fr'."),
    ]),
    "media": ("Images, scans and documents shown with records, each with its words and sources.", [
        ("record_id", f"TEXT NOT NULL {RECORD}", "The record it is shown with."),
        ("position", "INTEGER NOT NULL", "Its place among the record's media (0 first)."),
        ("kind", "TEXT NOT NULL", "image, scan, document, video, audio or link."),
        ("url", "TEXT", "Its web address (when it is on the web)."),
        ("path", "TEXT", "Its file, relative to the dataset's folder (when it is beside the dataset)."),
        ("alt", "TEXT", "What it shows, in words (an image's alt text)."),
        ("caption", "TEXT", "Its caption."),
        ("credit", "TEXT", "Who made or holds it."),
        ("sources", "TEXT", "The sources it comes from: 'id locator', separated by '; '."),
    ]),
    "happening_places": ("Where milestones and events took place.", [
        ("happening_id", "TEXT NOT NULL REFERENCES happenings(id)", "The milestone or event."),
        ("place_id", "TEXT NOT NULL REFERENCES places(id)", "The place."),
    ]),
    "happening_people": ("The people named in milestones and events.", [
        ("happening_id", "TEXT NOT NULL REFERENCES happenings(id)", "The milestone or event."),
        ("person_id", "TEXT NOT NULL REFERENCES people(id)", "The person."),
    ]),
    "happening_organisations": ("The organisations that took part.", [
        ("happening_id", "TEXT NOT NULL REFERENCES happenings(id)", "The milestone or event."),
        ("organisation_id", "TEXT NOT NULL REFERENCES organisations(id)", "The organisation."),
    ]),
    "categories": ("The categories of the workshops.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The category's id."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("description", "TEXT NOT NULL", "What it groups."),
    ]),
    "phases": ("The periods of the workshop programme.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The phase's id."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("workshops_counted", "INTEGER", "How many workshops the sources count in it."),
        ("summary", "TEXT", "What it is."),
    ]),
    "workshops": ("The thematic workshops.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The workshop's id."),
        ("title", "TEXT NOT NULL", "Its title."),
        ("note", "TEXT", "A note for readers."),
    ]),
    "workshop_categories": ("The categories each workshop is in.", [
        ("workshop_id", "TEXT NOT NULL REFERENCES workshops(id)", "The workshop."),
        ("category_id", "TEXT NOT NULL REFERENCES categories(id)", "The category."),
    ]),
    "workshop_phases": ("The phases each workshop belongs to.", [
        ("workshop_id", "TEXT NOT NULL REFERENCES workshops(id)", "The workshop."),
        ("phase_id", "TEXT NOT NULL REFERENCES phases(id)", "The phase."),
    ]),
    "gaps": ("What the sources leave unknown or ambiguous, recorded instead of guessed.", [
        ("id", f"TEXT PRIMARY KEY {RECORD}", "The gap's id."),
        ("summary", "TEXT NOT NULL", "What is unknown."),
    ]),
    "gap_about": ("The records each gap concerns.", [
        ("gap_id", "TEXT NOT NULL REFERENCES gaps(id)", "The gap."),
        ("record_id", f"TEXT NOT NULL {RECORD}", "A record it concerns."),
    ]),
}  # fmt: skip

CHRONOLOGY = (
    "CREATE VIEW chronology AS SELECT start, end, date_words, disputed, kind, id, title, era_id, summary "
    "FROM happenings ORDER BY start IS NULL, start, id"
)
CHRONOLOGY_DESCRIPTION = "The milestones and events in date order, each with its date in the sources' words."
# Whole words, folded by the tokenizer in the index and in the query alike ('remove_diacritics 2' also
# folds a letter whose accent Unicode gives as a separate mark: since SQLite 3.27): datasette's search box.
WORD_INDEX = (
    "CREATE VIRTUAL TABLE records_fts USING fts5(title, search_text, content='records', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
)
# Any part of a word, as `aloe search` matches. The trigram tokenizer keeps accents (its
# 'remove_diacritics' needs SQLite 3.45, and a file made with it could not be read by an older SQLite):
# the indexed text holds each text without accents as well, so a query typed without them finds all.
PART_INDEX = (
    "CREATE VIRTUAL TABLE records_parts_fts USING fts5(title, search_text, content='records', "
    "content_rowid='rowid', tokenize='trigram')"
)
BY_PART = (
    "CREATE VIEW records_by_part AS SELECT rowid AS record_rowid, id, kind, title, date_words, start, end, "
    "disputed FROM records"
)
BY_PART_DESCRIPTION = (
    "Every record, searched by any part of a word as `aloe search` does (socio finds socioeconomy); type "
    "without accents to find every spelling (economie, not économie: this index keeps accents apart)."
)


def schema_sql() -> str:
    """The CREATE statements, made from `TABLES`."""
    statements = [
        f"CREATE TABLE {name} (" + ", ".join(f"{column} {sql}" for column, sql, _ in columns) + ")"
        for name, (_, columns) in TABLES.items()
    ]
    return ";\n".join([*statements, CHRONOLOGY, WORD_INDEX, PART_INDEX, BY_PART]) + ";\n"


def build_database(selection: Selection, connection: sqlite3.Connection) -> None:
    """Fill an empty database with the selection."""
    presentation = selection.presentation
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(schema_sql())
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}

    def cite(record_id: str, cited: tuple[CitationView, ...], position: int | None = None) -> None:
        rows["citations"].extend(
            (record_id, position, c.source, c.locator, c.quote, " ".join(c.supports) or None) for c in cited
        )

    def dated(record_id: str, dating: Dating | None) -> None:
        for position, claim in enumerate(dating.claims if dating else ()):
            rows["dates"].append((
                record_id, position, claim.edtf, claim.words, day(claim.earliest), day(claim.latest),
                claim.end_kind, int(claim.approximate), int(claim.uncertain), claim.inferred, claim.note,
            ))  # fmt: skip
            cite(record_id, claim.citations, position)

    def text(value: Text | None) -> str | None:
        return value.value if value else None

    def day(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    corpus = search_corpus(presentation.dataset)
    for titled in presentation.record_titles(selection.happenings):
        texts = corpus[titled.id]
        dating = titled.dating
        rows["records"].append((
            titled.id, titled.kind, titled.title, dating.text() if dating else None,
            day(dating.earliest) if dating else None, day(dating.latest) if dating else None,
            int(dating.disputed) if dating else None,
            " | ".join([*texts, *(fold_text(t) for t in texts)]),
        ))  # fmt: skip
    for record_id, media in presentation.every_medium(selection.happenings):
        rows["media"] += [
            (record_id, position, m.kind, m.href if m.remote else None, None if m.remote else m.href,
             m.alt or None, m.caption or None, m.credit or None, m.cited_words or None)
            for position, m in enumerate(media)
        ]  # fmt: skip
    for s in presentation.sources:
        rows["sources"].append((s.id, s.title, s.url, s.author, s.publisher, s.language, s.kind, s.note))
    for organisation in presentation.organisations.values():
        rows["organisations"].append((organisation.id, text(organisation.name), text(organisation.acronym),
                                      text(organisation.summary), organisation.note))  # fmt: skip
        rows["names"] += [
            (organisation.id, value, lang, None) for lang, value in organisation.name.every.items()
        ]
        rows["names"] += [(organisation.id, n.name, n.lang, n.note) for n in organisation.other_names]
        dated(organisation.id, organisation.dating)
        cite(organisation.id, organisation.citations)
    for era in presentation.eras.values():
        rows["eras"].append((era.id, text(era.title), era.organisation, text(era.summary)))
        dated(era.id, era.dating)
        cite(era.id, era.citations)
    rows["people"] = [(p.id, p.name, p.role) for p in presentation.people.values()]
    rows["places"] = [(p.id, text(p.name), text(p.country)) for p in presentation.places.values()]
    rows["series"] = [(s.id, text(s.title), text(s.acronym)) for s in presentation.series.values()]
    for link in presentation.lineage:
        rows["lineage"].append((link.id, link.relation, link.from_org.id, link.to_org.id, text(link.summary)))
        dated(link.id, link.dating)
        cite(link.id, link.citations)
    for record in selection.happenings:
        dating = record.dating
        rows["happenings"].append((
            record.id, record.kind, dating.text() if dating else None,
            day(dating.earliest) if dating else None, day(dating.latest) if dating else None,
            int(dating.disputed) if dating else 0, text(record.title), text(record.summary),
            record.places_are, record.era_id, record.series_id, record.role, text(record.role_note),
            record.inferred, record.note,
        ))  # fmt: skip
        rows["happening_places"] += [(record.id, p.id) for p in record.places]
        rows["happening_people"] += [(record.id, p.id) for p in record.people]
        rows["happening_organisations"] += [(record.id, o.id) for o in record.organisations]
        dated(record.id, dating)
        cite(record.id, record.citations)
    categories = presentation.categories.values()
    rows["categories"] = [(c.id, text(c.title), text(c.description)) for c in categories]
    for category in categories:
        cite(category.id, category.citations)
    for phase in presentation.phases.values():
        rows["phases"].append((phase.id, text(phase.title), phase.workshops_counted, text(phase.summary)))
        dated(phase.id, phase.dating)
        cite(phase.id, phase.citations)
    for workshop in presentation.workshops:
        rows["workshops"].append((workshop.id, text(workshop.title), workshop.note))
        rows["workshop_categories"] += [(workshop.id, c.id) for c in workshop.categories]
        rows["workshop_phases"] += [(workshop.id, p.id) for p in workshop.phases]
        rows["names"] += [(workshop.id, n.name, n.lang, n.note) for n in workshop.other_names]
        cite(workshop.id, workshop.citations)
    exported = {row[0] for row in rows["records"]}
    for gap in presentation.gaps:
        rows["gaps"].append((gap.id, text(gap.summary)))
        rows["gap_about"] += [(gap.id, r) for r in gap.about if r in exported]  # a filter may leave some out
        cite(gap.id, gap.citations)
    for person in presentation.people.values():
        cite(person.id, person.citations)
    for place in presentation.places.values():
        cite(place.id, place.citations)
    for series in presentation.series.values():
        cite(series.id, series.citations)
    for table, values in rows.items():  # in TABLES' order: a row's references are in before it
        if values:
            marks = ", ".join("?" * len(values[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    for index in ("records_fts", "records_parts_fts"):
        connection.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    connection.commit()


def export_sqlite(selection: Selection) -> bytes:
    """The database file's bytes, built in memory."""
    connection = sqlite3.connect(":memory:")
    try:
        build_database(selection, connection)
        return connection.serialize()
    finally:
        connection.close()


def datasette_metadata(selection: Selection) -> dict[str, Any]:
    """What datasette shows about the database: title, description, source, licence, every column."""
    presentation = selection.presentation
    primary = [s for s in presentation.sources if s.kind == "primary" and s.url]
    tables: dict[str, Any] = {
        name: {
            "description": description,
            "columns": {column: words for column, _, words in columns},
            **({"sort": "start"} if name == "happenings" else {}),
        }
        for name, (description, columns) in TABLES.items()
    }
    tables["records"]["fts_table"] = "records_fts"
    tables["records"]["fts_pk"] = "rowid"
    tables["records"]["searchmode"] = "escaped"
    tables["chronology"] = {"description": CHRONOLOGY_DESCRIPTION}
    tables["records_by_part"] = {
        "description": BY_PART_DESCRIPTION,
        "fts_table": "records_parts_fts",
        "fts_pk": "record_rowid",
        "searchmode": "escaped",
    }
    metadata: dict[str, Any] = {
        "title": presentation.title,
        "description": presentation.description or presentation.title,
        # A licence is the dataset's to state; aloe's format has no field for it, so none is claimed.
        "license": "Not stated by the dataset: see each source's own terms",
        "source": ", ".join(s.title for s in primary) or "The sources listed in the sources table",
        "databases": {"aloe": {"tables": tables}},
    }
    if primary:
        metadata["source_url"] = primary[0].url
    return metadata


def export_datasette_metadata(selection: Selection) -> bytes:
    """Datasette's metadata for the SQLite export (`datasette aloe.sqlite -m metadata.json`), UTF-8 JSON."""
    return (json.dumps(datasette_metadata(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
