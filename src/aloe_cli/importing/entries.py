"""What every reader of a foreign file yields: one entry per slide or row, and the problems it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from aloe_cli.i18n import _
from aloe_cli.importing.dates import END_NAMES, START_NAMES, DateParts

EntryRole = Literal["slide", "title", "era"]
DateNames = tuple[tuple[str, str, str, str], tuple[str, str, str, str]]


@dataclass(frozen=True)
class Where:
    """A place in the imported file: a row of a sheet (and its columns) or a JSON path."""

    row: int | None = None  # a sheet's row, counted as a spreadsheet counts them (the header is row 1)
    path: str = ""  # a JSON path (events[3]), or with a row, the file in an archive (events.csv)

    def at(self, part: str = "") -> str:
        """'row 7, column Month', 'events.csv, row 7' or 'events[3].start_date.month', for people."""
        if self.row is not None:
            row = (
                _("{file}, row {row}").format(file=self.path, row=self.row)
                if self.path
                else _("row {row}").format(row=self.row)
            )
            return _("{row}, column {column}").format(row=row, column=part) if part else row
        return f"{self.path}.{part}" if part else self.path

    @property
    def locator(self) -> str:
        """Where a citation points in the file: 'row 7' or 'events[3]' (data: in English, like the file)."""
        if self.row is not None:
            return f"{self.path}, row {self.row}" if self.path else f"row {self.row}"
        return self.path


@dataclass(frozen=True)
class ImportedMedium:
    """A slide's media fields as the file gives them (text already plain)."""

    url: str  # a web address, or a path beside the dataset
    kind: str = ""  # as the file says (aloe's CSV); else guessed from the address
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Entry:
    """One slide, row or era of the file, before it becomes a record."""

    where: Where
    role: EntryRole = "slide"
    headline: str = ""
    text: str = ""
    start: DateParts = field(default_factory=DateParts)
    end: DateParts = field(default_factory=DateParts)
    display_date: str = ""
    media: list[ImportedMedium] = field(default_factory=list)
    group: str = ""
    unique_id: str = ""
    date_names: DateNames = (START_NAMES, END_NAMES)
    # Given by aloe's own CSV: claims already in EDTF, with their wording (edtf, label).
    claims: list[tuple[str, str]] = field(default_factory=list)
    kind: str = ""  # aloe's own CSV: milestones, events or eras
    era: str = ""  # aloe's own CSV: the id of the era the record belongs to (an era of the same file)
    notes: list[str] = field(default_factory=list)  # what the reader kept aside, for the record's note


@dataclass(frozen=True)
class ImportProblem:
    """One thing in the file aloe could not take as it is: where, and what was expected."""

    where: str
    message: str
