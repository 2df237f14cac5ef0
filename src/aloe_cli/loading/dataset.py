"""Loading a dataset: read it once, then take it from the cache or validate it, every problem at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.errors import DataSourceError
from aloe_cli.loading.collector import collector_paused
from aloe_cli.loading.snapshot import dataset_from_snapshot
from aloe_cli.loading.source import (
    DatasetSource,
    bundled_snapshot_path,
    decode_dataset,
    read_bounded_file,
    read_dataset_bytes,
)
from aloe_cli.loading.store import DatasetStore

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset

# Below this size a dataset parses about as fast as its cache entry loads: the cache is not worth a
# file. Above it, a repeated run reads the cache instead of the YAML.
CACHE_THRESHOLD_BYTES = 256 * 1024


def load_dataset(source: DatasetSource, *, use_cache: bool = False) -> Dataset:
    """The validated dataset, whole, or DatasetInvalid carrying every problem with its position.

    With `use_cache`, a dataset validated before (same bytes, same aloe) is read from the cache.
    """
    return load_store(source, use_cache=use_cache).read_all()


def load_store(source: DatasetSource, *, use_cache: bool = False) -> DatasetStore:
    """The validated dataset in a store that reads it as the run asks (see `store.py`)."""
    with collector_paused():
        return _load(source, use_cache)


def _load(source: DatasetSource, use_cache: bool) -> DatasetStore:
    name = source.display_name
    data = read_dataset_bytes(source)  # read once: the key, the entry and any validation are of these bytes
    if source.path is None:  # the bundled dataset: its snapshot, validated when it was built or tested
        dataset = _bundled_snapshot(data)
        if dataset is not None:
            return DatasetStore(dataset)
    # Standard input is not cached: it is read once, and a later run may hold other bytes under its name.
    if not use_cache or source.path == "-" or len(data) < CACHE_THRESHOLD_BYTES:
        return DatasetStore(_validate(data, name))
    # The cache (hashing, its secret, its files) loads only for a dataset large enough to use it.
    from aloe_cli.loading.cache import cache_key, has_entry, load_entry

    key = cache_key(data)
    if has_entry(key):
        entry = load_entry(key)
        if entry is not None:
            del data  # the entry answers from now on: a large file's bytes are not kept
            return DatasetStore(entry=entry, revalidate=lambda: _revalidate(source, key))
    return DatasetStore(_validate_and_store(data, name, key))


def _revalidate(source: DatasetSource, key: str) -> Dataset:
    """The dataset of an entry that proved damaged after loading, validated afresh from the bytes of its key.

    The entry is removed. The file is read again and validated only if it still holds the bytes the entry
    was keyed by: the records already given to the run came from those bytes, and the rest must too.
    """
    from aloe_cli.loading.cache import cache_key, remove_entry  # as in _load: only for a large dataset

    remove_entry(key)
    data = read_dataset_bytes(source)
    if cache_key(data) != key:
        raise DataSourceError(
            f"{source.display_name}: changed while aloe was reading it; run the command again"
        )
    with collector_paused():
        return _validate_and_store(data, source.display_name, key)


def _validate_and_store(data: bytes, name: str, key: str) -> Dataset:
    from aloe_cli.loading.cache import store  # as in _load: only for a large dataset

    dataset = _validate(data, name)
    store(key, dataset)
    return dataset


# A snapshot is the bundled dataset's JSON: a few times its YAML at most. A larger file is no snapshot.
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024


def _bundled_snapshot(yaml_bytes: bytes) -> Dataset | None:
    """The bundled dataset from its snapshot, if there is a sound one made from these very bytes.

    A snapshot that is missing, not a regular file, too large, torn or not of the shape aloe writes is
    passed over: the YAML beside it is validated instead.
    """
    try:
        snapshot = read_bounded_file(bundled_snapshot_path(), MAX_SNAPSHOT_BYTES)
        return dataset_from_snapshot(snapshot, yaml_bytes)
    except Exception:  # whatever is wrong with the snapshot, validating the YAML puts it right
        return None


def _validate(data: bytes, name: str) -> Dataset:
    # The YAML reader and the checks load only when a dataset is validated, not read from a snapshot.
    from aloe_cli.loading.validation import validate_text

    return validate_text(decode_dataset(data, name), name)
