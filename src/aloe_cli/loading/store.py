"""A validated dataset for one run, read as its questions need it: the one place where aloe reads lazily.

A dataset validated from its YAML, or read from the bundled snapshot, is whole from the start. One read
from a cache entry keeps its record lists as the entry's bytes: the store builds a list when it is asked
for, and for a question about a period only the records that may fall in it. Should a record of the
entry prove not to be one aloe wrote, the store drops the entry and answers from then on from the
dataset validated afresh (`revalidate`, given by the loader: the very bytes the entry was keyed by).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.loading.unread import CacheEntryLists, DamagedEntry

if TYPE_CHECKING:
    from datetime import date

    from aloe_cli.model.models import (
        Category,
        Dataset,
        Era,
        Event,
        Milestone,
        Organisation,
        Person,
        Phase,
        Place,
        Series,
        Source,
    )


class NamedRecords(NamedTuple):
    """The dataset's title and the lists a listing names records from (never its milestones or events)."""

    title: str
    sources: list[Source]
    organisations: list[Organisation]
    eras: list[Era]
    people: list[Person]
    places: list[Place]
    series: list[Series]
    categories: list[Category]
    phases: list[Phase]


class DatasetStore:
    """A validated dataset, whole or still in its cache entry; each method says what it reads."""

    def __init__(
        self,
        whole: Dataset | None = None,
        entry: CacheEntryLists | None = None,
        revalidate: Callable[[], Dataset] | None = None,
    ) -> None:
        """A store of a whole dataset, or of a cache entry with the way to validate its dataset afresh."""
        assert (whole is None) != (entry is None) and (entry is None or revalidate is not None)
        self._whole = whole
        self._entry = entry
        self._revalidate = revalidate

    def read_all(self) -> Dataset:
        """The whole dataset, every list read."""
        if self._entry is not None:
            try:
                self._whole, self._entry = self._entry.whole(), None
            except DamagedEntry:
                self._fall_back()
        assert self._whole is not None
        return self._whole

    def events(self) -> list[Event]:
        """Every event."""
        return self._records("events")

    def milestones(self) -> list[Milestone]:
        """Every milestone."""
        return self._records("milestones")

    def events_between(self, first: date | None, last: date | None) -> list[Event]:
        """The events that may fall in [first, last]: a superset of `overlaps`; callers test each."""
        return self._records_between("events", first, last)

    def milestones_between(self, first: date | None, last: date | None) -> list[Milestone]:
        """The milestones that may fall in [first, last]: a superset of `overlaps`; callers test each."""
        return self._records_between("milestones", first, last)

    def named_records(self) -> NamedRecords:
        """The title and the lists a listing names records from, without reading milestones or events."""
        title = self._entry.title if self._entry is not None else self.read_all().title
        return NamedRecords(title, *(self._records(name) for name in NamedRecords._fields[1:]))

    def _records(self, list_name: str) -> list[Any]:
        if self._entry is not None:
            try:
                return self._entry.read(list_name)
            except DamagedEntry:
                self._fall_back()
        records: list[Any] = getattr(self.read_all(), list_name)
        return records

    def _records_between(self, list_name: str, first: date | None, last: date | None) -> list[Any]:
        # A list still in the entry is filtered on its index of possible days, and only the records that
        # pass are built: a question about one year of a large dataset builds that year.
        if self._entry is not None:
            try:
                return self._entry.possibly_between(list_name, first, last)
            except DamagedEntry:
                self._fall_back()
        return self._records(list_name)

    def _fall_back(self) -> None:
        """The entry proved damaged: answer from the dataset validated afresh (`revalidate` removes it)."""
        assert self._revalidate is not None
        self._entry = None
        self._whole, self._revalidate = self._revalidate(), None
