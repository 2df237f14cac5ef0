"""The records as every output reads them: typed, frozen views, texts already in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.i18n import N_, _
from aloe_cli.presentation.dating import UNDATED_JSON

if TYPE_CHECKING:
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.payloads import (
        CitationJSON,
        HappeningJSON,
        PlacesReading,
        ReferenceJSON,
        WorkshopJSON,
    )


WHERE_UNKNOWN = N_("place not known")  # an event (a gathering) no source says where it was held
# A record in one of its places, no source saying which (the WSSE at the polycentric forum of 2006).
ONE_OF_PLACES = N_("one of: {places}")


class Text(NamedTuple):
    """Dataset text in the reader's language (or the one it falls back to), with every language given."""

    value: str
    lang: str  # the language `value` is in: a page marks text in another language than its own
    every: Mapping[str, str]  # the text in each language the dataset gives (CSV, SQLite, JSON-LD)

    def __str__(self) -> str:
        return self.value


class CitedSource(NamedTuple):
    """One citation resolved for people: which source, where in it, its title as cited, its address."""

    source: str
    locator: str | None
    title: str  # in [brackets] where the title is a description, not the document's own
    url: str | None
    imported: bool = False  # the source is a file `aloe import` read: its own sources are not known

    def short(self) -> str:
        """'story ¶4' or 'findhorn-report'."""
        return f"{self.source} {self.locator}" if self.locator else self.source

    def full(self) -> str:
        """'story ¶4 — A story... <https://...>'."""
        return f"{self.short()} — {self.title}" + (f" <{self.url}>" if self.url else "")

    def words(self) -> str:
        """'A story..., ¶4' — the source's title and where in it."""
        return f"{self.title}, {self.locator}" if self.locator else self.title


class MediumView(NamedTuple):
    """An image, scan or document shown with a record: where it is, whether a page may draw it, its words.

    A page draws a picture (an image or a scan) only when it is a file beside the dataset, or when the
    user asked for remote media (`--remote-media`): a page must not make a reader's browser call a host
    they did not choose. Every other medium, and a remote picture not asked for, is a link.
    """

    kind: str  # image, scan, document, video, audio or link
    href: str  # a web address, or a path relative to the dataset's folder
    alt: str
    caption: str
    credit: str
    remote: bool  # on the web, not beside the dataset
    picture: bool  # an image or a scan
    citations: tuple[CitationView, ...]

    def drawn(self, remote_media: bool) -> bool:
        """Whether a page draws it as an image: a picture, and local unless remote media were asked for."""
        return self.picture and (remote_media or not self.remote)

    @property
    def words(self) -> str:
        """Its caption, else its alt text, else its kind: what a link to it says."""
        return self.caption or self.alt or self.kind

    @property
    def cited_words(self) -> str:
        """Its sources as 'id locator', separated by '; ' (a cell of the CSV and SQLite exports)."""
        return "; ".join(citation.short() for citation in self.citations)


class CitationView(NamedTuple):
    """A citation as written in the dataset, resolved: the source as cited, and the quoted phrase."""

    cited: CitedSource
    quote: str | None
    descriptive_title: bool
    supports: tuple[str, ...] = ()  # the record's statements this source gives: 'summary', 'name.fr'

    @property
    def source(self) -> str:
        """The cited source's id."""
        return self.cited.source

    @property
    def locator(self) -> str | None:
        """Where in the source: '¶4'."""
        return self.cited.locator

    def short(self) -> str:
        """'story ¶4'."""
        return self.cited.short()

    def json(self) -> CitationJSON:
        """The citation in the JSON contract."""
        found: CitationJSON = {
            "source": self.cited.source,
            "locator": self.cited.locator,
            "title": self.cited.title,
            "descriptive_title": self.descriptive_title,
            "url": self.cited.url,
            "supports": list(self.supports),
        }
        if self.quote:
            found["quote"] = self.quote
        return found


