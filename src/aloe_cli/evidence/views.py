"""Records turned into listings: the JSON contract of each row, and the cells people read in a table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aloe_cli.evidence.payloads import (
    CitationJSON,
    ClaimJSON,
    DatedJSON,
    HappeningJSON,
    JSONRecord,
    ReferenceJSON,
    WorkshopJSON,
)
from aloe_cli.model.models import (
    Citation,
    Dataset,
    DateClaim,
    DatedRecord,
    Event,
    Happening,
    Workshop,
    citations_of,
    localized,
)

ROLE_WORDS = {
    "theme_lead": "in charge of the solidarity economy theme",
    "participant": "took part",
    "context": "context (no source says the WSSE took part)",
}


HAPPENING_FIELDS = (
    "id", "kind", "title", "date", "date_label", "date_words", "start", "end", "uncertain", "disputed",
    "claims",
    "era", "era_title", "summary", "places", "people", "organisations", "sources", "note", "inferred",
)  # fmt: skip
EVENT_FIELDS = (*HAPPENING_FIELDS, "series", "series_title", "role", "role_note")
WORKSHOP_FIELDS = ("id", "kind", "title", "category", "phases", "other_names", "probably_same_as", "note",
                   "inferred", "sources")  # fmt: skip


class CitedSource(NamedTuple):
    """One citation resolved for people: which source, where in it, its title as cited, its address."""

    source: str
    locator: str | None
    title: str  # in [brackets] where the title is a description, not the document's own
    url: str | None

    def short(self) -> str:
        """'story ¶4' or 'findhorn-report'."""
        return f"{self.source} {self.locator}" if self.locator else self.source

    def full(self) -> str:
        """'story ¶4 — A story... <https://...>'."""
        return f"{self.short()} — {self.title}" + (f" <{self.url}>" if self.url else "")


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


class Lookup:
    """Names of the records a row refers to, in the chosen language."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.dataset = dataset
        self.lang = lang
        self.sources = {s.id: s for s in dataset.sources}
        self.places = {p.id: p for p in dataset.places}
        self.people = {p.id: p for p in dataset.people}
        self.organisations = {o.id: o for o in dataset.organisations}
        self.eras = {e.id: e for e in dataset.eras}
        self.series = {s.id: s for s in dataset.series}
        self.categories = {c.id: c for c in dataset.categories}
        self.phases = {p.id: p for p in dataset.phases}
        # Citations and names repeat across records: each is built once and shared (never mutated).
        self._citations: dict[tuple[str, str | None, str | None, tuple[str, ...]], CitationJSON] = {}
        self._place_names: dict[str, str] = {}
        self._references: dict[tuple[str, str], ReferenceJSON] = {}
        self._cited: dict[tuple[str, str | None], CitedSource] = {}

    def place_name(self, place_id: str) -> str:
        """'Findhorn ecovillage (Scotland)'."""
        if place_id not in self._place_names:
            place = self.places[place_id]
            name = localized(place.name, self.lang)
            self._place_names[place_id] = f"{name} ({place.country})" if place.country else name
        return self._place_names[place_id]

    def reference(self, kind: str, record_id: str) -> ReferenceJSON:
        """`{"id", "name"}` of a place, person or organisation a record names (built once, shared)."""
        key = (kind, record_id)
        found = self._references.get(key)
        if found is None:
            if kind == "place":
                name = self.place_name(record_id)
            elif kind == "person":
                name = self.people[record_id].name
            else:
                name = self.organisation_name(record_id)
            found = self._references[key] = ReferenceJSON(id=record_id, name=name)
        return found

    def organisation_name(self, organisation_id: str) -> str:
        """The acronym where there is one, else the short name, else the name."""
        organisation = self.organisations[organisation_id]
        return localized(organisation.acronym or organisation.short_name or organisation.name, self.lang)

    def citation(self, citation: Citation) -> CitationJSON:
        """A citation as the JSON contract gives it: the source's id, where in it, title and URL."""
        key = (citation.source, citation.locator, citation.quote, tuple(citation.supports))
        known = self._citations.get(key)
        if known is not None:
            return known
        source = self.sources[citation.source]
        found: CitationJSON = {
            "source": citation.source,
            "locator": citation.locator,
            "title": source.display_title,
            "descriptive_title": source.descriptive_title,
            "url": source.url,
            "supports": list(citation.supports),
        }
        if citation.quote:
            found["quote"] = citation.quote
        self._citations[key] = found
        return found

    def cited(self, citation: Citation) -> CitedSource:
        """A citation resolved for people (built once per distinct citation, shared)."""
        key = (citation.source, citation.locator)
        found = self._cited.get(key)
        if found is None:
            source = self.sources[citation.source]
            found = self._cited[key] = CitedSource(
                citation.source, citation.locator, source.display_title, source.url
            )
        return found

    def cited_by(self, record: Any) -> tuple[CitedSource, ...]:
        """Every source a record cites, its claims' and its other names' included, each once, in order."""
        return tuple(dict.fromkeys(self.cited(c) for c in citations_of(record)))

    def claims_note(self, record: DatedRecord) -> ClaimsNote:
        """The claims of a record, each with its own sources."""
        return ClaimsNote(
            record.id,
            tuple(
                ClaimNote(claim.words, tuple(self.cited(c) for c in claim.sources), bool(claim.inferred))
                for claim in record.dates
            ),
            record.disputed,
        )


