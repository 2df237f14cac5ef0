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


class Exporter(NamedTuple):
    """How to make one format, what its file is usually called, and whether it can go to stdout."""

    make: Callable[[Selection], bytes]
    default_name: str
    text: bool  # text can be written to stdout (`-o -`); a database or an archive cannot


# Each format: the module and function that make it, its usual file name, and whether it is text.
# One entry per member of ExportFormat (a test checks it); the module is imported only when used.
EXPORTERS: dict[ExportFormat, tuple[str, str, str, bool]] = {
    ExportFormat.timelinejs: ("timelinejs", "export_timelinejs", "aloe-timelinejs.json", True),
    ExportFormat.timelinejs_page: ("timelinejs", "export_timelinejs_page", "index.html", True),
    ExportFormat.html: ("html", "export_html", "aloe.html", True),
    ExportFormat.markdown: ("markdown", "export_markdown", "aloe.md", True),
    ExportFormat.jsonld: ("jsonld", "export_jsonld", "aloe.jsonld", True),
    ExportFormat.sqlite: ("sqlite", "export_sqlite", "aloe.sqlite", False),
    ExportFormat.datasette_metadata: ("sqlite", "export_datasette_metadata", "metadata.json", True),
    ExportFormat.csv: ("csv_files", "export_csv_zip", "aloe-csv.zip", False),
}


def exporter(output_format: ExportFormat) -> Exporter:
    """The exporter of a format (its module is imported only when it is used)."""
    import importlib

    module_name, function_name, default_name, text = EXPORTERS[output_format]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return Exporter(getattr(module, function_name), default_name, text=text)
