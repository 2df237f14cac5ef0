"""Questions asked of a dataset: pure functions from models to the records that answer them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:  # the models load with the dataset, not at start-up
    from aloe_cli.model.models import Dataset, Event, Happening, Milestone, Source, Workshop


class HappeningStore(Protocol):
    """Where the questions about milestones and events read them (`loading.store.DatasetStore` is one).

    The `_between` methods may return more records than fall in the period (never fewer): a store that
    holds an index of possible days builds only those; the questions test each record themselves.
    """

    def events(self) -> list[Event]:
        """Every event."""

    def milestones(self) -> list[Milestone]:
        """Every milestone."""

    def events_between(self, first: date | None, last: date | None) -> list[Event]:
        """The events that may fall in [first, last]."""

    def milestones_between(self, first: date | None, last: date | None) -> list[Milestone]:
        """The milestones that may fall in [first, last]."""


class Match(StrEnum):
    """How a dated record must relate to a period to be listed."""

    overlap = "overlap"  # it possibly falls in the period: its possible days meet the period
    contained = "contained"  # it certainly falls in the period: all its possible days are inside


class Role(StrEnum):
    """The WSSE's part in an event, as the dataset records it (`Event.role`)."""

    theme_lead = "theme_lead"  # in charge of the forum's solidarity economy theme
    participant = "participant"
    context = "context"  # an event that frames the story; no source says the WSSE took part


class Period(NamedTuple):
    """A span of whole years; None on either side leaves it open."""

    first_year: int | None = None
    last_year: int | None = None

    @property
    def is_open(self) -> bool:
        """True when neither end is set (every record, dated or not, is listed)."""
        return self.first_year is None and self.last_year is None

    @property
    def first_day(self) -> date | None:
        """1 January of the first year."""
        return None if self.first_year is None else date(self.first_year, 1, 1)

    @property
    def last_day(self) -> date | None:
        """31 December of the last year."""
        return None if self.last_year is None else date(self.last_year, 12, 31)


class HappeningFilter(NamedTuple):
    """The filters every listing of milestones and events shares."""

    period: Period = Period()
    match: Match = Match.overlap
    organisation: str | None = None
    person: str | None = None
    place: str | None = None
    series: str | None = None
    role: Role | None = None  # events only: the WSSE's part

    def accepts(self, record: Happening) -> bool:
        """Whether the record passes every filter that is set."""
        if not self.period.is_open:
            test = record.overlaps if self.match is Match.overlap else record.within
            if not test(self.period.first_day, self.period.last_day):
                return False
        if self.organisation and self.organisation not in record.organisations:
            return False
        if self.person and self.person not in record.people:
            return False
        if self.place and self.place not in record.places:
            return False
        if self.role and getattr(record, "role", None) != self.role:
            return False
        return not (self.series and getattr(record, "series", None) != self.series)


EVERY_HAPPENING = HappeningFilter()  # no filter set: every milestone and event


def chronological_key(record: Happening) -> tuple[int, date, date, str]:
    """Oldest first by earliest possible day, then latest; undated records last."""
    if not record.dates:
        return (1, date.max, date.max, record.id)
    return (0, record.earliest or date.min, record.latest or date.max, record.id)


def timeline(store: HappeningStore, where: HappeningFilter = EVERY_HAPPENING) -> list[Happening]:
    """Milestones and events together, oldest first."""
    records: list[Happening] = [*_milestones_in(store, where.period), *_events_in(store, where.period)]
    return sorted((r for r in records if where.accepts(r)), key=chronological_key)


def events(store: HappeningStore, where: HappeningFilter = EVERY_HAPPENING) -> list[Event]:
    """The events, oldest first."""
    return sorted((e for e in _events_in(store, where.period) if where.accepts(e)), key=chronological_key)


def milestones(store: HappeningStore, where: HappeningFilter = EVERY_HAPPENING) -> list[Milestone]:
    """The milestones, oldest first."""
    return sorted((m for m in _milestones_in(store, where.period) if where.accepts(m)), key=chronological_key)


# An open period lists undated records too; a closed one only records that may overlap it (a record
# certainly inside a period also may overlap it), which a store reading a cache entry builds alone.
def _events_in(store: HappeningStore, period: Period) -> list[Event]:
    if period.is_open:
        return store.events()
    return store.events_between(period.first_day, period.last_day)


def _milestones_in(store: HappeningStore, period: Period) -> list[Milestone]:
    if period.is_open:
        return store.milestones()
    return store.milestones_between(period.first_day, period.last_day)


def workshops(dataset: Dataset, category: str | None = None, phase: str | None = None) -> list[Workshop]:
    """The workshops in dataset order, optionally those of one category and/or one phase."""
    return [
        w
        for w in dataset.workshops
        if (category is None or category in w.categories) and (phase is None or phase in w.phases)
    ]


def sources_behind(dataset: Dataset, records: list[object]) -> list[Source]:
    """The sources the records cite (their own, their claims', their names'), once each, in file order.

    A source asked for by id is itself behind the answer.
    """
    from aloe_cli.model.models import Source, citations_of  # start-up: the models load with the data

    wanted: set[str] = set()
    for record in records:
        if isinstance(record, Source):
            wanted.add(record.id)
        else:
            wanted.update(citation.source for citation in citations_of(record))
    return [source for source in dataset.sources if source.id in wanted]
