"""Where a dataset comes from (the bundled file, a path, standard input) and reading it safely as text."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, NamedTuple

from aloe_cli.errors import DatasetInvalid, DataSourceError, Problem
from aloe_cli.i18n import N_, _

MAX_DATASET_BYTES = 100 * 1024 * 1024  # 100 MiB: about 250k records; refused before parsing
_CHUNK = 1024 * 1024
BUNDLED_NAME = "timeline.yaml"
SNAPSHOT_NAME = "timeline.snapshot.json"


class DatasetSource(NamedTuple):
    """A dataset to read: a path (or '-' for standard input), and where that choice came from."""

    path: str | None  # None: the bundled dataset
    origin: str = "the bundled dataset"  # e.g. "--data", "ALOE_DATA"

    @property
    def display_name(self) -> str:
        """The name used in messages: the path as given, '<stdin>', or the bundled file's name."""
        if self.path is None:
            return f"data/{BUNDLED_NAME}"
        return "<stdin>" if self.path == "-" else self.path


def bundled_dataset_path() -> Path:
    """The bundled dataset inside the installed package (or in the checkout, for editable installs)."""
    # The package is installed as files (pip unpacks wheels): its folder is this file's grandparent.
    # importlib.resources would say the same, at the price of its import at every start.
    packaged = Path(__file__).resolve().parents[1] / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    # An editable install has no copy inside the package: use the repository's data/ folder.
    return Path(__file__).resolve().parents[3] / "data" / BUNDLED_NAME


def bundled_snapshot_path() -> Path:
    """The bundled dataset's validated snapshot, beside it (see `loading/snapshot.py`)."""
    return bundled_dataset_path().with_name(SNAPSHOT_NAME)


def read_dataset_bytes(source: DatasetSource) -> bytes:
    """Read the raw bytes of a dataset, refusing what is not a readable file or exceeds the cap."""
    name = source.display_name
    if source.path == "-":
        if sys.stdin is None:
            raise DataSourceError(
                _("{file}: standard input is closed").format(file=name)
                + _(" (given by {option})").format(option=source.origin)
            )
        try:
            return _read_capped(sys.stdin.buffer, name)
        except OSError as error:
            raise DataSourceError(
                _("{file}: cannot be read: {reason}").format(file=name, reason=error.strerror or error)
            ) from None
    path = bundled_dataset_path() if source.path is None else Path(source.path)
    via = "" if source.path is None else _(" (given by {option})").format(option=source.origin)
    try:
        # Look before opening: opening a FIFO waits for a writer, maybe for ever. Only regular files.
        kind = _kind_of_file(os.stat(path).st_mode)
        if kind == "a directory":
            raise DataSourceError(_("{file}: is a directory, not a dataset file").format(file=name) + via)
        if kind is not None:
            raise DataSourceError(
                _("{file}: is {kind}, not a regular file").format(file=name, kind=_(kind))
                + via
                + _("; to read a stream, pipe it to --data -")
            )
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):  # pragma: no cover - open() refuses directories on Linux
                raise DataSourceError(_("{file}: is a directory, not a dataset file").format(file=name) + via)
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_DATASET_BYTES:
                raise DataSourceError(_too_large(name))
            return _read_capped(stream, name)
    except FileNotFoundError:
        raise DataSourceError(_("{file}: no such file").format(file=name) + via) from None
    except IsADirectoryError:
        raise DataSourceError(
            _("{file}: is a directory, not a dataset file").format(file=name) + via
        ) from None
    except PermissionError:
        raise DataSourceError(_("{file}: permission denied").format(file=name) + via) from None
    except OSError as error:
        raise DataSourceError(
            _("{file}: cannot be read: {reason}").format(file=name, reason=error.strerror or error) + via
        ) from None


def read_bounded_file(path: Path, limit: int) -> bytearray:
    """The bytes of a file aloe keeps for itself (a cache entry, the bundled snapshot), read once.

    OSError if it cannot be read; ValueError if it is not a regular file of at most `limit` bytes (a link
    to /dev/zero or a FIFO is never waited on, and a sparse file of gigabytes is never read).
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not wait for a writer
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError("larger than its limit")
        data = bytearray(info.st_size)  # one buffer: a large entry is read without a copy
        if stream.readinto(data) != info.st_size or stream.read(1):
            raise ValueError("changed while read")
        return data


def _kind_of_file(mode: int) -> str | None:
    """What a path that is not a regular file is ('a FIFO', 'a device' ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return N_("a directory")
    if stat.S_ISFIFO(mode):
        return N_("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    return N_("not a file")


def _too_large(name: str) -> str:
    return _("{file}: larger than the {size} MiB a dataset may have").format(
        file=name, size=MAX_DATASET_BYTES // (1024 * 1024)
    )


def _read_capped(stream: BinaryIO, name: str) -> bytes:
    """Read at most the cap, stopping at the first NUL byte (which no text file holds: see /dev/zero)."""
    read = stream.read
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        if b"\0" in chunk:
            data = b"".join(chunks) + chunk
            raise _nul_problem(name, data, data.index(b"\0"))
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_DATASET_BYTES:
            raise DataSourceError(_too_large(name))
    return b"".join(chunks)


def decode_dataset(data: bytes, name: str) -> str:
    """Decode UTF-8 (a byte-order mark is allowed); a bad byte is reported by line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        problem = Problem(
            name,
            line,
            column,
            "",
            _("this is not UTF-8 text (byte 0x{byte})").format(byte=f"{data[error.start]:02X}"),
        )
        raise DatasetInvalid(name, [problem]) from None


def _nul_problem(name: str, data: bytes, offset: int) -> DatasetInvalid:
    line, column = _line_and_column(data, offset)
    return DatasetInvalid(name, [Problem(name, line, column, "", _("a NUL byte: this is not a text file"))])


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (characters, not bytes, for the column)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    if line == 1 and data.startswith(b"\xef\xbb\xbf"):
        column -= 1  # the byte-order mark is not a character of the text
    return line, column
