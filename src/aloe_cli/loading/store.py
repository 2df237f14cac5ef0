"""A validated dataset for one run, read as its questions need it: the one place where aloe reads lazily.

A dataset validated from its YAML, or read from the bundled snapshot, is whole from the start. One read
from a cache entry keeps its record lists as the entry's bytes: the store builds a list when it is asked
for, and for a question about a period only the records that may fall in it. Should a record of the
entry prove not to be one aloe wrote, the store drops the entry and answers from then on from the
dataset validated afresh (`revalidate`, given by the loader: the very bytes the entry was keyed by).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from aloe_cli.loading.unread import CacheEntryLists, DamagedEntry
from aloe_cli.model.models import RECORD_KINDS

if TYPE_CHECKING:
    from datetime import date

    from aloe_cli.model.models import (
        Category,
        Dataset,
        Era,
        Event,
        Gap,
        LineageLink,
        Milestone,
        Organisation,
        Person,
        Phase,
        Place,
        Record,
        Series,
        Source,
        Workshop,
    )


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

    def lists(self) -> StoreLists:
        """The dataset read as a Dataset's attributes are (`DatasetLists`): each list built when read."""
        return StoreLists(self)

    def title(self) -> dict[str, str]:
        """The dataset's title (its head: no list is read)."""
        return self._entry.title if self._entry is not None else self.read_all().title

    def description(self) -> dict[str, str] | None:
        """The dataset's description (its head: no list is read)."""
        return self._entry.description if self._entry is not None else self.read_all().description

    def records_of(self, list_name: str) -> list[Any]:
        """Every record of one of the lists (`events`, `sources`...), built now if it was not yet."""
        if self._entry is not None:
            try:
                return self._entry.read(list_name)
            except DamagedEntry:
                self._fall_back()
        records: list[Any] = getattr(self.read_all(), list_name)
        return records

    def events(self) -> list[Event]:
        """Every event."""
        return self.records_of("events")

    def milestones(self) -> list[Milestone]:
        """Every milestone."""
        return self.records_of("milestones")

    def events_between(self, first: date | None, last: date | None) -> list[Event]:
        """The events that may fall in [first, last]: a superset of `overlaps`; callers test each."""
        return self._records_between("events", first, last)

    def milestones_between(self, first: date | None, last: date | None) -> list[Milestone]:
        """The milestones that may fall in [first, last]: a superset of `overlaps`; callers test each."""
        return self._records_between("milestones", first, last)

    def _records_between(self, list_name: str, first: date | None, last: date | None) -> list[Any]:
        # A list still in the entry is filtered on its index of possible days, and only the records that
        # pass are built: a question about one year of a large dataset builds that year.
        if self._entry is not None:
            try:
                return self._entry.possibly_between(list_name, first, last)
            except DamagedEntry:
                self._fall_back()
        return self.records_of(list_name)

    def _fall_back(self) -> None:
        """The entry proved damaged: answer from the dataset validated afresh (`revalidate` removes it)."""
        assert self._revalidate is not None
        self._entry = None
        self._whole, self._revalidate = self._revalidate(), None


class StoreLists:
    """A store's dataset read as a Dataset's attributes are (`DatasetLists`): each list built when first read.

    Not a model and no copy of the data: it holds only its store, and a list no one reads is never built.
    """

    def __init__(self, store: DatasetStore) -> None:
        """A view of this store."""
        self._store = store

    @property
    def title(self) -> dict[str, str]:
        """The dataset's title."""
        return self._store.title()

    @property
    def description(self) -> dict[str, str] | None:
        """What the dataset covers."""
        return self._store.description()

    @property
    def sources(self) -> list[Source]:
        """The documents cited."""
        return self._store.records_of("sources")

    @property
    def organisations(self) -> list[Organisation]:
        """The organisations."""
        return self._store.records_of("organisations")

    @property
    def lineage(self) -> list[LineageLink]:
        """The lineage links."""
        return self._store.records_of("lineage")

    @property
    def eras(self) -> list[Era]:
        """The eras."""
        return self._store.records_of("eras")

    @property
    def people(self) -> list[Person]:
        """The people."""
        return self._store.records_of("people")

    @property
    def places(self) -> list[Place]:
        """The places."""
        return self._store.records_of("places")

    @property
    def series(self) -> list[Series]:
        """The series."""
        return self._store.records_of("series")

    @property
    def milestones(self) -> list[Milestone]:
        """The milestones."""
        return self._store.records_of("milestones")

    @property
    def events(self) -> list[Event]:
        """The events."""
        return self._store.records_of("events")

    @property
    def categories(self) -> list[Category]:
        """The categories."""
        return self._store.records_of("categories")

    @property
    def phases(self) -> list[Phase]:
        """The phases."""
        return self._store.records_of("phases")

    @property
    def workshops(self) -> list[Workshop]:
        """The workshops."""
        return self._store.records_of("workshops")

    @property
    def gaps(self) -> list[Gap]:
        """The gaps."""
        return self._store.records_of("gaps")

    def records(self) -> Iterator[Record]:
        """Every record of every kind, in the order of RECORD_KINDS."""
        for list_name in RECORD_KINDS:
            yield from self._store.records_of(list_name)