def by_statement(citations: tuple[CitationView, ...]) -> list[tuple[str, tuple[CitationView, ...]]]:
    """Each statement of a record with the citations that give it, a source once per statement.

    Statements given by the same citations go together ('title, places'); citations naming none, 'other'.
    """
    groups: dict[str, dict[tuple[str, str | None], CitationView]] = {}
    for citation in citations:
        for statement in citation.supports or ("other",):
            groups.setdefault(statement, {}).setdefault((citation.source, citation.locator), citation)
    merged: dict[tuple[tuple[str, str | None], ...], list[str]] = {}
    for statement, group in groups.items():
        merged.setdefault(tuple(group), []).append(statement)
    return [
        (", ".join(statements), tuple(groups[statements[0]][key] for key in keys))
        for keys, statements in merged.items()
    ]


def every_cited(
    citations: tuple[CitationView, ...], dating: Dating | None = None, names: tuple[NameView, ...] = ()
) -> tuple[CitedSource, ...]:
    """Every source a record cites, its claims' and its other names' included, each place once, in order."""
    claims = dating.claims if dating else ()
    groups = [citations, *(claim.citations for claim in claims), *(name.citations for name in names)]
    return tuple(dict.fromkeys(citation.cited for group in groups for citation in group))


class Reference(NamedTuple):
    """A record another one names: its id, its name in the reader's language, and its label in a list."""

    id: str
    name: Text
    label: str  # 'Porto Alegre (Brazil)', 'WSSE': how a list of them names it

    def json(self) -> ReferenceJSON:
        """`{"id", "name"}` in the JSON contract."""
        return {"id": self.id, "name": self.label}


class NameView(NamedTuple):
    """A name a body or workshop has had, in some language, with who uses it and who says so."""

    name: str
    lang: str
    note: str | None
    inferred: str | None
    citations: tuple[CitationView, ...]


class AuthorView(NamedTuple):
    """A document's author: a person by family and given names, or an organisation by its name."""

    family: str | None
    given: str | None
    organisation: str | None
    display: str  # 'Pierre Calame', or the organisation's name
    sort_name: str  # 'Calame, Pierre', or the organisation's name

    def json(self) -> dict[str, str]:
        """`{family, given}` or `{organisation}`, as the dataset writes it."""
        parts = (("family", self.family), ("given", self.given), ("organisation", self.organisation))
        return {key: value for key, value in parts if value is not None}


class SourceView(NamedTuple):
    """A document the dataset cites, as a bibliography and a list of sources show it."""

    id: str
    title: str  # as cited: in [brackets] where it is a description
    own_title: str  # as written in the dataset
    descriptive_title: bool
    url: str | None
    author: str | None  # every author's name, joined by '; '
    issued: str | None  # EDTF
    issued_parts: tuple[int, ...] | None  # (year, month, day) at the precision given
    publisher: str | None
    language: str | None
    kind: str  # primary, secondary, notes or import
    note: str | None
    type: str = "webpage"  # what the document is: webpage, article, report, chapter ...
    authors: tuple[AuthorView, ...] = ()  # the authors the dataset names one by one
    author_names: tuple[AuthorView, ...] = ()  # those, or the author named whole, as an organisation is
    container: str | None = None  # the site, newspaper, journal or book it is in
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    place: str | None = None
    doi: str | None = None
    copy_read: str | None = None  # the copy read, where it is not the publication itself
    archived: str | None = None
    accessed: str | None = None  # EDTF: when it was read
    accessed_parts: tuple[int, ...] | None = None  # the same, as (year, month, day) at its precision


class PlaceView(NamedTuple):
    """A city, site or country named by the records."""

    id: str
    name: Text
    country: Text | None
    label: str  # 'Findhorn ecovillage (Scotland)'
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class PersonView(NamedTuple):
    """A person the sources name."""

    id: str
    name: str
    role: str | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class OrganisationView(NamedTuple):
    """A body of the lineage."""

    id: str
    name: Text
    acronym: Text | None
    short_name: Text | None
    label: str  # the acronym where there is one, else the short name, else the name
    other_names: tuple[NameView, ...]
    summary: Text | None
    dating: Dating | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class OrgMapping(NamedTuple):
    """A lineage link in the W3C Organization Ontology's terms (https://www.w3.org/TR/vocab-org/)."""

    type: str  # "org:ChangeEvent", or "org:linkedTo" for support, which ORG has no event for
    original: str | None = None  # org:originalOrganization
    resulting: str | None = None  # org:resultingOrganization
    parent: str | None = None  # org:subOrganizationOf, said of `resulting`
    linked: tuple[str, str] | None = None  # org:linkedTo ("an arbitrary relationship"), from -> to

    def terms(self, name: Callable[[str], str] = str) -> dict[str, Any]:
        """The ORG properties, each organisation named by `name` (an id, or an IRI for JSON-LD)."""
        found: dict[str, Any] = {"@type": self.type} if self.type != "org:linkedTo" else {}
        if self.original:
            found["org:originalOrganization"] = name(self.original)
        if self.resulting:
            found["org:resultingOrganization"] = name(self.resulting)
        if self.parent:
            found["org:subOrganizationOf"] = name(self.parent)
        if self.linked:
            found["org:linkedTo"] = [name(self.linked[0]), name(self.linked[1])]
        return found


