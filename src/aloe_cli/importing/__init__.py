"""Bringing a chronology from elsewhere: TimelineJS JSON, the TimelineJS sheet, aloe's own CSV export.

Each format is a reader that yields entries (`entries.py`) as it reads; one builder makes them records
citing the file (`build.py`); the dataset is then checked by aloe's own validation before anything is
written, so an import never writes a file `aloe validate` would refuse.
"""

from __future__ import annotations

from enum import StrEnum


class ImportFormat(StrEnum):
    """The formats `aloe import --from` reads."""

    timelinejs = "timelinejs"
    timelinejs_sheet = "timelinejs-sheet"
    aloe_csv = "aloe-csv"


class GroupAs(StrEnum):
    """What a TimelineJS group becomes in aloe."""

    category = "category"
    organisation = "organisation"
    era = "era"


# How each format is named in messages and in the imported file's source record. One entry per member
# of ImportFormat (a test checks it), like the readers in `run.py`.
FORMAT_WORDS: dict[ImportFormat, str] = {
    ImportFormat.timelinejs: "TimelineJS JSON",
    ImportFormat.timelinejs_sheet: "a TimelineJS spreadsheet saved as CSV",
    ImportFormat.aloe_csv: "CSV as aloe export --to csv writes it",
}
