"""Datasets that passed validation, written as JSON and read back without validating them again.

Two things are stored so: the bundled dataset's snapshot, made when the package is built or tested
(`tests/test_bundled_dataset.py` proves it equals what validating the YAML gives), read back here whole;
and each cache entry of a user's dataset, whose lists `unread.py` builds with this module's
`RecordBuilder` when the run reads them. Validating again on every run would cost Pydantic's schema
building and a pass over every value; reading back costs a JSON parse and one object per record, built
directly (no validator runs, and Pydantic is never imported). Both are bound to the SHA-256 of the YAML
bytes they came from and are used only when it matches. Regenerate the bundled snapshot with:

    python -m aloe_cli.loading.snapshot data/timeline.yaml data/timeline.snapshot.json
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import typing
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from ..model.edtf import EdtfDate, parse_edtf
from ..model.models import Dataset, Record, field_specs, fields_as_json

SNAPSHOT_FORMAT = "aloe-snapshot/1"


def dataset_json(dataset: Dataset) -> Any:
    """A validated dataset as JSON values: what `dataset_from_json` reads back."""
    return fields_as_json(dataset, exclude_defaults=True)


def snapshot_bytes(dataset: Dataset, yaml_bytes: bytes) -> bytes:
    """The snapshot of a validated dataset, bound to the YAML bytes it was validated from."""
    document = {
        "format": SNAPSHOT_FORMAT,
        "yaml_sha256": hashlib.sha256(yaml_bytes).hexdigest(),
        "dataset": dataset_json(dataset),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dataset_from_snapshot(snapshot: bytes | bytearray, yaml_bytes: bytes) -> Dataset | None:
    """The dataset a snapshot holds, or None when it is not the snapshot of these YAML bytes."""
    document = json.loads(snapshot)
    if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
        return None
    if document.get("yaml_sha256") != hashlib.sha256(yaml_bytes).hexdigest():
        return None
    return dataset_from_json(document["dataset"])


def dataset_from_json(value: Any) -> Dataset:
    """The dataset `dataset_json` wrote, rebuilt without validation; KeyError or TypeError if not one.

    The JSON value is taken over: its mappings become the records' fields.
    """
    return typing.cast("Dataset", RecordBuilder().build(Dataset, value))


class _Kind(Enum):
    """How a field's JSON value becomes its Python value."""

    AS_IS = "as is"
    RECORD = "a record"
    RECORDS = "a list of records"
    EDTF = "an EDTF date"


class _Plan(NamedTuple):
    """How the builder reads one kind of record: worked out once per kind from its fields."""

    plain_defaults: dict[str, Any]  # fields with a fixed default, by name
    factories: tuple[tuple[str, typing.Callable[[], Any]], ...]  # fields whose default is made fresh
    renamed: tuple[tuple[str, str], ...]  # (JSON key, field name) where the file's name differs
    nested: tuple[tuple[str, _Kind, type[Record] | None], ...]  # fields holding records or dates
    required: tuple[str, ...]
    declared: tuple[str, ...]  # every field, in its declared order


class _Shape(NamedTuple):
    """What a record that sets these fields lacks: worked out once per kind and set of fields given."""

    defaults: tuple[tuple[str, Any], ...]  # the fields it lacks that have a fixed default
    factories: tuple[tuple[str, typing.Callable[[], Any]], ...]  # those whose default is made fresh
    # The fields in their declared order, when the entry's order and the defaults added after it differ
    # from it: a record's fields are compared, shown and written in that order.
    reordered: tuple[str, ...] | None


