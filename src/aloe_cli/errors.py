"""The one error root of aloe, the problem record, and the documented exit codes."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """The exit codes aloe documents (docs/commands.md, "Exit codes")."""

    OK = 0
    DATA_ERROR = 1  # the dataset is invalid or unreadable, an id is unknown, a file cannot be written
    USAGE_ERROR = 2  # a bad option or argument (Click's own code for usage errors)
    INTERNAL_ERROR = 3  # a bug in aloe: run again with --debug for the traceback
    INTERRUPTED = 130  # Ctrl-C


class Problem(NamedTuple):
    """One thing wrong with a dataset, where it is, and what to do; knows nothing of printing."""

    file: str
    line: int | None
    column: int | None
    location: str
    message: str

    def sort_key(self) -> tuple[int, int, str]:
        """Order by position in the file; problems with no position come last."""
        return (self.line or 10**9, self.column or 0, self.location)

    def as_text(self) -> str:
        """The `FILE:LINE:COLUMN: LOCATION: MESSAGE` form used by `aloe validate`."""
        position = self.file
        if self.line is not None:
            position += f":{self.line}:{self.column or 1}"
        where = f" {self.location}:" if self.location else ""
        return f"{position}:{where} {self.message}"


class AloeError(Exception):
    """Root of every error aloe reports to a user; caught once, at the command line."""

    exit_code: ExitCode = ExitCode.DATA_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataSourceError(AloeError):
    """A dataset file that cannot be read at all (missing, a directory, too large, not text)."""


class DatasetInvalid(AloeError):
    """A dataset that was read but has problems; carries every problem found, sorted by position."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = sorted(problems, key=Problem.sort_key)
        first = self.problems[0].as_text() if self.problems else f"{file}: invalid dataset"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}: run 'aloe validate')" if more else ""
        super().__init__(first + suffix)


class UnknownRecordError(AloeError):
    """An id that names no record of the dataset."""


class OptionError(AloeError):
    """An option's value the dataset or the other options rule out: a usage error, named by its option."""

    exit_code = ExitCode.USAGE_ERROR

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")  # worded in the run's language by the CLI
        self.option = option
        self.detail = message


class OutputError(AloeError):
    """A file aloe was asked to write cannot be written as asked."""
