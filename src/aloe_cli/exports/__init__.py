"""Publishing the record: one module per target format, each a pure function from a selection to bytes."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.views import HappeningView


class ExportFormat(StrEnum):
    """The targets of `aloe export --to`."""

    timelinejs = "timelinejs"
    timelinejs_page = "timelinejs-page"
    html = "html"
    markdown = "markdown"
    jsonld = "jsonld"
    sqlite = "sqlite"
    datasette_metadata = "datasette-metadata"
    csv = "csv"


class Selection(NamedTuple):
    """What an export writes: the dataset's views, its milestones and events (filtered like `timeline`)."""

    presentation: Presentation
    happenings: list[HappeningView]
    version: str
    base_iri: str = "urn:aloe:"  # JSON-LD: record ids become IRIs under this prefix
    bom: bool = False  # CSV: each file starts with a UTF-8 byte-order mark, for Excel
    remote_media: bool = False  # pages draw images from other hosts (else they link to them)


class Exporter(NamedTuple):
    """How to make one format, what its file is usually called, and whether it can go to stdout."""

    make: Callable[[Selection], bytes]
    default_name: str
    text: bool  # text can be written to stdout (`-o -`); a database or an archive cannot


# Each format's function is reached through a small wrapper that imports its module when called: `aloe
# export --to csv` never loads sqlite3, and `aloe timeline`, which imports this package for ExportFormat,
# loads no export at all. A wrapper rather than a (module, name) string, so that mypy checks each call.


def _timelinejs(selection: Selection) -> bytes:
    from aloe_cli.exports.timelinejs import export_timelinejs  # start-up: loaded only for this format

    return export_timelinejs(selection)


def _timelinejs_page(selection: Selection) -> bytes:
    from aloe_cli.exports.timelinejs import export_timelinejs_page  # start-up: loaded only for this format

    return export_timelinejs_page(selection)


def _html(selection: Selection) -> bytes:
    from aloe_cli.exports.html import export_html  # start-up: loaded only for this format

    return export_html(selection)


def _markdown(selection: Selection) -> bytes:
    from aloe_cli.exports.markdown import export_markdown  # start-up: loaded only for this format

    return export_markdown(selection)


def _jsonld(selection: Selection) -> bytes:
    from aloe_cli.exports.jsonld import export_jsonld  # start-up: loaded only for this format

    return export_jsonld(selection)


def _sqlite(selection: Selection) -> bytes:
    from aloe_cli.exports.sqlite import export_sqlite  # start-up: sqlite3 is loaded only for this format

    return export_sqlite(selection)


def _datasette_metadata(selection: Selection) -> bytes:
    from aloe_cli.exports.sqlite import export_datasette_metadata  # start-up: loaded only for this format

    return export_datasette_metadata(selection)


def _csv_zip(selection: Selection) -> bytes:
    from aloe_cli.exports.csv_files import export_csv_zip  # start-up: loaded only for this format

    return export_csv_zip(selection)


# One entry per member of ExportFormat, and no default (`tests/test_exports.py` walks every member).
EXPORTERS: dict[ExportFormat, Exporter] = {
    ExportFormat.timelinejs: Exporter(_timelinejs, "aloe-timelinejs.json", text=True),
    ExportFormat.timelinejs_page: Exporter(_timelinejs_page, "index.html", text=True),
    ExportFormat.html: Exporter(_html, "aloe.html", text=True),
    ExportFormat.markdown: Exporter(_markdown, "aloe.md", text=True),
    ExportFormat.jsonld: Exporter(_jsonld, "aloe.jsonld", text=True),
    ExportFormat.sqlite: Exporter(_sqlite, "aloe.sqlite", text=False),
    ExportFormat.datasette_metadata: Exporter(_datasette_metadata, "metadata.json", text=True),
    ExportFormat.csv: Exporter(_csv_zip, "aloe-csv.zip", text=False),
}
