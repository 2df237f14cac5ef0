"""The bundled dataset, validated once when it is built or tested, shipped as a snapshot that loads fast.

Validating the bundled YAML at every start costs Pydantic's schema building (about 45 ms) before any
record is read. The snapshot is the dataset as validation made it (derived dates included), written as
JSON with the SHA-256 of the YAML it came from; a run rebuilds the records from it with
`model_construct`, which validates nothing and builds no schema. It is used only when its hash is the
YAML's (an edited checkout falls back to validating the YAML), and `tests/test_bundled_dataset.py`
proves it equals what validating the YAML gives. Regenerate it with:

    python -m aloe_cli.loading.snapshot data/timeline.yaml data/timeline.snapshot.json
"""

from __future__ import annotations

import hashlib
import json
import sys
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..model.models import Dataset

SNAPSHOT_FORMAT = "aloe-snapshot/1"


def snapshot_bytes(dataset: Dataset, yaml_bytes: bytes) -> bytes:
    """The snapshot of a validated dataset, bound to the YAML bytes it was validated from."""
    document = {
        "format": SNAPSHOT_FORMAT,
        "yaml_sha256": hashlib.sha256(yaml_bytes).hexdigest(),
        "dataset": dataset.model_dump(mode="json", by_alias=True, exclude_defaults=True),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dataset_from_snapshot(snapshot: bytes, yaml_bytes: bytes) -> Dataset | None:
    """The dataset a snapshot holds, or None when it is not the snapshot of these YAML bytes."""
    from ..model.models import Dataset

    document = json.loads(snapshot)
    if document.get("format") != SNAPSHOT_FORMAT:
        return None
    if document.get("yaml_sha256") != hashlib.sha256(yaml_bytes).hexdigest():
        return None
    return typing.cast("Dataset", _construct(Dataset, document["dataset"]))


def _construct(model: type[BaseModel], value: dict[str, Any]) -> BaseModel:
    """A model rebuilt from its validated JSON without validation: nested models, lists, EDTF dates."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in value:
            fields[name] = _value(info.annotation, value[key])
    return model.model_construct(**fields)


def _value(annotation: Any, value: Any) -> Any:
    """A JSON value as the annotation's type: a model, a list of them, an EDTF date, or as it is."""
    from pydantic import BaseModel

    from ..model.edtf import EdtfDate, parse_edtf

    if value is None:
        return None
    if typing.get_origin(annotation) is typing.Annotated:  # `EdtfValue | None` holds an Annotated type
        annotation = typing.get_args(annotation)[0]
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is list:
        return [_value(arguments[0], item) for item in value]
    candidates = [a for a in arguments if a is not type(None)] if arguments else [annotation]
    # `EdtfValue | None` holds an Annotated type: what counts is the type it annotates.
    candidates = [
        typing.get_args(c)[0] if typing.get_origin(c) is typing.Annotated else c for c in candidates
    ]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return _construct(candidate, value)
        if candidate is EdtfDate:
            return parse_edtf(value)
    return value


def main() -> None:
    """Validate a dataset file and write its snapshot: `python -m aloe_cli.loading.snapshot YAML OUT`."""
    from .source import decode_dataset
    from .validation import validate_text

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    yaml_bytes = source.read_bytes()
    dataset = validate_text(decode_dataset(yaml_bytes, str(source)), str(source))
    target.write_bytes(snapshot_bytes(dataset, yaml_bytes))


if __name__ == "__main__":
    main()
