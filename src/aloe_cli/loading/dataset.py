"""Loading a dataset: read it safely, then take it from the cache or validate it, every problem at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.loading.collector import kept_for_the_run
from aloe_cli.loading.source import DatasetSource, decode_dataset, read_dataset_bytes

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset

# Below this size a dataset parses about as fast as its cache entry loads: the cache is not worth a
# file. Above it, a repeated run reads the cache instead of the YAML.
CACHE_THRESHOLD_BYTES = 256 * 1024


def load_dataset(source: DatasetSource, *, use_cache: bool = False) -> Dataset:
    """The validated dataset, or DatasetInvalid carrying every problem with its position.

    With `use_cache`, a dataset validated before (same bytes, same aloe) is read from the cache.
    """
    with kept_for_the_run():
        return _load(source, use_cache)


def _load(source: DatasetSource, use_cache: bool) -> Dataset:
    name = source.display_name
    data = read_dataset_bytes(source)
    if source.path is None:  # the bundled dataset: its snapshot, validated when it was built or tested
        dataset = _bundled_snapshot(data)
        if dataset is not None:
            return dataset
    # Standard input is read once and cannot be read again should a cache entry prove damaged.
    if not use_cache or source.path == "-" or len(data) < CACHE_THRESHOLD_BYTES:
        return _validate(data, name)
    from aloe_cli.loading.cache import cache_key, has_entry, load_cached

    key = cache_key(data)
    if has_entry(key):
        del data  # a large file's bytes are not needed to read its cache entry: free them first
        dataset = load_cached(key, lambda: _validate_and_store(read_dataset_bytes(source), name, key))
        if dataset is not None:
            return dataset
        data = read_dataset_bytes(source)  # the entry was damaged and is gone: read the file again
    return _validate_and_store(data, name, key)


def _validate_and_store(data: bytes, name: str, key: str) -> Dataset:
    from aloe_cli.loading.cache import store

    dataset = _validate(data, name)
    store(key, dataset)
    return dataset


def _bundled_snapshot(yaml_bytes: bytes) -> Dataset | None:
    """The bundled dataset from its snapshot, if there is one made from these very bytes."""
    from aloe_cli.loading.snapshot import dataset_from_snapshot
    from aloe_cli.loading.source import bundled_snapshot_path

    try:
        snapshot = bundled_snapshot_path().read_bytes()
    except OSError:
        return None
    return dataset_from_snapshot(snapshot, yaml_bytes)


def _validate(data: bytes, name: str) -> Dataset:
    from aloe_cli.loading.validation import (
        validate_text,  # the YAML reader and the checks load only when needed
    )

    return validate_text(decode_dataset(data, name), name)
