"""One import: the file opened, its format named or guessed, entries read, dataset made and checked."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from aloe_cli.errors import DatasetInvalid
from aloe_cli.i18n import _
from aloe_cli.importing import FORMAT_WORDS, ImportFormat
from aloe_cli.importing.aloe_csv import is_aloe_header, read_aloe_table, read_aloe_zip
from aloe_cli.importing.build import DatasetBuilder, ImportResult, ImportSettings
from aloe_cli.importing.entries import Entry
from aloe_cli.importing.reading import CannotImport, NotTheFormat, decoded
from aloe_cli.importing.sheet import is_timeline_header, read_sheet
from aloe_cli.importing.timelinejs_json import read_timelinejs
from aloe_cli.loading.collector import collector_paused
from aloe_cli.loading.source import MAX_DATASET_BYTES
from aloe_cli.loading.validation import validate_text

Reader = Callable[[IO[bytes], str, Path, list[str]], Iterator[Entry]]


def _timelinejs(stream: IO[bytes], name: str, path: Path, notices: list[str]) -> Iterator[Entry]:
    # JSON is read whole (the standard library does not stream it): as large as a dataset may be, no more.
    data = stream.read(MAX_DATASET_BYTES + 1)
    if len(data) > MAX_DATASET_BYTES:
        raise CannotImport(
            _(
                "{file}: larger than the {size} MiB a TimelineJS JSON file may have (a sheet of any size "
                "streams: export the timeline as a sheet)"
            ).format(file=name, size=MAX_DATASET_BYTES // (1024 * 1024))
        )
    return read_timelinejs(decoded(data, name), name)


def _sheet(stream: IO[bytes], name: str, path: Path, notices: list[str]) -> Iterator[Entry]:
    return read_sheet(stream, name, notices)


def _aloe_csv(stream: IO[bytes], name: str, path: Path, notices: list[str]) -> Iterator[Entry]:
    if stream.read(4) == b"PK\x03\x04":
        stream.seek(0)
        return read_aloe_zip(stream, name, notices)
    stream.seek(0)
    return read_aloe_table(stream, name, path, notices)


# The reader of each format; one per member of ImportFormat (a test walks them).
READERS: dict[ImportFormat, Reader] = {
    ImportFormat.timelinejs: _timelinejs,
    ImportFormat.timelinejs_sheet: _sheet,
    ImportFormat.aloe_csv: _aloe_csv,
}


def guess_format(path: Path, head: bytes) -> ImportFormat:
    """The format a file is in, from its first bytes (and its name where they do not say)."""
    if head.startswith(b"PK\x03\x04"):
        return ImportFormat.aloe_csv
    text = head.decode("utf-8-sig", errors="replace")
    if text.lstrip()[:1] == "{" or path.suffix.lower() == ".json":
        return ImportFormat.timelinejs
    first_line = text.splitlines()[0] if text else ""
    delimiter = max((",", ";", "\t"), key=first_line.count)
    cells = next(csv.reader([first_line], delimiter=delimiter), [])
    if is_aloe_header(cells):
        return ImportFormat.aloe_csv
    if is_timeline_header(cells):
        return ImportFormat.timelinejs_sheet
    raise NotTheFormat(
        _(
            "{file}: cannot tell its format: not JSON, not a zip archive, and its first row names neither a "
            "Headline column (a TimelineJS sheet) nor `id` and `date_words` (aloe's CSV); name it with --from"
        ).format(file=path)
    )


def open_regular_file(path: Path) -> IO[bytes]:
    """The file, opened for reading, if it is a regular file (a FIFO would wait for ever)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise CannotImport(_("{file}: no such file").format(file=path)) from None
    except OSError as error:
        raise CannotImport(
            _("{file}: cannot be read: {reason}").format(file=path, reason=error.strerror or error)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise CannotImport(_("{file}: is a directory").format(file=path))
    if not stat.S_ISREG(info.st_mode):
        raise CannotImport(_("{file}: is not a regular file (a device, FIFO or socket)").format(file=path))
    try:
        return open(path, "rb")
    except OSError as error:
        raise CannotImport(
            _("{file}: cannot be read: {reason}").format(file=path, reason=error.strerror or error)
        ) from None


def import_file(
    path: Path, settings: ImportSettings, chosen: ImportFormat | None
) -> tuple[ImportResult, list[str]]:
    """The dataset the file makes, with its problems, and the notices of what was read how."""
    notices: list[str] = []
    # The entries' records all live until the dataset is written: collecting would free nothing, and
    # each round would walk them all again (a 100,000-row sheet took twice as long with it).
    with collector_paused(), open_regular_file(path) as stream:
        head = stream.read(4096)
        stream.seek(0)
        import_format = chosen or guess_format(path, head)
        settings = replace(settings, format_words=FORMAT_WORDS[import_format])
        builder = DatasetBuilder(settings)
        for entry in READERS[import_format](stream, settings.file_name, path, notices):
            builder.add(entry)
    result = builder.finish()
    check_as_aloe_reads_it(result.text, settings.file_name)
    return result, notices


def check_as_aloe_reads_it(text: str, name: str) -> None:
    """Aloe's own validation of the dataset made: an import never writes what `aloe validate` refuses."""
    try:
        validate_text(text, f"(the dataset made from {name})")
    except DatasetInvalid as invalid:
        first = invalid.problems[0].as_text() if invalid.problems else invalid.message
        raise CannotImport(
            f"{name}: the dataset made from it is not valid (a bug in aloe: please report it): {first}"
        ) from None
