"""The dataset format as a JSON Schema (draft 2020-12), generated from the models."""

from __future__ import annotations

from typing import Any

from aloe_cli.model.models import Dataset

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def dataset_json_schema() -> dict[str, Any]:
    """The JSON Schema of an aloe dataset file."""
    generated = Dataset.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "aloe dataset",
        **{k: v for k, v in generated.items() if k != "title"},
    }
