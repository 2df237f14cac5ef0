"""The dataset format as a JSON Schema (draft 2020-12), generated from the models."""

from __future__ import annotations

import ast
import inspect
from typing import Any

from pydantic import TypeAdapter

from aloe_cli.model import models
from aloe_cli.model.models import Dataset, Record, field_specs

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
    generated = TypeAdapter(Dataset).json_schema(mode="validation")
    _describe_from_docstrings(generated)
    _free_text_from_any_scalar(generated)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "aloe dataset",
        **{k: v for k, v in generated.items() if k != "title"},
    }


def field_docstrings() -> dict[tuple[str, str], str]:
    """(class, field) -> the docstring written under the field in `models.py`."""
    found: dict[tuple[str, str], str] = {}
    for node in ast.parse(inspect.getsource(models)).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
                continue
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                text = following.value.value
                if isinstance(text, str):
                    found[(node.name, statement.target.id)] = " ".join(text.split())
    return found


def _describe_from_docstrings(schema: dict[str, Any]) -> None:
    """Describe each property by its field's docstring (inherited ones included), over its type's words."""
    docstrings = field_docstrings()
    definitions = schema.get("$defs", {})
    for model in vars(models).values():
        if not (isinstance(model, type) and issubclass(model, Record)) or model.__module__ != models.__name__:
            continue
        target = schema if model is Dataset else definitions.get(model.__name__)
        if target is None:
            continue
        for spec in field_specs(model):
            words = next((docstrings[(owner.__name__, spec.name)] for owner in model.__mro__
                          if (owner.__name__, spec.name) in docstrings), None)  # fmt: skip
            prop = target.get("properties", {}).get(spec.key)
            if words and prop is not None:
                prop["description"] = words


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