class RecordBuilder:
    """Builds records from their validated JSON, sharing what can be shared among immutable values."""

    def __init__(self) -> None:
        self._plans: dict[type[Record], _Plan] = {}
        self._dates: dict[str, EdtfDate] = {}  # EdtfDate is frozen: one object per distinct text
        # Records of one kind set the same few combinations of fields: each combination is checked once.
        self._shapes: dict[tuple[type[Record], tuple[str, ...]], _Shape] = {}

    def build(self, model: type[Record], value: dict[str, Any]) -> Record:
        """One record and everything inside it; the JSON mapping itself becomes the record's fields.

        Reusing the parsed mapping, rather than copying it, keeps a large dataset's peak memory to one
        copy of its records.
        """
        plan = self._plans.get(model) or self._plan(model)
        for key, name in plan.renamed:
            if key in value:
                value[name] = value.pop(key)
        given = tuple(value)  # the fields the entry sets (it was written without defaults)
        shape = self._shapes.get((model, given)) or self._shape(model, plan, given)
        for name, kind, inner in plan.nested:
            raw = value.get(name)
            if raw is None:
                continue
            if kind is _Kind.RECORDS:
                value[name] = [self.build(inner, item) for item in raw]  # type: ignore[arg-type]
            elif kind is _Kind.RECORD:
                value[name] = self.build(inner, raw)  # type: ignore[arg-type]
            else:
                value[name] = self._dates.get(raw) or self._date(raw)
        for name, default in shape.defaults:
            value[name] = default
        for name, factory in shape.factories:
            value[name] = factory()
        if shape.reordered is not None:
            value = {name: value[name] for name in shape.reordered}
        instance = model.__new__(model)
        object.__setattr__(instance, "__dict__", value)  # a record is frozen: its fields are set once, here
        return instance

    def _shape(self, model: type[Record], plan: _Plan, given: tuple[str, ...]) -> _Shape:
        missing = [name for name in plan.required if name not in given]
        if missing:
            raise KeyError(f"{model.__name__} without its {missing[0]}")
        unknown = [name for name in given if name not in plan.declared]
        if unknown:
            raise KeyError(f"{model.__name__} has no field {unknown[0]}")
        defaults = tuple(
            (name, default) for name, default in plan.plain_defaults.items() if name not in given
        )
        factories = tuple((name, factory) for name, factory in plan.factories if name not in given)
        filled = given + tuple(name for name, _ in defaults) + tuple(name for name, _ in factories)
        shape = self._shapes[(model, given)] = _Shape(
            defaults=defaults,
            factories=factories,
            reordered=None if filled == plan.declared else plan.declared,
        )
        return shape

    def _date(self, text: str) -> EdtfDate:
        parsed = self._dates[text] = parse_edtf(text)
        return parsed

    def _plan(self, model: type[Record]) -> _Plan:
        specs = field_specs(model)
        kinds = {spec.name: _kind_of(spec.annotation) for spec in specs}
        plan = _Plan(
            plain_defaults={
                spec.name: spec.default
                for spec in specs
                if spec.default is not dataclasses.MISSING and spec.factory is None
            },
            factories=tuple((spec.name, spec.factory) for spec in specs if spec.factory is not None),
            renamed=tuple((spec.key, spec.name) for spec in specs if spec.key != spec.name),
            nested=tuple(
                (name, kind, inner) for name, (kind, inner) in kinds.items() if kind is not _Kind.AS_IS
            ),
            required=tuple(
                spec.name for spec in specs if spec.default is dataclasses.MISSING and spec.factory is None
            ),
            declared=tuple(spec.name for spec in specs),
        )
        self._plans[model] = plan
        return plan


def _kind_of(annotation: Any) -> tuple[_Kind, type[Record] | None]:
    """What an annotation holds: a record, a list of records, an EDTF date, or a plain JSON value."""
    listed = False
    while True:
        origin = typing.get_origin(annotation)
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = arguments[0]
        elif origin is list:
            listed, annotation = True, arguments[0]
        elif arguments and origin is not dict and len(arguments) == 1:  # `X | None`
            annotation = arguments[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return (_Kind.RECORDS if listed else _Kind.RECORD), annotation
    if annotation is EdtfDate:
        assert not listed, "no field holds a list of dates"
        return _Kind.EDTF, None
    return _Kind.AS_IS, None


def model_of_list(list_name: str) -> type[Record]:
    """The kind of record of one of a dataset's lists (`events`: Event)."""
    spec = next(spec for spec in field_specs(Dataset) if spec.name == list_name)
    kind, model = _kind_of(spec.annotation)
    assert kind is _Kind.RECORDS and model is not None, f"{list_name} is a list of records"
    return model


def main() -> None:
    """Validate a dataset file and write its snapshot: `python -m aloe_cli.loading.snapshot YAML OUT`."""
    # Building a snapshot validates; reading one (every run) never loads the validator.
    from .source import decode_dataset
    from .validation import validate_text

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    yaml_bytes = source.read_bytes()
    dataset = validate_text(decode_dataset(yaml_bytes, str(source)), str(source))
    target.write_bytes(snapshot_bytes(dataset, yaml_bytes))


if __name__ == "__main__":
    main()
