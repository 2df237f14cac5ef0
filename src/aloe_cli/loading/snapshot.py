"""Datasets that passed validation, written as JSON and read back without validating them again.

Two things are stored so: the bundled dataset's snapshot, made when the package is built or tested
(`tests/test_bundled_dataset.py` proves it equals what validating the YAML gives), read back here whole;
and each cache entry of a user's dataset, whose lists `unread.py` builds with this module's
`RecordBuilder` when the run reads them. Validating again on every run would cost Pydantic's schema
building and a pass over every value; reading back costs a JSON parse and one object per record, built
directly (no validator runs, no schema is built). Both are bound to the SHA-256 of the YAML bytes they
came from and are used only when it matches. Regenerate the bundled snapshot with:

    python -m aloe_cli.loading.snapshot data/timeline.yaml data/timeline.snapshot.json
"""

from __future__ import annotations

import hashlib
import json
import sys
import typing
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..model.edtf import EdtfDate, parse_edtf
from ..model.models import Dataset

SNAPSHOT_FORMAT = "aloe-snapshot/1"


def dataset_json(dataset: Dataset) -> Any:
    """A validated dataset as JSON values: what `dataset_from_json` reads back."""
    return dataset.model_dump(mode="json", by_alias=True, exclude_defaults=True)


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
    MODEL = "a model"
    MODELS = "a list of models"
    EDTF = "an EDTF date"


class _Plan(NamedTuple):
    """How the builder reads one model: worked out once per model from its fields."""

    plain_defaults: dict[str, Any]  # fields with a fixed default, by name
    factories: tuple[tuple[str, typing.Callable[[], Any]], ...]  # fields whose default is made fresh
    renamed: tuple[tuple[str, str], ...]  # (JSON key, field name) where an alias differs
    nested: tuple[tuple[str, _Kind, type[BaseModel] | None], ...]  # fields holding models or dates
    required: tuple[str, ...]
    private: dict[str, Any] | None  # the defaults of the model's private attributes, if it has any


class _Shape(NamedTuple):
    """What a record that sets these fields lacks: worked out once per model and set of fields given."""

    fields_set: set[str]  # the fields given (never changed on a frozen model: shared)
    defaults: tuple[tuple[str, Any], ...]  # the fields it lacks that have a fixed default
    factories: tuple[tuple[str, typing.Callable[[], Any]], ...]  # those whose default is made fresh
    # The fields in their declared order, when the entry's order and the defaults added after it differ
    # from it: Pydantic dumps and iterates a model's fields in the order of its __dict__.
    reordered: tuple[str, ...] | None


class RecordBuilder:
    """Builds models from their validated JSON, sharing what can be shared among immutable values."""

    def __init__(self) -> None:
        self._plans: dict[type[BaseModel], _Plan] = {}
        self._dates: dict[str, EdtfDate] = {}  # EdtfDate is frozen: one object per distinct text
        # Records of one kind set the same few combinations of fields: each combination is checked once.
        self._shapes: dict[tuple[type[BaseModel], tuple[str, ...]], _Shape] = {}

    def build(self, model: type[BaseModel], value: dict[str, Any]) -> BaseModel:
        """One model and everything inside it; the JSON mapping itself becomes the model's fields.

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
            if kind is _Kind.MODELS:
                value[name] = [self.build(inner, item) for item in raw]  # type: ignore[arg-type]
            elif kind is _Kind.MODEL:
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
        object.__setattr__(instance, "__dict__", value)
        object.__setattr__(instance, "__pydantic_fields_set__", shape.fields_set)
        object.__setattr__(instance, "__pydantic_extra__", None)
        object.__setattr__(
            instance, "__pydantic_private__", None if plan.private is None else dict(plan.private)
        )
        return instance

    def _shape(self, model: type[BaseModel], plan: _Plan, given: tuple[str, ...]) -> _Shape:
        missing = [name for name in plan.required if name not in given]
        if missing:
            raise KeyError(f"{model.__name__} without its {missing[0]}")
        defaults = tuple(
            (name, default) for name, default in plan.plain_defaults.items() if name not in given
        )
        factories = tuple((name, factory) for name, factory in plan.factories if name not in given)
        filled = given + tuple(name for name, _ in defaults) + tuple(name for name, _ in factories)
        declared = tuple(model.model_fields)
        shape = self._shapes[(model, given)] = _Shape(
            fields_set=set(given),
            defaults=defaults,
            factories=factories,
            reordered=None if filled == declared else declared,
        )
        return shape

    def _date(self, text: str) -> EdtfDate:
        parsed = self._dates[text] = parse_edtf(text)
        return parsed

    def _plan(self, model: type[BaseModel]) -> _Plan:
        private = {name: attribute.get_default() for name, attribute in model.__private_attributes__.items()}
        # Pydantic's post-init of a model with private attributes, and no post-init of its own, only
        # sets their defaults: the builder does that itself.
        post_init = (
            model.__pydantic_post_init__ and model.model_post_init.__name__ != "init_private_attributes"
        )
        assert not post_init, "a model with post-init work cannot be built directly"
        fields = model.model_fields
        kinds = {name: _kind_of(info.annotation) for name, info in fields.items()}
        plan = _Plan(
            plain_defaults={
                name: info.default
                for name, info in fields.items()
                if not info.is_required() and info.default_factory is None
            },
            factories=tuple(
                (name, typing.cast("typing.Callable[[], Any]", info.default_factory))
                for name, info in fields.items()
                if info.default_factory is not None
            ),
            renamed=tuple(
                (info.alias, name) for name, info in fields.items() if info.alias not in (None, name)
            ),
            nested=tuple(
                (name, kind, inner) for name, (kind, inner) in kinds.items() if kind is not _Kind.AS_IS
            ),
            required=tuple(name for name, info in fields.items() if info.is_required()),
            private=private or None,
        )
        self._plans[model] = plan
        return plan


def _kind_of(annotation: Any) -> tuple[_Kind, type[BaseModel] | None]:
    """What an annotation holds: a model, a list of models, an EDTF date, or a plain JSON value."""
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
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (_Kind.MODELS if listed else _Kind.MODEL), annotation
    if annotation is EdtfDate:
        assert not listed, "no field holds a list of dates"
        return _Kind.EDTF, None
    return _Kind.AS_IS, None


def model_of_list(list_name: str) -> type[BaseModel]:
    """The model of the records of one of a dataset's lists (`events`: Event)."""
    kind, model = _kind_of(Dataset.model_fields[list_name].annotation)
    assert kind is _Kind.MODELS and model is not None, f"{list_name} is a list of records"
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
