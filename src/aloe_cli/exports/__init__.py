"""Publishing the record: one module per target format, each a pure function from a selection to bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Dataset, Happening
    from ..views import Lookup


class ExportFormat(StrEnum):
    """The targets of `aloe export --to`."""

    timelinejs = "timelinejs"
    html = "html"
    markdown = "markdown"
    jsonld = "jsonld"
    sqlite = "sqlite"
    csv = "csv"


@dataclass(frozen=True)
class Selection:
    """What an export writes: the dataset, its milestones and events (filtered like `timeline`), names."""

    dataset: Dataset
    happenings: list[Happening]
    lookup: Lookup
    version: str
    base_iri: str = "urn:aloe:"  # JSON-LD: record ids become IRIs under this prefix


@dataclass(frozen=True)
class Exporter:
    """How to make one format, what its file is usually called, and whether it can go to stdout."""

    make: Callable[[Selection], bytes]
    default_name: str
    text: bool  # text can be written to stdout (`-o -`); a database or an archive cannot


def exporter(output_format: ExportFormat) -> Exporter:
    """The exporter of a format (its module is imported only when it is used)."""
    if output_format is ExportFormat.timelinejs:
        from .timelinejs import export_timelinejs

        return Exporter(export_timelinejs, "aloe-timelinejs.json", text=True)
    if output_format is ExportFormat.html:
        from .html import export_html

        return Exporter(export_html, "aloe.html", text=True)
    if output_format is ExportFormat.markdown:
        from .markdown import export_markdown

        return Exporter(export_markdown, "aloe.md", text=True)
    if output_format is ExportFormat.jsonld:
        from .jsonld import export_jsonld

        return Exporter(export_jsonld, "aloe.jsonld", text=True)
    if output_format is ExportFormat.sqlite:
        from .sqlite import export_sqlite

        return Exporter(export_sqlite, "aloe.sqlite", text=False)
    from .csv_files import export_csv_zip

    return Exporter(export_csv_zip, "aloe-csv.zip", text=False)
