"""A cache of validated datasets: JSON keyed by a hash of the file's bytes, rebuilt whenever in doubt.

JSON, never pickle: a cache file can hold only data. An entry is written only for a dataset that
passed every check; it starts with a checksum of its body, and its body is validated again with the
same models as the YAML (Pydantic's `model_validate_json`), so a damaged entry is refused and
rebuilt. The checks across records (ids, references, cycles) are not run again: the entry is the
same bytes that passed them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .models import Dataset

CACHE_FORMAT = "2"  # bump when the models' JSON changes shape


def cache_folder() -> Path:
    """$ALOE_CACHE_DIR, else $XDG_CACHE_HOME/aloe, else ~/.cache/aloe."""
    explicit = os.environ.get("ALOE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aloe"


def cache_key(data: bytes) -> str:
    """The name of a dataset's cache entry: its bytes, aloe's version and the cache format, hashed."""
    digest = hashlib.sha256(data)
    digest.update(f"\0aloe {__version__}\0cache {CACHE_FORMAT}".encode())
    return digest.hexdigest()


def has_entry(key: str) -> bool:
    """Whether the cache holds an entry for this key (sound or not: reading it tells)."""
    return (cache_folder() / f"{key}.json").is_file()


CHECKSUM_LINE = 65  # 64 hexadecimal digits of SHA-256 and a newline


def load_cached(key: str) -> Dataset | None:
    """The cached dataset, or None when there is none or it does not validate (then it is removed)."""
    from pydantic import ValidationError

    from .models import Dataset

    path = cache_folder() / f"{key}.json"
    try:
        with open(path, "rb") as stream:
            # One buffer, trimmed in place: a large entry is never copied (it is tens of megabytes).
            entry = bytearray(os.fstat(stream.fileno()).st_size)
            stream.readinto(entry)
    except OSError:
        return None
    checksum = bytes(entry[: CHECKSUM_LINE - 1])
    del entry[:CHECKSUM_LINE]
    try:
        if checksum.decode("ascii") != hashlib.sha256(entry).hexdigest():
            raise ValueError("checksum")
        return Dataset.model_validate_json(entry)
    except (ValidationError, ValueError):
        path.unlink(missing_ok=True)
        return None


def store(key: str, dataset: Dataset) -> None:
    """Write the cache entry; a cache that cannot be written is no error, just no cache."""
    from .errors import OutputError
    from .files import write_new_file

    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_new_file(folder / f"{key}.json", cache_entry(dataset), force=True)
    except (OSError, OutputError):
        pass


def cache_entry(dataset: Dataset) -> bytes:
    """The bytes of a cache entry: a checksum line, then the dataset as JSON."""
    body = dataset.model_dump_json(by_alias=True).encode("utf-8")
    return hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
