"""From dataset text to a validated Dataset, with every problem worded for people and placed in the file."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from typing import Any

from pydantic import TypeAdapter, ValidationError

from aloe_cli.errors import DatasetInvalid, Problem
from aloe_cli.i18n import N_, _
from aloe_cli.loading.checks import Finding, check_references
from aloe_cli.loading.derived_dates import with_derived_dates
from aloe_cli.loading.yaml_loader import Path, PositionIndex, format_path, index_positions, read_yaml
from aloe_cli.model.models import (
    ID_PATTERN,
    RECORD_KINDS,
    URL_PATTERN,
    Dataset,
    DateClaim,
    FieldSpec,
    LocalizedText,
    Record,
    field_specs,
    kind_of,
)


@functools.cache
def dataset_validator() -> TypeAdapter[Dataset]:
    """Pydantic's validator of a Dataset, its schema built once per run.

    Records are validated through it too, a list at a time inside a dataset that has nothing else: a
    validator per kind of record would build the schemas of citations and claims again for each kind
    (about 25 ms a run).
    """
    return TypeAdapter(Dataset)


# What a dataset holding only some records of one list needs besides them.
_NO_HEAD = {"format": "aloe/1", "title": "-"}


def validate_records(list_name: str, items: list[Any]) -> list[Record]:
    """The records of one of a dataset's lists, validated; a ValidationError's places start at the list."""
    dataset = dataset_validator().validate_python({**_NO_HEAD, list_name: items})
    records: list[Record] = getattr(dataset, list_name)
    return records


def validate_text(text: str, name: str) -> Dataset:
    """Parse and validate dataset text; `name` is what messages call the file.

    Every problem is reported in one run: YAML problems that leave the values known (a duplicate
    key, an anchor) do not stop the schema and reference checks.
    """
    raw, problems = read_yaml(text, name)
    try:
        dataset: Dataset | None = _validated_record_by_record(raw)
    except ValidationError:
        dataset = None  # handled below, once this error and the values its traceback holds are gone
    if dataset is None:
        raw, _ = read_yaml(text, name)  # the values again (the first pass let go of them): for the messages
        try:
            dataset_validator().validate_python(raw)
        except ValidationError as whole:
            error = whole
        else:  # cannot be: a record that fails alone fails in its list
            raise AssertionError("a record failed alone but not in its dataset")
        details = error.errors(include_url=False, include_input=False)
        partial = _partial_findings(raw)
        positions = index_positions(
            text, name, [*(tuple(d["loc"]) for d in details), *(p for p, _ in partial)]
        )
        problems += [_schema_problem(detail, raw, positions, name) for detail in details]
        problems += [_problem_at(path, message, positions, name) for path, message in partial]
        raise DatasetInvalid(name, problems) from None
    derived: dict[str, list[DateClaim]] = {}  # the claims of `dated_by` records, built once by the check
    findings = check_references(dataset, derived=derived)
    if findings:
        positions = index_positions(text, name, [path for path, _ in findings])
        problems += [_problem_at(path, message, positions, name) for path, message in findings]
    if problems:
        raise DatasetInvalid(name, problems)
    return with_derived_dates(dataset, derived)


def _validated_record_by_record(raw: dict[str, Any]) -> Dataset:
    """What validating `raw` as a Dataset gives, each record's raw values let go as its record is made.

    Validating the whole mapping at once holds every raw value until the last record is made: about a
    fifth of validation's peak memory for small records. So each list is validated a few hundred
    records at a time, each batch's raw values let go once its records are made. `raw` is emptied; on
    the first ValidationError the caller reads the file again for the messages.
    """
    lists = {key: raw.pop(key) for key in RECORD_KINDS if isinstance(raw.get(key), list)}
    built: dict[str, Any] = {}
    for list_name, items in lists.items():
        made: list[Any] = []
        for start in range(0, len(items), _BATCH):
            made += validate_records(list_name, items[start : start + _BATCH])
            items[start : start + _BATCH] = [None] * len(items[start : start + _BATCH])
        built[list_name] = made
    head = dataset_validator().validate_python({**raw, **{list_name: [] for list_name in lists}})
    return dataclasses.replace(head, **built)


_BATCH = 256  # records validated at a time: few enough to let their raw values go soon


def _partial_findings(raw: dict[str, Any]) -> list[Finding]:
    """Reference problems among the records that do pass the schema, so one run reports both kinds.

    A record that fails the schema is checked too, without the fields that failed (an event with a
    bad date still names places that may not exist); findings about the fields left out are dropped.
    """
    kept: dict[str, Any] = {}  # list name -> the records of that list that pass the schema
    original_index: dict[str, list[int]] = {}
    left_out_fields: dict[tuple[str, int], set[str]] = {}  # (list, index in kept) -> fields left out
    left_out_ids: dict[str, set[str]] = {}
    for list_name in RECORD_KINDS:
        items = raw.get(list_name)
        if not isinstance(items, list):
            continue
        kept[list_name], original_index[list_name], left_out_ids[list_name] = [], [], set()
        for position, item in enumerate(items):
            record: Record | None
            try:
                [record] = validate_records(list_name, [item])
            except ValidationError as error:
                # Its places start at the list: (list, 0, field, ...).
                failing = {detail["loc"][2] for detail in error.errors() if len(detail["loc"]) > 2}
                record = _without_fields(list_name, item, failing)
                if record is None:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        left_out_ids[list_name].add(item["id"])
                    continue
                left_out_fields[(list_name, len(kept[list_name]))] = {key for key in item if key in failing}
            kept[list_name].append(record)
            original_index[list_name].append(position)
    partial = Dataset(format="aloe/1", title={"en": "?"}, **kept)
    # Paths point into the partial dataset; map each record back to its place in the file.
    return [
        ((path[0], original_index[str(path[0])][int(path[1])], *path[2:]), message)
        for path, message in check_references(partial, also_known=left_out_ids)
        if not _about_left_out_fields(path, left_out_fields.get((str(path[0]), int(path[1])), set()))
    ]


def _about_left_out_fields(path: Path, left_out: set[str]) -> bool:
    """Whether a finding is about fields the check did not see (then it may not be true)."""
    if not left_out or len(path) < 3:
        return False
    # "cites no source" is about the whole record: its claims' sources may be in a field left out.
    return path[2] in left_out or path[2:] == ("sources",)


def _without_fields(list_name: str, item: Any, failing: set[Any]) -> Record | None:
    """The record without the fields the schema refused, if what is left passes; else None."""
    if not isinstance(item, dict):
        return None
    try:
        kept = {key: value for key, value in item.items() if key not in failing}
        [record] = validate_records(list_name, [kept])
        return record
    except ValidationError:
        return None


def _problem_at(
    path: Path, message: str, positions: PositionIndex, name: str, *, at_key: bool = False
) -> Problem:
    position = positions.locate(path, at_key=at_key)
    line, column = position if position else (None, None)
    return Problem(name, line, column, format_path(path), message)


def _schema_problem(detail: Any, raw: Any, positions: PositionIndex, name: str) -> Problem:
    """Turn one Pydantic error into a message a dataset author can act on, never echoing the input."""
    path: Path = tuple(detail["loc"])
    kind = detail["type"]
    context = detail.get("ctx") or {}
    value = _value_at(raw, path)
    found = kind_of(value)
    field = str(path[-1]) if path else _("the dataset")
    if kind == "missing":
        # Point at the mapping the field is missing from: the field itself has no position.
        line, column = positions.locate(path[:-1]) or (None, None)
        return Problem(
            name, line, column, format_path(path), _("'{field}' is required here").format(field=field)
        )
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        known = _field_names(path[:-1])
        close = difflib.get_close_matches(field, known, n=1)
        hint = (
            _(" (did you mean '{id}'?)").format(id=close[0])
            if close
            else _(" (known fields: {fields})").format(fields=", ".join(known))
        )
        message = _("unknown field '{field}'").format(field=field) + hint
        return _problem_at(path, message, positions, name, at_key=True)
    pattern = context.get("pattern")
    if path and path[-1] == "[key]":  # a language code of a text in several languages
        path = path[:-1]
        message = _("'{code}' is not a language code (use en, fr, es, pt ...)").format(code=path[-1])
        return _problem_at(path, message, positions, name, at_key=True)
    if kind == "literal_error":
        message = _("must be one of {choices}").format(choices=_or(context.get("expected", "")))
    elif value is None and kind in ("string_type", "dict_type"):
        message = _("this value is empty: write some text")
    elif kind in ("string_type", "str_type"):
        message = _("expected text, found {found}").format(found=found)
    elif kind == "list_type":
        message = _("expected a list ('- item' lines or [a, b]), found {found}").format(found=found)
    elif kind == "dict_type" and _is_localized_text(path):
        message = _(
            "expected text, or a mapping of languages to text (en: ..., fr: ...), not {found}"
        ).format(found=found)
    elif kind in ("model_type", "dataclass_type", "dict_type", "model_attributes_type"):
        message = _("expected a mapping (key: value), found {found}").format(found=found)
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = _("expected a whole number, such as 12")
    elif kind == "string_too_short" or (kind == "string_pattern_mismatch" and pattern == r"\S"):
        message = _("this text is empty")
    elif kind == "too_short":
        message = _("give the text in at least one language")
    elif kind == "string_pattern_mismatch" and pattern == URL_PATTERN:
        message = _("a URL is a web address starting with http:// or https://")
    elif kind == "string_pattern_mismatch" and pattern == ID_PATTERN:
        message = _("an id uses lower-case letters, digits and '-' only (like 'wsf-2002')")
    elif kind == "string_pattern_mismatch":
        message = _("does not have the expected form ({pattern})").format(pattern=pattern)
    elif kind in _BOUNDS:
        wording, key = _BOUNDS[kind]
        message = _(wording).format(limit=context.get(key, ""))
    elif kind.startswith("greater_than") or kind.startswith("less_than"):
        message = detail["msg"].replace("Input should be", "must be")
    else:
        message = detail["msg"]
    return _problem_at(path, message, positions, name)


# Pydantic's bounds on a number, as its English says them ("must be greater than 0"), and where its limit is.
_BOUNDS = {
    "greater_than": (N_("must be greater than {limit}"), "gt"),
    "greater_than_equal": (N_("must be greater than or equal to {limit}"), "ge"),
    "less_than": (N_("must be less than {limit}"), "lt"),
    "less_than_equal": (N_("must be less than or equal to {limit}"), "le"),
}


def _or(expected: str) -> str:
    """Pydantic's list of allowed values ("'a', 'b' or 'c'"), its last "or" in the run's language."""
    head, found, last = expected.rpartition("' or '")
    return head + "'" + _(" or ") + "'" + last if found else expected


def _value_at(raw: Any, path: Path) -> Any:
    """The raw value at `path`, or None where the path leads nowhere."""
    value = raw
    for part in path:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value


def _field_at(path: Path) -> tuple[type[Record] | None, FieldSpec | None]:
    """The kind of record found at `path` inside a Dataset, and the field `path` ends on (indexes skipped)."""
    model: type[Record] | None = Dataset
    spec: FieldSpec | None = None
    for part in path:
        if model is None or isinstance(part, int):
            continue
        spec = next((spec for spec in field_specs(model) if spec.key == part), None)
        model = _model_in(spec.annotation) if spec else None
    return model, spec


def _field_names(path: Path) -> list[str]:
    """The field names (as written in YAML) of the kind of record found at `path` inside a Dataset."""
    model, _field = _field_at(path)
    if model is None:
        return []
    return [spec.key for spec in field_specs(model)]


def _is_localized_text(path: Path) -> bool:
    """Whether the field at `path` takes text in several languages (a LocalizedText)."""
    _, spec = _field_at(path)
    return spec is not None and LocalizedText in (spec.annotation, *typing.get_args(spec.annotation))


def _model_in(annotation: Any) -> type[Record] | None:
    """The kind of record inside an annotation such as `list[Citation]` or `Organisation | None`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
