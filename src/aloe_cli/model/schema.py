"""The dataset format as a JSON Schema (draft 2020-12), generated from the models."""

from __future__ import annotations

from typing import Any

from aloe_cli.model.models import Dataset

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The schema's own name: a URN, not a web address, because no site of ours serves it; editors find the
# file through the `$schema` comment or their settings (see the README).
SCHEMA_ID = "urn:aloe:dataset-schema:aloe-1"
# aloe reads every YAML scalar as text (`description: 010` is "010", not eight); an editor reads YAML 1.2,
# where the same scalar is a number. Free text therefore accepts any scalar, so that the schema accepts
# what aloe accepts. Text with a pattern (ids, languages, addresses) stays text.
ANY_SCALAR_AS_TEXT = ["string", "number", "boolean"]


def dataset_json_schema() -> dict[str, Any]:
    """The JSON Schema of an aloe dataset file."""
    generated = Dataset.model_json_schema(mode="validation")
    _free_text_from_any_scalar(generated)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "aloe dataset",
        **{k: v for k, v in generated.items() if k != "title"},
    }


def _free_text_from_any_scalar(node: Any) -> None:
    """Let every free-text value of the schema (a string without pattern, enum or const) be any scalar."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            if current.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(current):
                current["type"] = ANY_SCALAR_AS_TEXT
            stack.extend(current.values())
