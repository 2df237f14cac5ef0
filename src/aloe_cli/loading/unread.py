"""A cache entry's record lists: one JSON line per record, indexed, each record built when first read.

Reading an entry builds only the dataset's head (its title, its description). Each record list stays
as the entry's bytes until the run reads it (`store.DatasetStore` asks for it), and a
question about a period builds only the records that may fall in it: the entry keeps, for every dated
record, its earliest and latest possible day as day numbers, worked out when the dataset was validated.
`DatedRecord.overlaps` and this index apply the same `possible_days_meet`, so the index lets through
every record the question's own test would accept (and the question still tests each).

The body of an entry holds each non-empty list as a JSON array with one record per line,
an opening line `[`, records joined by a comma and a newline, a closing line `]`, one list after
another; the head says where each list and each record starts.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from aloe_cli.loading.collector import collector_paused
from aloe_cli.loading.snapshot import RecordBuilder, dataset_json, model_of_list
from aloe_cli.model.models import RECORD_KINDS, Dataset, DatedRecord, Record, field_specs, possible_days_meet

SEPARATOR = b",\n"  # between two records of a list
CLOSING = b"\n]"  # after a list's last record


def head_and_body(dataset: Dataset) -> tuple[dict[str, Any], bytearray]:
    """A validated dataset as an entry holds it: the head (as JSON values) and the body of its lists."""
    document = dataset_json(dataset)
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    body = bytearray()
    lists: dict[str, Any] = {}
    for list_name in RECORD_KINDS:
        values = document.pop(list_name, None)
        if not values:
            continue
        at = len(body)
        body += b"[\n"
        starts = []
        for position, value in enumerate(values):
            if position:
                body += SEPARATOR
            starts.append(len(body))
            body += encoder.encode(value).encode("utf-8")
        body += CLOSING
        index: dict[str, Any] = {"at": [at, len(body)], "starts": starts}
        records = getattr(dataset, list_name)
        if isinstance(records[0], DatedRecord):
            index["days"] = [_possible_days(record) for record in records]
        lists[list_name] = index
        body += b"\n"
    return {"dataset": document, "lists": lists}, body


def _possible_days(record: DatedRecord) -> list[int | None] | None:
    """[earliest, latest] as day numbers (None: unbounded); None for a record with no dates."""
    if not record.dates:
        return None
    return [None if day is None else day.toordinal() for day in (record.earliest, record.latest)]


class DamagedEntry(Exception):
    """A record of a cache entry is not one aloe wrote: the entry cannot answer for its dataset."""


class CacheEntryLists:
    """A cache entry's dataset: its head built, its record lists kept as the entry's bytes until read."""

    def __init__(self, head: dict[str, Any], body: bytes | bytearray) -> None:
        """An entry's parsed head and its body; KeyError or TypeError if the head is not one aloe wrote."""
        lists = head["lists"]
        for list_name, index in lists.items():
            if list_name not in RECORD_KINDS or len(index["starts"]) != len(
                index.get("days", index["starts"])
            ):
                raise KeyError(f"no list {list_name} in an entry of ours")
        self._builder = RecordBuilder()
        self._head = self._builder.build(Dataset, head["dataset"])  # its lists are empty: they are below
        assert isinstance(self._head, Dataset)
        self._body = body
        self.title: dict[str, str] = self._head.title
        self.description: dict[str, str] | None = self._head.description
        self._lists: dict[str, Any] = lists  # the head's index of each list not read yet
        self._read: dict[str, list[Any]] = {}  # the lists read, whole
        self._built: dict[str, dict[int, Record]] = {}  # by list, by position: built for a question

    def read(self, list_name: str) -> list[Any]:
        """Every record of one list, built (reusing those built already); DamagedEntry if one is not ours."""
        if list_name in self._read:
            return self._read[list_name]
        index = self._lists.get(list_name)
        if index is None:  # a list the entry does not hold is empty
            records: list[Any] = getattr(self._head, list_name)
            return records
        built = self._built.get(list_name, {})
        at, end = index["at"]
        try:
            values = json.loads(self._body[at:end])
            model = model_of_list(list_name)
            with collector_paused():
                records = [
                    built[position] if position in built else self._builder.build(model, value)
                    for position, value in enumerate(values)
                ]
        except Exception as error:  # whatever is wrong with the entry, it is not one aloe wrote
            raise DamagedEntry(list_name) from error
        self._read[list_name] = records
        del self._lists[list_name]
        self._built.pop(list_name, None)
        if not self._lists:
            self._body = b""  # every list is read: the entry's bytes are no longer needed
        return records

    def possibly_between(self, list_name: str, first: date | None, last: date | None) -> list[Any]:
        """The records of a list whose possible days may meet [first, last]; its whole list if unindexed."""
        index = self._lists.get(list_name)
        days = None if index is None else index.get("days")
        if index is None or days is None:
            return self.read(list_name)
        first_day = None if first is None else first.toordinal()
        last_day = None if last is None else last.toordinal()
        starts, list_end = index["starts"], index["at"][1] - len(CLOSING)
        built = self._built.setdefault(list_name, {})
        meeting = [
            position
            for position, span in enumerate(days)
            if span is not None and possible_days_meet(span[0], span[1], first_day, last_day)
        ]
        unbuilt = [position for position in meeting if position not in built]
        try:
            # The records not built yet are parsed as one JSON array of their lines: one parse, not one
            # a record (their lines, cut from the list's array, keep their bytes as the entry holds them).
            body = memoryview(self._body)
            ends = [start - len(SEPARATOR) for start in starts[1:]] + [list_end]
            lines = [body[starts[position] : ends[position]] for position in unbuilt]
            values = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
            model = model_of_list(list_name)
            with collector_paused():
                for position, value in zip(unbuilt, values, strict=True):
                    built[position] = self._builder.build(model, value)
        except Exception as error:  # not an entry aloe wrote
            raise DamagedEntry(list_name) from error
        return [built[position] for position in meeting]

    def whole(self) -> Dataset:
        """The whole dataset, every list read; DamagedEntry if a record is not one aloe wrote."""
        lists = {list_name: self.read(list_name) for list_name in RECORD_KINDS}
        # Built without validation, as its records are; its fields in their declared order, as validation
        # gives them, so that it compares, prints and pickles as the dataset validated.
        values: dict[str, Any] = {
            spec.name: lists[spec.name] if spec.name in lists else getattr(self._head, spec.name)
            for spec in field_specs(Dataset)
        }
        return Dataset(**values)
