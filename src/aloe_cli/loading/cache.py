"""A cache of validated datasets: each entry keyed by a hash of the very bytes it was validated from.

JSON, never pickle: a cache file can hold only data, never code. An entry is written only for a dataset
that passed every check, under the key of the very bytes that were validated. It starts with a keyed
checksum of its body (HMAC-SHA256 with a random secret aloe keeps in the cache folder, readable by its
owner only), then the key it was written under, then the dataset's head and its record lists as
`unread.head_and_body` writes them. An entry whose checksum and key fit is one aloe wrote for these bytes,
and it is read back without validating it again (`store.DatasetStore` builds each list when the run
reads it). Anything else (a torn write, a changed byte, an entry of another dataset, one whose checksum
was recomputed by something that does not hold the secret) is removed, and the dataset validated afresh.
Entries not used for `MAX_AGE_DAYS` are removed, and the least recently used beyond `MAX_TOTAL_BYTES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aloe_cli import __version__
from aloe_cli.errors import OutputError
from aloe_cli.files import write_new_file
from aloe_cli.loading.source import read_bounded_file
from aloe_cli.loading.unread import CacheEntryLists, head_and_body

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset

CACHE_FORMAT = "8"  # bump when the models' JSON or the entry's layout changes shape
SECRET_NAME = "secret"
ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")  # the only files pruning may remove
MAX_AGE_DAYS = 30  # an entry not read or written for this long is removed
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # beyond this, the least recently used entries are removed


def cache_folder() -> Path | None:
    """$ALOE_CACHE_DIR (`~` expanded), else an absolute $XDG_CACHE_HOME/aloe, else ~/.cache/aloe.

    None when there is no home to put it in (no HOME and no account entry, as for a container's user):
    then nothing is cached. A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory spec says.
    """
    try:
        explicit = os.environ.get("ALOE_CACHE_DIR")
        if explicit:
            return Path(explicit).expanduser()
        base = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(base):
            return Path(base) / "aloe"
        return Path.home() / ".cache" / "aloe"
    except (RuntimeError, KeyError, OSError):  # Path.home() and expanduser() without any home
        return None


def cache_key(data: bytes) -> str:
    """The name of a dataset's cache entry: its bytes, aloe's version and the cache format, hashed."""
    digest = hashlib.sha256(data)
    digest.update(f"\0aloe {__version__}\0cache {CACHE_FORMAT}".encode())
    return digest.hexdigest()


def _entry_path(key: str) -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / f"{key}.json"


def has_entry(key: str) -> bool:
    """Whether the cache holds an entry for this key (sound or not: reading it tells)."""
    path = _entry_path(key)
    try:
        return path is not None and path.is_file()
    except (OSError, ValueError):  # a folder it cannot search, a path too long: no cache
        return False


CHECKSUM_LINE = 65  # 64 hexadecimal digits of HMAC-SHA256 and a newline
# An entry is JSON of a dataset of at most 100 MiB of YAML: a few times that at most. A larger file is no
# entry of ours (a sparse file of 64 GB must not be read into memory).
MAX_ENTRY_BYTES = 4 * 100 * 1024 * 1024
SECRET_BYTES = 32


def load_entry(key: str) -> CacheEntryLists | None:
    """The entry for this key, its lists unread; None if there is none or it fails a check (then removed)."""
    path = _entry_path(key)
    secret = cache_secret(create=False)
    if path is None:
        return None
    try:
        entry = read_bounded_file(path, MAX_ENTRY_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        remove_entry(key)
        return None
    try:
        head = _head_of(entry, key, secret)  # the entry keeps only its body: the lists' bytes
        lists = CacheEntryLists(head, entry)
    except Exception:
        remove_entry(key)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: pruning removes the entries used least recently
    return lists


def _head_of(entry: bytearray, key: str, secret: bytes | None) -> Any:
    """The parsed head of an entry, cut from it; raises if it is damaged, forged or another dataset's."""
    if secret is None:
        raise ValueError("no secret: no entry can be one aloe wrote")
    checksum = bytes(entry[: CHECKSUM_LINE - 1])
    del entry[:CHECKSUM_LINE]
    if not hmac.compare_digest(checksum, _checksum(secret, entry)):
        raise ValueError("checksum")
    bound_to = bytes(entry[: CHECKSUM_LINE - 1]).decode("ascii")
    del entry[:CHECKSUM_LINE]
    if bound_to != key:
        raise ValueError("an entry of another dataset")
    head_end = entry.index(b"\n")
    head = json.loads(entry[:head_end])
    del entry[: head_end + 1]
    return head


def _checksum(secret: bytes, *parts: bytes | bytearray) -> bytes:
    digest = hmac.new(secret, digestmod=hashlib.sha256)
    for part in parts:
        digest.update(part)
    return digest.hexdigest().encode("ascii")


def remove_entry(key: str) -> None:
    """Remove an entry if the folder allows it (a read-only cache simply stays unused)."""
    path = _entry_path(key)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def store(key: str, dataset: Dataset) -> None:
    """Write the entry of a dataset validated from the bytes `key` was computed from; then prune.

    A cache that cannot be written is no error, just no cache.
    """
    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        secret = cache_secret(create=True)
        if secret is None:
            return
        write_new_file(folder / f"{key}.json", cache_entry(dataset, key, secret), force=True)
        prune(folder, keep=f"{key}.json")
    except (OSError, OutputError, ValueError):
        pass


def cache_entry(dataset: Dataset, key: str, secret: bytes) -> bytes:
    """The bytes of an entry: a keyed checksum line, the key of the dataset it holds, its head, its lists."""
    head, lists = head_and_body(dataset)
    return entry_bytes(key, head, lists, secret)


def entry_bytes(key: str, head: dict[str, Any], lists: bytes | bytearray, secret: bytes) -> bytes:
    """An entry of these parts, its checksum keyed with the cache's secret."""
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    prefix = key.encode("ascii") + b"\n" + text.encode("utf-8") + b"\n"
    # The lists are tens of megabytes for a large dataset: hashed in place, copied once, below.
    return _checksum(secret, prefix, lists) + b"\n" + prefix + lists


def cache_secret(*, create: bool) -> bytes | None:
    """The cache's secret, made with the first entry; None if there is none (or no cache)."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / SECRET_NAME
    try:
        secret = bytes(read_bounded_file(path, SECRET_BYTES))
    except FileNotFoundError:
        if not create:
            return None
        _make_secret(path)
        return cache_secret(create=False)
    except (OSError, ValueError):
        return None
    return secret if len(secret) == SECRET_BYTES else None


def _make_secret(path: Path) -> None:
    """Write a new secret, readable by its owner only, whole before it has its name (another run's wins)."""
    temporary = path.with_name(f".{SECRET_NAME}-{os.getpid()}-{os.urandom(4).hex()}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(SECRET_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def prune(folder: Path, keep: str) -> None:
    """Remove entries unused for MAX_AGE_DAYS, then the least recently used beyond MAX_TOTAL_BYTES.

    Only files named as entries are ever removed; `keep` (the entry just written) never is.
    """
    entries = []
    for path in folder.iterdir():
        if path.name == keep or not ENTRY_NAME.fullmatch(path.name):
            continue
        with contextlib.suppress(OSError):
            info = path.lstat()
            entries.append((info.st_mtime, info.st_size, path))
    entries.sort(reverse=True)  # the most recently used first
    total = (folder / keep).stat().st_size
    too_old = time.time() - MAX_AGE_DAYS * 24 * 3600
    for used, size, path in entries:
        total += size
        if used < too_old or total > MAX_TOTAL_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()
