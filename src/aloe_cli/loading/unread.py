"""A cache entry's record lists: one JSON line per record, indexed, each record built when first read.

Reading an entry builds only the dataset's head (its title, its description). Each record list stays
as the entry's bytes until the run reads it (`Dataset.__getattr__` then builds it whole), and a
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
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from aloe_cli.loading.collector import kept_for_the_run
from aloe_cli.loading.snapshot import RecordBuilder, dataset_json, model_of_list
from aloe_cli.model.models import RECORD_KINDS, Dataset, DatedRecord, possible_days_meet

if TYPE_CHECKING:
    from pydantic import BaseModel

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


def dataset_from_entry(
    head: dict[str, Any], body: bytes | bytearray, rebuild: Callable[[], Dataset]
) -> Dataset:
    """The dataset an entry holds, its lists unread; KeyError or TypeError if the head is not one.

    `rebuild` validates the dataset afresh: it is called should a record prove not to be one aloe
    wrote (the entry is then gone, and every list still unread is read from what it returns).
    """
    builder = RecordBuilder()
    lists = head["lists"]
    for list_name, index in lists.items():
        if list_name not in RECORD_KINDS or len(index["starts"]) != len(index.get("days", index["starts"])):
            raise KeyError(f"no list {list_name} in an entry of ours")
    dataset = builder.build(Dataset, head["dataset"])
    assert isinstance(dataset, Dataset)
    for list_name in lists:
        del dataset.__dict__[list_name]  # the builder gave it its default, an empty list
    object.__setattr__(dataset, "__pydantic_fields_set__", dataset.model_fields_set | set(lists))
    private = dataset.__pydantic_private__
    assert private is not None, "the builder sets a dataset's private attributes"
    private["_unread"] = UnreadRecordLists(body, lists, builder, rebuild)
    return dataset


class UnreadRecordLists:
    """The lists of a cache entry not built yet, and the records of them built one by one so far."""

    def __init__(
        self,
        body: bytes | bytearray,
        lists: dict[str, Any],
        builder: RecordBuilder,
        rebuild: Callable[[], Dataset],
    ) -> None:
        self._body = body
        self._lists = lists  # the head's index of each unread list
        self._built: dict[str, dict[int, BaseModel]] = {}  # by list, by position: built for a question
        self._builder = builder
        self._rebuild: Callable[[], Dataset] | None = rebuild
        self._validated: Dataset | None = None  # set once the entry proved damaged

    def __contains__(self, list_name: object) -> bool:
        """Whether this list is still unread."""
        return list_name in self._lists

    def read(self, list_name: str) -> list[Any]:
        """Every record of the list, built (reusing those built already): it is unread no more."""
        index = self._lists.pop(list_name)
        built = self._built.pop(list_name, {})
        records = None if self._validated is not None else self._built_whole(list_name, index, built)
        if records is None:  # the entry proved damaged: the list comes from the dataset validated afresh
            records = getattr(self._validated_dataset(), list_name)
        if not self._lists:
            self._body = b""  # every list is read: the entry's bytes are no longer needed
        return records

    def _built_whole(
        self, list_name: str, index: dict[str, Any], built: dict[int, BaseModel]
    ) -> list[Any] | None:
        """The list's records, those built already kept; None if a record is not one aloe wrote."""
        at, end = index["at"]
        try:
            values = json.loads(self._body[at:end])
            model = model_of_list(list_name)
            with kept_for_the_run():
                return [
                    built[position] if position in built else self._builder.build(model, value)
                    for position, value in enumerate(values)
                ]
        except Exception:  # whatever is wrong with the entry, validating the YAML again puts it right
            return None

    def possibly_between(self, list_name: str, first: date | None, last: date | None) -> list[Any] | None:
        """The records of the list whose possible days may meet [first, last]; None if it has no index."""
        index = self._lists[list_name]
        days = index.get("days")
        if days is None or self._validated is not None:
            return None
        first_day = None if first is None else first.toordinal()
        last_day = None if last is None else last.toordinal()
        starts, list_end = index["starts"], index["at"][1] - len(CLOSING)
        built = self._built.setdefault(list_name, {})
        found = []
        try:
            model = model_of_list(list_name)
            with kept_for_the_run():
                for position, span in enumerate(days):
                    if span is None or not possible_days_meet(span[0], span[1], first_day, last_day):
                        continue
                    record = built.get(position)
                    if record is None:
                        end = (
                            starts[position + 1] - len(SEPARATOR) if position + 1 < len(starts) else list_end
                        )
                        value = json.loads(self._body[starts[position] : end])
                        record = built[position] = self._builder.build(model, value)
                    found.append(record)
        except Exception:  # not an entry aloe wrote: the whole list is read from the dataset validated afresh
            self._validated_dataset()
            return None
        return found

    def _validated_dataset(self) -> Dataset:
        if self._validated is None:
            assert self._rebuild is not None
            self._validated, self._rebuild = self._rebuild(), None
            self._built.clear()
        return self._validated