def iso(day: Any) -> str | None:
    """An ISO 8601 day, or None."""
    return day.isoformat() if day is not None else None


def claim_record(claim: DateClaim, lookup: Lookup) -> ClaimJSON:
    """One dated claim in the JSON contract."""
    edtf = claim.edtf
    found: ClaimJSON = {
        "date": edtf.text,
        "date_label": claim.words,
        "start": iso(edtf.earliest),
        "end": iso(edtf.latest),
        "start_precision": edtf.start_precision,
        "end_precision": edtf.end_precision,
        "end_kind": "open" if edtf.open_end else "unknown" if edtf.unknown_end else "known",
        "approximate": edtf.approximate,
        "uncertain": edtf.uncertain,
        "inferred": claim.inferred,
        "sources": [lookup.citation(c) for c in claim.sources],
    }
    if claim.note:
        found["note"] = claim.note
    return found


def dated_fields(record: DatedRecord, lookup: Lookup) -> DatedJSON:
    """The date fields every dated record carries: first claim, possible span, and all claims."""
    claim = record.date_claim
    return {
        "date": claim.edtf.text if claim else None,
        "date_label": claim.words if claim else None,
        "date_words": date_wording(record).text() if claim else None,
        "start": iso(record.earliest),
        "end": iso(record.latest),
        "uncertain": record.uncertain,
        "disputed": record.disputed,
        "claims": [claim_record(c, lookup) for c in record.dates],
    }


DATE_LEGEND = (
    "Dates: the source's own words, then in brackets the exact days another source gives; "
    "aloe show ID gives every claim with its source."
)


class DateWording(NamedTuple):
    """A record's date as people read it: the source's words, exact days where known, and the doubt."""

    words: str  # the first claim in its source's own words ("2002", "mid-1997")
    exact: str | None  # the exact days, where a claim that agrees gives them
    doubts: tuple[str, ...]  # "approximate", "uncertain", "our reading"; "disputed" is the record's own

    def text(self) -> str:
        """'2002 (31 January – 5 February 2002)'."""
        return f"{self.words} ({self.exact})" if self.exact else self.words


def date_wording(record: DatedRecord) -> DateWording:
    """The first claim in the source's words, the exact days a claim that agrees gives, and the doubt."""
    claim = record.date_claim
    if claim is None:
        return DateWording("undated", None, ())
    exact_claim = record.finest_claim or claim
    exact: str | None = exact_claim.exact_words
    # One claim: its value is worth showing beside its label only where it gives the day.
    if exact_claim is claim and (
        not claim.label or claim.edtf.qualified or claim.edtf.start_precision != "day"
    ):
        exact = None
    if exact == claim.words:
        exact = None
    edtf = claim.edtf
    doubts: list[str] = []
    if edtf.approximate:
        doubts.append("approximate")
    elif edtf.uncertain:
        doubts.append("uncertain")
    shown = f"{claim.words} {exact or ''}"
    if (edtf.open_end or edtf.open_start) and " on" not in shown and "until" not in shown:
        doubts.append("open")
    if edtf.unknown_end and "end unknown" not in shown:
        doubts.append("end unknown")
    if edtf.unknown_start and "start unknown" not in shown:
        doubts.append("start unknown")
    if claim.inferred or (exact is not None and exact_claim.inferred):
        doubts.append("our reading")
    return DateWording(claim.words, exact, tuple(doubts))


def date_cell(record: DatedRecord, disputed_mark: str = "(disputed: see below)") -> str:
    """The date as people read it: the source's words, exact days where known, and how sure it is."""
    wording = date_wording(record)
    lines = [wording.text()]
    if wording.doubts:
        lines.append(f"({'; '.join(wording.doubts)})")
    if record.disputed:
        lines.append(disputed_mark)
    return "\n".join(lines)


def dates_in_words(record: DatedRecord, lookup: Lookup) -> str:
    """Every claim on one line: 'October 2005; disputed: 22–26 November 2005 (ripess-dakar)'."""
    wording = date_wording(record)
    text = f"{wording.text()} ({'; '.join(wording.doubts)})" if wording.doubts else wording.text()
    if record.disputed:
        text = "disputed: " + "; ".join(claim.named() for claim in lookup.claims_note(record).claims)
    return text


