"""A cache of validated datasets: JSON keyed by a hash of the file's bytes, trusted when the hash matches.

JSON, never pickle: a cache file can hold only data, never code. An entry is written only for a dataset
that passed every check. It starts with a checksum of its body, then the hash of the dataset's bytes it
was made from (inside the entry, not only in its name), then the dataset's head and its record lists
as `unread.head_and_body` writes them (JSON, one line per record, with an index of where each starts
and of each dated record's possible days). An entry whose checksum and hash match is trusted: it is
read back without validating it again, as the bundled snapshot is, and each list is built only when
the run reads it. The cache is the user's own folder, as their dataset is; anyone who can write a
fitting entry there can edit the dataset itself. A damaged entry (a torn write, a changed byte, one of
another dataset, a record aloe did not write) is refused, removed and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aloe_cli import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.model.models import Dataset

CACHE_FORMAT = "5"  # bump when the models' JSON or the entry's layout changes shape


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
    try:
        return (cache_folder() / f"{key}.json").is_file()
    except (OSError, ValueError):  # a folder it cannot search, a path too long: no cache
        return False


CHECKSUM_LINE = 65  # 64 hexadecimal digits of SHA-256 and a newline
# An entry is JSON of a dataset of at most 100 MiB of YAML: a few times that at most. A larger file is no
# entry of ours (a sparse file of 64 GB must not be read into memory).
MAX_ENTRY_BYTES = 4 * 100 * 1024 * 1024


def load_cached(key: str, revalidate: Callable[[], Dataset]) -> Dataset | None:
    """The cached dataset, or None: no entry, or one that fails any check (then it is removed).

    An entry is bound to the dataset it came from: it carries the key (the hash of the dataset's
    bytes) inside it, under its checksum, so an entry copied from another dataset is refused. Its
    lists are read when the run needs them: should a record then prove not to be one aloe wrote, the
    entry is removed and `revalidate` gives the dataset validated afresh.
    """
    path = cache_folder() / f"{key}.json"
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_ENTRY_BYTES:
                raise ValueError("too large for an entry")
            # One buffer, trimmed in place: a large entry is never copied (it is tens of megabytes).
            entry = bytearray(size)
            stream.readinto(entry)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _remove(path)
        return None
    try:
        from aloe_cli.loading.unread import dataset_from_entry

        head = _head_of(entry, key)  # the entry keeps only its body: the lists' bytes
        return dataset_from_entry(head, entry, lambda: _removed_then(path, revalidate))
    except Exception:
        _remove(path)
        return None


def _head_of(entry: bytearray, key: str) -> Any:
    """The parsed head of an entry, cut from it; raises if the entry is damaged or another dataset's."""
    import json

    checksum = bytes(entry[: CHECKSUM_LINE - 1]).decode("ascii")
    del entry[:CHECKSUM_LINE]
    if checksum != hashlib.sha256(entry).hexdigest():
        raise ValueError("checksum")
    bound_to = bytes(entry[: CHECKSUM_LINE - 1]).decode("ascii")
    del entry[:CHECKSUM_LINE]
    if bound_to != key:
        raise ValueError("an entry of another dataset")
    head_end = entry.index(b"\n")
    head = json.loads(entry[:head_end])
    del entry[: head_end + 1]
    return head


def _removed_then(path: Path, revalidate: Callable[[], Dataset]) -> Dataset:
    """Remove an entry that proved damaged, then validate the dataset afresh (which stores it anew)."""
    _remove(path)
    return revalidate()


def _remove(path: Path) -> None:
    """Remove a bad entry if the folder allows it (a read-only cache simply stays unused)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def store(key: str, dataset: Dataset) -> None:
    """Write the cache entry; a cache that cannot be written is no error, just no cache."""
    from aloe_cli.errors import OutputError
    from aloe_cli.files import write_new_file

    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        write_new_file(folder / f"{key}.json", cache_entry(dataset, key), force=True)
    except (OSError, OutputError, ValueError):
        pass


def cache_entry(dataset: Dataset, key: str) -> bytes:
    """The bytes of an entry: a checksum line, the key of the dataset it holds, its head, its lists."""
    import json

    from aloe_cli.loading.unread import head_and_body

    head, lists = head_and_body(dataset)
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    prefix = key.encode("ascii") + b"\n" + text.encode("utf-8") + b"\n"
    checksum = hashlib.sha256(prefix)
    checksum.update(lists)  # the lists are tens of megabytes for a large dataset: copied once, below
    return checksum.hexdigest().encode("ascii") + b"\n" + prefix + lists