class LineageView(NamedTuple):
    """A dated, typed edge between two organisations."""

    id: str
    relation: str  # emerged_within, became, supported_by
    relation_words: str  # 'emerged within'
    from_org: Reference
    to_org: Reference
    milestones: tuple[HappeningView, ...]  # the milestones that mark it
    summary: Text | None
    dating: Dating | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None

    @property
    def title(self) -> str:
        """'WSSE emerged within the Alliance': the link in words, each organisation by its label."""
        return f"{self.from_org.label} {self.relation_words} {self.to_org.label}"

    def org_mapping(self) -> OrgMapping:
        """The one ORG reading of the link, for `aloe lineage --format json` and the JSON-LD export alike."""
        if self.relation == "became":
            return OrgMapping("org:ChangeEvent", original=self.from_org.id, resulting=self.to_org.id)
        if self.relation == "emerged_within":
            return OrgMapping("org:ChangeEvent", resulting=self.from_org.id, parent=self.to_org.id)
        return OrgMapping("org:linkedTo", linked=(self.from_org.id, self.to_org.id))


class EraView(NamedTuple):
    """A period of the timeline named after the body that carried the work."""

    id: str
    title: Text
    organisation: str | None
    summary: Text | None
    dating: Dating | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class SeriesView(NamedTuple):
    """A recurring gathering: the World Social Forum ..."""

    id: str
    title: Text
    acronym: Text | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class CategoryView(NamedTuple):
    """A category of the workshops."""

    id: str
    title: Text
    description: Text
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class PhaseView(NamedTuple):
    """A period of the workshop programme."""

    id: str
    title: Text
    workshops_counted: int | None
    summary: Text | None
    dating: Dating | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class GapView(NamedTuple):
    """Something the sources leave unknown or ambiguous."""

    id: str
    summary: Text
    about: tuple[str, ...]
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None


class RecordTitle(NamedTuple):
    """Any record by its id, kind, title and dating: what a table of every record lists."""

    id: str
    kind: str
    title: str
    dating: Dating | None


class FieldRow(NamedTuple):
    """One record's own fields as written in the dataset (JSON values), its dating and its citations."""

    id: str
    fields: dict[str, Any]  # under their names in the file; dates, sources and other names apart
    dating: Dating | None
    citations: tuple[CitationView, ...]  # the record's own (not its claims')
    media: tuple[MediumView, ...] = ()


class FieldTable(NamedTuple):
    """Every record of one kind, field by field: what a spreadsheet of the dataset holds."""

    list_name: str  # "events"
    fields: tuple[str, ...]  # the kind's fields in order, as written in the file (not id, note, inferred)
    dated: bool  # whether the kind is dated (then every row has a dating, or None when undated)
    rows: list[FieldRow]


# The WSSE's part in an event, in words (the role's id is in the JSON and the data); English msgids.
ROLE_WORDS = {
    "theme_lead": N_("in charge of the solidarity economy theme"),
    "participant": N_("took part"),
    "context": N_("context (no source says the WSSE took part)"),
}


class EraRef(NamedTuple):
    """The era a milestone or event falls in."""

    id: str
    title: Text


