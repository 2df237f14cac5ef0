"""From dataset text to a validated Dataset, with every problem worded for people and placed in the file."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from aloe_cli.errors import DatasetInvalid, Problem
from aloe_cli.loading.checks import Finding, check_references
from aloe_cli.loading.derived_dates import with_derived_dates
from aloe_cli.loading.yaml_loader import Path, PositionIndex, format_path, index_positions, read_yaml
from aloe_cli.model.models import (
    ID_PATTERN,
    RECORD_KINDS,
    URL_PATTERN,
    Dataset,
    DateClaim,
    kind_of,
    text_to_english,
)


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
            Dataset.model_validate(raw)
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
    """What `Dataset.model_validate(raw)` gives, each record's raw values let go as its model is made.

    Validating the whole mapping at once holds every raw value until the last model is made: about a
    fifth of validation's peak memory for small records. `raw` is emptied; on the first ValidationError
    the caller reads the file again for the messages.
    """
    lists = {key: raw.pop(key) for key in RECORD_KINDS if isinstance(raw.get(key), list)}
    built: dict[str, list[Any]] = {}
    for list_name, items in lists.items():
        model = _model_in(Dataset.model_fields[list_name].annotation)
        assert model is not None
        made: list[Any] = []
        for position, item in enumerate(items):
            made.append(model.model_validate(item))
            items[position] = None  # its values live in the model now
        built[list_name] = made
    return Dataset.model_validate({**raw, **{list_name: [] for list_name in lists}}).model_copy(update=built)


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
        model = _model_in(Dataset.model_fields[list_name].annotation)
        assert model is not None
        kept[list_name], original_index[list_name], left_out_ids[list_name] = [], [], set()
        for position, item in enumerate(items):
            record: BaseModel | None
            try:
                record = model.model_validate(item)
            except ValidationError as error:
                record = _without_failing_fields(model, item, error)
                if record is None:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        left_out_ids[list_name].add(item["id"])
                    continue
                left_out_fields[(list_name, len(kept[list_name]))] = set(item) - set(
                    record.model_dump(by_alias=True, exclude_unset=True)
                )
            kept[list_name].append(record)
            original_index[list_name].append(position)
    partial = Dataset.model_construct(format="aloe/1", title={"en": "?"}, **kept)
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


def _without_failing_fields(model: type[BaseModel], item: Any, error: ValidationError) -> BaseModel | None:
    """The record without the fields the schema refused, if what is left passes; else None."""
    if not isinstance(item, dict):
        return None
    failing = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
    try:
        return model.model_validate({key: value for key, value in item.items() if key not in failing})
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
    found = kind_of(_value_at(raw, path))
    field = str(path[-1]) if path else "the dataset"
    if kind == "missing":
        # Point at the mapping the field is missing from: the field itself has no position.
        line, column = positions.locate(path[:-1]) or (None, None)
        return Problem(name, line, column, format_path(path), f"'{field}' is required here")
    if kind == "extra_forbidden":
        known = _field_names(path[:-1])
        close = difflib.get_close_matches(field, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known fields: {', '.join(known)})"
        return _problem_at(path, f"unknown field '{field}'{hint}", positions, name, at_key=True)
    pattern = context.get("pattern")
    if path and path[-1] == "[key]":  # a language code of a text in several languages
        path = path[:-1]
        message = f"'{path[-1]}' is not a language code (use en, fr, es, pt ...)"
        return _problem_at(path, message, positions, name, at_key=True)
    if kind == "literal_error":
        message = f"must be one of {context.get('expected', '')}"
    elif found == "an empty value" and kind in ("string_type", "dict_type"):
        message = "this value is empty: write some text"
    elif kind in ("string_type", "str_type"):
        message = f"expected text, found {found}"
    elif kind == "list_type":
        message = f"expected a list ('- item' lines or [a, b]), found {found}"
    elif kind == "dict_type" and _is_localized_text(path):
        message = f"expected text, or a mapping of languages to text (en: ..., fr: ...), not {found}"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"expected a mapping (key: value), found {found}"
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = "expected a whole number, such as 12"
    elif kind == "string_too_short" or (kind == "string_pattern_mismatch" and pattern == r"\S"):
        message = "this text is empty"
    elif kind == "too_short":
        message = "give the text in at least one language"
    elif kind == "string_pattern_mismatch" and pattern == URL_PATTERN:
        message = "a URL is a web address starting with http:// or https://"
    elif kind == "string_pattern_mismatch" and pattern == ID_PATTERN:
        message = "an id uses lower-case letters, digits and '-' only (like 'wsf-2002')"
    elif kind == "string_pattern_mismatch":
        message = f"does not have the expected form ({pattern})"
    elif kind.startswith("greater_than") or kind.startswith("less_than"):
        message = detail["msg"].replace("Input should be", "must be")
    else:
        message = detail["msg"]
    return _problem_at(path, message, positions, name)


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


def _field_at(path: Path) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model found at `path` inside a Dataset, and the field `path` ends on (list indexes skipped)."""
    model: type[BaseModel] | None = Dataset
    info: FieldInfo | None = None
    for part in path:
        if model is None or isinstance(part, int):
            continue
        info = next((f for n, f in model.model_fields.items() if (f.alias or n) == part), None)
        model = _model_in(info.annotation) if info else None
    return model, info


def _field_names(path: Path) -> list[str]:
    """The field names (as written in YAML) of the model found at `path` inside a Dataset."""
    model, _ = _field_at(path)
    if model is None:
        return []
    return [info.alias or field_name for field_name, info in model.model_fields.items()]


def _is_localized_text(path: Path) -> bool:
    """Whether the field at `path` takes text in several languages (a LocalizedText)."""
    _, info = _field_at(path)
    return info is not None and any(getattr(meta, "func", None) is text_to_english for meta in info.metadata)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Citation]` or `Organisation | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
