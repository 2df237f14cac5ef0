"""The JSON Schema as editors use it: it accepts what aloe accepts and refuses what it can express.

An editor (yaml-language-server, check-jsonschema) reads a dataset as YAML 1.2's core schema does:
`2001` a number, `true` a boolean, `NO` text. `core_yaml` reads it so here.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aloe_cli.model.edtf import EDTF_SCHEMA_PATTERN, EdtfError, parse_edtf
from aloe_cli.model.schema import dataset_json_schema
from conftest import examples
from test_edtf import interval_ends, single_dates

ROOT = Path(__file__).parents[1]
DATASETS = ROOT / "tests" / "datasets"


class CoreSchemaLoader(yaml.CSafeLoader):
    """YAML 1.2's core schema: only true/false are booleans, only digits numbers, only null/~ null."""


CoreSchemaLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    CoreSchemaLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def core_yaml(path: Path) -> Any:
    """A dataset file as an editor's YAML 1.2 reader sees it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=CoreSchemaLoader)


VALIDATOR = jsonschema.Draft202012Validator(dataset_json_schema())

VALID = [
    ROOT / "data" / "timeline.yaml",
    *sorted((ROOT / "examples").glob("*.yaml")),
    *sorted((DATASETS / "valid").glob("*.yaml")),
]

# Invalid datasets whose problem a schema can express, and what it is.
SCHEMA_CAN_SAY = {
    "bad-dates.yaml": "month 13, and 'June 2001', are not EDTF",
    "wrong-types.yaml": "a format other than aloe/1, a list where text goes",
    "unknown-field.yaml": "a misspelt key",
    "unsafe-url.yaml": "a javascript: address",
    "bad-media.yaml": "a path leaving the dataset's folder, a medium with both or neither of url and path",
    "schema-and-reference-problems.yaml": "a list where a name goes",
    "top-level-list.yaml": "a list, not a mapping",
    "top-level-scalar.yaml": "text, not a mapping",
    "only-comments.yaml": "an empty document",
    "statement-sources.yaml": "a source type no reference manager knows (not what a citation supports)",
    "record-rules.yaml": "a list where text in several languages goes, a property's name as a key",
}
# Those a schema cannot express: aloe's checks across records and its safe YAML reading.
SCHEMA_CANNOT_SAY = {
    "billion-laughs.yaml": "YAML aliases (aloe refuses them; a schema sees the expanded value)",
    "deep-nesting.yaml": "nesting too deep to read safely",
    "duplicate-key-and-more.yaml": "a duplicate key (the YAML reader keeps one)",
    "duplicate-keys.yaml": "a duplicate key",
    "duplicate-nested-key.yaml": "a duplicate key",
    "duplicate-ids.yaml": "two records with one id",
    "dated-by-problems.yaml": "dates taken from records that are missing or undated",
    "lineage-cycle.yaml": "a lineage that goes round in a circle",
    "lineage-mixed-cycle.yaml": "a circle over several relations",
    "merge-key.yaml": "a merge key (aloe refuses it; a schema sees the merged mapping)",
    "no-source.yaml": "a record citing no source, directly or through its claims",
    "python-tag.yaml": "a Python tag (no safe reader builds it)",
    "several-documents.yaml": "several documents in one file",
    "syntax-error.yaml": "not YAML at all",
    "unknown-references.yaml": "ids that name no record",
}


def test_every_invalid_dataset_is_sorted_into_what_a_schema_can_say_or_not() -> None:
    files = {path.name for path in (DATASETS / "invalid").glob("*.yaml")}
    assert files == set(SCHEMA_CAN_SAY) | set(SCHEMA_CANNOT_SAY)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_the_schema_accepts_every_valid_dataset(path: Path) -> None:
    assert [error.message for error in VALIDATOR.iter_errors(core_yaml(path))] == []


@pytest.mark.parametrize("name", sorted(SCHEMA_CAN_SAY))
def test_the_schema_refuses_what_it_can_express(name: str) -> None:
    document = core_yaml(DATASETS / "invalid" / name)
    assert list(VALIDATOR.iter_errors(document)), SCHEMA_CAN_SAY[name]


def test_every_property_has_a_description_and_the_schema_an_id() -> None:
    schema = dataset_json_schema()
    assert schema["$id"].startswith("urn:")
    missing: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                if "description" not in value:
                    missing.append(f"{path}.{name}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    walk(schema, "")
    assert missing == []


def _matches(text: str) -> bool:
    return re.match(EDTF_SCHEMA_PATTERN, text) is not None


interval_sides = st.one_of(interval_ends, st.sampled_from(["", ".."]))


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(single_dates, st.tuples(interval_sides, interval_ends).map("/".join),
                 st.tuples(interval_ends, interval_sides).map("/".join)))  # fmt: skip
def test_every_date_aloe_accepts_matches_the_schema_pattern(text: str) -> None:
    with contextlib.suppress(EdtfError):
        parse_edtf(text)
        assert _matches(text), text


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="0123456789X-/.~?%TZ:+", max_size=24))
def test_any_text_aloe_accepts_matches_the_schema_pattern(text: str) -> None:
    with contextlib.suppress(EdtfError):
        parse_edtf(text)
        assert _matches(text), text


@pytest.mark.parametrize("text", ["2001-13", "June 2001", "/", "../..", "2001-XX/2002", "987", "2001-06-32"])
def test_the_pattern_refuses_what_aloe_refuses_by_shape(text: str) -> None:
    with pytest.raises(EdtfError):
        parse_edtf(text)
    assert not _matches(text)