def happening_record(record: Happening, lookup: Lookup) -> HappeningJSON:
    """A milestone or event in the JSON contract."""
    era = lookup.eras.get(record.era) if record.era else None
    dated = dated_fields(record, lookup)
    row: HappeningJSON = {
        "id": record.id,
        "kind": "event" if isinstance(record, Event) else "milestone",
        "title": localized(record.title, lookup.lang),
        "date": dated["date"],
        "date_label": dated["date_label"],
        "date_words": dated["date_words"],
        "start": dated["start"],
        "end": dated["end"],
        "uncertain": dated["uncertain"],
        "disputed": dated["disputed"],
        "claims": dated["claims"],
        "era": record.era,
        "era_title": localized(era.title, lookup.lang) if era else None,
        "summary": record.summary,
        "places": [lookup.reference("place", p) for p in record.places],
        "people": [lookup.reference("person", p) for p in record.people],
        "organisations": [lookup.reference("organisation", o) for o in record.organisations],
        "sources": [lookup.citation(c) for c in record.sources],
        "note": record.note,
        "inferred": record.inferred,
    }
    if isinstance(record, Event):
        series = lookup.series.get(record.series) if record.series else None
        row["series"] = record.series
        row["series_title"] = localized(series.title, lookup.lang) if series else None
        row["role"] = record.role
        row["role_note"] = record.role_note
    return row


def _who(record: Happening, lookup: Lookup) -> str:
    names = [lookup.people[p].name for p in record.people]
    return ", ".join(names or [lookup.organisation_name(o) for o in record.organisations])


def _where(record: Happening, lookup: Lookup) -> str:
    return "; ".join(lookup.place_name(p) for p in record.places)


def timeline_listing(records: list[Happening], lookup: Lookup) -> Listing:
    """The chronology, grouped by era in the dataset's order of eras."""
    era_order = {era_id: position for position, era_id in enumerate(lookup.eras)}
    ordered = sorted(records, key=lambda r: era_order.get(r.era or "", len(era_order)))  # stable: keeps dates

    def rows(listing: Listing) -> None:
        for record in ordered:
            era = lookup.eras.get(record.era) if record.era else None
            listing.groups.append(localized(era.title, lookup.lang) if era else "Other")
            title = localized(record.title, lookup.lang)
            listing.cells.append(
                (date_cell(record), title, _where(record, lookup), _who(record, lookup), record.id)
            )
            listing.citations.append(lookup.cited_by(record))
            if len(record.dates) > 1:
                listing.notes.append(lookup.claims_note(record))

    return Listing(
        title=lookup.dataset.title,
        columns=("Date", "What", "Where", "Who", "ID"),
        fields=EVENT_FIELDS,
        widths=(2, 4, 2, 2),
        legend=DATE_LEGEND,
        fill_rows=rows,
        stream_records=lambda: (happening_record(r, lookup) for r in ordered),
    )


def events_listing(records: list[Event], lookup: Lookup) -> Listing:
    """The events the WSSE took part in, with its role."""

    def rows(listing: Listing) -> None:
        for event in records:
            role = ROLE_WORDS[event.role]
            listing.groups.append(None)
            listing.cells.append(
                (date_cell(event), localized(event.title, lookup.lang), role, _where(event, lookup), event.id)
            )
            listing.citations.append(lookup.cited_by(event))
            if len(event.dates) > 1:
                listing.notes.append(lookup.claims_note(event))

    return Listing(
        title="Events",
        columns=("Date", "Event", "Role", "Where", "ID"),
        fields=EVENT_FIELDS,
        widths=(2, 4, 2, 2),
        legend=DATE_LEGEND,
        fill_rows=rows,
        stream_records=lambda: (happening_record(e, lookup) for e in records),
    )


def workshop_record(workshop: Workshop, lookup: Lookup) -> WorkshopJSON:
    """A workshop in the JSON contract; `category` is a list (empty where no source groups it)."""
    return {
        "id": workshop.id,
        "kind": "workshop",
        "title": localized(workshop.title, lookup.lang),
        "category": list(workshop.categories),
        "phases": list(workshop.phases),
        "other_names": [n.name for n in workshop.other_names],
        "probably_same_as": list(workshop.probably_same_as),
        "note": workshop.note,
        "inferred": workshop.inferred,
        "sources": [lookup.citation(c) for c in workshop.sources],
    }


def workshops_listing(records: list[Workshop], lookup: Lookup) -> Listing:
    """The workshops with their categories and phases."""
    listing = Listing(
        title="Workshops",
        columns=("Workshop", "Category", "Phases", "ID"),
        fields=WORKSHOP_FIELDS,
        widths=(3, 3, 3),
        title_column=0,
    )
    for workshop in records:
        categories = ", ".join(
            localized(lookup.categories[c].title, lookup.lang) for c in workshop.categories
        )
        phases = ", ".join(localized(lookup.phases[p].title, lookup.lang) for p in workshop.phases)
        listing.groups.append(None)
        title = localized(workshop.title, lookup.lang)
        if workshop.probably_same_as:
            title += f"\nprobably the same as {', '.join(workshop.probably_same_as)} (our reading)"
        listing.cells.append(
            (
                title,
                categories or "(none in the sources)",
                phases,
                workshop.id,
            )
        )
        listing.citations.append(lookup.cited_by(workshop))
        listing.records.append(workshop_record(workshop, lookup))
    return listing