class HappeningView(NamedTuple):
    """A milestone or an event, as the timeline, the listings and every export show it."""

    id: str
    kind: str  # "milestone" or "event"
    title: Text
    summary: Text | None
    era_id: str | None  # as written (an era the dataset may not name)
    era: EraRef | None
    places: tuple[Reference, ...]
    people: tuple[Reference, ...]
    organisations: tuple[Reference, ...]
    dating: Dating | None
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None
    # Events only (None on a milestone):
    series: Reference | None = None
    series_id: str | None = None
    role: str | None = None
    role_note: Text | None = None
    media: tuple[MediumView, ...] = ()  # images, scans and documents shown with it
    one_of_places: bool = False  # in one of `places`, no source saying which (`places_are: one-of`)

    @property
    def is_event(self) -> bool:
        """Whether this is an event (a gathering of others) rather than a milestone."""
        return self.kind == "event"

    @property
    def role_words(self) -> str | None:
        """The WSSE's part in words: 'took part'."""
        return _(ROLE_WORDS[self.role]) if self.role else None  # in the run's language

    @property
    def places_are(self) -> PlacesReading | None:
        """'all' its places, 'one-of' them, 'unknown' (an event no source places); None: a milestone, none."""
        if not self.places:
            return "unknown" if self.is_event else None  # a milestone may be no gathering at all
        return "one-of" if self.one_of_places else "all"

    def where(self) -> str:
        """'Porto Alegre (Brazil)'; several joined by '; '; 'one of: Bamako, Caracas, Karachi'; unknown."""
        return self.where_with(lambda place: place.label)

    def where_with(self, shown: Callable[[Reference], str]) -> str:
        """`where` with each place as `shown` gives it (a page marks each up)."""
        if self.places_are == "unknown":
            return _(WHERE_UNKNOWN)
        if self.one_of_places:
            return _(ONE_OF_PLACES).format(places=", ".join(shown(place) for place in self.places))
        return _("; ").join(shown(place) for place in self.places)

    def who(self) -> str:
        """The people the sources name, else the organisations that took part."""
        return ", ".join(ref.label for ref in (self.people or self.organisations))

    def people_names(self) -> str:
        """The people the sources name, joined by ', '."""
        return ", ".join(ref.label for ref in self.people)

    def every_citation(self) -> tuple[CitedSource, ...]:
        """Every source it cites, its claims' included, each place in a source once."""
        return every_cited(self.citations, self.dating)

    def json(self) -> HappeningJSON:
        """The milestone or event in the JSON contract."""
        dated = self.dating.json() if self.dating else UNDATED_JSON
        row: HappeningJSON = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title.value,
            "date": dated["date"],
            "date_label": dated["date_label"],
            "date_words": dated["date_words"],
            "start": dated["start"],
            "end": dated["end"],
            "uncertain": dated["uncertain"],
            "disputed": dated["disputed"],
            "claims": dated["claims"],
            "era": self.era_id,
            "era_title": self.era.title.value if self.era else None,
            "summary": self.summary.value if self.summary else None,
            "places": [place.json() for place in self.places],
            "places_are": self.places_are,
            "people": [person.json() for person in self.people],
            "organisations": [organisation.json() for organisation in self.organisations],
            "sources": [citation.json() for citation in self.citations],
            "note": self.note,
            "inferred": self.inferred,
        }
        if self.is_event:
            row["series"] = self.series_id
            row["series_title"] = self.series.name.value if self.series else None
            row["role"] = self.role or "participant"
            row["role_note"] = self.role_note.value if self.role_note else None
        return row


class WorkshopView(NamedTuple):
    """A thematic workshop, its categories and phases."""

    id: str
    title: Text
    other_names: tuple[NameView, ...]
    categories: tuple[Reference, ...]
    phases: tuple[Reference, ...]
    probably_same_as: tuple[str, ...]
    citations: tuple[CitationView, ...]
    note: str | None
    inferred: str | None

    def every_citation(self) -> tuple[CitedSource, ...]:
        """Every source it cites, its other names' included, each place in a source once."""
        return every_cited(self.citations, names=self.other_names)

    def json(self) -> WorkshopJSON:
        """The workshop in the JSON contract; `category` is a list (empty where no source groups it)."""
        return {
            "id": self.id,
            "kind": "workshop",
            "title": self.title.value,
            "category": [category.id for category in self.categories],
            "phases": [phase.id for phase in self.phases],
            "other_names": [name.name for name in self.other_names],
            "probably_same_as": list(self.probably_same_as),
            "note": self.note,
            "inferred": self.inferred,
            "sources": [citation.json() for citation in self.citations],
        }
