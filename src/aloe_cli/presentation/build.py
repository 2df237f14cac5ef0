"""Views built from a validated dataset, once per record, in the reader's language chosen once."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from aloe_cli.i18n import plural_translator, translator
from aloe_cli.loading.derived_dates import DATING_LISTS, derivation_sides
from aloe_cli.model.models import (
    RECORD_KINDS,
    RELATION_WORDS,
    Citation,
    DatedRecord,
    Event,
    Gap,
    citations_of,
    field_specs,
    fields_as_json,
    localized_with_lang,
)
from aloe_cli.presentation.dating import ClaimView, Dating, claim_words, says_more_than_its_value
from aloe_cli.presentation.views import (
    AuthorView,
    CategoryView,
    CitationView,
    CitedSource,
    EraRef,
    EraView,
    FieldRow,
    FieldTable,
    GapView,
    HappeningView,
    LineageView,
    MediumView,
    NameView,
    OrganisationView,
    PersonView,
    PhaseView,
    PlaceView,
    RecordTitle,
    Reference,
    SeriesView,
    SourceView,
    Text,
    WorkshopView,
)

if TYPE_CHECKING:
    from aloe_cli.model.models import (
        Author,
        Category,
        Citation,
        DatasetLists,
        DateClaim,
        DatedRecord,
        Era,
        Gap,
        Happening,
        LineageLink,
        Media,
        Milestone,
        Organisation,
        OtherName,
        Person,
        Phase,
        Place,
        Source,
        Workshop,
    )


def _author(author: Author) -> AuthorView:
    return AuthorView(author.family, author.given, author.organisation, author.display, author.sort_name)


def _place_label(name: Text, country: Text | None) -> str:
    """'Porto Alegre (Brazil)': how a list names a place."""
    return f"{name.value} ({country.value})" if country else name.value


def _organisation_label(name: Text, acronym: Text | None, short_name: Text | None) -> str:
    """How a list names an organisation: its acronym, else its short name, else its name."""
    return (acronym or short_name or name).value


class Presentation:
    """Every view of one dataset in one language: each built the first time an output asks for it."""

    def __init__(self, dataset: DatasetLists, lang: str) -> None:
        self.dataset = dataset  # a Dataset, or a store's lists: each read when a view first needs it
        self.lang = lang
        self.title_text = self.text(dataset.title)  # the page marks a title in another language than its own
        self.title: str = self.title_text.value
        self.description_text = self.optional_text(dataset.description)
        self.description: str | None = self.description_text.value if self.description_text else None
        # Citations repeat across records: each distinct one is resolved once and shared.
        self._citations: dict[tuple[str, str | None, str | None, tuple[str, ...]], CitationView] = {}
        self._place_references: dict[str, Reference] = {}
        self._person_references: dict[str, Reference] = {}
        self._organisation_references: dict[str, Reference] = {}

    def text(self, text: dict[str, str]) -> Text:
        """A dataset text in the reader's language, else English, else the first given."""
        value, lang = localized_with_lang(text, self.lang)
        return Text(value, lang, text)

    def optional_text(self, text: dict[str, str] | None) -> Text | None:
        """`text`, for a field that may be absent."""
        return self.text(text) if text else None

    # Citations and dates

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        """The dataset's sources by id."""
        return {source.id: source for source in self.dataset.sources}

    def citation(self, citation: Citation) -> CitationView:
        """A citation resolved: the source as cited, the place in it, the quoted phrase."""
        key = (citation.source, citation.locator, citation.quote, tuple(citation.supports))
        found = self._citations.get(key)
        if found is None:
            source = self.source_by_id[citation.source]
            cited = CitedSource(
                citation.source, citation.locator, source.display_title, source.url, source.kind == "import"
            )
            found = self._citations[key] = CitationView(
                cited, citation.quote, source.descriptive_title, tuple(citation.supports)
            )
        return found

    def citations(self, citations: list[Citation]) -> tuple[CitationView, ...]:
        """Each citation resolved, in order."""
        return tuple(self.citation(citation) for citation in citations)

    def claim(self, claim: DateClaim) -> ClaimView:
        """One dated claim, resolved."""
        edtf = claim.edtf
        words, exact_words = claim_words(claim.label, edtf.text, self.lang)
        return ClaimView(
            edtf=edtf.text,
            label=claim.label,
            words=words,
            exact_words=exact_words,
            earliest=edtf.earliest,
            latest=edtf.latest,
            start_parts=edtf.start_parts(),
            end_parts=edtf.end_parts(),
            start_precision=edtf.start_precision,
            end_precision=edtf.end_precision,
            approximate=edtf.approximate,
            uncertain=edtf.uncertain,
            qualified=edtf.qualified,
            qualified_start=edtf.qualified_start,
            qualified_end=edtf.qualified_end,
            start_latest=edtf.start_latest,
            end_earliest=edtf.end_earliest,
            open_start=edtf.open_start,
            open_end=edtf.open_end,
            unknown_start=edtf.unknown_start,
            unknown_end=edtf.unknown_end,
            inferred=claim.inferred,
            note=claim.note,
            citations=self.citations(claim.sources),
        )

    def dating(self, record: DatedRecord) -> Dating | None:
        """Every claim of a record and what follows from them; None for an undated record."""
        if not record.dates:
            return None
        claims = tuple(self.claim(claim) for claim in record.dates)
        if record.dated_by is not None and self.lang != "en":
            claims = self._derived_in_language(record, claims)
        finest = record.finest_claim
        return Dating(
            claims=claims,
            finest=claims[record.dates.index(finest)] if finest is not None else None,
            disputed=record.disputed,
            uncertain=record.uncertain,
            earliest=record.earliest,
            latest=record.latest,
            lang=self.lang,
        )

    @cached_property
    def happening_by_id(self) -> dict[str, Happening]:
        """The milestones and events by id: the records others take their dates from."""
        return {record.id: record for name in DATING_LISTS for record in getattr(self.dataset, name)}

    def _derived_in_language(
        self, record: DatedRecord, claims: tuple[ClaimView, ...]
    ) -> tuple[ClaimView, ...]:
        """Claims taken from other records, worded in the reader's language.

        Loading words them in English ('from mid-1997', 'dated by ...'); in another language that label is
        no source's wording to quote: each is worded from its value, with the sources' own words it rests
        on quoted beside it ('à partir de 1997 environ, fin inconnue (« mid-1997 »)').
        """
        dated_by = record.dated_by
        assert dated_by is not None
        gettext = translator(self.lang)
        if dated_by.same_as is not None:
            derivation = gettext("the dates of {record}").format(record=dated_by.same_as)
        else:
            named = [i for i in (dated_by.start or dated_by.after, dated_by.end) if i]
            derivation = gettext("dated by {records}").format(records=", ".join(named))
        worded = []
        for view, (start, end) in zip(claims, derivation_sides(dated_by, self.happening_by_id), strict=True):
            quoted = [
                gettext("“{quotation}”").format(quotation=side.label)
                for side in (start, end)
                if side is not None and side.label and says_more_than_its_value(side.label, side.edtf.text)
            ]
            words = view.exact_words
            if quoted:
                words = gettext("{words} ({source_words})").format(
                    words=words, source_words=gettext("; ").join(quoted)
                )
            kept = start.note if dated_by.same_as is not None and start is not None else None
            note = "; ".join(filter(None, (kept, derivation)))
            worded.append(view._replace(words=words, note=note))
        return tuple(worded)

    def names(self, names: list[OtherName]) -> tuple[NameView, ...]:
        """Other names, each with its language and sources."""
        return tuple(
            NameView(name.name, name.lang, name.note, name.inferred, self.citations(name.sources))
            for name in names
        )

    # The records of each kind

    @cached_property
    def sources(self) -> list[SourceView]:
        """The documents the dataset cites."""
        return [self._source(source) for source in self.dataset.sources]

    def source_views(self, sources: list[Source]) -> list[SourceView]:
        """These sources as views (a bibliography of the sources behind one answer)."""
        return [self._source(source) for source in sources]

    @staticmethod
    def _source(source: Source) -> SourceView:
        return SourceView(
            id=source.id,
            title=source.display_title,
            own_title=source.title,
            descriptive_title=source.descriptive_title,
            url=source.url,
            author="; ".join(a.display for a in source.author_names) or None,
            issued=source.issued.text if source.issued else None,
            issued_parts=source.issued.start_parts() if source.issued else None,
            publisher=source.publisher,
            language=source.language,
            kind=source.kind,
            note=source.note,
            type=source.type,
            authors=tuple(_author(a) for a in source.authors),
            author_names=tuple(_author(a) for a in source.author_names),
            container=source.container,
            volume=source.volume,
            issue=source.issue,
            pages=source.pages,
            place=source.place,
            doi=source.doi,
            copy_read=source.copy_read,
            archived=source.archived,
            accessed=source.accessed.text if source.accessed else None,
            accessed_parts=source.accessed.start_parts() if source.accessed else None,
        )

    @cached_property
    def places(self) -> dict[str, PlaceView]:
        """The places, by id."""
        return {place.id: self._place(place) for place in self.dataset.places}

    def _place(self, place: Place) -> PlaceView:
        name = self.text(place.name)
        country = self.optional_text(place.country)
        return PlaceView(
            place.id, name, country, _place_label(name, country), self.citations(place.sources), place.note,
            place.inferred,
        )  # fmt: skip

    @cached_property
    def people(self) -> dict[str, PersonView]:
        """The people, by id."""
        return {person.id: self._person(person) for person in self.dataset.people}

    def _person(self, person: Person) -> PersonView:
        return PersonView(
            person.id, person.name, person.role, self.citations(person.sources), person.note, person.inferred
        )

    @cached_property
    def organisations(self) -> dict[str, OrganisationView]:
        """The organisations, by id."""
        return {
            organisation.id: self._organisation(organisation) for organisation in self.dataset.organisations
        }

    def _organisation(self, organisation: Organisation) -> OrganisationView:
        name = self.text(organisation.name)
        acronym = self.optional_text(organisation.acronym)
        short_name = self.optional_text(organisation.short_name)
        return OrganisationView(
            id=organisation.id,
            name=name,
            acronym=acronym,
            short_name=short_name,
            label=_organisation_label(name, acronym, short_name),
            other_names=self.names(organisation.other_names),
            summary=self.optional_text(organisation.summary),
            dating=self.dating(organisation),
            citations=self.citations(organisation.sources),
            note=organisation.note,
            inferred=organisation.inferred,
        )

    @cached_property
    def lineage(self) -> list[LineageView]:
        """How the organisations came from one another."""
        return [self._link(link) for link in self.dataset.lineage]

    def _link(self, link: LineageLink) -> LineageView:
        return LineageView(
            id=link.id,
            relation=link.relation,
            relation_words=translator(self.lang)(RELATION_WORDS[link.relation]),
            from_org=self.organisation_reference(link.from_org),
            to_org=self.organisation_reference(link.to_org),
            milestones=tuple(self.happening(self.milestone_by_id[m]) for m in link.milestones),
            summary=self.optional_text(link.summary),
            dating=self.dating(link),
            citations=self.citations(link.sources),
            note=link.note,
            inferred=link.inferred,
        )

    @cached_property
    def eras(self) -> dict[str, EraView]:
        """The eras, by id, in the dataset's order."""
        return {era.id: self._era(era) for era in self.dataset.eras}

    def _era(self, era: Era) -> EraView:
        return EraView(
            era.id,
            self.text(era.title),
            era.organisation,
            self.optional_text(era.summary),
            self.dating(era),
            self.citations(era.sources),
            era.note,
            era.inferred,
        )

    @cached_property
    def series(self) -> dict[str, SeriesView]:
        """The series of gatherings, by id."""
        return {
            series.id: SeriesView(
                series.id,
                self.text(series.title),
                self.optional_text(series.acronym),
                self.citations(series.sources),
                series.note,
                series.inferred,
            )
            for series in self.dataset.series
        }

    @cached_property
    def categories(self) -> dict[str, CategoryView]:
        """The workshop categories, by id."""
        return {category.id: self._category(category) for category in self.dataset.categories}

    def _category(self, category: Category) -> CategoryView:
        return CategoryView(
            category.id,
            self.text(category.title),
            self.text(category.description),
            self.citations(category.sources),
            category.note,
            category.inferred,
        )

    @cached_property
    def phases(self) -> dict[str, PhaseView]:
        """The phases of the workshop programme, by id."""
        return {phase.id: self._phase(phase) for phase in self.dataset.phases}

    def _phase(self, phase: Phase) -> PhaseView:
        return PhaseView(
            phase.id,
            self.text(phase.title),
            phase.workshops_counted,
            self.optional_text(phase.summary),
            self.dating(phase),
            self.citations(phase.sources),
            phase.note,
            phase.inferred,
        )

    @cached_property
    def workshops(self) -> list[WorkshopView]:
        """Every workshop."""
        return self.workshop_views(self.dataset.workshops)

    def workshop_views(self, workshops: list[Workshop]) -> list[WorkshopView]:
        """These workshops as views."""
        categories, phases = self.categories, self.phases
        return [
            WorkshopView(
                id=workshop.id,
                title=self.text(workshop.title),
                other_names=self.names(workshop.other_names),
                categories=tuple(
                    Reference(c, categories[c].title, categories[c].title.value) for c in workshop.categories
                ),
                phases=tuple(Reference(p, phases[p].title, phases[p].title.value) for p in workshop.phases),
                probably_same_as=tuple(workshop.probably_same_as),
                citations=self.citations(workshop.sources),
                note=workshop.note,
                inferred=workshop.inferred,
            )
            for workshop in workshops
        ]

    @cached_property
    def gaps(self) -> list[GapView]:
        """What the sources leave open: the dataset's gaps, then the records resting on an import alone."""
        return [self._gap(gap) for gap in [*self.dataset.gaps, *self._import_gaps()]]

    def _import_gaps(self) -> list[Gap]:
        """One gap per imported file that some records cite and nothing else: those records are its `about`.

        Worked out on each run, not stored: once a record cites a source of its own, it leaves the list.
        """
        imported = {source.id: source for source in self.dataset.sources if source.kind == "import"}
        if not imported:
            return []
        ngettext = plural_translator(self.lang)  # in the presentation's language, named for extraction
        resting: dict[str, list[str]] = {source_id: [] for source_id in imported}
        for list_name in RECORD_KINDS:
            for record in getattr(self.dataset, list_name) if list_name != "sources" else ():
                cited = {citation.source for citation in citations_of(record)}
                if cited and cited <= imported.keys():
                    for source_id in sorted(cited):
                        resting[source_id].append(record.id)
        gaps = []
        for source_id, about in resting.items():
            if not about:
                continue
            summary = ngettext(
                "{count} record rests only on the imported file '{title}', whose own sources are not"
                " known: add the sources it rests on as you check it.",
                "{count} records rest only on the imported file '{title}', whose own sources are not"
                " known: add the sources each rests on as you check it.",
                len(about),
            ).format(count=len(about), title=imported[source_id].display_title)
            gaps.append(
                Gap(
                    id=f"{source_id}-only",
                    summary={self.lang: summary},
                    about=about,
                    sources=[Citation(source=source_id)],
                )
            )
        return gaps

    def _gap(self, gap: Gap) -> GapView:
        return GapView(
            gap.id,
            self.text(gap.summary),
            tuple(gap.about),
            self.citations(gap.sources),
            gap.note,
            gap.inferred,
        )

    # Media

    def media(self, record: Any) -> tuple[MediumView, ...]:
        """A record's media, in its order (a source has none)."""
        return tuple(self._medium(medium) for medium in getattr(record, "media", ()))

    def every_medium(self, happenings: list[HappeningView]) -> list[tuple[str, tuple[MediumView, ...]]]:
        """(record id, its media) for every record with media, milestones and events only those given."""
        wanted = {view.id for view in happenings}
        return [
            (record.id, self.media(record))
            for list_name in RECORD_KINDS
            if list_name != "sources"
            for record in getattr(self.dataset, list_name)
            if record.media and (list_name not in ("milestones", "events") or record.id in wanted)
        ]

    def _medium(self, medium: Media) -> MediumView:
        return MediumView(
            kind=medium.kind,
            href=medium.location,
            alt=medium.alt or "",
            caption=medium.caption or "",
            credit=medium.credit or "",
            remote=medium.url is not None,
            picture=medium.is_picture,
            citations=self.citations(medium.sources),
        )

    # References between records

    # Records name the same places, people and organisations again and again: each reference is made
    # once, the first time a record names it, and shared (a Reference is immutable). It is made from the
    # record itself: an answer that names a place needs its name and label, not the views of every place
    # (their sources resolved, an organisation's dates worded).

    @cached_property
    def _place_records(self) -> dict[str, Place]:
        return {place.id: place for place in self.dataset.places}

    @cached_property
    def _person_records(self) -> dict[str, Person]:
        return {person.id: person for person in self.dataset.people}

    @cached_property
    def _organisation_records(self) -> dict[str, Organisation]:
        return {organisation.id: organisation for organisation in self.dataset.organisations}

    def place_reference(self, place_id: str) -> Reference:
        """A place a record names: 'Porto Alegre (Brazil)'."""
        found = self._place_references.get(place_id)
        if found is None:
            place = self._place_records[place_id]
            name = self.text(place.name)
            label = _place_label(name, self.optional_text(place.country))
            found = self._place_references[place_id] = Reference(place_id, name, label)
        return found

    def person_reference(self, person_id: str) -> Reference:
        """A person a record names."""
        found = self._person_references.get(person_id)
        if found is None:
            person = self._person_records[person_id]
            found = self._person_references[person_id] = Reference(
                person_id, Text(person.name, "", {}), person.name
            )
        return found

    def organisation_reference(self, organisation_id: str) -> Reference:
        """An organisation a record names, by its acronym where there is one."""
        found = self._organisation_references.get(organisation_id)
        if found is None:
            organisation = self._organisation_records[organisation_id]
            name = self.text(organisation.name)
            acronym, short_name = (
                self.optional_text(organisation.acronym),
                self.optional_text(organisation.short_name),
            )
            found = self._organisation_references[organisation_id] = Reference(
                organisation_id, name, _organisation_label(name, acronym, short_name)
            )
        return found

    # Every record, by title

    def record_titles(self, happenings: list[HappeningView]) -> list[RecordTitle]:
        """Every record in the dataset's order, each kind's list in turn, milestones and events as given."""
        wanted = {view.id: view for view in happenings}
        found = [RecordTitle(s.id, "source", s.own_title, None) for s in self.sources]
        found += [
            RecordTitle(o.id, "organisation", o.name.value, o.dating) for o in self.organisations.values()
        ]
        found += [RecordTitle(link.id, "lineage", link.title, link.dating) for link in self.lineage]
        found += [RecordTitle(e.id, "era", e.title.value, e.dating) for e in self.eras.values()]
        found += [RecordTitle(p.id, "person", p.name, None) for p in self.people.values()]
        found += [RecordTitle(p.id, "place", p.name.value, None) for p in self.places.values()]
        found += [RecordTitle(s.id, "series", s.title.value, None) for s in self.series.values()]
        for records in (self.dataset.milestones, self.dataset.events):
            found += [
                RecordTitle(view.id, view.kind, view.title.value, view.dating)
                for record in records
                if (view := wanted.get(record.id)) is not None
            ]
        found += [RecordTitle(c.id, "category", c.title.value, None) for c in self.categories.values()]
        found += [RecordTitle(p.id, "phase", p.title.value, p.dating) for p in self.phases.values()]
        found += [RecordTitle(w.id, "workshop", w.title.value, None) for w in self.workshops]
        found += [RecordTitle(g.id, "gap", g.summary.value, None) for g in self.gaps]
        return found

    def field_tables(self, happenings: list[HappeningView]) -> list[FieldTable]:
        """Every kind's records field by field, milestones and events only those given, in dataset order."""
        wanted = {view.id for view in happenings}
        apart = frozenset({"dates", "sources", "other_names", "media"})
        tables = []
        for list_name in RECORD_KINDS:
            records: list[Any] = getattr(self.dataset, list_name)
            if list_name in ("milestones", "events"):
                records = [r for r in records if r.id in wanted]
            model = type(records[0]) if records else None
            names = tuple(
                spec.key
                for spec in (field_specs(model) if model else ())
                if spec.name not in ("id", "note", "inferred")
            )
            dated = model is not None and issubclass(model, DatedRecord)
            rows = [
                FieldRow(
                    record.id,
                    fields_as_json(record, exclude=apart),
                    self.dating(record) if dated else None,
                    self.citations(record.sources) if list_name != "sources" else (),
                    self.media(record),
                )
                for record in records
            ]
            tables.append(FieldTable(list_name, names, dated, rows))
        return tables

    # Milestones and events

    @cached_property
    def milestone_by_id(self) -> dict[str, Milestone]:
        """The dataset's milestones by id."""
        return {milestone.id: milestone for milestone in self.dataset.milestones}

    def happenings(self, records: list[Any]) -> list[HappeningView]:
        """These milestones and events as views, in the same order."""
        return [self.happening(record) for record in records]

    def happening(self, record: Happening) -> HappeningView:
        """A milestone or event as every output shows it.

        Not kept: a CSV listing streams 100,000 of them, each built as it is written.
        """
        era = self.eras.get(record.era) if record.era else None
        event_fields: dict[str, Any] = {}  # an event's own fields; a milestone has none
        if isinstance(record, Event):
            series = self.series.get(record.series) if record.series else None
            event_fields = {
                "series": Reference(series.id, series.title, series.title.value) if series else None,
                "series_id": record.series,
                "role": record.role,
                "role_note": self.optional_text(record.role_note),
            }
        return HappeningView(
            id=record.id,
            kind="event" if event_fields else "milestone",
            title=self.text(record.title),
            summary=self.optional_text(record.summary),
            era_id=record.era,
            era=EraRef(era.id, era.title) if era else None,
            places=tuple(self.place_reference(p) for p in record.places),
            people=tuple(self.person_reference(p) for p in record.people),
            organisations=tuple(self.organisation_reference(o) for o in record.organisations),
            dating=self.dating(record),
            citations=self.citations(record.sources),
            note=record.note,
            inferred=record.inferred,
            media=self.media(record),
            one_of_places=record.places_are == "one-of",
            **event_fields,
        )
